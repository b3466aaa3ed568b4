"""The offline download: the whole handbook as a zip that works opened straight from disk.

Made from the built site, not from a second engine build. Opened from disk a folder URL shows a
directory listing, so every link to a folder (`../darurat/`) names its page
(`../darurat/index.html`); the search index is also inlined as a script (`var __index = ...`,
which the theme reads from `file://`) with its locations named the same way; the vendored
iframe-worker shim is loaded first so search runs with no network; what only the published site
uses (web app manifest, service worker, sitemap, the link to this zip) is left out. The zip is
written with fixed dates, so it is deterministic.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from generator import search
from generator.pages import NOT_RELATIVE, OFFLINE_ZIP

SHIM = "javascripts/vendor/iframe-worker-shim.js"
FOLDER = "buku-saku"  # the folder the zip unpacks into
SKIP_SUFFIXES = (".map",)
# Material's own search (lunr, its languages, its worker): the handbook's worker
# (generator/search.py) replaces them; the published site's own files
SKIP_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "sitemap.xml",
                 "sw.js", "manifest.webmanifest")

# The theme's own search and source maps are never used: left out of the site too.
UNUSED_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")

# A link to a folder (`../darurat/`, `..`, `.`, with or without #anchor): `file_url` as
# substitutions over a whole page (a large handbook's pages hold a thousand links each). Each
# pattern starts with the attribute's own letters, not with the space before it (a pattern
# starting with `\s` was tried at every space of every page); `_after_space` checks that
# space. tests/test_pipeline.py checks they agree with `file_url`.
_LOCAL = rf"(?!{NOT_RELATIVE})"
_FOLDER_LINKS = tuple(re.compile(rf"""({name}=(["'])){_LOCAL}([^"'#?]*/)(?=[#?"'])""")
                      for name in ("href", "src"))
_DOTS_LINKS = tuple(re.compile(rf"""({name}=(["'])){_LOCAL}((?:[^"'#?]*/)?\.\.?)(?=[#?"'])""")
                    for name in ("href", "src"))
# Starts with its tag, not with the spaces before it (`\s*<...` was tried at every space of
# every page); `_without_online_only` drops those spaces.
_ONLINE_ONLY = re.compile(r'<(?:link rel="manifest"|meta name="theme-color")[^>]*>')
_ZIP_ITEM = re.compile(r"<li>(?:(?!</li>).)*?" + re.escape(OFFLINE_ZIP.rsplit("/", 1)[1])
                       + r"(?:(?!</li>).)*?</li>\s*", re.DOTALL)
_EMPTY_LIST = re.compile(r"<ul>\s*</ul>\s*")
_HEAD_SCRIPT = re.compile(r"<script\b")


def remove_unused(site: Path) -> None:
    """Delete the theme files the handbook never loads from a built site."""
    for path in sorted(site.rglob("*"), reverse=True):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and (rel.endswith(SKIP_SUFFIXES) or rel.startswith(UNUSED_PREFIXES)):
            path.unlink()
        elif path.is_dir() and (rel + "/").startswith(UNUSED_PREFIXES) and not any(
                path.iterdir()):
            path.rmdir()


def file_url(url: str) -> str:
    """A relative link as it must read from disk: a folder names its `index.html`."""
    if not url or re.match(NOT_RELATIVE, url):
        return url  # another site, a scheme (tel:, mailto:), the site root, this page
    path, rest = re.match(r"([^#?]*)(.*)", url, re.DOTALL).groups()
    if path.endswith("/"):
        path += "index.html"
    elif path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/index.html"
    return path + rest


def offline_page(page_html: str, depth: int) -> str:
    """A built page of the site as the download shows it (before its last checks)."""
    for patterns, suffix in ((_FOLDER_LINKS, "index.html"), (_DOTS_LINKS, "/index.html")):
        for pattern in patterns:
            page_html = _after_space(pattern, suffix, page_html)
    page_html = _without_online_only(page_html)
    page_html = _EMPTY_LIST.sub("", _ZIP_ITEM.sub("", page_html))
    shim = f'<script src="{"../" * depth}{SHIM}"></script>'
    at = page_html.find("</head>")
    first = _HEAD_SCRIPT.search(page_html, 0, at if at >= 0 else len(page_html))
    if first is None:
        return page_html
    return page_html[:first.start()] + shim + page_html[first.start():]


def _after_space(pattern: re.Pattern, suffix: str, page_html: str) -> str:
    """Each link `pattern` finds, when it is an attribute (after a space), with `suffix`."""
    def file_ready(match: re.Match) -> str:
        if not page_html[match.start() - 1:match.start()].isspace():
            return match[0]  # data-href="x/" and the like: not a link
        return match[1] + match[3] + suffix

    return pattern.sub(file_ready, page_html)


def _without_online_only(page_html: str) -> str:
    """The page without the web app's manifest link and theme colour, nor the spaces before
    them."""
    parts, last = [], 0
    for match in _ONLINE_ONLY.finditer(page_html):
        parts.append(page_html[last:match.start()].rstrip())
        last = match.end()
    return "".join(parts) + page_html[last:] if parts else page_html


def offline_index(index: dict) -> dict:
    """The search index (`search.build_index`) with every URL as read from disk
    (`x/` -> `x/index.html`): result locations, page labels, the glossary, the guide.
    A test builds it both ways (from the disk locations, and mapped here) and compares."""
    def url(location: str) -> str:
        return file_url(location) if location[:1] not in ("", "#") else "index.html" + location

    handbook = dict(index["config"]["handbook"])
    handbook["pages"] = dict(sorted((url(page), labels)
                                    for page, labels in handbook["pages"].items()))
    handbook["definition"] = {**handbook["definition"],
                              "page": url(handbook["definition"]["page"])}
    handbook["guide"] = sorted(url(page) for page in handbook["guide"])
    handbook.pop("edition", None)
    mapped = {"config": {**index["config"], "handbook": handbook},
              "docs": [{**doc, "location": url(doc["location"])} for doc in index["docs"]]}
    if "edition" in index["config"]["handbook"]:  # its own addresses, its own edition
        handbook["edition"] = search.edition(mapped)
    return mapped


def index_script(index: dict) -> str:
    """The search index as the theme loads it from `file://` (Material's offline plugin
    writes the same `var __index = ...`)."""
    return "var __index = " + search.index_text(index)


def build_zip(site: Path, target: Path, finish_page: Callable[[str, str], str], *,
              static: Collection[str] = (), extra: Iterable[tuple[str, bytes]] = ()) -> None:
    """Write the download from the built `site` to `target`: pages made file-ready and
    finished by `finish_page(html, path)`, `static` pages and the other files as they are,
    `extra` files added. One file at a time: a large handbook never sits in memory whole."""
    extra = dict(extra)
    paths = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    names = sorted({rel for rel in paths if not (rel.endswith(SKIP_SUFFIXES)
                    or rel.startswith(SKIP_PREFIXES) or rel == OFFLINE_ZIP)} | set(extra))
    stamp = (1980, 1, 1, 0, 0, 0)  # the zip format's first date: no build time in the bytes
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for rel in names:
            data = extra[rel] if rel in extra else paths[rel].read_bytes()
            if rel not in extra and rel.endswith(".html") and rel not in static:
                text = offline_page(data.decode("utf-8"), rel.count("/"))
                data = finish_page(text, rel).encode("utf-8")
            info = zipfile.ZipInfo(f"{FOLDER}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
