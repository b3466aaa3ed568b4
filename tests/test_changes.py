"""An editor's pull request: whether the version moved (the words: tests/test_review.py)."""

from __future__ import annotations

from tests.conftest import edit

P = "protocols/seksual/pengaduan.yml"


def test_changed_content_without_a_new_version_is_refused(repo, handbook):
    edit(repo / P, "Antar korban ke puskesmas atau rumah sakit.",
         "Antar korban ke puskesmas atau rumah sakit terdekat.")
    result = handbook("--root", repo, "check", "--base", "HEAD")
    assert result.code == 1
    assert (f"{P}:7:1: version: isi protokol berubah tetapi versi masih 0.2.0; naikkan versi "
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
