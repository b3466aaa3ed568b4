"""Licences as a real project ships them: LICENSE for the code, a stated licence for the content,
a notice page in the handbook, and every bundled file of the site, the offline zip and the
repository listed in THIRD-PARTY.md."""

from __future__ import annotations

import fnmatch
import re
import zipfile

import pytest

from tests.conftest import ROOT

NOTICE = ROOT / "THIRD-PARTY.md"
VENDORED = ["docs/pages/javascripts/vendor/*", "docs/pages/assets/icons/*", "generator/fonts/*",
            "generator/web/*"]


def patterns(scope: str) -> list[str]:
    return re.findall(rf"`{scope}:([^`]+)`", NOTICE.read_text(encoding="utf-8"))


def unlisted(paths, scope):
    listed = patterns(scope)
    return sorted(p for p in paths if not any(fnmatch.fnmatchcase(p, pat) for pat in listed))


def test_code_and_content_licences_are_stated():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    notice = NOTICE.read_text(encoding="utf-8")
    assert "CC BY 4.0" in notice
    assert "CC BY-NC-SA 3.0" in notice  # the Kateglo root words, with the decision
    page = (ROOT / "docs/pages/lisensi.md").read_text(encoding="utf-8")
    for work in ("Material for MkDocs", "iframe-worker", "Sastrawi", "Kateglo",
                 "Atkinson Hyperlegible", "CC BY 4.0"):
        assert work in page, work


def test_every_vendored_file_of_the_repository_is_listed():
    files = [p.relative_to(ROOT).as_posix() for pattern in VENDORED for p in ROOT.glob(pattern)
             if p.is_file()]
    assert files
    assert unlisted(files, "repo") == []


@pytest.mark.site
def test_every_file_of_the_site_and_the_zip_is_listed(project, handbook):
    assert handbook("--root", project, "build").code == 0
    site = project / "site"
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    with zipfile.ZipFile(site / "unduh/buku-saku-luring.zip") as zf:
        in_zip = [n.removeprefix("buku-saku/") for n in zf.namelist() if not n.endswith("/")]
    assert "lisensi/index.html" in files
    assert unlisted(files, "site") == []
    assert unlisted(in_zip, "site") == []
