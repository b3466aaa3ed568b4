"""On a 360x740 phone in Chromium: what a worker sees first, and what a tap does.

The shipped handbook, served and (where it matters) opened from the offline zip by file://.
Positions are CSS pixels of the page; one screen is 740 px.
"""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from playwright.sync_api import expect

from tests.conftest import serving

pytestmark = [pytest.mark.site, pytest.mark.browser]

SCREEN = 740
SEXUAL_FIRST = "protokol/seksual/penanganan-awal/"


def protocol_urls(site) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/"
                  for p in site.glob("protokol/*/*/index.html"))


def page_top(locator) -> float:
    return locator.evaluate("el => el.getBoundingClientRect().top + window.scrollY")


def seen_bottom(page) -> float:
    """Where the first screen ends for a reader: the top of the safety bar (Darurat, Keluar
    cepat), which stays over the page's last lines."""
    return page.locator(".hb-safety").bounding_box()["y"]


def assert_card_and_life_danger_flags_on_the_first_screen(page, url: str) -> None:
    """The card, every danger-to-life red flag (one readable line each) and a visible way to
    the other red flags, all above the safety bar of an unscrolled 360x740 screen."""
    assert page.evaluate("window.scrollY") == 0, url
    bottom = seen_bottom(page)
    title = page.locator("article h1")
    card = page.locator("#lakukan-sekarang")
    expect(title).to_be_visible()
    expect(card).to_be_visible()
    box = card.bounding_box()
    assert box["y"] >= title.bounding_box()["y"], url
    assert box["y"] + box["height"] <= bottom, url  # wholly on screen 1
    assert 3 <= card.locator("li").count() <= 5, url
    flags = page.locator(".hb-flags details.hb-flag")
    levels = [f.get_attribute("class").split("hb-flag--")[1] for f in flags.all()]
    first = page.locator(".hb-flags > details.hb-flag")  # the first-screen group
    shown = first.count()
    assert shown >= 1, url
    # every life-danger flag is in it (or, with none, the most urgent level there is)
    assert levels[:shown] == [levels[0]] * shown, url
    assert levels[shown:].count(levels[0]) == 0, url
    for flag in first.all():
        sign = flag.locator(".hb-flag__sign")
        expect(sign).to_be_visible()
        row = flag.locator("summary").bounding_box()
        assert row["y"] + row["height"] <= bottom, (url, sign.inner_text())
        assert row["height"] >= 24, url  # above WCAG's minimum target
        assert sign.bounding_box()["width"] >= 200, url  # room to read the sign's start
    hint = page.locator(".hb-flags__hint")
    expect(hint).to_have_text(re.compile({"nyawa": "Nyawa terancam", "segera": "Segera",
                                          "perhatian": "Perlu perhatian"}[levels[0]]))
    rest = len(levels) - shown
    if rest:
        to_rest = page.locator("a.hb-flags__to-rest")
        expect(to_rest).to_have_text(f"{rest} tanda lain")
        link = to_rest.bounding_box()
        assert link["y"] + link["height"] <= bottom, url


def test_every_protocol_page_shows_card_and_life_danger_flags_on_the_first_screen(
        page, served, shipped_site):
    for url in protocol_urls(shipped_site):
        page.goto(served + url)
        assert_card_and_life_danger_flags_on_the_first_screen(page, url)
        # the jump links follow, and step 1 starts by the end of screen 2
        jump = page.get_by_role("navigation", name="Bagian halaman ini")
        expect(jump.get_by_role("link", name="Bila korban anak")).to_be_visible()
        assert page_top(jump) < 1.5 * SCREEN, url
        assert page_top(page.locator("article h3").first) < 2 * SCREEN, url


def test_the_other_red_flags_open_with_one_tap_on_their_count(page, served):
    page.goto(served + SEXUAL_FIRST)
    rest = page.locator("#tanda-bahaya-lain details.hb-flag")
    count = rest.count()
    assert count >= 3
    expect(rest.first).to_be_hidden()
    page.get_by_role("link", name=f"{count} tanda lain").click()
    for flag in rest.all():
        expect(flag.locator(".hb-flag__sign")).to_be_visible()
    top = rest.first.bounding_box()["y"]
    assert 0 <= top < seen_bottom(page)  # scrolled to them, and they are open


def test_a_card_line_is_the_steps_own_title_and_takes_the_worker_there(page, served):
    page.goto(served + SEXUAL_FIRST)
    line = page.locator("#lakukan-sekarang a.hb-now__step", has_text="72 jam")
    expect(line).to_be_visible()
    title = line.inner_text().split(None, 1)[1]  # after the step number
    line.click()
    assert page.url.endswith("#layanan-72-jam")
    heading = page.locator("h3#layanan-72-jam")
    assert heading.inner_text().endswith(title)
    assert 0 <= heading.bounding_box()["y"] < SCREEN


