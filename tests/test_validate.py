"""An editor changes a protocol and `handbook check` says exactly what is wrong, and where."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import ROOT, edit

P = "protocols/seksual/pengaduan.yml"

# (file, text an editor replaced, with what) -> the line `handbook check` prints
CASES = {
    "misspelt key": (
        P, "steps:\n", "stesp:\n",
        f"{P}:15:1: stesp: kunci \"stesp\" tidak dikenal di protokol; maksud Anda 'steps'? "
        "[kunci-tidak-dikenal]"),
    "Indonesian key": (
        P, "child:", "anak:",
        f"{P}:30:1: anak: kunci \"anak\" tidak dikenal di protokol; maksud Anda 'child'? "
        "[kunci-tidak-dikenal]"),
    "missing title": (
        P, "title: Menerima pengaduan kekerasan seksual\n", "",
        f"{P}:2:1: title: wajib diisi, tetapi tidak ada (Judul protokol.) [kolom-wajib]"),
    "empty title": (
        P, "title: Menerima pengaduan kekerasan seksual", "title:",
        f"{P}:2:7: title: harus berupa teks, tertulis kosong [kolom-wajib]"),
    "impossible date": (
        P, "review_due: 2027-05-28", "review_due: 2027-02-30",
        f"{P}:10:13: review_due: tanggal \"2027-02-30\" tidak ada di kalender "
        "[tanggal-tidak-valid]"),
    "date in another form": (
        P, "reviewed: 2026-11-28", "reviewed: 28/11/2026",
        f"{P}:9:11: reviewed: tanggal ditulis TAHUN-BULAN-TANGGAL, misalnya 2026-11-28; "
        "tertulis \"28/11/2026\" [tanggal-tidak-valid]"),
    "review due before review": (
        P, "review_due: 2027-05-28", "review_due: 2026-01-01",
        f"{P}:10:13: review_due: 2026-01-01 harus sesudah reviewed (2026-11-28) "
        "[urutan-tanggal]"),
    "unknown status": (
        P, "status: draf", "status: final",
        f"{P}:8:9: status: harus salah satu dari draf, ditinjau, disahkan; tertulis \"final\" "
        "[nilai-tidak-dikenal]"),
    "text where a list belongs": (
        P, 'child: ["Wawancara hanya sekali, oleh petugas terlatih."]',
        "child: Wawancara hanya sekali",
        f"{P}:30:8: child: harus berupa daftar (setiap butir diawali '- '), tertulis teks "
        "\"Wawancara hanya sekali\" [tipe-salah]"),
    "unknown role": (
        P, "who: [pendamping]", "who: [pendampingan]",
        f"{P}:18:11: steps[1].who[1]: peran \"pendampingan\" tidak ada di roles.yml; maksud "
        "Anda 'pendamping'? [peran-tidak-ada]"),
    "unknown reference": (
        P, "sources: [uu-12-2022 Pasal 67]", "sources: [uu-12-2021 Pasal 67]",
        f"{P}:32:11: sources[1]: sumber \"uu-12-2021\" tidak ada di references.yml; maksud "
        "Anda 'uu-12-2022'? [rujukan-tidak-ada]"),
    "unknown service": (
        P, "referrals: [sapa-129]", "referrals: [sapa129]",
        f"{P}:31:13: referrals[1]: layanan \"sapa129\" tidak ada di services.yml; maksud "
        "Anda 'sapa-129'? [layanan-tidak-ada]"),
    "unknown stage step": (
        P, "  - step: dengarkan", "  - step: dengar",
        f"{P}:25:11: change_steps[1].step: langkah \"dengar\" tidak ada di berkas tahap; "
        "maksud Anda 'dengarkan'? [langkah-tidak-ada]"),
    "unknown pause point": (
        P, "pause: selama", "pause: sesudah",
        f"{P}:20:12: steps[1].pause: titik jeda \"sesudah\" tidak ada di pause_points di "
        "berkas tahap [jeda-tidak-ada]"),
    "version not bumped in history": (
        P, "version: 0.2.0\nstatus", "version: 0.3.0\nstatus",
        f"{P}:35:14: history[1].version: riwayat teratas harus versi sekarang (0.3.0), "
        "tertulis 0.2.0 [riwayat-tidak-cocok]"),
    "bad version": (
        P, "version: 0.2.0\nstatus", "version: v2\nstatus",
        f"{P}:7:10: version: versi harus berbentuk ANGKA.ANGKA.ANGKA seperti 0.1.0, tertulis "
        "\"v2\" [versi-tidak-valid]"),
    "phone number in a step": (
        P, "do: [Antar korban ke puskesmas atau rumah sakit.]",
        "do: [Telepon 0812-3456-7890 lalu antar korban.]",
        f"{P}:22:10: steps[1].do[1]: \"0812-3456-7890\" tampak seperti nomor telepon; nomor "
        "hanya ditulis di services.yml (dengan sumbernya), lalu sebut id layanannya di "
        "referrals atau services [nomor-telepon]"),
    "short hotline in a red flag": (
        P, "action: Antar segera ke layanan kesehatan.",
        "action: Hubungi 112 lalu antar ke layanan kesehatan.",
        f"{P}:14:13: red_flags[1].action: \"Hubungi 112\" tampak seperti nomor telepon; nomor "
        "hanya ditulis di services.yml (dengan sumbernya), lalu sebut id layanannya di "
        "referrals atau services [nomor-telepon]"),
    "step without an actor": (
        P, "    who: [pendamping]\n", "",
        f"{P}:16:5: steps[1].who: wajib diisi, tetapi tidak ada (Siapa yang melakukan: id "
        "peran dari roles.yml.) [kolom-wajib]"),
    "step id reused from the stage": (
        P, "  - id: rujuk-kesehatan", "  - id: catat",
        f"{P}:16:9: steps[1].id: langkah \"catat\" sudah ada di tahap; untuk mengubahnya pakai "
        "change_steps [id-ganda]"),
    "no Indonesian law cited": (
        P, "sources: [uu-12-2022 Pasal 67]", "sources: [who-pfa-2011]",
        f"{P}:32:10: sources: kutip paling sedikit satu undang-undang atau peraturan Indonesia "
        "(kind undang-undang atau peraturan di references.yml) [sumber-hukum]"),
    "unsafe link in a reference": (
        "protocols/references.yml", "url: https://example.org/pfa_guide?lang=en",
        "url: javascript:alert(1)",
        "protocols/references.yml:21:10: references[3].url: alamat harus diawali http:// atau "
        "https:// dan tanpa spasi, tanda kutip atau kurung; tertulis \"javascript:alert(1)\" "
        "[tipe-salah]"),
    "text cut short by a comment": (
        P, "do: [Antar korban ke puskesmas atau rumah sakit.]",
        "do:\n      - Catat nomor antrean #12 di buku",
        f"{P}:23:9: steps[1].do[1]: teks berhenti di \"Catat nomor antrean\" karena ' #' "
        "memulai komentar YAML; bila '#' bagian dari teks, apit seluruh teks dengan tanda "
        "kutip (\"...\"); bila itu komentar, tulis di baris sendiri [teks-terpotong]"),
    "red flag without urgency": (
        P, "    urgency: segera\n", "",
        f"{P}:12:5: red_flags[1].urgency: wajib diisi, tetapi tidak ada (Seberapa mendesak: "
        "nyawa (nyawa terancam, bertindak saat ini juga), segera (dalam hitungan jam, misalnya "
        "batas 72 jam), perhatian (hari ini atau segera sesudahnya).) [kolom-wajib]"),
    "unknown urgency": (
        P, "urgency: segera", "urgency: darurat",
        f"{P}:13:14: red_flags[1].urgency: harus salah satu dari nyawa, segera, perhatian; "
        "tertulis \"darurat\" [nilai-tidak-dikenal]"),
    "do-now step that the stage does not have": (
        "protocols/stages/pengaduan.yml", "  - step: catat\n", "  - step: catatan\n",
        "protocols/stages/pengaduan.yml:45:11: do_now[3].step: langkah \"catatan\" tidak ada "
        "di langkah tahap ini; maksud Anda 'catat'? [langkah-tidak-ada]"),
    "do-now step of the protocol misspelt": (
        P, "  - step: rujuk-kesehatan\n", "  - step: rujuk-kesehatn\n",
        f"{P}:43:11: do_now[2].step: langkah \"rujuk-kesehatn\" tidak ada di langkah protokol "
        "ini; maksud Anda 'rujuk-kesehatan'? [langkah-tidak-ada]"),
    "do-now step twice": (
        P, "  - step: catat\n", "  - step: dengarkan\n",
        f"{P}:45:11: do_now[3].step: langkah \"dengarkan\" sudah ada di daftar ini [id-ganda]"),
    "do-now too long for the first screen": (
        P, "  - step: catat\n", "  - step: catat\n  - step: a\n  - step: b\n  - step: c\n",
        f"{P}:41:1: do_now: paling banyak 5 langkah agar kartu 'Lakukan sekarang' muat di "
        "layar pertama, tertulis 6 [terlalu-banyak]"),
    "do-now too short": (
        P, "  - step: catat\n", "",
        f"{P}:41:1: do_now: tulis paling sedikit 3 langkah pertama, tertulis 2 "
        "[terlalu-sedikit]"),
    "do-now call to a service without a confirmed phone": (
        P, "    call: sapa-129\n", "    call: uptd-ppa-kota-palangka-raya\n",
        f"{P}:44:11: do_now[2].call: layanan \"uptd-ppa-kota-palangka-raya\" belum punya "
        "nomor telepon yang dikonfirmasi di services.yml; hapus call atau pilih layanan yang "
        "bisa ditelepon [tanpa-telepon]"),
    "stage's do-now names a step this protocol skips": (
        P, "do_now:\n  - step: dengarkan\n  - step: rujuk-kesehatan\n    call: sapa-129\n"
        "  - step: catat\n", "",
        f"{P}:1:1: do_now tahap Pengaduan memakai langkah \"siapkan-ruang\" yang tidak ada di "
        "protokol ini; tulis do_now sendiri (3 sampai 5 id langkah protokol ini) di akhir "
        "berkas [langkah-tidak-ada]"),
    "unquoted colon in a list item": (
        "protocols/seksual/pengaduan.yml", "do: [Antar korban ke puskesmas atau rumah sakit.]",
        "do:\n      - Antar korban: ke puskesmas.",
        "protocols/seksual/pengaduan.yml:23:9: steps[1].do[1]: harus berupa teks, tertulis "
        "bagian berisi kunci; bila ini teks yang berisi ': ', apit seluruh teks dengan tanda "
        "kutip (\"...\") [tipe-salah]"),
    "contact without a source": (
        "protocols/services.yml", "        source: berita-sapa\n        confirmed_by:",
        "        confirmed_by:",
        "protocols/services.yml:12:9: services[1].contacts[1].source: wajib diisi, tetapi "
        "tidak ada (Sumber kontak ini (id dari references.yml).) [kolom-wajib]"),
}


@pytest.mark.parametrize("name", CASES)
def test_check_reports_the_editors_mistake(project, handbook, name):
    path, old, new, expected = CASES[name]
    edit(project / path, old, new)
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert expected in result.err.splitlines()
    assert "Traceback" not in result.err


def test_all_problems_of_a_run_are_reported_together_with_a_count(project, handbook):
    edit(project / P, "steps:\n", "stesp:\n")
    edit(project / P, "status: draf", "status: final")
    edit(project / "protocols/seksual/mediasi.yml", "title:", "judul:")
    result = handbook("--root", project, "check")
    errors = [line for line in result.err.splitlines() if "[" in line
              and "peringatan" not in line]
    assert len(errors) == 4  # judul unknown + title missing + stesp + status
    assert result.err.splitlines()[-1] == "Dibatalkan: 4 masalah di 2 berkas."
    places = [(line.split(":")[0], int(line.split(":")[1])) for line in errors]
    assert places == sorted(places)  # file by file, top to bottom


def test_unknown_file_and_folder_are_named(project, handbook):
    (project / "protocols/seksual/pengadun.yml").write_text("title: x\n", encoding="utf-8")
    (project / "protocols/sexual").mkdir()
    (project / "protocols/sexual/pengaduan.yml").write_text("title: x\n", encoding="utf-8")
    result = handbook("--root", project, "check")
    lines = result.err.splitlines()
    assert ("protocols/seksual/pengadun.yml:1:1: tahap \"pengadun\" tidak ada di "
            "protocols/stages/; maksud Anda 'pengaduan'? [berkas-tidak-dikenal]") in lines
    assert ("protocols/sexual/pengaduan.yml:1:1: folder \"sexual\" bukan jenis kekerasan "
            "(protocols/types/); maksud Anda 'seksual'? [berkas-tidak-dikenal]") in lines


def test_a_missing_pair_is_a_warning_and_its_page_uses_the_stage_steps(project, handbook):
    result = handbook("--root", project, "check")
    assert result.code == 0
    assert ("protocols/fisik/mediasi.yml:1:1: peringatan: protokol Kekerasan fisik pada tahap "
            "Mediasi belum ditulis; halamannya memakai langkah umum tahap (buat dengan: "
            "handbook new fisik mediasi) [pasangan-belum-ada]") in result.err.splitlines()


def test_broken_yaml_in_one_file_does_not_hide_problems_elsewhere(project, handbook):
    edit(project / P, "title: Menerima", "title: 'Menerima")
    edit(project / "protocols/fisik/pengaduan.yml", "status: ditinjau", "status: ok")
    result = handbook("--root", project, "check")
    codes = [line.rsplit("[", 1)[-1] for line in result.err.splitlines() if "[" in line]
    assert "yaml-rusak]" in codes
    assert "nilai-tidak-dikenal]" in codes


def test_blaming_words_are_a_warning_with_the_reason_and_a_better_word(project, handbook):
    (project / "protocols/language.yml").write_text(
        "words:\n  - word: mengaku\n    reason: menyiratkan keraguan atas cerita korban\n"
        "    instead: menyampaikan\n", encoding="utf-8")
    edit(project / P, "do: [Antar korban ke puskesmas atau rumah sakit.]",
         "do: [Catat apa yang korban akui dan apa yang ia Mengaku alami.]")
    edit(project / P, "add_avoid: [Meminta korban mengulang cerita.]",
         "add_avoid: [Meminta korban mengaku di depan keluarga.]")
    result = handbook("--root", project, "check")
    assert result.code == 0
    lines = [x for x in result.err.splitlines() if "kata-tidak-dianjurkan" in x]
    assert lines == [
        f"{P}:22:10: peringatan: steps[1].do[1]: \"Mengaku\" menyiratkan keraguan atas cerita "
        "korban; pakai: menyampaikan [kata-tidak-dianjurkan]"]  # not in the avoid list


def test_the_handbooks_own_list_warns_of_a_blaming_question_a_worker_would_ask(project,
                                                                             handbook):
    # CONTRIBUTING names these; an editor wrote one as something a worker says to the victim.
    shutil.copy(ROOT / "protocols/language.yml", project / "protocols/language.yml")
    edit(project / P, "do: [Antar korban ke puskesmas atau rumah sakit.]",
         "do: [\"Tanyakan: Kenapa tidak melawan waktu itu? Kenapa baru lapor?\"]")
    result = handbook("--root", project, "check", "--no-base")
    lines = [x for x in result.err.splitlines() if "kata-tidak-dianjurkan" in x]
    assert sorted(re.search(r'"([^"]+)" pertanyaan', x)[1] for x in lines) == [
        "Kenapa baru lapor", "Kenapa tidak melawan"], result.err


def test_one_way_of_typing_stands_for_one_word_only(project, handbook):
    (project / "protocols/language.yml").write_text(
        "words:\n  - word: mengaku\n    reason: menyiratkan keraguan atas cerita korban\n"
        "    instead: menyampaikan\n"
        "spellings:\n  - word: tidak\n    typed: [ga, gak]\n"
        "  - word: tiga\n    typed: [tg, Gak]\n", encoding="utf-8")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert ("protocols/language.yml:9:17: spellings[2].typed[2]: \"Gak\" sudah ditulis untuk "
            "\"tidak\"; satu cara mengetik hanya untuk satu kata, hapus salah satunya "
            "[id-ganda]") in result.err.splitlines()


def test_a_regional_word_names_its_source_and_a_situation_points_to_what_exists(project,
                                                                                handbook):
    (project / "protocols/language.yml").write_text(
        "words:\n  - word: aib\n    reason: menyalahkan korban\n    instead: kekerasan\n"
        "spellings:\n  - word: istri\n    typed: [bini]\n    language: Banjar\n"
        "    source: KBBI daring, lema \"bini\"\n"
        "  - word: ingin\n    typed: [handak]\n    language: Banjar\n"
        "situations:\n  - label: Kekerasan seksual\n    types: [seksual]\n"
        "    cues: [minggat]\n"
        "  - label: Kekerasan fisik\n    types: [fisk]\n    cues: [dipukul]\n"
        "  - label: Tanpa arah\n    cues: [barusan]\n"
        "  - label: Privasi\n    pages: [privasy]\n    cues: [hapus riwayat]\n"
        "  - label: Pukulan\n    types: [fisik]\n    phrases: [suami memukul]\n"
        "  - label: Tanpa petunjuk\n    types: [fisik]\n"
        "  - label: Pergi\n    types: [fisik]\n    alone: [suami kabur]\n",
        encoding="utf-8")
    result = handbook("--root", project, "check")
    assert result.code == 1
    lines = result.err.splitlines()
    assert ("protocols/language.yml:10:5: spellings[2]: kata daerah \"handak\" (Banjar) belum "
            "punya 'source'; tulis sumber arti katanya atau siapa yang memastikannya, atau "
            "'belum dikonfirmasi' [kolom-wajib]") in lines
    assert ("protocols/language.yml:18:13: situations[2].types[1]: jenis kekerasan \"fisk\" "
            "tidak ada; maksud Anda 'fisik'? [nilai-tidak-dikenal]") in lines
    assert ("protocols/language.yml:20:5: situations[3]: situasi \"Tanpa arah\" harus menunjuk "
            "'types', 'stages' atau 'pages' [kolom-wajib]") in lines
    # a page a situation points to is a page of the site: the hand-written privasi
    assert ("protocols/language.yml:23:13: situations[4].pages[1]: halaman \"privasy\" "
            "tidak ada; maksud Anda 'privasi'? [nilai-tidak-dikenal]") in lines
    # a situation may have only phrases (words side by side) or only 'alone' phrases, but
    # needs one of them or cues
    assert ("protocols/language.yml:28:5: situations[6]: situasi \"Tanpa petunjuk\" perlu "
            "'cues', 'phrases' atau 'alone' [kolom-wajib]") in lines
    wrong = [line for line in lines for n in (1, 5, 7)
             if f"situations[{n}]" in line or "spellings[1]" in line]
    assert not wrong, wrong


def test_a_card_step_that_names_a_service_with_a_confirmed_number_must_call_it(project,
                                                                              handbook):
    title = "Hubungi SAPA 129 lalu rujuk ke layanan kesehatan"
    edit(project / P, "title: Rujuk ke layanan kesehatan\n", f"title: {title}\n")
    assert handbook("--root", project, "check").code == 0  # it calls sapa-129 already
    edit(project / P, "    call: sapa-129\n  - step: catat\n", "  - step: catat\n")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert (f"{P}:43:11: do_now[2]: langkah \"{title}\" menyebut SAPA 129; tulis call: "
            "sapa-129 agar kartu menampilkan tombol telepon [tanpa-tombol-telepon]"
            in result.err.splitlines()), result.err
    assert "Traceback" not in result.err


def test_a_number_inside_a_longer_number_is_not_a_service_named():
    from generator.firstscreen import named_service
    from generator.model import Citation, Contact, Service

    sapa = Service(id="sapa-129", name="SAPA 129 (Layanan Sahabat Perempuan dan Anak)",
                   kind="hotline", area="nasional", description="",
                   contacts=(Contact(type="telepon", value="129", confirmed=True,
                                             source=Citation("berita-sapa")),))
    assert named_service("Telepon 129 bila perlu", [sapa]) is sapa
    assert named_service("Catat 1290 kejadian", [sapa]) is None
    assert named_service("Hubungi sapa 129", [sapa]) is sapa


def test_a_menu_entry_without_its_page_is_a_located_error_not_a_failed_build(project,
                                                                              handbook):
    # A new hand-written page, and a typo in its menu line: the engine would only stop the
    # final build, in English.
    (project / "docs/pages/jadwal-piket.md").write_text("# Jadwal piket\n", encoding="utf-8")
    edit(project / "mkdocs.yml", "  - Lisensi: lisensi.md",
         "  - Lisensi: lisensi.md\n  - Jadwal piket: jadwal_piket.md")
    result = handbook("--root", project, "check", "--no-base")
    assert result.code == 1
    line = next(x for x in result.err.splitlines() if "[menu-tanpa-halaman]" in x)
    assert line.startswith("mkdocs.yml:") and "(maksud Anda 'jadwal-piket.md'?)" in line


def test_a_step_id_used_twice_is_named_at_the_second_step_with_the_first_ones_line(
        project, handbook):
    text = (project / P).read_text(encoding="utf-8")
    step = text[text.index("  - id: rujuk-kesehatan"):text.index("change_steps:")]
    edit(project / P, "change_steps:", step.replace("after: dengarkan", "after: rujuk-kesehatan")
         + "change_steps:")
    result = handbook("--root", project, "check", "--no-base")
    second = 16 + step.count("\n")
    assert (f"{P}:{second}:9: steps[2].id: id \"rujuk-kesehatan\" sudah dipakai langkah "
            "steps[1] (baris 16); beri id lain [id-ganda]") in result.err, result.err


def test_a_file_that_cannot_be_read_is_listed_before_what_fails_because_of_it(project,
                                                                               handbook):
    # One tab in a type file: the type is gone, and so are the protocols the guide points to.
    edit(project / "protocols/types/fisik.yml", "short_name: Fisik", "\tshort_name: Fisik")
    result = handbook("--root", project, "check", "--no-base")
    problems = [x for x in result.err.splitlines() if x.startswith("protocols/")]
    assert len(problems) > 1 and problems[0].startswith("protocols/types/fisik.yml:3:1:")
    assert "[tab-indentasi]" in problems[0]


def test_a_quote_left_open_is_reported_where_it_was_opened(project, handbook):
    # YAML reads on into the next lines and stops further down with another complaint.
    edit(project / P, "    do: [Antar korban ke puskesmas atau rumah sakit.]",
         "    do:\n      - \"Antar korban ke puskesmas atau rumah sakit.")
    result = handbook("--root", project, "check", "--no-base")
    assert result.code == 1
    assert (f"{P}:23:9: YAML tidak dapat dibaca: tanda kutip dibuka di sini tetapi tidak "
            "ditutup di baris yang sama") in result.err, result.err
