"""Search vocabulary that editors keep in `protocols/language.yml`, checked against the rest.

- `spellings` with a `language` are regional words (Banjar, Dayak Ngaju): each names where its
  meaning comes from (`source`), or says "belum dikonfirmasi".
- `situations`: cues in what a worker types that point to a type, a stage or another page
  ("minggat" -> penelantaran; "baru datang" -> penanganan awal; "hapus riwayat" -> privasi). Search ranks those pages higher and shows
  the situation's `label` as the reason; it never hides a page the words themselves find.

Called by `generator.validate` once the types and stages are known; problems are located at
the line of language.yml like every other.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from pathlib import Path

from generator import model, pages, project
from generator.errors import Problem
from generator.load import Document

UNCONFIRMED = "belum dikonfirmasi"


def check_regional_words(doc: Document, raw: list, spellings: Iterable[model.Spelling],
                         report: Callable[[Problem], None]) -> None:
    """A regional word without a source: the reader could not tell a guess from a fact."""
    for i, spelling in enumerate(spellings):
        if spelling.language and not spelling.source.strip():
            report(doc.problem(("spellings", _index(raw, spelling.word, i)),
                               f"spellings[{i + 1}]: kata daerah \"{', '.join(spelling.typed)}\""
                               f" ({spelling.language}) belum punya 'source'; tulis sumber arti"
                               f" katanya atau siapa yang memastikannya, atau '{UNCONFIRMED}'",
                               "kolom-wajib"))


def situations(doc: Document | None, raw: list[dict], types: Iterable[str],
               stages: Iterable[str], report: Callable[[Problem], None],
               pages: Iterable[str] | None = None) -> tuple[model.Situation, ...]:
    """The situations of language.yml whose types, stages and pages exist (`pages`: the
    source paths a situation may name, `known_pages`; None: content without its site, as
    when `handbook check` reads main's protocols for the versions, pages not checked)."""
    known = {"types": sorted(types), "stages": sorted(stages),
             "pages": None if pages is None else sorted(pages)}
    what = {"types": "jenis kekerasan", "stages": "tahap", "pages": "halaman"}
    out = []
    for i, item in enumerate(raw):
        good = True
        for key in ("types", "stages", "pages"):
            for j, value in enumerate(item.get(key) or ()):
                if known[key] is not None and value not in known[key]:
                    close = difflib.get_close_matches(value, known[key], n=1)
                    hint = f"; maksud Anda '{close[0]}'?" if close else ""
                    report(doc.problem(("situations", i, key, j),
                                       f"situations[{i + 1}].{key}[{j + 1}]: {what[key]} "
                                       f"\"{value}\" tidak ada{hint}", "nilai-tidak-dikenal"))
                    good = False
        if not (item.get("cues") or item.get("phrases") or item.get("alone")):
            report(doc.problem(("situations", i),
                               f"situations[{i + 1}]: situasi \"{item['label']}\" perlu 'cues', "
                               "'phrases' atau 'alone'", "kolom-wajib"))
            good = False
        if not any(item.get(key) for key in ("types", "stages", "pages")):
            report(doc.problem(("situations", i),
                               f"situations[{i + 1}]: situasi \"{item['label']}\" harus "
                               "menunjuk 'types', 'stages' atau 'pages'", "kolom-wajib"))
            good = False
        if good:
            out.append(model.Situation(label=item["label"], cues=tuple(item.get("cues") or ()),
                                       phrases=tuple(item.get("phrases") or ()),
                                       alone=tuple(item.get("alone") or ()),
                                       types=tuple(item.get("types") or ()),
                                       stages=tuple(item.get("stages") or ()),
                                       pages=tuple(item.get("pages") or ()),
                                       urgent=bool(item.get("urgent"))))
    return tuple(out)


def known_pages(root: Path) -> list[str] | None:
    """The pages a situation may point to besides types and stages, by address (as the
    decision guide names pages: `privasi`, `darurat`): the hand-written pages (`docs/pages`)
    and the generated pages that serve every case; None for protocols without their site (no
    mkdocs.yml)."""
    if not (root / project.CONFIG).exists():
        return None
    hand_written = project.hand_written_dir(root)
    sources = [p.relative_to(hand_written).as_posix() for p in hand_written.rglob("*.md")]
    sources += [pages.EMERGENCY, pages.SERVICES, pages.GLOSSARY, pages.REFERENCES, pages.GUIDE]
    return sorted({pages.url_of(s).rstrip("/") for s in sources} - {""})


def _index(raw: list, word: str, at: int) -> int:
    """Where the spelling is in the file: at its own place, unless an item before it was
    dropped as invalid."""
    if at < len(raw) and isinstance(raw[at], dict) and raw[at].get("word") == word:
        return at
    return next((i for i, s in enumerate(raw) if isinstance(s, dict) and s.get("word") == word),
                at)
