"""The pipeline around the site engine: whatever built the themed pages, the handbook is only
published whole, and the offline download reads every link and search result from disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator import engine
from generator.download import file_url, offline_index, offline_page
from generator.search import build_index
from generator.validate import load_handbook
from tests.conftest import ROOT, digest



@pytest.mark.parametrize(("url", "from_disk"), [
    ("../darurat/", "../darurat/index.html"),
    ("../../protokol/seksual/pengaduan/#langkah", "../../protokol/seksual/pengaduan/index.html#langkah"),
    ("..", "../index.html"),
    (".", "./index.html"),
    ("../..", "../../index.html"),
    ("daftar-periksa-fisik-pengaduan.pdf", "daftar-periksa-fisik-pengaduan.pdf"),
    ("../assets/stylesheets/main.css", "../assets/stylesheets/main.css"),
    ("#lakukan-sekarang", "#lakukan-sekarang"),
    ("tel:129", "tel:129"),
    ("https://peraturan.bpk.go.id/", "https://peraturan.bpk.go.id/"),
    ("/darurat/", "/darurat/"),
])
def test_a_link_in_the_download_names_the_file_a_browser_opens_from_disk(url, from_disk):
    assert file_url(url) == from_disk
    page = f'<html><head></head><body><a href="{url}">x</a><img src=\'{url}\'></body></html>'
    rewritten = offline_page(page, depth=0)
    assert f'<a href="{from_disk}">' in rewritten
    assert f"<img src='{from_disk}'>" in rewritten


def test_the_downloads_search_index_is_the_sites_read_from_disk():
    """Mapping the site's index (what the build does) gives the index built from disk
    locations: a new URL in the index that the mapping forgets fails here."""
    handbook, _ = load_handbook(ROOT)
    docs = [{"location": location, "title": "Judul", "text": "Korban datang. Petugas menerima."}
            for location in ("", "#lainnya", "darurat/", "protokol/seksual/pengaduan/",
                             "protokol/seksual/pengaduan/#langkah", "glosarium/#visum")]
    raw = {"config": {"lang": ["id"]}, "docs": docs}
    from_disk = {"config": raw["config"],
                 "docs": [{**d, "location": file_url(d["location"]) if d["location"][:1]
                           not in ("", "#") else "index.html" + d["location"]} for d in docs]}
    mapped = offline_index(build_index(raw, handbook))
    assert mapped == build_index(from_disk, handbook, directory_urls=False)
    assert mapped["config"]["handbook"]["pages"]["protokol/seksual/pengaduan/index.html"]


@pytest.mark.site
def test_an_engine_that_leaves_out_generated_pages_publishes_nothing(project, handbook,
                                                                      monkeypatch):
    assert handbook("--root", project, "build").code == 0
    before = digest(project / "site")
    real = engine.build

    def forgetful(config_file, **kwargs):  # like an engine that runs no handbook step
        real(config_file, **kwargs)
        site = Path(yaml.safe_load(Path(config_file).read_text(encoding="utf-8"))["site_dir"])
        shutil.rmtree(site / "protokol/fisik")

    monkeypatch.setattr(engine, "build", forgetful)
    result = handbook("--root", project, "build")
    assert result.code == 1
    assert "tidak lengkap" in result.err
    assert "protokol/fisik/pengaduan/index.html" in result.err
    assert "Traceback" not in result.err
    assert digest(project / "site") == before


@pytest.mark.site
def test_a_hand_written_link_to_nothing_stops_the_build(project, handbook):
    # The engine checks Markdown links; a link written as HTML it passes on unchecked.
    (project / "docs/pages/tentang.md").write_text(
        '# Tentang\n\nLihat <a href="../panduan-lama/">panduan lama</a>.\n', encoding="utf-8")
    result = handbook("--root", project, "build")
    assert result.code == 1
    assert "tentang/index.html -> ../panduan-lama/" in result.err
    assert not (project / "site").exists()


@pytest.mark.site
def test_two_engines_in_two_checkouts_build_the_same_handbook(project, handbook, tmp_path,
                                                              monkeypatch):
    """MkDocs here, ProperDocs in a copy of the project elsewhere: byte for byte the same
    site, PDFs and offline download included (nothing depends on the engine or the folder)."""
    elsewhere = tmp_path / "lain" / "salinan"
    shutil.copytree(project, elsewhere, ignore=shutil.ignore_patterns("site", ".handbook-cache"))
    assert handbook("--root", project, "build").code == 0
    monkeypatch.setenv(engine.ENGINE_VARIABLE, "properdocs")
    result = handbook("--root", elsewhere, "build")
    assert result.code == 0, result.err
    assert digest(elsewhere / "site") == digest(project / "site")


@pytest.mark.site
def test_a_failed_engine_is_reported_and_the_old_site_kept(project, handbook, monkeypatch):
    assert handbook("--root", project, "build").code == 0
    before = digest(project / "site")
    (project / "docs/pages/tentang.md").write_text(
        "# Tentang\n\n[Halaman lama](tidak-ada.md)\n", encoding="utf-8")
    monkeypatch.setenv(engine.ENGINE_VARIABLE, "properdocs")
    result = handbook("--root", project, "build")
    assert result.code == 1
    assert "Situs tidak dibangun oleh properdocs" in result.err
    assert "tidak-ada.md" in result.err
    assert digest(project / "site") == before


@pytest.mark.site
def test_a_link_to_a_missing_anchor_stops_the_build(project, handbook):
    (project / "docs/pages/tentang.md").write_text(
        '# Tentang\n\nLihat <a href="../glosarium/#istilah-hilang">istilah</a>.\n',
        encoding="utf-8")
    result = handbook("--root", project, "build")
    assert result.code == 1
    assert "tentang/index.html -> ../glosarium/#istilah-hilang" in result.err


def test_the_html_cache_keeps_only_what_the_last_build_used(tmp_path):
    from generator.prerender import prerender

    pages = {"index.md": "# Beranda\n\nKorban didampingi.\n",
             "darurat.md": "# Darurat\n\n[Beranda](index.md)\n"}
    first = prerender(pages, [], cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.md"))) == 2
    changed = {**pages, "darurat.md": "# Darurat\n\n[Kembali ke beranda](index.md)\n"}
    second = prerender(changed, [], cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.md"))) == 2
    assert second["index.md"] == first["index.md"]
    assert '<a href="../">Kembali ke beranda</a>' in second["darurat.md"]


@pytest.mark.site
def test_the_search_index_made_beside_the_engine_is_the_themes_own(project, tmp_path):
    """generator.engine_index gives, byte for byte, the index the theme's search plugin writes
    when it reads every page itself: front matter with and without `search`, tags, a page with
    none, pages the plugin skips."""
    from generator import engine_index, stage
    from generator.build import _search_entries, generate

    (project / "docs/pages/tanpa-judul.md").write_text(
        "Teks tanpa judul <em>penting</em>.\n\n## Bagian { #bagian }\n\nKorban & saksi.\n",
        encoding="utf-8")
    (project / "docs/pages/dengan-tag.md").write_text(
        "---\ntags:\n  - rujukan\nsearch:\n  boost: 2\n---\n# Dengan tag\n\nIsi.\n",
        encoding="utf-8")
    (project / "docs/pages/.catatan.md").write_text("# Catatan\n\nTidak dibangun.\n",
                                                     encoding="utf-8")  # the engine skips it
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["nav"].append({"Tanpa judul & tag": "tanpa-judul.md"})
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    generated = generate(project, checklists=False, offline_zip=True)
    built = {}
    for how in ("plugin", "beside"):
        docs = stage.write_sources(project, generated, tmp_path / how / "sources")
        config = stage.write_config(project, generated, docs, tmp_path / how / "site")
        entries = _search_entries(config, docs, tmp_path / "cache") if how == "beside" else None
        engine.build(config)
        if entries is not None:
            engine_index.write(tmp_path / how / "site", entries)
        built[how] = (tmp_path / how / "site" / "search/search_index.json").read_bytes()
    assert b'"location":"tanpa-judul/","title":"Tanpa judul &amp; tag"' in built["plugin"]
    assert b'"location":"tanpa-judul/#bagian"' in built["plugin"]
    assert b'"boost":2' in built["plugin"]
    assert b"Tidak dibangun" not in built["plugin"]
    assert built["beside"] == built["plugin"]


def test_the_final_check_resolves_links_as_a_browser_opens_them():
    from generator.verify import broken_links

    pages = {
        "index.html": '<h2 id="atas">x</h2>',
        "darurat/index.html": '<p id="sapa-129" data-id="tidak-ada">x</p>',
        "protokol/fisik/pengaduan/index.html": (
            '<a href="../../../darurat/#sapa-129">a</a> <a href="../../..">b</a> '
            '<a href="../../../?q=1#atas">c</a> <a href="#langkah">d</a> '
            '<img src="../../../darurat/./"> <a href="tel:112">e</a> '
            '<a href="../../../hilang/">f</a> <a href="../../../darurat/#tidak-ada">g</a> '
            '<a data-href="../../../bukan-tautan/" href="../../..">h</a>'),
    }
    broken = broken_links(set(pages), pages.__getitem__)  # own anchors (#langkah): the engine's
    assert broken == sorted([
        "protokol/fisik/pengaduan/index.html -> ../../../hilang/",
        "protokol/fisik/pengaduan/index.html -> ../../../darurat/#tidak-ada"])


def test_the_download_rewrites_links_not_attributes_that_look_like_them():
    page = ('<html><head></head><body><a data-href="../darurat/" href="../darurat/">x</a>'
            '<div data-src=".."></div><img\nsrc=".."></body></html>')
    rewritten = offline_page(page, depth=1)
    assert 'data-href="../darurat/" href="../darurat/index.html"' in rewritten
    assert '<div data-src=".."></div><img\nsrc="../index.html">' in rewritten
