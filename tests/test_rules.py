"""Content rules from the practitioner review: the shipped text keeps them, the old text broke them.

"Old text" is the content of main before the review's corrections (commit 279347d), read from
git, so that each rule is shown to catch what the reviewers found.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.checklist import checklist_for
from generator.errors import ContentInvalidError
from generator.merge import effective_child, effective_red_flags
from generator.validate import load_handbook
from tests.conftest import ROOT, edit

BEFORE_REVIEW = "279347d"
CRIMES = ["seksual", "perdagangan-orang", "eksploitasi"]


def _codes(root: Path) -> dict[str, list[str]]:
    """Every error of a check, by code, as `path:line`."""
    try:
        load_handbook(root)
    except ContentInvalidError as error:
        found: dict[str, list[str]] = {}
        for p in error.problems:
            if not p.warning:
                found.setdefault(p.code, []).append(f"{p.path}:{p.line}")
        return found
    return {}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped protocols/ to change."""
    shutil.copytree(ROOT / "protocols", tmp_path / "protocols")
    return tmp_path


def _old(content: Path, *paths: str) -> None:
    """Put back the pre-review text of some files."""
    for path in paths:
        text = subprocess.run(["git", "-C", str(ROOT), "show", f"{BEFORE_REVIEW}:{path}"],
                              capture_output=True, text=True, check=True).stdout
        # red flags got a required `urgency` after the review; the old text had none
        text = re.sub(r"^(  - sign: .*)$", r"\1\n    urgency: segera", text, flags=re.M)
        (content / path).write_text(text, encoding="utf-8")


def _has_git_history() -> bool:
    return subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", BEFORE_REVIEW],
                          capture_output=True).returncode == 0


needs_history = pytest.mark.skipif(not _has_git_history(), reason="no git history")


def test_the_shipped_content_keeps_every_rule():
    handbook, warnings = load_handbook(ROOT)
    assert handbook.protocols


@pytest.mark.parametrize("type_id", CRIMES)
def test_a_never_mediated_page_carries_none_of_the_mediation_stage(type_id):
    handbook, _ = load_handbook(ROOT)
    stage = handbook.stage("mediasi")
    protocol = handbook.protocol(type_id, "mediasi")
    flags = effective_red_flags(handbook, protocol)
    assert flags and not set(flags) & set(stage.red_flags)
    assert set(effective_child(handbook, protocol)) == set(protocol.child)  # none of the stage's
    assert not any("sengketa nafkah" in c for c in effective_child(handbook, protocol))
    sheet = checklist_for(handbook, protocol)
    titles = [g.pause.title for g in sheet.groups]
    assert titles and not set(titles) & {p.title for p in stage.pause_points}
    text = " ".join(f"{f.sign} {f.action}" for f in sheet.red_flags).lower()
    assert "tatap muka" not in text and "kesepakatan dilanggar" not in text
    assert "TIDAK dimediasi" in protocol.title


def test_a_crime_mediation_page_without_not_applicable_is_refused(content):
    path = content / "protocols" / "seksual" / "mediasi.yml"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("not_applicable:", 1)
    rest = rest[rest.index("\nred_flags:"):]
    # without not_applicable the steps' pause points have to be the stage's
    text = ((head + rest.lstrip("\n")).replace("pause: saat-damai-diusulkan", "pause: saat-diminta")
            .replace("pause: selama-proses-pidana", "pause: selama-proses")
            .replace("pause: pemantauan", "pause: tindak-lanjut"))
    path.write_text(text, encoding="utf-8")
    found = _codes(content)
    assert "protocols/seksual/mediasi.yml:1" in found["mediasi-tindak-pidana"]


def test_mediation_procedure_written_on_a_crime_page_is_refused_where_it_stands(content):
    path = content / "protocols" / "perdagangan-orang" / "mediasi.yml"
    urgency = "    urgency: nyawa\n" if "urgency:" in path.read_text(encoding="utf-8") else ""
    edit(path, "\nred_flags:\n", "\nred_flags:\n  - sign: Pelaku mengancam korban\n"
         "    action: Jangan lakukan mediasi tatap muka; pakai mediasi terpisah.\n" + urgency)
    found = _codes(content)
    line = path.read_text(encoding="utf-8").split("\n").index(
        "    action: Jangan lakukan mediasi tatap muka; pakai mediasi terpisah.") + 1
    assert f"protocols/perdagangan-orang/mediasi.yml:{line}" in found["mediasi-tindak-pidana"]


def test_a_not_applicable_protocol_must_write_its_own_pause_points(content):
    path = content / "protocols" / "eksploitasi" / "mediasi.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("pause_points:")
    path.write_text(text[:start] + text[text.index("red_flags:", start):], encoding="utf-8")
    found = _codes(content)
    assert any(p.startswith("protocols/eksploitasi/mediasi.yml") for p in found["kolom-wajib"])


@needs_history
def test_the_old_72_hour_red_flags_are_refused(content):
    _old(content, "protocols/stages/pengaduan.yml")
    found = _codes(content)
    lines = (content / "protocols/stages/pengaduan.yml").read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines, 1) if "seksual terjadi kurang dari 72 jam" in t)
    assert found["jam-72-tanpa-120"] == [f"protocols/stages/pengaduan.yml:{line}"]


@needs_history
def test_the_old_sexual_violence_protocols_miss_the_reporting_duty(content):
    stages = [f"protocols/stages/{s}.yml" for s in ("pengaduan", "penanganan-awal",
                                                     "pengelolaan-kasus")]
    _old(content, *stages, "protocols/seksual/pengaduan.yml",
         "protocols/seksual/penanganan-awal.yml", "protocols/seksual/pemulihan.yml")
    found = _codes(content)
    for name in ("pengaduan", "penanganan-awal", "pemulihan"):
        assert f"protocols/seksual/{name}.yml:1" in found["lapor-tpks-tidak-ada"]


@needs_history
def test_the_old_diversi_line_without_its_limit_is_refused(content):
    _old(content, "protocols/seksual/pengelolaan-kasus.yml")
    found = _codes(content)
    assert any(p.startswith("protocols/seksual/pengelolaan-kasus.yml:")
               for p in found["diversi-tanpa-syarat"])


def test_a_72_hour_clock_with_the_120_hour_clock_is_accepted(content):
    path = content / "protocols" / "seksual" / "pendampingan.yml"
    edit(path, "\nchild:\n", "\n  - step: dampingi-di-pengadilan\n    add_do:\n"
         "      - Dalam 72 jam PEP HIV; sampai 120 jam kontrasepsi darurat.\nchild:\n")
    assert "jam-72-tanpa-120" not in _codes(content)
    edit(path, "Dalam 72 jam PEP HIV; sampai 120 jam kontrasepsi darurat.",
         "Dalam 72 jam PEP HIV.")
    assert "jam-72-tanpa-120" in _codes(content)


@needs_history
def test_the_old_confidentiality_promise_is_refused_on_sexual_violence_pages(content):
    _old(content, "protocols/stages/pengaduan.yml")
    found = _codes(content)
    lines = (content / "protocols/stages/pengaduan.yml").read_text(encoding="utf-8").split("\n")
    promise = next(i for i, t in enumerate(lines, 1) if "kepada layanan yang Anda setujui" in t)
    choice = next(i for i, t in enumerate(lines, 1) if "adalah pilihan korban, kecuali" in t)
    assert {f"protocols/stages/pengaduan.yml:{promise}",
            f"protocols/stages/pengaduan.yml:{choice}"} <= set(found["janji-kerahasiaan"])
