"""No script from content, ever: a payload in every text field of every file kind (taken from
the schema, so a new field is covered with no change here) is built, then every page is opened
in Chromium online and from the offline zip via file://. No dialog, no injected element, no
request to anyone else, no redirect, and the payload reads literally."""

from __future__ import annotations

import re
import zipfile

import pytest
import yaml

from tests.conftest import edit, serving
from tests.payload import inject, missing

LANGUAGE = ("words:\n  - word: aib\n    reason: alasan\n    instead: kekerasan\n"
            "spellings:\n  - word: tidak\n    typed: [gak]\n"
            "  - word: istri\n    typed: [bini]\n    language: Banjar\n    source: kamus\n"
            "situations:\n  - label: Kekerasan seksual\n    types: [seksual]\n"
            "    stages: [pengaduan]\n    cues: [diperkosa]\n")


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """The test handbook with the payload in every text field, built; (root, payloads)."""
    import shutil

    from generator.cli import main
    from tests.conftest import FIXTURES, ROOT

    root = tmp_path_factory.mktemp("injected")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(FIXTURES / "mini" / "protocols", root / "protocols")
    (root / "protocols/language.yml").write_text(LANGUAGE, encoding="utf-8")
    injector = inject(root / "protocols")
    assert missing(injector) == set(), "a text field of the schema got no payload"
    # The payload has digits, and the guide wants a source for any text with a number.
    guide_file = root / "protocols/guide.yml"
    guide = yaml.safe_load(guide_file.read_text(encoding="utf-8"))
    for item in guide["questions"] + guide["outcomes"]:
        item.setdefault("sources", ["who-pfa-2011"])
    guide_file.write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False),
                          encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    with zipfile.ZipFile(root / "site/unduh/buku-saku-luring.zip") as zf:
        zf.extractall(root / "zip")
    return root, injector.payloads


@pytest.mark.site
def test_no_page_carries_markup_from_a_text_field(injected):
    root, payloads = injected
    pages = [*(root / "site").rglob("*.html"), *(root / "zip").rglob("*.html")]
    assert len(pages) > 30
    seen = set()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for needle in ("<script>window.__pwned", "<img src=x", "<meta http-equiv=refresh",
                       "<link rel=stylesheet href=https://evil"):
            assert needle not in html, f"{path}: {needle}"
        seen.update(re.findall(r"Q\d+Q", html))
    # Navigation titles (type and stage names) are where the audit found markup: they show.
    assert len(seen) > len(payloads) // 2


def visit_all(browser, urls, *, origin_prefixes):
    """Open every URL; return (dialogs, outside requests, problems, visible text of all pages)."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    dialogs, outside, problems, texts = [], [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith(origin_prefixes) else
            outside.append(r.url))
    for url in urls:
        page.goto(url)
        page.wait_for_timeout(50)
        if page.url.split("#")[0] != url:
            problems.append(f"{url} navigated to {page.url}")
        found = page.evaluate("""() => [
            window.__pwned === 1 ? 'script ran' : '',
            document.querySelector('img[src="x"]') ? 'img element' : '',
            document.querySelector('meta[http-equiv="refresh" i]') ? 'refresh element' : '',
            document.querySelector('link[href^="https://evil"]') ? 'link element' : '',
        ].filter(Boolean)""")
        problems.extend(f"{url}: {f}" for f in found)
        texts.append(page.evaluate("document.body.innerText"))
    context.close()
    return dialogs, outside, problems, "\n".join(texts)


def assert_literal(text, payloads):
    shown = set(re.findall(r"Q\d+Q", text))
    assert len(shown) > len(payloads) // 2
    for marker in shown:
        assert payloads[marker] in text, f"{marker} not shown literally"


@pytest.mark.browser
@pytest.mark.site
def test_online_no_script_runs_and_the_payload_reads_literally(browser, injected):
    root, payloads = injected
    site = root / "site"
    with serving(site) as base:
        urls = [base + p.relative_to(site).as_posix().removesuffix("index.html")
                for p in sorted(site.rglob("*.html")) if p.name != "404.html"
                and "resep" not in p.parts]
        dialogs, outside, problems, text = visit_all(browser, urls, origin_prefixes=(base,))
    assert dialogs == []
    assert outside == []
    assert problems == []
    assert_literal(text, payloads)


@pytest.mark.browser
@pytest.mark.site
def test_offline_zip_no_script_runs_and_the_payload_reads_literally(browser, injected):
    root, payloads = injected
    folder = root / "zip/buku-saku"
    urls = [p.as_uri() for p in sorted(folder.rglob("*.html"))
            if p.name != "404.html" and "resep" not in p.parts]
    dialogs, outside, problems, text = visit_all(
        browser, urls, origin_prefixes=("file:", "data:", "blob:", "about:"))
    assert dialogs == []
    assert outside == []
    assert problems == []
    assert_literal(text, payloads)


def _policies(folder):
    """Every page's policy; the neutral page (resep/) has its own, allowing no script at all."""
    found = {p: re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"',
                          p.read_text(encoding="utf-8"))[1] for p in folder.rglob("*.html")}
    for path, policy in found.items():
        if "resep" in path.parts:
            assert policy.startswith("default-src 'none';")
            assert "script-src" not in policy
    return {policy for path, policy in found.items() if "resep" not in path.parts}


