"""Content rules: findings of the practitioner review (2026-11-30) that `handbook check` keeps.

Validation (`generator/validate.py`) checks the shape of the content; these rules check what it
says, over the model as a worker meets it (each protocol's effective steps, red flags and child
guidance, so that a stage's text is judged on every page that inherits it). Each rule has a
stable code in `generator/errors.py` and an Indonesian message naming the law or guideline.

- `mediasi-tindak-pidana`: sexual violence, trafficking and exploitation are never mediated
  (UU 12/2022 Pasal 23; UU 21/2007): their mediation page must say the stage does not apply
  (`not_applicable`) and must carry no mediation procedure, neither inherited nor written.
- `jam-72-tanpa-120`: "72 jam" as an urgency on a protocol page must come with the 120-hour
  (5-day) clock of emergency contraception in the same step or red flag, else a victim at
  72-120 hours is not treated as urgent (WHO 2014, WHO/UNFPA/UNHCR 2020).
- `lapor-tpks-tidak-ada`: every sexual-violence protocol names UPTD PPA's duty to report to the
  police within 3 x 24 hours (UU 12/2022, Bagian Pelaporan), so that no page promises a
  confidentiality the law does not allow.
- `janji-kerahasiaan`: on a sexual-violence, trafficking or exploitation page (UU 12/2022
  Pasal 4 ayat (2) makes sexual exploitation and trafficking for it sexual-violence crimes) no
  step, flag or item promises that the story goes only where the victim agrees, that reporting
  to the police is her choice, that "she decides what happens next" or that "the decision stays
  hers", without naming the 3 x 24 hour duty in the same place (consent is informed only if its
  limit is said; second review 2026-11-30, case manager #1-#2).
- `lapor-tpks-pasal-4`: the intake and first-response pages of trafficking and exploitation
  name the 3 x 24 hour duty together with UU 12/2022 Pasal 4 ayat (2), so that a worker there
  knows the duty applies to sexual exploitation (second review, lawyer #3).
- `diversi-tanpa-syarat`: wherever diversi is mentioned, the same step, flag or item says its
  limit (offences punishable by less than 7 years, UU 11/2012 Pasal 7).
- `butir-periksa-jumlah` (warning): a DO-CONFIRM pause point has 3-9 items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.checklist import checklist_for
from generator.errors import Problem
from generator.merge import (
    effective_child,
    effective_pause_points,
    effective_red_flags,
    effective_steps,
)
from generator.model import Handbook, Protocol, RedFlag, Step

CRIME_TYPES = ("seksual", "perdagangan-orang", "eksploitasi")  # never mediated
SEXUAL_TYPE = "seksual"
# types where the 3 x 24 h duty applies to part of the cases (UU 12/2022 Pasal 4 ayat (2))
DUTY_TYPES = CRIME_TYPES
PASAL_4_STAGES = ("pengaduan", "penanganan-awal")
MEDIATION_STAGE = "mediasi"
CHECKLIST_ITEMS = (3, 9)

# Wording that only makes sense inside a mediation: on a "never mediated" page it reads as
# permission (e.g. "Jangan lakukan mediasi tatap muka" implies shuttle mediation is fine).
MEDIATION_PROCEDURE = re.compile(
    r"mediasi tatap muka|mediasi terpisah|mediasi bergilir|jadwal(?:kan)? mediasi"
    r"|selama (?:proses )?mediasi|kesepakatan (?:mediasi |damai )?dilanggar"
    r"|berhak memilih sendiri|mediator (?:UPTD|membuka)", re.IGNORECASE)
CLOCK_72 = re.compile(r"\b72\s*jam\b", re.IGNORECASE)
CLOCK_120 = re.compile(r"\b120\s*jam\b|\b5\s*hari\b|\blima hari\b", re.IGNORECASE)
REPORT_DUTY = re.compile(r"3\s*[x×]\s*24\s*jam", re.IGNORECASE)
CONSENT_PROMISE = re.compile(
    r"hanya (?:menyampaikan\w*|disampaikan|dibuka)? ?(?:\w+ )?kepada (?:layanan|lembaga) yang "
    r"(?:Anda|korban) setujui|melapor ke polisi adalah (?:pilihan|keputusan) korban"
    r"|Anda yang menentukan apa yang terjadi|keputusan tetap pada korban"
    r"|tidak harus memutuskan melapor|korban dewasa memutuskan sendiri apakah ia melapor",
    re.IGNORECASE)
PASAL_4 = re.compile(r"Pasal 4 ayat \(2\)", re.IGNORECASE)
DIVERSI = re.compile(r"\bdiversi\b", re.IGNORECASE)
DIVERSI_LIMIT = re.compile(r"\b7\s*(?:\(tujuh\)\s*)?tahun\b", re.IGNORECASE)


# What a step, red flag or child item may not say without its limit in the same text:
# (what it says, what must be beside it, for which types (None: all), code, message).
PAIRED = (
    (CLOCK_72, CLOCK_120, None, "jam-72-tanpa-120",
     "\"72 jam\" ditulis tanpa jam kedua: kontrasepsi darurat (termasuk AKDR/IUD) masih bisa "
     "diberikan sampai 120 jam (5 hari). Tulis kedua batas di langkah atau tanda bahaya yang "
     "sama, misalnya \"≤72 jam: PEP HIV, kontrasepsi darurat, bukti; ≤120 jam: kontrasepsi "
     "darurat hari ini juga\""),
    (DIVERSI, DIVERSI_LIMIT, None, "diversi-tanpa-syarat",
     "diversi disebut tanpa syaratnya: hanya untuk perbuatan yang ancamannya di bawah 7 tahun "
     "dan bukan pengulangan (UU 11/2012 Pasal 7), dengan persetujuan korban (Pasal 9); tulis di "
     "langkah atau butir yang sama"),
    (CONSENT_PROMISE, REPORT_DUTY, DUTY_TYPES, "janji-kerahasiaan",
     "janji kerahasiaan tanpa batasnya: untuk kekerasan seksual UPTD PPA wajib melapor ke "
     "kepolisian paling lambat 3 x 24 jam (UU 12/2022); sebutkan batas itu di tempat yang sama, "
     "sebelum korban bercerita"),
)

def check(handbook: Handbook, root: Path) -> list[Problem]:
    """Every rule over every written protocol; one problem per place, however many pages
    inherit it."""
    files = _Files(root)
    problems: dict[tuple, Problem] = {}
    for protocol in handbook.protocols:
        if not protocol.written:
            continue
        for problem in _protocol_problems(handbook, protocol, files):
            problems.setdefault((problem.path, problem.line, problem.code), problem)
    return sorted(problems.values())


def _protocol_problems(handbook: Handbook, protocol: Protocol, files: _Files
                       ) -> Iterator[Problem]:
    own = protocol.where.path
    stage_path = f"protocols/stages/{protocol.stage}.yml"
    places = (own, stage_path)
    steps = effective_steps(handbook, protocol)
    flags = effective_red_flags(handbook, protocol)
    units = [*(_step_text(s) for s in steps), *(_flag_text(f) for f in flags),
             *effective_child(handbook, protocol)]
    if protocol.type in CRIME_TYPES and protocol.stage == MEDIATION_STAGE:
        yield from _mediation(handbook, protocol, files, units, places)
    for said, needs, types, code, message in PAIRED:
        if types is None or protocol.type in types:
            for text in units:
                if said.search(text) and not needs.search(text):
                    yield files.problem(places, text, said, code, message)
    if (protocol.type in DUTY_TYPES and protocol.type != SEXUAL_TYPE
            and protocol.stage in PASAL_4_STAGES
            and not any(REPORT_DUTY.search(u) and PASAL_4.search(u) for u in units)):
        yield Problem(own, 1, 1, "kewajiban lapor 3 x 24 jam juga berlaku untuk eksploitasi "
                      "seksual, pemaksaan pelacuran dan perdagangan orang untuk eksploitasi "
                      "seksual (UU 12/2022 Pasal 4 ayat (2)); sebutkan di salah satu langkah "
                      "halaman ini, bersama pasal itu", "lapor-tpks-pasal-4")
    if protocol.type == SEXUAL_TYPE and not any(REPORT_DUTY.search(u) for u in units):
        yield Problem(own, 1, 1, "protokol kekerasan seksual belum menyebut kewajiban UPTD PPA "
                      "melapor ke kepolisian paling lambat 3 x 24 jam sejak korban melapor "
                      "(UU 12/2022, bagian Pelaporan); tulis di salah satu langkah",
                      "lapor-tpks-tidak-ada")
    for group in checklist_for(handbook, protocol).groups:
        low, high = CHECKLIST_ITEMS
        if not low <= len(group.items) <= high:
            yield Problem(own, 1, 1, f"titik jeda \"{group.pause.title}\" berisi "
                          f"{len(group.items)} butir daftar periksa; daftar DO-CONFIRM "
                          f"berisi {low} sampai {high} butir yang dapat dicentang",
                          "butir-periksa-jumlah", warning=True)


def _mediation(handbook: Handbook, protocol: Protocol, files: _Files, units: list[str],
               places: tuple[str, ...]) -> Iterator[Problem]:
    name = handbook.type(protocol.type).name.lower()
    if protocol.not_applicable is None:
        yield Problem(protocol.where.path, 1, 1, f"{name} tidak boleh dimediasi (UU 12/2022 "
                      "Pasal 23; UU 21/2007): tulis not_applicable dengan alasannya dan "
                      "langkah pengganti, bukan langkah mediasi", "mediasi-tindak-pidana")
        return
    stage = handbook.stage(protocol.stage)
    inherited = ([f.sign for f in effective_red_flags(handbook, protocol)
                  if f in stage.red_flags]
                 + [p.title for p in effective_pause_points(handbook, protocol)
                    if p in stage.pause_points])
    for text in inherited:
        yield files.problem(places, text, None, "mediasi-tindak-pidana",
                            f"halaman \"{name} tidak dimediasi\" mewarisi prosedur mediasi dari "
                            "tahap; tulis tanda bahaya, titik jeda dan panduan anak sendiri")
    for text in units:
        if MEDIATION_PROCEDURE.search(text):
            yield files.problem(places, text, MEDIATION_PROCEDURE, "mediasi-tindak-pidana",
                                f"halaman \"{name} tidak dimediasi\" memuat prosedur mediasi "
                                f"(\"{MEDIATION_PROCEDURE.search(text).group(0)}\"); "
                                "perkara ini tidak dimediasi sama sekali (UU 12/2022 Pasal 23)")


def _step_text(step: Step) -> str:
    return " ".join((step.title, step.when, *step.do, *step.avoid, *step.say, *step.child,
                     *(step.checklist or ()), step.unconfirmed))


def _flag_text(flag: RedFlag) -> str:
    return f"{flag.sign} {flag.action}"


class _Files:
    """Finds the line of a text in the files that may have written it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lines: dict[str, list[str]] = {}

    def _read(self, path: str) -> list[str]:
        if path not in self.lines:
            try:
                self.lines[path] = (self.root / path).read_text(encoding="utf-8").splitlines()
            except OSError:
                self.lines[path] = []
        return self.lines[path]

    def problem(self, places: Iterable[str], text: str, pattern: re.Pattern | None,
                code: str, message: str) -> Problem:
        """A problem at the line of the matched words inside the text's own lines (the text
        starts where a line holds its beginning: a sign, a title or a list item), or else at
        the text's first line, or the file's."""
        places = list(places)
        match = pattern.search(text) if pattern is not None else None
        for path in places:
            lines = self._read(path)
            start = next((i for i, line in enumerate(lines) if _begins(line, text)), None)
            if start is None:
                continue
            if match is not None:
                for i in range(start, min(len(lines), start + 40)):
                    at = lines[i].lower().find(match.group(0).lower())
                    if at >= 0:
                        return Problem(path, i + 1, at + 1, message, code)
            return Problem(path, start + 1, 1, message, code)
        return Problem(places[0], 1, 1, message, code)


def _begins(line: str, text: str) -> bool:
    """Whether a YAML line starts the text (`- sign: ...`, `title: ...`, `- ...`)."""
    body = re.sub(r"^\s*(?:-\s+)?(?:[a-z_]+:\s*)?[\"']?", "", line).rstrip("\"' ")[:30]
    return len(body) >= 12 and text.startswith(body)
