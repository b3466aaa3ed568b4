"""The search engine itself, run under Node: the browser's half agrees with the build's half
(stems, words, cues), what the index says is shown as text, the kept tables answer as fresh
ones, and a worker's words find the right pages. How the engine puts first what a worker must
do first is in test_search_first_things.py.

The real handbook's index is used where the content matters; a small made-up index where only
the engine does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator import search, search_words
from tests.conftest import edit
from tests.search_node import (FIRST_CONTACT, GUIDE, first_pages, run_node, stemmed_differently,
                               worker_of)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.site
def test_the_browser_stems_every_word_of_the_handbook_like_the_build(real):
    worker, index_path, index = real
    vocabulary = sorted({w for doc in index["docs"]
                         for w in search_words.words(" ".join([doc["title"],
                                                         search.doc_text(index, doc),
                                                         *doc.get("tags", [])]))})
    # With the small dictionary shipped in the index, as a worker's phone runs it. (Words of
    # ROOT_FIXES never reach the stemmer: both sides look them up.)
    differ = stemmed_differently(worker, index_path,
                                 [w for w in vocabulary if w not in search_words.ROOT_FIXES])
    assert not differ, differ[:20]
    assert len(vocabulary) > 2000


@pytest.mark.site
def test_the_browser_stemmer_is_sastrawi_on_inflected_forms_it_has_never_seen(real):
    worker, index_path, index = real
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    forms = set()
    for root in index["config"]["handbook"]["dictionary"]:
        head, rest = root[0], root[1:]
        forms.update({f"di{root}kan", f"di{root}i", f"ber{root}", f"ter{root}", f"{root}nya",
                      f"ke{root}an", f"per{root}an", f"pe{root}an", f"{root}-{root}",
                      f"me{root}", f"{root}lah", f"se{root}"})
        nasal = {"p": "mem", "b": "mem", "t": "men", "d": "men", "s": "meny", "k": "meng",
                 "g": "meng"}.get(head)
        if nasal:
            rest_of = rest if head in "ptsk" else root
            forms.update({f"{nasal}{rest_of}", f"{nasal}{rest_of}kan",
                          f"pe{nasal[2:]}{rest_of}an"})
        elif head in "aiueo":
            forms.update({f"meng{root}", f"peng{root}an"})
    full = StemmerFactory().get_words_from_file()
    differ = stemmed_differently(worker, index_path, sorted(forms), dictionary=full)
    assert not differ, differ[:20]
    assert len(forms) > 10000


@pytest.mark.site
def test_the_browser_cuts_text_into_the_same_words_as_the_build(real):
    worker, index_path, index = real
    texts = [doc["title"] + "\n" + search.doc_text(index, doc) for doc in index["docs"]]
    texts += ["Anak-anak dipukul-pukul; É é café naïve, 72 jam — SAPA 129 🙂 ok", "ﬁle Ǆ İ"]
    assert run_node(worker, index_path, words=texts)["words"] == [search_words.words(t) for t in texts]


WORKER_STORIES = {
    # affixes on either side: the page says "pemerkosaan", "perkosaan", "diperkosa"
    "memperkosa": ("protokol/seksual/", "jenis/seksual/"),
    "pencabulan anak": ("protokol/seksual/", "jenis/seksual/"),
    "menyiksa istri": ("protokol/fisik/", "jenis/fisik/"),
    "memukuli": ("protokol/fisik/", "jenis/fisik/"),
    "menelantarkan anak": ("protokol/penelantaran/", "jenis/penelantaran/"),
    # abbreviations and loanwords through the glossary
    "TPPO": ("protokol/perdagangan-orang/", "jenis/perdagangan-orang/"),
    "trafficking": ("protokol/perdagangan-orang/", "jenis/perdagangan-orang/"),
    "KDRT": ("protokol/", "jenis/"),
    # a slip of the thumb in a longer word
    "pemerkosan": ("protokol/seksual/", "jenis/seksual/"),
    "perdagnagan orang": ("protokol/perdagangan-orang/", "jenis/perdagangan-orang/"),
    "penampunagn": ("penampungan-sementara/",),
    # Sastrawi's slips corrected on both sides: "menemani" (tani) meets "temani" (teman)
    "temani korban diperiksa penyidik": ("pendampingan/",),
    # the word still being typed
    "pencabu": ("protokol/seksual/", "jenis/seksual/"),
}


@pytest.mark.site
def test_a_workers_own_words_find_the_right_pages(real):
    worker, index_path, _ = real
    answers = run_node(worker, index_path, search=list(WORKER_STORIES))["search"]
    for (query, expected), answer in zip(WORKER_STORIES.items(), answers, strict=True):
        pages = first_pages(answer)
        assert any(p.startswith(e) or e in p for p in pages for e in expected), (query, pages)


@pytest.mark.site
def test_the_protocol_named_by_its_keywords_comes_before_pages_that_mention_the_words(real):
    worker, index_path, _ = real
    [answer] = run_node(worker, index_path, search=["paspor ditahan majikan"])["search"]
    pages = first_pages(answer, len(answer))
    assert pages[0].startswith(("protokol/perdagangan-orang/", "jenis/perdagangan-orang/"))
    # The glossary lists "paspor ditahan" among the synonyms of TPPO: it may come, but after.
    assert pages.index("glosarium/") > 2 if "glosarium/" in pages else True
    [answer] = run_node(worker, index_path, search=["SAPA 129"])["search"]
    assert first_pages(answer, 1)[0] in ("darurat/", "layanan/")


@pytest.mark.site
def test_a_result_names_the_type_and_the_stage_and_marks_the_words(real):
    worker, index_path, _ = real
    [answer] = run_node(worker, index_path, search=["diperkosa"])["search"]
    protocol = next(group for group in answer if group[0]["location"].startswith("protokol/"))
    article = protocol[0]
    # the situation that brought it first, then the page's type and stage
    assert article["tags"][0] == "Sesuai situasi: Kekerasan seksual"
    assert article["tags"][1] == "Kekerasan seksual"
    assert article["tags"][2].startswith("Tahap ")
    shown = "".join(doc["title"] + doc["text"] for doc in protocol)
    assert "<mark>" in shown
    # the page opened from a result highlights the words the page really has
    assert any(word in article["terms"] for word in ("perkosaan", "diperkosa", "pemerkosaan"))


def tiny_index(text: str) -> dict:
    return {"config": {"separator": r"[\s\-]+", "handbook": {"strings": [text],
                "roots": {"dipukul": "pukul"}, "dictionary": ["pukul"], "stopwords": ["di"],
                "spellings": {}, "synonyms": [], "pages": {}, "fixes": {},
                "definition": {"words": ["artinya"], "page": "glosarium/"}}},
            "docs": [{"location": "a/", "title": "Halaman A", "text": [0]}]}


def test_what_the_index_says_is_shown_as_text_never_as_markup(shipped_site):
    # Material writes a result's title, text and tags into the page as HTML.
    index = tiny_index('<img src=x onerror="alert(1)"> korban dipukul & "diancam"')
    index["docs"][0]["title"] = "Halaman <b>A</b>"
    index["config"]["handbook"]["pages"] = {"a/": {"labels": ["Jenis <i>x</i>"]}}
    [answer] = run_node(worker_of(shipped_site), index, search=["dipukul"])["search"]
    shown = answer[0][0]
    assert "<img" not in shown["text"] and "&lt;img" in shown["text"]
    assert "&amp;" in shown["text"]
    assert "<mark>dipukul</mark>" in shown["text"]
    assert shown["title"] == "Halaman &lt;b&gt;A&lt;/b&gt;"
    assert shown["tags"] == ["Jenis &lt;i&gt;x&lt;/i&gt;"]


def test_only_stop_words_still_search_and_nothing_found_is_an_empty_list(shipped_site):
    index = tiny_index("korban dipukul")
    found, nothing = run_node(worker_of(shipped_site), index, search=["di", "zzzz"])["search"]
    assert nothing == []
    assert isinstance(found, list)


@pytest.mark.site
def test_an_editor_adds_a_synonym_to_the_glossary_and_search_knows_it(project, handbook):
    # The glossary page and search read the same file: no code, no second list.
    edit(project / "protocols/glossary.yml", "synonyms: [dipukul suami,",
         "synonyms: [digebukin laki, dipukul suami,")
    assert handbook("--root", project, "build").code == 0
    site = project / "site"
    index = search.read_site_index(site)
    [answer] = run_node(worker_of(site), index, search=["digebukin laki"])["search"]
    assert answer, "the new synonym finds nothing"
    groups = index["config"]["handbook"]["synonyms"]
    phrase = " ".join(search_words.root(w) for w in ("digebukin", "laki"))
    assert any(phrase in g["synonyms"] and "kdrt" in g["names"] for g in groups)


def test_words_every_javascript_object_has_are_only_words(shipped_site):
    # Looked up in plain objects, "constructor" found a function where a root was expected and
    # the worker died: the search box then stayed on its last answer for every query after.
    index = tiny_index("korban dipukul constructor")
    index["config"]["handbook"]["spellings"] = {"ga": "tidak"}
    tricky = ["constructor", "__proto__", "toString", "hasOwnProperty", "constructornya",
              "valueOf artinya", "prototype dipukul", "__proto__ dipukul"]
    answers = run_node(worker_of(shipped_site), index, search=tricky + ["dipukul"])["search"]
    assert [first_pages(a, 1) for a in answers[:1]] == [["a/"]]  # the word is in the text
    assert first_pages(answers[-1], 1) == ["a/"]
    assert all(isinstance(a, list) for a in answers)


@pytest.mark.site
def test_a_regional_word_with_an_affix_reads_as_its_formal_word(real):
    # language.yml: dabau (Banjar) = tampar; "mandabau", "didabau" are the same word in use.
    worker, index_path, _ = real
    answers = run_node(worker, index_path, search=["laki mandabau bini", "bini didabau laki"])
    for answer in answers["search"]:
        assert re.match(FIRST_CONTACT.format("fisik"), first_pages(answer, 1)[0]), (
            first_pages(answer))


@pytest.mark.site
def test_cues_and_regional_words_stem_alike_in_the_browser_and_the_build(real):
    # A cue matches by root: the browser must find the root the build wrote.
    worker, index_path, index = real
    meta = index["config"]["handbook"]
    words = set()
    for situation in yaml.safe_load((ROOT / "protocols/language.yml").read_text())["situations"]:
        for cue in (c for key in ("cues", "phrases", "alone") for c in situation.get(key, [])):
            for word in search_words.query_words(cue):
                words.update(search_words.query_words(meta["spellings"].get(word, word)))
    words = sorted(w for w in words if w not in search_words.ROOT_FIXES and w not in meta["roots"])
    assert len(words) > 50
    assert not stemmed_differently(worker, index_path, words)


def test_tables_kept_on_the_device_answer_exactly_as_freshly_built_ones(real):
    # A later page takes the worker's tables from IndexedDB instead of reading every doc
    # again (web/worker.js): the same pages, sections, snippets and labels for every query.
    worker, index_path, _ = real
    queries = [entry["q"] for entry in yaml.safe_load(
        (ROOT / "tests/search_first_contact.yml").read_text("utf-8"))["queries"]]
    queries += ["dipukul suami", "anak 13 tahun hamil pelakunya paman", "visum", "LPSK",
                "bini dipukul lakinya", "delik aduan artinya", "perkosan"]
    fresh = run_node(worker, index_path, search=queries)["search"]
    kept = run_node(worker, index_path, search=queries, kept=True)["search"]
    assert kept == fresh
    assert all(fresh), "a query found nothing"


def test_an_index_names_its_edition_for_the_kept_tables(real, shipped_site):
    # the tables are kept under this name: a new index or a new engine never reads old ones
    _, _, index = real
    edition = index["config"]["handbook"]["edition"]
    assert re.fullmatch(r"[0-9a-f]{16}", edition)
    without = {**index, "config": {**index["config"], "handbook": {
        k: v for k, v in index["config"]["handbook"].items() if k != "edition"}}}
    assert search.edition(without) == edition


def test_an_everyday_form_reads_as_the_formal_word_keeping_most_of_it(real):
    # "ngemis" is mengemis (begging: exploitation), not "memis" (root "mem")
    worker, index_path, _ = real
    [answer] = run_node(worker, index_path, search=["anak disuruh ngemis"])["search"]
    first = next(group[0] for group in answer if group[0]["location"] != GUIDE)
    assert first["location"].startswith("protokol/eksploitasi/")
    assert first["tags"][0] == "Sesuai situasi: Eksploitasi atau perdagangan orang"


def test_a_word_written_twice_with_a_2_reads_as_the_doubled_word(real):
    # "remang2" is "remang-remang" (a dimly lit bar): the exploitation situation's cue "remang"
    worker, index_path, _ = real
    [answer] = run_node(worker, index_path, search=["siswi kerja di kafe remang2"])["search"]
    first = next(group[0] for group in answer if group[0]["location"] != GUIDE)
    assert first["location"].startswith("protokol/eksploitasi/"), first["location"]
    assert first["tags"][0] == "Sesuai situasi: Eksploitasi atau perdagangan orang", first["tags"]


def test_a_types_keywords_are_read_as_a_query_reads_the_same_words(real):
    # protocols/types/psikis.yml has the keyword "HP diperiksa"; the worker reads a typed "hp"
    # as "ponsel" before asking whether a query is nothing but a type's keyword, so the
    # keyword is kept as "ponsel diperiksa", and no keyword keeps a word a spelling rewrites
    *_, index = real
    handbook = index["config"]["handbook"]
    keywords = handbook["type_keywords"]
    assert "ponsel diperiksa" in keywords["psikis"], keywords["psikis"]
    unread = {word for words in keywords.values() for keyword in words
              for word in keyword.split() if word in handbook["spellings"]}
    assert not unread, unread


def test_banjar_prefixes_and_a_prefix_typed_apart_read_as_the_formal_word(real):
    # Banjar ba-/ma- for ber-/me-: "badamai" is berdamai, "mamukul" memukul; "di bully" typed
    # apart is "dibully", a name of Perundungan in the glossary
    worker, index_path, _ = real
    answers = run_node(worker, index_path, search=[
        "laki handak badamai", "laki handak berdamai", "mamukul bini", "memukul bini",
        "anak di bully", "anak dibully"])["search"]
    for banjar, formal in zip(answers[::2], answers[1::2]):
        assert first_pages(banjar) == first_pages(formal)
    assert "protokol/fisik/mediasi/" in first_pages(answers[0])
    assert first_pages(answers[4], 1)[0].startswith(("jenis/psikis/", "protokol/psikis/"))
