"""The handbook as plain typed objects: what the rest of the pipeline sees, never raw YAML.

Names say what a thing is for a worker or an editor. No I/O here.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.guide import Guide

STATUS_LABELS = {
    "draf": "Draf: belum disahkan oleh Dinas P3APPKB",
    "ditinjau": "Sudah ditinjau, menunggu pengesahan Dinas P3APPKB",
    "disahkan": "Disahkan oleh Dinas P3APPKB",
}


@dataclass(frozen=True)
class Where:
    """Where a thing was written, for messages after validation."""

    path: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class Citation:
    """A reference id with an optional pinpoint such as `Pasal 23`."""

    ref: str
    at: str = ""


@dataclass(frozen=True)
class Reference:
    id: str
    short: str
    title: str
    kind: str
    year: int | None = None
    url: str = ""
    checked: bool = False
    note: str = ""

    @property
    def is_indonesian_law(self) -> bool:
        return self.kind in ("undang-undang", "peraturan")


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Region:
    id: str
    name: str


@dataclass(frozen=True)
class Contact:
    type: str
    value: str
    confirmed: bool
    source: Citation
    note: str = ""
    confirmed_by: str = ""  # who confirmed it (required with confirmed: true)
    confirmed_on: datetime.date | None = None


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    kind: str
    area: str
    description: str = ""
    contacts: tuple[Contact, ...] = ()

    @property
    def confirmed_contacts(self) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.confirmed)


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    full: str = ""
    synonyms: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()

    @property
    def anchor(self) -> str:
        return slug(self.term)


@dataclass(frozen=True)
class Spelling:
    """How people type a word in chat ("ga", "gak", "tdk"): search reads them as `word`."""

    word: str
    typed: tuple[str, ...]
    language: str = ""  # a regional word: Banjar, Dayak Ngaju ...
    source: str = ""  # where its meaning comes from, or "belum dikonfirmasi"


@dataclass(frozen=True)
class Situation:
    """Cues in what a worker types that point to a type or stage ("minggat" -> neglect)."""

    label: str
    cues: tuple[str, ...]
    phrases: tuple[str, ...] = ()  # cues whose words stand together, in order: "suami kabur"
    alone: tuple[str, ...] = ()  # ... and are all the query says: "suami kabur" alone
    types: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()  # other pages by address: "privasi", "darurat"
    urgent: bool = False  # act now: its stage leads when another stage is asked too


URGENCY_LABELS = {
    "nyawa": "Nyawa terancam",
    "segera": "Segera, dalam hitungan jam",
    "perhatian": "Perlu perhatian",
}


@dataclass(frozen=True)
class RedFlag:
    sign: str
    action: str
    urgency: str = "perhatian"  # one of schema.URGENCIES; validation requires it in YAML
    services: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()

    @property
    def rank(self) -> int:
        """0 for danger to life, then time-critical, then the rest: the order shown."""
        return tuple(URGENCY_LABELS).index(self.urgency)

    @property
    def urgency_label(self) -> str:
        return URGENCY_LABELS[self.urgency]

    @property
    def first_action(self) -> str:
        """The action's first sentence: what a printed checklist has room for."""
        head, dot, _ = self.action.partition(". ")
        return head + "." if dot else self.action


@dataclass(frozen=True)
class DoNow:
    """One line of the "Lakukan sekarang" card: a step of the protocol, and whom to call."""

    step: str
    call: str = ""


@dataclass(frozen=True)
class PausePoint:
    id: str
    title: str


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    who: tuple[str, ...]
    when: str
    pause: str
    do: tuple[str, ...]
    avoid: tuple[str, ...] = ()
    say: tuple[str, ...] = ()
    child: tuple[str, ...] = ()
    checklist: tuple[str, ...] | None = None
    sources: tuple[Citation, ...] = ()
    unconfirmed: str = ""
    after: str = ""
    before: str = ""
    where: Where | None = field(default=None, compare=False)

    @property
    def checklist_items(self) -> tuple[str, ...]:
        """The items this step puts on the checklist: its own list, or else its title."""
        return (self.title,) if self.checklist is None else self.checklist


@dataclass(frozen=True)
class SkipStep:
    step: str
    reason: str


