"""How often the right page is among the first 3 results, for the queries workers type, and
what search costs on a slow phone link.

    .venv/bin/python benchmarks/search_recall.py [SITE] [QUERIES.yml ...]
    .venv/bin/python benchmarks/search_recall.py SITE --cost [--cpu 4]
    .venv/bin/python benchmarks/search_recall.py --later N SITE [SITE ...]

Default: builds the handbook into a temporary folder and uses every query file of the test
(tests/search_queries*.yml, one figure per file: the held-out groups were each measured before
the engine was tuned on them). Asks the handbook's search worker in Debian's Chromium
(Playwright), online (served over HTTP) and from the offline download opened from disk, with
tests/search_harness.py, and prints recall@3 per file, the mean reciprocal rank of the
first-contact page for the commonest short queries (tests/search_first_contact.yml), the
worker's start-up time and the time per query. Then, served with gzip and cache headers like
GitHub Pages, over Chromium's network emulation (400 kbit/s down, 300 ms round trip): the
index bytes a page that does not search downloads, and the time from opening the search box
to the first results on a first visit, on the next page at once (index in the browser's cache),
on a later page after a pause on the results (the worker's tables kept on the device,
web/worker.js), and from the download; on the later page also where its time went, from the
page's side (tap -> the worker ready, last key -> results on screen). `--cpu 4` slows the
page's main thread fourfold (Chromium's CPU throttling, as on a cheap phone; Chromium cannot
throttle a worker, so the worker runs at full speed). Targets (search issues): recall@3 >=
92 %, first-contact page first, index on a page that does not search 0 bytes, first results
<= 3 s on a first visit and <= 0.3 s once cached. `--later N`: only a later page's worker, N
times per site (sites alternated page by page, the page at full speed, the query typed at the
tap): the medians of its steps, the steadier figures on a loaded machine.
"""

from __future__ import annotations

import gzip
import http.server
import io
import json
import re
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
from tests.search_harness import FIRST_CONTACT, QUERY_FILES, ask, misses, reciprocal_rank  # noqa: E402

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


def worker_in(site: Path) -> str:
    """The handbook worker the built site names (not the one this checkout would build)."""
    html = (site / "tentang/index.html").read_text(encoding="utf-8")
    return re.search(r'"search":\s*"(?:\.\./)*(javascripts/search\.[0-9a-f]+\.js)"', html)[1]


def start_up(page, base: str, site: Path) -> None:
    """The handbook's worker against Material's lunr worker (still in the site, unused) on
    the same documents."""
    from generator import search

    index = search.read_site_index(site)
    lunr_index = {"config": {k: v for k, v in index["config"].items() if k != "handbook"},
                  "docs": [{**d, "text": search.doc_text(index, d)} for d in index["docs"]]}
    # Material's lunr worker is no longer shipped (issue 14): compared only in a site that has it
    lunr = next((site / "assets/javascripts/workers").glob("search.*.min.js"), None)
    workers = [("Material's lunr worker", lunr.relative_to(site).as_posix(), lunr_index)
               ] if lunr else []
    for name, url, data in [*workers, ("handbook worker", worker_in(site), index)]:
        runs = page.evaluate(_START_UP, [base + url, data])
        print(f"{name}: ready in " + ", ".join(f"{r:.0f}" for r, _ in runs) + " ms; "
              "first query " + ", ".join(f"{q:.0f}" for _, q in runs) + " ms (3 starts)")


