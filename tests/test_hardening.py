"""The build refuses what would destroy or leak, and text that would break a page or dial a
number other than the one shown (audit 2026-11-30: D1, D2, D9, C5, E3, P9, P10, P11, W5, W6)."""

from __future__ import annotations

import os

import pytest

from generator.text import dial_number
from tests.conftest import edit

pytestmark = pytest.mark.site


@pytest.mark.parametrize("target", [".", "protocols", "docs", "docs/pages", "protocols/types"])
def test_build_refuses_a_site_folder_that_holds_the_project(project, handbook, target):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = handbook("--root", project, "build", "--site", project / target)
    assert result.code == 1
    assert "Tidak membangun ke" in result.err
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_build_refuses_a_folder_that_is_not_a_previous_site(project, handbook, tmp_path):
    other = tmp_path / "catatan"
    other.mkdir()
    (other / "penting.txt").write_text("jangan dihapus", encoding="utf-8")
    result = handbook("--root", project, "build", "--site", other)
    assert result.code == 1
    assert (other / "penting.txt").read_text(encoding="utf-8") == "jangan dihapus"
    # an empty folder and a previous site are fine
    empty = tmp_path / "kosong"
    empty.mkdir()
    assert handbook("--root", project, "build", "--site", empty).code == 0
    assert handbook("--root", project, "build", "--site", empty).code == 0


def test_leftover_staging_folders_are_cleaned_at_the_next_build(project, handbook):
    leftover = project / ".site-999999999-abc"  # a build killed with -9: its process is gone
    (leftover / "assets").mkdir(parents=True)
    assert handbook("--root", project, "build").code == 0
    assert not leftover.exists()
    assert not list(project.glob(".site-*"))


def test_a_symlink_leaving_the_repository_is_refused_and_located(project, handbook,
                                                                 tmp_path_factory):
    outside = tmp_path_factory.mktemp("luar") / "luar.yml"
    outside.write_text("API_TOKEN=rahasia\n", encoding="utf-8")
    os.symlink(outside, project / "protocols/types/x.yml")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert "protocols/types/x.yml:1:1:" in result.err
    assert "[tautan-keluar]" in result.err
    assert "rahasia" not in result.err + result.out


def test_a_symlink_in_hand_written_pages_is_not_published(project, handbook, tmp_path_factory):
    outside = tmp_path_factory.mktemp("luar") / "secret.env"
    outside.write_text("API_TOKEN=rahasia\n", encoding="utf-8")
    os.symlink(outside, project / "docs/pages/catatan.txt")
    result = handbook("--root", project, "build")
    assert result.code == 1
    assert "docs/pages/catatan.txt:1:1:" in result.err
    assert "tautan-keluar" in result.err
    assert not (project / "site").exists()


def test_a_backslash_file_name_in_hand_written_pages_is_refused(project, handbook):
    (project / "docs/pages" / "a\\..\\..\\evil.txt").write_text("x", encoding="utf-8")
    result = handbook("--root", project, "build")
    assert result.code == 1
    assert "nama berkas" in result.err


@pytest.mark.parametrize(("value", "code"), [
    ('"\\u202E911\\u202C"', "karakter-terlarang"),  # shown as 119, dialled 911
    ('"1\\u200b29"', "karakter-terlarang"),
    ('"12\\u200e9"', "karakter-terlarang"),
    ('"110 atau 112"', "telepon-tidak-valid"),  # was tel:110112
    ('"129 (ext. 2)"', "telepon-tidak-valid"),  # was tel:1292
    ('"129, 112"', "telepon-tidak-valid"),
])
def test_a_phone_contact_is_exactly_one_visible_number(project, handbook, value, code):
    edit(project / "protocols/services.yml", 'value: "129"', f"value: {value}")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert "protocols/services.yml:13:16:" in result.err
    assert f"[{code}]" in result.err


@pytest.mark.parametrize("value", ["129", "0811 5201 515", "(0536) 3221234", "+62 811-5201-515"])
def test_the_dialled_number_is_the_shown_number(value):
    assert dial_number(value) == "".join(c for c in value if c.isdigit() or c == "+")


@pytest.mark.parametrize("value", ["110 atau 112", "129 (ext. 2)", "\u202e911\u202c", "12a"])
def test_no_tel_link_from_anything_but_one_number(value):
    with pytest.raises(ValueError, match="not one phone number"):
        dial_number(value)


@pytest.mark.parametrize("text", [
    "Hubungi polisi di 119 bila pelaku datang",
    "Telpon kantor (0536) 3221234 lebih dulu",
    "Kirim WA ke 0812\u20133456\u20137890",
    "Kirim pesan ke 0812\u200b3456\u200b7890",
    "tlp 110 segera",
    "Hubungi \uff11\uff11\uff12",  # full-width digits
    "buka wa.me/628123456789",
])
def test_phone_numbers_in_protocol_text_are_caught_in_common_spellings(project, handbook, text):
    edit(project / "protocols/seksual/pengaduan.yml",
         "do: [Antar korban ke puskesmas atau rumah sakit.]", f'do: ["{text}"]')
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert "[nomor-telepon]" in result.err


