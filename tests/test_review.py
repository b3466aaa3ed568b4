"""The reviewer's diff (`handbook diff`): every changed word of every kind of file, safe to
post on GitHub, written even when the check fails."""

from __future__ import annotations

from generator.wording import WJ, github_text, word_diff
from tests.conftest import edit

P = "protocols/seksual/pengaduan.yml"


def lines(result) -> list[str]:
    assert result.code == 0, result.err
    print(result.out)  # shown when a test fails
    return [line.strip() for line in result.out.splitlines()]


def test_a_changed_action_inside_a_step_shows_the_old_and_new_words(repo, handbook):
    edit(repo / P, "do: [Antar korban ke puskesmas atau rumah sakit.]",
         "do: [Antar korban ke rumah sakit swasta.]")
    out = lines(handbook("--root", repo, "diff", "main"))
    assert "- **Langkah diubah: Rujuk ke layanan kesehatan**" in out
    assert "- Yang dilakukan, butir 1 diubah:" in out
    assert "- Lama: Antar korban ke <del>puskesmas atau</del> rumah <del>sakit\\.</del>" in out
    assert "- Baru: Antar korban ke rumah <ins>sakit swasta\\.</ins>" in out


def test_red_flags_child_guidance_and_step_changes_show_their_wording(repo, handbook):
    edit(repo / P, "action: Antar segera ke layanan kesehatan.",
         "action: Antar dalam 24 jam ke layanan kesehatan.")
    edit(repo / P, "add_avoid: [Meminta korban mengulang cerita.]",
         "add_avoid: [Meminta korban mengulang cerita., Memotret luka korban.]")
    edit(repo / P, 'child: ["Wawancara hanya sekali, oleh petugas terlatih."]',
         'child: ["Wawancara boleh diulang oleh siapa saja."]')
    out = lines(handbook("--root", repo, "diff", "main"))
    assert "- **Tanda bahaya diubah: Kejadian kurang dari 120 jam \\(5 hari\\) yang lalu**" in out
    assert "- Lama: Antar <del>segera</del> ke layanan kesehatan\\." in out
    assert "- Baru: Antar <ins>dalam 24 jam</ins> ke layanan kesehatan\\." in out
    assert ("- Yang dihindari (tambahan), butir baru (2): <ins>Memotret luka korban\\.</ins>"
            in out)
    assert "- Panduan bila korban anak, butir 1 diubah:" in out
    assert "- Baru: Wawancara <ins>boleh diulang</ins> oleh <ins>siapa saja\\.</ins>" in out


def test_a_new_step_is_shown_with_all_its_parts(repo, handbook):
    edit(repo / P, "change_steps:", "  - id: bukti-digital\n    title: Amankan bukti digital\n"
         "    who: [pendamping]\n    when: Hari yang sama\n    pause: selama\n"
         "    do: [Simpan tangkapan layar.]\n    avoid: [Menghapus pesan.]\n"
         "    say: [Kita simpan bersama.]\n    checklist: [Simpan tangkapan layar]\n"
         "change_steps:")
    out = lines(handbook("--root", repo, "diff", "main"))
    at = out.index("- **Langkah baru: Amankan bukti digital**")
    assert out[at + 1:at + 14] == [
        "- Id: <ins>bukti\\-digital</ins>", "- Judul: <ins>Amankan bukti digital</ins>",
        "- Pelaksana:", "- <ins>pendamping</ins>", "- Waktu: <ins>Hari yang sama</ins>",
        "- Titik jeda: <ins>selama</ins>", "- Yang dilakukan:",
        "- <ins>Simpan tangkapan layar\\.</ins>", "- Yang dihindari:",
        "- <ins>Menghapus pesan\\.</ins>", "- Contoh kalimat:",
        "- <ins>Kita simpan bersama\\.</ins>",
        "- Butir daftar periksa:"]


