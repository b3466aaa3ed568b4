"""The reviewer's diff: every changed word under `protocols/`, compared with a git revision.

Works on the files' plain data (`generator.load`), not on the validated model, so it is
written even when the content has errors (`handbook diff` then says so at the top). Every kind
of file is compared part by part as `generator.review_spec` names the parts: what was added,
removed and changed, with the old and the new wording of each changed text, words marked.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import tarfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from generator.errors import HandbookError
from generator.load import LoadError, load_bytes
from generator.review_effects import effects
from generator.review_spec import Fields, Items, spec_for
from generator.text import outside_link
from generator.wording import code, github_text, word_diff

Tree = dict[str, bytes]  # path relative to protocols/ -> file content

FLAGS = {"true": "ya", "false": "tidak"}


def tree_at(root: Path, revision: str) -> Tree:
    """The `protocols/` files at a git revision."""
    try:
        archive = subprocess.run(["git", "archive", "--format=tar", revision, "protocols"],
                                 cwd=root, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise HandbookError(f"revisi git \"{revision}\" tidak dapat dibaca: "
                            f"{detail.decode(errors='replace').strip() or exc}") from None
    files: Tree = {}
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.endswith(".yml"):
                handle = tar.extractfile(member)
                if handle is not None:
                    files[member.name.removeprefix("protocols/")] = handle.read()
    return files


def tree_now(root: Path) -> Tree:
    """The `protocols/` files as they are now; a link leaving the repository or a device is
    not read (the check reports it), so nothing from outside reaches a pull-request comment."""
    content = root / "protocols"
    return {p.relative_to(content).as_posix(): p.read_bytes()
            for p in sorted(content.rglob("*.yml"))
            if p.is_file() and outside_link(p, root, str(p)) is None}


@dataclass
class FileChange:
    rel: str
    heading: str
    status: str  # baru, dihapus, diubah
    lines: list[str] = field(default_factory=list)
    path: str = ""  # in the repository; "" for protocols/<rel>


def compare_trees(old: Tree, new: Tree) -> list[FileChange]:
    """Per changed file, Markdown bullets saying what changed, in plain Indonesian."""
    old_data = {rel: _read(rel, raw) for rel, raw in old.items()}
    new_data = {rel: _read(rel, raw) for rel, raw in new.items()}
    names = _names(old_data) | _names(new_data)
    changes = []
    for rel in _ordered(set(old) | set(new)):
        if old.get(rel) == new.get(rel):
            continue
        spec = spec_for(rel)
        kind, fields = spec if spec else ("Berkas", Fields({}))
        change = FileChange(rel, f"{kind}: {github_text(_title(rel, names))}",
                            "baru" if rel not in old else "dihapus" if rel not in new
                            else "diubah")
        before, after = old_data.get(rel), new_data.get(rel)
        if isinstance(after, LoadError):
            change.lines.append(f"- Berkas ini tidak dapat dibaca: {github_text(str(after))}")
        elif change.status == "dihapus":
            change.lines.append("- Berkas dihapus." + (
                " Halamannya kembali memakai langkah umum tahap." if kind == "Protokol" else ""))
        else:
            if isinstance(before, LoadError):
                change.lines.append("- Pada revisi pembanding berkas ini tidak dapat dibaca; "
                                    "isinya di bawah ditulis seluruhnya sebagai baru.")
                before = None
            out = _Out()
            _record(out, _dict(before), _dict(after), fields, 0)
            change.lines += out.lines or ["- Hanya penulisan berkas yang berubah (spasi, "
                                          "komentar atau urutan); isinya sama."]
        change.lines += effects(rel, old_data, new_data, names)
        changes.append(change)
    return changes


def markdown(changes: list[FileChange], base: str, check: list[str] | None,
             check_problems: list[str]) -> str:
    """The reviewer's diff as GitHub Markdown. `check` is None when the check passed."""
    lines = [f"## Perubahan buku saku dibanding {code(base)}", ""]
    if check is None:
        lines += ["**Pemeriksaan (`handbook check`): lolos.**" + (
            f" {len(check_problems)} peringatan." if check_problems else ""), ""]
    else:
        lines += [f"**Pemeriksaan (`handbook check`): {len(check)} kesalahan; pull request ini "
                  "belum boleh digabung.** Perubahan di bawah tetap ditulis agar dapat "
                  "ditinjau.", ""]
    shown = (check or []) + check_problems
    if shown:
        fence = "`" * max(3, 1 + max(_run_of(line, "`") for line in shown))
        lines += [fence, *shown[:40], *([f"... dan {len(shown) - 40} lagi"]
                                        if len(shown) > 40 else []), fence, ""]
    if not changes:
        return "\n".join([*lines, "Tidak ada perubahan isi di `protocols/`, di halaman tulisan "
                          "tangan, maupun di tampilan.", ""])
    lines += [f"{len(changes)} berkas berubah. Tanda: <del>dihapus</del>, <ins>ditambah</ins>.",
              ""]
    for change in changes:
        lines += [f"### {change.heading}", "",
                  f"{code(change.path or 'protocols/' + change.rel)} · berkas {change.status}",
                  "",
                  *change.lines, ""]
    return "\n".join(lines)


