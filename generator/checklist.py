"""A protocol's checklist, derived from its effective steps (never written a second time)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.merge import effective_pause_points, effective_red_flags, effective_steps
from generator.model import Handbook, PausePoint, Protocol, RedFlag


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

    @property
    def item_count(self) -> int:
        return sum(len(g.items) for g in self.groups)


def checklist_for(handbook: Handbook, protocol: Protocol) -> Checklist:
    """Group every step's checklist items under its pause point, in the stage's order."""
    pauses = effective_pause_points(handbook, protocol)
    by_pause: dict[str, list[str]] = {p.id: [] for p in pauses}
    for step in effective_steps(handbook, protocol):
        by_pause[step.pause].extend(step.checklist_items)
    groups = tuple(ChecklistGroup(p, tuple(by_pause[p.id]))
                   for p in pauses if by_pause[p.id])
    # most urgent first (stable: YAML order within an urgency), since the sheet prints only
    # the first few
    flags = tuple(sorted(effective_red_flags(handbook, protocol), key=lambda f: f.rank))
    return Checklist(protocol, groups, flags,
                     incident_time=protocol.type in INCIDENT_TIME_TYPES)
