"""How often the right page is among the first 3 results, for the queries workers type.

    .venv/bin/python benchmarks/search_recall.py [SITE]   # default: builds into a temp folder

Types each query of tests/search_queries.yml into the theme's search box in Debian's Chromium
(Playwright), reads the first 3 `.md-search-result__link`, and prints recall@3 and the time from
the last keystroke to the results. Target (search issue): at least 95 percent.
"""

from __future__ import annotations

import functools
import http.server
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    queries = yaml.safe_load((ROOT / "tests/search_queries.yml").read_text())["queries"]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    found, times, misses = 0, [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        page.goto(base + "tentang/")
        box = page.locator(".md-search__input")
        for entry in queries:
            box.click()
            box.fill("")
            page.keyboard.type(entry["q"])
            start = time.perf_counter()
            first_word = re.escape(entry["q"].split()[0].lower())
            try:
                page.wait_for_selector(f'.md-search-result__link[href*="h={first_word}"]',
                                       timeout=3000)
                times.append(time.perf_counter() - start)
                hrefs = page.eval_on_selector_all(
                    ".md-search-result__link",
                    "els => els.slice(0, 3).map(e => new URL(e.href).pathname)")
            except Exception:  # no result at all
                hrefs = []
            if any(re.search(p, h) for h in hrefs for p in entry["pages"]):
                found += 1
            else:
                misses.append(entry["q"])
        browser.close()
    server.shutdown()
    print(f"recall@3: {found}/{len(queries)} = {found / len(queries):.0%} [target 95%]")
    if times:
        print(f"time to results after typing: median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms")
    print("missed: " + "; ".join(misses))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        measure(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "build",
                            "--site", f"{tmp}/site"], check=True, capture_output=True)
            measure(Path(tmp) / "site")
