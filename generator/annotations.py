"""The check's problems as GitHub annotations, within what GitHub shows.

GitHub shows at most 10 error and 10 warning annotations per step (and 50 per job), and only
on lines of files that exist. So: a problem written at 1:1 is moved to the line of the key it
is about, or else annotated on the whole file rather than on its first line; a problem about a file that does not exist (yet) is not put on a file; and when there
are more than fit, the last annotation of each level says how many more there are and where to
read them, instead of GitHub dropping them silently.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import Problem
from generator.text import one_line

PER_LEVEL = 10
# A problem about a whole protocol, and the key whose line it belongs on
ANCHORS = {"versi-belum-naik": "version", "tinjau-lewat": "review_due",
           "daftar-periksa-panjang": "steps", "sumber-hukum": "sources"}


def key_line(file: Path, key: str) -> int | None:
    """The line where a top-level `key:` is written in `file`, or None."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def annotations(problems: list[Problem], root: Path) -> list[str]:
    """The `::error ...` and `::warning ...` workflow commands for `problems`."""
    out = []
    for level, group in (("error", [p for p in problems if not p.warning]),
                         ("warning", [p for p in problems if p.warning])):
        placed = [p for p in group if (root / p.path).is_file()]
        unplaced = [p for p in group if p not in placed]
        room = PER_LEVEL if len(placed) <= PER_LEVEL and not unplaced else PER_LEVEL - 1
        out += [_command(level, p, root) for p in placed[:room]]
        rest = placed[room:] + unplaced
        if rest:
            word = "kesalahan" if level == "error" else "peringatan"
            codes = sorted({p.code for p in rest})
            listed = "; ".join(str(p) for p in rest[:20])
            more = f"; ... dan {len(rest) - 20} lagi" if len(rest) > 20 else ""
            what = f"{len(rest)} {word}" + (" lain" if placed[:room] else "")
            message = (f"{what} ({', '.join(codes)}) tidak ditandai di baris; semuanya ada di "
                       f"log langkah ini dan di ringkasan pull request: {listed}{more}")
            out.append(f"::{level} title={_prop(what)}::{_data(message)}")
    return out


def _command(level: str, problem: Problem, root: Path) -> str:
    line, col = problem.line, problem.col
    if (line, col) == (1, 1) and problem.code in ANCHORS:
        found = key_line(root / problem.path, ANCHORS[problem.code])
        line = found or line
    where = f"file={_prop(problem.path)}"
    if (line, col) != (1, 1):  # 1:1 is "the whole file": annotated on the file, not a line
        where += f",line={line},col={col}"
    return f"::{level} {where}::{_data(f'{problem.message} [{problem.code}]')}"


def _data(text: str) -> str:
    # Line breaks encoded as GitHub reads them; any other control code (ESC ...) made visible.
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
