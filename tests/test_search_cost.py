"""Search costs nothing until it is used: a worker reading a page on a slow phone link does not
download the search index; opening the search box does, and the results come. Online, and from
the download opened from disk. (A later page, with the tables kept on the device:
test_search_kept.py.)
"""

from __future__ import annotations

import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.search_browser import index_requests, phone, requests_to, search_for

pytestmark = [pytest.mark.site, pytest.mark.browser]


def test_reading_a_page_downloads_no_index_and_opening_search_does(browser, served):
    # Without the installed app (its first visit caches the edition, index included).
    context = phone(browser)
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


def test_the_first_results_come_before_the_text_of_the_pages_and_the_text_adds_to_them(
        browser, served):
    # Online the index comes in two steps: the first results need only the first (titles,
    # keywords, headings: a third of the bytes); the text of the pages follows and the same
    # list then shows excerpts of it.
    context = phone(browser)
    page = context.new_page()
    held = []
    asked = requests_to(page, "/search/", lambda request: request.url.rsplit("/", 1)[-1])
    page.route("**/search/search_text.json", lambda route: held.append(route))
    page.goto(served + "jenis/seksual/", wait_until="networkidle")
    assert asked == [] and held == []
    search_for(page, "dipukul suami")
    first = page.locator(".md-search-result__link").first
    expect(first).to_be_visible(timeout=10000)  # while the text has not come
    expect(first).to_have_attribute("href", re.compile(r"protokol/fisik/"))
    excerpts = page.locator(".md-search-result__article p", has_text="…")
    assert len(held) == 1 and excerpts.count() == 0
    assert asked == ["search_index.json", "search_text.json"]
    held[0].continue_()
    expect(excerpts.first).to_be_visible(timeout=10000)
    expect(first).to_have_attribute("href", re.compile(r"protokol/fisik/"))
    context.close()


def test_without_the_text_of_the_pages_search_still_answers_from_the_first_step(browser, served):
    context = phone(browser)
    page = context.new_page()
    page.route("**/search/search_text.json", lambda route: route.abort())
    page.goto(served + "jenis/seksual/")
    search_for(page, "paspor ditahan")
    first = page.locator(".md-search-result__link").first
    expect(first).to_be_visible(timeout=10000)
    expect(first).to_have_attribute("href", re.compile(r"perdagangan-orang/"))
    context.close()


def test_the_download_searches_from_disk_once_the_box_is_opened(browser, shipped_site,
                                                                 tmp_path):
    with zipfile.ZipFile(shipped_site / "unduh/buku-saku-luring.zip") as zf:
        zf.extractall(tmp_path)
    context = phone(browser, app=True)
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