def test_services_references_glossary_roles_and_types_are_compared(repo, handbook):
    content = repo / "protocols"
    edit(content / "services.yml", 'value: "08111129129"\n        confirmed: false',
         'value: "08111129130"\n        confirmed: false')
    edit(content / "references.yml", "kind: berita\n    year: 2023\n    checked: true",
         "kind: berita\n    year: 2023\n    checked: false")
    edit(content / "roles.yml", "name: Manajer kasus", "name: Manajer kasus UPTD")
    edit(content / "types/seksual.yml", "Takut bertemu orang tertentu",
         "Takut bertemu pelaku")
    edit(content / "glossary.yml", "definition:", "definition: Baru.\n    full: x\n    old:")
    result = handbook("--root", repo, "diff", "main")
    out = lines(result)
    assert "### Layanan dan kontak: services\\.yml" in out
    assert "- **Kontak diubah: whatsapp**" in out
    assert "- Isi kontak diubah: <del>08111129129</del> → <ins>08111129130</ins>" in out
    assert any(line.startswith("- Layanan `sapa-129`: Kontaknya tampil di halaman Layanan dan "
                               "di ") for line in out)
    assert "- **Sumber diubah: Berita SAPA 129 \\(2023\\)**" in out
    assert "- Sudah dicek dengan naskah resmi diubah: <del>ya</del> → <ins>tidak</ins>" in out
    assert "- **Peran diubah: Manajer kasus UPTD**" in out
    assert "### Jenis kekerasan: Kekerasan seksual" in out
    assert "- Tanda yang dapat dikenali, butir 2 diubah:" in out
    assert "### Glosarium: glossary\\.yml" in out


def test_a_stage_change_names_the_protocols_it_changes(repo, handbook):
    edit(repo / "protocols/stages/pengaduan.yml", "do: [Catat di SIMFONI PPA.]",
         "do: [Catat di buku register.]")
    edit(repo / "protocols/stages/pengaduan.yml", "do: [Pastikan tidak ada orang lain",
         "do: [Pastikan tidak ada siapa pun lain")
    out = lines(handbook("--root", repo, "diff", "main"))
    assert ("- **Berkas tahap ini mengubah 2 protokol sekaligus:** Kekerasan fisik, "
            "Kekerasan seksual.") in out
    assert ("- Perhatikan: langkah `siapkan-ruang` dilewati oleh protokol Kekerasan seksual."
            in out)


def test_the_diff_is_written_when_the_check_fails_and_says_so_at_the_top(repo, handbook):
    edit(repo / P, "status: draf", "status: final")
    edit(repo / "protocols/roles.yml", "name: Manajer kasus", "name: Manajer kasus UPTD")
    result = handbook("--root", repo, "diff", "main")
    out = lines(result)
    assert out[2].startswith("**Pemeriksaan (`handbook check`): 1 kesalahan;")
    assert any("[nilai-tidak-dikenal]" in line for line in out[:8])
    assert "- Status diubah: <del>draf</del> → <ins>final</ins>" in out
    assert "- **Peran diubah: Manajer kasus UPTD**" in out


def test_a_forgotten_version_bump_is_reported_at_the_top_of_the_diff(repo, handbook):
    edit(repo / P, "do: [Antar korban ke puskesmas atau rumah sakit.]",
         "do: [Antar korban ke rumah sakit.]")
    out = lines(handbook("--root", repo, "diff", "main"))
    assert any(line.startswith(f"{P}:7:1: version: isi protokol berubah") for line in out)


def test_nothing_github_would_act_on_survives_from_the_content():
    text = github_text("Hubungi @budi ~~coret~~ #12 :smile: https://contoh.id www.contoh.id "
                       "<b>tebal</b> **x** [a](b)\n# judul")
    for acted_on in ("@budi", "~~", "#12", ":smile:", "https://", "www.", "<b>", "**",
                     "[a](b)", "\n"):
        assert acted_on not in text, acted_on
    assert text.replace(WJ, "").replace("\\", "").replace("&lt;", "<").replace(
        "&gt;", ">") == ("Hubungi @budi ~~coret~~ #12 :smile: https://contoh.id www.contoh.id "
                         "<b>tebal</b> **x** [a](b) # judul")


def test_word_marks_cover_only_the_changed_words():
    assert word_diff("0811 5201 515", "0811 5201 5150") == ("0811 5201 <del>515</del>",
                                                            "0811 5201 <ins>5150</ins>")


