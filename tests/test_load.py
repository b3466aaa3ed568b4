"""An editor's YAML mistakes are refused with the file, line, column and the fix."""

from __future__ import annotations

import pytest

from generator.load import LoadError, load_bytes

CASES = {
    "duplicate key": (
        b"title: Pertama\nsteps: []\ntitle: Kedua\n",
        'x.yml:3:1: kunci "title" muncul dua kali (pertama di baris 1); gabungkan isinya di '
        "satu tempat, YAML hanya menyimpan salah satu [kunci-ganda]"),
    "tab indentation": (
        b"steps:\n\t- id: a\n",
        "x.yml:2:1: indentasi memakai tab; ganti tab dengan spasi (2 spasi per tingkat) "
        "[tab-indentasi]"),
    "invalid utf-8": (
        b"title: ok\nsummary: caf\xe9\n",
        "x.yml:2:13: berkas tidak tersimpan sebagai UTF-8; simpan ulang dengan pengodean UTF-8 "
        "[bukan-utf8]"),
    "custom tag": (
        b"title: !jahat teks\n",
        "x.yml:1:8: tag YAML '!jahat' tidak dipakai di protokol; hapus tag itu dan tulis "
        "nilainya saja [tag-dilarang]"),
    "python tag": (
        b"title: !!python/object/apply:os.system [ls]\n",
        "x.yml:1:8: tag YAML 'tag:yaml.org,2002:python/object/apply:os.system' tidak dipakai "
        "di protokol; hapus tag itu dan tulis nilainya saja [tag-dilarang]"),
    "alias": (
        b"a: &x [1, 2]\nb: *x\n",
        "x.yml:2:4: alias '*x' tidak dipakai di protokol; tulis isinya langsung di sini "
        "[alias-dilarang]"),
    "merge key": (
        b"a: &x {b: 1}\nc:\n  <<: *x\n",
        "x.yml:3:3: penggabungan '<<' tidak dipakai di protokol; tulis setiap kunci langsung "
        "[alias-dilarang]"),
    "empty file": (
        b"# hanya komentar\n\n",
        "x.yml:1:1: berkas kosong; isi berkas ini atau hapus berkasnya [berkas-kosong]"),
    "two documents": (
        b"title: a\n---\ntitle: b\n",
        "x.yml:2:1: YAML tidak dapat dibaca: berkas berisi lebih dari satu dokumen YAML; hapus "
        "baris '---' yang kedua [dokumen-ganda]"),
    "colon in text": (
        b"title: Catatan: penting\n",
        "x.yml:1:15: YAML tidak dapat dibaca: tanda ':' di tempat yang tidak diharapkan; jika "
        "teks berisi ': ', apit seluruh teks dengan tanda kutip (\"...\") [yaml-rusak]"),
    "unclosed quote": (
        b'title: "Tanpa penutup\nversion: 0.1.0\n',
        "x.yml:1:8: YAML tidak dapat dibaca: tanda kutip dibuka di sini tetapi tidak ditutup "
        "[yaml-rusak]"),
    "misaligned indentation": (
        b"steps:\n  - id: a\n    title: b\n   who: c\n",
        "x.yml:4:4: YAML tidak dapat dibaca: indentasi tidak sejajar dengan butir daftar di "
        "atasnya; samakan jumlah spasinya, dan awali butir baru dengan '- ' [yaml-rusak]"),
}


@pytest.mark.parametrize("name", CASES)
def test_editor_mistake_is_located_and_explained(name):
    raw, expected = CASES[name]
    with pytest.raises(LoadError) as caught:
        load_bytes(raw, "x.yml")
    assert str(caught.value.problem) == expected


def test_an_alias_bomb_is_refused_without_expanding_it():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [*a{'' if i == 1 else i - 1}] ")
    with pytest.raises(LoadError) as caught:
        load_bytes("\n".join(lines).encode(), "x.yml")
    assert caught.value.problem.code == "alias-dilarang"


def test_bom_and_crlf_are_fine_and_positions_stay_right():
    doc = load_bytes(b"\xef\xbb\xbftitle: Judul\r\nsteps:\r\n  - id: a\r\n", "x.yml")
    assert doc.data == {"title": "Judul", "steps": [{"id": "a"}]}
    assert doc.position(("steps", 0, "id")) == (3, 9)
    assert doc.position(("steps", 0, "id"), key=True) == (3, 5)


def test_every_scalar_stays_text_so_no_means_no():
    doc = load_bytes(b"a: no\nb: 0.10\nc: 2026-11-28\nd:\ne: ''\n", "x.yml")
    assert doc.data == {"a": "no", "b": "0.10", "c": "2026-11-28", "d": None, "e": ""}
