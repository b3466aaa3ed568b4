"""A worker on a 360 px phone taps through the decision guide from the home page to her first
steps: online, in the installed web app with no network, and from the zip opened from disk."""

from __future__ import annotations

import re
import zipfile

import pytest
from playwright.sync_api import expect

from generator.validate import load_handbook
from tests.conftest import ROOT
from tests.test_guide import SCENARIOS, pick
from tests.test_offline import wait_until_cached

pytestmark = [pytest.mark.site, pytest.mark.browser]

# Five situations of the table: danger, a child and the 72 h clock, an adult at 3-5 days,
# a teacher at school, and an outreach visit.
FIVE = [SCENARIOS["scenarios"][i] for i in (7, 0, 5, 10, 12)]


@pytest.fixture(scope="module")
def guide():
    return load_handbook(ROOT)[0].guide


def expected_outcome(guide, case):
    node = guide.start
    for words in case["picks"]:
        node = guide.node(pick(node, words).next)
    return node


def tap_through(page, guide, case) -> None:
    """From the home page, tap the guide's link, then one answer per question."""
    page.get_by_role("link", name=guide.title).first.click()
    expect(page.locator("article h1")).to_have_text(guide.title)
    for words in case["picks"]:
        answer = page.locator("a.hb-answer", has_text=re.compile(re.escape(words), re.I))
        expect(answer).to_have_count(1)
        box = answer.bounding_box()
        assert box["height"] >= 48, (words, box)
        assert box["width"] >= 300, (words, box)  # the whole width of a 360 px screen
        answer.click()
    outcome = expected_outcome(guide, case)
    expect(page.locator("article h1")).to_have_text(outcome.title)
    opens = page.locator("a.hb-go")
    expect(opens).to_be_visible()
    expect(page.get_by_role("link", name="Mulai lagi")).to_be_visible()
    expect(page.get_by_text("Keluar cepat").first).to_be_visible()  # link or button
    expect(page.get_by_role("link", name="Darurat", exact=True).first).to_be_visible()


@pytest.mark.parametrize("case", FIVE, ids=lambda c: c["situation"][:30])
def test_five_situations_online_on_a_small_phone(page, served, guide, case):
    page.goto(served)
    tap_through(page, guide, case)
    # "Kembali" goes one question back, "Mulai lagi" to the first question.
    if len(case["picks"]) > 1:
        page.get_by_role("link", name="Kembali").click()
        # the previous question, once it is on screen: two answers at least
        expect(page.locator("a.hb-answer").nth(1)).to_be_visible()
    page.get_by_role("link", name="Mulai lagi").click()
    expect(page.locator("article h1")).to_have_text(guide.title)
    # Nothing of the answers is stored (the theme keeps only its colour scheme).
    stored = page.evaluate("JSON.stringify([localStorage, sessionStorage])").lower()
    assert "panduan" not in stored
    assert not [w for w in case["picks"] if w.lower() in stored]


def test_five_situations_in_the_installed_app_without_network(browser, served, guide):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(served)
    wait_until_cached(page)
    context.set_offline(True)
    for case in FIVE:
        page.goto(served)
        tap_through(page, guide, case)
    # The outcome's button opens the protocol, also offline.
    page.locator("a.hb-go").click()
    expect(page.locator("article h1")).to_have_count(1)
    assert "/protokol/" in page.url
    context.close()


def test_five_situations_from_the_zip_opened_from_disk(browser, shipped_site, guide, tmp_path):
    with zipfile.ZipFile(shipped_site / "unduh/buku-saku-luring.zip") as zf:
        zf.extractall(tmp_path)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        ("file:", "data:", "blob:", "about:")) else None)
    home = (tmp_path / "buku-saku/index.html").as_uri()
    for case in FIVE:
        page.goto(home)
        tap_through(page, guide, case)
        assert page.url.endswith(".html")
    assert outside == []
    context.close()


def test_the_emergency_page_leads_to_the_guide(page, served, guide):
    page.goto(served + "darurat/")
    page.get_by_role("link", name=guide.title).click()
    expect(page.locator("article h1")).to_have_text(guide.title)