def test_the_local_check_compares_versions_with_main_like_ci(repo, handbook):
    edit(repo / P, "do: [Antar korban ke puskesmas atau rumah sakit.]",
         "do: [Antar korban ke rumah sakit.]")
    result = handbook("--root", repo, "check")
    assert result.code == 1
    assert f"{P}:7:1: version: isi protokol berubah" in result.err
    assert handbook("--root", repo, "check", "--no-base").code == 0


def test_outside_git_the_check_says_it_did_not_compare_and_goes_on(project, handbook):
    result = handbook("--root", project, "check")
    assert result.code == 0
    assert "bukan salinan git, jadi versi tidak dibandingkan" in result.err


def test_a_diff_too_long_for_one_comment_is_cut_and_says_so(repo, handbook):
    edit(repo / "protocols/roles.yml", "name: Manajer kasus", "name: Manajer kasus UPTD")
    edit(repo / P, "do: [Antar korban ke puskesmas atau rumah sakit.]",
         "do: [Antar korban ke rumah sakit.]")
    result = handbook("--root", repo, "diff", "main", "--max-chars", "600")
    assert result.code == 0
    assert len(result.out.rstrip("\n")) <= 600
    assert result.out.rstrip().endswith("(Checks, lalu Summary).")


def test_the_diff_shows_the_words_of_hand_written_pages_and_names_other_changed_files(
        repo, handbook):
    # A reader sees these too: the privacy page's wording, a new page and its menu entry,
    # the style sheet.
    edit(repo / "docs/pages/privasi.md", "kadang dibuka di dekat korban",
         "sering dibuka di dekat korban")
    (repo / "docs/pages/jadwal-piket.md").write_text(
        "# Jadwal piket\n\nPetugas piket menerima pengaduan setiap hari kerja.\n",
        encoding="utf-8")
    edit(repo / "mkdocs.yml", "  - Lisensi: lisensi.md", "  - Lisensi: lisensi.md\n"
         "  - Jadwal piket: jadwal-piket.md")
    with open(repo / "docs/pages/stylesheets/handbook.css", "a", encoding="utf-8") as css:
        css.write("\nh1 { color: #7b1fa2; }\n")
    result = handbook("--root", repo, "diff")
    assert result.code == 0, result.err
    out = result.out
    assert "### Halaman tulisan tangan: Menjaga privasi perangkat" in out
    assert "<del>kadang</del>" in out and "<ins>sering</ins>" in out
    assert "`docs/pages/jadwal-piket.md` · berkas baru" in out
    assert "<ins>Petugas piket menerima pengaduan setiap hari kerja\\.</ins>" in out
    assert "`mkdocs.yml` · berkas diubah" in out
    assert "- Menu, butir baru (5): <ins>Jadwal piket: jadwal\\-piket\\.md</ins>" in out
    assert "`docs/pages/stylesheets/handbook.css` · berkas diubah" in out


def test_a_services_description_is_said_to_show_on_the_services_page_only(repo, handbook):
    edit(repo / "protocols/services.yml", "description: Layanan pengaduan nasional.",
         "description: Layanan pengaduan nasional, 24 jam.")
    out = lines(handbook("--root", repo, "diff", "main"))
    assert "- Layanan `sapa-129`: keterangannya tampil di halaman Layanan." in out
    assert not any("Kontaknya tampil" in line for line in out)


def test_a_guide_change_is_shown_part_by_part_and_needs_a_version_bump(repo, handbook):
    guide = repo / "protocols/guide.yml"
    edit(guide, "ask: Apakah ada bahaya bagi nyawa korban saat ini?",
         "ask: Apakah nyawa korban terancam sekarang?")
    check = handbook("--root", repo, "check")
    assert check.code == 1
    assert ("protocols/guide.yml:3:1: version: isi panduan berubah tetapi versi masih 0.1.0; "
            "naikkan versi (misalnya 0.2.0) [versi-belum-naik]") in check.err
    edit(guide, "version: 0.1.0", "version: 0.2.0")
    assert handbook("--root", repo, "check").code == 0
    out = lines(handbook("--root", repo, "diff", "main"))
    assert "- **Pertanyaan diubah: Apakah nyawa korban terancam sekarang?**" in out
    assert "- Pertanyaan diubah:" in out
    assert not any('{"' in line for line in out)  # parts, not raw data
