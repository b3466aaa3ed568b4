"""Load one YAML file into plain data, keeping where every value was written.

Plain `yaml.safe_load` lets through what loses an editor's work or surprises a reader: a
duplicate key silently replaces the first one, `no` becomes `False`, an alias can expand into
millions of nodes. This loader composes the YAML node graph itself (with libyaml when it is
there) and turns it into plain data where every scalar is a `str` (or `None` for an empty
value); the validator decides what a text means.
"""

from __future__ import annotations

import functools

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DataPath = tuple[str | int, ...]
Position = tuple[int, int]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_NULL_TAG = "tag:yaml.org,2002:null"

# libyaml's own messages, said again in plain Indonesian with the usual fix.
_YAML_HINTS = [
    (
        "mapping values are not allowed",
        "tanda ':' di tempat yang tidak diharapkan; jika teks berisi ': ', "
        'apit seluruh teks dengan tanda kutip ("...")',
    ),
    (
        "could not find expected ':'",
        "baris ini tidak berbentuk 'kunci: nilai'; periksa tanda ':' dan tanda kutip",
    ),
    (
        "did not find expected key",
        "indentasi tidak sejajar dengan baris di atasnya; samakan jumlah spasinya",
    ),
    (
        "expected <block end>",
        "indentasi tidak sejajar dengan baris di atasnya; samakan jumlah spasinya",
    ),
    (
        "did not find expected '-' indicator",
        "indentasi tidak sejajar dengan butir daftar di atasnya; samakan jumlah spasinya, "
        "dan awali butir baru dengan '- '",
    ),
    (
        "found unknown escape character",
        "garis miring terbalik (\\) di dalam tanda kutip ganda; pakai tanda kutip tunggal",
    ),
    (
        "while scanning a quoted scalar",
        "tanda kutip dibuka di sini tetapi tidak ditutup",
    ),
    (
        "found unexpected end of stream",
        "tanda kutip atau kurung tidak ditutup sampai akhir berkas",
    ),
    (
        "found character that cannot start any token",
        "karakter ini tidak boleh mengawali nilai; apit nilainya dengan tanda kutip",
    ),
    (
        "expected a single document",
        "berkas berisi lebih dari satu dokumen YAML; hapus baris '---' yang kedua",
    ),
]

_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
# Raw control characters (tab, line ends and CR excepted) that YAML refuses or pages break on.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# No content file nests deeper than a few levels; far deeper is a mistake or an attack (and
# Python's recursion limit would end the conversion with a traceback).
MAX_DEPTH = 40


@dataclass(frozen=True)
class Document:
    """A YAML file as plain data, with the position of every value and key.

    `values[path]` is where the value at `path` starts, `keys[path]` where the key of a mapping
    entry is written (1-based line and column). Paths are tuples of keys and list indices.
    """

    path: str
    data: Any
    values: dict[DataPath, Position] = field(repr=False)
    keys: dict[DataPath, Position] = field(repr=False)
    # Unquoted values followed by ` #` on their line: YAML took the rest as a comment.
    cut_by_comment: frozenset[DataPath] = field(default=frozenset(), repr=False)

    def position(self, path: DataPath, *, key: bool = False) -> Position:
        """Where `path` was written: its key when `key`, else its value; or its nearest parent."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        while path:
            path = path[:-1]
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
        return (1, 1)

    def problem(self, path: DataPath, message: str, code: str, *, key: bool = False,
                warning: bool = False) -> Problem:
        line, col = self.position(path, key=key)
        return Problem(self.path, line, col, message, code, warning)


class LoadError(Exception):
    """The file cannot be read as data at all; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_file(path: Path, display: str) -> Document:
    """Read `path` (shown to editors as `display`); raise `LoadError` if it is not usable data.

    The same bytes give the same document, parsed once per process: the preview
    (`handbook serve`) reads every file on each save, and a save changes one. Nothing changes
    a loaded document; validation builds new values from it."""
    return _load_once(path.read_bytes(), display)


@functools.lru_cache(maxsize=2048)
def _load_once(raw: bytes, display: str) -> Document:
    return load_bytes(raw, display)


def load_bytes(raw: bytes, display: str) -> Document:
    text = _decode(raw, display)
    if match := _TAB_INDENT.search(text):
        line = text.count("\n", 0, match.end()) + 1
        col = match.end() - (text.rfind("\n", 0, match.end()) + 1)
        raise LoadError(Problem(
            display, line, col,
            "indentasi memakai tab; ganti tab dengan spasi (2 spasi per tingkat)",
            "tab-indentasi"))
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        opened = "quoted scalar" in (exc.context or "")  # then YAML says where, itself
        raise LoadError((None if opened else _unclosed_quote(text, exc, display))
                        or _yaml_problem(exc, display)) from None
    except yaml.YAMLError as exc:
        raise LoadError(Problem(display, 1, 1, f"YAML tidak dapat dibaca ({exc})",
                                "yaml-rusak")) from None
    if root is None or (root.tag == _NULL_TAG and not root.value):
        raise LoadError(Problem(display, 1, 1,
                                "berkas kosong; isi berkas ini atau hapus berkasnya",
                                "berkas-kosong"))
    builder = _Builder(display, text)
    data = builder.convert(root, ())
    return Document(display, data, builder.values, builder.keys, frozenset(builder.cut))


