"""How often the right page is among the first 3 results, for the queries workers type.

    .venv/bin/python benchmarks/search_recall.py [SITE] [QUERIES.yml]

Default: builds the handbook into a temporary folder and uses tests/search_queries.yml. Asks the
handbook's search worker in Debian's Chromium (Playwright), online (served over HTTP) and from
the offline download opened from disk, with tests/search_harness.py, and prints recall@3, the
worker's start-up time (index received to ready) and the time per query. Then types a few
queries into the theme's search box and prints the time from the last keystroke to the results
on screen. Target (search issue): at least 95 percent.
"""

from __future__ import annotations

import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_ARGS, serving  # noqa: E402
from tests.search_harness import QUERIES, ask, misses  # noqa: E402

TYPED = ["memperkosa", "paspor ditahan", "dipukul suami", "rumah aman", "perkosan"]

# Start a worker 3 times, give it an index, ask "visum": [[ms to ready, ms for the query]].
_START_UP = """async ([url, data]) => {
  const out = [];
  for (let i = 0; i < 3; i++) {
    const worker = new Worker(url);
    const next = () => new Promise(r => worker.addEventListener("message", e => r(e.data),
                                                                {once: true}));
    let start = performance.now();
    worker.postMessage({type: 0, data: {config: data.config, docs: data.docs, options: {}}});
    await next();
    const ready = performance.now() - start;
    start = performance.now();
    worker.postMessage({type: 2, data: "visum"});
    await next();
    out.push([ready, performance.now() - start]);
    worker.terminate();
  }
  return out;
}"""


def start_up(page, base: str, site: Path) -> None:
    """The handbook's worker against Material's lunr worker (still in the site, unused) on
    the same documents."""
    from generator import search

    index = json.loads((site / search.INDEX).read_text(encoding="utf-8"))
    lunr_index = {"config": {k: v for k, v in index["config"].items() if k != "handbook"},
                  "docs": [{**d, "text": search.doc_text(index, d)} for d in index["docs"]]}
    lunr = next((site / "assets/javascripts/workers").glob("search.*.min.js"))
    for name, url, data in [("Material's lunr worker", lunr.relative_to(site).as_posix(),
                             lunr_index),
                            ("handbook worker", search.worker_script()[0], index)]:
        runs = page.evaluate(_START_UP, [base + url, data])
        print(f"{name}: ready in " + ", ".join(f"{r:.0f}" for r, _ in runs) + " ms; "
              "first query " + ", ".join(f"{q:.0f}" for _, q in runs) + " ms (3 starts)")


def report(label: str, entries: list[dict], result: dict) -> None:
    missed = misses(entries, result["answers"])
    times = [a["ms"] for a in result["answers"]]
    found = len(entries) - len(missed)
    print(f"{label}: recall@3 {found}/{len(entries)} = {found / len(entries):.1%} "
          f"[target 95%]; worker ready in {result['setup']:.0f} ms; per query median "
          f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms")
    for miss in missed:
        print(f"  missed: {miss}")


def measure(site: Path, queries_file: Path) -> None:
    from playwright.sync_api import sync_playwright

    entries = yaml.safe_load(queries_file.read_text(encoding="utf-8"))["queries"]
    queries = [e["q"] for e in entries]
    index = (site / "search/search_index.json").read_bytes()
    print(f"index: {len(index) / 1024:.0f} KB, {len(gzip.compress(index, 9)) / 1024:.0f} KB "
          f"gzip; {len(entries)} queries from {queries_file.relative_to(ROOT)}")
    with sync_playwright() as playwright, serving(site) as base, \
            tempfile.TemporaryDirectory() as unzipped:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "tentang/")
        report("online ", entries, ask(page, queries))
        with zipfile.ZipFile(site / "unduh/buku-saku-luring.zip") as zf:
            zf.extractall(unzipped)
        page.goto((Path(unzipped) / "buku-saku/tentang.html").as_uri())
        offline = ask(page, queries)
        for answer in offline["answers"]:
            answer["pages"] = [p.replace("index.html", "").replace(".html", "/")
                               for p in answer["pages"]]
        report("offline", entries, offline)

        page.goto(base + "tentang/")
        box = page.locator(".md-search__input")
        typed = []
        for query in TYPED:
            box.click()
            box.fill("")
            page.keyboard.type(query)
            start = time.perf_counter()
            # the first link of fresh results highlights this query's words
            page.wait_for_selector(
                f'.md-search-result__link[href*="h="]:not([data-seen])', timeout=5000)
            typed.append(time.perf_counter() - start)
            page.eval_on_selector_all(".md-search-result__link",
                                      "els => els.forEach(e => e.dataset.seen = 1)")
        print("search box, last keystroke to results: median "
              f"{statistics.median(typed) * 1000:.0f} ms, max {max(typed) * 1000:.0f} ms "
              f"({len(TYPED)} queries)")
        start_up(page, base, site)
        browser.close()


if __name__ == "__main__":
    queries_file = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else QUERIES
    if len(sys.argv) > 1 and sys.argv[1] != "-":
        measure(Path(sys.argv[1]), queries_file)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "build",
                            "--site", f"{tmp}/site"], check=True, capture_output=True)
            measure(Path(tmp) / "site", queries_file)