def report(label: str, entries: list[dict], result: dict, target: str = "92%") -> None:
    missed = misses(entries, result["answers"])
    times = [a["ms"] for a in result["answers"]]
    found = len(entries) - len(missed)
    mrr, first = reciprocal_rank(entries, result["answers"])
    print(f"{label}: recall@3 {found}/{len(entries)} = {found / len(entries):.1%} "
          f"[target {target}]; expected page first {first}/{len(entries)}, MRR {mrr:.2f}; "
          f"worker ready in {result['setup']:.0f} ms; per query median "
          f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms")
    for miss in missed:
        print(f"  missed: {miss}")


PAUSE = 2000  # ms a person spends on results before opening another page

SLOW = {"offline": False, "latency": 300, "downloadThroughput": 400_000 / 8,
        "uploadThroughput": 200_000 / 8}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: gzip for text, `Cache-Control: max-age=600`."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or path.suffix not in (".html", ".js", ".json", ".css", ".svg", ".webmanifest")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


# Page-side marks (ms on the page's clock): the first tap, the last key, the worker's READY and
# RESULTs, and the first result link on screen. Nothing in the site is changed.
MARKS = """(() => {
  const marks = window.__searchMarks = {};
  const first = name => { if (!(name in marks)) marks[name] = performance.now(); };
  const Native = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    worker.addEventListener("message", event => {
      if (event.data && event.data.type === 1) first("ready");
      if (event.data && event.data.type === 3 && event.data.data.items.length) first("result");
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
  addEventListener("pointerdown", () => first("tap"), true);
  for (const typed of ["input", "keyup"]) {  // the last key before the results
    addEventListener(typed, () => { if (!("drawn" in marks)) marks.key = performance.now(); },
                     true);
  }
  new MutationObserver(() => {
    if (document.querySelector(".md-search-result__link")) first("drawn");
  }).observe(document, {childList: true, subtree: true});
})()"""


# The search worker's own marks (web/worker.js `mark`), on its clock, and that clock's origin.
WORKER_MARKS = """() => ({origin: performance.timeOrigin, marks: Object.fromEntries(
  performance.getEntriesByType("mark").filter(m => m.name.startsWith("pencarian:"))
    .map(m => [m.name.slice("pencarian:".length), m.startTime]))})"""

PHONE = 4  # a cheap phone's core against this machine's (the factor of `--cpu 4`)
TYPING = 800  # ms from the tap to a person's query typed (the keyboard, a few letters)


def later_page_split(page) -> dict | None:
    """Where a later page's search spent its time, in ms after the tap on the page's clock.

    `busy`: what the worker did between the tap and its first answer (reading the device,
    fetching and parsing the first step, making the engine, its warm-up query if that ran
    before the answer, the query), not the time it sat waiting. Chromium
    cannot slow a worker down, so `phone` counts that part PHONE times over: the message to
    the worker + PHONE x worker + the page from the answer to the results on screen (the page
    itself at the rate it runs, CPU /4 with --cpu 4), as if the query had been typed at the
    tap. Pessimistic: the worker's waits for IndexedDB and the browser's cache are counted
    PHONE times too. None when a mark is missing.
    """
    marks = page.evaluate("window.__searchMarks")
    origin = page.evaluate("performance.timeOrigin")
    worker = next((w for w in page.workers
                   if re.search(r"/javascripts/search\.[0-9a-f]+\.js$", w.url)), None)
    if worker is None or not all(k in marks for k in ("tap", "key", "result", "drawn")):
        return None
    theirs = worker.evaluate(WORKER_MARKS)
    # the worker's start with the page -> its script evaluated (the compile hint's cost, paid
    # at page load on the worker's thread), on the worker's clock
    loaded = theirs["marks"].pop("loaded", None)
    w = {name: at + theirs["origin"] - origin - marks["tap"]
         for name, at in theirs["marks"].items()}  # ms after the tap, the page's clock
    if not all(k in w for k in ("opening", "ready", "query", "answered")):
        return None
    # the warm-up, when it ran before the answer (its 300 ms wait is not work)
    warmed = "warm" in w and w["warm"] <= w["answered"]
    warm_up = w["warm"] - w["warming"] if warmed else 0.0
    query = w["answered"] - max(w["query"], w["warm"] if warmed else w["ready"])
    busy = w["ready"] - w["opening"] + warm_up + query
    steps = " ".join(f"{k} {w[k] - w['opening']:.0f}" for k in ("head", "kept", "made", "step")
                     if k in w)
    drawn = marks["drawn"] - marks["tap"]
    draw = marks["drawn"] - marks["result"]
    return {"drawn": drawn, "key_drawn": marks["drawn"] - marks["key"], "opening": w["opening"],
            "ready": w["ready"] - w["opening"], "busy": busy, "draw": draw,
            "query": query, "warm_up": warm_up,
            "phone": w["opening"] + PHONE * busy + draw, "steps": steps,
            "loaded": loaded if loaded is not None else float("nan"),
            # ready and warm on a phone: the worker's work x PHONE, its wait (WARM_AFTER) not
            "ready_warm": PHONE * (w["ready"] - w["opening"]) + (
                w["warming"] - w["ready"] + PHONE * (w["warm"] - w["warming"])
                if "warm" in w else 0.0)}


def describe(split: dict | None) -> str:
    if split is None:
        return ""
    return (f" (page's clock: tap -> results on screen {split['drawn']:.0f} ms, last key -> "
            f"results {split['key_drawn']:.0f} ms; worker: tap -> opening {split['opening']:.0f}"
            f" ms, opening -> ready {split['ready']:.0f} ms ({split['steps']}), warm-up "
            f"{split['warm_up']:.0f} ms, query {split['query']:.0f} ms, "
            f"busy {split['busy']:.0f} ms; answer -> on screen {split['draw']:.0f} ms; "
            f"phone estimate {split['phone']:.0f} ms)")


def open_and_search(page, query: str = "dipukul suami", pause: int = 0) -> float:
    """Seconds from tapping the magnifier (phone width) to the first results on screen; the
    query typed at once, or `pause` ms after the tap (a person: the keyboard comes up, the
    first letters)."""
    start = time.perf_counter()
    page.locator("label.md-header__button[for=__search]").click()
    box = page.get_by_role("textbox", name=re.compile("Cari"))
    if pause:
        page.wait_for_timeout(pause)
    box.fill(query)
    box.press("End")  # the theme reads the box on a key
    page.locator(".md-search-result__link").first.wait_for(state="visible", timeout=60_000)
    return time.perf_counter() - start


def cost(browser, site: Path, unzipped: Path, cpu: float = 1) -> None:
    """What search costs over a slow link: index bytes before searching, time to results."""
    later: list[dict] = []
    with serving(site, GzipHandler) as base:
        for round_ in range(3):
            context = browser.new_context(viewport={"width": 360, "height": 740},
                                          service_workers="block")
            context.add_init_script(MARKS)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})  # kept by later pages
            moved: dict[str, int] = {}

            def count(request, moved=moved):
                size = request.sizes()["responseBodySize"]  # as sent: gzip
                key = "index" if re.search(r"search_(index|text)", request.url) else "other"
                moved[key] = moved.get(key, 0) + max(size, 0)
                if "search_text" in request.url:  # the index's second step has come
                    moved.setdefault("text at", time.perf_counter())

            page.on("requestfinished", count)
            start = time.perf_counter()
            page.goto(base + "protokol/seksual/pengaduan/", wait_until="load")
            loaded = time.perf_counter() - start
            page.wait_for_load_state("networkidle")  # whatever the page fetches by itself
            before = dict(moved)
            opened = time.perf_counter()
            first = open_and_search(page)
            for _ in range(150 if (site / "search/search_text.json").is_file() else 0):
                if "text at" in moved:  # the worker answers again with the text
                    break
                page.wait_for_timeout(100)
            whole = (f"; with the text {moved['text at'] - opened:.2f} s"
                     if "text at" in moved else "")
            index_bytes = moved.get("index", 0)
            page.goto(base + "jenis/fisik/", wait_until="load")
            cached = open_and_search(page, "diperkosa")
            # a person reads the results (the worker keeps its tables once the queries pause)
            page.wait_for_timeout(PAUSE)
            page.goto(base + "jenis/psikis/", wait_until="load")
            kept = open_and_search(page, "dibentak")
            split = later_page_split(page)
            # the same on another later page, typed as a person would: the worker is ready
            # and warm before the first letter; what is left is the query and the drawing
            page.goto(base + "jenis/penelantaran/", wait_until="load")
            open_and_search(page, "ditelantarkan", pause=TYPING)
            person = later_page_split(page)
            if split and person:
                later.append({**split, "harness": kept * 1000,
                              "person": PHONE * person["query"] + person["draw"],
                              "person_ready": person["ready_warm"]})
            print(f"400 kbit/s, 300 ms, gzip{f', CPU /{cpu:g}' if cpu > 1 else ''} "
                  f"(round {round_ + 1}): protocol page loaded in "
                  f"{loaded:.1f} s, {before.get('other', 0) / 1024:.0f} KB; index before "
                  f"searching {before.get('index', 0)} bytes [target 0]; open search -> first "
                  f"results {first:.2f} s [target 3 s]{whole} (index {index_bytes / 1024:.0f}"
                  f" KB gzip); once cached, on the next page at once {cached:.2f} s, on a later "
                  f"page (tables kept) {kept:.2f} s [target 0.3 s]{describe(split)}")
            context.close()
    if later:
        median = {key: statistics.median(r[key] for r in later) for key in later[0]
                  if key != "steps"}
        print(f"a later page, medians of {len(later)} rounds: harness {median['harness']:.0f} ms;"
              f" page's clock, tap -> results on screen {median['drawn']:.0f} ms; worker "
              f"opening -> ready {median['ready']:.0f} ms, busy {median['busy']:.0f} ms; "
              f"answer -> on screen {median['draw']:.0f} ms; phone estimate (worker x{PHONE}) "
              f"{median['phone']:.0f} ms [target 300 ms]; typed by a person ({TYPING} ms after the "
              f"tap; worker ready and warm by {median['person_ready']:.0f} ms at x{PHONE}): "
              f"last key -> results on screen, phone estimate {median['person']:.0f} ms; at page "
              f"load, the worker's start -> its script evaluated {median['loaded']:.0f} ms "
              f"(its own thread)")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    page.goto((unzipped / "buku-saku/protokol/seksual/pengaduan/index.html").as_uri())
    print(f"download from disk: open search -> first results {open_and_search(page):.2f} s")
    page.wait_for_timeout(PAUSE)
    page.goto((unzipped / "buku-saku/jenis/fisik/index.html").as_uri())
    print(f"download from disk, a later page (tables kept): "
          f"{open_and_search(page, 'diperkosa'):.2f} s")
    context.close()