def _decode(raw: bytes, display: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise LoadError(Problem(
            display, line, col,
            "berkas tidak tersimpan sebagai UTF-8; simpan ulang dengan pengodean UTF-8",
            "bukan-utf8")) from None
    # CRLF and lone CR line ends are fine: libyaml reads them, and positions count lines alike.
    if match := _RAW_CONTROL.search(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        raise LoadError(Problem(
            display, line, col,
            f"berkas berisi karakter kendali U+{ord(match[0]):04X} yang tidak terlihat; "
            "hapus karakter itu (sering terbawa saat menyalin dari dokumen lain)",
            "karakter-terlarang"))
    return text


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError, display: str) -> Problem | None:
    """A text opened with '"' and never closed on its line: YAML reads on into the next lines
    and stops further down, often with another complaint. Point at the opening quote."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    lines = text.splitlines()
    for number in range(min(mark.line, len(lines) - 1), max(-1, mark.line - 60), -1):
        line = lines[number]
        opened = _OPENING_QUOTE.search(line)
        if opened and line.count('"') - line.count('\\"') == 1:
            return Problem(display, number + 1, opened.end(), "YAML tidak dapat dibaca: tanda "
                           "kutip dibuka di sini tetapi tidak ditutup di baris yang sama; "
                           "tambahkan \" di akhir teks", "yaml-rusak")
    return None


_OPENING_QUOTE = re.compile(r'^\s*(?:- |[\w-]+: (?:- )?)"')


def _yaml_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and "quoted scalar" in (exc.context or ""):
        mark = exc.context_mark  # where the quote was opened, not the end of the file
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    said = f"{exc.context or ''} {exc.problem or ''}"
    code = "dokumen-ganda" if "single document" in said else "yaml-rusak"
    for needle, hint in _YAML_HINTS:
        if needle in said:
            return Problem(display, line, col, f"YAML tidak dapat dibaca: {hint}", code)
    return Problem(display, line, col,
                   f"YAML tidak dapat dibaca ({(exc.problem or said).strip()})", code)


class _Builder:
    """Turns a node graph into plain data and position tables, refusing what YAML lets slip."""

    def __init__(self, display: str, text: str) -> None:
        self.display = display
        self.text = text
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}
        self.seen: set[int] = set()
        self.cut: set[DataPath] = set()
        self.lines = text.splitlines()

    def refuse(self, node: yaml.Node, message: str, code: str) -> LoadError:
        return LoadError(Problem(self.display, node.start_mark.line + 1,
                                 node.start_mark.column + 1, message, code))

    def convert(self, node: yaml.Node, path: DataPath) -> Any:
        if id(node) in self.seen:
            # libyaml shares one node for an anchor and its aliases: a second visit is an alias.
            raise self._alias_error()
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise self.refuse(node, f"susunan bertingkat terlalu dalam (lebih dari {MAX_DEPTH} "
                              "tingkat); periksa tanda kurung [ ] dan { }", "yaml-rusak")
        if node.tag not in _STANDARD_TAGS:
            raise self.refuse(node, f"tag YAML '{node.tag}' tidak dipakai di protokol; "
                              "hapus tag itu dan tulis nilainya saja", "tag-dilarang")
        self.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag == _NULL_TAG and not node.style:  # plain `~`, `null` or nothing
            return None
        if not node.style and node.end_mark.line < len(self.lines):
            rest = self.lines[node.end_mark.line][node.end_mark.column:]
            if rest.lstrip().startswith("#"):
                self.cut.add(path)
            # A next line starting with '#', indented as far as the text: meant as more text,
            # but YAML drops it as a comment.
            after = node.end_mark.line + (1 if node.end_mark.column else 0)
            if after < len(self.lines):
                line = self.lines[after]
                indent = len(line) - len(line.lstrip(" "))
                if line.lstrip().startswith("#") and indent >= node.start_mark.column > 0:
                    self.cut.add(path)
        return str(node.value)

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.refuse(key_node, "kunci harus berupa teks biasa", "tipe-salah")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.refuse(key_node, "penggabungan '<<' tidak dipakai di protokol; "
                                  "tulis setiap kunci langsung", "alias-dilarang")
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in result:
                raise self.refuse(
                    key_node,
                    f"kunci \"{key}\" muncul dua kali (pertama di baris {first_line[key]}); "
                    "gabungkan isinya di satu tempat, YAML hanya menyimpan salah satu",
                    "kunci-ganda")
            first_line[key] = line
            self.keys[(*path, key)] = (line, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _alias_error(self) -> LoadError:
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                return LoadError(Problem(
                    self.display, mark.line + 1, mark.column + 1,
                    f"alias '*{event.anchor}' tidak dipakai di protokol; "
                    "tulis isinya langsung di sini", "alias-dilarang"))
        return LoadError(Problem(self.display, 1, 1, "alias tidak dipakai di protokol",
                                 "alias-dilarang"))
