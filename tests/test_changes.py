"""An editor's pull request: what it changes for workers, and whether the version moved."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import edit

P = "protocols/seksual/pengaduan.yml"


@pytest.fixture
def repo(project):
    def git(*args):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    return project


def test_diff_tells_in_indonesian_what_changed_for_workers(repo, handbook):
    edit(repo / P, "version: 0.2.0\nstatus: draf", "version: 0.3.0\nstatus: ditinjau")
    edit(repo / P, "  - version: 0.2.0\n", "  - version: 0.3.0\n    date: 2026-12-01\n"
         "    summary: Menambah langkah.\n  - version: 0.2.0\n")
    edit(repo / P, "    unconfirmed: Rumah sakit", "    checklist: [Antar ke layanan kesehatan]\n"
         "    unconfirmed: Rumah sakit")
    edit(repo / P, "  - step: siapkan-ruang\n    reason: Ruang disiapkan di tahap penjangkauan.\n",
         "")
    edit(repo / P, "skip_steps:\n", "")
    result = handbook("--root", repo, "diff", "HEAD")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "## Perubahan protokol dibanding `HEAD`",
        "",
        "1 protokol berubah.",
        "",
        "### Kekerasan seksual · Pengaduan",
        "",
        "`protocols/seksual/pengaduan.yml`",
        "",
        "- Versi: 0.2.0 → 0.3.0",
        "- Status: draf → ditinjau",
        "- Langkah baru: Siapkan ruang yang aman dan tertutup",
        "- Langkah diubah: Rujuk ke layanan kesehatan (butir daftar periksa)",
        "- Butir daftar periksa baru: Siapkan ruang yang aman dan tertutup",
        "- Butir daftar periksa baru: Antar ke layanan kesehatan",
        "- Butir daftar periksa dihapus: Rujuk ke layanan kesehatan",
        "",
    ]


def test_diff_says_so_when_nothing_changed(repo, handbook):
    result = handbook("--root", repo, "diff", "HEAD")
    assert "Tidak ada perubahan isi protokol." in result.out


def test_changed_content_without_a_new_version_is_refused(repo, handbook):
    edit(repo / P, "Antar korban ke puskesmas atau rumah sakit.",
         "Antar korban ke puskesmas atau rumah sakit terdekat.")
    result = handbook("--root", repo, "check", "--base", "HEAD")
    assert result.code == 1
    assert (f"{P}:1:1: version: isi protokol berubah tetapi versi masih 0.2.0; naikkan versi "
            "(misalnya 0.3.0) dan tambahkan riwayat di history [versi-belum-naik]"
            ) in result.err.splitlines()


def test_a_new_version_with_its_history_passes(repo, handbook):
    edit(repo / P, "Antar korban ke puskesmas atau rumah sakit.",
         "Antar korban ke puskesmas atau rumah sakit terdekat.")
    edit(repo / P, "version: 0.2.0\nstatus", "version: 0.2.1\nstatus")
    edit(repo / P, "  - version: 0.2.0\n", "  - version: 0.2.1\n    date: 2026-12-01\n"
         "    summary: Memperjelas rujukan.\n  - version: 0.2.0\n")
    assert handbook("--root", repo, "check", "--base", "HEAD").code == 0


def test_an_unknown_base_revision_is_explained(repo, handbook):
    result = handbook("--root", repo, "diff", "tidak-ada")
    assert result.code == 1
    assert result.err.startswith('revisi git "tidak-ada" tidak dapat dibaca')
