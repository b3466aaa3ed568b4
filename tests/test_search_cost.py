"""Search costs nothing until it is used: a worker reading a page on a slow phone link does not
download the search index; opening the search box does, and the results come. Online, and from
the download opened from disk.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.site, pytest.mark.browser]


def index_requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url)
            if "search_index" in request.url else None)
    return seen


def search_for(page, query: str) -> None:
    page.locator("label.md-header__button[for=__search]").click()  # the magnifier on a phone
    page.get_by_role("textbox", name=re.compile("Cari")).press_sequentially(query)


def test_reading_a_page_downloads_no_index_and_opening_search_does(browser, served):
    # Without the installed app (its first visit caches the edition, index included).
    context = browser.new_context(viewport={"width": 360, "height": 740},
                                  service_workers="block")
    page = context.new_page()
    requests = index_requests(page)
    for path in ("protokol/seksual/pengaduan/", "jenis/fisik/", ""):
        page.goto(served + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert requests == [], "a page that is only read fetched the search index"
    search_for(page, "dipukul suami")
    first = page.locator(".md-search-result__link").first
    expect(first).to_be_visible(timeout=10000)
    expect(first).to_have_attribute("href", re.compile(r"fisik/"))
    assert len(requests) == 1 and requests[0].endswith("search/search_index.json")
    context.close()


def test_the_download_searches_from_disk_once_the_box_is_opened(browser, shipped_site,
                                                                 tmp_path):
    with zipfile.ZipFile(shipped_site / "unduh/buku-saku-luring.zip") as zf:
        zf.extractall(tmp_path)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    requests = index_requests(page)
    page.goto((tmp_path / "buku-saku/protokol/seksual/pengaduan/index.html").as_uri())
    page.wait_for_timeout(500)
    assert requests == []
    search_for(page, "diperkosa")
    first = page.locator(".md-search-result__link").first
    expect(first).to_be_visible(timeout=10000)
    expect(first).to_have_attribute("href", re.compile(r"seksual/"))
    assert any(url.endswith("search_index.js") for url in requests)
    context.close()