@dataclass(frozen=True)
class StepChange:
    """Changes a protocol makes to one of its stage's steps."""

    step: str
    replace: dict = field(default_factory=dict, hash=False)  # field name -> new value
    add: dict = field(default_factory=dict, hash=False)  # field name -> items to append


@dataclass(frozen=True)
class NotApplicable:
    reason: str
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    version: str
    date: datetime.date
    summary: str


@dataclass(frozen=True)
class ViolenceType:
    id: str
    name: str
    short_name: str
    order: int
    definition: str
    legal_basis: tuple[Citation, ...]
    indicators: tuple[str, ...]
    child: tuple[str, ...]
    school: tuple[str, ...]
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    order: int
    purpose: str
    pause_points: tuple[PausePoint, ...]
    steps: tuple[Step, ...]
    red_flags: tuple[RedFlag, ...] = ()
    child: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()
    time_limit: str = ""
    keywords: tuple[str, ...] = ()
    do_now: tuple[DoNow, ...] = ()


@dataclass(frozen=True)
class Protocol:
    """The protocol of one violence type at one response stage, as its file says it."""

    type: str
    stage: str
    title: str
    summary: str
    version: str
    status: str
    reviewed: datetime.date
    review_due: datetime.date
    child: tuple[str, ...]
    sources: tuple[Citation, ...]
    history: tuple[HistoryEntry, ...]
    steps: tuple[Step, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    skip_steps: tuple[SkipStep, ...] = ()
    change_steps: tuple[StepChange, ...] = ()
    not_applicable: NotApplicable | None = None
    pause_points: tuple[PausePoint, ...] = ()  # only with not_applicable: replaces the stage's
    referrals: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    do_now: tuple[DoNow, ...] = ()  # empty: the stage's list
    approved_by: str = ""  # who approved it (required with status disahkan)
    approved_on: datetime.date | None = None
    where: Where | None = field(default=None, compare=False)
    written: bool = True  # False: no file yet, the page shows the stage's common steps

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.stage)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Handbook:
    types: tuple[ViolenceType, ...]
    stages: tuple[Stage, ...]
    protocols: tuple[Protocol, ...]
    references: tuple[Reference, ...]
    roles: tuple[Role, ...]
    services: tuple[Service, ...]
    regions: tuple[Region, ...]
    glossary: tuple[Term, ...]
    spellings: tuple[Spelling, ...] = ()
    guide: Guide | None = None  # protocols/guide.yml, the decision guide (optional)
    situations: tuple[Situation, ...] = ()

    @property
    def edition_date(self) -> datetime.date:
        """The edition: the newest date in any protocol's history.

        Derived from the content, so that the same content builds the same bytes on any day.
        """
        dates = [h.date for p in self.protocols for h in p.history]
        return max(dates, default=datetime.date(2026, 1, 1))

    @functools.cached_property
    def _index(self) -> dict[str, dict]:
        return {
            "type": {t.id: t for t in self.types},
            "stage": {s.id: s for s in self.stages},
            "protocol": {p.key: p for p in self.protocols},
            "reference": {r.id: r for r in self.references},
            "role": {r.id: r for r in self.roles},
            "service": {s.id: s for s in self.services},
            "region": {r.id: r for r in self.regions},
        }

    def type(self, type_id: str) -> ViolenceType:
        return self._index["type"][type_id]

    def stage(self, stage_id: str) -> Stage:
        return self._index["stage"][stage_id]

    def protocol(self, type_id: str, stage_id: str) -> Protocol:
        return self._index["protocol"][(type_id, stage_id)]

    def reference(self, ref_id: str) -> Reference:
        return self._index["reference"][ref_id]

    def role(self, role_id: str) -> Role:
        return self._index["role"][role_id]

    def service(self, service_id: str) -> Service:
        return self._index["service"][service_id]

    def region(self, region_id: str) -> Region:
        return self._index["region"][region_id]


def slug(text: str) -> str:
    """A URL fragment for a text: lower case, letters and digits joined by hyphens."""
    out, dash = [], False
    for ch in text.lower():
        if ch.isalnum() and ch.isascii():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-") or "x"
