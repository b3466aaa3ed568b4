"""A situation's cues and phrases, as a worker types them: a phrase's words in order, with stop
words or a word of how often between; an everyday form read as the formal word; a cue written in
one form; a phrase or a word of violence right after a denial. The real handbook's index under
Node (tests/search_node.py; what leads once a situation is told: test_search_first_things.py).
"""

from __future__ import annotations

import re

import pytest

from tests.search_node import FIRST_CONTACT, answers, first_pages, first_result, reasons


@pytest.mark.site
def test_a_phrase_cue_needs_its_words_in_order(real):
    # language.yml "phrases: [suami kabur tanpa kabar, ...]": the husband ran off (neglect);
    # "kabur dari suami ... tanpa kabar" is a wife getting away. Stop words between count as
    # side by side. A husband running off after a beating or a rape is that violence first;
    # "alone: [suami kabur]": typed alone, it is the husband gone (neglect).
    queries = ["suami kabur tanpa kabar", "suami saya kabur tidak pulang",
               "istri kabur dari suami tanpa kabar ke keluarga",
               "suami kabur setelah memukul istri", "suami kabur setelah memperkosa anak tiri",
               "suami kabur"]
    (_, ran_off), (_, mine), (_, fled), (_, beat), (_, raped), (_, alone) = answers(real, queries)
    for answer in (ran_off, mine, alone):
        assert re.match(FIRST_CONTACT.format("penelantaran"), first_result(answer)["location"]), (
            first_pages(answer))
    said = reasons(fled)
    assert "Sesuai situasi: Penelantaran" not in said, said
    assert re.match(FIRST_CONTACT.format("fisik"), first_result(beat)["location"]), (
        first_pages(beat))
    assert re.match(FIRST_CONTACT.format("seksual"), first_result(raped)["location"]), (
        first_pages(raped))


@pytest.mark.site
def test_money_offered_to_settle_is_not_money_withheld(real):
    # language.yml Penelantaran "phrases: [tidak kasih duit, ...]": money not given is neglect;
    # "ngajak damai kasih duit ... biar ga dilaporin" is pressure to settle, not neglect.
    (_, withheld), (_, settle) = answers(real, [
        "suami ga kasih duit belanja 3 bulan",
        "keluarga pelaku ngajak damai kasih duit biar ga dilaporin, anak sy dicabuli"])
    assert re.match(FIRST_CONTACT.format("penelantaran"), first_result(withheld)["location"]), (
        first_pages(withheld))
    said = reasons(settle)
    assert "Sesuai situasi: Penelantaran" not in said, said
    assert not any(page.startswith("protokol/penelantaran/") for page in first_pages(settle)), (
        first_pages(settle))


@pytest.mark.site
def test_a_word_cued_in_one_form_is_also_read_with_nya(real):
    # "=pelaku" (its root "laku" is also in "dilakukan") still reads "pelakunya".
    [(_, answer)] = answers(real, ["pelakunya mau menikahi ading ulun"])
    said = reasons(answer)
    assert any("Menikah dengan pelaku" in tag for tag in said), said


@pytest.mark.site
def test_a_child_living_with_parents_is_not_a_child_left_behind(real):
    # language.yml writes "anak =ditinggal": "tinggal" alone is where someone lives.
    (_, lives), (_, left) = answers(real, ["anak tinggal dengan orang tua di desa",
                                           "anak ditinggal"])
    said = reasons(lives)
    assert "Sesuai situasi: Penelantaran" not in said, said
    assert re.match(FIRST_CONTACT.format("penelantaran"), first_pages(left, 1)[0]), (
        first_pages(left))


@pytest.mark.site
def test_a_phrase_denied_just_before_it_does_not_tell_its_stage(real):
    # "kada sakulah lagi", "tidak boleh sekolah lagi": no longer at school, not back at school
    # (recovery); "tidak pernah ceria lagi": not cheerful again; "tidak mau sekolah lagi": she
    # will not go back, which recovery answers
    denied = ["ading kada sakulah lagi disuruh bagawi di kebun",
              "anak tidak boleh sekolah lagi mau dinikahkan",
              "anak tidak pernah ceria lagi sejak dicabuli guru"]
    said = dict(answers(real, [*denied, "anak tidak mau sekolah lagi setelah dibully"]))
    for query in denied:
        assert not first_pages(said[query], 1)[0].endswith("/pemulihan/"), (
            query, first_pages(said[query]))
    refused = first_pages(said["anak tidak mau sekolah lagi setelah dibully"], 1)[0]
    assert refused == "protokol/psikis/pemulihan/", refused


@pytest.mark.site
def test_a_word_of_violence_denied_just_before_it_does_not_tell_its_type(real):
    # "tidak memukul tapi selalu menghina": psychological violence, not physical (which would
    # come first of the two if both were told)
    [(query, answer)] = answers(real, ["suami tidak memukul tapi selalu menghina"])
    assert re.match(FIRST_CONTACT.format("psikis"), first_pages(answer, 1)[0]), (
        query, first_pages(answer))


