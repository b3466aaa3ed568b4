"""Privacy by construction for every built page: a Content-Security-Policy that lets only the
handbook's own files run, and no referrer.

The theme writes a few small inline scripts whose text differs per page (relative paths), so
the policy lists the SHA-256 of each inline script found on that page: the theme's own scripts
run, and a script that found its way into a page any other way does not.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_DATA_TYPES = ("application/json", "application/ld+json")

POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
          "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'")


def content_security_policy(html: str, *, allow_inline: bool = False) -> str:
    """The policy for one page: its own inline scripts allowed by hash, nothing else inline.

    `allow_inline` is for the offline download only: opened from disk, search runs through the
    iframe-worker shim, which writes an inline script naming the worker's absolute file path
    (unknowable at build time). Text from YAML stays escaped there as everywhere.
    """
    if allow_inline:
        return POLICY.format(hashes=" 'unsafe-inline'")
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if "src=" in attrs or any(t in attrs for t in _DATA_TYPES):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return POLICY.format(hashes="".join(f" {h}" for h in dict.fromkeys(hashes)))


def protect(html: str, *, allow_inline: bool = False) -> str:
    """Insert the page's Content-Security-Policy right after its charset, before any script."""
    policy = content_security_policy(html, allow_inline=allow_inline)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    head = re.search(r"<meta charset=[^>]*>", html, re.IGNORECASE) or re.search(r"<head[^>]*>",
                                                                                 html)
    if head is None:
        return html
    return html[:head.end()] + "\n    " + meta + html[head.end():]
