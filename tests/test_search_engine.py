"""The search engine itself, run under Node: the browser's half agrees with the build's half,
and a worker's words find the right pages.

The real handbook's index is used where the content matters (agreement on every word, the
stories of the search issue); a small made-up index where only the engine does.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from generator import search, search_words
from tests.conftest import edit

RUNNER = Path(__file__).resolve().parent / "node" / "search.cjs"
ROOT = Path(__file__).resolve().parent.parent
GUIDE = "panduan/"  # the decision guide, offered first when a query reads like a situation


def run_node(worker: Path, index, **request) -> dict:
    payload = json.dumps({"worker": str(worker), "index": index, **request})
    done = subprocess.run(["node", str(RUNNER)], input=payload, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def worker_of(site: Path) -> Path:
    return site / search.worker_script()[0]


def answers(real, queries: list[str]) -> list[tuple[str, list]]:
    """(query, the worker's answer) for each query, from the real handbook's index."""
    worker, index_path, _ = real
    return list(zip(queries, run_node(worker, index_path, search=queries)["search"],
                    strict=True))


def first_result(answer: list) -> dict:
    """The first result group's page entry; the decision guide offered above it is not one."""
    return answer[1 if answer[0][0]["location"] == GUIDE else 0][0]


def first_pages(answer: list, n: int = 3) -> list[str]:
    """The first `n` pages found; the decision guide offered above them is not one of them."""
    if answer and answer[0][0]["location"] == GUIDE:
        answer = answer[1:]
    return [group[0]["location"] for group in answer[:n]]


@pytest.fixture(scope="module")
def real(shipped_site, tmp_path_factory):
    """(worker script, index path, index) of the real handbook: the whole index, as the worker
    has it once the text of the pages (the second step online) has come."""
    index = search.read_site_index(shipped_site)
    index_path = tmp_path_factory.mktemp("index") / "search_index.json"
    index_path.write_text(search.index_text(index), encoding="utf-8")
    return worker_of(shipped_site), str(index_path), index


def stemmed_differently(worker: Path, index_path: str, words: list[str], **dictionary) -> list:
    """(word, browser's root, build's root) for every word the two Sastrawis disagree on."""
    stems = run_node(worker, index_path, stem=words, **dictionary)["stem"]
    return [(w, s, search_words.sastrawi_root(w)) for w, s in zip(words, stems)
            if s != search_words.sastrawi_root(w)]


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


FIRST_CONTACT = r"protokol/{}/(pengaduan|penanganan-awal)/"


@pytest.mark.site
def test_a_situation_told_in_her_own_words_finds_its_type_and_says_why(real):
    # The search issue's stories: a child, pregnant, an uncle is sexual violence; a husband
    # gone without support is neglect; a child working as "LC" is exploitation.
    worker, index_path, _ = real
    stories = {"anak 13 tahun hamil pelakunya paman": ("seksual", "Kekerasan seksual · anak"),
               "lakinya minggat ga pernah kasih nafkah": ("penelantaran", "Penelantaran"),
               "anak jadi LC di karaoke": ("eksploitasi", "Eksploitasi atau perdagangan orang"),
               "bini dipukul lakinya": ("fisik", "Kekerasan fisik")}
    answers = run_node(worker, index_path, search=list(stories))["search"]
    for (query, (kind, reason)), answer in zip(stories.items(), answers, strict=True):
        first = first_result(answer)
        assert re.match(FIRST_CONTACT.format(kind), first["location"]), (query, first_pages(answer))
        assert first["tags"][0] == f"Sesuai situasi: {reason}", (query, first["tags"])


@pytest.mark.site
def test_without_a_stage_the_page_for_first_contact_comes_first(real):
    worker, index_path, _ = real
    queries = ["diperkosa", "dipukul suami", "trafficking", "anak telantar",
               "korban perkosaan baru datang"]
    answers = run_node(worker, index_path, search=queries)["search"]
    kinds = ["seksual", "fisik", "perdagangan-orang", "penelantaran"]
    for query, kind, answer in zip(queries, kinds, answers):
        assert re.match(FIRST_CONTACT.format(kind), first_pages(answer, 1)[0]), (query,
                                                                               first_pages(answer))
    # "baru datang": she has just arrived, first response
    assert "protokol/seksual/penanganan-awal/" in first_pages(answers[-1])


@pytest.mark.site
def test_a_few_words_naming_what_happened_lead_to_the_page_to_act_on_now(real):
    # "dipukul ayah": the physical violence protocol for first contact, not the neglect type
    # page that happens to say "ayah" and "kekerasan fisik" (the commonest queries);
    # "anak laki2 disodomi": first contact, not the shelter page that says "anak laki-laki".
    worker, index_path, _ = real
    queries = {"dipukul ayah": "fisik", "diancam cerai": "psikis", "mucikari": "eksploitasi",
               "anak laki2 disodomi": "seksual"}
    answers = run_node(worker, index_path, search=list(queries))["search"]
    for (query, kind), answer in zip(queries.items(), answers, strict=True):
        assert re.match(FIRST_CONTACT.format(kind), first_pages(answer, 1)[0]), (
            query, first_pages(answer))


@pytest.mark.site
def test_a_question_about_a_word_asked_after_it_goes_to_the_glossary(real):
    for query, answer in answers(real, ["LPSK itu apa", "visum et repertum tu apa",
                                        "restitusi apaan"]):
        assert first_pages(answer, 1) == ["glosarium/"], (query, first_pages(answer))


@pytest.mark.site
def test_asking_for_a_number_finds_the_numbers_before_the_protocols(real):
    for query, answer in answers(real, ["nomor sapa 129 buat lapor kekerasan",
                                        "hotline lapor kekerasan anak 24 jam"]):
        assert set(first_pages(answer, 2)) & {"darurat/", "layanan/"}, (query, first_pages(answer))


@pytest.mark.site
def test_asking_whom_to_call_when_it_just_happened_gives_the_emergency_numbers_first(real):
    # "luka parah" tells first response; "telpon siapa" asks for a number: the emergency page
    # leads, above the first-response protocols that have the words.
    [(_, answer)] = answers(real, ["urang luka parah malam2 handak telpon siapa"])
    assert first_result(answer)["location"] == "darurat/", first_pages(answer)


@pytest.mark.site
def test_a_type_told_and_a_stage_asked_for_lead_to_that_types_protocol_of_that_stage(real):
    # "anak korban eksploitasi" tells the type, "ditampung di mana" asks for shelter: the
    # exploitation shelter protocol leads, before its outreach page, which has "tempat hiburan".
    [(_, answer)] = answers(real, ["anak korban eksploitasi di tempat hiburan ditampung di mana dulu"])
    assert first_result(answer)["location"] == "protokol/eksploitasi/penampungan-sementara/", (
        first_pages(answer))


@pytest.mark.site
def test_going_home_is_not_being_sent_home(real):
    # "laki kada bulik" (the husband does not come home) is neglect, not the recovery stage's
    # repatriation ("dipulangkan"), which still tells recovery.
    worker, index_path, _ = real
    home, sent = run_node(worker, index_path, search=[
        "laki tulak kada bulik bini kd dibari duit",
        "korban tppo dipulangkan dari malaysia"])["search"]
    assert re.match(FIRST_CONTACT.format("penelantaran"), first_pages(home, 1)[0]), (
        first_pages(home))
    assert first_pages(sent, 1) == ["protokol/perdagangan-orang/pemulihan/"], first_pages(sent)


@pytest.mark.site
def test_the_words_that_ask_for_a_stage_are_understood_by_its_pages(real):
    # "nginap" asks for the shelter stage; its pages need not say the word to answer it.
    worker, index_path, _ = real
    [answer] = run_node(worker, index_path, search=[
        "istri kabur malam2 bawa anak, gak ada tempat nginap, takut dicari suami"])["search"]
    assert any("penampungan-sementara/" in page for page in first_pages(answer)), (
        first_pages(answer))


@pytest.mark.site
def test_a_closed_case_is_not_a_covered_up_one(real):
    # "ditutupi" (covered up) tells mediation; "ditutup" (a case closed) tells case management.
    worker, index_path, _ = real
    closed, covered = run_node(worker, index_path, search=[
        "kapan kasus kdrt boleh ditutup", "kasus kdrt ditutupi keluarga"])["search"]
    assert any("pengelolaan-kasus/" in page for page in first_pages(closed)), first_pages(closed)
    assert not any("mediasi/" in page for page in first_pages(closed)), first_pages(closed)
    assert any("mediasi/" in page for page in first_pages(covered)), first_pages(covered)


@pytest.mark.site
def test_a_case_told_in_many_words_is_answered_before_the_glossary(real):
    # The glossary mentions nearly every word; for a told case the protocols come first, and
    # a question about a word still goes to the glossary.
    worker, index_path, _ = real
    story, question = run_node(worker, index_path, search=[
        "korban tppo sdh pulang tapi malu lawan urang kampung", "apa itu restitusi"])["search"]
    assert "glosarium/" not in first_pages(story), first_pages(story)
    assert "protokol/perdagangan-orang/pemulihan/" in first_pages(story), first_pages(story)
    assert first_pages(question, 1) == ["glosarium/"], first_pages(question)


@pytest.mark.site
def test_a_cue_is_understood_by_the_pages_of_its_own_type_only(real):
    # "dipekerjakan" points to exploitation and trafficking, "tambang emas" to exploitation
    # only: the trafficking pages must not read "tambang emas" as theirs.
    worker, index_path, _ = real
    [answer] = run_node(worker, index_path,
                        search=["anak dipekerjakan di tambang emas ilegal"])["search"]
    assert re.match(FIRST_CONTACT.format("eksploitasi"), first_pages(answer, 1)[0]), (
        first_pages(answer))


@pytest.mark.site
def test_a_regional_word_with_an_affix_reads_as_its_formal_word(real):
    # language.yml: dabau (Banjar) = tampar; "mandabau", "didabau" are the same word in use.
    worker, index_path, _ = real
    answers = run_node(worker, index_path, search=["laki mandabau bini", "bini didabau laki"])
    for answer in answers["search"]:
        assert re.match(FIRST_CONTACT.format("fisik"), first_pages(answer, 1)[0]), (
            first_pages(answer))


@pytest.mark.site
def test_a_question_about_the_phone_finds_the_privacy_page_and_says_why(real):
    # language.yml: a situation may point to a page ("Privasi perangkat" -> privasi); the page
    # leads even when the words also tell a type ("suami" checking the phone: psikis).
    for query, answer in answers(real, ["cara cepat tutup halaman kalau pelaku datang",
                                        "hp dinas hilang ada data korban",
                                        "hp korban dicek2 lakinya cara hapus riwayat"]):
        first = first_result(answer)
        assert first["location"] == "privasi/", (query, first_pages(answer))
        assert first["tags"][0] == "Sesuai situasi: Privasi perangkat", first["tags"]


@pytest.mark.site
def test_a_child_selling_cakes_is_not_a_child_sold(real):
    # language.yml writes "anak =dijual": only that form, not "jualan" with the same root.
    worker, index_path, _ = real
    cakes, sold = run_node(worker, index_path, search=[
        "anak jualan kue ke sekolah tiap pagi", "anak dijual ke malaysia"])["search"]
    reasons = [tag for group in cakes for tag in group[0].get("tags", [])
               if tag.startswith("Sesuai situasi")]
    assert not any("perdagangan" in tag.lower() for tag in reasons), reasons
    first = first_result(sold)
    assert re.match(FIRST_CONTACT.format("perdagangan-orang"), first["location"]), (
        first_pages(sold))


@pytest.mark.site
def test_a_child_living_with_parents_is_not_a_child_left_behind(real):
    # language.yml writes "anak =ditinggal": "tinggal" alone is where someone lives.
    (_, lives), (_, left) = answers(real, ["anak tinggal dengan orang tua di desa",
                                           "anak ditinggal"])
    reasons = [tag for group in lives for tag in group[0].get("tags", [])
               if tag.startswith("Sesuai situasi")]
    assert "Sesuai situasi: Penelantaran" not in reasons, reasons
    assert re.match(FIRST_CONTACT.format("penelantaran"), first_pages(left, 1)[0]), (
        first_pages(left))


@pytest.mark.site
def test_an_age_under_eighteen_is_a_child(real):
    # "anak karaoke" is a cue; "15 tahun" says the same as "anak", "umur 30" does not.
    (_, girl), (_, woman) = answers(real, ["cewek 15 tahun kerja di karaoke temani tamu",
                                           "ibu umur 30 kerja di karaoke"])
    reasons = lambda answer: [tag for group in answer for tag in group[0].get("tags", [])
                              if tag.startswith("Sesuai situasi")]
    assert any("Eksploitasi" in tag for tag in reasons(girl)), reasons(girl)
    assert not any("Eksploitasi" in tag for tag in reasons(woman)), reasons(woman)


@pytest.mark.site
def test_an_age_weighs_as_the_word_child_not_as_rare_words(real):
    # "15 thn" says "anak" and nothing the pages would say: the exploitation protocol to act on
    # leads, not a page that happens to have "15" or "tahun"; years after something other than
    # a person are a time, not an age ("kerja di karaoke sudah 2 tahun" is not a child).
    (_, girl), (_, wife) = answers(real, ["anak 15 thn jd pemandu lagu di kafe",
                                          "istri kerja di karaoke sudah 2 tahun"])
    protocols = [page for page in first_pages(girl, 5) if page.startswith("protokol/")]
    assert re.match(FIRST_CONTACT.format("eksploitasi"), protocols[0]), first_pages(girl, 5)
    reasons = [tag for group in wife for tag in group[0].get("tags", [])
               if tag.startswith("Sesuai situasi")]
    assert not any("Eksploitasi" in tag for tag in reasons), reasons


@pytest.mark.site
def test_a_banjar_word_for_hitting_finds_physical_violence(real):
    # language.yml: "dihambat" (Banjar) = dipukul; the Indonesian "menghambat" is not read so.
    [(_, answer)] = answers(real, ["murid ulun dihambat abahnya"])
    assert re.match(FIRST_CONTACT.format("fisik"), first_pages(answer, 1)[0]), first_pages(answer)


@pytest.mark.site
def test_a_stage_that_does_not_apply_sinks_unless_it_is_asked_for(real):
    # Sexual violence is never mediated: that page says the stage does not apply.
    worker, index_path, _ = real
    plain, asked = run_node(worker, index_path, search=["kekerasan seksual tidak dimediasi",
                                                        "mediasi kasus perkosaan"])["search"]
    assert "protokol/seksual/mediasi/" in first_pages(asked)
    [answer] = run_node(worker, index_path, search=["diperkosa"])["search"]
    assert "protokol/seksual/mediasi/" not in first_pages(answer, 5)
    assert "protokol/seksual/mediasi/" in first_pages(plain, 3)  # its own title, asked


@pytest.mark.site
def test_a_situation_never_hides_a_page_the_words_find(real):
    worker, index_path, index = real
    queries = ["dijual ke malaysia", "anak jadi LC di karaoke", "lakinya minggat",
               "korban baru datang tadi malam"]
    plain_index = json.loads(json.dumps(index))
    plain_index["config"]["handbook"]["situations"] = []
    plain = run_node(worker, plain_index, search=queries)["search"]
    told = run_node(worker, index_path, search=queries)["search"]
    for query, without, with_situations in zip(queries, plain, told, strict=True):
        assert set(first_pages(without, 30)) <= set(first_pages(with_situations, 60)), query


@pytest.mark.site
def test_asking_what_to_do_now_offers_the_decision_guide_first(real):
    # A worker who does not know where to start types the guide's own question, in chat
    # spelling, or just asks for help: the guide answers it.
    worker, index_path, _ = real
    asks = ["apa yg harus sy lakukan skrg", "tolong sy", "harus gimana ini",
            "korban datang sy harus berbuat apa", "bingung harus ngapain"]
    plain = ["harus lapor ke mana", "visum"]
    answers = run_node(worker, index_path, search=[*asks, *plain])["search"]
    for query, answer in zip(asks, answers[:len(asks)], strict=True):
        assert answer[0][0]["location"] == GUIDE, query
    for query, answer in zip(plain, answers[len(asks):], strict=True):
        assert answer[0][0]["location"] != GUIDE, query


def test_the_decision_guide_is_offered_first_for_a_situation_when_it_exists(real):
    worker, index_path, index = real
    situation, short = "anak 13 tahun hamil pelakunya paman", "visum"
    told, plain = run_node(worker, index_path, search=[situation, short])["search"]
    assert told[0][0]["location"] == GUIDE
    assert "Kekerasan seksual · anak" in told[0][0]["text"]
    assert re.match(FIRST_CONTACT.format("seksual"), told[1][0]["location"])
    assert not any(group[0]["location"] == GUIDE for group in plain)
    # a word or two names what happened: the protocol comes first, no offer above it
    for words in (["diperkosa"], ["dipukul", "suami"]):
        [answer] = run_node(worker, index_path, search=[" ".join(words)])["search"]
        assert answer[0][0]["location"] != GUIDE, words
    # an edition without the guide offers nothing
    without = json.loads(json.dumps(index))
    without["docs"] = [d for d in without["docs"] if not d["location"].startswith("panduan")]
    [answer] = run_node(worker, without, search=[situation])["search"]
    assert not any(group[0]["location"].startswith("panduan") for group in answer)


@pytest.mark.site
def test_cues_and_regional_words_stem_alike_in_the_browser_and_the_build(real):
    # A cue matches by root: the browser must find the root the build wrote.
    worker, index_path, index = real
    meta = index["config"]["handbook"]
    words = set()
    for situation in yaml.safe_load((ROOT / "protocols/language.yml").read_text())["situations"]:
        for cue in situation["cues"]:
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


def test_a_question_about_a_stage_for_no_type_leads_to_the_stage_page(real):
    # one stage's protocols of three types answer alike: the stage's own page says it for all
    worker, index_path, _ = real
    asked, typed = run_node(worker, index_path, search=[
        "dokumen yg perlu dibawa waktu lapor kekerasan", "dokumen lapor kekerasan seksual"],
    )["search"]
    assert first_pages(asked, 1) == ["tahap/pengaduan/"]
    # a type named: its own protocol, not the stage page
    assert first_pages(typed, 1)[0].startswith("protokol/seksual/")


def test_an_everyday_form_reads_as_the_formal_word_keeping_most_of_it(real):
    # "ngemis" is mengemis (begging: exploitation), not "memis" (root "mem")
    worker, index_path, _ = real
    [answer] = run_node(worker, index_path, search=["anak disuruh ngemis"])["search"]
    first = next(group[0] for group in answer if group[0]["location"] != GUIDE)
    assert first["location"].startswith("protokol/eksploitasi/")
    assert first["tags"][0] == "Sesuai situasi: Eksploitasi atau perdagangan orang"


def test_asking_what_a_word_means_goes_to_the_glossary_without_a_first_contact_head_start(real):
    # No case is told: neither the first-contact pages nor a stage the word is a cue of
    # ("rumah aman": shelter; "lpsk": accompaniment) get a head start; the question may go on
    # after a comma.
    worker, index_path, _ = real
    meaning, asked_first, full_name, difference = run_node(worker, index_path, search=[
        "apa itu rumah aman", "lpsk tu apa, kawa minta perlindungan saksi kah",
        "lembaga perlindungan saksi dan korban tu apa",
        "apa bedanya eksploitasi sama perdagangan orang"])["search"]
    assert first_pages(meaning, 1) == ["glosarium/"]
    assert first_pages(asked_first, 1) == ["glosarium/"], first_pages(asked_first)
    # a term's full name, which the protocols spell out too: its glossary entry says what it is
    assert first_pages(full_name, 1) == ["glosarium/"], first_pages(full_name)
    assert any(page in ("glosarium/", "jenis/eksploitasi/", "jenis/perdagangan-orang/")
               for page in first_pages(difference))


def test_a_terms_name_alone_finds_the_term_unless_it_names_a_kind_of_violence(real):
    # "LPSK" is a cue of the accompaniment stage, but typed alone it asks for LPSK: what it is
    # (the glossary) or how to reach it (the services page), not seven protocols' stage;
    # "KDRT" is a keyword of the violence types' own pages: its first-contact protocol leads.
    worker, index_path, _ = real
    institution, violence = run_node(worker, index_path, search=["LPSK", "kdrt"])["search"]
    assert first_pages(institution, 1)[0] in ("glosarium/", "layanan/"), first_pages(institution)
    assert re.match(r"protokol/(fisik|psikis)/(pengaduan|penanganan-awal)/",
                    first_pages(violence, 1)[0]), first_pages(violence)


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


def test_a_question_about_the_law_goes_to_the_sources_page(real):
    # "undang2", "UU", "dasar hukum": no first-contact head start, the sources page first;
    # "mengundang" (to invite) has the same root but asks no such thing
    worker, index_path, _ = real
    law, basis, invite = run_node(worker, index_path, search=[
        "undang2 TPKS", "dasar hukum penghapusan kdrt", "mengundang korban"])["search"]
    assert first_pages(law, 1) == ["rujukan/"]
    assert "rujukan/" in first_pages(basis)
    assert "rujukan/" not in first_pages(invite)