@pytest.mark.parametrize("char", ["\\x7f", "\\x92", "\\ufffe", "\\0", "\\e", "\\x08",
                                  "\\u202e", "\\u2066", "\\u200b"])
def test_control_and_invisible_characters_are_refused_and_located(project, handbook, char):
    edit(project / "protocols/seksual/pengaduan.yml",
         "title: Menerima pengaduan kekerasan seksual",
         f'title: "Menerima pengaduan{char} kekerasan seksual"')
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert "protocols/seksual/pengaduan.yml:2:8:" in result.err
    assert "[karakter-terlarang]" in result.err


def test_a_hash_line_inside_a_plain_text_is_caught(project, handbook):
    edit(project / "protocols/seksual/pengaduan.yml",
         "    do: [Antar korban ke puskesmas atau rumah sakit.]",
         "    do:\n      - Antar korban ke puskesmas\n"
         "        #2 atau rumah sakit, bukan sebelumnya.")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert "[teks-terpotong]" in result.err


# Lows of the audit: each was a traceback or a silent loss; now a located Indonesian message.

def test_deep_nesting_is_a_located_error(project, handbook):
    path = project / "protocols/types/seksual.yml"
    path.write_text(path.read_text(encoding="utf-8") + "keywords2: " + "[" * 600 + "]" * 600
                    + "\n", encoding="utf-8")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert "protocols/types/seksual.yml:" in result.err
    assert "[yaml-rusak]" in result.err


def test_a_raw_control_character_is_located_where_it_is():
    from generator.load import LoadError, load_bytes

    raw = ("".join(f"k{i}: v\n" for i in range(49)) + "title: ab\x00cd\n").encode()
    with pytest.raises(LoadError) as caught:
        load_bytes(raw, "x.yml")
    assert str(caught.value).startswith("x.yml:50:10: ")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("old", "new", "where"), [
    ("order: 2", 'order: "²"', "protocols/types/seksual.yml:4:8:"),
    ("    date: 2026-11-28", "    date: 2106-12-31", "protocols/seksual/pengaduan.yml:36:11:"),
])
def test_odd_numbers_and_far_dates_are_located_errors(project, handbook, old, new, where):
    edit(project / ("protocols/types/seksual.yml" if "order" in old
                    else "protocols/seksual/pengaduan.yml"), old, new)
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert where in result.err


def test_a_spelling_written_for_two_words_is_located(project, handbook):
    (project / "protocols/language.yml").write_text(
        "spellings:\n  - word: yang\n    typed: [yg]\n  - word: tidak\n    typed: [gak]\n"
        "  - word: tidak\n    typed: [yg]\n", encoding="utf-8")  # a second entry for "tidak"
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert "protocols/language.yml:7:13:" in result.err
    assert "[id-ganda]" in result.err


@pytest.mark.parametrize("name", ["pengaduan.YML", "pengaduan.yml~", "pengaduan.yml.bak"])
def test_a_protocol_file_with_a_near_miss_name_is_an_error(project, handbook, name):
    folder = project / "protocols/seksual"
    (folder / "pengaduan.yml").rename(folder / name)
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert f"protocols/seksual/{name}:1:1:" in result.err


