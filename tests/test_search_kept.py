"""A later page searches from the device: the tables the first search made are kept per edition,
a later page answers from them (online, from the download, installed and offline) exactly as
a fresh engine would, fetches nothing when the page names the kept edition, never answers from
another edition's tables, and a reader who never searched keeps nothing on the device.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.search_browser import phone, requests_to, search_for, theme_index_requests

pytestmark = [pytest.mark.site, pytest.mark.browser]


KEPT = """async () => (await indexedDB.databases()).some(db => db.name === "buku-saku-pencarian")
  && new Promise(resolve => {
  const open = indexedDB.open("buku-saku-pencarian");
  open.onerror = () => resolve(null);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains("tabel")) { db.close(); resolve(null); return; }
    const get = db.transaction("tabel").objectStore("tabel").get("edisi");
    get.onsuccess = () => { db.close(); resolve(get.result ? get.result.edition : null); };
    get.onerror = () => { db.close(); resolve(null); };
  };
})"""

FORGET = """() => new Promise(resolve => {
  const request = indexedDB.deleteDatabase("buku-saku-pencarian");
  request.onsuccess = request.onerror = request.onblocked = () => resolve(true);
})"""


def results_for(page, query: str) -> list[tuple[str, str]]:
    """The results a person sees: (title, address) of the first five."""
    search_for(page, query)
    links = page.locator(".md-search-result__link")
    expect(links.first).to_be_visible(timeout=10000)

    def shown():
        return [(links.nth(i).locator("h1, h2").first.inner_text(),
                 links.nth(i).get_attribute("href")) for i in range(min(5, links.count()))]

    # the list answers each letter as it is typed: read it once it has settled
    last, same = shown(), 0
    for _ in range(60):
        page.wait_for_timeout(300)
        now = shown()
        last, same = now, (same + 1 if now == last else 0)
        if same == 3:
            return last
    raise AssertionError(f"the results for {query!r} never settled")


def kept_edition(page) -> str | None:
    return page.evaluate(KEPT) or None


@pytest.mark.parametrize("where", ["online", "download"])
def test_a_later_page_searches_with_the_tables_kept_and_shows_the_same_results(
        browser, served, shipped_site, tmp_path, where):
    # After a first search the worker keeps what it built, per edition, on the device; a
    # later page's search answers from it (no reading of every doc again) with the results a
    # freshly built worker shows.
    if where == "online":
        first, later = served + "protokol/fisik/pengaduan/", served + "jenis/seksual/"
        index = (shipped_site / "search/search_index.json").read_text("utf-8")
    else:
        with zipfile.ZipFile(shipped_site / "unduh/buku-saku-luring.zip") as zf:
            zf.extractall(tmp_path)
        book = tmp_path / "buku-saku"
        index = (book / "search/search_index.js").read_text("utf-8")
        first = (book / "protokol/fisik/pengaduan/index.html").as_uri()
        later = (book / "jenis/seksual/index.html").as_uri()
    # the download's index has its own addresses, so its own edition
    edition = re.search(r'"edition": ?"([0-9a-f]{16})"', index)[1]
    context = phone(browser)
    page = context.new_page()
    page.goto(first)
    page.evaluate(FORGET)
    page.reload()
    assert kept_edition(page) is None
    assert results_for(page, "dipukul suami")[0][1].endswith(
        ("fisik/pengaduan/", "fisik/pengaduan/index.html", "fisik/"))
    # kept once the person pauses on the results
    for _ in range(60):
        if kept_edition(page) == edition:
            break
        page.wait_for_timeout(250)
    assert kept_edition(page) == edition
    page.goto(later)
    shown = results_for(page, "diperkosa")
    assert "seksual/" in shown[0][1]
    # the same page with nothing kept: a worker that reads every doc shows the same
    page.evaluate(FORGET)
    page.reload()
    assert results_for(page, "diperkosa") == shown
    context.close()


def later_page_answers(page, served: str) -> list[tuple[str, str]]:
    """A later page: "diperkosa" finds the sexual violence pages first, with the text around the
    word shown; the results, as `results_for` gives them."""
    page.goto(served + "jenis/seksual/")
    shown = results_for(page, "diperkosa")
    assert "seksual/" in shown[0][1]
    expect(page.locator(".md-search-result__article p", has_text="…").first).to_be_visible()
    return shown


def keep_first_search(page, url: str) -> str:
    """Search once on a fresh device and wait until the worker keeps its tables; the edition."""
    page.goto(url)
    page.evaluate(FORGET)
    page.reload()
    results_for(page, "dipukul suami")
    for _ in range(60):
        if kept_edition(page):
            break
        page.wait_for_timeout(250)
    assert kept_edition(page), "the tables were never kept"
    return kept_edition(page)


def test_a_later_page_answers_with_every_word_from_the_device_alone(browser, served):
    # Once a page has searched, a later page needs nothing more from the network than the
    # theme's first step (from the browser's cache): the text of the pages was kept with the
    # tables. With the text out of reach the results still come whole, with their excerpts.
    context = phone(browser)
    page = context.new_page()
    keep_first_search(page, served + "protokol/fisik/pengaduan/")
    asked = requests_to(page, "search_text")
    page.route("**/search/search_text.json", lambda route: route.abort())
    later_page_answers(page, served)
    assert asked == [], "a later page fetched the text of the pages again"
    context.close()


TAMPER = """edition => new Promise(resolve => {
  const open = indexedDB.open("buku-saku-pencarian");
  open.onsuccess = () => {
    const db = open.result;
    const store = db.transaction("tabel", "readwrite").objectStore("tabel");
    const get = store.get("edisi");
    get.onsuccess = () => {
      const kept = get.result;
      kept.edition = edition;
      // the sentences as kept: one string, joined by line breaks (web/worker.js)
      kept.strings = kept.strings.split("\\n").map(() => "kalimat basi dari edisi lama")
        .join("\\n");
      store.put(kept, "edisi").onsuccess = () => { db.close(); resolve(true); };
    };
  };
})"""


def test_tables_kept_for_another_edition_never_answer(browser, served):
    context = phone(browser)
    page = context.new_page()
    keep_first_search(page, served + "protokol/fisik/pengaduan/")
    page.evaluate(TAMPER, "0123456789abcdef")  # an older edition's, with other sentences
    page.goto(served + "jenis/seksual/")
    shown = results_for(page, "diperkosa")
    results = page.locator(".md-search-result")
    expect(results.get_by_text("…").first).to_be_visible()
    expect(results).not_to_contain_text("basi")
    page.evaluate(FORGET)
    page.reload()
    assert results_for(page, "diperkosa") == shown
    context.close()


def test_a_later_page_answers_without_the_themes_copy_of_the_index(browser, served):
    # On a later page the worker makes its engine from what the device keeps and the index's
    # first step from the browser's cache: the results come whole while the theme's own
    # request for the index (the page's; held here if it were made) is never needed.
    context = phone(browser)
    page = context.new_page()
    keep_first_search(page, served + "protokol/fisik/pengaduan/")
    held = []
    page.route("**/search/search_index.json", lambda route: held.append(route)
               if route.request.resource_type == "xhr" else route.continue_())
    later_page_answers(page, served)
    assert held == [], "the page fetched the theme's copy of the index again"
    context.close()


def test_installed_and_offline_a_later_page_searches_from_the_device(browser, served):
    # The installed app (service worker) with no network at all: the first page's search
    # keeps the tables, a later page's worker reads the first step through the app's cache.
    context = phone(browser, app=True)
    page = context.new_page()
    page.goto(served)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # installed = all cached
    for _ in range(300):
        if page.evaluate("navigator.serviceWorker.controller !== null"):
            break
        page.wait_for_timeout(100)
    context.set_offline(True)
    keep_first_search(page, served + "protokol/fisik/pengaduan/")
    theirs = theme_index_requests(page)
    later_page_answers(page, served)
    assert theirs == []  # the worker read the first step through the app's cache itself
    context.close()


WORKER_MARKS = """() => performance.getEntriesByType("mark").map(m => m.name)"""


def search_worker(page):
    return next(w for w in page.workers if re.search(r"/javascripts/search\.[0-9a-f]+\.js$", w.url))


def test_a_later_page_warms_its_engine_unseen_and_shows_only_the_persons_results(
        browser, served):
    # On a later page the worker makes its engine from the device, then, while the person is
    # still bringing up the keyboard, asks one query of its own so that hers is not the first:
    # its answer is never shown, nothing more is fetched, and her results are her query's.
    context = phone(browser)
    page = context.new_page()
    keep_first_search(page, served + "protokol/fisik/pengaduan/")
    asked = requests_to(page, "/search/",
                        lambda request: (request.url.rsplit("/", 1)[-1], request.resource_type))
    page.goto(served + "jenis/seksual/")
    page.locator("label.md-header__button[for=__search]").click()
    box = page.get_by_role("textbox", name=re.compile("Cari"))
    expect(box).to_be_focused()
    for _ in range(40):  # the warm-up has run: the box is still empty, no list is shown
        if "pencarian:warm" in search_worker(page).evaluate(WORKER_MARKS):
            break
        page.wait_for_timeout(100)
    assert "pencarian:warm" in search_worker(page).evaluate(WORKER_MARKS)
    expect(page.locator(".md-search-result__link")).to_have_count(0)
    box.press_sequentially("paspor ditahan")
    first = page.locator(".md-search-result__link").first
    expect(first).to_be_visible(timeout=10000)
    expect(first).to_have_attribute("href", re.compile(r"perdagangan-orang/"))
    # nothing of the index at all: the page names the edition the device keeps
    assert asked == []
    context.close()


def test_a_later_page_naming_the_kept_edition_fetches_nothing_and_shows_the_same_results(
        browser, served):
    # The page names its index's edition (generator/search.py writes it on the opener's
    # tag); when the device keeps that edition the worker answers with nothing fetched, not
    # even the browser's copy of the first step, and the results are those of a worker that
    # builds everything.
    context = phone(browser)
    page = context.new_page()
    keep_first_search(page, served + "protokol/fisik/pengaduan/")
    asked = requests_to(page, "/search/")
    shown = later_page_answers(page, served)
    assert asked == [], "a later page of the kept edition fetched the index"
    page.evaluate(FORGET)
    page.reload()
    assert results_for(page, "diperkosa") == shown
    context.close()


def newer_edition(page, edition: str, newer: str) -> list[str]:
    """The site changed since the tables were kept: its pages and its index name `newer`
    (the same words, another digest). The theme's requests for the index (XHR), listed."""
    def rename(route):
        response = route.fetch()
        route.fulfill(status=response.status, body=response.text().replace(edition, newer),
                      content_type=response.headers["content-type"])

    theirs = theme_index_requests(page)
    page.route("**/search/search_index.json", rename)
    page.route("**/jenis/seksual/", rename)
    return theirs


