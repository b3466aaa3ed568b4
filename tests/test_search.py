"""A worker types the words she has in her head, the way the victim said them, and the right
page is among the first three results: online, and from the download opened on a phone with no
network. The queries are in tests/search_queries.yml; the engine's own stories are in
test_search_engine.py.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.search_harness import FIRST_CONTACT, ask, load_queries, misses, reciprocal_rank

pytestmark = [pytest.mark.site, pytest.mark.browser]

# A regression guard, not the goal: search issue 15 asks 92 percent on held-out groups. The
# set holds two groups written from page titles alone with Banjar words and situations, much
# harder than the first 285 (measured before tuning at 55 and 53 percent). With the search
# branch's content the whole set reached 92.8 percent; after the content review's rewrite of
# the protocols (longer sexual-violence pages) it is 365/405 = 90.1 percent; after the stage
# page, 'ngemis', cue-word, 'apa itu' and emergency-page rules (branch j15) 373/405 = 92.1 percent.
# Two more groups written the same way (C, D), measured once after those rules and never tuned
# on: 49/60 and 46/60, as before the rules; the whole set 468/525 = 89.1 percent. Then
# (branch k15) their misses were studied too: Banjar prefixes, a prefix typed apart, recovery
# and shelter words, a told stage as strong as a told type, the privacy page's prior, questions
# about the law, accompaniment, outreach and neglect cues; the whole set 490/525 = 93.3 percent
# (a tuned figure: C and D are no longer held out). Two more groups (E, F, session 5) written
# the same way and measured once on that engine, never tuned on: 50/60 and 53/60 (on main
# before k15: 49 and 52); the whole set 593/645 = 91.9 percent. Session 6: general rules and
# the vocabulary reviewed by a lawyer and a case manager (595 -> 612/645 on the tuned files);
# three more groups (G, H, I) measured once on that engine before any tuning on them: 55, 51
# and 55 of 60 (on main before the session: 51, 46, 54); the whole set 773/825 = 93.7 percent.
# Two more (J, K) measured once on the engine at 6295309: 51 and 52 (on main: 45 and 48); then
# tuned on, and a third review of the vocabulary: the whole set 888/945 = 94.0 percent.
# Session 7: three more (L, M, N) measured once on main before any change: 53, 54 and 52 of
# 60; O, P once on the session's engine: 56, 54; Q, R, S once on the merged engine: 56, 44, 48
# (unseen this session 418/480 = 87.1 percent); all tuned on, the vocabulary reviewed four more
# times: the whole set 1354/1425 = 95.0 percent (Node). Sessions 8 and 9: seven more groups
# each, 89.3 and 87.1 percent before tuning on them. Session 10: thirteen more (AH to AT),
# 719/780 = 92.2 percent each measured before tuning on it (benchmarks/README.md); the whole
# set 2884/3045 = 94.7 percent (Node).
TARGET = 0.93


def recall(entries, answers) -> tuple[float, list[str]]:
    missed = misses(entries, answers)
    return 1 - len(missed) / len(entries), missed


def test_workers_queries_find_the_right_page_in_the_first_three_online(browser, served):
    entries = load_queries()
    assert len(entries) >= 40
    context = browser.new_context()
    page = context.new_page()
    page.goto(served + "tentang/")
    result = ask(page, [entry["q"] for entry in entries])
    score, missed = recall(entries, result["answers"])
    assert score >= TARGET, f"recall@3 {score:.0%}; missed: {missed}"
    context.close()


def test_the_first_contact_page_comes_first_for_the_commonest_short_queries(browser, served):
    # "diperkosa", "dipukul suami", "trafficking", "anak telantar": 20 of each type, none
    # naming a stage; the complaint or first-response protocol of that type must lead.
    entries = load_queries([FIRST_CONTACT])
    assert len(entries) == 120
    context = browser.new_context()
    page = context.new_page()
    page.goto(served + "tentang/")
    answers = ask(page, [entry["q"] for entry in entries])["answers"]
    mrr, first = reciprocal_rank(entries, answers)
    late = [f"{e['q']} -> {a['ranked'][:3]}" for e, a in zip(entries, answers)
            if not a["ranked"] or not any(p in a["ranked"][0] for p in ("/pengaduan/",
                                                                          "/penanganan-awal/"))]
    assert mrr >= 0.98 and first >= 118, f"MRR {mrr:.2f}, first {first}/120; not first: {late}"
    context.close()


def test_the_download_opened_from_disk_answers_exactly_like_the_site(browser, served,
                                                                      shipped_site, tmp_path):
    entries = load_queries()
    queries = [entry["q"] for entry in entries]
    with zipfile.ZipFile(shipped_site / "unduh/buku-saku-luring.zip") as zf:
        zf.extractall(tmp_path)
    context = browser.new_context()
    page = context.new_page()
    page.goto(served + "tentang/")
    online = ask(page, queries)["answers"]
    page.goto((tmp_path / "buku-saku/tentang/index.html").as_uri())
    offline = ask(page, queries)["answers"]
    for answer in offline:  # the download's addresses name files: jenis/x/index.html
        for key in ("pages", "ranked"):
            answer[key] = [p.replace("index.html", "") for p in answer[key]]
    # Same engine, same index: the same pages in the same order.
    assert [a["pages"] for a in offline] == [a["pages"] for a in online]
    assert [a["ranked"][:10] for a in offline] == [a["ranked"][:10] for a in online]
    score, missed = recall(entries, offline)
    assert score >= TARGET, f"recall@3 offline {score:.0%}; missed: {missed}"
    context.close()


def test_the_search_box_shows_type_stage_and_the_words_found(browser, served):
    context = browser.new_context()  # desktop width: the search box is always visible
    page = context.new_page()
    page.goto(served + "tentang/")
    box = page.get_by_role("textbox", name=re.compile("Cari"))
    box.click()
    page.keyboard.type("memperkosa")  # the page says "pemerkosaan", "perkosaan", "diperkosa"
    first = page.locator(".md-search-result__item").first
    expect(first.locator(".md-search-result__link").first).to_have_attribute(
        "href", re.compile(r"(protokol|jenis)/seksual/"))
    protocol = page.locator(".md-search-result__item", has=page.locator(
        '.md-search-result__link[href*="protokol/seksual/"]')).first
    # the situation that brought it ("Sesuai situasi: ..."), then its type and stage
    expect(protocol.locator(".md-tag").filter(has_text=re.compile("^Kekerasan seksual$"))
           ).to_be_visible()
    expect(protocol.locator(".md-tag").filter(has_text=re.compile("^Tahap "))).to_be_visible()
    expect(page.locator(".md-search-result mark").first).to_be_visible()
    # Enter opens the best result; what was typed stays out of the address (history, a
    # shared screen, the server's log): no "?h=" or any other query text.
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"seksual/[^?]*$"))
    assert "perkosa" not in page.url and "?" not in page.url
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert not any("h=" in link or "perkosa" in link.split("/")[-1] for link in links)
    context.close()


def test_a_keyword_with_quotes_and_colons_keeps_the_page_valid(project, handbook):
    from tests.conftest import edit

    edit(project / "protocols/seksual/pengaduan.yml", "keywords: [dicabuli]",
         "keywords: ['kata \"kutip\": titik dua', 'baris # pagar']")
    assert handbook("--root", project, "build").code == 0
    html = (project / "site/protokol/seksual/pengaduan/index.html").read_text(encoding="utf-8")
    assert "<h1" in html
    assert "kata" not in html.split("<h1")[0].split("<body")[-1]


def test_a_situation_shows_its_reason_on_the_first_result(browser, served):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(served + "tentang/")
    page.locator("label.md-header__button[for=__search]").click()
    page.get_by_role("textbox", name=re.compile("Cari")).press_sequentially(
        "anak 13 tahun hamil pelakunya paman")
    items = page.locator(".md-search-result__item")
    # A story, not a keyword: the decision guide is offered above the answers, saying why.
    offer = items.first
    expect(offer.locator(".md-search-result__link").first).to_have_attribute(
        "href", re.compile(r"panduan/"))
    expect(offer).to_contain_text("Kekerasan seksual · anak")
    first = items.nth(1)
    expect(first.locator(".md-search-result__link").first).to_have_attribute(
        "href", re.compile(r"protokol/seksual/(pengaduan|penanganan-awal)/"))
    reason = first.get_by_text("Sesuai situasi: Kekerasan seksual · anak")
    expect(reason).to_be_visible()
    expect(reason).to_be_in_viewport()  # on the first screen of a phone
    context.close()
