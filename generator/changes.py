"""What a change to `protocols/` means for workers, compared with a git revision.

`handbook diff <base>` prints it as Indonesian Markdown for the pull request's summary, and
`handbook check --base <base>` refuses a protocol whose content changed without a new version.
"""

from __future__ import annotations

import dataclasses
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from generator.checklist import checklist_for
from generator.errors import ContentInvalidError, HandbookError, Problem
from generator.merge import effective_steps
from generator.model import Handbook, Protocol, Step
from generator.render import md_escape
from generator.validate import load_handbook

STEP_FIELDS = {"title": "judul", "who": "pelaksana", "when": "waktu", "pause": "titik jeda",
               "do": "tindakan", "avoid": "yang dihindari", "say": "kalimat", "child": "anak",
               "checklist": "butir daftar periksa", "sources": "sumber",
               "unconfirmed": "catatan belum dikonfirmasi"}


@dataclass
class ProtocolChanges:
    protocol: Protocol
    old: Protocol | None
    steps_added: list[Step] = field(default_factory=list)
    steps_removed: list[Step] = field(default_factory=list)
    steps_changed: list[tuple[Step, list[str]]] = field(default_factory=list)
    items_added: list[str] = field(default_factory=list)
    items_removed: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # red flags, child, sources, ...

    @property
    def any(self) -> bool:
        return bool(self.old is None or self.steps_added or self.steps_removed
                    or self.steps_changed or self.items_added or self.items_removed
                    or self.other or self.old.version != self.protocol.version
                    or self.old.status != self.protocol.status)


def handbook_at(root: Path, revision: str) -> Handbook:
    """The handbook as it was at a git revision (its `protocols/` folder, validated)."""
    try:
        archive = subprocess.run(["git", "archive", "--format=tar", revision, "protocols"],
                                 cwd=root, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise HandbookError(f"revisi git \"{revision}\" tidak dapat dibaca: "
                            f"{detail.decode(errors='replace').strip() or exc}") from None
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            try:
                tar.extractall(tmp, filter="data")
            except tarfile.FilterError as exc:
                raise HandbookError(f"protokol pada revisi \"{revision}\" memuat tautan "
                                    f"simbolik yang tidak dibaca ({exc}); bandingkan dengan "
                                    "revisi lain") from None
        try:
            handbook, _ = load_handbook(Path(tmp))
        except ContentInvalidError as exc:
            raise HandbookError(f"protokol pada revisi \"{revision}\" tidak valid "
                                f"({len(exc.problems)} masalah); bandingkan dengan revisi lain"
                                ) from None
    return handbook


def compare(old: Handbook, new: Handbook) -> list[ProtocolChanges]:
    """Per written protocol of `new`, what changed for a worker since `old`."""
    result = []
    old_protocols = {p.key: p for p in old.protocols if p.written}
    for protocol in new.protocols:
        if not protocol.written:
            continue
        before = old_protocols.get(protocol.key)
        changes = ProtocolChanges(protocol, before)
        if before is not None:
            _compare_steps(changes, old, new)
            _compare_other(changes, before, protocol)
        if changes.any:
            result.append(changes)
    return result


def _compare_steps(changes: ProtocolChanges, old: Handbook, new: Handbook) -> None:
    before = {s.id: s for s in effective_steps(old, changes.old)}
    after = {s.id: s for s in effective_steps(new, changes.protocol)}
    changes.steps_added = [s for k, s in after.items() if k not in before]
    changes.steps_removed = [s for k, s in before.items() if k not in after]
    for key, step in after.items():
        if key in before:
            differing = [label for name, label in STEP_FIELDS.items()
                         if getattr(step, name) != getattr(before[key], name)]
            if differing:
                changes.steps_changed.append((step, differing))
    old_items = [i for g in checklist_for(old, changes.old).groups for i in g.items]
    new_items = [i for g in checklist_for(new, changes.protocol).groups for i in g.items]
    changes.items_added = [i for i in new_items if i not in old_items]
    changes.items_removed = [i for i in old_items if i not in new_items]


def _compare_other(changes: ProtocolChanges, before: Protocol, after: Protocol) -> None:
    labels = {"title": "judul", "summary": "ringkasan", "red_flags": "tanda bahaya",
              "child": "panduan bila korban anak", "referrals": "layanan rujukan",
              "sources": "sumber", "not_applicable": "keterangan tidak berlaku",
              "reviewed": "tanggal tinjau", "review_due": "tanggal tinjau ulang"}
    changes.other = [label for name, label in labels.items()
                     if getattr(before, name) != getattr(after, name)]


def content_changed(before: Protocol, after: Protocol) -> bool:
    """Did the protocol's own content change (anything but version, status and history)?"""
    ignore = {"version": "", "status": "", "history": (), "reviewed": before.reviewed,
              "review_due": before.review_due, "where": None}
    return (dataclasses.replace(before, **ignore) != dataclasses.replace(after, **ignore))


def version_problems(old: Handbook, new: Handbook) -> list[Problem]:
    """A protocol whose content changed needs a higher version than at the base revision."""
    problems = []
    old_protocols = {p.key: p for p in old.protocols if p.written}
    for protocol in new.protocols:
        before = old_protocols.get(protocol.key)
        if not protocol.written or before is None:
            continue
        path = protocol.where.path
        if _version(protocol.version) < _version(before.version):
            problems.append(Problem(path, 1, 1, f"version: {protocol.version} lebih rendah dari "
                                    f"versi sebelumnya ({before.version})", "versi-belum-naik"))
        elif content_changed(before, protocol) and protocol.version == before.version:
            problems.append(Problem(
                path, 1, 1, f"version: isi protokol berubah tetapi versi masih "
                f"{protocol.version}; naikkan versi (misalnya {_bump(protocol.version)}) dan "
                "tambahkan riwayat di history", "versi-belum-naik"))
    return problems


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _bump(text: str) -> str:
    major, minor, _ = _version(text)
    return f"{major}.{minor + 1}.0"


def markdown(changes: list[ProtocolChanges], new: Handbook, base: str) -> str:
    """The changes as Indonesian Markdown, for a pull request's summary."""
    lines = [f"## Perubahan protokol dibanding `{base}`", ""]
    if not changes:
        return "\n".join([*lines, "Tidak ada perubahan isi protokol.", ""])
    lines += [f"{len(changes)} protokol berubah.", ""]
    for c in changes:
        p = c.protocol
        name = f"{new.type(p.type).name} · {new.stage(p.stage).name}"
        lines += [f"### {md_escape(name)}", "", f"`{p.where.path}`", ""]
        if c.old is None:
            lines += ["- Protokol baru.", ""]
            continue
        if c.old.version != p.version:
            lines.append(f"- Versi: {c.old.version} → {p.version}")
        if c.old.status != p.status:
            lines.append(f"- Status: {c.old.status} → {p.status}")
        lines += [f"- Langkah baru: {md_escape(s.title)}" for s in c.steps_added]
        lines += [f"- Langkah dihapus: {md_escape(s.title)}" for s in c.steps_removed]
        lines += [f"- Langkah diubah: {md_escape(s.title)} ({', '.join(what)})"
                  for s, what in c.steps_changed]
        lines += [f"- Butir daftar periksa baru: {md_escape(i)}" for i in c.items_added]
        lines += [f"- Butir daftar periksa dihapus: {md_escape(i)}" for i in c.items_removed]
        if c.other:
            lines.append(f"- Juga berubah: {', '.join(c.other)}")
        lines.append("")
    return "\n".join(lines)
