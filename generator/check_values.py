"""Values of one content file checked against `generator.schema`, every problem recorded.

`Checker` is the one place a YAML value becomes a model value: text normalised and checked for
characters and words that break a page, ids against their registries, dates, versions, choices.
`generator.validate` runs it over every file, then checks what crosses files.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator import model, schema
from generator import text as text_safety
from generator.errors import Problem
from generator.load import DataPath, Document

INVALID = object()  # a value that failed its check; its problem is already recorded

REGISTRY_NAMES = {
    "role": ("peran", "roles.yml"),
    "service": ("layanan", "services.yml"),
    "reference": ("sumber", "references.yml"),
    "region": ("kabupaten/kota", "services.yml"),
    "step": ("langkah", "berkas tahap"),
    "pause": ("titik jeda", "pause_points di berkas tahap"),
}
REGISTRY_CODES = {
    "role": "peran-tidak-ada", "service": "layanan-tidak-ada", "reference": "rujukan-tidak-ada",
    "region": "nilai-tidak-dikenal", "step": "langkah-tidak-ada", "pause": "jeda-tidak-ada",
}

@dataclass
class Checker:
    """Checks values of one document against the schema and records problems."""

    doc: Document
    problems: list[Problem]
    known: dict[str, set[str] | None] = field(default_factory=dict)
    phones_allowed: bool = False
    words: tuple[tuple[re.Pattern, dict], ...] = ()

    def report(self, path: DataPath, message: str, code: str, *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, code, key=key))

    def check(self, value: Any, kind: schema.Kind, path: DataPath) -> Any:
        label = _label(path)
        if isinstance(kind, schema.Record):
            return self._record(value, kind, path)
        if isinstance(kind, schema.ListOf):
            if not isinstance(value, list):
                self.report(path, f"{label}: harus berupa daftar (setiap butir diawali '- '), "
                            f"tertulis {_describe(value)}", "tipe-salah")
                return INVALID
            if len(value) < kind.min_items:
                self.report(path, f"{label}: perlu paling sedikit {kind.min_items} butir, "
                            f"tertulis {len(value)}", "terlalu-sedikit")
            items = [self.check(item, kind.item, (*path, i)) for i, item in enumerate(value)]
            return INVALID if INVALID in items else tuple(items)
        if not isinstance(value, str):
            # `- Antar korban: ke puskesmas` is a one-key section to YAML, text to the editor
            quote = ("; bila ini teks yang berisi ': ', apit seluruh teks dengan tanda kutip "
                     "(\"...\")") if isinstance(value, dict) and len(value) == 1 else ""
            self.report(path, f"{label}: harus berupa {_expected(kind)}, tertulis "
                        f"{_describe(value)}{quote}",
                        "kolom-wajib" if value is None else "tipe-salah")
            return INVALID
        return self._scalar(value, kind, path, label)

    def _scalar(self, value: str, kind: schema.Kind, path: DataPath, label: str) -> Any:
        if isinstance(kind, schema.Text):
            text = normalize(value, multiline=kind.multiline)
            if path in self.doc.cut_by_comment:
                self.report(path, f"{label}: teks berhenti di \"{text[-20:]}\" karena ' #' "
                            "memulai komentar YAML; bila '#' bagian dari teks, apit seluruh "
                            "teks dengan tanda kutip (\"...\"); bila itu komentar, tulis di "
                            "baris sendiri", "teks-terpotong")
            if not text:
                self.report(path, f"{label}: wajib diisi, tetapi kosong", "kolom-wajib")
                return INVALID
            # `avoid` lists name what not to do; keywords and synonyms are what people type.
            if self.words and not any(str(p).endswith(("avoid", "keywords", "synonyms"))
                                      for p in path):
                self._check_words(path, label, text)
            for message, code in text_safety.problems(value, path, self.doc.data, label,
                                                      phones_allowed=self.phones_allowed):
                self.report(path, message, code)
            return text
        if isinstance(kind, schema.Url):
            if not re.match(schema.URL_PATTERN, value.strip()):
                self.report(path, f"{label}: alamat harus diawali http:// atau https:// dan "
                            f"tanpa spasi, tanda kutip atau kurung; tertulis \"{value}\"",
                            "tipe-salah")
                return INVALID
            return value.strip()
        if isinstance(kind, schema.Id):
            return self._id(value.strip(), kind.registry, path, label)
        if isinstance(kind, schema.PagePath):
            if not re.match(schema.PAGE_PATH_PATTERN, value.strip()):
                self.report(path, f"{label}: tulis alamat halaman seperti 'darurat' atau "
                            f"'fisik/pengaduan' (huruf kecil, angka, tanda hubung, satu '/'); "
                            f"tertulis \"{value}\"", "tipe-salah")
                return INVALID
            return value.strip()
        if isinstance(kind, schema.Cite):
            ref, _, at = value.strip().partition(" ")
            if self._id(ref, "reference", path, label) is INVALID:
                return INVALID
            return model.Citation(ref, " ".join(at.split()))
        if isinstance(kind, schema.Date):
            return self._date(value.strip(), path, label)
        if isinstance(kind, schema.Version):
            if not re.match(schema.VERSION_PATTERN, value.strip()):
                self.report(path, f"{label}: versi harus berbentuk ANGKA.ANGKA.ANGKA seperti "
                            f"0.1.0, tertulis \"{value}\"", "versi-tidak-valid")
                return INVALID
            return value.strip()
        if isinstance(kind, schema.Flag):
            lowered = value.strip().lower()
            if lowered not in ("true", "false"):
                self.report(path, f"{label}: harus true atau false, tertulis \"{value}\"",
                            "tipe-salah")
                return INVALID
            return lowered == "true"
        if isinstance(kind, schema.Number):
            if not re.fullmatch(r"[0-9]{1,9}", value.strip()) or int(value) < kind.minimum:
                self.report(path, f"{label}: harus bilangan bulat paling kecil {kind.minimum}, "
                            f"tertulis \"{value}\"", "tipe-salah")
                return INVALID
            return int(value)
        if isinstance(kind, schema.Choice):
            value = value.strip()
            if value in kind.values:
                return value
            if kind.registry and self.known.get(kind.registry) is None:
                return value
            if kind.registry and value in self.known[kind.registry]:
                return value
            options = [*kind.values, *sorted(self.known.get(kind.registry) or ())]
            self.report(path, f"{label}: harus salah satu dari {', '.join(options)}; tertulis "
                        f"\"{value}\"{_suggest(value, options)}", "nilai-tidak-dikenal")
            return INVALID
        raise TypeError(kind)

    def _check_words(self, path: DataPath, label: str, text: str) -> None:
        # most texts have none of the words: a substring test of each (case-folded, so it
        # finds everything the case-blind patterns find, and more) rules them out cheaply
        folded = text.casefold()
        if not any(word in folded
                   for word in _folded(tuple(str(entry["word"]) for _, entry in self.words))):
            return
        for pattern, entry in self.words:
            if match := pattern.search(text):
                self.problems.append(self.doc.problem(
                    path, f"{label}: \"{match.group(0)}\" {entry['reason']}; pakai: "
                    f"{entry['instead']}", "kata-tidak-dianjurkan", warning=True))

    def _id(self, value: str, registry: str, path: DataPath, label: str) -> Any:
        if not schema.is_id(value):
            self.report(path, f"{label}: id \"{value}\" hanya boleh berisi huruf kecil, angka "
                        "dan tanda hubung, misalnya 'manajer-kasus'", "id-tidak-valid")
            return INVALID
        ids = self.known.get(registry) if registry else None
        if ids is not None and value not in ids:
            what, where = REGISTRY_NAMES[registry]
            self.report(path, f"{label}: {what} \"{value}\" tidak ada di {where}"
                        f"{_suggest(value, ids)}", REGISTRY_CODES[registry])
            return INVALID
        return value

    def _date(self, value: str, path: DataPath, label: str) -> Any:
        if not re.match(schema.DATE_PATTERN, value):
            self.report(path, f"{label}: tanggal ditulis TAHUN-BULAN-TANGGAL, misalnya "
                        f"2026-11-28; tertulis \"{value}\"", "tanggal-tidak-valid")
            return INVALID
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            self.report(path, f"{label}: tanggal \"{value}\" tidak ada di kalender",
                        "tanggal-tidak-valid")
            return INVALID
        if not 2000 <= day.year <= 2100:  # a typo; zip and gzip dates also end in 2106
            self.report(path, f"{label}: tanggal \"{value}\" di luar tahun 2000-2100; "
                        "periksa tahunnya", "tanggal-tidak-valid")
            return INVALID
        return day

    def _record(self, value: Any, kind: schema.Record, path: DataPath) -> Any:
        label = _label(path) or "berkas"
        if not isinstance(value, dict):
            example = f". Contoh:\n{kind.example}" if kind.example else ""
            self.report(path, f"{label}: harus berupa bagian {kind.name} berisi kunci "
                        f"(kunci: nilai), tertulis {_describe(value)}{example}",
                        "kolom-wajib" if value is None else "tipe-salah")
            return INVALID
        result: dict[str, Any] = {}
        for key, item in value.items():
            if key not in kind.fields:
                hint = _suggest(schema.KEY_ALIASES.get(key, key), kind.fields)
                if not hint:
                    hint = f"; kunci yang boleh: {', '.join(kind.fields)}"
                self.report((*path, key), f"{_label((*path, key))}: kunci \"{key}\" tidak "
                            f"dikenal di {kind.name}{hint}", "kunci-tidak-dikenal", key=True)
                continue
            result[key] = self.check(item, kind.fields[key].kind, (*path, key))
        for key, spec in kind.fields.items():
            if spec.required and key not in value:
                self.report(path, f"{_label((*path, key))}: wajib diisi, tetapi tidak ada "
                            f"({spec.description})", "kolom-wajib")
                result[key] = INVALID
        return INVALID if INVALID in result.values() else result


def normalize(text: str, *, multiline: bool) -> str:
    """Fold line breaks and runs of spaces; keep blank-line paragraphs where they mean one."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text.strip())]
    paragraphs = [p for p in paragraphs if p]
    return ("\n\n" if multiline else " ").join(paragraphs)


