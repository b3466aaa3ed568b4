"""The project's `mkdocs.yml`: its name, its data, the hand-written pages' folder, its menu."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

CONFIG = "mkdocs.yml"


def project_config(root: Path) -> dict:
    """The project's `mkdocs.yml` as plain data."""
    return yaml.safe_load((root / CONFIG).read_text(encoding="utf-8")) or {}


def hand_written_dir(root: Path) -> Path:
    """The folder of the hand-written pages (`docs_dir` in mkdocs.yml)."""
    return root / project_config(root).get("docs_dir", "docs")


def menu_entries(nav, at: tuple = (), titles: tuple[str, ...] = ()
                 ) -> Iterator[tuple[tuple, tuple[str, ...], str]]:
    """(data path, titles from the top, page) of every page a `nav` of MkDocs' form names, in
    order. A page with a title of its own ends its data path with that title; a page listed
    bare (`- layanan.md`) ends it with its position."""
    if isinstance(nav, list):
        for i, item in enumerate(nav):
            yield from menu_entries(item, (*at, i), titles)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            yield from menu_entries(value, (*at, title), (*titles, str(title)))
    elif isinstance(nav, str) and nav.strip():
        yield at, titles, nav.strip()
