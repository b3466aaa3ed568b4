"""Checks an editor needs before a change is published, beside the schema's own checks.

- a skeleton's "TULIS ..." placeholders left in a file are refused (they would be published);
- `status: disahkan` needs who approved and when (`approved_by`, `approved_on`), and a
  contact with `confirmed: true` needs who confirmed it and when (`confirmed_by`,
  `confirmed_on`): the page shows both;
- two services of one kind for one kabupaten/kota are a warning (a copy instead of an edit);
- many protocols whose review falls due together give one warning, not one per protocol.

`validate` calls `document_problems` for every file it reads and `handbook_problems` once the
handbook is built; the problems carry the place they are about.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from generator import model
from generator.annotations import key_line
from generator.errors import Problem
from generator.load import DataPath, Document

PLACEHOLDER = re.compile(r"\bTULIS\b")
GROUP_OVERDUE = 2  # more overdue protocols than this: one warning for all


def document_problems(doc: Document) -> list[Problem]:
    """Placeholders and missing approvals in one content file."""
    problems = [doc.problem(path, f"{_label(path)}: masih berisi teks kerangka \"{text[:60]}\"; "
                            "ganti dengan isi yang sebenarnya, atau hapus bagian ini",
                            "isi-belum-ditulis")
                for path, text in _texts(doc.data, ()) if PLACEHOLDER.search(text)]
    data = doc.data if isinstance(doc.data, dict) else {}
    parts = doc.path.split("/")
    if len(parts) == 3 and parts[1] not in ("types", "stages") and data.get("status") == (
            "disahkan"):
        missing = [k for k in ("approved_by", "approved_on") if not data.get(k)]
        if missing:
            problems.append(doc.problem(("status",), "status: disahkan hanya bila pengesahan "
                                        f"tercatat; isi {' dan '.join(missing)} (siapa yang "
                                        "mengesahkan dan tanggalnya)", "persetujuan-kurang"))
    if doc.path.endswith("/services.yml"):
        for i, service in enumerate(data.get("services") or ()):
            contacts = service.get("contacts") if isinstance(service, dict) else None
            for j, contact in enumerate(contacts if isinstance(contacts, list) else ()):
                if not isinstance(contact, dict) or contact.get("confirmed") != "true":
                    continue
                missing = [k for k in ("confirmed_by", "confirmed_on") if not contact.get(k)]
                if missing:
                    problems.append(doc.problem(
                        ("services", i, "contacts", j, "confirmed"),
                        f"services[{i + 1}].contacts[{j + 1}].confirmed: true hanya bila "
                        f"konfirmasinya tercatat; isi {' dan '.join(missing)} (siapa yang "
                        "mengonfirmasi, peran atau nama yang benar-benar diketahui, dan "
                        "tanggalnya)", "persetujuan-kurang"))
    return problems


def handbook_problems(root: Path, handbook: model.Handbook,
                      problems: list[Problem]) -> list[Problem]:
    """`problems` with the handbook-wide warnings added and overdue reviews grouped."""
    return [*_grouped_overdue(root, problems), *_duplicate_services(root, handbook)]


def _duplicate_services(root: Path, handbook: model.Handbook) -> list[Problem]:
    by_place: dict[tuple[str, str], list[model.Service]] = defaultdict(list)
    for service in handbook.services:
        if service.area not in ("nasional", "provinsi") or service.kind == "uptd-ppa":
            by_place[(service.kind, service.area)].append(service)
    path = "protocols/services.yml"
    found = []
    for (kind, area), services in by_place.items():
        for later in services[1:]:
            line = _id_line(root / path, later.id)
            place = (handbook.region(area).name if area in {r.id for r in handbook.regions}
                     else area)
            found.append(Problem(
                path, line, 1, f"layanan \"{later.id}\" ({kind}) untuk {place} sudah ada: "
                f"\"{services[0].id}\"; bila ini kantor yang sama, lengkapi layanan yang sudah "
                "ada dan hapus salinan ini", "layanan-ganda", warning=True))
    return found


def _grouped_overdue(root: Path, problems: list[Problem]) -> list[Problem]:
    overdue = [p for p in problems if p.code == "tinjau-lewat"]
    placed = [_at_key(root, p, "review_due") for p in overdue]
    rest = [p for p in problems if p.code != "tinjau-lewat"]
    if len(overdue) <= GROUP_OVERDUE:
        return [*rest, *placed]
    first = placed[0]
    names = ", ".join(p.path.removeprefix("protocols/").removesuffix(".yml")
                      for p in overdue[:6]) + (", ..." if len(overdue) > 6 else "")
    return [*rest, Problem(
        first.path, first.line, first.col, f"{len(overdue)} protokol sudah lewat tanggal tinjau "
        f"ulang ({names}); tinjau bersama, perbarui review_due masing-masing, dan sebar "
        "tanggalnya agar tidak jatuh tempo bersamaan", "tinjau-lewat", warning=True)]


def _at_key(root: Path, problem: Problem, key: str) -> Problem:
    line = key_line(root / problem.path, key) if (problem.line, problem.col) == (1, 1) else None
    if not line:
        return problem
    return Problem(problem.path, line, 1, problem.message, problem.code, problem.warning)


def _id_line(file: Path, item_id: str) -> int:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError:
        return 1
    match = re.search(rf"^\s*-\s*id:\s*[\"']?{re.escape(item_id)}[\"']?\s*$", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _texts(data: Any, path: DataPath):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*path, i))


def _label(path: DataPath) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "berkas"
