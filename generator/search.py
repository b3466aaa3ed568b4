"""Search that understands Indonesian: the build's half.

MkDocs' search plugin writes `search/search_index.json` (every page and section, as HTML). This
module turns it into the index the handbook's own search worker (`web/search-*.js`) reads:

- the text as plain text (the worker escapes what it shows), each sentence stored once in
  `config.handbook.strings` and a doc's text as the numbers of its sentences;
- `config.handbook`: the root of every word of the handbook (PySastrawi, Nazief-Adriani with
  the Sastrawi dictionary), the dictionary words among those roots (for the same stemmer in
  the browser, `web/sastrawi.js`, to stem what a worker types), the glossary's terms and
  synonyms as groups of root phrases, everyday spellings (protocols/language.yml), the stop
  words of a query, the words that ask for a meaning, and what each page is (the labels shown
  under a result and a ranking prior).

ARCHITECTURE.md ("Search") has the contract and the ranking.

The theme keeps its search box and result list; only the worker behind them changes: every
page's `__config` names ours (`point_theme_to_worker`). Tokenising here and in `web/text.js`
follows the same rules; tests/test_search_engine.py runs both over the whole index.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from importlib.resources import files

from generator import pages
from generator.model import Handbook
from generator.pages import (
    EMERGENCY,
    GLOSSARY,
    HOME,
    REFERENCES,
    SERVICES,
    STAGES_INDEX,
    protocol_page,
    stage_page,
    type_page,
)
from generator.search_vocabulary import (
    CONTACT_CUES,
    DEFINITION_CLOSINGS,
    DEFINITION_NOT_BEFORE,
    DEFINITION_OPENINGS,
    DEFINITION_PURPOSES,
    DEFINITION_WORDS,
    NUMBER_CUES,
    PHRASE_GAPS,
    SOURCE_CUES,
    STOPWORDS,
    TYPES_FIRST,
    WHAT_TO_DO_CUES,
    call_phrases,
    denial_roots,
    situations,
    spellings,
    synonym_groups,
    type_keywords,
    typed_cues,
)
from generator.search_words import (
    ROOT_FIXES,
    plain_text,
    query_words,
    root,
    sastrawi_dictionary,
    sastrawi_root,
    words,
)

INDEX = "search/search_index.json"
# The index's second step online: the text of the pages (`site_files`).
TEXT = "search/search_text.json"

# The reviewers' questions (a hand-written page): every word of the handbook, rarely an answer.
REVIEWER_QUESTIONS = "pertanyaan-peninjau.md"

# How much a page counts before its words do: protocols and the pages that lead to them come
# first, the pages that mention every word (glossary, sources, the reviewers' questions) after.
PRIORS = {
    EMERGENCY: 1.3,  # asked for a number, the numbers page before the protocols naming it
    HOME: 0.6,
    GLOSSARY: 0.75,
    REFERENCES: 0.5,
    SERVICES: 0.9,
    STAGES_INDEX: 0.8,
    REVIEWER_QUESTIONS: 0.4,
    "tentang.md": 0.7,
}

# Stages a worker meets first: without a stage in the query their protocols, and the emergency
# page, come before later stages.
FIRST_STAGES = ("pengaduan", "penanganan-awal")

# The decision guide's start page (owned by the guide, shared URL contract), where it exists.
GUIDE_PAGES = ("panduan/index.md", "panduan.md")

_SENTENCE_END = re.compile(r"(?<=[.!?:;]) ")
_THEME_WORKER = re.compile(
    r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')


def page_labels(handbook: Handbook, *, directory_urls: bool = True) -> dict[str, dict]:
    """For each page URL: the labels under its search result and its ranking prior."""
    url_of = functools.partial(pages.url_of, directory_urls=directory_urls)
    labels: dict[str, dict] = {}
    for protocol in handbook.protocols:
        labels[url_of(protocol_page(protocol))] = {
            "labels": [handbook.type(protocol.type).name,
                       f"Tahap {handbook.stage(protocol.stage).name.lower()}"],
            "type": protocol.type, "stage": protocol.stage,
            **({"first": True} if protocol.stage in FIRST_STAGES else {}),
            # "does not apply to this stage": an answer only when that stage is asked for
            **({"na": True} if protocol.not_applicable is not None else {})}
    for violence_type in handbook.types:
        labels[url_of(type_page(violence_type))] = {"labels": ["Jenis kekerasan"],
                                                    "type": violence_type.id}
    for stage in handbook.stages:
        labels[url_of(stage_page(stage))] = {"labels": ["Tahap layanan"], "prior": 0.9,
                                             "stage": stage.id}
    labels[url_of(EMERGENCY)] = {"labels": ["Nomor darurat"], "first": True, "contacts": True}
    labels.setdefault(url_of(SERVICES), {})["contacts"] = True  # numbers and addresses
    for page, prior in PRIORS.items():
        labels.setdefault(url_of(page), {})["prior"] = prior
    labels[url_of(REFERENCES)]["sources"] = True  # the answer to a question about the law
    # a page a situation points to knows its address ("privasi"), which stays the same in the
    # download, where the URLs change
    for address in sorted({p for s in handbook.situations for p in s.pages}):
        location = f"{address}/" if directory_urls else f"{address}/index.html"
        labels.setdefault(location, {})["source"] = address
    # pages that explain words or sources: rarely what a told situation needs first
    for page in (GLOSSARY, REFERENCES, REVIEWER_QUESTIONS):
        labels[url_of(page)]["reference"] = True
    return dict(sorted(labels.items()))


def build_index(raw: dict, handbook: Handbook, *, directory_urls: bool = True) -> dict:
    """The worker's index from MkDocs' search index: plain text, roots, synonyms, labels."""
    docs = []
    tags: dict[str, list[str]] = {}
    for doc in raw["docs"]:
        page = doc["location"].split("#")[0]
        for tag in doc.get("tags") or []:
            tags.setdefault(page, [])
            if tag not in tags[page]:
                tags[page].append(tag)
    for doc in raw["docs"]:
        entry = {"location": doc["location"], "title": plain_text(doc["title"]),
                 "text": plain_text(doc["text"])}
        if "#" not in doc["location"] and tags.get(doc["location"]):
            entry["tags"] = tags[doc["location"]]
        docs.append(entry)
    groups = synonym_groups(handbook)
    cues = situations(handbook)
    calls = call_phrases(handbook)
    # roots of the words a query may bring that the handbook's text does not have: spelled
    # formal words, situation cues and call phrases (the browser's stemmer must find the same)
    extra = {root(w) for text in spellings(handbook).values() for w in query_words(text)}
    cue_texts = [*calls, *(cue for s in cues
                           for cue in [*s["cues"], *s.get("phrases", []), *s.get("alone", [])])]
    extra |= {re.split(r"[+=]", r)[0] for cue in cue_texts for r in cue.split()}
    vocabulary = {w for doc in docs
                  for w in words(" ".join([doc["title"], doc["text"], *doc.get("tags", [])]))}
    roots = {w: root(w) for w in sorted(vocabulary)}
    texts = pack_texts(docs)
    dictionary = sastrawi_dictionary()
    # the browser's Sastrawi needs the roots it would find itself, and the corrected ones
    known_roots = (set(roots.values()) | {sastrawi_root(w) for w in roots}
                   | {r for group in groups for phrases in group.values()
                      for p in phrases for r in p.split()} | extra)
    config = dict(raw["config"])
    config["handbook"] = {
        "strings": texts,
        "roots": {w: r for w, r in roots.items() if w != r},
        "fixes": ROOT_FIXES,
        "dictionary": sorted(r for r in known_roots if r in dictionary),
        "synonyms": groups,
        "stopwords": STOPWORDS,
        "spellings": spellings(handbook),
        "definition": {"words": DEFINITION_WORDS, "openings": DEFINITION_OPENINGS,
                       "closings": DEFINITION_CLOSINGS, "purposes": DEFINITION_PURPOSES,
                       "not_before": DEFINITION_NOT_BEFORE,
                       "page": pages.url_of(GLOSSARY, directory_urls=directory_urls)},
        "sources": typed_cues(SOURCE_CUES),
        "contact": typed_cues(CONTACT_CUES),
        "number": typed_cues(NUMBER_CUES),
        "call": calls,
        "what_to_do": typed_cues(WHAT_TO_DO_CUES),
        "pages": page_labels(handbook, directory_urls=directory_urls),
        "situations": cues,
        "denials": denial_roots(handbook),
        "phrase_gaps": PHRASE_GAPS,
        "type_keywords": type_keywords(handbook),
        "types_first": TYPES_FIRST,
        "guide": sorted({pages.url_of(p, directory_urls=directory_urls) for p in GUIDE_PAGES}),
    }
    index = {"config": config, "docs": docs}
    config["handbook"]["edition"] = edition(index)
    return index


def edition(index: dict) -> str:
    """What the worker's kept tables belong to (web/worker.js): a digest of the index and of
    the worker's code, so a new edition or a new engine never reads tables built by another."""
    digest = hashlib.sha256(worker_script()[1].encode())
    digest.update(index_text(index).encode())
    return digest.hexdigest()[:16]


