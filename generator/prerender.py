"""Generated pages handed to the engine as HTML, converted once and kept between builds.

The engine's Markdown pass over the protocols' escaped text was most of a build. Each
generated page is converted here with the project's own Markdown settings, section by section:
the headings stay Markdown (the engine makes the table of contents and their anchors), the
sections between them become HTML blocks, which the engine passes through (a section holding
an HTML heading stays Markdown, so that the table of contents still lists it). Links are written
as the engine would write them with directory URLs (`../darurat.md` -> `../../darurat/`);
`generator.verify` checks every link and anchor of the built site. A page whose Markdown did
not change is taken from `.handbook-cache/html/`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import posixpath
import re
from importlib import metadata
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from generator import pages

# This file's own text is part of every cache key: a change to the conversion converts again.
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code")  # what MkDocs always adds
_HEADING = re.compile(r"^#{1,6} .*$", re.MULTILINE)
_HTML_HEADING = re.compile(r"<h[1-6][\s>]", re.IGNORECASE)
_SCHEME = re.compile(pages.NOT_RELATIVE)


def prerender(generated: dict[str, str], extensions: list, cache_dir: Path | None = None
              ) -> dict[str, str]:
    """Every page of `generated` (path -> Markdown) with its sections as HTML."""
    names, configs = _extension_settings(extensions)
    converter = markdown.Markdown(extensions=[*names, _Links()], extension_configs=configs)
    settings = json.dumps([_CODE, metadata.version("markdown"), names, configs],
                          sort_keys=True, default=str)
    out, used = {}, set()
    for path, text in generated.items():
        key = hashlib.sha256("\0".join([settings, path, text]).encode()).hexdigest()
        used.add(f"{key}.md")
        cached = cache_dir / f"{key}.md" if cache_dir is not None else None
        if cached is not None and cached.is_file():
            with contextlib.suppress(OSError, UnicodeDecodeError):
                out[path] = cached.read_text(encoding="utf-8")
                continue
        out[path] = page_as_html(converter, path, text)
        if cached is not None:
            with contextlib.suppress(OSError):
                cached.parent.mkdir(parents=True, exist_ok=True)
                temporary = cached.with_suffix(".tmp")
                temporary.write_text(out[path], encoding="utf-8")
                temporary.replace(cached)
    if cache_dir is not None:  # pages no build needs any more: the cache does not grow
        for stale in cache_dir.glob("*.md"):
            if stale.name not in used:
                stale.unlink(missing_ok=True)
    return out


def page_as_html(converter: markdown.Markdown, path: str, text: str) -> str:
    """One page: front matter and headings as they are, each section between them as HTML."""
    front = ""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + len("\n---\n")
        front, text = text[:end], text[end:]
    converter.page = path
    parts, start = [front], 0
    for heading in [*_HEADING.finditer(text), None]:
        section = text[start:heading.start() if heading else len(text)]
        if _HTML_HEADING.search(section):
            parts.append(section)  # the engine's table of contents lists that heading too
        elif section.strip():
            converter.reset()
            parts.append("\n" + converter.convert(section) + "\n\n")
        if heading:
            parts.append(heading[0] + "\n\n")
            start = heading.end()
    return "".join(parts)


def _extension_settings(extensions: list) -> tuple[list[str], dict]:
    """mkdocs.yml's `markdown_extensions` as Python-Markdown takes them."""
    names, configs = list(DEFAULT_EXTENSIONS), {}
    for entry in extensions:
        name, options = (entry, None) if isinstance(entry, str) else next(iter(entry.items()))
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return names, configs


class _Links(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_LinkWriter(md), "handbook-links", 0)


class _LinkWriter(Treeprocessor):
    """Links between source files (`../jenis/fisik/index.md#x`) as served URLs relative to
    the page's own URL, as MkDocs writes them with `use_directory_urls`."""

    def run(self, root: Element) -> None:
        here = self.md.page
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if url and not _SCHEME.match(url):
                    element.set(attribute, served(here, url))


def served(here: str, url: str) -> str:
    """`url`, written in the source page `here`, as a link from `here`'s served URL."""
    path, fragment = (url.split("#", 1) + [""])[:2]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
    target_url = pages.url_of(target) if target.endswith(".md") else target
    base = posixpath.dirname(pages.url_of(here) + "x") or "."
    relative = posixpath.relpath(target_url or ".", base)
    if target_url.endswith("/") or not target_url:
        relative = relative.rstrip("/") + "/"
    return relative + (f"#{fragment}" if fragment else "")
