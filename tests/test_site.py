"""The built handbook: URLs workers and printed QR codes rely on, safe text, atomic rebuilds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import digest, edit

pytestmark = pytest.mark.site



@pytest.fixture
def built(project, handbook):
    result = handbook("--root", project, "build")
    assert result.code == 0, result.err
    return project / "site"


def test_every_page_is_where_the_url_contract_says(built):
    for page in ["index.html", "protokol/seksual/pengaduan/index.html",
                 "protokol/seksual/mediasi/index.html", "protokol/fisik/pengaduan/index.html",
                 "protokol/fisik/mediasi/index.html", "jenis/seksual/index.html",
                 "jenis/fisik/index.html", "tahap/pengaduan/index.html",
                 "tahap/mediasi/index.html", "glosarium/index.html", "rujukan/index.html",
                 "layanan/index.html", "search/search_index.json"]:
        assert (built / page).is_file(), page


def test_home_matrix_links_every_protocol(built):
    home = (built / "index.html").read_text(encoding="utf-8")
    for type_id in ("fisik", "seksual"):
        for stage_id in ("pengaduan", "mediasi"):
            assert f'href="protokol/{type_id}/{stage_id}/"' in home


def test_protocol_page_shows_version_status_review_and_red_flags_first(built):
    html = (built / "protokol/seksual/pengaduan/index.html").read_text(encoding="utf-8")
    assert '<html lang="id"' in html
    assert "Versi 0.2.0" in html
    assert "Draf: belum disahkan oleh Dinas P3APPKB" in html
    assert "Diperbarui 28 November 2026" in html
    assert "Tinjau ulang paling lambat 28 Mei 2027" in html
    html = html[html.index("<article"):]  # the page itself, not the table of contents
    assert (html.index("Lakukan sekarang") < html.index("Tanda bahaya")
            < html.index('<h3 id="dengarkan"'))
    # The stage's steps, changed by the protocol, in order; the skipped one is named as such.
    order = [html.index(t) for t in ("Dengarkan tanpa menghakimi", "Rujuk ke layanan kesehatan",
                                     "Catat pengaduan dengan kode kasus")]
    assert order == sorted(order)
    assert "Meminta korban mengulang cerita." in html
    assert "Belum dikonfirmasi" in html
    assert "(belum dicek dengan naskah resmi)" in html


def test_a_stage_that_does_not_apply_says_why_and_what_to_do_instead(built):
    html = (built / "protokol/seksual/mediasi/index.html").read_text(encoding="utf-8")
    assert "Tahap Mediasi tidak berlaku untuk Kekerasan seksual" in html
    assert "Tolak permintaan mediasi dengan tenang" in html
    assert "Nilai kesediaan korban" not in html  # the stage's steps are not inherited


def test_unconfirmed_contacts_are_marked_and_missing_ones_said_so(built):
    html = (built / "layanan/index.html").read_text(encoding="utf-8")
    assert "08111129129 <strong>(belum dikonfirmasi)</strong>" in html
    assert "Kontak belum dikonfirmasi: diisi oleh Dinas P3APPKB." in html


def test_no_page_asks_a_third_party_for_anything(built):
    loads = re.compile(r'(?:<(?:script|img|iframe|source|audio|video)[^>]*\bsrc|<link[^>]*\bhref)'
                       r'="(?:https?:)?//([^"/]+)')
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not loads.findall(html), page
        assert "fonts.googleapis" not in html
        assert "fonts.gstatic" not in html
    for sheet in built.rglob("*.css"):
        assert not re.findall(r"url\((?:['\"])?(?:https?:)?//", sheet.read_text()), sheet


def test_same_content_builds_byte_identical_sites(project, handbook, tmp_path):
    assert handbook("--root", project, "build", "--site", tmp_path / "a").code == 0
    assert handbook("--root", project, "build", "--site", tmp_path / "b").code == 0
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_a_failed_build_leaves_the_previous_site_whole(project, handbook, built):
    before = digest(built)
    edit(project / "protocols/seksual/pengaduan.yml", "status: draf", "status: final")
    result = handbook("--root", project, "build")
    assert result.code == 1
    assert "[nilai-tidak-dikenal]" in result.err
    assert digest(built) == before
    assert not list(project.glob(".site-*"))


def test_a_site_engine_failure_leaves_the_previous_site_whole(project, handbook, built):
    before = digest(built)
    (project / "docs/pages/tentang.md").write_text("[rusak](tidak-ada.md)\n", encoding="utf-8")
    result = handbook("--root", project, "build")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert digest(built) == before


def test_an_interrupted_build_leaves_the_previous_site_whole(project, handbook, built,
                                                             monkeypatch):
    import mkdocs.commands.build

    before = digest(built)

    def interrupted(config, **kwargs):
        Path(config.site_dir, "index.html").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(mkdocs.commands.build, "build", interrupted)
    result = handbook("--root", project, "build")
    assert result.code == 130
    assert digest(built) == before
    assert not list(project.glob(".site-*"))


def test_rebuild_replaces_the_site(project, handbook, built):
    edit(project / "protocols/fisik/pengaduan.yml", "title: Menerima pengaduan kekerasan fisik",
         "title: Menerima laporan kekerasan fisik")
    assert handbook("--root", project, "build").code == 0
    html = (built / "protokol/fisik/pengaduan/index.html").read_text(encoding="utf-8")
    assert "Menerima laporan kekerasan fisik" in html


def test_mkdocs_build_from_the_project_root_gives_the_same_site(project, handbook, tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    assert handbook("--root", project, "build", "--site", tmp_path / "a").code == 0
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "b"))
    build(config)
    config.plugins.on_shutdown()
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