def _run_of(text: str, char: str) -> int:
    best = run = 0
    for ch in text:
        run = run + 1 if ch == char else 0
        best = max(best, run)
    return best


class _Out:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + "- " + text)  # 4 spaces: GitHub and Python-Markdown

    def changed_text(self, depth: int, head: str, old: str, new: str) -> None:
        if _short(old) and _short(new):
            self.add(depth, f"{head}: <del>{github_text(old)}</del> → "
                            f"<ins>{github_text(new)}</ins>")
            return
        before, after = word_diff(old, new)
        self.add(depth, f"{head}:")
        self.add(depth + 1, f"Lama: {before}")
        self.add(depth + 1, f"Baru: {after}")


def _short(text: str) -> bool:
    return len(text) <= 40 and " " not in text.strip()


def _record(out: _Out, old: dict, new: dict, spec: Fields, depth: int) -> None:
    keys = [k for k in spec.labels if k in old or k in new]
    keys += sorted(k for k in {*old, *new} if k not in spec.labels)
    for key in keys:
        label = spec.labels.get(key, key)
        before, after = old.get(key), new.get(key)
        if _norm(before) == _norm(after):
            continue
        if isinstance(label, Items):
            _items(out, _list(before), _list(after), label, depth)
        elif isinstance(label, Fields):
            if after is None:
                out.add(depth, f"Bagian {code(key)} dihapus.")
            _record(out, _dict(before), _dict(after), label, depth)
        elif isinstance(before, list) or isinstance(after, list):
            _text_list(out, _list(before), _list(after), label, depth)
        else:
            _scalar(out, _text(before), _text(after), label, depth)


def _scalar(out: _Out, old: str, new: str, label: str, depth: int) -> None:
    old, new = FLAGS.get(old, old), FLAGS.get(new, new)
    if not old:
        out.add(depth, f"{_cap(label)} (baru): <ins>{github_text(new)}</ins>")
    elif not new:
        out.add(depth, f"{_cap(label)} (dihapus): <del>{github_text(old)}</del>")
    else:
        out.changed_text(depth, f"{_cap(label)} diubah", old, new)


def _text_list(out: _Out, old: list, new: list, label: str, depth: int) -> None:
    a, b = [_text(x) for x in old], [_text(x) for x in new]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            out.changed_text(depth, f"{_cap(label)}, butir {j1 + k + 1} diubah", a[i1 + k],
                             b[j1 + k])
        for item in a[i1 + pairs:i2]:
            out.add(depth, f"{_cap(label)}, butir dihapus: <del>{github_text(item)}</del>")
        for k, item in enumerate(b[j1 + pairs:j2]):
            out.add(depth, f"{_cap(label)}, butir baru ({j1 + pairs + k + 1}): "
                           f"<ins>{github_text(item)}</ins>")


