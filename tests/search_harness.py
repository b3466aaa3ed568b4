"""Ask the handbook's own search worker, in a real browser page, what it finds.

The page starts the worker its theme names (`__config.search`) and gives it the index the way
the theme does (fetched online, `search/search_index.js` when opened from disk, where Chromium
runs workers through the iframe shim), then sends the theme's messages. Online the index is
given whole (both steps of `search.site_files`): this measures the answers once the text has
come; test_search_cost.py follows the two steps through the theme. Shared by the tests and
benchmarks/search_recall.py, so both measure the same thing.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

TESTS = Path(__file__).resolve().parent
QUERIES = TESTS / "search_queries.yml"
# Every query file of the test: the first list and the held-out groups written later
# (search_queries_*.yml), each measured before the engine was tuned on it.
QUERY_FILES = sorted(TESTS.glob("search_queries*.yml"))
# The commonest one- and two-word queries of each type, with the first-contact page expected
# first (mean reciprocal rank).
FIRST_CONTACT = TESTS / "search_first_contact.yml"

_ASK = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  let index;
  if (location.protocol === "file:") {
    await new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL("search/search_index.js", new URL(config.base + "/", location)).href;
      script.onload = resolve;
      script.onerror = reject;
      document.body.appendChild(script);
    });
    index = window.__index;
  } else {
    const base = new URL(config.base + "/", location);
    index = await (await fetch(new URL("search/search_index.json", base))).json();
    const handbook = index.config.handbook;
    if (handbook.text) {  // online in two steps: the whole index, as once the text has come
      handbook.strings = (await (await fetch(new URL(handbook.text, base))).json()).strings;
      delete handbook.text;
    }
  }
  const worker = new Worker(new URL(config.search, location).href);
  const next = () => new Promise(resolve => worker.addEventListener(
    "message", event => resolve(event.data), {once: true}));
  const started = performance.now();
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {}}});
  await next();
  const setup = performance.now() - started;
  const answers = [];
  for (const query of queries) {
    const asked = performance.now();
    worker.postMessage({type: 2, data: query});
    const {data} = await next();
    // The decision guide offered above the answers is an offer, not one of the three.
    const offer = data.items.length > 0 && (data.items[0][0].tags || []).includes("Panduan cepat");
    const all = data.items.map(group => group[0].location);
    answers.push({pages: all.slice(0, offer ? 4 : 3), ranked: all.slice(offer ? 1 : 0),
                  ms: performance.now() - asked});
  }
  worker.terminate();
  return {setup, answers};
}"""


def load_queries(files=None) -> list[dict]:
    """The queries of the given files (default: every query file of the test)."""
    return [entry for path in (files or QUERY_FILES)
            for entry in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["queries"]]


def ask(page, queries: list[str]) -> dict:
    """{"setup": ms, "answers": [{"pages": first 3 page locations, "ms": time}]} for a page
    of the handbook already open in `page`."""
    return page.evaluate(_ASK, queries)


def first_rank(entry: dict, answer: dict) -> int | None:
    """Where (1, 2 ...) the first page matching the entry's patterns is, or None."""
    return next((i for i, location in enumerate(answer["ranked"], 1)
                 if any(re.search(p, location.split("#")[0]) for p in entry["pages"])), None)


def reciprocal_rank(entries: list[dict], answers: list[dict]) -> tuple[float, int]:
    """Mean reciprocal rank of the expected page, and how often it is first."""
    ranks = [first_rank(e, a) for e, a in zip(entries, answers, strict=True)]
    return (sum(1 / r for r in ranks if r) / len(ranks), sum(r == 1 for r in ranks))


def misses(entries: list[dict], answers: list[dict]) -> list[str]:
    """The queries none of whose first 3 pages matches one of its expected patterns."""
    return [f"{entry['q']} -> {answer['pages']}"
            for entry, answer in zip(entries, answers, strict=True)
            if not any(re.search(p, location.split("#")[0])
                       for p in entry["pages"] for location in answer["pages"])]