def test_red_flags_are_one_line_each_most_urgent_first_within_one_screen(page, served):
    page.goto(served + SEXUAL_FIRST)
    box = page.locator(".hb-flags")
    page.locator("#tanda-bahaya-lain > summary").click()  # all of them open
    assert box.bounding_box()["height"] <= SCREEN
    flags = box.locator("details.hb-flag")
    assert flags.count() >= 8
    levels = [f.get_attribute("class").split("hb-flag--")[1] for f in flags.all()]
    order = ["nyawa", "segera", "perhatian"]
    assert [order.index(x) for x in levels] == sorted(order.index(x) for x in levels)
    assert levels[0] == "nyawa"
    line = page.locator(".hb-flag__sign").first.evaluate(
        "el => parseFloat(getComputedStyle(el).lineHeight) || el.getBoundingClientRect().height")
    for summary in box.locator("details.hb-flag > summary").all():
        height = summary.bounding_box()["height"]
        assert 24 <= height < 60, height  # one line each
        assert summary.locator(".hb-flag__sign").bounding_box()["height"] < 1.6 * line
    # the others show their level; the action shows on tap, not before
    expect(page.locator("#tanda-bahaya-lain .hb-flag__level").first).to_be_visible()
    first = flags.first
    action = first.locator("p").first
    expect(action).to_be_hidden()
    first.locator("summary").click()
    expect(action).to_be_visible()
    expect(action).to_contain_text("keselamatan")


def test_the_72_hour_red_flag_comes_before_the_less_urgent_ones(page, served):
    page.goto(served + SEXUAL_FIRST)
    signs = page.locator(".hb-flag__sign").all_text_contents()  # folded ones too
    seventy_two = next(i for i, s in enumerate(signs) if "72 jam" in s or "120 jam" in s)
    peace = next(i for i, s in enumerate(signs) if "damai" in s)
    assert seventy_two < peace


def test_a_step_shows_its_actions_and_folds_avoid_say_child_and_sources(page, served):
    page.goto(served + SEXUAL_FIRST + "#layanan-72-jam")
    step_do = page.locator("h3#layanan-72-jam + p.hb-who + ul")
    expect(step_do).to_be_visible()
    more = page.locator("h3#layanan-72-jam ~ details.hb-more").first
    avoid = more.get_by_text("Menunda layanan kesehatan sampai ada laporan polisi")
    child = more.get_by_text("Dosis obat anak ditentukan tenaga kesehatan")
    expect(avoid).to_be_hidden()
    expect(child).to_be_hidden()
    more.locator("summary").click()
    expect(avoid).to_be_visible()
    expect(child).to_be_visible()


def test_child_guidance_and_services_open_from_their_jump_links(page, served):
    """Folded to halve the page, yet one tap from the first screen: the jump link opens them."""
    page.goto(served + SEXUAL_FIRST)
    jump = page.get_by_role("navigation", name="Bagian halaman ini")
    for label, part in (("Bila korban anak", "#anak + details li"),
                        ("Layanan", "#rujukan + details li")):
        shown = page.locator(part).first
        expect(shown).to_be_hidden()
        page.evaluate("window.scrollTo(0, 0)")
        jump.get_by_role("link", name=label).click()
        expect(shown).to_be_visible()
        assert 0 <= shown.bounding_box()["y"] < SCREEN, label


def test_printing_shows_every_folded_part(page, served):
    page.goto(served + SEXUAL_FIRST)
    folded = [page.locator(".hb-flag p").first,
              page.get_by_text("Menunda layanan kesehatan sampai ada laporan polisi"),
              page.locator("#daftar-periksa ~ details li").first,
              page.locator("#anak + details li").first,
              page.locator("#tanda-bahaya-lain .hb-flag__sign").first]
    for part in folded:
        expect(part).to_be_hidden()
    page.emulate_media(media="print")
    for part in folded:
        expect(part).to_be_visible()
    expect(page.locator(".hb-flag__sign").first).to_be_visible()


def tel_buttons_are_thumb_sized_and_dial_what_they_show(page) -> int:
    buttons = page.locator("a[href^='tel:']")
    seen = 0
    for button in buttons.all():
        if not button.is_visible():
            continue
        seen += 1
        box = button.bounding_box()
        width = page.evaluate("document.querySelector('article').clientWidth")
        assert box["height"] >= 48 and box["width"] >= 48, button.inner_text()
        assert box["width"] >= 0.9 * width - 40, button.inner_text()  # full width
        shown = button.locator(".hb-tel__number").inner_text()
        dialled = button.get_attribute("href").removeprefix("tel:")
        assert re.sub(r"[^\d+]", "", shown) == dialled, (shown, dialled)
        assert re.fullmatch(r"[\d +().-]+", shown), shown  # one number per button
    return seen


