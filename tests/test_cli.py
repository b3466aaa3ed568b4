"""The `handbook` command as editors and CI use it."""

from __future__ import annotations

import json

import pytest

from generator import schema
from tests.conftest import ROOT, edit


def test_help_is_in_indonesian(handbook):
    with pytest.raises(SystemExit) as exited:
        handbook("--help")
    assert exited.value.code == 0


def test_help_text_names_every_command_in_indonesian(capsys):
    from generator.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("Pemakaian: handbook")
    for line in ("periksa semua protokol", "bangun buku saku", "pratinjau di peramban",
                 "buat kerangka protokol baru", "tampilkan bantuan ini"):
        assert line in out


def test_a_wrong_command_is_explained_in_indonesian(capsys):
    from generator.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["periksa"])
    assert exited.value.code == 2
    assert "perintah tidak lengkap atau salah" in capsys.readouterr().err


def test_check_passes_on_good_content(project, handbook):
    result = handbook("--root", project, "check")
    assert result.code == 0
    assert result.out.startswith("Baik: 3 protokol, 2 jenis, 2 tahap diperiksa")


def test_new_writes_a_skeleton_that_check_refuses_until_it_is_filled(project, handbook):
    result = handbook("--root", project, "new", "fisik", "mediasi")
    assert result.code == 0, result.err
    path = project / "protocols/fisik/mediasi.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/protocol.schema.json")
    assert "status: draf" in text
    check = handbook("--root", project, "check")
    assert check.code == 1
    refused = [line for line in check.err.splitlines() if line.startswith("protocols/")]
    assert len(refused) == 9, refused  # every "TULIS ..." text, each at its own line
    assert all(line.startswith("protocols/fisik/mediasi.yml:") and
               line.endswith("[isi-belum-ditulis]") for line in refused)
    path.write_text(text.replace("TULIS ", "Contoh isi "), encoding="utf-8")
    check = handbook("--root", project, "check")
    assert check.code == 0, check.err
    assert "pasangan-belum-ada" not in check.err


def test_new_refuses_to_overwrite_and_names_valid_ids(project, handbook):
    assert handbook("--root", project, "new", "seksual", "pengaduan").code == 1
    result = handbook("--root", project, "new", "sexual", "pengaduan")
    assert result.code == 1
    assert 'jenis "sexual" tidak ada; pilih salah satu: fisik, seksual' in result.err


def test_errors_become_inline_annotations_on_github(project, handbook, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    edit(project / "protocols/seksual/pengaduan.yml", "status: draf", "status: final")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert ("::error file=protocols/seksual/pengaduan.yml,line=8,col=9::status: harus salah "
            "satu dari draf, ditinjau, disahkan; tertulis \"final\" [nilai-tidak-dikenal]"
            ) in result.out.splitlines()


def test_overdue_review_is_a_warning_not_an_error(project, handbook):
    edit(project / "protocols/fisik/pengaduan.yml", "reviewed: 2026-11-28", "reviewed: 2020-01-01")
    edit(project / "protocols/fisik/pengaduan.yml", "review_due: 2027-05-28",
         "review_due: 2020-06-01")
    result = handbook("--root", project, "check")
    assert result.code == 0
    assert "peringatan: tanggal tinjau ulang 2020-06-01 sudah lewat" in result.err


def test_committed_json_schema_is_current():
    for kind in schema.FILE_KINDS:
        committed = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text())
        assert committed == schema.json_schema(kind), f"run: handbook schema ({kind})"


def test_json_schema_describes_every_protocol_key_in_indonesian():
    protocol = schema.json_schema("protocol")
    assert set(protocol["properties"]) == set(schema.PROTOCOL.fields)
    assert protocol["properties"]["status"]["enum"] == ["draf", "ditinjau", "disahkan"]
    assert all(p["description"] for p in protocol["properties"].values())
