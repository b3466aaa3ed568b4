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
    """A protocol whose content changed needs a higher version than at the base revision.

    With `root`, each problem points at the protocol's `version:` line."""
    from generator.annotations import key_line

    problems = []
    old_protocols = {p.key: p for p in old.protocols if p.written}
    for protocol in new.protocols:
        before = old_protocols.get(protocol.key)
        if not protocol.written or before is None:
            continue
        path = protocol.where.path
        line = (key_line(root / path, "version") if root else None) or 1
        if _version(protocol.version) < _version(before.version):
            problems.append(Problem(path, line, 1, f"version: {protocol.version} lebih rendah dari "
                                    f"versi sebelumnya ({before.version})", "versi-belum-naik"))
        elif content_changed(before, protocol) and protocol.version == before.version:
            problems.append(Problem(
                path, line, 1, f"version: isi protokol berubah tetapi versi masih "
                f"{protocol.version}; naikkan versi (misalnya {_bump(protocol.version)}) dan "
                "tambahkan riwayat di history", "versi-belum-naik"))
    return problems + _guide_version(old, new, root)


def _guide_version(old: Handbook, new: Handbook, root: Path | None) -> list[Problem]:
    """The decision guide, like a protocol: changed content needs a higher version."""
    from generator.annotations import key_line

    before, after = old.guide, new.guide
    if before is None or after is None:
        return []
    line = (key_line(root / after.path, "version") if root else None) or 1
    if _version(after.version) < _version(before.version):
        return [Problem(after.path, line, 1, f"version: {after.version} lebih rendah dari versi "
                        f"sebelumnya ({before.version})", "versi-belum-naik")]
    ignore = {"version": "", "reviewed": before.reviewed}
    if (after.version == before.version
            and dataclasses.replace(before, **ignore) != dataclasses.replace(after, **ignore)):
        return [Problem(after.path, line, 1, f"version: isi panduan berubah tetapi versi masih "
                        f"{after.version}; naikkan versi (misalnya {_bump(after.version)})",
                        "versi-belum-naik")]
    return []


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _bump(text: str) -> str:
    major, minor, _ = _version(text)
    return f"{major}.{minor + 1}.0"
