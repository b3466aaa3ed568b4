"""What the search's browser tests share: a phone's browser, the requests a page makes, typing
into the search box (tests/test_search_cost.py, tests/test_search_kept.py).
"""

from __future__ import annotations

import re


def phone(browser, *, app: bool = False):
    """A 360 px phone's browser; without the installed app (service worker) unless `app`."""
    if app:
        return browser.new_context(viewport={"width": 360, "height": 740})
    return browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")


def requests_to(page, part: str, record=lambda request: request.url) -> list:
    """What `record` says of each request whose address has `part`, as the page makes them."""
    seen: list = []
    page.on("request", lambda request: seen.append(record(request))
            if part in request.url else None)
    return seen


def index_requests(page) -> list[str]:
    return requests_to(page, "search_index")


def theme_index_requests(page) -> list[str]:
    """The theme's own requests for the index (XHR), not the worker's."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url)
            if "search_index" in request.url and request.resource_type == "xhr" else None)
    return seen


def search_for(page, query: str) -> None:
    page.locator("label.md-header__button[for=__search]").click()  # the magnifier on a phone
    page.get_by_role("textbox", name=re.compile("Cari")).press_sequentially(query)
