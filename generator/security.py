"""Privacy by construction for every built page: a Content-Security-Policy that lets only the
handbook's own scripts run, no referrer, and a last check that no page carries anything else.

The policy's list of inline scripts is computed from the theme's templates and the handbook's
own files, never from the page it protects: the theme writes three small inline scripts (one
of them names the page's relative base, `new URL("../..", location)`), so their hashes are
taken for every base a page can have. The offline download adds the iframe-worker shim's one
inline script (a constant in `docs/pages/javascripts/vendor/iframe-worker-shim.js`). A script
that reached a page any other way is not allowed by the policy, and `check_page` stops the
build before such a page is written.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html as html_module
import re
from importlib.resources import files
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}")
_DATA_TYPES = ("application/json", "application/ld+json")

# The theme's partials whose inline scripts the handbook's pages use (Material's base.html
# includes them; the others it could include stay off: no announcement bar, no consent form).
THEME_SCRIPTS = ("partials/javascripts/base.html", "partials/javascripts/palette.html",
                 "partials/javascripts/content.html")
# Deepest page: protokol/<type>/<stage>/index.html is 3 levels (pages.py); one spare. A deeper
# page fails the build loudly (its base script is unknown), never silently.
MAX_DEPTH = 4
SHIM = Path("javascripts/vendor/iframe-worker-shim.js")  # under the docs folder
_SHIM_BOOT = re.compile(r"BOOT=String\.raw`([^`]*)`")

POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
          "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'")


# The preview's policy: the same limits, but any inline script, since the development server
# adds `livereload(...)` with a changing number (hashes would be ignored beside 'unsafe-inline').
LIVE_RELOAD_POLICY = POLICY.format(hashes=" 'unsafe-inline'")


class UnsafePageError(Exception):
    """A built page holds a script or element the handbook did not write."""


def _digest(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()


def bases(root_path: str = "/") -> tuple[str, ...]:
    """Every base URL the theme can write for a page: `.`, `..`, `../..` ... and, on the
    404 page, the site's own path (`/` unless `site_url` names a sub-path)."""
    relative = [".", *("/".join([".."] * n) for n in range(1, MAX_DEPTH + 1))]
    return (*relative, root_path or "/")


@functools.cache
def theme_script_hashes(root_path: str = "/") -> tuple[str, ...]:
    """The hashes of the theme's inline scripts, from the theme's templates."""
    templates = files("material").joinpath("templates")
    out: list[str] = []
    for name in THEME_SCRIPTS:
        source = templates.joinpath(name).read_text("utf-8")
        for match in _INLINE_SCRIPT.finditer(source):
            body = match["body"]
            if _JINJA_EXPRESSION.search(body):
                out.extend(_digest(_JINJA_EXPRESSION.sub(lambda _m, b=base: b, body))
                           for base in bases(root_path))
            else:
                out.append(_digest(body))
    return tuple(dict.fromkeys(out))


def shim_boot_script(docs_dir: Path) -> str:
    """The one inline script the offline download's iframe-worker shim writes."""
    text = (docs_dir / SHIM).read_text(encoding="utf-8")
    match = _SHIM_BOOT.search(text)
    if match is None:
        raise UnsafePageError(f"{SHIM}: BOOT=String.raw`...` not found; the offline search "
                              "shim must write one constant inline script")
    return match[1]


def allowed_hashes(*, root_path: str = "/", docs_dir: Path | None = None) -> tuple[str, ...]:
    """What the policy allows inline: the theme's scripts, and the shim's in the download."""
    extra = (_digest(shim_boot_script(docs_dir)),) if docs_dir is not None else ()
    return (*theme_script_hashes(root_path), *extra)


def content_security_policy(hashes: tuple[str, ...]) -> str:
    return POLICY.format(hashes="".join(f" '{h}'" for h in hashes))