def test_files_an_editor_keeps_beside_an_open_protocol_are_not_problems(project, handbook):
    # vim's swap file lives as long as the file is open; Emacs leaves a lock, an autosave and
    # a backup: none of them is content, and the check (and the preview) must stay clean.
    folder = project / "protocols/seksual"
    original = (folder / "pengaduan.yml").read_text(encoding="utf-8")
    for name in (".pengaduan.yml.swp", "#pengaduan.yml#", "pengaduan.yml~", ".#pengaduan.yml"):
        (folder / name).write_text(original.replace("title:", "title: LAMA"), encoding="utf-8")
    (project / "protocols/stages/.mediasi.yml.swp").write_bytes(b"\x00vim swap")
    result = handbook("--root", project, "check", "--no-base")
    assert result.code == 0, result.err
    assert "LAMA" not in result.err and ".swp" not in result.err


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999"])
def test_a_bad_source_date_epoch_is_a_message(project, handbook, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = handbook("--root", project, "build")
    assert result.code == 1
    assert "SOURCE_DATE_EPOCH" in result.err
    assert not (project / "site").exists()


def test_a_corrupt_cache_entry_is_rebuilt(project, handbook):
    assert handbook("--root", project, "build").code == 0
    cache = project / ".handbook-cache/pdf"
    for meta in cache.glob("*.json"):
        meta.write_text("", encoding="utf-8")
    for pdf in cache.glob("*.pdf"):
        pdf.write_bytes(pdf.read_bytes()[:3000])
    assert handbook("--root", project, "check").code == 0
    assert handbook("--root", project, "build").code == 0


def test_a_value_cannot_add_lines_or_control_codes_to_the_output(project, handbook,
                                                                 monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    edit(project / "protocols/seksual/pengaduan.yml", "version: 0.2.0",
         'version: "0.2.0\\n::warning file=README.md,line=1::Semua protokol disahkan\\e[2K\\e[1A"')
    result = handbook("--root", project, "check")
    assert result.code == 1
    for line in (result.err + result.out).splitlines():
        assert not line.startswith("::warning file=README.md")
    assert "\x1b" not in result.err + result.out


def test_a_file_name_cannot_add_a_workflow_command(project, handbook, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    source = (project / "protocols/types/seksual.yml").read_text(encoding="utf-8")
    (project / "protocols/types/a\n::notice title=Palsu::Pesan palsu\nb.yml").write_text(
        source, encoding="utf-8")
    (project / "protocols/types/c,line=1,title=x.yml").write_text(source, encoding="utf-8")
    result = handbook("--root", project, "check")
    assert result.code == 1
    lines = result.out.splitlines()
    assert not [line for line in lines if line.startswith("::notice")]
    # the properties (between the first and second "::") cannot be extended by a name
    assert not [line for line in lines if "c,line=1" in line.split("::")[1]]
    assert [line for line in lines if "c%2Cline=1%2Ctitle=x.yml" in line]


def test_a_folder_that_cannot_be_written_is_a_message_not_a_traceback(project, handbook):
    # /proc refuses new folders even to root, like a full disk or a read-only mount would.
    result = handbook("--root", project, "build", "--site", "/proc/handbook-site")
    assert result.code == 1
    assert "Gagal membaca atau menulis berkas" in result.err
    assert "Traceback" not in result.err


def test_front_matter_holds_any_text_whole():
    import yaml

    from generator.text import yaml_string

    for text in ("a\u2028b", "x\x7fy", "\u00e9\x85", 'kutip "ganda" dan \\ garis', "---"):
        assert yaml.safe_load("t: " + yaml_string(text))["t"] == text


def test_a_terminal_that_cannot_show_a_letter_gets_an_escape_not_a_traceback(project):
    import subprocess
    import sys

    source = (project / "protocols/types/seksual.yml").read_text(encoding="utf-8")
    (project / "protocols/types/kekerasan-\u00e9.yml").write_text(source, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "GITHUB_ACTIONS": "true"}
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "check"],
                            capture_output=True, env=env, check=False)
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert b"kekerasan-\\xe9.yml" in result.stderr + result.stdout


def test_two_glossary_terms_with_one_anchor_are_refused(project, handbook):
    path = project / "protocols/glossary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "terms:\n", "terms:\n  - term: K.D.R.T.\n    definition: Satu.\n"
        "  - term: K-D-R-T\n    definition: Dua.\n", 1), encoding="utf-8")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert "#k-d-r-t" in result.err
    assert "[id-ganda]" in result.err


def test_a_device_behind_a_symlink_is_not_read(project, handbook):
    os.symlink("/dev/zero", project / "protocols/types/x.yml")  # read forever before
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert "protocols/types/x.yml:1:1:" in result.err
    assert "[tautan-keluar]" in result.err


def test_a_symlink_in_a_past_revision_is_a_message(project, handbook):
    import subprocess

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                       cwd=project, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-qm", "base")
    os.symlink("/etc/passwd", project / "protocols/types/x.yml")
    git("add", ".")
    git("commit", "-qm", "link")
    git("rm", "-q", "protocols/types/x.yml")
    git("commit", "-qm", "unlink")
    result = handbook("--root", project, "diff", "HEAD~1")
    assert "Traceback" not in result.err
    assert "root:" not in result.out  # the link is not followed: nothing of /etc/passwd shown
    assert result.code == 0


def test_the_reviewers_diff_never_shows_a_file_outside_the_repository(project, handbook,
                                                                        tmp_path_factory):
    import subprocess

    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm",
                    "base"], cwd=project, check=True)
    secret = tmp_path_factory.mktemp("outside") / "secret.yml"
    secret.write_text("API_TOKEN: RAHASIA-DI-LUAR-REPO\n", encoding="utf-8")
    os.symlink(secret, project / "protocols/types/x.yml")
    result = handbook("--root", project, "diff", "HEAD")
    assert "RAHASIA" not in result.out + result.err
    assert "tautan-keluar" in result.out  # the check's problem is at the top of the diff
