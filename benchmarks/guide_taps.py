"""The decision guide on a phone: taps from the home page to the first steps, and the time in
Chromium from the first tap to the outcome page with the edition cached (installed web app).

    .venv/bin/python benchmarks/guide_taps.py [SITE]   # default: builds into a temp folder

For every situation of `tests/guide_scenarios.yml`: taps = the home page's link to the guide
plus one tap per answer (target: at most 5). Time: a 360 x 740 screen, the service worker has
cached the edition, the network is cut; from the click on the home page's link until the
outcome's heading is on screen, clicking each answer as soon as its page shows it.
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
sys.path.insert(0, str(ROOT))

from generator.guide import walks  # noqa: E402
from generator.validate import load_handbook  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, QuietHandler  # noqa: E402


def outcome_of(guide, picks):
    node = guide.start
    for words in picks:
        node = guide.node(next(a for a in node.answers
                               if words.lower() in a.answer.lower()).next)
    return node


def main(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    guide = load_handbook(ROOT)[0].guide
    cases = yaml.safe_load((ROOT / "tests/guide_scenarios.yml").read_text("utf-8"))["scenarios"]
    taps = [1 + len(c["picks"]) for c in cases]
    print(f"scenarios: {len(cases)}; taps from home to outcome: min {min(taps)}, median "
          f"{statistics.median(taps):g}, max {max(taps)} [target 5]; over 5: "
          f"{sum(t > 5 for t in taps)}")
    every = [1 + w.questions for w in walks(guide)]
    print(f"all {len(every)} paths of the guide: max {max(every)} taps, "
          f"{len(guide.questions)} questions, {len(guide.outcomes)} outcomes")

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    times, baseline = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            page.goto(base)
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            page.wait_for_function("navigator.serviceWorker.controller !== null")
            context.set_offline(True)
            for case in cases:
                page.goto(base)
                title = outcome_of(guide, case["picks"]).title
                start = time.perf_counter()
                page.get_by_role("link", name=guide.title).first.click()
                for words in case["picks"]:
                    page.locator("a.hb-answer", has_text=re.compile(re.escape(words), re.I)
                                 ).click()
                page.locator("article h1", has_text=title).wait_for()
                times.append((time.perf_counter() - start) * 1000)
            # For scale: one tap on an ordinary link, home to a protocol page, same cache.
            for _ in range(10):
                page.goto(base)
                start = time.perf_counter()
                page.locator("article a[href*='protokol/']").first.click()
                page.locator("article h1").wait_for()
                page.wait_for_url(re.compile("protokol/"))
                baseline.append((time.perf_counter() - start) * 1000)
            browser.close()
    finally:
        server.shutdown()
    per_tap = [t / n for t, n in zip(times, taps, strict=True)]
    print(f"first tap to outcome on screen, offline from the cache: median "
          f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms; per tap median "
          f"{statistics.median(per_tap):.0f} ms; one tap home -> protocol page for scale: "
          f"median {statistics.median(baseline):.0f} ms")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "build",
                            "--site", f"{tmp}/site"], check=True)
            main(Path(tmp) / "site")
