"""Text for a GitHub comment: content shown as exactly its words, and word-level change marks.

The reviewer's diff (`generator.review`) is posted on a pull request, where GitHub Markdown
would otherwise act on the content: `~~` strikes through, `@name` notifies a person, `#12`
links an issue, `:smile:` becomes a picture, a bare address becomes a link and `<b>` is HTML.
`github_text` makes each of them plain text; `word_diff` marks removed words with <del> and
added words with <ins>, the only HTML in the output.
"""

from __future__ import annotations

import difflib
import html
import re

WJ = "\u2060"  # word joiner: invisible, breaks what GitHub would link or notify

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_MENTION = re.compile(r"@(?=\w)")
_ISSUE = re.compile(r"#(?=\d)")
_EMOJI = re.compile(r":(?=[a-z0-9_+\-]+:)", re.IGNORECASE)
_URL = re.compile(r"(https?|ftp)(:)(?=//)|\b(www)(\.)", re.IGNORECASE)


def github_text(text: str) -> str:
    """Plain text -> GitHub Markdown that shows exactly that text and does nothing else."""
    text = _URL.sub(lambda m: f"{m[1] or m[3]}{WJ}{m[2] or m[4]}", text)
    text = _MENTION.sub("@" + WJ, text)
    text = _ISSUE.sub("#" + WJ, text)
    text = _EMOJI.sub(":" + WJ, text)
    text = html.escape(text, quote=False)
    text = _MARKDOWN.sub(r"\\\1", text)
    return " ".join(text.split())  # one line: a newline could start a heading or a list


def word_diff(old: str, new: str) -> tuple[str, str]:
    """Old and new wording with the words that differ marked (<del> in old, <ins> in new)."""
    a, b = old.split(), new.split()
    before: list[str] = []
    after: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        gone, came = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "equal":
            before.append(github_text(gone))
            after.append(github_text(came))
            continue
        if gone:
            before.append(f"<del>{github_text(gone)}</del>")
        if came:
            after.append(f"<ins>{github_text(came)}</ins>")
    return " ".join(before), " ".join(after)


def code(text: str) -> str:
    """An id or a file name in a code span (nothing inside is interpreted)."""
    fence = "``" if "`" in text else "`"
    return f"{fence}{text.replace(chr(10), ' ')}{fence}"
