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
import unicodedata
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

INDEX = "search/search_index.json"
# The index's second step online: the text of the pages (`site_files`).
TEXT = "search/search_text.json"

# Words of a question that say nothing about what is sought. Only queries drop them; the
# index keeps every word. Function words, question words and fillers of everyday speech
# ("biar", "kayak", "banget"); chat spellings of them are in protocols/language.yml.
STOPWORDS = sorted({
    "yang", "dan", "atau", "di", "ke", "dari", "untuk", "dengan", "pada", "oleh",
    "dalam", "ini", "itu", "tersebut", "ada", "akan", "sudah", "telah", "juga", "saja", "agar",
    "supaya", "karena", "jika", "bila", "kalau", "apa", "apakah", "bagaimana", "berapa",
    "kapan", "siapa", "mana", "dimana", "kenapa", "mengapa", "saya", "aku", "kami", "kita",
    "anda", "dia", "ia", "mereka", "bisa", "harus", "boleh", "cara", "tentang", "sebagai",
    "seperti", "lagi", "masih", "sedang", "para", "si", "sang", "pun", "lah", "nya",
    "setelah", "sesudah", "sebelum", "saat", "ketika", "sejak", "mau", "ingin", "tidak",
    "bukan", "jadi", "lalu", "kemudian", "sama", "sangat", "sekali", "banyak", "semua",
    "sih", "dong", "kok", "ya", "deh", "nih", "tuh", "lho", "kah", "kan", "biar", "gitu",
    "gini", "kayak", "banget", "emang", "pas", "abis", "trus", "lg", "sm", "dr", "contoh",
    "the", "of", "and",
})

# Words that ask what something means: they point to the glossary instead of being searched.
DEFINITION_WORDS = sorted({"arti", "artinya", "pengertian", "maksud", "maksudnya", "definisi",
                           "singkatan", "kepanjangan", "kepanjangannya", "istilah", "bedanya",
                           "perbedaan", "pengertiannya", "apaan"})
# Two words that ask the same at the start of a question: "apa itu delik aduan".
DEFINITION_OPENINGS = ["apa itu", "apakah itu", "apa sih"]
# ... or at its end, after the word asked about: "LPSK itu apa", "visum tu apa" ("tu" is read
# as "itu", protocols/language.yml).
DEFINITION_CLOSINGS = ["itu apa", "apa itu", "itu apa sih", "itu apa ya"]

# Words that ask for the law behind the handbook ("undang2 TPKS", "dasar hukum penghapusan
# kdrt"): like a question about a word's meaning, a question about a source, not a case to act
# on first; the sources page answers it.
# Matched on the words as typed, not their roots: "mengundang" (invite) is no law.
SOURCE_CUES = ["undang-undang", "undang2", "uu", "dasar hukum", "payung hukum", "sumber hukum",
               "pasal", "regulasi"]

# Words that ask for a number or an address ("nomor sapa 129", "hotline lapor kekerasan anak",
# "alamat UPTD PPA"): the emergency numbers and the services pages answer it, above the
# protocols that mention the service. Matched on the words as typed (everyday spellings read
# first: "no", "nmr" -> "nomor"); "dihubungi" is left out: "tidak bisa dihubungi" tells a case.
CONTACT_CUES = ["nomor", "hotline", "telepon", "telpon", "kontak", "alamat", "hubungi", "mana", "dimana", "kemana", "terdekat",
                "call center"]

