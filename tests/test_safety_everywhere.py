"""Safety features wherever the handbook is opened: the offline zip from disk (file://), a site
served under a sub-path (GitHub Pages project sites), a cold first visit before the theme's
scripts have loaded, and a new edition behind an HTTP cache (GitHub Pages: max-age=600); a page
of the same origin cannot make the service worker serve forged handbook pages.
(Audit 2026-11-30: P6, P7, P8, W1, W3, cold quick exit.)"""

from __future__ import annotations

import contextlib
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import QuietHandler, edit, serving

pytestmark = [pytest.mark.site, pytest.mark.browser]
NEUTRAL_TITLE = "Resep Sayur Bening Bayam"


@pytest.fixture
def built(project, handbook):
    assert handbook("--root", project, "build").code == 0
    return project / "site"


@pytest.fixture
def unzipped(built, tmp_path):
    with zipfile.ZipFile(built / "unduh/buku-saku-luring.zip") as zf:
        zf.extractall(tmp_path / "zip")
    return tmp_path / "zip/buku-saku"


def test_quick_exit_in_the_zip_opens_the_neutral_page(browser, unzipped):
    context = browser.new_context()
    page = context.new_page()
    page.goto((unzipped / "glosarium/index.html").as_uri())
    page.goto((unzipped / "protokol/seksual/pengaduan/index.html").as_uri())
    page.get_by_role("link", name=re.compile("Keluar cepat")).click()
    page.wait_for_url(re.compile(r"resep/index\.html$"))
    assert page.title() == NEUTRAL_TITLE  # not "Index of .../resep/"
    page.go_back()
    assert page.url.endswith("glosarium/index.html")  # the protocol page was replaced
    page.goto((unzipped / "protokol/seksual/pengaduan/index.html").as_uri())
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(re.compile(r"resep/index\.html$"))
    assert page.title() == NEUTRAL_TITLE
    context.close()


def test_darurat_in_the_zip_shows_the_emergency_numbers(browser, unzipped):
    context = browser.new_context()
    page = context.new_page()
    for start in ("index.html", "protokol/seksual/pengaduan/index.html",
                  "jenis/seksual/index.html"):
        page.goto((unzipped / start).as_uri())
        page.get_by_role("link", name="Darurat").first.click()
        page.wait_for_url(re.compile(r"darurat/index\.html$"))
        expect(page.locator("article")).to_contain_text("129")
    context.close()


def test_quick_exit_works_before_the_theme_scripts_have_loaded(browser, built):
    with _serve(built) as base:
        context = browser.new_context()
        page = context.new_page()
        # A slow connection: the theme's bundle never arrives.
        page.route(re.compile(r"bundle\.[0-9a-f]+\.min\.js"), lambda route: None)
        page.goto(base, wait_until="commit")
        page.goto(base + "glosarium/", wait_until="commit")
        page.locator("[data-hb-exit]").wait_for()
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(base + "resep/", timeout=5000)
        page.go_back(wait_until="commit")
        assert page.url == base  # the glossary page was replaced, not pushed
        page.goto(base + "glosarium/", wait_until="commit")
        page.locator("[data-hb-exit]").click()
        page.wait_for_url(base + "resep/", timeout=5000)
        context.close()


def test_the_404_page_works_under_a_sub_path(browser, project, handbook, tmp_path,
                                              monkeypatch):
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://contoh.github.io/handbook/")
    assert handbook("--root", project, "build", "--site", tmp_path / "origin/handbook").code == 0
    html = (tmp_path / "origin/handbook/404.html").read_text(encoding="utf-8")
    assert not re.findall(r'(?:href|src)="/(?!handbook/)', html)
    with _serve(tmp_path / "origin", not_found="handbook/404.html") as base:
        context = browser.new_context()
        page = context.new_page()
        failed = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("response", lambda r: failed.append(r.url) if r.status == 404 and
                "tidak-ada" not in r.url else None)
        page.goto(base + "handbook/tidak-ada/", wait_until="networkidle")
        assert failed == []  # styles and scripts load
        page.get_by_role("link", name="Darurat").first.click()
        page.wait_for_url(base + "handbook/darurat/")
        expect(page.locator("article")).to_contain_text("129")
        page.goto(base + "handbook/tidak-ada/", wait_until="networkidle")
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(base + "handbook/resep/")
        assert page.title() == NEUTRAL_TITLE
        context.close()


def test_a_new_edition_behind_an_http_cache_is_cached_fresh(browser, project, handbook):
    assert handbook("--root", project, "build").code == 0
    with _serve(project / "site", cache_control="max-age=600") as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "protokol/fisik/pengaduan/")
        _wait_until_cached(page)
        page.goto(base + "glosarium/")  # every file now also sits in the HTTP cache
        edit(project / "protocols/fisik/pengaduan.yml",
             "title: Menerima pengaduan kekerasan fisik", "title: Menerima laporan kekerasan fisik")
        assert handbook("--root", project, "build").code == 0
        page.goto(base + "protokol/fisik/pengaduan/")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.get_by_role("button", name="Muat ulang").click(timeout=30000)
        expect(page.locator("article h1")).to_have_text("Menerima laporan kekerasan fisik",
                                                        timeout=30000)
        context.close()


def test_a_forged_cache_entry_from_the_same_origin_is_not_served(browser, built):
    with _serve(built) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        name = _wait_until_cached(page)
        # What another project site of the same owner could run on the same origin:
        page.evaluate("""name => caches.open(name).then(cache => cache.put(
            new URL('darurat/', location.href).href,
            new Response('<title>POISONED</title><h1>POISONED</h1>',
                         {headers: {'Content-Type': 'text/html'}})))""", name)
        page.goto(base + "darurat/")
        assert "POISONED" not in page.content()
        expect(page.locator("article")).to_contain_text("129")
        context.close()


def _wait_until_cached(page) -> str:
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    for _ in range(300):
        if page.evaluate("navigator.serviceWorker.controller !== null"):
            break
        page.wait_for_timeout(100)
    return page.evaluate("caches.keys().then(keys => keys[0])")


@contextlib.contextmanager
def _serve(folder: Path, *, cache_control: str = "", not_found: str = ""):
    """Serve `folder` on a free local port, optionally with a Cache-Control header on every
    response and a page for missing URLs (status 404, as GitHub Pages does)."""

    class Handler(QuietHandler):
        def end_headers(self):
            if cache_control:
                self.send_header("Cache-Control", cache_control)
            super().end_headers()

        def send_error(self, code, message=None, explain=None):
            if code == 404 and not_found:
                body = (folder / not_found).read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().send_error(code, message, explain)

    with serving(folder, Handler) as base:
        yield base


