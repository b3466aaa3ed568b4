"""The hand-written part of the menu (`nav:` in mkdocs.yml): every entry names a page there is.

The engine only warns of an entry without its page, and the strict build then stops with an
English message; `handbook check` and the preview say where and what instead.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from generator.errors import Problem
from generator.load import LoadError, load_file
from generator.project import CONFIG, hand_written_dir, menu_entries
_ELSEWHERE = re.compile(r"^([a-z][a-z0-9+.-]*:|/|#)", re.IGNORECASE)  # a URL, not a page


def menu_problems(root: Path) -> list[Problem]:
    """A located problem for each menu entry whose page is not in the hand-written folder."""
    try:
        doc = load_file(root / CONFIG, CONFIG)
    except (LoadError, OSError):
        return []  # not plain data: the engine reads it and says what it thinks
    data = doc.data if isinstance(doc.data, dict) else {}
    pages_dir = hand_written_dir(root)
    known = sorted(p.relative_to(pages_dir).as_posix() for p in pages_dir.rglob("*.md"))
    problems = []
    for path, _, page in menu_entries(data.get("nav"), ("nav",)):
        if _ELSEWHERE.match(page) or (pages_dir / page).is_file():
            continue
        near = difflib.get_close_matches(page, known, n=1)
        hint = f" (maksud Anda '{near[0]}'?)" if near else ""
        problems.append(doc.problem(path, f"menu menyebut halaman \"{page}\", tetapi berkas itu "
                                    f"tidak ada di {pages_dir.relative_to(root).as_posix()}/"
                                    f"{hint}; perbaiki namanya di nav: atau buat halamannya",
                                    "menu-tanpa-halaman"))
    return problems