# Asking what to do now: the decision guide answers it, first ("apa yg harus sy lakukan skrg",
# "tolong saya"); each cue is words that must all be typed (everyday spellings read first).
WHAT_TO_DO_CUES = ["harus lakukan", "harus dilakukan", "harus berbuat", "harus bagaimana",
                   "harus apa", "tolong", "bantu saya", "bagaimana ini"]

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

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?:;]) ")
_THEME_WORKER = re.compile(
    r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')


def normalize(text: str) -> str:
    """Lower case without accents, one character for one (like `normalize` in web/text.js)."""
    return text.translate(_PLAIN)


class _PlainCharacters(dict):
    """`str.translate`'s table, each character worked out the first time it is met."""

    def __missing__(self, code: int) -> str:
        plain = "".join(ch for ch in unicodedata.normalize("NFKD", chr(code))
                        if not unicodedata.category(ch).startswith("M")).lower()
        self[code] = plain if len(plain) == 1 else " "
        return self[code]


_PLAIN = _PlainCharacters()


def words(text: str) -> list[str]:
    """The words of a text; a hyphenated word also gives its parts ("laki-laki", "laki")."""
    return list(_words(text))


@functools.lru_cache(maxsize=8192)  # the preview indexes the same texts after every save
def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in _TOKEN.findall(normalize(text)):
        parts = word.split("-") if "-" in word else ()
        out.extend(w for w in (word, *parts) if len(w) > 1 or w.isdigit())
    return tuple(out)


@functools.cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    factory = StemmerFactory()
    return factory.create_stemmer(), frozenset(factory.get_words_from_file())


# Sastrawi's slips on words of this handbook, with the right root: without them "menemani"
# (tani) never meets "temani" (teman), nor "penyidikan" (sidi) "penyidik" (sidik). Both sides
# use this list: the build for the handbook's words, the worker for what is typed.
ROOT_FIXES = {
    "ditemani": "teman", "menemani": "teman", "memarahi": "marah", "dimarahi": "marah",
    "memasuki": "masuk", "menelan": "telan", "pengesahan": "sah", "penyidikan": "sidik",
    "relawan": "rela", "berikan": "beri", "memediasinya": "mediasi", "didiversi": "diversi",
    "dikenali": "kenal", "dikuasai": "kuasa", "disepakati": "sepakat", "mengekang": "kekang",
    "pengekangan": "kekang",
}


def stem_cache() -> dict[str, str]:
    """Sastrawi's own table of the words it has stemmed (word -> root), which the build keeps
    between runs (`generator.finish`): stemming every word again is most of the index's cost."""
    return _stemmer()[0].get_cache().data


def sastrawi_root(word: str) -> str:
    """The word's root by Sastrawi itself: "pemerkosaan" -> "perkosa", "dimaki-maki" -> "maki"."""
    if _PLAIN_WORD.fullmatch(word) and (known := stem_cache().get(word)):
        return known  # what Sastrawi's stem() returns, without normalising the word again
    return _stemmer()[0].stem(word) or word


_PLAIN_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # as Sastrawi's own normaliser leaves it


def root(word: str) -> str:
    """The word's root for search: Sastrawi's, or the right one where Sastrawi slips."""
    return ROOT_FIXES.get(word) or sastrawi_root(word)


@functools.lru_cache(maxsize=8192)
def plain_text(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


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


def synonym_groups(handbook: Handbook) -> list[dict[str, list[str]]]:
    """Each glossary term as root phrases: its names (term, full name) and its synonyms."""
    stop = set(STOPWORDS)

    def phrases(texts) -> list[str]:
        out: list[str] = []
        for text in texts:
            roots = " ".join(root(w) for w in _query_words(text) if w not in stop)
            if roots and roots not in out:
                out.append(roots)
        return out

    groups = []
    for term in handbook.glossary:
        names = phrases([term.term, term.full])
        groups.append({"names": names,
                       "synonyms": [p for p in phrases(term.synonyms) if p not in names]})
    return groups


def spellings(handbook: Handbook) -> dict[str, str]:
    """Everyday spellings from protocols/language.yml: {"ga": "tidak", "ortu": "orang tua"}."""
    return {normalize(typed).strip(): " ".join(_query_words(s.word))
            for s in handbook.spellings for typed in s.typed}


def situations(handbook: Handbook) -> list[dict]:
    """language.yml's situations with each cue as the roots a query would have: spellings and
    regional words read first ("kada dibari duit" -> tidak beri duit)."""
    spelled = spellings(handbook)

    def cue_roots(cue: str) -> str:
        out = []
        for part in cue.split():
            if part.startswith("="):  # this form only: "=dijual" is not "jualan", "penjual"
                out.extend(f"{root(w)}={w}" for w in _query_words(part[1:]))
                continue
            for word in _query_words(part):
                for formal in _query_words(spelled.get(word, word)):
                    out.append(cue_root(formal))
        return " ".join(out)

    return [{"label": s.label, "types": list(s.types), "stages": list(s.stages),
             **({"pages": list(s.pages)} if s.pages else {}),
             "cues": sorted({cue_roots(c) for c in s.cues} - {""})}
            for s in handbook.situations]


def what_to_do_cues() -> list[str]:
    """WHAT_TO_DO_CUES as a query's words."""
    return sorted({" ".join(_query_words(cue)) for cue in WHAT_TO_DO_CUES})


def source_cues() -> list[str]:
    """SOURCE_CUES as a query's words."""
    return sorted({" ".join(_query_words(cue)) for cue in SOURCE_CUES})


# Endings that make a new word of a root (cue_root).
MADE_BY_ENDING = ("kan", "i")


def contact_cues() -> list[str]:
    """CONTACT_CUES as a query's words."""
    return sorted({" ".join(_query_words(cue)) for cue in CONTACT_CUES})


def cue_root(word: str) -> str:
    """A cue word's root as a situation matches it. An ending that made a new word keeps it:
    "memulangkan" (to send someone home) is not "pulang" (to go home; "laki kada bulik", the
    husband does not come home), "ditutupi" (covered up) is not "ditutup" (closed), nor
    "kekeluargaan" (settled within the family) "keluarga" (family), so such a
    cue word is "pulang+kan", "tutup+i", and only a typed word with that ending (or the
    everyday -in: "ditutupin") matches it (web/search-query.js cueRoots reads a query alike)."""
    base = root(word)
    if word == f"ke{base}an":
        return f"{base}+kean"  # "kekeluargaan" (settled within the family), not "keluarga"
    for ending in MADE_BY_ENDING:
        if word.endswith(ending) and base != word and not base.endswith(ending):
            return f"{base}+{ending}"
    return base


def _query_words(text: str) -> list[str]:
    """Words as a query reads them: a hyphenated word once, as itself."""
    return [w for w in _TOKEN.findall(normalize(text))
            if len(w) > 1 or any(ch.isdigit() for ch in w)]


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
    # roots of the words a query may bring that the handbook's text does not have: spelled
    # formal words and situation cues (the browser's stemmer must find the same roots)
    extra = {root(w) for text in spellings(handbook).values() for w in _query_words(text)}
    extra |= {re.split(r"[+=]", r)[0] for s in cues for cue in s["cues"] for r in cue.split()}
    vocabulary = {w for doc in docs
                  for w in words(" ".join([doc["title"], doc["text"], *doc.get("tags", [])]))}
    roots = {w: root(w) for w in sorted(vocabulary)}
    texts = pack_texts(docs)
    dictionary = _stemmer()[1]
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
                       "closings": DEFINITION_CLOSINGS,
                       "page": pages.url_of(GLOSSARY, directory_urls=directory_urls)},
        "sources": source_cues(),
        "contact": contact_cues(),
        "what_to_do": what_to_do_cues(),
        "pages": page_labels(handbook, directory_urls=directory_urls),
        "situations": cues,
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


# The engine, one class in four files, each extending the one before (web/search-index.js).
ENGINE = ("search-index.js", "search-query.js", "search-rank.js", "search-results.js")


@functools.cache
def worker_script() -> tuple[str, str]:
    """(path in the site, text) of the search worker: the stemmer, the text rules, the
    situations, the engine's four files and the worker's glue (tables kept per edition) in one file.

    One file, because opened from disk the worker runs in an iframe where `importScripts` is
    asynchronous. The name carries a hash of the text, so a browser never mixes an old worker
    with a new index.
    """
    web = files("generator").joinpath("web")
    text = "\n".join(web.joinpath(name).read_text("utf-8")
                     for name in ("sastrawi.js", "text.js", "situations.js", *ENGINE,
                                  "worker.js"))
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


def point_theme_to_worker(page_html: str) -> str:
    """Make the theme's search box talk to the handbook's worker instead of its own, and load
    the index only once the box is opened (the opener runs before the theme's scripts)."""
    if '<script id="__config"' not in page_html:
        return page_html
    path, _ = worker_script()
    match = _THEME_WORKER.search(page_html)
    if match is None:
        raise ThemeChangedError("the theme's __config does not name its search worker any "
                                "more; update generator/search.py for the new theme")
    replaced = (page_html[:match.start()] + f'{match[1]}{match[2]}{path}"'
                + page_html[match.end():])
    opener = f'<script src="{html.escape(match[2] + opener_script()[0])}"></script>'
    return replaced.replace('<script id="__config"', opener + '<script id="__config"', 1)