def protect(html: str, hashes: tuple[str, ...], *, live_reload: bool = False) -> str:
    """Check the page, then insert its Content-Security-Policy right after its charset.

    With `live_reload` (the local preview only, never published) the policy also lets MkDocs'
    development server run the reload script it adds to every page as it serves it.
    """
    check_page(html, hashes)
    policy = (LIVE_RELOAD_POLICY if live_reload else content_security_policy(hashes))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    head = re.search(r"<meta charset=[^>]*>", html, re.IGNORECASE) or re.search(r"<head[^>]*>",
                                                                                 html)
    if head is None:
        return html
    return html[:head.end()] + "\n    " + meta + html[head.end():]


def check_page(html: str, hashes: tuple[str, ...]) -> None:
    """Raise `UnsafePageError` if the page holds what only an injection would put there: an
    inline script the policy does not know, an event-handler attribute, a refresh or a
    policy of its own, a `<base>`, a frame or an embedded object."""
    allowed = set(hashes)
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if source := re.search(r"""\ssrc=["']?([^"'\s>]*)""", attrs):
            if re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", source[1], re.IGNORECASE):
                raise UnsafePageError(f"<script src={source[1][:40]!r}> from another site")
            continue
        if any(t in attrs for t in _DATA_TYPES):
            continue
        if _digest(match["body"]) not in allowed:
            raise UnsafePageError(f"inline script not written by the theme: "
                                  f"{match['body'][:60]!r}")
    # Scripts were checked above; their bodies, styles and comments hold no tags. A page has
    # thousands of tags: only those around a telling word are parsed.
    markup = _SKIPPED.sub(lambda m: "<" + m[1] if m[1] else "", html).lower()
    for key in _SUSPECT:
        start = 0
        while (at := markup.find(key, start)) != -1:
            start = at + 1
            tag = _START_TAG.match(markup, markup.rfind("<", 0, at + 1))
            if tag is None or tag.end() <= at:
                continue
            if found := _forbidden(tag[1], [(a[1], _unquote(a[2]))
                                            for a in _ATTRIBUTE.finditer(tag[2] or "")]):
                raise UnsafePageError(found)


_SKIPPED = re.compile(r"<(?:(script\b[^>]*>).*?</script>|style\b[^>]*>.*?</style>|!--.*?-->)",
                      re.DOTALL | re.IGNORECASE)
# Words that only a tag worth parsing holds (in the lower-cased page).
_SUSPECT = (" on", "\ton", "\non", "\"on", "'on", "/on", "http-equiv", "javascript:", "vbscript:",
            "data:", "referrer", "<base", "<iframe", "<frame", "<object", "<embed", "<applet")
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
_START_TAG = re.compile(r"""<([a-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(rf"([^\s\"'>/=]+)(?:\s*=\s*({_VALUE}))?")
_FORBIDDEN = frozenset({"base", "iframe", "frame", "frameset", "object", "embed", "applet"})


def _unquote(value: str | None) -> str:
    if value and value[0] in "\"'" and value[-1] == value[0]:
        value = value[1:-1]
    return html_module.unescape(value or "")


def _forbidden(tag: str, attrs: list[tuple[str, str]]) -> str:
    """What is wrong with one start tag, or ""."""
    if tag in _FORBIDDEN:
        return f"<{tag}> element"
    for name, value in attrs:
        if name.startswith("on"):
            return f"<{tag} {name}=...> event handler"
        if name == "http-equiv" and value.lower() != "content-security-policy":
            return f"<{tag} http-equiv={value!r}>"
        if (name in ("href", "src", "action", "formaction")
                and re.match(r"\s*(javascript|vbscript|data):", value, re.IGNORECASE)
                and not (tag == "img" and value.startswith("data:image/"))):
            return f"<{tag} {name}={value[:30]!r}>"
    named = dict(attrs)
    if tag == "meta" and named.get("name", "").lower() == "referrer" and (
            named.get("content", "").lower() != "no-referrer"):
        return "<meta name=referrer> other than no-referrer"
    return ""
