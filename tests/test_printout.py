"""Trainers print checklists: one A4 page each, derived from the protocol, and a booklet."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from pypdf import PdfReader

from generator.build import generate
from generator.checklist import checklist_for
from generator.pages import BOOKLET, checklist_file
from generator.printout import Printer
from tests.conftest import FIXTURES, edit

A4 = (595, 842)  # points, rounded


def text_of(pdf: bytes) -> tuple[int, list[tuple[int, int]], str]:
    reader = PdfReader(io.BytesIO(pdf))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in reader.pages]
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    return len(reader.pages), sizes, text


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("mini")
    shutil.copytree(FIXTURES / "mini" / "protocols", root / "protocols")
    return generate(root, site_url="https://contoh.invalid/buku/")


def test_every_protocol_has_a_one_page_a4_checklist_with_its_title_and_items(generated):
    handbook = generated.handbook
    for protocol in handbook.protocols:
        count, sizes, text = text_of(generated.downloads[checklist_file(protocol)])
        assert count == 1, protocol.key
        assert sizes == [A4], protocol.key
        # a stage that does not apply is titled by the protocol ("... TIDAK dimediasi")
        heading = (protocol.title if protocol.not_applicable else
                   f"{handbook.type(protocol.type).name} · {handbook.stage(protocol.stage).name}")
        assert heading in text
        for group in checklist_for(handbook, protocol).groups:
            assert group.pause.title in text
            for item in group.items:
                assert item in text, (protocol.key, item)


def test_checklist_header_has_version_status_dates_address_and_fields(generated):
    pdf = generated.downloads["protokol/seksual/pengaduan/daftar-periksa-seksual-pengaduan.pdf"]
    _, _, text = text_of(pdf)
    for expected in ("Versi 0.2.0", "Draf: belum disahkan oleh Dinas P3APPKB",
                     "Diperbarui 28 November 2026", "Edisi 28 November 2026",
                     "https://contoh.invalid/buku/protokol/seksual/pengaduan/", "Tanggal",
                     "Nama petugas", "Kode kasus", "bukan nama korban", "Paraf",
                     "Tanda bahaya", "Kejadian kurang dari 120 jam (5 hari) yang lalu",
                     "Lakukan sekarang", "1 Dengarkan tanpa menghakimi",
                     "2 Rujuk ke layanan kesehatan (telepon 129)"):
        assert expected.replace(" ", "").lower() in text.replace(" ", "").lower(), expected


def test_booklet_has_cover_contents_and_every_numbered_checklist_by_stage(generated):
    count, sizes, text = text_of(generated.downloads[BOOKLET])
    handbook = generated.handbook
    # cover, contents, one page per checklist, the decision guide's flowchart
    assert count == 2 + len(handbook.protocols) + 1
    assert set(sizes) == {A4}
    assert "Daftar isi" in text
    assert "Edisi 28 November 2026" in text
    reader = PdfReader(io.BytesIO(generated.downloads[BOOKLET]))
    contents = " ".join(reader.pages[1].extract_text().split())
    assert contents.index("Pengaduan") < contents.index("Mediasi")  # by stage, then type
    for sheet, page in enumerate(reader.pages[2:-1], start=1):
        sheet_text = " ".join(page.extract_text().split())
        assert f"Lembar {sheet}" in sheet_text
    first = " ".join(reader.pages[2].extract_text().split())
    assert "Kekerasan fisik · Pengaduan" in first
    assert "Kekerasan fisik Lembar 1" in contents


@pytest.mark.site
def test_protocol_page_links_its_checklist_and_home_links_the_booklet(shipped_site):
    """The link a trainer taps names the file and its real size (added after the build)."""
    def links(page: str) -> list[tuple[str, str]]:
        html = (shipped_site / page).read_text(encoding="utf-8")
        return re.findall(r'<a href="([^"]+\.pdf)" data-hb-download>([^<]*)</a>', html)

    protocol = links("protokol/seksual/pengaduan/index.html")
    pdf = shipped_site / "protokol/seksual/pengaduan/daftar-periksa-seksual-pengaduan.pdf"
    label = f"({max(1, pdf.stat().st_size // 1024)} KB)"
    assert ("daftar-periksa-seksual-pengaduan.pdf", f"Unduh daftar periksa (PDF) {label}"
            ) in protocol
    booklet = dict(links("index.html"))["unduh/buku-daftar-periksa.pdf"]
    assert booklet.startswith("Unduh buku daftar periksa untuk pelatihan (PDF) (")
    assert booklet.endswith(" KB)") or booklet.endswith(" MB)")


def test_unchanged_checklists_are_not_rendered_again(generated, tmp_path):
    handbook = generated.handbook
    printer = Printer(handbook, cache_dir=tmp_path)
    first = [printer.checklist(p).pdf for p in handbook.protocols]
    assert printer.rendered == len(handbook.protocols)
    again = Printer(handbook, cache_dir=tmp_path)
    assert [again.checklist(p).pdf for p in handbook.protocols] == first
    assert again.rendered == 0


def test_same_protocol_gives_byte_identical_pdfs(generated):
    handbook = generated.handbook
    protocol = handbook.protocol("seksual", "pengaduan")
    assert Printer(handbook).checklist(protocol).pdf == Printer(handbook).checklist(protocol).pdf


def test_a_checklist_too_long_for_one_page_fails_check_with_its_place(project, handbook):
    items = "".join(f"      - Periksa hal penting nomor {i} bersama korban dan catat hasilnya\n"
                    for i in range(60))
    edit(project / "protocols/fisik/pengaduan.yml", "child:",
         "change_steps:\n  - step: dengarkan\n    checklist:\n" + items + "child:")
    result = handbook("--root", project, "check")
    assert result.code == 1
    line = next(x for x in result.err.splitlines() if "daftar-periksa-panjang" in x)
    assert line.startswith("protocols/fisik/pengaduan.yml:1:1: daftar periksa melebihi satu "
                           "halaman A4 (")
    pages = int(line.split("A4 (")[1].split(" halaman")[0])
    mm = float(line.split("sekitar ")[1].split(" mm")[0])
    assert pages >= 2
    assert 150 < mm < 600
