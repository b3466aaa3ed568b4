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
    assert "Segera bertindak bila" in text
    assert "Dengarkan tanpa menghakimi" in text
    for chrome in ("Jenis kekerasan", "Tahap layanan", "Glosarium", "Cari", "Unduh"):
        assert chrome not in text, chrome


def dom(page, tmp_path) -> str:
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile-dom'}",
                           "--dump-dom", page.as_uri()],
                          check=True, capture_output=True, text=True, timeout=120)
    return done.stdout


def test_a_protocol_past_its_review_date_warns_on_its_page(project, handbook, tmp_path):
    from tests.conftest import edit

    path = project / "protocols/fisik/pengaduan.yml"
    edit(path, "reviewed: 2026-11-28", "reviewed: 2020-01-01")
    edit(path, "review_due: 2027-05-28", "review_due: 2020-06-01")
    assert handbook("--root", project, "build").code == 0
    overdue = dom(project / "site/protokol/fisik/pengaduan/index.html", tmp_path)
    assert '<div class="admonition warning" data-review-due="2020-06-01">' in overdue
    current = dom(project / "site/protokol/seksual/pengaduan/index.html", tmp_path)
    assert 'data-review-due="2027-05-28" hidden=""' in current
