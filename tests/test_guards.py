"""Guards an editor needs: approvals with who and when, copies of a service, reviews falling
due together, and GitHub annotations that stay within what GitHub shows."""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.annotations import annotations
from generator.build import generate
from generator.errors import Problem
from generator.validate import load_handbook
from tests.conftest import edit

P = "protocols/seksual/pengaduan.yml"


def test_approved_status_needs_who_and_when_and_the_page_shows_them(project, handbook):
    edit(project / P, "status: draf", "status: disahkan")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert (f"{P}:8:9: status: disahkan hanya bila pengesahan tercatat; isi approved_by dan "
            "approved_on (siapa yang mengesahkan dan tanggalnya) [persetujuan-kurang]"
            ) in result.err.splitlines()
    edit(project / P, "status: disahkan", "status: disahkan\napproved_by: Kepala Dinas "
         "P3APPKB\napproved_on: 2026-12-01")
    assert handbook("--root", project, "check").code == 0
    page = generate(project, checklists=False).pages["protokol/seksual/pengaduan.md"]
    assert "Disahkan oleh Dinas P3APPKB** (Kepala Dinas P3APPKB, 1 Desember 2026)" in page


def test_a_confirmed_contact_needs_who_confirmed_it_and_when(project, handbook):
    services = project / "protocols/services.yml"
    edit(services, "        confirmed_by: Tim penyusun buku saku (dari sumber yang dikutip)\n",
         "")
    result = handbook("--root", project, "check")
    assert result.code == 1
    assert ("protocols/services.yml:14:20: services[1].contacts[1].confirmed: true hanya bila "
            "konfirmasinya tercatat; isi confirmed_by (siapa yang mengonfirmasi, peran atau "
            "nama yang benar-benar diketahui, dan tanggalnya) [persetujuan-kurang]"
            ) in result.err.splitlines()


def test_the_services_page_says_who_confirmed_a_contact(project):
    page = generate(project, checklists=False).pages["layanan.md"]
    assert ("Dikonfirmasi oleh Tim penyusun buku saku (dari sumber yang dikutip), "
            "28 November 2026") in page


def test_a_second_service_of_one_kind_for_one_region_is_warned(project, handbook):
    edit(project / "protocols/services.yml", "    contacts: []\n",
         "    contacts: []\n  - id: uptd-ppa-palangka-kedua\n    name: UPTD PPA Palangka Raya\n"
         "    kind: uptd-ppa\n    area: kota-palangka-raya\n")
    result = handbook("--root", project, "check")
    assert result.code == 0
    assert ("protocols/services.yml:28:1: peringatan: layanan \"uptd-ppa-palangka-kedua\" "
            "(uptd-ppa) untuk Kota Palangka Raya sudah ada: \"uptd-ppa-kota-palangka-raya\"; "
            "bila ini kantor yang sama, lengkapi layanan yang sudah ada dan hapus salinan ini "
            "[layanan-ganda]") in result.err.splitlines()


def test_reviews_falling_due_together_give_one_warning_on_a_real_line(project):
    _, warnings = load_handbook(project, today=datetime.date(2030, 1, 1))
    overdue = [w for w in warnings if w.code == "tinjau-lewat"]
    assert len(overdue) == 1
    assert overdue[0].message.startswith("3 protokol sudah lewat tanggal tinjau ulang")
    assert overdue[0].line > 1


def test_annotations_stay_within_githubs_cap_and_off_missing_files(project):
    many = [Problem(P, 10 + i, 1, f"masalah {i}", "kata-tidak-dianjurkan", warning=True)
            for i in range(25)]
    missing = Problem("protocols/fisik/mediasi.yml", 1, 1, "belum ditulis",
                      "pasangan-belum-ada", warning=True)
    lines = annotations([*many, missing], Path(project))
    assert len(lines) == 10
    assert all(line.startswith(f"::warning file={P},line=") for line in lines[:9])
    assert lines[9].startswith("::warning title=17 peringatan lain::17 peringatan lain")
    assert "mediasi.yml" not in "".join(lines[:9])


def test_a_version_problem_is_annotated_on_the_version_line(project):
    line = annotations([Problem(P, 1, 1, "versi", "versi-belum-naik")], Path(project))
    assert line == [f"::error file={P},line=7,col=1::versi [versi-belum-naik]"]


def test_a_warning_about_a_file_not_yet_written_is_not_annotated_on_it(project, handbook,
                                                                       monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = handbook("--root", project, "check")
    assert result.code == 0
    assert "protocols/fisik/mediasi.yml" in result.err  # the plain line names it
    assert "file=protocols/fisik/mediasi.yml" not in result.out
    [summary] = [line for line in result.out.splitlines() if "(pasangan-belum-ada)" in line]
    assert summary.startswith("::warning title=1 peringatan")
    assert "(pasangan-belum-ada) tidak ditandai di baris" in summary
