"""Safe to open beside a victim: quick exit, privacy by construction, accessibility.

In Debian's Chromium, on the real handbook.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.site, pytest.mark.browser]

PROTOCOL = "protokol/seksual/pengaduan/"


def all_pages(site):
    pages = [p.relative_to(site).as_posix().removesuffix("index.html")
             for p in site.rglob("index.html")]
    return sorted([*pages, "404.html"])


def test_quick_exit_replaces_the_page_so_back_does_not_return(page, served):
    page.goto(served)
    page.goto(served + PROTOCOL)
    page.get_by_role("link", name=re.compile("Keluar cepat")).click()
    page.wait_for_url(served + "resep/")
    assert page.title() == "Resep Sayur Bening Bayam"
    page.go_back()
    assert page.url == served  # the protocol page is gone from the history


def test_shift_three_times_exits(page, served):
    page.goto(served)
    page.goto(served + PROTOCOL)
    page.locator("article h1").first.click()  # not the body's centre: it moves with content
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(served + "resep/")
    page.go_back()
    assert page.url == served


def test_two_shift_presses_only_announce_how_many_more(page, served):
    page.goto(served + PROTOCOL)
    page.locator("article h1").first.click()  # not the body's centre: it moves with content
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.url == served + PROTOCOL
    status = page.locator("[data-hb-exit-status]")
    assert status.text_content() == "Shift, tekan 1 kali lagi untuk keluar cepat"


def test_quick_exit_and_emergency_are_on_screen_on_a_phone(page, served):
    page.goto(served + PROTOCOL)
    page.mouse.wheel(0, 5000)
    for name in ("Keluar cepat", "Darurat"):
        box = page.get_by_role("link", name=re.compile(name)).bounding_box()
        assert box is not None, name
        assert box["y"] >= 0, name
        assert box["y"] + box["height"] <= 740, name
        assert box["height"] >= 44, name  # a thumb-sized target


def test_emergency_page_shows_only_confirmed_numbers(page, served):
    from generator.validate import load_handbook

    handbook, _ = load_handbook(ROOT)
    page.goto(served + "darurat/")
    text = page.locator("article").inner_text()
    for service in handbook.services:
        for contact in service.contacts:
            if contact.type in ("telepon", "whatsapp") and not contact.confirmed:
                assert contact.value not in text, contact.value
    assert "129" in text


def test_every_page_has_a_csp_that_blocks_injected_inline_script(browser, served,
                                                                  shipped_site, tmp_path):
    for path in shipped_site.rglob("*.html"):
        assert 'http-equiv="Content-Security-Policy"' in path.read_text(encoding="utf-8"), path
    target = shipped_site / "glosarium/index.html"
    original = target.read_text(encoding="utf-8")
    try:
        target.write_text(original.replace(
            "</body>", "<script>window.__injected = true</script></body>"), encoding="utf-8")
        context = browser.new_context()
        page = context.new_page()
        violations = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text
                else None)
        page.goto(served + "glosarium/")
        assert page.evaluate("window.__injected") is None
        assert any("Content Security Policy" in v for v in violations)
        # The theme's own scripts still run: the search box answers.
        page.get_by_role("textbox", name=re.compile("Cari")).press_sequentially("visum")
        page.wait_for_selector(".md-search-result__link")
        context.close()
    finally:
        target.write_text(original, encoding="utf-8")


def test_no_cookies_and_nothing_typed_is_stored(browser, served):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served + PROTOCOL)
    page.get_by_role("textbox", name=re.compile("Cari")).press_sequentially("rahasia korban")
    page.wait_for_timeout(500)
    page.goto(served + "glosarium/")
    stored = page.evaluate("JSON.stringify([localStorage, sessionStorage])")
    assert "rahasia" not in stored
    assert context.cookies() == []
    assert page.evaluate("document.querySelector('meta[name=referrer]').content") == \
        "no-referrer"
    context.close()


def test_every_page_passes_axe_with_zero_violations(browser, served, shipped_site):
    axe = (ROOT / "node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")
    failures = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 360, "height": 740},
                                      color_scheme=scheme)
        page = context.new_page()
        for url in all_pages(shipped_site):
            if url == "resep/":
                continue
            page.goto(served + url)
            page.evaluate(axe)
            result = page.evaluate("""async () => (await axe.run(document, {
                runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
            })).violations.map(v => v.id + ': ' + v.nodes.slice(0, 2).map(
                n => n.target.join(' ')).join(', '))""")
            if result:
                failures[f"{scheme} {url}"] = result
        context.close()
    assert not failures, "\n".join(f"{k}: {v}" for k, v in list(failures.items())[:15])


def test_readable_at_200_percent_zoom_on_a_360px_screen(browser, served):
    # 200 % zoom on a 360 px wide screen lays the page out in 180 CSS pixels.
    context = browser.new_context(viewport={"width": 180, "height": 370})
    page = context.new_page()
    for url in ("", PROTOCOL, "jenis/seksual/", "tahap/pengaduan/", "layanan/"):
        page.goto(served + url)
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 1, (url, wide)
    context.close()


def test_pages_declare_indonesian(shipped_site):
    for path in shipped_site.rglob("*.html"):
        assert '<html lang="id"' in path.read_text(encoding="utf-8"), path