def pack_texts(docs: list[dict]) -> list[str]:
    """Replace each doc's text by the numbers of its sentences in a shared table; return it.

    Protocols repeat their stage's common steps word for word: shared once, the index is a
    third smaller compressed, and the worker reads each sentence once.
    """
    table: dict[str, int] = {}
    for doc in docs:
        parts = _SENTENCE_END.split(doc["text"]) if doc["text"] else []
        doc["text"] = [table.setdefault(part, len(table)) for part in parts]
    return list(table)


def doc_text(index: dict, doc: dict) -> str:
    """A doc's text from the worker's index (what `textOf` does in web/search-results.js)."""
    return " ".join(index["config"]["handbook"]["strings"][i] for i in doc["text"])


def index_text(index: dict) -> str:
    """The worker's index as the site serves it (compact JSON)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def site_files(index: dict) -> list[tuple[str, str]]:
    """(path, text) of the index as the published site serves it, in two steps: INDEX without
    the text of the pages (titles, keywords, headings, labels, the words' roots), which the
    theme fetches when the search box opens, and TEXT (the sentences, two thirds of the
    bytes), which the worker fetches once it answers from the first (web/worker.js). The
    download keeps the whole index in one file: from disk there is no transfer to wait for."""
    handbook = dict(index["config"]["handbook"])
    text = {"edition": handbook["edition"], "strings": handbook.pop("strings")}
    handbook["text"] = TEXT
    first = {**index, "config": {**index["config"], "handbook": handbook}}
    return [(INDEX, index_text(first)), (TEXT, index_text(text))]


def read_site_index(site) -> dict:
    """The whole index of a built site (both steps of `site_files` joined), as the worker
    has it once the text has come."""
    index = json.loads((site / INDEX).read_text(encoding="utf-8"))
    handbook = index["config"]["handbook"]
    if "text" in handbook:
        text = json.loads((site / handbook.pop("text")).read_text(encoding="utf-8"))
        # in its place, first: the same index, byte for byte, as `build_index` made
        index["config"]["handbook"] = {"strings": text["strings"], **handbook}
    return index


# The worker script's first line: "compile every function now" to V8 (Chromium 136 and later);
# a comment to every other engine.
COMPILE_ALL = "//# allFunctionsCalledOnLoad"

# The engine, one class in four files, each extending the one before (web/search-index.js).
ENGINE = ("search-index.js", "search-query.js", "search-rank.js", "search-results.js")


@functools.cache
def worker_script() -> tuple[str, str]:
    """(path in the site, text) of the search worker: the stemmer, the text rules, the
    situations, the kept tables' packing, the engine's four files and the worker's glue
    (tables kept per edition) in one file.

    One file, because opened from disk the worker runs in an iframe where `importScripts` is
    asynchronous. The name carries a hash of the text, so a browser never mixes an old worker
    with a new index.
    """
    web = files("generator").joinpath("web")
    parts = [web.joinpath(name).read_text("utf-8")
             for name in ("sastrawi.js", "text.js", "situations.js", "search-tables.js", *ENGINE)]
    # worker.js fetches the index's first step itself, at the theme's address
    parts += [f"const FIRST_STEP = {json.dumps(INDEX)};",
              web.joinpath("worker.js").read_text("utf-8")]
    # V8's explicit compile hint (first line only): every function is compiled when the worker
    # starts with the page, long before a tap, instead of at its first call, which was on the
    # path of a later page's first results (making the engine from the device, the first query)
    text = "\n".join([COMPILE_ALL, *parts])
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return f"javascripts/search.{digest}.js", text


@functools.cache
def opener_script() -> tuple[str, str]:
    """(path in the site, text) of the script that holds the index back until search opens."""
    text = files("generator").joinpath("web", "search-open.js").read_text("utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return f"javascripts/search-open.{digest}.js", text


def site_scripts() -> list[tuple[str, str]]:
    """The scripts search adds to the site: its worker and the opener."""
    return [worker_script(), opener_script()]


class ThemeChangedError(Exception):
    """The theme no longer names its search worker where this module expects it."""


def point_theme_to_worker(page_html: str, edition: str | None = None) -> str:
    """Make the theme's search box talk to the handbook's worker instead of its own, and load
    the index only once the box is opened (the opener runs before the theme's scripts).

    `edition`, the index's (`build_index`), is written on the opener's tag: a later page's
    worker then answers from the tables the device keeps for it without fetching anything
    (web/worker.js). A page that names none (the preview, whose pages are rebuilt one by one
    while the index changes) has the worker read the edition from the index's first step."""
    if '<script id="__config"' not in page_html:
        return page_html
    path, _ = worker_script()
    match = _THEME_WORKER.search(page_html)
    if match is None:
        raise ThemeChangedError("the theme's __config does not name its search worker any "
                                "more; update generator/search.py for the new theme")
    replaced = (page_html[:match.start()] + f'{match[1]}{match[2]}{path}"'
                + page_html[match.end():])
    named = f' data-edition="{html.escape(edition)}"' if edition else ""
    opener = f'<script src="{html.escape(match[2] + opener_script()[0])}"{named}></script>'
    return replaced.replace('<script id="__config"', opener + '<script id="__config"', 1)
