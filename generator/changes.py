"""Versions compared with a git revision: `handbook check` refuses a protocol whose content
changed without a new version. (What changed, word by word, is `generator.review`.)
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from generator.errors import ContentInvalidError, HandbookError, Problem
from generator.model import Handbook, Protocol
from generator.review import tree_at
from generator.validate import load_handbook


def handbook_at(root: Path, revision: str) -> Handbook:
    """The handbook as it was at a git revision (its `protocols/` folder, validated)."""
    with tempfile.TemporaryDirectory() as tmp:
        for rel, raw in tree_at(root, revision).items():
            path = Path(tmp) / "protocols" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)
        try:
            # The editor's guards judge new changes, not what the base already had.
            handbook, _ = load_handbook(Path(tmp), guard=False)
        except ContentInvalidError as exc:
            raise HandbookError(f"protokol pada revisi \"{revision}\" tidak valid "
                                f"({len(exc.problems)} masalah); bandingkan dengan revisi lain"
                                ) from None
    return handbook


def content_changed(before: Protocol, after: Protocol) -> bool:
    """Did the protocol's own content change (anything but version, status and history)?"""
    ignore = {"version": "", "status": "", "history": (), "reviewed": before.reviewed,
              "review_due": before.review_due, "where": None, "approved_by": "",
              "approved_on": None}
    return (dataclasses.replace(before, **ignore) != dataclasses.replace(after, **ignore))


def version_problems(old: Handbook, new: Handbook, root: Path | None = None) -> list[Problem]:
    """A protocol, or the decision guide, whose content changed needs a higher version than at
    the base revision.

    With `root`, each problem points at the file's `version:` line."""
    problems = []
    old_protocols = {p.key: p for p in old.protocols if p.written}
    for protocol in new.protocols:
        before = old_protocols.get(protocol.key)
        if protocol.written and before is not None:
            problems += _version_problem(
                protocol.where.path, root, before.version, protocol.version,
                content_changed(before, protocol), "protokol",
                " dan tambahkan riwayat di history")
    if old.guide is not None and new.guide is not None:
        ignore = {"version": "", "reviewed": old.guide.reviewed}
        changed = (dataclasses.replace(old.guide, **ignore)
                   != dataclasses.replace(new.guide, **ignore))
        problems += _version_problem(new.guide.path, root, old.guide.version,
                                     new.guide.version, changed, "panduan")
    return problems


def _version_problem(path: str, root: Path | None, before: str, after: str, changed: bool,
                     what: str, also: str = "") -> list[Problem]:
    from generator.annotations import key_line

    line = (key_line(root / path, "version") if root else None) or 1
    if _version(after) < _version(before):
        return [Problem(path, line, 1, f"version: {after} lebih rendah dari versi sebelumnya "
                        f"({before})", "versi-belum-naik")]
    if changed and after == before:
        return [Problem(path, line, 1, f"version: isi {what} berubah tetapi versi masih {after}; "
                        f"naikkan versi (misalnya {_bump(after)}){also}", "versi-belum-naik")]
    return []


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _bump(text: str) -> str:
    major, minor, _ = _version(text)
    return f"{major}.{minor + 1}.0"
