"""Questions, as a worker types them: what a word means, a number to call, the services, the
law. None of them is a case to act on first. The real handbook's index under Node
(tests/search_node.py).
"""

from __future__ import annotations

import re

import pytest

from tests.search_node import answers, first_pages, first_result, run_node


@pytest.mark.site
def test_a_question_about_a_word_asked_after_it_goes_to_the_glossary(real):
    # ... or what it is for, asked after it: "LPSK gunanya apa"
    for query, answer in answers(real, ["LPSK itu apa", "visum et repertum tu apa",
                                        "restitusi apaan", "LPSK gunanya apa"]):
        assert first_pages(answer, 1) == ["glosarium/"], (query, first_pages(answer))


@pytest.mark.site
def test_what_a_term_is_for_asked_after_it_goes_to_the_glossary(real):
    # "visum itu buat apa", "LPSK itu untuk apa": what it is for, right after a term. After a
    # word or two, or one term, "itu apa" asks a meaning ("diversi itu apa bila pelaku anak").
    # "buat apa" alone is not that question, and neither is a closing after what someone did:
    # "pelaku rekam itu buat apa" tells a case, the protocols answer it (reviews 21 and 22).
    asked = ["visum itu buat apa", "LPSK itu untuk apa",
             "lembaga perlindungan saksi dan korban tu apa", "diversi itu apa bila pelaku anak"]
    told = ["pelaku minta foto anak buat apa", "pelaku rekam itu buat apa",
            "paman suka pegang paha anak itu apa",
            "lapor polisi itu buat apa kalau tidak ditanggapi"]
    said = dict(answers(real, asked + told))
    for query in asked:
        assert first_pages(said[query], 1) == ["glosarium/"], (query, first_pages(said[query]))
    for query in told:
        assert first_pages(said[query], 1) != ["glosarium/"], (query, first_pages(said[query]))


@pytest.mark.site
def test_a_term_asked_about_right_after_it_goes_to_the_glossary_whatever_follows(real):
    # "visum tu apa jar polisi disuruh visum": what a visum is, then why she asks; not a case.
    # "perkosaan itu apa bisa damai" asks whether (yes or no), not what: mediation's page
    # (sexual violence is not mediated), not the glossary (review 12)
    said = dict(answers(real, ["visum tu apa jar polisi disuruh visum",
                               "pendampingan itu apa ikut ke polisi juga",
                               "perkosaan itu apa bisa damai"]))
    for query in ("visum tu apa jar polisi disuruh visum",
                  "pendampingan itu apa ikut ke polisi juga"):
        assert first_pages(said[query], 1) == ["glosarium/"], (query, first_pages(said[query]))
    whether = first_pages(said["perkosaan itu apa bisa damai"], 1)
    assert whether == ["protokol/seksual/mediasi/"], whether


@pytest.mark.site
def test_a_pages_whole_title_in_a_question_that_tells_no_case_leads_to_that_page(real):
    # "Tahap layanan" (tahap/): the stages of the service, asked with the unit's name, which
    # the complaint protocols also say; "tahapan" is the same word
    for query, answer in answers(real, ["tahap layanan di uptd ppa kalteng",
                                        "alur tahapan layanan ppa"]):
        assert first_pages(answer, 1) == ["tahap/"], (query, first_pages(answer))


@pytest.mark.site
def test_asking_for_a_number_finds_the_numbers_before_the_protocols(real):
    for query, answer in answers(real, ["nomor sapa 129 buat lapor kekerasan",
                                        "hotline lapor kekerasan anak 24 jam"]):
        assert set(first_pages(answer, 2)) & {"darurat/", "layanan/"}, (query, first_pages(answer))


@pytest.mark.site
def test_a_place_typed_in_one_word_is_one_idea_of_a_question_for_contacts(real):
    # "kalteng" spells Kalimantan Tengah: one word typed, one idea, so the question stays a
    # short one for an address and a number, and the services page leads
    [(_, answer)] = answers(real, ["alamat dan no hp uptd ppa kalteng"])
    assert first_pages(answer, 1) == ["layanan/"], first_pages(answer)


@pytest.mark.site
def test_asking_whom_to_call_in_so_many_words_gives_the_emergency_numbers_first(real):
    # A told case ("anak disiksa") does not stop a call asked for outright ("telpon kemana");
    # the words must stand together, in order: "siapa yang telepon korban" tells a case.
    # Right after a denial they tell a case, a wife cut off from everyone, not a question.
    (_, call), (_, story), (_, denied) = answers(real, [
        "telpon kemana kalo liat anak disiksa", "siapa yang telepon korban tiap malam diancam",
        "istri tidak boleh hubungi siapa pun selain suami"])
    assert first_result(call)["location"] == "darurat/", first_pages(call)
    assert first_result(story)["location"] != "darurat/", first_pages(story)
    assert first_result(denied)["location"] != "darurat/", first_pages(denied)


@pytest.mark.site
def test_asking_which_hospital_can_do_a_visum_gives_the_services_first(real):
    # The protocols say "visum" far more often; the question asks for a place, and "tinggal
    # di mana" (a shelter question) does not put the services first.
    where, shelter = answers(real, ["rs yg bisa visum di sampit",
                                    "korban eksploitasi anak kd baisi keluarga, tinggal dimana"])
    assert first_result(where[1])["location"] in ("layanan/", "darurat/"), first_pages(where[1])
    assert first_result(shelter[1])["location"] != "layanan/", first_pages(shelter[1])


@pytest.mark.site
def test_asking_whom_to_call_when_it_just_happened_gives_the_emergency_numbers_first(real):
    # "luka parah" tells first response; "telpon siapa" asks for a number: the emergency page
    # leads, above the first-response protocols that have the words.
    [(_, answer)] = answers(real, ["urang luka parah malam2 handak telpon siapa"])
    assert first_result(answer)["location"] == "darurat/", first_pages(answer)


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


def test_a_question_about_the_law_goes_to_the_sources_page(real):
    # "undang2", "UU", "dasar hukum": no first-contact head start, the sources page first;
    # "mengundang" (to invite) has the same root but asks no such thing
    worker, index_path, _ = real
    law, basis, invite = run_node(worker, index_path, search=[
        "undang2 TPKS", "dasar hukum penghapusan kdrt", "mengundang korban"])["search"]
    assert first_pages(law, 1) == ["rujukan/"]
    assert "rujukan/" in first_pages(basis)
    assert "rujukan/" not in first_pages(invite)