def test_phone_numbers_are_big_buttons_that_dial_exactly_what_they_show(page, served):
    page.goto(served + "darurat/")
    assert tel_buttons_are_thumb_sized_and_dial_what_they_show(page) >= 2
    for number in ("112", "129"):
        expect(page.locator("a.hb-tel", has_text=number).first).to_be_visible()
    page.goto(served + "layanan/")
    assert tel_buttons_are_thumb_sized_and_dial_what_they_show(page) >= 2
    page.goto(served + SEXUAL_FIRST)
    assert tel_buttons_are_thumb_sized_and_dial_what_they_show(page) >= 1
    card_call = page.locator("#lakukan-sekarang a.hb-tel").first
    expect(card_call).to_be_visible()
    assert card_call.get_attribute("href") == "tel:110"


def test_the_emergency_page_shows_every_call_button_on_the_first_screen(page, served):
    # Beside a victim in danger, 112 must not wait under another service's description.
    from generator.validate import load_handbook
    from tests.conftest import ROOT

    handbook, _ = load_handbook(ROOT)
    numbers = [c.value for s in handbook.services if s.kind in ("darurat", "hotline", "polisi")
               for c in s.confirmed_contacts if c.type == "telepon"]
    assert len(numbers) >= 3
    page.goto(served + "darurat/")
    bottom = seen_bottom(page)
    for number in numbers:
        button = page.locator("article a.hb-tel", has_text=number).first
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box["y"] + box["height"] <= bottom, (number, box, bottom)
        assert button.get_attribute("href") == "tel:" + re.sub(r"[^\d+]", "", number)


def test_home_reaches_any_protocol_in_two_taps_without_sideways_scrolling(page, served):
    page.goto(served)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    emergency = page.locator("article").get_by_role("link", name="Nomor darurat")
    assert emergency.bounding_box()["y"] + emergency.bounding_box()["height"] <= SCREEN
    sexual = page.locator(".hb-picker details", has_text="Kekerasan seksual")
    sexual.locator("summary").click()  # tap 1
    stage = sexual.locator("a", has_text="Penanganan awal")
    expect(stage).to_be_visible()
    assert stage.bounding_box()["height"] >= 48
    stage.click()  # tap 2
    page.wait_for_url("**/" + SEXUAL_FIRST)
    expect(page.locator("#lakukan-sekarang")).to_be_visible()


def test_the_offline_zip_opened_from_disk_shows_the_card_and_folds(browser, shipped_site,
                                                                  tmp_path):
    with zipfile.ZipFile(shipped_site / "unduh/buku-saku-luring.zip") as zf:
        zf.extractall(tmp_path)
    context = browser.new_context(viewport={"width": 360, "height": SCREEN})
    page = context.new_page()
    # the page with the most danger-to-life flags (8) fits as it does online
    page.goto((tmp_path / "buku-saku/protokol/fisik/penanganan-awal/index.html").as_uri())
    assert_card_and_life_danger_flags_on_the_first_screen(page, "zip: fisik/penanganan-awal")
    page.goto((tmp_path / "buku-saku/protokol/seksual/penanganan-awal/index.html").as_uri())
    assert_card_and_life_danger_flags_on_the_first_screen(page, "zip: seksual/penanganan-awal")
    card = page.locator("#lakukan-sekarang")
    assert card.locator("a.hb-tel").first.get_attribute("href") == "tel:110"
    flag = page.locator("details.hb-flag").first
    expect(flag.locator("p").first).to_be_hidden()
    flag.locator("summary").click()
    expect(flag.locator("p").first).to_be_visible()
    context.close()


def saving_states(browser, base: str) -> tuple[list[str], str]:
    """Open a protocol page on a first visit; the save-status texts shown, and the last one."""
    context = browser.new_context(viewport={"width": 360, "height": SCREEN})
    page = context.new_page()
    page.add_init_script("""
      window.__states = [];
      new MutationObserver(() => {
        const line = document.querySelector('.hb-savestate');
        if (line && window.__states[window.__states.length - 1] !== line.textContent)
          window.__states.push(line.textContent);
      }).observe(document, {subtree: true, childList: true, characterData: true});
    """)
    page.goto(base + SEXUAL_FIRST)
    status = page.locator(".hb-savestate")
    try:
        expect(status).to_have_attribute("data-state", re.compile("ready|failed"),
                                          timeout=120000)
    except AssertionError:
        raise AssertionError(page.evaluate("window.__states")) from None
    expect(status).to_be_visible()
    states = page.evaluate("window.__states")
    last = status.inner_text()
    context.close()
    return states, last


def test_a_first_visit_shows_saving_progress_then_ready_for_offline(browser, served):
    states, last = saving_states(browser, served)
    assert any(re.fullmatch(r"Menyimpan untuk dibuka tanpa internet: \d+/\d+", s)
               for s in states), states
    assert last == "Siap dibuka tanpa internet."


def test_a_failed_save_says_so(browser, shipped_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    (site / "assets/icons/icon-512.png").unlink()  # one file of the edition cannot be fetched
    with serving(site) as base:
        _, last = saving_states(browser, base)
    assert last.startswith("Belum tersimpan untuk dibuka tanpa internet")
