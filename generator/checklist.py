"""A protocol's checklist, derived from its effective steps (never written a second time)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.firstscreen import phone
from generator.merge import (
    effective_do_now,
    effective_pause_points,
    effective_red_flags,
    effective_steps,
)
from generator.model import Handbook, PausePoint, Protocol, RedFlag


@dataclass(frozen=True)
class NowItem:
    """A line of the sheet's "Lakukan sekarang" box: a step by its number and own title."""

    number: int
    title: str
    call: str = ""  # the number to dial, exactly as services.yml writes it
    call_name: str = ""


@dataclass(frozen=True)
class ChecklistGroup:
    pause: PausePoint
    items: tuple[str, ...]


# Types whose sheet asks the time of the incident: after sexual violence two clocks run
# (72 h: HIV prevention, emergency contraception, evidence; 120 h: emergency contraception).
INCIDENT_TIME_TYPES = ("seksual",)


@dataclass(frozen=True)
class Checklist:
    protocol: Protocol
    groups: tuple[ChecklistGroup, ...]
    red_flags: tuple[RedFlag, ...]
    incident_time: bool = False  # print "Waktu kejadian: __ hari __ jam lalu"
    do_now: tuple[NowItem, ...] = ()

    @property
    def item_count(self) -> int:
        return sum(len(g.items) for g in self.groups)


def checklist_for(handbook: Handbook, protocol: Protocol) -> Checklist:
    """Group every step's checklist items under its pause point, in the stage's order."""
    stage = handbook.stage(protocol.stage)
    pauses = effective_pause_points(handbook, protocol)
    by_pause: dict[str, list[str]] = {p.id: [] for p in pauses}
    steps = effective_steps(handbook, protocol)
    for step in steps:
        by_pause[step.pause].extend(step.checklist_items)
    groups = tuple(ChecklistGroup(p, tuple(by_pause[p.id]))
                   for p in pauses if by_pause[p.id])
    number = {s.id: (i, s) for i, s in enumerate(steps, 1)}
    now = []
    for item in effective_do_now(stage, protocol):
        if item.step not in number:
            continue
        i, step = number[item.step]
        service = handbook.service(item.call) if item.call else None
        contact = phone(service) if service else None
        now.append(NowItem(i, step.title, contact.value if contact else "",
                           service.name if contact else ""))
    # most urgent first: the sheet prints only the first few
    return Checklist(protocol, groups, effective_red_flags(handbook, protocol),
                     incident_time=protocol.type in INCIDENT_TIME_TYPES, do_now=tuple(now))
