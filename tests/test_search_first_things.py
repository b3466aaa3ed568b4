"""First things first, as a worker types them: a situation told in her own words finds its type
and says why, the page to act on now leads, a stage asked for is understood, and a cue keeps
its meaning (questions about a word, a number or the law: test_search_questions.py; a phrase's
words, everyday forms and denials: test_search_phrases.py). The real handbook's index under
Node (tests/search_node.py).
"""

from __future__ import annotations

import json
import re

import pytest

from tests.search_node import (FIRST_CONTACT, GUIDE, answers, first_pages, first_result, reasons,
                               run_node)


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
def test_a_keyword_of_one_types_page_typed_alone_leads_to_that_types_first_contact_page(real):
    # protocols/types/perdagangan-orang.yml keywords: "dijual", "calo": typed alone they tell
    # trafficking, as a situation would, and its page to act on now comes first; a word that
    # only shares a keyword's root ("pemulangan": "dipulangkan"; "jualan": "dijual") does not
    said = dict(answers(real, ["dijual", "calo", "pemulangan", "jualan"]))
    trafficking_first = FIRST_CONTACT.format("perdagangan-orang")
    for query in ("dijual", "calo"):
        assert re.match(trafficking_first, first_pages(said[query], 1)[0]), (
            query, first_pages(said[query]))
    for query in ("pemulangan", "jualan"):
        assert not re.match(trafficking_first, first_pages(said[query], 1)[0]), (
            query, first_pages(said[query]))


@pytest.mark.site
def test_a_story_that_tells_one_type_and_no_stage_leads_to_its_first_contact_page(real):
    # Words of the setting ("kebun sawit") are on the exploitation pages; what happened
    # ("dipukul") tells physical violence, whose first-contact protocol leads.
    [(_, answer)] = answers(real, ["ibu bekerja di kebun sawit, anak dipukul ayah tiri"])
    assert re.match(FIRST_CONTACT.format("fisik"), first_result(answer)["location"]), (
        first_pages(answer))


@pytest.mark.site
def test_a_type_told_and_a_stage_asked_for_lead_to_that_types_protocol_of_that_stage(real):
    # "anak korban eksploitasi" tells the type, "ditampung di mana" asks for shelter: the
    # exploitation shelter protocol leads, before its outreach page, which has "tempat hiburan".
    [(_, answer)] = answers(
        real, ["anak korban eksploitasi di tempat hiburan ditampung di mana dulu"])
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
def test_a_phone_checked_by_the_husband_gives_his_violence_first_and_the_privacy_page_next(real):
    # "ponsel dicek suami" is a cue of psychological violence and of the privacy page: the
    # page to act on comes first, and how to keep this reading from him right after it
    for query, answer in answers(real, ["hp dicek suami", "hp ulun dicek laki"]):
        pages = first_pages(answer, 2)
        assert re.match(FIRST_CONTACT.format("psikis"), pages[0]), (query, pages)
        assert pages[1] == "privasi/", (query, first_pages(answer))


@pytest.mark.site
def test_a_child_selling_cakes_is_not_a_child_sold(real):
    # language.yml writes "anak =dijual": only that form, not "jualan" with the same root.
    worker, index_path, _ = real
    cakes, sold = run_node(worker, index_path, search=[
        "anak jualan kue ke sekolah tiap pagi", "anak dijual ke malaysia"])["search"]
    said = reasons(cakes)
    assert not any("perdagangan" in tag.lower() for tag in said), said
    first = first_result(sold)
    assert re.match(FIRST_CONTACT.format("perdagangan-orang"), first["location"]), (
        first_pages(sold))