def _items(out: _Out, old: list, new: list, spec: Items, depth: int) -> None:
    old_d, new_d = [_dict(x) for x in old], [_dict(x) for x in new]
    for before, after in _match(old_d, new_d, spec):
        if before is None:
            out.add(depth, f"**{_cap(spec.name)} baru: {github_text(_name(after, spec))}**")
            _full(out, after, spec.fields, depth + 1)
        elif after is None:
            out.add(depth, f"**{_cap(spec.name)} dihapus:** <del>"
                           f"{github_text(_name(before, spec))}</del>")
        elif _norm(before) != _norm(after):
            out.add(depth, f"**{_cap(spec.name)} diubah: {github_text(_name(after, spec))}**")
            _record(out, before, after, spec.fields, depth + 1)


def _match(old: list[dict], new: list[dict], spec: Items
           ) -> list[tuple[dict | None, dict | None]]:
    """Pairs of (old, new) items: by id when they have one, else by name and position."""
    if spec.key:
        olds = {_text(o.get(spec.key)): o for o in old}
        news = {_text(n.get(spec.key)) for n in new}
        pairs: list[tuple[dict | None, dict | None]] = [
            (olds.get(_text(n.get(spec.key))), n) for n in new]
        return pairs + [(o, None) for k, o in olds.items() if k not in news]
    a = [_text(o.get(spec.title)) for o in old]
    b = [_text(n.get(spec.title)) for n in new]
    pairs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        common = (i2 - i1) if op == "equal" else min(i2 - i1, j2 - j1) if op == "replace" else 0
        pairs += [(old[i1 + k], new[j1 + k]) for k in range(common)]
        pairs += [(o, None) for o in old[i1 + common:i2]]
        pairs += [(None, n) for n in new[j1 + common:j2]]
    return pairs


def _full(out: _Out, data: dict, spec: Fields, depth: int) -> None:
    """Everything in a new item, part by part."""
    keys = [k for k in spec.labels if k in data] + sorted(k for k in data
                                                         if k not in spec.labels)
    for key in keys:
        label, value = spec.labels.get(key, key), data[key]
        if isinstance(label, Items):
            for item in _list(value):
                out.add(depth, f"{_cap(label.name)}: {github_text(_name(_dict(item), label))}")
                _full(out, _dict(item), label.fields, depth + 1)
        elif isinstance(label, Fields):
            _full(out, _dict(value), label, depth)
        elif isinstance(value, list):
            out.add(depth, f"{_cap(label)}:" + ("" if value else " (kosong)"))
            for item in value:
                out.add(depth + 1, f"<ins>{github_text(_text(item))}</ins>")
        else:
            text = _text(value)
            out.add(depth, f"{_cap(label)}: <ins>{github_text(FLAGS.get(text, text))}</ins>")


def _read(rel: str, raw: bytes) -> Any:
    try:
        return load_bytes(raw, f"protocols/{rel}").data
    except LoadError as exc:
        return exc


def _names(data: dict[str, Any]) -> dict[str, str]:
    """Type and stage ids -> their names, from the types/ and stages/ files."""
    found = {}
    for rel, value in data.items():
        folder, _, file = rel.partition("/")
        if folder in ("types", "stages") and isinstance(value, dict):
            found[file.removesuffix(".yml")] = _text(value.get("name")) or file
    return found


def _title(rel: str, names: dict[str, str]) -> str:
    parts = rel.removesuffix(".yml").split("/")
    if len(parts) == 2 and parts[0] in ("types", "stages"):
        return names.get(parts[1], parts[1])
    if len(parts) == 2:
        return f"{names.get(parts[0], parts[0])} · {names.get(parts[1], parts[1])}"
    return rel


def _ordered(rels: set[str]) -> list[str]:
    """Services and references first (what is most dangerous to get wrong), then the rest."""
    first = ["services.yml", "references.yml"]
    return [r for r in first if r in rels] + sorted(r for r in rels if r not in first)


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    return json.dumps(value, ensure_ascii=False)


def _list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _name(item: dict | None, spec: Items) -> str:
    item = item or {}
    return _text(item.get(spec.title)) or _text(item.get(spec.key)) or "(tanpa nama)"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