@pytest.mark.site
def test_the_policy_comes_from_the_theme_not_from_the_page(injected):
    root, _ = injected
    online, offline = _policies(root / "site"), _policies(root / "zip")
    # One policy for every page of each variant: nothing in a page changes what may run.
    assert len(online) == 1
    assert len(offline) == 1
    assert "'unsafe-inline'" not in next(iter(online)).split("style-src")[0]
    assert "'unsafe-inline'" not in next(iter(offline)).split("style-src")[0]


@pytest.mark.browser
@pytest.mark.site
def test_a_script_added_to_a_zip_page_does_not_run_from_disk(browser, injected):
    root, _ = injected
    page_file = root / "zip/buku-saku/glosarium/index.html"
    original = page_file.read_text(encoding="utf-8")
    try:
        page_file.write_text(original.replace(
            "</body>", "<script>window.__injected = true</script></body>"), encoding="utf-8")
        context = browser.new_context()
        page = context.new_page()
        page.goto(page_file.as_uri())
        assert page.evaluate("window.__injected") is None
        # the handbook's own scripts still run there: search answers with no network
        page.get_by_role("textbox", name=re.compile("Cari")).press_sequentially("korban")
        page.wait_for_selector(".md-search-result__link", timeout=15000)
        context.close()
    finally:
        page_file.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>",
    '<script src="https://evil.example/x.js"></script>',
    '<script src="//evil.example/x.js"></script>',
    '<img src=x onerror="alert(1)">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<meta name="referrer" content="unsafe-url">',
    '<a href="JaVaScript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<base href="https://evil.example/">',
    '<object data="x.swf"></object>',
])
def test_the_last_check_refuses_what_only_an_injection_writes(html):
    from generator.security import UnsafePageError, allowed_hashes, check_page

    with pytest.raises(UnsafePageError):
        check_page(f"<html><head></head><body>{html}</body></html>", allowed_hashes())


@pytest.mark.site
def test_a_hand_written_page_with_a_script_is_not_built(project, handbook):
    (project / "docs/pages/tentang.md").write_text(
        "# Tentang\n\n<script>alert(1)</script>\n", encoding="utf-8")
    result = handbook("--root", project, "build")
    assert result.code == 1
    assert "skrip atau unsur yang tidak dibuat oleh buku saku" in result.err
    assert not (project / "site").exists()


@pytest.mark.browser
@pytest.mark.site
def test_search_results_show_the_payload_as_text(browser, injected):
    root, _ = injected
    with serving(root / "site") as base:
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base)
        page.get_by_role("textbox", name=re.compile("Cari")).press_sequentially("window alert")
        page.wait_for_selector(".md-search-result__link", timeout=15000)
        page.wait_for_timeout(300)
        results = page.locator(".md-search-result")
        assert "<img src=x" in results.inner_text() or "alert(" in results.inner_text()
        assert page.evaluate("document.querySelector('.md-search-result img, "
                             ".md-search-result script') === null")
        assert page.evaluate("window.__pwned") is None
        assert dialogs == []
        context.close()


@pytest.mark.browser
@pytest.mark.site
def test_a_page_titled_by_the_menu_shows_that_title_as_written(project, handbook, page):
    # A hand-written page without a heading is named by its menu entry: the tab and the
    # header show the entry's words, "&" as "&" and "<b>" as text, never "&amp;".
    (project / "docs/pages/tentang.md").write_text("Isi halaman.\n", encoding="utf-8")
    edit(project / "mkdocs.yml", "  - Tentang buku saku: tentang.md",
         "  - Tentang <b>buku</b> & saku: tentang.md")
    assert handbook("--root", project, "build").code == 0
    page.goto((project / "site/tentang/index.html").as_uri())
    assert page.title().startswith("Tentang <b>buku</b> & saku - ")
    topic = page.locator(".md-header__topic:last-child .md-ellipsis")
    assert topic.inner_text().strip() == "Tentang <b>buku</b> & saku"