def _label(path: DataPath) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _describe(value: Any) -> str:
    if value is None:
        return "kosong"
    if isinstance(value, dict):
        return "bagian berisi kunci"
    if isinstance(value, list):
        return "daftar"
    short = text_safety.one_line(value if len(value) <= 40 else value[:37] + "...")
    return f"teks \"{short}\""


def _expected(kind: schema.Kind) -> str:
    return {
        schema.Text: "teks", schema.Url: "alamat situs", schema.Id: "id",
        schema.Cite: "id sumber", schema.Date: "tanggal",
        schema.Version: "versi", schema.Flag: "true atau false", schema.Number: "angka",
        schema.Choice: "salah satu pilihan",
    }.get(type(kind), "nilai")


def _suggest(value: str, options: Iterable[str]) -> str:
    options = list(options)
    if value in options:
        return f"; maksud Anda '{value}'?"
    # an id typed twice over ("anak-anak" for "anak"): the id itself, not the nearest spelling
    parts = [part for part in value.split("-") if part in options]
    if parts and len(set(value.split("-"))) == 1:
        return f"; maksud Anda '{parts[0]}'?"
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return f"; maksud Anda '{close[0]}'?" if close else ""


@functools.lru_cache(maxsize=4)
def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word.casefold() for word in words)