@pytest.mark.site
def test_a_word_of_how_often_and_an_everyday_form_keep_a_phrase_together(real):
    # search_vocabulary.PHRASE_GAPS: "sering" may stand between the words of the phrase "suami
    # bicara kasar" (psychological violence), as a stop word may; "mambuka" (Banjar for
    # membuka) is read as "membuka" in the phrase "suami membuka ponsel" (the privacy page).
    # A denial still breaks it, before the gap word or among the phrase's words: "suami tidak
    # pernah bicara kasar", "suami saya tidak suka bicara kasar tapi suka memukul" (review 18).
    (_, often), (_, banjar), *denied = answers(real, [
        "suami saya sering bicara kasar", "laki ulun suka mambuka hp ulun",
        "suami tidak pernah bicara kasar", "suami saya tidak suka bicara kasar tapi suka memukul"])
    assert re.match(FIRST_CONTACT.format("psikis"), first_pages(often, 1)[0]), first_pages(often)
    assert "privasi/" in first_pages(banjar, 2), first_pages(banjar)
    for query, answer in denied:
        said = reasons(answer)
        assert "Sesuai situasi: Kekerasan psikis" not in said, (query, said)
    # ... but "tidak suka" before the person who does it is a complaint (review 19)
    [(_, complaint)] = answers(real, ["saya tidak suka suami bicara kasar ke anak"])
    said = reasons(complaint)
    assert "Sesuai situasi: Kekerasan psikis" in said, said


@pytest.mark.site
def test_a_banjar_denial_reads_as_the_formal_one(real):
    # "kada bulih" is "tidak boleh" (review 23): a wife not allowed out of the house by her
    # husband is psychological violence, as "tidak boleh keluar rumah" tells it
    [(_, answer)] = answers(real, ["bini kada bulih kaluar rumah lawan lakinya"])
    assert "Sesuai situasi: Kekerasan psikis" in reasons(answer), reasons(answer)
    assert re.match(FIRST_CONTACT.format("psikis"), first_result(answer)["location"]), (
        first_pages(answer))


@pytest.mark.site
def test_asking_to_place_a_child_in_a_childrens_home_asks_for_the_shelter_stage(real):
    # language.yml Penampungan sementara "mau titip anak di panti asuhan": a place to live for
    # a child no one cares for (pengasuhan alternatif). A child abused in a home, or after
    # being placed there, needs first response, and a child left in a massage parlour ("panti
    # pijat") is exploitation (reviews 21 and 22).
    (_, placed), (_, abused), (_, after), (_, massage) = answers(real, [
        "anak terlantar, mau titip anak di panti asuhan kaya apa caranya",
        "anak panti asuhan dicabuli pengasuh", "anak masuk panti asuhan lalu dicabuli pengasuh",
        "anak dititipkan di panti pijat oleh tante"])
    assert first_pages(placed, 1) == ["protokol/penelantaran/penampungan-sementara/"], (
        first_pages(placed))
    for answer in (abused, after):
        assert re.match(FIRST_CONTACT.format("seksual"), first_result(answer)["location"]), (
            first_pages(answer))
    assert not any("penampungan-sementara" in page for page in first_pages(massage)), (
        first_pages(massage))


@pytest.mark.site
def test_asking_where_to_stay_is_a_shelter_question_and_where_someone_lives_is_not(real):
    # "bisa tinggal di mana", "kaina (nanti) tinggal di mana": a place to stay is sought.
    # "pelaku tinggal di mana", "pelaku sementara tinggal di mana" (for now) ask an address
    # (reviews 22 and 23).
    (_, stay), (_, later), (_, address), (_, now) = answers(real, [
        "korban perdagangan orang blm bisa pulang, bisa tinggal di mana",
        "anak ditinggal abah uma, kadada nang ngurus, kaina tinggal di mana",
        "anak dicabuli tetangga, pelaku tinggal di mana",
        "anak dipukul ayah, ayah sementara tinggal di mana"])
    assert first_pages(stay, 1) == ["protokol/perdagangan-orang/penampungan-sementara/"], (
        first_pages(stay))
    assert first_pages(later, 1) == ["protokol/penelantaran/penampungan-sementara/"], (
        first_pages(later))
    for answer in (address, now):
        assert not any("penampungan-sementara" in page for page in first_pages(answer)), (
            first_pages(answer))


@pytest.mark.site
def test_a_case_brought_to_adat_asks_whether_mediation_is_allowed(real):
    # "dibawa ke adat", a case "dibawa ke Damang" (the mediation page: meet the Damang or mantir
    # in private): sexual violence is not settled out of court (UU 12/2022 Pasal 23). Reporting
    # to the Damang where the police are far, or a victim brought to a mantir for help, is a
    # first report, not a settlement, and a child married "lewat jalur adat" is child marriage,
    # an offence to report (UU 12/2022 Pasal 10; reviews 21 to 23).
    (_, adat), (_, damang), (_, report), (_, married), (_, helped) = answers(real, [
        "kasus cabul anak dibawa ke adat, kawa kah?", "anak dicabuli, kasusnya dibawa ke damang",
        "korban perkosaan lapor ke damang karena polisi jauh",
        "anak dikawinkan lewat jalur adat", "korban dibawa ke mantir minta tolong"])
    for answer in (adat, damang):
        assert first_pages(answer, 1) == ["protokol/seksual/mediasi/"], first_pages(answer)
    for answer in (report, married, helped):
        assert first_pages(answer, 1) != ["protokol/seksual/mediasi/"], first_pages(answer)
