"""A protocol's checklist, derived from its effective steps (never written a second time)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.firstscreen import phone
from generator.merge import effective_do_now, effective_red_flags, effective_steps
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


@dataclass(frozen=True)
class Checklist:
    protocol: Protocol
    groups: tuple[ChecklistGroup, ...]
    red_flags: tuple[RedFlag, ...]
    do_now: tuple[NowItem, ...] = ()

    @property
    def item_count(self) -> int:
        return sum(len(g.items) for g in self.groups)


def checklist_for(handbook: Handbook, protocol: Protocol) -> Checklist:
    """Group every step's checklist items under its pause point, in the stage's order."""
    stage = handbook.stage(protocol.stage)
    by_pause: dict[str, list[str]] = {p.id: [] for p in stage.pause_points}
    steps = effective_steps(handbook, protocol)
    for step in steps:
        by_pause[step.pause].extend(step.checklist_items)
    groups = tuple(ChecklistGroup(p, tuple(by_pause[p.id]))
                   for p in stage.pause_points if by_pause[p.id])
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
    return Checklist(protocol, groups, effective_red_flags(handbook, protocol), tuple(now))
