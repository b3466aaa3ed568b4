"""The decision guide, tested the way GOV.UK Smart Answers are: every path walked, a table of
situations with the page each must reach, and the editor's mistakes located."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from generator.build import generate
from generator.guide import MAX_QUESTIONS, Outcome, Question, unfold, walks
from generator.guide_render import flowchart_html, target_of
from generator.render import render_pages
from generator.validate import load_handbook
from tests.conftest import ROOT, commit_all, edit

G = "protocols/guide.yml"
SCENARIOS = yaml.safe_load((Path(__file__).parent / "guide_scenarios.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def real():
    handbook, _ = load_handbook(ROOT)
    return handbook


@pytest.fixture(scope="module")
def real_pages(real):
    return render_pages(real)


def target(handbook, outcome: Outcome) -> str:
    """The page an outcome opens, as the scenario table writes it."""
    return "/".join(outcome.protocol) if outcome.protocol else outcome.page


def test_every_path_asks_danger_then_age_first_and_ends_within_five_questions(real):
    guide = real.guide
    paths = walks(guide)
    assert len(paths) == 41
    for walk in paths:
        abouts = [q.about for q, _ in walk.steps]
        assert walk.questions <= MAX_QUESTIONS, abouts
        assert abouts[0] == "bahaya"
        if walk.outcome.protocol:
            assert abouts[1] == "anak"
        assert all(a not in ("bahaya", "anak") for a in abouts[2:])
    assert {w.outcome.id for w in paths} == {o.id for o in guide.outcomes}


def test_every_path_ends_on_the_right_kind_of_page(real):
    """Danger goes to the emergency numbers; a sexual-violence path that is recent or of unknown
    date goes to health care (the 72 h and 120 h clocks); others to the type's protocol at the
    stage the worker is in."""
    for walk in walks(real.guide):
        said = " ".join(a.answer.lower() for _, a in walk.steps)
        end = target(real, walk.outcome)
        if said.startswith("ya, ada bahaya"):
            assert end == "darurat"
            continue
        if "foto atau video" in said:
            assert end == "seksual/pengaduan"
            continue
        if "seksual" in said or "diperkosa" in said:
            recent = "kurang dari 3 hari" in said or "3 sampai 5" in said
            assert end == ("seksual/penanganan-awal" if recent else "seksual/pengaduan"), said
            assert ("wali" in " ".join(walk.outcome.first)) == ("mungkin anak" in said)
            continue
        if "belum jelas" in said:
            assert end == "tahap/pengaduan"
            continue
        stage = ("penjangkauan" if "mendatangi" in said else "pengaduan")
        assert end.endswith("/" + stage), said


def pick(question: Question, words: str):
    matches = [a for a in question.answers if words.lower() in a.answer.lower()]
    assert len(matches) == 1, f"{words!r} matches {len(matches)} answers of {question.ask!r}"
    return matches[0]


def test_the_scenario_table_has_thirty_situations():
    assert len(SCENARIOS["scenarios"]) >= 30


@pytest.mark.parametrize("case", SCENARIOS["scenarios"], ids=lambda c: c["situation"][:40])
def test_each_situation_reaches_its_page(real, real_pages, case):
    guide = real.guide
    node = guide.start
    trail = []
    for words in case["picks"]:
        assert isinstance(node, Question), f"already at an outcome before {words!r}"
        answer = pick(node, words)
        trail.append((node, answer))
        node = guide.node(answer.next)
    assert isinstance(node, Outcome), "the picks stop before an outcome"
    assert target(real, node) == case["expect"]
    assert len(trail) + 1 <= 5, "more than 5 taps from the home page"
    page = next(p for p in unfold(guide) if p.trail == tuple(trail))
    text = real_pages[page.source].replace("\\", "")
    for words in case.get("says", []):
        assert words in text, words


def test_pages_have_neutral_addresses_and_link_back_and_forward(real, real_pages):
    pages = unfold(real.guide)
    by_source = {p.source: p for p in pages}
    assert pages[0].source == "panduan/index.md"
    answer_words = {w.lower() for q in real.guide.questions for a in q.answers
                    for w in re.findall(r"\w{5,}", a.answer)}
    for page in pages:
        assert re.fullmatch(r"panduan/(index|p\d+)\.md", page.source)
        assert not any(w in page.source for w in answer_words)
        markdown = real_pages[page.source]
        if page.parent:
            assert f"[Kembali]({Path(page.parent).name})" in markdown
            assert "[Mulai lagi](index.md)" in markdown
            assert "search:\n  exclude: true" in markdown
        if isinstance(page.node, Question):
            for answer, link in zip(page.node.answers, page.links, strict=True):
                assert f"]({Path(link).name}){{ .hb-answer }}" in markdown
                assert by_source[link].trail[-1] == (page.node, answer)


def test_an_outcome_opens_the_protocols_do_now_card_once_the_page_has_it(real, real_pages):
    outcome = real.guide.node("seksual-72")
    page = "protokol/seksual/penanganan-awal.md"
    assert target_of(real, outcome, {page: "# x\n"})[2] == ""
    for card in ('## Lakukan sekarang { #lakukan-sekarang }',
                 '<section id="lakukan-sekarang" markdown>'):
        assert target_of(real, outcome, {page: card})[2] == "lakukan-sekarang"


def test_the_flowchart_is_one_a4_page_with_the_edition(project):
    from pypdf import PdfReader

    generated = generate(project)
    pdf = generated.downloads["panduan/bagan-panduan.pdf"]
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Apa yang harus saya lakukan sekarang?" in text
    assert "Edisi" in text
    assert "versi 0.1.0" in text
    booklet = PdfReader(io.BytesIO(generated.downloads["unduh/buku-daftar-periksa.pdf"]))
    assert "Bagan panduan cepat" in booklet.pages[-1].extract_text()
    assert '<a href="bagan-panduan.pdf" data-hb-download>' in generated.pages["panduan/index.md"]


def test_the_real_flowchart_names_every_question_and_outcome(real):
    html = flowchart_html(real, real.guide)
    for n in range(1, len(real.guide.questions) + 1):
        assert f">P{n}<" in html
    for n in range(1, len(real.guide.outcomes) + 1):
        assert f">H{n}<" in html


def test_an_id_typed_twice_over_is_pointed_to_the_id_not_a_look_alike(real):
    # In the real guide "apa-anak" is nearer in spelling to "anak-anak" than "anak" is; the
    # editor meant the age question (a second tryout followed the other hint).
    from generator.check_values import _suggest

    ids = [node.id for node in (*real.guide.questions, *real.guide.outcomes)]
    assert {"anak", "apa-anak"} <= set(ids)
    assert _suggest("anak-anak", ids) == "; maksud Anda 'anak'?"


# (what the editor replaced, with what) -> the line `handbook check` prints
MISTAKES = {
    "answer to nowhere": (
        "        next: fisik\n", "        next: fisk\n",
        f"{G}:27:15: questions[3].answers[1].next: \"fisk\" bukan id pertanyaan atau hasil "
        "di panduan; maksud Anda 'fisik'? [panduan-tujuan-tidak-ada]"),
    "outcome nobody reaches": (
        "        next: seksual\n", "        next: fisik\n",
        f"{G}:42:9: outcomes[3]: \"seksual\" tidak dapat dicapai dari pertanyaan pertama; "
        "sambungkan dari sebuah jawaban (next) atau hapus [panduan-tidak-terjangkau]"),
    "cycle": (
        "        next: seksual\n", "        next: anak\n",
        f"{G}:29:15: questions[3].answers[2].next: \"anak\" sudah ditanyakan sebelumnya di "
        "jalur ini; panduan tidak boleh berputar [panduan-berputar]"),
    "danger asked after age": (
        "    about: kejadian\n", "    about: bahaya\n",
        f"{G}:19:15: questions[2].answers[1].next: pertanyaan \"apa\" (bahaya) datang "
        "sesudah pertanyaan lain; bahaya lalu usia korban selalu ditanyakan lebih dulu "
        "[panduan-urutan]"),
    "age never asked": (
        "    about: anak\n", "    about: tempat\n",
        f"{G}:27:15: questions[3].answers[1].next: jalur ke protokol \"fisik/pengaduan\" "
        "belum menanyakan apakah korban anak (about: anak) [panduan-urutan]"),
    "no danger question first": (
        "    about: bahaya\n", "    about: tempat\n",
        f"{G}:7:12: questions[1].about: pertanyaan pertama harus menanyakan bahaya "
        "(about: bahaya) [panduan-urutan]"),
    "outcome pointing nowhere": (
        "    protocol: fisik/pengaduan\n", "",
        f"{G}:37:5: outcomes[2]: hasil \"fisik\" tidak menunjuk halaman mana pun; tambahkan "
        "protocol: JENIS/TAHAP atau page: darurat [panduan-buntu]"),
    "protocol not written": (
        "    protocol: fisik/pengaduan\n", "    protocol: fisik/mediasi\n",
        f"{G}:41:15: outcomes[2].protocol: protokol \"fisik/mediasi\" tidak ada atau belum "
        "ditulis; tulis JENIS/TAHAP, misalnya seksual/penanganan-awal "
        "[panduan-tujuan-tidak-ada]"),
    "page that does not exist": (
        "    page: darurat\n", "    page: tahap/pemulihan\n",
        f"{G}:35:11: outcomes[1].page: halaman \"tahap/pemulihan\" tidak ada; yang boleh: "
        "darurat, layanan, tahap/TAHAP, jenis/JENIS [panduan-tujuan-tidak-ada]"),
    "a number without a source": (
        "      - Tanyakan apakah ada luka.\n", "      - Antar dalam 72 jam.\n",
        f"{G}:37:5: outcomes[2]: teks menyebut angka tetapi tidak ada sources; tambahkan "
        "sumbernya (id dari references.yml) [panduan-tanpa-sumber]"),
    "three first steps": (
        "      - Tanyakan apakah ada luka.\n",
        "      - Tanyakan apakah ada luka.\n      - Dengarkan.\n      - Catat.\n",
        f"{G}:42:9: outcomes[2].first: paling banyak 2 kalimat, tertulis 3; sisanya ada di "
        "protokol [terlalu-banyak]"),
    "a phone number in the guide": (
        "      - Telepon layanan darurat sekarang.\n",
        "      - Telepon layanan darurat 0811 5201 515.\n",
        f"{G}:34:9: outcomes[1].first[1]: \"0811 5201 515\" tampak seperti nomor telepon; "
        "nomor hanya ditulis di services.yml (dengan sumbernya), lalu sebut id layanannya di "
        "referrals atau services [nomor-telepon]"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_check_locates_the_editors_mistake_in_the_guide(project, handbook, name):
    old, new, expected = MISTAKES[name]
    edit(project / G, old, new)
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert expected in result.err.splitlines(), result.err


def test_more_than_five_questions_on_a_path_is_refused(project, handbook):
    extra = "".join(
        f"  - id: tambah{i}\n    about: tempat\n    ask: Pertanyaan {'abc'[i - 1]}?\n    answers:\n"
        f"      - answer: A\n        next: {'tambah' + str(i + 1) if i < 3 else 'fisik'}\n"
        "      - answer: B\n        next: fisik\n" for i in range(1, 4))
    edit(project / G, "      - answer: Dipukul atau dilukai\n        next: fisik\n",
         "      - answer: Dipukul atau dilukai\n        next: tambah1\n")
    edit(project / G, "outcomes:\n", extra + "outcomes:\n")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert "jalur ini lebih dari 5 pertanyaan; ringkas pertanyaannya " \
           "[panduan-terlalu-panjang]" in result.err


def test_a_guide_file_is_not_an_unknown_file(project, handbook):
    assert handbook("--root", project, "check").code == 0


def test_diff_names_what_changed_in_the_guide(project, handbook):
    commit_all(project)
    edit(project / G, "ask: Apakah korban masih anak?", "ask: Apakah korban belum dewasa?")
    edit(project / G, "version: 0.1.0", "version: 0.2.0")
    result = handbook("--root", project, "diff", "HEAD")
    assert result.code == 0, result.err
    tail = result.out.split("## Perubahan panduan cepat\n")[1].splitlines()
    assert tail[:3] == ["", "- Versi panduan: 0.1.0 → 0.2.0",
                        "- Diubah: pertanyaan \"Apakah korban belum dewasa?\" (pertanyaan)"]


def test_the_flowchart_is_laid_out_again_only_when_the_guide_changes(project, tmp_path):
    from generator.guide_render import print_flowchart
    from generator.printout import Printer

    def printer():
        return Printer(load_handbook(project)[0], cache_dir=tmp_path / "cache")

    first = printer()
    pdf = print_flowchart(first).pdf
    again = printer()
    assert print_flowchart(again).pdf == pdf
    assert (first.rendered, again.rendered) == (1, 0)
    edit(project / G, "ask: Apakah korban masih anak?", "ask: Apakah korban belum dewasa?")
    changed = printer()
    assert print_flowchart(changed).pdf != pdf
    assert changed.rendered == 1
