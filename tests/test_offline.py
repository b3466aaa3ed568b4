"""In a worker's pocket: after one visit the handbook works with the network cut, the zip works
from disk, a new edition replaces the old one cleanly, and nothing is asked of anyone else."""

from __future__ import annotations

import contextlib
import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.conftest import edit, serving
from tests.test_first_screen import assert_card_and_life_danger_flags_on_the_first_screen

pytestmark = [pytest.mark.site, pytest.mark.browser]


@pytest.fixture
def serve_folder():
    with contextlib.ExitStack() as stack:
        yield lambda folder: stack.enter_context(serving(folder))


def search(page, query: str) -> str:
    """Type a query into the theme's search box; the first result's link.

    Typed key by key, as a person does: the theme reads the box on key-up (a `fill` that lands
    after the worker is ready is never searched)."""
    page.get_by_role("textbox", name=re.compile("Cari")).press_sequentially(query)
    page.wait_for_selector(".md-search-result__link", timeout=15000)
    return page.locator(".md-search-result__link").first.get_attribute("href")


def wait_until_cached(page) -> str:
    """Wait until the service worker has cached this edition; return the cache's name."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # installed = all cached
    for _ in range(300):
        if page.evaluate("navigator.serviceWorker.controller !== null"):
            break
        page.wait_for_timeout(100)
    return page.evaluate("caches.keys().then(keys => keys.join(','))")


def test_after_one_visit_every_page_and_search_work_offline(browser, served, shipped_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served)
    wait_until_cached(page)
    context.set_offline(True)
    for path in sorted(shipped_site.glob("protokol/*/*/index.html")):
        url = path.relative_to(shipped_site).as_posix().removesuffix("index.html")
        response = page.goto(served + url)
        assert response is not None, url
        assert response.ok, url
        assert page.locator("article h1").count() == 1, url
    assert "seksual" in search(page, "diperkosa")  # stems and all, with no network
    # and the text of the pages (the index's second step) from the installed app's cache
    expect(page.locator(".md-search-result__article p", has_text="…").first).to_be_visible()
    context.close()


def test_all_checklists_can_be_saved_for_offline_with_one_action(browser, served):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served)
    wait_until_cached(page)
    page.get_by_role("button", name=re.compile("Simpan semua daftar periksa")).click()
    status = page.locator("[data-hb-save-status]")
    expect(status).to_contain_text("tersimpan", timeout=30000)
    assert "50 berkas" in status.text_content()  # 48 checklists, the booklet, the guide chart
    context.set_offline(True)
    response = page.goto(served + "unduh/buku-daftar-periksa.pdf")
    assert response is not None
    assert response.ok
    context.close()


def test_the_zip_opened_from_disk_navigates_and_searches(browser, shipped_site, tmp_path):
    with zipfile.ZipFile(shipped_site / "unduh/buku-saku-luring.zip") as zf:
        names = zf.namelist()
        zf.extractall(tmp_path)
    # the theme's own search worker and lunr are replaced by the handbook's worker
    assert not [n for n in names if n.endswith(".map") or "/lunr/" in n or "/workers/" in n]
    context = browser.new_context()
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        ("file:", "data:", "blob:", "about:")) else None)
    page.goto((tmp_path / "buku-saku/index.html").as_uri())
    page.get_by_role("link", name="Kekerasan seksual").first.click()
    assert page.url.endswith("jenis/seksual/index.html")
    page.get_by_role("link", name="Pengaduan").first.click()
    assert page.url.endswith(".html")
    expect(page.locator("article h1")).to_have_count(1)  # waits for the page to load
    assert "fisik" in search(page, "dipukul suami")
    assert outside == []
    context.close()


def test_a_new_edition_is_offered_and_replaces_the_cache_cleanly(browser, project, handbook,
                                                                  serve_folder):
    assert handbook("--root", project, "build").code == 0
    base = serve_folder(project / "site")
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "protokol/fisik/pengaduan/")
    first = wait_until_cached(page)
    edit(project / "protocols/fisik/pengaduan.yml", "title: Menerima pengaduan kekerasan fisik",
         "title: Menerima laporan kekerasan fisik")
    assert handbook("--root", project, "build").code == 0
    page.reload()
    # Still the cached edition, whole: never a mix of two.
    assert page.locator("article h1").inner_text() == "Menerima pengaduan kekerasan fisik"
    page.get_by_role("button", name="Muat ulang").click(timeout=30000)
    expect(page.locator("article h1")).to_have_text("Menerima laporan kekerasan fisik",
                                                    timeout=30000)
    caches = page.evaluate("caches.keys()")
    assert len(caches) == 1
    assert caches[0] != first
    context.close()


def test_no_page_requests_anything_from_a_third_party(browser, served, shipped_site):
    context = browser.new_context()
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append((page.url, r.url))
            if not r.url.startswith((served, "data:", "blob:", "about:")) else None)
    pages = sorted(p.relative_to(shipped_site).as_posix().removesuffix("index.html")
                   for p in shipped_site.rglob("index.html"))
    for url in pages:
        page.goto(served + url)
        page.wait_for_load_state("networkidle")
    assert outside == []
    assert context.cookies() == []
    context.close()


def test_a_page_not_saved_shows_a_calm_page_that_leads_to_darurat(browser, served):
    """No signal and a page this device has not saved: not the browser's error, but a saved
    page that says so in Indonesian and whose links work offline. (On the way: an installed
    page's first screen, offline, holds its card and danger-to-life flags.)"""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(served)
    cache = wait_until_cached(page)
    missing = served + "protokol/fisik/pengaduan/"
    assert page.evaluate("([name, url]) => caches.open(name).then(c => c.delete(url))",
                         [cache, missing])
    # nor in the HTTP cache (installing fills it too; a fresh copy there would be served)
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)
    # installed and offline, the tightest first screen (eight danger-to-life flags) still fits
    page.goto(served + "protokol/fisik/penanganan-awal/")
    assert_card_and_life_danger_flags_on_the_first_screen(page, "offline: fisik/penanganan-awal")
    page.goto(missing)
    heading = page.locator("article h1")
    expect(heading).to_have_text("Halaman ini belum tersimpan di perangkat ini")
    expect(page.get_by_text("sedang tidak tersambung ke internet")).to_be_visible()
    for name in ("Beranda", "Panduan: apa yang harus saya lakukan sekarang?"):
        expect(page.locator("article").get_by_role("link", name=name)).to_be_visible()
    emergency = page.locator("article").get_by_role("link", name="Nomor darurat")
    box = emergency.bounding_box()
    assert box["y"] + box["height"] <= 740 and box["height"] >= 48
    # a checklist never opened on this device gives the same page
    page.goto(served + "protokol/seksual/pengaduan/daftar-periksa-seksual-pengaduan.pdf")
    expect(heading).to_have_text("Halaman ini belum tersimpan di perangkat ini")
    emergency.click()
    page.wait_for_url("**/darurat/")
    expect(page.locator("a.hb-tel", has_text="112").first).to_be_visible()
    # the page's own styles load (it is not unstyled text at the wrong address)
    assert page.evaluate("getComputedStyle(document.querySelector('a.hb-tel')).minHeight") \
        == "48px"
    context.close()
