"""In Debian's Chromium: what a worker or trainer sees and prints."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.site, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def site(project, handbook):
    assert handbook("--root", project, "build").code == 0
    return project / "site"


def test_printing_a_protocol_page_gives_the_page_without_navigation_or_search(site, tmp_path):
    pdf = tmp_path / "print.pdf"
    page = site / "protokol/seksual/pengaduan/index.html"
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert text.startswith("Menerima pengaduan kekerasan seksual")
    assert "Lakukan sekarang" in text
    assert "Tanda bahaya" in text
    assert "Antar segera ke layanan kesehatan." in text  # a folded red flag's action
    assert "Dengarkan tanpa menghakimi" in text
    for chrome in ("Jenis kekerasan", "Tahap layanan", "Glosarium", "Cari", "Unduh"):
        assert chrome not in text, chrome


def test_a_protocol_past_its_review_date_warns_on_its_page_and_no_other_does(
        project, handbook, browser):
    """What Chromium displays, not an attribute: the theme's CSS once showed a `hidden` notice
    on every page."""
    from playwright.sync_api import expect

    from tests.conftest import edit

    path = project / "protocols/fisik/pengaduan.yml"
    edit(path, "reviewed: 2026-11-28", "reviewed: 2020-01-01")
    edit(path, "review_due: 2027-05-28", "review_due: 2020-06-01")
    assert handbook("--root", project, "build").code == 0
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto((project / "site/protokol/fisik/pengaduan/index.html").as_uri())
    expect(page.get_by_text("Perlu ditinjau ulang")).to_be_visible()
    expect(page.get_by_text("(1 Juni 2020) sudah lewat")).to_be_visible()
    page.goto((project / "site/protokol/seksual/pengaduan/index.html").as_uri())
    expect(page.locator("h1")).to_be_visible()
    expect(page.get_by_text("Perlu ditinjau ulang")).to_be_hidden()
    expect(page.get_by_text("sudah lewat")).to_be_hidden()
    context.close()
