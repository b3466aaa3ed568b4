"""Whatever engine built it: is the site the handbook?

An engine that does not run the handbook's steps (Zensical runs no MkDocs plugins) or a theme
that changed would otherwise publish a site without its protocols, or with links to nothing.
`verify_site` checks the built folder and `verify_zip` the offline download: every generated
page and file is there, the search worker and its index, the web app; and every link a page
makes inside the handbook leads to a file that exists (as the browser resolves it, from a
server or from disk).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from generator import pages, search
from generator.build import Generated
from generator.download import FOLDER
from generator.errors import HandbookError
from generator.pages import OFFLINE_ZIP

# Each starts with its own letters, not with the space before them (a pattern starting with
# `\s` was tried at every space of every page); `_after_space` checks that space.
_URL_ATTRIBUTES = (re.compile(r"""href=(["'])([^"']*)\1"""),
                   re.compile(r"""src=(["'])([^"']*)\1"""))
_ID = re.compile(r"""id=["']?([^"'\s>]+)""")
_NOT_A_FILE = re.compile(pages.NOT_RELATIVE)
_PARTS = re.compile(r"([^#?]*)([^#]*)#?(.*)", re.DOTALL)  # path, ?query, fragment
SHOWN = 5  # missing files and broken links named in the message; the rest are counted


class IncompleteSiteError(HandbookError):
    """The built site lacks what the handbook generated, or links to nothing."""


def expected_files(generated: Generated, *, directory_urls: bool = True,
                   web_app: bool = True) -> list[str]:
    """Every file a built handbook must hold, as paths in the site."""
    def page_file(page: str) -> str:
        url = pages.url_of(page, directory_urls=directory_urls)
        return url + "index.html" if url.endswith("/") or not url else url

    out = [page_file(page) for page in generated.pages]
    out += [*generated.downloads, search.INDEX, *(path for path, _ in search.site_scripts())]
    if web_app:
        out += ["sw.js", "manifest.webmanifest"]
    return out


def broken_links(names: set[str], read: Callable[[str], str]) -> list[str]:
    """`page -> link` for every relative link of the HTML pages among `names` (each read with
    `read(path)`, one at a time) that names no file in `names`, or an anchor its page does not
    have."""
    anchors: dict[str, set[str]] = {}
    with_fragment: list[tuple[str, str, str, str]] = []  # (page, link, target, fragment)
    out = []
    for rel in sorted(n for n in names if n.endswith(".html")):
        text = read(rel)
        anchors[rel] = {match[1] for match in _after_space(text, (_ID,))}
        if rel == "404.html":
            continue  # its links are absolute: it is served at any address
        here = posixpath.dirname(rel)
        for match in _after_space(text, _URL_ATTRIBUTES):
            url = match[2]
            if not url or _NOT_A_FILE.match(url):
                continue
            path, _, fragment = _PARTS.match(url).groups()
            if path.endswith("/"):  # download.file_url, without a call per link
                path += "index.html"
            elif path in (".", "..") or path.endswith(("/.", "/..")):
                path += "/index.html"
            target = posixpath.normpath(posixpath.join(here, path))
            if target not in names:
                out.append(f"{rel} -> {url}")
            elif fragment and target.endswith(".html"):
                with_fragment.append((rel, url, target, fragment))
    out += [f"{rel} -> {url}" for rel, url, target, fragment in with_fragment
            if fragment not in anchors[target]]
    return sorted(set(out))


def _after_space(text: str, patterns) -> Iterator[re.Match]:
    """The matches of `patterns` that follow a space (an attribute, not `data-id=`)."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            if text[match.start() - 1:match.start()].isspace():
                yield match


def verify_site(site: Path, generated: Generated, *, web_app: bool = True,
                offline_zip: bool = False) -> None:
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    expected = expected_files(generated, web_app=web_app)
    if offline_zip:
        expected.append(OFFLINE_ZIP)
    missing = [path for path in expected if path not in names]
    broken = broken_links(names, lambda rel: (site / rel).read_text(encoding="utf-8"))
    _report(str(site), missing, broken)


def verify_zip(path: Path, generated: Generated) -> None:
    with zipfile.ZipFile(path) as zf:
        prefix = FOLDER + "/"
        names = {n.removeprefix(prefix) for n in zf.namelist() if not n.endswith("/")}
        missing = [p for p in expected_files(generated, directory_urls=False, web_app=False)
                   if p not in names]
        broken = broken_links(names, lambda rel: zf.read(prefix + rel).decode("utf-8"))
    _report(OFFLINE_ZIP, missing, broken)


def _report(where: str, missing: list[str], broken: list[str]) -> None:
    parts = []
    if missing:
        parts.append(f"{len(missing)} berkas buatan buku saku tidak ada (misalnya "
                     f"{', '.join(missing[:SHOWN])}); mesin situs mungkin tidak menjalankan "
                     "langkah buku saku")
    if broken:
        parts.append(f"{len(broken)} tautan menuju berkas yang tidak ada (misalnya "
                     f"{'; '.join(broken[:SHOWN])})")
    if parts:
        raise IncompleteSiteError(f"Hasil bangun {where} tidak lengkap: {'; '.join(parts)}. "
                                  "Situs lama tidak diganti.")
