"""The generated handbook as a folder any mkdocs.yml engine reads, with its config beside it.

`handbook build` writes everything the site engine needs once per build: the hand-written
pages, the generated pages with their front matter, the checklists, the search scripts, and
an engine config (the project's `mkdocs.yml` with the generated navigation, every title
escaped, and absolute paths). The engine only turns Markdown into themed HTML there; the
`handbook` plugin, if the engine runs plugins, escapes titles and nothing else.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import yaml

from generator.build import CACHE, Generated, site_url
from generator.errors import HandbookError
from generator.prerender import prerender
from generator.project import CONFIG, hand_written_dir, project_config
from generator.search import site_scripts
from generator.text import one_line, outside_link

TEMPLATE_CACHE = "jinja"  # under .handbook-cache/: the theme's compiled templates


class UnsafeSourceError(HandbookError):
    """A hand-written page or file the build refuses to publish."""


def navigation(generated: Generated, hand_written: list | None) -> list:
    """The whole navigation, generated part first, titles escaped."""
    return escape_nav([*generated.nav, *(hand_written or [])])


def write_sources(root: Path, generated: Generated, folder: Path) -> Path:
    """Hand-written and generated pages and files into `folder/docs`; returns that folder."""
    docs = folder / "docs"
    sync_sources(root, generated, docs)
    return docs


def sync_sources(root: Path, generated: Generated, docs: Path) -> tuple[set[str], set[str]]:
    """Hand-written and generated pages and files in `docs`, new or brought up to date in
    place (the preview keeps the folder): only a file whose bytes differ is written, so the
    engine's dirty rebuild, which goes by modification times, redoes only the pages a save
    changed; a file no longer wanted is removed. Returns the paths (relative to `docs`)
    written and removed."""
    hand_written = hand_written_dir(root)
    refuse_unsafe_sources(hand_written, root)
    wanted: dict[str, str | bytes | Path] = {
        path.relative_to(hand_written).as_posix(): path
        for path in sorted(hand_written.rglob("*")) if path.is_file()}
    wanted.update(generated_files(root, generated))
    written: set[str] = set()
    for rel, content in wanted.items():
        data = (content.read_bytes() if isinstance(content, Path)
                else content.encode() if isinstance(content, str) else content)
        target = docs / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.add(rel)
    removed = {path.relative_to(docs).as_posix() for path in docs.rglob("*")
               if path.is_file()} - set(wanted)
    for rel in removed:
        (docs / rel).unlink()
    return written, removed


def generated_files(root: Path, generated: Generated) -> list[tuple[str, str | bytes]]:
    """Everything the pipeline adds to the hand-written pages: the generated pages (sections
    already HTML), the checklists and booklet, the search scripts."""
    return [*pages_for_engine(root, generated).items(), *generated.downloads.items(),
            *site_scripts()]


def pages_for_engine(root: Path, generated: Generated) -> dict[str, str]:
    """The generated pages as the engine gets them: sections converted to HTML once
    (`generator.prerender`), with the project's Markdown settings."""
    extensions = project_config(root).get("markdown_extensions") or []
    return prerender(generated.pages, extensions, cache_dir=root / CACHE / "html")


def write_config(root: Path, generated: Generated, docs: Path, site_dir: Path) -> Path:
    """The engine config for the folder `write_sources` made, beside it; returns its path."""
    raw = project_config(root)
    theme = dict(raw.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    plugins = []
    for entry in raw.get("plugins") or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        options = {} if isinstance(entry, str) else dict(entry[name] or {})
        if name == "handbook":
            options["generate"] = False  # the pages are in docs_dir already
            options["template_cache"] = str((root / CACHE / TEMPLATE_CACHE).resolve())
        plugins.append({name: options})
    config = {**raw, "docs_dir": str(docs), "site_dir": str(site_dir), "theme": theme,
              "plugins": plugins, "nav": navigation(generated, raw.get("nav"))}
    if url := site_url(root):
        config["site_url"] = url
    path = docs.parent / CONFIG
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def escape_nav(nav: list) -> list:
    """A navigation in MkDocs' `nav` form with every title HTML-escaped (paths kept): the
    engine prints navigation titles as HTML."""
    out: list = []
    for entry in nav:
        if isinstance(entry, dict):
            out.append({html.escape(str(title)): (escape_nav(value) if isinstance(value, list)
                                                  else value)
                        for title, value in entry.items()})
        else:
            out.append(entry)
    return out


def refuse_unsafe_sources(docs: Path, root: Path) -> None:
    """Hand-written pages and files: nothing from outside the repository, no file name a
    Windows unzip tool would read as a path."""
    for path in sorted(docs.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        shown = os.path.relpath(path, root)
        if re.search(r"[\\:\x00-\x1f\x7f]", path.relative_to(docs).as_posix()):
            raise UnsafeSourceError(f"{one_line(shown)}: nama berkas berisi '\\', ':' atau "
                                    "karakter kendali; ganti namanya (huruf, angka, '-')")
        if problem := outside_link(path, root, shown):
            raise UnsafeSourceError(str(problem))
