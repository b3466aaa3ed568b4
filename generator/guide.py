"""The decision guide "Apa yang harus saya lakukan sekarang?": model, checks and its walks.

`protocols/guide.yml` holds a few questions in plain Indonesian and the outcomes they lead to
(a protocol's "do now" card, the emergency page, a service). Like GOV.UK Smart Answers, every
outcome is written once and every path is known at build time, so the checks here can prove
what a worker will meet: every node reachable, no dead end, no cycle, at most `MAX_QUESTIONS`
on any path, and danger to life and the victim's age asked before anything else.

The guide is a graph (outcomes are shared), but the site shows it as a tree: one static page per
path prefix (`unfold`), so "Kembali" is a plain link and no script or storage is needed.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator import model, schema
from generator.errors import Problem
from generator.load import DataPath, Document

if TYPE_CHECKING:
    from generator.validate import _Run

FILE = "guide.yml"
MAX_QUESTIONS = 5
MAX_FIRST = 2
# Questions about danger and age come first, in this order; everything else after them.
RANK = {"bahaya": 0, "anak": 1}
OTHER_RANK = 2
PAGE_TARGETS = ("darurat", "layanan")  # also tahap/<stage> and jenis/<type>


@dataclass(frozen=True)
class Answer:
    answer: str
    next: str


@dataclass(frozen=True)
class Question:
    id: str
    about: str
    ask: str
    answers: tuple[Answer, ...]
    help: str = ""
    sources: tuple[model.Citation, ...] = ()


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    first: tuple[str, ...]
    protocol: tuple[str, str] | None = None  # (type, stage)
    page: str = ""  # darurat | layanan | tahap/<stage> | jenis/<type>
    services: tuple[str, ...] = ()
    sources: tuple[model.Citation, ...] = ()


@dataclass(frozen=True)
class Guide:
    title: str
    intro: str
    version: str
    reviewed: datetime.date
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    path: str = f"protocols/{FILE}"

    @property
    def start(self) -> Question:
        return self.questions[0]

    def node(self, node_id: str) -> Question | Outcome:
        return self._nodes[node_id]

    @functools.cached_property
    def _nodes(self) -> dict[str, Question | Outcome]:
        return {n.id: n for n in (*self.questions, *self.outcomes)}


@dataclass(frozen=True)
class Walk:
    """One path from the start to an outcome: the answers given, in order."""

    steps: tuple[tuple[Question, Answer], ...]
    outcome: Outcome

    @property
    def questions(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class GuidePage:
    """One static page of the guide: a question or an outcome reached by one path prefix."""

    source: str  # docs path, e.g. panduan/p4.md
    node: Question | Outcome
    parent: str | None  # source path of the page before, None on the start page
    trail: tuple[tuple[Question, Answer], ...]  # the answers that led here
    links: tuple[str, ...] = ()  # a question's pages per answer, in answer order


START_PAGE = "panduan/index.md"


def walks(guide: Guide) -> list[Walk]:
    """Every path from the start to an outcome (the guide must be valid: no cycle)."""
    out: list[Walk] = []

    def visit(question: Question, steps: tuple) -> None:
        for answer in question.answers:
            nxt = guide.node(answer.next)
            here = (*steps, (question, answer))
            if isinstance(nxt, Outcome):
                out.append(Walk(here, nxt))
            else:
                visit(nxt, here)

    visit(guide.start, ())
    return out


def unfold(guide: Guide) -> list[GuidePage]:
    """The guide as pages: the start at `panduan/`, then one page per path prefix, numbered in
    reading order (`panduan/p2/` ...). Numbers say nothing about the answers given."""
    result: list[GuidePage] = []
    counter = [1]

    def place(node: Question | Outcome, parent: str | None, trail: tuple) -> GuidePage:
        source = START_PAGE if parent is None else f"panduan/p{counter[0]}.md"
        counter[0] += 1
        index = len(result)
        result.append(GuidePage(source, node, parent, trail))
        if isinstance(node, Question):
            links = tuple(place(guide.node(a.next), source, (*trail, (node, a))).source
                          for a in node.answers)
            result[index] = GuidePage(source, node, parent, trail, links)
        return result[index]

    place(guide.start, None, ())
    return result


def describe_changes(old: Guide | None, new: Guide | None) -> list[str]:
    """What changed in the guide for a worker, as Indonesian lines for `handbook diff`."""
    if old == new:
        return []
    if old is None or new is None:
        return ["- Panduan cepat ditambahkan." if old is None else "- Panduan cepat dihapus."]
    lines = []
    if old.version != new.version:
        lines.append(f"- Versi panduan: {old.version} → {new.version}")
    before = {n.id: n for n in (*old.questions, *old.outcomes)}
    after = {n.id: n for n in (*new.questions, *new.outcomes)}
    for node_id, node in after.items():
        label = _label(node)
        if node_id not in before:
            lines.append(f"- Baru: {label}")
        elif before[node_id] != node:
            lines.append(f"- Diubah: {label} ({', '.join(_changed_fields(before[node_id], node))})")
    lines += [f"- Dihapus: {_label(n)}" for k, n in before.items() if k not in after]
    if not lines or [w.outcome.id for w in walks(old)] != [w.outcome.id for w in walks(new)]:
        lines.append(f"- Jalur panduan: {len(walks(old))} → {len(walks(new))} jalur")
    return lines


def _label(node: Question | Outcome) -> str:
    return (f"pertanyaan \"{node.ask}\"" if isinstance(node, Question)
            else f"hasil \"{node.title}\"")


_FIELD_LABELS = {"ask": "pertanyaan", "help": "penjelasan", "answers": "jawaban",
                 "about": "jenis pertanyaan", "title": "judul", "first": "langkah pertama",
                 "protocol": "protokol", "page": "halaman", "services": "layanan",
                 "sources": "sumber"}


def _changed_fields(a: Any, b: Any) -> list[str]:
    return [label for name, label in _FIELD_LABELS.items()
            if getattr(a, name, None) != getattr(b, name, None)]


def load_guide(run: _Run, handbook_ids: dict[str, set]) -> Guide | None:
    """Check `protocols/guide.yml` (optional) and return the guide, or None.

    `handbook_ids` has the written protocols as "type/stage" (`protocols`), and the `types`
    and `stages` ids. Problems go to `run.problems`.
    """
    from generator.check_values import INVALID, _suggest

    path = run.content / FILE
    if not path.exists():
        return None
    doc = run.load(path)
    if doc is None:
        return None
    data, _ = run.checked(doc, schema.GUIDE)
    if data is INVALID:
        return None
    checks = _Checks(doc, run.problems, handbook_ids, _suggest)
    guide = checks.build(data)
    if guide is None or not checks.graph(guide):
        return None
    return guide


class _Checks:
    def __init__(self, doc: Document, problems: list[Problem], ids: dict[str, set],
                 suggest) -> None:
        self.doc, self.problems, self.ids, self.suggest = doc, problems, ids, suggest
        self.ok = True
        self.where: dict[str, DataPath] = {}  # node id -> its data path

    def report(self, path: DataPath, message: str, code: str) -> None:
        problem = self.doc.problem(path, message, code)
        if problem not in self.problems:
            self.problems.append(problem)
        self.ok = False

    def build(self, data: dict) -> Guide | None:
        for kind in ("questions", "outcomes"):
            for i, item in enumerate(data[kind]):
                if item["id"] in self.where:
                    self.report((kind, i, "id"), f"{kind}[{i + 1}].id: id \"{item['id']}\" "
                                "sudah dipakai; id pertanyaan dan hasil harus berbeda semua",
                                "id-ganda")
                self.where.setdefault(item["id"], (kind, i))
        questions = tuple(self._question(i, q) for i, q in enumerate(data["questions"]))
        outcomes = tuple(self._outcome(i, o) for i, o in enumerate(data["outcomes"]))
        if not self.ok:
            return None
        return Guide(data["title"], data["intro"], data["version"], data["reviewed"],
                     questions, outcomes, self.doc.path)

    def _question(self, i: int, q: dict) -> Question:
        answers = []
        for j, a in enumerate(q["answers"]):
            if a["next"] not in self.where:
                hint = self.suggest(a["next"], self.where)
                self.report(("questions", i, "answers", j, "next"),
                            f"questions[{i + 1}].answers[{j + 1}].next: \"{a['next']}\" bukan "
                            f"id pertanyaan atau hasil di panduan{hint}",
                            "panduan-tujuan-tidak-ada")
            answers.append(Answer(a["answer"], a["next"]))
        question = Question(q["id"], q["about"], q["ask"], tuple(answers), q.get("help", ""),
                            tuple(q.get("sources", ())))
        self._needs_source(("questions", i), [question.ask, question.help], question.sources)
        return question

    def _outcome(self, i: int, o: dict) -> Outcome:
        label = f"outcomes[{i + 1}]"
        protocol = None
        if "protocol" in o and "page" in o:
            self.report(("outcomes", i, "page"), f"{label}: tulis protocol atau page, bukan "
                        "keduanya", "tipe-salah")
        elif "protocol" in o:
            type_id, _, stage_id = o["protocol"].partition("/")
            if o["protocol"] not in self.ids["protocols"]:
                self.report(("outcomes", i, "protocol"), f"{label}.protocol: protokol "
                            f"\"{o['protocol']}\" tidak ada atau belum ditulis; tulis "
                            "JENIS/TAHAP, misalnya seksual/penanganan-awal",
                            "panduan-tujuan-tidak-ada")
            protocol = (type_id, stage_id)
        elif "page" in o:
            if not self._page_exists(o["page"]):
                self.report(("outcomes", i, "page"), f"{label}.page: halaman \"{o['page']}\" "
                            "tidak ada; yang boleh: darurat, layanan, tahap/TAHAP, jenis/JENIS",
                            "panduan-tujuan-tidak-ada")
        else:
            self.report(("outcomes", i), f"{label}: hasil \"{o['id']}\" tidak menunjuk halaman "
                        "mana pun; tambahkan protocol: JENIS/TAHAP atau page: darurat",
                        "panduan-buntu")
        if len(o["first"]) > MAX_FIRST:
            self.report(("outcomes", i, "first", MAX_FIRST), f"{label}.first: paling banyak "
                        f"{MAX_FIRST} kalimat, tertulis {len(o['first'])}; sisanya ada di "
                        "protokol", "terlalu-banyak")
        outcome = Outcome(o["id"], o["title"], tuple(o["first"]), protocol, o.get("page", ""),
                          tuple(o.get("services", ())), tuple(o.get("sources", ())))
        self._needs_source(("outcomes", i), [outcome.title, *outcome.first], outcome.sources)
        return outcome

    def _page_exists(self, page: str) -> bool:
        kind, _, item = page.partition("/")
        if not item:
            return page in PAGE_TARGETS
        return (kind, item) in (("tahap", s) for s in self.ids["stages"]) or \
            (kind, item) in (("jenis", t) for t in self.ids["types"])

    def _needs_source(self, path: DataPath, texts: list[str], sources: tuple) -> None:
        if sources or not any(re.search(r"\d", t) for t in texts):
            return
        i = path[1] + 1
        self.report(path, f"{path[0]}[{i}]: teks menyebut angka tetapi tidak ada sources; "
                    "tambahkan sumbernya (id dari references.yml)", "panduan-tanpa-sumber")

    def graph(self, guide: Guide) -> bool:
        """Reachability, cycles, path length and question order; False on any problem."""
        start = guide.start
        if RANK.get(start.about) != 0:
            self.report((*self.where[start.id], "about"), "questions[1].about: pertanyaan "
                        "pertama harus menanyakan bahaya (about: bahaya)", "panduan-urutan")
        reached: set[str] = set()
        for _ in self._paths(guide, start, (), reached):
            pass
        for node in (*guide.questions, *guide.outcomes):
            if node.id not in reached and node is not start:
                kind, i = self.where[node.id]
                self.report((kind, i, "id"), f"{kind}[{i + 1}]: \"{node.id}\" tidak dapat "
                            "dicapai dari pertanyaan pertama; sambungkan dari sebuah jawaban "
                            "(next) atau hapus", "panduan-tidak-terjangkau")
        return self.ok

    def _paths(self, guide: Guide, question: Question, stack: tuple[Question, ...],
               reached: set[str]) -> Iterator[None]:
        stack = (*stack, question)
        reached.add(question.id)
        for j, answer in enumerate(question.answers):
            at = (*self.where[question.id], "answers", j, "next")
            label = f"questions[{self.where[question.id][1] + 1}].answers[{j + 1}].next"
            nxt = guide.node(answer.next)
            reached.add(nxt.id)
            if isinstance(nxt, Question):
                if nxt in stack:
                    self.report(at, f"{label}: \"{nxt.id}\" sudah ditanyakan sebelumnya di "
                                "jalur ini; panduan tidak boleh berputar", "panduan-berputar")
                    continue
                if RANK.get(nxt.about, OTHER_RANK) < max(RANK.get(q.about, OTHER_RANK)
                                                         for q in stack):
                    self.report(at, f"{label}: pertanyaan \"{nxt.id}\" ({nxt.about}) datang "
                                "sesudah pertanyaan lain; bahaya lalu usia korban selalu "
                                "ditanyakan lebih dulu", "panduan-urutan")
                if len(stack) >= MAX_QUESTIONS:
                    self.report(at, f"{label}: jalur ini lebih dari {MAX_QUESTIONS} "
                                "pertanyaan; ringkas pertanyaannya", "panduan-terlalu-panjang")
                    continue
                yield from self._paths(guide, nxt, stack, reached)
            else:
                asked = {q.about for q in stack}
                if nxt.protocol and "anak" not in asked:
                    self.report(at, f"{label}: jalur ke protokol \"{'/'.join(nxt.protocol)}\" "
                                "belum menanyakan apakah korban anak (about: anak)",
                                "panduan-urutan")
                yield None
