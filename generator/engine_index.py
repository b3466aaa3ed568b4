"""The theme's search index (`search/search_index.json`) made beside the engine, kept per page.

Material's search plugin read the HTML of every page on every build: a fifth of the engine's
time on the shipped handbook, a fifth at 1,000 protocols. Here each staged page is converted
with the project's Markdown settings and read by the theme's own parser
(`material.plugins.search.plugin.SearchIndex`), so the entries are the ones the plugin wrote;
a page whose staged source did not change is taken from `.handbook-cache/search/`. The staged
page then asks the plugin to skip it (`search: {exclude: true}` in its front matter, which only
the plugin reads); the plugin still gives the theme its search box and writes the index's
`config`, to which `write` adds the entries. `generator.search.build_index` reads the result
as before; tests/test_pipeline.py compares it with the plugin's own index.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import posixpath
import re
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import yaml

from generator import pages

# This file's own text is part of every cache key (as in generator.prerender).
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
_FIRST_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
EXCLUDED = "search:\n  exclude: true\n"


def index_pages(docs: Path, nav_titles: dict[str, str], extensions: list,
                cache_dir: Path | None = None) -> list[dict]:
    """The search entries of every page in `docs` (in the engine's order), and each staged
    page told to the plugin as excluded. `nav_titles` maps a source path to its title in the
    engine's navigation (escaped, as the engine got it)."""
    import markdown
    from mkdocs.utils.meta import get_data

    from generator.prerender import _extension_settings

    names, configs = _extension_settings(extensions)
    converter = markdown.Markdown(extensions=names, extension_configs=configs)
    settings = json.dumps([_CODE, metadata.version("markdown"),
                           metadata.version("mkdocs-material"), names, configs],
                          sort_keys=True, default=str)
    entries, used = [], set()
    for path in _engine_order(docs):
        file = docs / path
        text = file.read_text(encoding="utf-8-sig")
        source, meta = get_data(text)
        search = meta.get("search") if isinstance(meta.get("search"), dict) else {}
        if search.get("exclude"):
            continue
        key = hashlib.sha256("\0".join([settings, path, nav_titles.get(path, ""),
                                        text]).encode()).hexdigest()
        used.add(f"{key}.json")
        cached = cache_dir / f"{key}.json" if cache_dir is not None else None
        page_entries = None
        if cached is not None and cached.is_file():
            with contextlib.suppress(OSError, ValueError):
                page_entries = json.loads(cached.read_text(encoding="utf-8"))
        if page_entries is None:
            converter.reset()
            page_entries = _page_entries(converter.convert(source), path, meta,
                                         nav_titles.get(path))
            if cached is not None:
                with contextlib.suppress(OSError):
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    temporary = cached.with_suffix(".tmp")
                    temporary.write_text(json.dumps(page_entries, ensure_ascii=False),
                                         encoding="utf-8")
                    temporary.replace(cached)
        entries += page_entries
        file.write_text(_excluded(text, meta), encoding="utf-8")
    if cache_dir is not None:
        for stale in cache_dir.glob("*.json"):
            if stale.name not in used:
                stale.unlink(missing_ok=True)
    return entries


def write(site: Path, entries: list[dict]) -> None:
    """Add the entries to the index the plugin wrote (its `config`, no entries)."""
    index_file = site / "search" / "search_index.json"
    if not index_file.is_file():  # the plugin is there but switched off: no search
        return
    data = json.loads(index_file.read_text(encoding="utf-8"))
    data["docs"] = entries
    index_file.write_text(json.dumps(data, separators=(",", ":"), default=str),
                          encoding="utf-8")


def _page_entries(content: str, path: str, meta: dict, nav_title: str | None) -> list[dict]:
    """What Material's `SearchIndex.add_entry_from_context` adds for one page."""
    from material.plugins.search.plugin import SearchIndex

    # generator.plugin escapes a front-matter title, or names the page by its title: the
    # navigation's as it is (escaped already), else its heading's or file's, escaped
    meta = dict(meta)
    if isinstance(meta.get("title"), str):
        meta["title"] = html.escape(meta["title"])
    elif "title" not in meta:
        title = _page_title(content, path, nav_title)
        meta["title"] = title if nav_title is not None else html.escape(title)
    index = SearchIndex()
    page = SimpleNamespace(meta=meta, content=content, toc=[], url=pages.url_of(path),
                           title=meta["title"])
    index.add_entry_from_context(page)
    return index.entries


def _page_title(content: str, path: str, nav_title: str | None) -> str:
    """MkDocs' page title: the navigation's, else the first level-1 heading, else the name."""
    if nav_title is not None:
        return nav_title
    if match := _FIRST_H1.search(content):
        return html.unescape(_TAG.sub("", match[1])).strip()
    if path == pages.HOME:
        return "Home"
    name = posixpath.splitext(posixpath.basename(path))[0]
    if name == "index":
        name = posixpath.basename(posixpath.dirname(path)) or name
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def _excluded(text: str, meta: dict) -> str:
    """The staged page with `search: {exclude: true}` in its front matter, content unchanged."""
    if text.startswith("---\n") and "search" not in meta:
        end = text.index("\n---", 3)
        return text[:end + 1] + EXCLUDED + text[end + 1:]
    from mkdocs.utils.meta import get_data

    source, _ = get_data(text)
    front = {**meta, "search": {**(meta.get("search") or {}), "exclude": True}}
    return ("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n"
            + source)


def _engine_order(docs: Path) -> list[str]:
    """The Markdown pages MkDocs builds, in its order: folders by name, in each folder
    `index.md` first, then by name; not what it leaves out by default (names starting with
    a dot, a top-level `templates/` folder)."""
    out = []
    for folder, dirnames, filenames in os.walk(docs, followlinks=True):
        rel = Path(folder).relative_to(docs).as_posix()
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not (rel == "." and d == "templates"))
        filenames.sort(key=lambda f: (os.path.splitext(f)[0] not in ("index", "README"), f))
        out += [f if rel == "." else f"{rel}/{f}" for f in filenames
                if f.endswith(".md") and not f.startswith(".")]
    return out
