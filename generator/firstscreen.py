"""Checks of the "Lakukan sekarang" lists (`do_now`): what a worker sees first on a protocol page.

A `do_now` item names a step of the protocol by id, so the card shows the step's own title and
cannot drift from it. Each list has 3 to 5 items (all steps, when a protocol has fewer), no
step twice, and a `call` names a service that has a confirmed phone number to dial. A step
whose title names such a service (its number or its name) must call it, so that the card has
the button.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from generator import model
from generator.errors import Problem
from generator.merge import effective_do_now, merged_steps

MIN_ITEMS, MAX_ITEMS = 3, 5


def phone(service: model.Service) -> model.Contact | None:
    """The first confirmed phone contact of a service: what a call button dials."""
    return next((c for c in service.confirmed_contacts if c.type == "telepon"), None)


def check_do_now(run: Any, stages: dict[str, model.Stage], protocols: Iterable[model.Protocol],
                 services: Iterable[model.Service]) -> None:
    """Record a problem for every `do_now` list that does not fit its steps or services.

    `run` is the validation run (`generator.validate._Run`): its `load`, `root` and `problems`.
    """
    services = list(services)
    callable_ids = {s.id for s in services if phone(s) is not None}
    known_services = {s.id for s in services}
    callable_services = [s for s in services if s.id in callable_ids]
    for stage in stages.values():
        if stage.do_now:
            _check_list(run, f"protocols/stages/{stage.id}.yml", stage.do_now,
                        [s.id for s in stage.steps], known_services, callable_ids, "tahap")
            _check_named_calls(run, f"protocols/stages/{stage.id}.yml", stage.do_now,
                               {s.id: s.title for s in stage.steps}, callable_services)
    for protocol in protocols:
        stage = stages.get(protocol.stage)
        if stage is None or not protocol.written:
            continue
        merged = merged_steps(stage, protocol)
        steps = [s.id for s in merged]
        if protocol.do_now:
            _check_list(run, protocol.where.path, protocol.do_now, steps, known_services,
                        callable_ids, "protokol")
            _check_named_calls(run, protocol.where.path, protocol.do_now,
                               {s.id: s.title for s in merged}, callable_services)
            continue
        # A step the stage itself lacks is reported once, at the stage file.
        stage_steps = {s.id for s in stage.steps}
        missing = [d.step for d in effective_do_now(stage, protocol)
                   if d.step not in steps and d.step in stage_steps]
        if missing:
            run.problems.append(Problem(
                protocol.where.path, 1, 1, f"do_now tahap {stage.name} memakai langkah \"{missing[0]}\" yang tidak "
                "ada di protokol ini; tulis do_now sendiri (3 sampai 5 id langkah protokol ini) "
                "di akhir berkas", "langkah-tidak-ada"))


def _check_list(run: Any, path: str, items: tuple[model.DoNow, ...], steps: list[str],
                known_services: set[str], callable_ids: set[str], whose: str) -> None:
    found: list[tuple[tuple, str, str, bool]] = []  # (data path, message, code, key)
    least = min(MIN_ITEMS, len(steps))
    if len(items) < least:
        found.append((("do_now",), f"do_now: tulis paling sedikit {least} langkah pertama, "
                      f"tertulis {len(items)}", "terlalu-sedikit", True))
    if len(items) > MAX_ITEMS:
        found.append((("do_now",), f"do_now: paling banyak {MAX_ITEMS} langkah agar kartu "
                      f"'Lakukan sekarang' muat di layar pertama, tertulis {len(items)}",
                      "terlalu-banyak", True))
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.step in seen:
            found.append((("do_now", i, "step"), f"do_now[{i + 1}].step: langkah "
                          f"\"{item.step}\" sudah ada di daftar ini", "id-ganda", False))
        seen.add(item.step)
        if item.step not in steps:
            close = difflib.get_close_matches(item.step, steps, n=1)
            hint = f"; maksud Anda '{close[0]}'?" if close else ""
            found.append((("do_now", i, "step"), f"do_now[{i + 1}].step: langkah "
                          f"\"{item.step}\" tidak ada di langkah {whose} ini{hint}",
                          "langkah-tidak-ada", False))
        if item.call and item.call in known_services and item.call not in callable_ids:
            found.append((("do_now", i, "call"), f"do_now[{i + 1}].call: layanan "
                          f"\"{item.call}\" belum punya nomor telepon yang dikonfirmasi di "
                          "services.yml; hapus call atau pilih layanan yang bisa ditelepon",
                          "tanpa-telepon", False))
    if not found:
        return
    doc = run.load(run.root / path)
    if doc is None:
        return
    for data_path, message, code, key in found:
        run.problems.append(doc.problem(data_path, message, code, key=key))


def named_service(title: str, services: Iterable[model.Service]) -> model.Service | None:
    """The first service with a confirmed phone that a step title names: by the number it
    dials ("129") or by its name without the part in brackets ("SAPA 129")."""
    for service in services:
        number = phone(service)
        name = service.name.split(" (")[0].strip()
        if ((number and re.search(rf"(?<![\d+]){re.escape(number.value)}(?!\d)", title))
                or (name and name.casefold() in title.casefold())):
            return service
    return None


def _check_named_calls(run: Any, path: str, items: tuple[model.DoNow, ...],
                       titles: dict[str, str], services: list[model.Service]) -> None:
    """A card line whose step names a service with a confirmed number gets its call button."""
    found = []
    for i, item in enumerate(items):
        named = named_service(titles.get(item.step, ""), services)
        if named is not None and item.call != named.id:
            found.append((i, item, named))
    if not found:
        return
    doc = run.load(run.root / path)
    if doc is None:
        return
    for i, item, named in found:
        run.problems.append(doc.problem(
            ("do_now", i, "step"), f"do_now[{i + 1}]: langkah \"{titles[item.step]}\" menyebut "
            f"{named.name}; tulis call: {named.id} agar kartu menampilkan tombol telepon",
            "tanpa-tombol-telepon"))
