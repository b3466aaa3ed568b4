"""Plain data from `load` -> the typed model, collecting every problem of the run.

Validation never stops at the first problem: it checks the shape of every file against
`generator.schema`, then the cross-references (roles, references, services, stage steps, pause
points), and raises one `ContentInvalidError` listing them all.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator import firstscreen, guards, model, rules, schema, situations
from generator import text as text_safety
from generator.check_values import INVALID, Checker, _suggest
from generator.errors import ContentInvalidError, Problem
from generator.load import DataPath, Document, LoadError, load_file


class _Run:
    """One validation run over `protocols/`: the documents, the problems, the known ids."""

    def __init__(self, root: Path, *, guard: bool = True) -> None:
        self.root = root
        self.guard = guard  # False: the rules of generator.guards are not applied
        self.content = root / "protocols"
        self.problems: list[Problem] = []
        self.known: dict[str, set[str] | None] = {}
        self.words: tuple[tuple[re.Pattern, dict], ...] = ()

    def display(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def load(self, path: Path) -> Document | None:
        if problem := text_safety.outside_link(path, self.root, self.display(path)):
            self.problems.append(problem)
            return None
        try:
            doc = load_file(path, self.display(path))
            self.problems += guards.document_problems(doc) if self.guard else []
            return doc
        except LoadError as exc:
            self.problems.append(exc.problem)
            return None
        except OSError as exc:
            self.problems.append(Problem(self.display(path), 1, 1,
                                         f"berkas tidak dapat dibaca ({exc.strerror})",
                                         "berkas-tidak-dikenal"))
            return None

    def checked(self, doc: Document, kind: schema.Record, **options: Any) -> tuple[Any, Checker]:
        checker = Checker(doc, self.problems, self.known, words=self.words, **options)
        return checker.check(doc.data, kind, ()), checker

    def registry_file(self, name: str, kind: schema.Record, registries: dict[str, str],
                      **options: Any) -> dict[str, list[dict]]:
        """Load a list file such as references.yml.

        Registers the ids of every list named in `registries` ({key: registry}) before the
        check, so that a broken item does not also break every reference to a good one.
        Returns {key: the items that passed}.
        """
        path = self.content / name
        for registry in registries.values():
            self.known[registry] = None
        if not path.exists():
            self.problems.append(Problem(f"protocols/{name}", 1, 1,
                                         f"berkas {name} wajib ada", "kolom-wajib"))
            return {key: [] for key in registries}
        doc = self.load(path)
        if doc is None:
            return {key: [] for key in registries}
        data = doc.data if isinstance(doc.data, dict) else {}
        for key, registry in registries.items():
            if isinstance(data.get(key), list):
                self._register_ids(doc, key, registry, data[key])
            elif key not in data:
                self.known[registry] = set()
        checked, checker = self.checked(doc, kind, **options)
        if checked is not INVALID:
            return {key: list(checked.get(key, ())) for key in registries}
        quiet = Checker(doc, [], self.known, checker.phones_allowed)
        result: dict[str, list[dict]] = {}
        for key in registries:
            item_kind = kind.fields[key].kind
            raw = data.get(key)
            values = ([quiet.check(item, item_kind.item, (key, i)) for i, item in enumerate(raw)]
                      if isinstance(raw, list) and isinstance(item_kind, schema.ListOf) else [])
            result[key] = [v for v in values if v is not INVALID]
        return result

    def _register_ids(self, doc: Document, key: str, registry: str, items: list) -> None:
        ids: set[str] = set()
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                if item["id"] in ids:
                    self.problems.append(doc.problem((key, i, "id"), f"{key}[{i + 1}].id: id "
                                         f"\"{item['id']}\" sudah dipakai", "id-ganda"))
                ids.add(item["id"])
        self.known[registry] = ids


def load_handbook(root: Path, *, today: datetime.date | None = None, guard: bool = True
                  ) -> tuple[model.Handbook, list[Problem]]:
    """Load and validate the content under `root/protocols`.

    Returns:
        The handbook and the warnings. Raises `ContentInvalidError` with every problem
        (errors and warnings) when there is at least one error.
    """
    run = _Run(root, guard=guard)
    run.words, spellings, language = _language(run)
    references = [model.Reference(**d) for d in run.registry_file(
        "references.yml", schema.REFERENCES, {"references": "reference"})["references"]]
    roles = [model.Role(**d) for d in run.registry_file(
        "roles.yml", schema.ROLES, {"roles": "role"})["roles"]]
    listed = run.registry_file("services.yml", schema.SERVICES,
                               {"regions": "region", "services": "service"},
                               phones_allowed=True)
    regions = [model.Region(**d) for d in listed["regions"]]
    services = [_service(d) for d in listed["services"]]
    glossary = [model.Term(**d) for d in run.registry_file(
        "glossary.yml", schema.GLOSSARY, {"terms": "term"})["terms"]]
    _check_unique_terms(run, glossary)
    by_id = {r.id: r for r in references}
    types = _load_dir(run, "types", schema.TYPE, _violence_type)
    stages = _load_dir(run, "stages", schema.STAGE, _stage)
    protocols = _load_protocols(run, types, stages, by_id)
    from generator.guide import load_guide  # it checks with this module's Checker
    guide = load_guide(run, {"protocols": {f"{t}/{s}" for t in types for s in stages
                                           if (run.content / t / f"{s}.yml").exists()},
                             "types": set(types), "stages": set(stages)})
    cues = situations.situations(*language, types, stages, run.problems.append,
                                 situations.known_pages(root))
    _check_unexpected_files(run)
    firstscreen.check_do_now(run, stages, protocols, services)
    for p in protocols:
        if p.written and p.review_due < (today or datetime.date.today()):
            run.problems.append(Problem(p.where.path, 1, 1, f"tanggal tinjau ulang "
                                        f"{p.review_due.isoformat()} sudah lewat; tinjau "
                                        "protokol ini dan perbarui review_due", "tinjau-lewat",
                                        warning=True))
    handbook = model.Handbook(
        types=tuple(sorted(types.values(), key=lambda t: (t.order, t.id))),
        stages=tuple(sorted(stages.values(), key=lambda s: (s.order, s.id))),
        protocols=tuple(protocols),
        references=tuple(references), roles=tuple(roles), services=tuple(services),
        regions=tuple(regions), glossary=tuple(glossary), spellings=spellings,
        guide=guide, situations=cues)
    if not any(not p.warning for p in run.problems):
        run.problems.extend(rules.check(handbook, root))  # what the content says
    run.problems = guards.handbook_problems(root, handbook, run.problems)
    if any(not p.warning for p in run.problems):
        raise ContentInvalidError(run.problems)
    return handbook, sorted(run.problems)


def _language(run: _Run) -> tuple[tuple[tuple[re.Pattern, dict], ...],
                                  tuple[model.Spelling, ...], tuple[Document | None, list]]:
    """From `protocols/language.yml` (optional): the words editors are asked not to use
    (warnings), the everyday spellings and regional words search understands, and the
    situations (checked by `situations` once types and stages are known)."""
    if not (run.content / "language.yml").exists():
        return (), (), (None, [])
    data = run.registry_file("language.yml", schema.LANGUAGE,
                             {"words": "word", "spellings": "spelling", "situations": "situation"})
    words = tuple((re.compile(rf"(?<!\w){re.escape(w['word'])}(?!\w)", re.IGNORECASE), w)
                  for w in data["words"])
    spellings = tuple(model.Spelling(**d) for d in data.get("spellings") or ())
    _check_spellings(run, spellings)
    doc = run.load(run.content / "language.yml")
    if doc is not None and spellings:
        situations.check_regional_words(doc, doc.data.get("spellings") or [], spellings,
                                        run.problems.append)
    return words, spellings, (doc, data.get("situations") or [])


def _check_spellings(run: _Run, spellings: tuple[model.Spelling, ...]) -> None:
    """One way of typing stands for one word only: search could not know which was meant."""
    meant: dict[str, str] = {}
    for spelling in spellings:
        for typed in spelling.typed:
            key = typed.strip().lower()
            if key in meant and meant[key] != spelling.word:
                doc = run.load(run.content / "language.yml")
                i, j = _spelling_position(doc, spelling.word, key)
                run.problems.append(doc.problem(
                    ("spellings", i, "typed", j),
                    f"spellings[{i + 1}].typed[{j + 1}]: \"{typed}\" sudah ditulis untuk "
                    f"\"{meant[key]}\"; satu cara mengetik hanya untuk satu kata, hapus salah "
                    "satunya", "id-ganda"))
            meant.setdefault(key, spelling.word)


def _spelling_position(doc: Document | None, word: str, typed: str) -> tuple[int, int]:
    """(entry, item) where `typed` is written for `word`; the last such entry, else (0, 0)."""
    entries = doc.data.get("spellings") if doc and isinstance(doc.data, dict) else None
    found = (0, 0)
    for i, entry in enumerate(entries or ()):
        if not isinstance(entry, dict) or " ".join(str(entry.get("word", "")).split()) != word:
            continue
        for j, item in enumerate(entry.get("typed") or ()):
            if isinstance(item, str) and item.strip().lower() == typed:
                found = (i, j)
    return found


def _service(d: dict) -> model.Service:
    contacts = tuple(model.Contact(**c) for c in d.pop("contacts", ()))
    return model.Service(**d, contacts=contacts)


def _check_unique_terms(run: _Run, glossary: list[model.Term]) -> None:
    seen: dict[str, str] = {}  # anchor -> term: two terms with one anchor share one link
    for term in glossary:
        if term.anchor in seen:
            twice = (f"istilah \"{term.term}\" ditulis dua kali" if term.term.lower() ==
                     seen[term.anchor].lower() else f"istilah \"{term.term}\" dan "
                     f"\"{seen[term.anchor]}\" mendapat alamat yang sama (#{term.anchor})")
            run.problems.append(Problem("protocols/glossary.yml", 1, 1, f"{twice}; gabungkan "
                                        "keduanya atau bedakan hurufnya", "id-ganda"))
        seen.setdefault(term.anchor, term.term)


def _violence_type(type_id: str, d: dict, doc: Document) -> model.ViolenceType:
    return model.ViolenceType(id=type_id, **d)


def _step(d: dict, doc: Document, path: DataPath) -> model.Step:
    line, col = doc.position(path)
    return model.Step(**d, where=model.Where(doc.path, line, col))


def _red_flag(d: dict) -> model.RedFlag:
    return model.RedFlag(**d)


def _do_now(d: dict) -> tuple[model.DoNow, ...]:
    return tuple(model.DoNow(**item) for item in d.get("do_now", ()))


def _stage(stage_id: str, d: dict, doc: Document) -> model.Stage:
    return model.Stage(
        id=stage_id,
        **{k: v for k, v in d.items() if k not in ("pause_points", "steps", "red_flags",
                                                   "do_now")},
        do_now=_do_now(d),
        pause_points=tuple(model.PausePoint(**p) for p in d["pause_points"]),
        steps=tuple(_step(s, doc, ("steps", i)) for i, s in enumerate(d["steps"])),
        red_flags=tuple(_red_flag(r) for r in d.get("red_flags", ())),
    )


def _load_dir(run: _Run, folder: str, kind: schema.Record,
              build: Callable[[str, dict, Document], Any]) -> dict[str, Any]:
    """Load types/ or stages/: the id is the file name."""
    found: dict[str, Any] = {}
    ids: set[str] = set()
    for path in sorted((run.content / folder).glob("*.yml")):
        if editor_file(path):
            continue
        ids.add(path.stem)
        doc = run.load(path)
        if not schema.is_id(path.stem):
            run.problems.append(Problem(run.display(path), 1, 1, f"nama berkas \"{path.name}\" "
                                        "hanya boleh huruf kecil, angka dan tanda hubung",
                                        "id-tidak-valid"))
            continue
        if doc is None:
            continue
        if folder == "stages":
            _prepare_stage_context(run, doc)
        data, _ = run.checked(doc, kind)
        if data is INVALID:
            continue
        if folder == "stages":
            _check_stage_ids(run, doc, data)
        found[path.stem] = build(path.stem, data, doc)
    if not ids:
        run.problems.append(Problem(f"protocols/{folder}", 1, 1, f"folder protocols/{folder}/ "
                                    "belum berisi berkas .yml", "terlalu-sedikit"))
    run.known[folder] = ids
    return found


def _prepare_stage_context(run: _Run, doc: Document) -> None:
    data = doc.data if isinstance(doc.data, dict) else {}
    pauses = data.get("pause_points")
    run.known["pause"] = (
        {p["id"] for p in pauses if isinstance(p, dict) and isinstance(p.get("id"), str)}
        if isinstance(pauses, list) else None)
    run.known["step"] = None


def _check_stage_ids(run: _Run, doc: Document, data: dict) -> None:
    for key in ("pause_points", "steps"):
        seen: set[str] = set()
        for i, item in enumerate(data[key]):
            if item["id"] in seen:
                run.problems.append(doc.problem((key, i, "id"), f"{key}[{i + 1}].id: id "
                                                f"\"{item['id']}\" sudah dipakai", "id-ganda"))
            seen.add(item["id"])


def _load_protocols(run: _Run, types: dict[str, model.ViolenceType],
                    stages: dict[str, model.Stage],
                    references: dict[str, model.Reference]) -> list[model.Protocol]:
    protocols: dict[tuple[str, str], model.Protocol] = {}
    for type_id in sorted(run.known.get("types") or ()):
        for path in sorted((run.content / type_id).glob("*.yml")):
            if editor_file(path):
                continue
            if path.stem not in (run.known.get("stages") or ()):
                run.problems.append(Problem(
                    run.display(path), 1, 1, f"tahap \"{path.stem}\" tidak ada di "
                    f"protocols/stages/{_suggest(path.stem, run.known.get('stages') or ())}",
                    "berkas-tidak-dikenal"))
                continue
            stage = stages.get(path.stem)
            doc = run.load(path)
            if doc is None or stage is None or type_id not in types:
                continue
            protocol = _protocol(run, doc, type_id, stage, references)
            if protocol is not None:
                protocols[(type_id, stage.id)] = protocol
    ordered = []
    for t in sorted(types.values(), key=lambda t: (t.order, t.id)):
        for s in sorted(stages.values(), key=lambda s: (s.order, s.id)):
            if (t.id, s.id) in protocols:
                ordered.append(protocols[(t.id, s.id)])
                continue
            if (run.content / t.id / f"{s.id}.yml").exists():
                continue  # written but invalid: its problems are reported
            run.problems.append(Problem(
                f"protocols/{t.id}/{s.id}.yml", 1, 1, f"protokol {t.name} pada tahap {s.name} "
                f"belum ditulis; halamannya memakai langkah umum tahap (buat dengan: handbook "
                f"new {t.id} {s.id})", "pasangan-belum-ada", warning=True))
            ordered.append(_placeholder(t, s))
    return ordered


def _placeholder(t: model.ViolenceType, s: model.Stage) -> model.Protocol:
    return model.Protocol(
        type=t.id, stage=s.id, title=f"{s.name}: {t.name}",
        summary="Protokol khusus untuk pasangan ini belum ditulis. Langkah di bawah adalah "
                "langkah umum tahap ini.",
        version="0.0.0", status="draf", reviewed=datetime.date(1970, 1, 1),
        review_due=datetime.date(1970, 1, 1), child=s.child or ("Lihat halaman tahap.",),
        sources=s.sources, history=(), written=False,
        where=model.Where(f"protocols/{t.id}/{s.id}.yml"))


def _protocol(run: _Run, doc: Document, type_id: str, stage: model.Stage,
              references: dict[str, model.Reference]) -> model.Protocol | None:
    stage_steps = {s.id for s in stage.steps}
    raw = doc.data if isinstance(doc.data, dict) else {}
    own_ids = {s["id"] for s in raw.get("steps") or () if isinstance(s, dict)
               and isinstance(s.get("id"), str)}
    run.known["pause"] = ({p.get("id") for p in raw["pause_points"] if isinstance(p, dict)}
                          if "not_applicable" in raw and isinstance(raw.get("pause_points"), list)
                          else {p.id for p in stage.pause_points})
    if "not_applicable" in raw and "pause_points" not in raw:
        run.problems.append(doc.problem(("not_applicable",), "not_applicable: protokol yang "
                                        "tahapnya tidak berlaku menulis titik jedanya sendiri "
                                        "(pause_points), karena tidak mewarisi apa pun dari tahap",
                                        "kolom-wajib"))
    run.known["step"] = stage_steps | own_ids
    data, checker = run.checked(doc, schema.PROTOCOL)
    if data is INVALID:
        return None
    ok = True
    for i, step in enumerate(data.get("steps", ())):
        if step["id"] in stage_steps:
            checker.report(("steps", i, "id"), f"steps[{i + 1}].id: langkah \"{step['id']}\" "
                           "sudah ada di tahap; untuk mengubahnya pakai change_steps", "id-ganda")
            ok = False
        if "after" in step and "before" in step:
            checker.report(("steps", i, "before"), f"steps[{i + 1}]: pakai after atau before, "
                           "tidak keduanya", "tipe-salah", key=True)
            ok = False
    first_at: dict[str, int] = {}
    for i, step in enumerate(data.get("steps", ())):
        if step["id"] in first_at:  # at the second one, naming the first
            checker.report(("steps", i, "id"), f"steps[{i + 1}].id: id \"{step['id']}\" sudah "
                           f"dipakai langkah steps[{first_at[step['id']] + 1}] (baris "
                           f"{doc.position(('steps', first_at[step['id']], 'id'))[0]}); beri id "
                           "lain", "id-ganda")
            ok = False
        first_at.setdefault(step["id"], i)
    changed = [c["step"] for c in data.get("change_steps", ())]
    for key in ("skip_steps", "change_steps"):
        for i, item in enumerate(data.get(key, ())):
            if item["step"] not in stage_steps:
                hint = _suggest(item["step"], stage_steps)
                checker.report((key, i, "step"), f"{key}[{i + 1}].step: \"{item['step']}\" "
                               f"bukan langkah tahap {stage.name}{hint}", "langkah-tidak-ada")
                ok = False
            elif key == "skip_steps" and item["step"] in changed:
                checker.report((key, i, "step"), f"{key}[{i + 1}].step: langkah \"{item['step']}"
                               "\" dilewati dan juga diubah; pilih salah satu", "id-ganda")
                ok = False
    if "not_applicable" in data and (data.get("skip_steps") or data.get("change_steps")):
        checker.report(("not_applicable",), "not_applicable: tahap yang tidak berlaku tidak "
                       "mewarisi langkah tahap, jadi skip_steps dan change_steps tidak dipakai",
                       "tipe-salah", key=True)
        ok = False
    if "pause_points" in data and "not_applicable" not in data:
        checker.report(("pause_points",), "pause_points: hanya protokol dengan not_applicable "
                       "menulis titik jedanya sendiri; yang lain memakai titik jeda tahap",
                       "tipe-salah", key=True)
        ok = False
    if data["review_due"] <= data["reviewed"]:
        checker.report(("review_due",), f"review_due: {data['review_due'].isoformat()} harus "
                       f"sesudah reviewed ({data['reviewed'].isoformat()})", "urutan-tanggal")
        ok = False
    if data["history"][0]["version"] != data["version"]:
        checker.report(("history", 0, "version"), f"history[1].version: riwayat teratas harus "
                       f"versi sekarang ({data['version']}), tertulis "
                       f"{data['history'][0]['version']}", "riwayat-tidak-cocok")
        ok = False
    cited = [*data["sources"], *(c for s in data.get("steps", ()) for c in s.get("sources", ())),
             *data.get("not_applicable", {}).get("sources", ())]
    if not any(references[c.ref].is_indonesian_law for c in cited if c.ref in references):
        checker.report(("sources",), "sources: kutip paling sedikit satu undang-undang atau "
                       "peraturan Indonesia (kind undang-undang atau peraturan di "
                       "references.yml)", "sumber-hukum")
        ok = False
    if not ok:
        return None
    return model.Protocol(
        type=type_id, stage=stage.id,
        **{k: v for k, v in data.items() if k not in (
            "steps", "red_flags", "skip_steps", "change_steps", "not_applicable", "history",
            "pause_points", "do_now")},
        pause_points=tuple(model.PausePoint(**p) for p in data.get("pause_points", ())),
        do_now=_do_now(data),
        steps=tuple(_step(s, doc, ("steps", i)) for i, s in enumerate(data.get("steps", ()))),
        red_flags=tuple(_red_flag(r) for r in data.get("red_flags", ())),
        skip_steps=tuple(model.SkipStep(**s) for s in data.get("skip_steps", ())),
        change_steps=tuple(_change(c) for c in data.get("change_steps", ())),
        not_applicable=(model.NotApplicable(**data["not_applicable"])
                        if "not_applicable" in data else None),
        history=tuple(model.HistoryEntry(**h) for h in data["history"]),
        where=model.Where(doc.path))


def _change(d: dict) -> model.StepChange:
    add = {k.removeprefix("add_"): v for k, v in d.items() if k.startswith("add_")}
    replace = {k: v for k, v in d.items() if k != "step" and not k.startswith("add_")}
    return model.StepChange(step=d["step"], replace=replace, add=add)


def editor_file(path: Path) -> bool:
    """A file a text editor keeps beside the one being edited (swap, lock, autosave, backup,
    the temporary file of a safe save), while that file is there: never content, never a
    problem. Without the file beside it, it may be the only copy, and stays a problem."""
    original = _EDITOR_FILE.sub("", path.name)
    return original != path.name and (path.parent / original).is_file()


# vim .x.swp/.swo/.swx, Emacs #x#, .#x and x~, JetBrains x___jb_tmp___, other x.tmp
_EDITOR_FILE = re.compile(r"^(\.#|#|\.)|(\.sw[a-p]|~|#|\.tmp|___jb_\w+___)$")


def _check_unexpected_files(run: _Run) -> None:
    allowed_dirs = {"types", "stages", *(run.known.get("types") or ())}
    allowed_files = {"references.yml", "roles.yml", "services.yml", "glossary.yml",
                     "language.yml", "guide.yml"}
    for path in sorted(run.content.rglob("*")):
        rel = path.relative_to(run.content)
        if path.is_dir() or rel.parts[0].startswith(".") or editor_file(path):
            continue
        if path.suffix == ".yaml":
            run.problems.append(Problem(run.display(path), 1, 1, "akhiran berkas harus .yml, "
                                        "bukan .yaml", "berkas-tidak-dikenal"))
        elif path.suffix != ".yml" and ".yml" in path.name.lower():
            run.problems.append(Problem(run.display(path), 1, 1, f"nama berkas "
                                        f"\"{text_safety.one_line(path.name)}\" tidak dibaca; "
                                        "berkas isi berakhiran .yml (huruf kecil, tanpa spasi "
                                        "atau tambahan). Ganti namanya atau hapus salinannya",
                                        "berkas-tidak-dikenal"))
            continue
        elif path.suffix != ".yml":
            continue
        elif len(rel.parts) == 1 and rel.name not in allowed_files:
            run.problems.append(Problem(run.display(path), 1, 1, f"berkas \"{rel.name}\" tidak "
                                        f"dikenal; yang boleh: {', '.join(sorted(allowed_files))}",
                                        "berkas-tidak-dikenal"))
        elif len(rel.parts) == 2 and rel.parts[0] not in allowed_dirs:
            known = sorted(run.known.get("types") or ())
            run.problems.append(Problem(run.display(path), 1, 1, f"folder \"{rel.parts[0]}\" "
                                        f"bukan jenis kekerasan (protocols/types/)"
                                        f"{_suggest(rel.parts[0], known)}",
                                        "berkas-tidak-dikenal"))
        elif len(rel.parts) > 2:
            run.problems.append(Problem(run.display(path), 1, 1, "berkas protokol ditulis "
                                        "sebagai protocols/<jenis>/<tahap>.yml",
                                        "berkas-tidak-dikenal"))