LATER_PAGES = ["jenis/psikis/", "jenis/fisik/", "jenis/penelantaran/", "tentang/", "jenis/seksual/"]


def later_pages(sites: list[Path], rounds: int) -> None:
    """A later page's worker (tables kept), `rounds` times per site, sites alternated page by
    page: medians of opening -> READY, its steps, the first query and the busy time."""
    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    found: dict[str, list[dict]] = {site.name: [] for site in sites}
    with sync_playwright() as playwright, ExitStack() as stack:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        pages = []
        for site in sites:
            base = stack.enter_context(serving(site, GzipHandler))
            context = browser.new_context(viewport={"width": 360, "height": 740},
                                          service_workers="block")
            context.add_init_script(MARKS)
            page = context.new_page()
            page.goto(base + "protokol/seksual/pengaduan/")
            open_and_search(page, "visum")
            page.wait_for_timeout(PAUSE + 500)  # the tables kept
            pages.append((site, base, page))
        for round_ in range(rounds):
            for site, base, page in pages:
                page.goto(base + LATER_PAGES[round_ % len(LATER_PAGES)], wait_until="load")
                page.wait_for_timeout(300)
                open_and_search(page, "dibentak")
                split = later_page_split(page)
                if split:
                    found[site.name].append(split)
        browser.close()
    print(f"load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    for name, rows in found.items():
        if not rows:
            print(f"{name}: no round with every mark")
            continue
        steps: dict[str, list[float]] = {}
        for row in rows:
            parts = row["steps"].split()
            for key, value in zip(parts[::2], parts[1::2]):
                steps.setdefault(key, []).append(float(value))

        def median(key, rows=rows):
            return statistics.median(row[key] for row in rows)

        print(f"{name}, a later page x{len(rows)} (medians, ms): opening -> ready "
              f"{median('ready'):.1f} (" + ", ".join(
                  f"{k} {statistics.median(v):.1f}" for k, v in steps.items()) +
              f"), first query {median('query'):.1f}, busy {median('busy'):.1f}, "
              f"answer -> on screen {median('draw'):.1f}; phone estimate "
              f"{median('phone'):.0f} ({sum(r['phone'] <= 300 for r in rows)} of {len(rows)} "
              "within 300)")


def offline_pages(result: dict) -> dict:
    for answer in result["answers"]:  # the download's addresses name files: x/index.html
        for key in ("pages", "ranked"):
            answer[key] = [p.replace("index.html", "") for p in answer[key]]
    return result


def measure_cost(site: Path, cpu: float = 1) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as unzipped:
        with zipfile.ZipFile(site / "unduh/buku-saku-luring.zip") as zf:
            zf.extractall(unzipped)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        cost(browser, site, Path(unzipped), cpu)
        browser.close()


def measure(site: Path, query_files: list[Path]) -> None:
    from playwright.sync_api import sync_playwright

    for name in ("search_index.json", "search_text.json"):  # the two steps online
        if (site / "search" / name).is_file():
            data = (site / "search" / name).read_bytes()
            print(f"{name}: {len(data) / 1024:.0f} KB, {len(gzip.compress(data, 6)) / 1024:.0f}"
                  " KB gzip")
    with sync_playwright() as playwright, serving(site) as base, \
            tempfile.TemporaryDirectory() as unzipped:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        with zipfile.ZipFile(site / "unduh/buku-saku-luring.zip") as zf:
            zf.extractall(unzipped)
        for path in [*query_files, FIRST_CONTACT]:
            entries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
            queries = [e["q"] for e in entries]
            name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            target = "first-contact page first" if path == FIRST_CONTACT else "92%"
            page.goto(base + "tentang/")
            report(f"{name} online ", entries, ask(page, queries), target)
            page.goto((Path(unzipped) / "buku-saku/tentang/index.html").as_uri())
            report(f"{name} offline", entries, offline_pages(ask(page, queries)), target)

        page.goto(base + "tentang/")
        box = page.locator(".md-search__input")
        typed = []
        for query in TYPED:
            box.click()
            box.fill("")
            page.keyboard.type(query)
            start = time.perf_counter()
            page.wait_for_selector(".md-search-result__link:not([data-seen])", timeout=5000)
            typed.append(time.perf_counter() - start)
            page.eval_on_selector_all(".md-search-result__link",
                                      "els => els.forEach(e => e.dataset.seen = 1)")
        print("search box, last keystroke to results: median "
              f"{statistics.median(typed) * 1000:.0f} ms, max {max(typed) * 1000:.0f} ms "
              f"({len(TYPED)} queries)")
        start_up(page, base, site)
        cost(browser, site, Path(unzipped))
        browser.close()


if __name__ == "__main__":
    files = [Path(a).resolve() for a in sys.argv[2:]] or QUERY_FILES
    if sys.argv[1:2] == ["--later"]:  # a later page's worker only, several sites alternated
        later_pages([Path(a) for a in sys.argv[3:]], int(sys.argv[2]))
    elif sys.argv[2:3] == ["--cost"]:  # only what search costs over a slow link
        cpu_rate = float(sys.argv[4]) if sys.argv[3:4] == ["--cpu"] else 1
        measure_cost(Path(sys.argv[1]), cpu_rate)
    elif len(sys.argv) > 1 and sys.argv[1] != "-":
        measure(Path(sys.argv[1]), files)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "build",
                            "--site", f"{tmp}/site"], check=True, capture_output=True)
            measure(Path(tmp) / "site", files)
