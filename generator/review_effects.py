"""What else a change reaches: the protocols a stage file changes, the pages that show a
service's contacts, the files that cite a reference. Part of the reviewer's diff."""

from __future__ import annotations

from typing import Any

from generator.wording import code, github_text

# Keys whose values name a service or a reference, anywhere in a content file
SERVICE_KEYS = ("referrals", "services", "call")
REFERENCE_KEYS = ("sources", "legal_basis", "source")


def effects(rel: str, old: dict[str, Any], new: dict[str, Any],
            names: dict[str, str]) -> list[str]:
    folder, _, file = rel.partition("/")
    if folder == "stages" and file:
        return _stage(file.removesuffix(".yml"), old.get(rel), new.get(rel), new, names)
    if rel == "services.yml":
        return _used(old.get(rel), new.get(rel), "services", new, names, SERVICE_KEYS,
                     "layanan", "Kontaknya tampil di halaman Layanan")
    if rel == "references.yml":
        return _used(old.get(rel), new.get(rel), "references", new, names, REFERENCE_KEYS,
                     "sumber", "Dikutip di")
    return []


def _stage(stage: str, old: Any, new: Any, tree: dict[str, Any],
           names: dict[str, str]) -> list[str]:
    """A stage file changes every protocol of that stage that does not opt out."""
    types = sorted(r.split("/")[1].removesuffix(".yml") for r in tree if r.startswith("types/"))
    changed = _changed_ids(old, new, "steps", "id")
    reach, notes = [], []
    for type_id in types:
        protocol = tree.get(f"{type_id}/{stage}.yml")
        if isinstance(protocol, dict) and "not_applicable" in protocol:
            continue
        reach.append(names.get(type_id, type_id))
        if not isinstance(protocol, dict):
            continue
        for key, verb in (("skip_steps", "dilewati"), ("change_steps", "diubah")):
            for item in protocol.get(key) or ():
                if isinstance(item, dict) and item.get("step") in changed:
                    notes.append(f"langkah {code(str(item['step']))} {verb} oleh protokol "
                                 f"{github_text(names.get(type_id, type_id))}")
    if not reach:
        return []
    lines = [f"- **Berkas tahap ini mengubah {len(reach)} protokol sekaligus:** "
             + ", ".join(github_text(n) for n in reach) + "."]
    lines += [f"    - Perhatikan: {n}." for n in notes]
    return lines


def _used(old: Any, new: Any, list_key: str, tree: dict[str, Any], names: dict[str, str],
          keys: tuple[str, ...], what: str, lead: str) -> list[str]:
    changed = _changed_ids(old, new, list_key, "id")
    lines = []
    for item_id in sorted(changed):
        if list_key == "services" and _only_description(old, new, item_id):
            # a service's description is shown on the services page alone
            lines.append(f"- {_cap(what)} {code(item_id)}: keterangannya tampil di halaman "
                         "Layanan.")
            continue
        files = sorted(rel for rel, data in tree.items() if _cites(data, item_id, keys))
        where = ", ".join(github_text(_label(rel, names)) for rel in files[:8])
        where += f", dan {len(files) - 8} lainnya" if len(files) > 8 else ""
        if list_key == "services":
            text = f"{lead}" + (f" dan di {len(files)} berkas: {where}" if files else "")
        else:
            text = f"{lead} {len(files)} berkas: {where}" if files else "Belum dikutip"
        lines.append(f"- {_cap(what)} {code(item_id)}: {text}.")
    return lines


def _changed_ids(old: Any, new: Any, list_key: str, id_key: str) -> set[str]:
    before, after = _by_id(old, list_key, id_key), _by_id(new, list_key, id_key)
    return {k for k in {*before, *after} if before.get(k) != after.get(k)}


def _by_id(data: Any, list_key: str, id_key: str) -> dict[str, Any]:
    items = data.get(list_key) if isinstance(data, dict) else None
    return {str(i.get(id_key)): i for i in items or () if isinstance(i, dict)}


def _only_description(old: Any, new: Any, item_id: str) -> bool:
    before = _by_id(old, "services", "id").get(item_id)
    after = _by_id(new, "services", "id").get(item_id)
    if not isinstance(before, dict) or not isinstance(after, dict):
        return False
    return ({k: v for k, v in before.items() if k != "description"}
            == {k: v for k, v in after.items() if k != "description"})


def _cites(data: Any, item_id: str, keys: tuple[str, ...], under: str = "") -> bool:
    if isinstance(data, dict):
        return any(_cites(v, item_id, keys, k) for k, v in data.items())
    if isinstance(data, list):
        return any(_cites(v, item_id, keys, under) for v in data)
    return (under in keys and isinstance(data, str)
            and (data.strip() == item_id or data.strip().startswith(item_id + " ")))


def _label(rel: str, names: dict[str, str]) -> str:
    parts = rel.removesuffix(".yml").split("/")
    if len(parts) == 2 and parts[0] not in ("types", "stages"):
        return f"{names.get(parts[0], parts[0])} · {names.get(parts[1], parts[1])}"
    return rel


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
