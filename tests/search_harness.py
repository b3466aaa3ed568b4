"""Ask the handbook's own search worker, in a real browser page, what it finds.

The page starts the worker its theme names (`__config.search`) and gives it the index the way
the theme does (fetched online, `search/search_index.js` when opened from disk, where Chromium
runs workers through the iframe shim), then sends the theme's messages. Shared by the tests and
benchmarks/search_recall.py, so both measure the same thing.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

QUERIES = Path(__file__).resolve().parent / "search_queries.yml"

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
    index = await (await fetch(new URL("search/search_index.json",
                                       new URL(config.base + "/", location)))).json();
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
    answers.push({pages: data.items.slice(0, 3).map(group => group[0].location),
                  ms: performance.now() - asked});
  }
  worker.terminate();
  return {setup, answers};
}"""


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def ask(page, queries: list[str]) -> dict:
    """{"setup": ms, "answers": [{"pages": first 3 page locations, "ms": time}]} for a page
    of the handbook already open in `page`."""
    return page.evaluate(_ASK, queries)


def misses(entries: list[dict], answers: list[dict]) -> list[str]:
    """The queries none of whose first 3 pages matches one of its expected patterns."""
    return [f"{entry['q']} -> {answer['pages']}"
            for entry, answer in zip(entries, answers, strict=True)
            if not any(re.search(p, location.split("#")[0])
                       for p in entry["pages"] for location in answer["pages"])]
