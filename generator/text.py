"""Text safety at load time: characters that break a page or hide what it says, phone numbers
that must dial exactly what they show, and numbers that belong in services.yml.

`validate.Checker` calls `problems(...)` for every text value; the renderer builds `tel:` links
only through `dial_number`. Messages are Indonesian, codes are in `generator.errors`.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any

from generator.errors import Problem

# What never belongs in a text: C0 controls but tab and line ends, DEL, C1 controls (often
# Windows-1252 text read wrongly), bidi embeddings/overrides/isolates (they make a page show
# 119 where the link dials 911), zero-width spaces and the word joiner, a byte-order mark
# inside the text, and Unicode non-characters. Several of them also make MkDocs drop a page's
# front matter, which then shows its internal comments and hidden keywords.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060"
                     "\u2066-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff]")
# In a phone number also the invisible joiners and direction marks.
_UNSAFE_IN_NUMBER = re.compile("[\u200c-\u200f\u061c]")
_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\u200b": "spasi lebar nol",
          "\u2060": "penyambung kata", "\ufeff": "tanda urutan bita",
          "\u200c": "pemisah lebar nol", "\u200d": "penyambung lebar nol"}

# One phone number, as people write it: digits in groups separated by one space, dot or dash,
# an optional leading + and an optional area code in brackets: "0811 5201 515", "(0536) 3221234".
PHONE = re.compile(r"^\+?(?:\(\d{2,5}\) ?)?\d+(?:[ .-]\d+)*$")

# Phone-like numbers in protocol text (numbers belong in services.yml, with their source).
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_DIGIT = re.compile(r"\d")
PHONES_IN_TEXT = (
    # Long digit runs that look like Indonesian numbers: 0812-3456-7890, +62 812 ..., (0536) 3221234
    re.compile(r"(?<![\w/.])(?:\+62|62|0|\(0\d{2,4}\))[\s.-]?\d(?:[\s.-]?\d){5,}(?!\w)"),
    # A short code after a word that introduces a number ("hubungi 112", "polisi di 119").
    # Not "nomor": regulations are cited as "Nomor 1226".
    re.compile(r"\b(?:hubungi|telepon|telpon|telfon|tilpon|telp\.?|tlp\.?|tel\.?|hotline|wa|"
               r"whatsapp|sms|call|panggil|polisi|ambulans|pemadam)"
               r"(?:\s+(?:di|ke|nomor|no\.?))?\s*:?\s*\d{3,5}\b", re.IGNORECASE),
    re.compile(r"\bwa\.me/\d+", re.IGNORECASE),
)


def _describe(char: str) -> str:
    name = _NAMES.get(char) or unicodedata.name(char, "kendali")
    return f"U+{ord(char):04X} ({name})"


def unsafe_character(text: str, *, number: bool = False) -> str | None:
    """The first character of `text` that must not be there, described; or None."""
    match = _UNSAFE.search(text) or (_UNSAFE_IN_NUMBER.search(text) if number else None)
    return _describe(match[0]) if match else None


def phone_like(text: str) -> str | None:
    """The first phone-like number written in `text` (in any common spelling), or None."""
    folded = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).translate(_DASHES)
    if not _DIGIT.search(folded):  # every pattern needs a digit; most texts have none
        return None
    for pattern in PHONES_IN_TEXT:
        if match := pattern.search(folded):
            return match[0]
    return None


def dial_number(value: str) -> str:
    """The number a `tel:` link dials: only for a value that is exactly one phone number."""
    if not PHONE.match(value) or unsafe_character(value, number=True):
        raise ValueError(f"not one phone number: {value!r}")
    return re.sub(r"[^\d+]", "", value)


def problems(value: str, path: tuple, data: Any, label: str, *,
             phones_allowed: bool) -> list[tuple[str, str]]:
    """(message, code) for each text-safety problem of one text value at `path` of `data`."""
    out: list[tuple[str, str]] = []
    contact_type = _contact_type(path, data)
    is_number = contact_type in ("telepon", "whatsapp")
    if bad := unsafe_character(value, number=is_number):
        out.append((f"{label}: berisi karakter tak terlihat atau kendali {bad} yang dapat "
                    "merusak halaman atau mengubah arti yang terbaca; hapus karakter itu "
                    "(sering terbawa saat menyalin dari dokumen lain)", "karakter-terlarang"))
    elif is_number and not PHONE.match(value.strip()):
        out.append((f"{label}: tulis tepat satu nomor telepon, hanya angka (boleh dipisah spasi, "
                    f"titik atau tanda hubung, kode wilayah boleh dalam kurung); tertulis "
                    f"\"{value.strip()[:40]}\". Nomor lain atau keterangan seperti 'ext.' "
                    "ditulis sebagai kontak lain atau di note", "telepon-tidak-valid"))
    if not phones_allowed and (number := phone_like(value)):
        out.append((f"{label}: \"{number}\" tampak seperti nomor telepon; nomor hanya ditulis "
                    "di services.yml (dengan sumbernya), lalu sebut id layanannya di referrals "
                    "atau services", "nomor-telepon"))
    return out


def _contact_type(path: tuple, data: Any) -> str | None:
    """The `type` beside a contact's `value` (services.yml), or None elsewhere."""
    if len(path) < 3 or path[-1] != "value" or path[-3] != "contacts":
        return None
    node = data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node.get("type") if isinstance(node, dict) else None


# What YAML cannot hold, and the line breaks it would fold (NEL, line and paragraph separator).
_YAML_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd"
                               "\U00010000-\U0010ffff]")


def yaml_string(text: str) -> str:
    """`text` as a double-quoted string that YAML front matter always reads back whole."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)


def terminal(text: str) -> str:
    """A message for the terminal: control codes shown as escapes, every line after the first
    indented, so no value can start a line of its own (a fake `::warning`, a cursor move)."""
    return "\n  ".join(one_line(line) for line in text.split("\n"))


def one_line(text: str) -> str:
    """A value or file name for terminal and CI output: no line breaks, no control codes."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100
                   else f"\\u{ord(c):04x}" for c in text)


def outside_link(path: Path, root: Path, display: str) -> Problem | None:
    """A problem if `path` is (or passes through) a symbolic link leaving the repository, or
    is not a regular file (a device such as /dev/zero would be read forever)."""
    real, top = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    if not real.is_relative_to(top):
        return Problem(display, 1, 1, "berkas ini tautan simbolik ke luar repositori; isi di "
                       "luar repositori tidak dibaca dan tidak diterbitkan. Salin berkasnya ke "
                       "sini bila memang dipakai", "tautan-keluar")
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return None  # reading it reports the reason, located
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return Problem(display, 1, 1, "ini bukan berkas biasa (misalnya perangkat atau pipa); "
                       "hapus dari folder ini", "tautan-keluar")
    return None