def test_a_later_page_whose_site_has_a_new_edition_never_answers_from_the_device(
        browser, served):
    # The page names a newer edition than the device keeps (the site changed since): the
    # kept engine never answers; the theme's index is asked for, as on a first visit.
    context = phone(browser)
    page = context.new_page()
    edition = keep_first_search(page, served + "protokol/fisik/pengaduan/")
    theirs = newer_edition(page, edition, "fedcba9876543210")
    page.goto(served + "jenis/seksual/")
    assert page.locator("script[data-edition='fedcba9876543210']").count() == 1
    shown = results_for(page, "diperkosa")
    assert "seksual/" in shown[0][1]
    assert len(theirs) == 1, "the kept engine answered for an edition the site no longer has"
    context.close()


def test_reading_pages_without_searching_keeps_nothing_on_the_device(browser, served):
    # A later page's worker opens the kept tables' database as the page loads, before any
    # tap, but only where a search already made it: a reader who never searches gets none.
    context = phone(browser)
    page = context.new_page()
    page.goto(served + "protokol/fisik/pengaduan/")
    page.evaluate(FORGET)
    for url in ("jenis/seksual/", "darurat/", "protokol/psikis/penanganan-awal/"):
        page.goto(served + url)
        page.wait_for_timeout(300)
    assert page.evaluate(KEPT) is False
    assert not page.evaluate("async () => (await indexedDB.databases()).map(db => db.name)")
    context.close()


FORGET_WHILE_OPEN = """() => new Promise(resolve => {
  const request = indexedDB.deleteDatabase("buku-saku-pencarian");
  request.onblocked = () => resolve("blocked");
  request.onsuccess = () => resolve("deleted");
  request.onerror = () => resolve("error");
})"""


def test_forgetting_the_kept_tables_while_a_later_page_is_open_leaves_its_search_working(
        browser, served):
    # The later page's worker holds the database open from the page's load; clearing it (the
    # person, or another tab) is never held up by it, and that page's search still answers,
    # from the index, with the results a fresh worker shows.
    context = phone(browser)
    page = context.new_page()
    keep_first_search(page, served + "protokol/fisik/pengaduan/")
    page.goto(served + "jenis/seksual/")
    page.wait_for_timeout(500)  # the worker has started and opened the database
    assert page.evaluate(FORGET_WHILE_OPEN) == "deleted"
    shown = results_for(page, "diperkosa")
    assert "seksual/" in shown[0][1]
    expect(page.locator(".md-search-result__article p", has_text="…").first).to_be_visible()
    page.evaluate(FORGET)
    page.reload()
    assert results_for(page, "diperkosa") == shown
    context.close()
