"""Rendering: the protocol page a worker reads, derived from the stage and the protocol.

Golden files in tests/golden/ are the expected Markdown; after an intended change, rebuild them
with `UPDATE_GOLDENS=1 bash scripts/test tests/test_render.py` and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build import generate
from generator.checklist import checklist_for
from generator.merge import effective_steps
from generator.plugin import HandbookPlugin
from tests.conftest import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden"
MINI = FIXTURES / "mini"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("mini")
    shutil.copytree(MINI / "protocols", root / "protocols")
    return generate(root)


@pytest.mark.parametrize("page", ["protokol/seksual/pengaduan.md", "protokol/seksual/mediasi.md",
                                  "index.md", "layanan.md"])
def test_page_matches_its_golden_file(generated, page):
    golden = GOLDEN / page.replace("/", "--")
    if os.environ.get("UPDATE_GOLDENS"):
        golden.write_text(generated.pages[page], encoding="utf-8")
    assert generated.pages[page] == golden.read_text(encoding="utf-8")


def test_protocol_steps_are_the_stage_steps_changed_by_the_protocol(generated):
    handbook = generated.handbook
    steps = effective_steps(handbook, handbook.protocol("seksual", "pengaduan"))
    assert [s.id for s in steps] == ["dengarkan", "rujuk-kesehatan", "catat"]
    listen = steps[0]
    assert listen.avoid == ("Bertanya mengapa korban tidak melawan.",
                            "Meminta korban mengulang cerita.")
    plain = effective_steps(handbook, handbook.protocol("fisik", "pengaduan"))
    assert [s.id for s in plain] == ["siapkan-ruang", "dengarkan", "catat"]


def test_checklist_is_derived_from_steps_grouped_by_pause_point(generated):
    handbook = generated.handbook
    checklist = checklist_for(handbook, handbook.protocol("fisik", "pengaduan"))
    assert [(g.pause.title, g.items) for g in checklist.groups] == [
        ("Sebelum bertemu korban", ("Siapkan ruang yang aman dan tertutup",)),
        ("Selama bertemu korban", ("Dengarkan tanpa menghakimi", "Catat dengan kode kasus",
                                   "Jangan tulis nama korban di berkas bersama")),
    ]
    assert [f.sign for f in checklist.red_flags] == ["Nyawa korban terancam"]


def test_navigation_groups_protocols_by_type_and_lists_stages(generated):
    nav = generated.nav
    assert [next(iter(item)) for item in nav] == [
        "Beranda", "Jenis kekerasan", "Tahap layanan", "Layanan rujukan", "Glosarium", "Sumber"]
    by_type = nav[1]["Jenis kekerasan"]
    assert by_type[0] == {"Kekerasan fisik": [{"Ringkasan": "jenis/fisik/index.md"},
                                              {"Pengaduan": "protokol/fisik/pengaduan.md"},
                                              {"Mediasi": "protokol/fisik/mediasi.md"}]}


def test_serve_rebuilds_when_a_protocol_changes():
    watched = []

    class Server:
        def watch(self, path):
            watched.append(path)

    plugin = HandbookPlugin()
    plugin.root = MINI
    plugin.on_serve(Server(), config=None, builder=None)
    assert watched == [str(MINI / "protocols")]