@pytest.mark.site
def test_an_age_under_eighteen_is_a_child(real):
    # "anak karaoke" is a cue; "15 tahun" says the same as "anak", "umur 30" does not.
    (_, girl), (_, woman) = answers(real, ["cewek 15 tahun kerja di karaoke temani tamu",
                                           "ibu umur 30 kerja di karaoke"])
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
    said = reasons(wife)
    assert not any("Eksploitasi" in tag for tag in said), said


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
def test_what_just_happened_leads_before_a_later_stage_asked_with_it(real):
    # language.yml `urgent: true` ("baru terjadi", danger to life) with a later stage: the
    # clocks run (72 hours for HIV prevention), so the told type's first response leads and
    # the later stage follows; without the urgency, the later stage asked leads (review 20).
    # A care step already done is no urgency: "sudah dibawa ke puskesmas, sekarang perlu rumah
    # aman" asks for a shelter; nor is a new pupil, or a time of day that may be the
    # hearing's ("tadi siang hakim tanya"; review 24).
    queries = ["anak baru diperkosa, keluarga minta damai",
               "istri baru dipukul pakai parang, minta dijemput",
               "anak dicabuli, keluarga minta damai",
               "korban perkosaan sudah dibawa ke puskesmas, sekarang perlu rumah aman",
               "murid baru dilecehkan kakak kelas waktu MPLS, sekolah minta damai",
               "tadi siang hakim tanya, pendampingan sidang korban pencabulan"]
    settle_now, fetch_now, settle, done, pupil, hearing = [a for _, a in answers(real, queries)]
    assert first_pages(settle_now, 1) == ["protokol/seksual/penanganan-awal/"], (
        first_pages(settle_now))
    assert "protokol/seksual/mediasi/" in first_pages(settle_now), first_pages(settle_now)
    assert first_pages(fetch_now, 1) == ["protokol/fisik/penanganan-awal/"], first_pages(fetch_now)
    assert first_pages(settle, 1) == ["protokol/seksual/mediasi/"], first_pages(settle)
    assert first_pages(done, 1) == ["protokol/seksual/penampungan-sementara/"], first_pages(done)
    assert first_pages(pupil, 1) != ["protokol/seksual/penanganan-awal/"], first_pages(pupil)
    assert first_pages(hearing, 1) != ["protokol/seksual/penanganan-awal/"], first_pages(hearing)


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


def test_a_question_about_a_stage_for_no_type_leads_to_the_stage_page(real):
    # one stage's protocols of three types answer alike: the stage's own page says it for all
    worker, index_path, _ = real
    asked, typed = run_node(worker, index_path, search=[
        "dokumen yg perlu dibawa waktu lapor kekerasan", "dokumen lapor kekerasan seksual"],
    )["search"]
    assert first_pages(asked, 1) == ["tahap/pengaduan/"]
    # a type named: its own protocol, not the stage page
    assert first_pages(typed, 1)[0].startswith("protokol/seksual/")


@pytest.mark.site
def test_a_later_stage_asked_for_no_type_shows_the_stage_page_among_the_first_two(real):
    # No type told, and the words happen to suit one type's protocol best (a trafficking
    # victim's lawyer, a sexual violence victim's psychologist): the stage's own page, which
    # answers for every type, comes second at least, before other types' protocols; also when
    # it has none of the words ("tidur di mana" asks for a shelter in words of its own)
    worker, index_path, _ = real
    asked = {"tidak bisa bayar pengacara untuk korban": "tahap/pendampingan/",
             "bidan mau merujuk korban ke psikolog": "tahap/pemulihan/",
             "malam ini mau tidur di mana, kabur dari suami": "tahap/penampungan-sementara/"}
    answers = run_node(worker, index_path, search=list(asked))["search"]
    for (query, stage_page), answer in zip(asked.items(), answers, strict=True):
        assert stage_page in first_pages(answer, 2), (query, first_pages(answer))


@pytest.mark.site
def test_a_story_of_two_types_leads_with_the_first_contact_page_of_the_one_to_act_on_first(real):
    # "foto telanjang" (sexual violence) and "diancam" (psychological): the sexual violence
    # protocol to act on now leads (its clocks run), not a later stage whose page happens to say
    # "kelas"; a slap and being kept from the family: physical before psychological; a child
    # abused and parents who do not care, with a report asked about: sexual violence's
    # complaint page, not neglect's (review 12)
    said = dict(answers(real, ["kakak kelas minta foto telanjang, kalau tidak dikirim diancam",
                               "istri ditampar suami lalu dilarang bertemu keluarga",
                               "anak dicabuli, orang tua tidak peduli, tidak mau lapor"]))
    firsts = {query: first_pages(answer, 1)[0] for query, answer in said.items()}
    assert re.match(FIRST_CONTACT.format("seksual"),
                    firsts["kakak kelas minta foto telanjang, kalau tidak dikirim diancam"]), firsts
    assert re.match(FIRST_CONTACT.format("fisik"),
                    firsts["istri ditampar suami lalu dilarang bertemu keluarga"]), firsts
    assert firsts["anak dicabuli, orang tua tidak peduli, tidak mau lapor"] == (
        "protokol/seksual/pengaduan/"), firsts
