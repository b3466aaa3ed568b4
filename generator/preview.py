"""`handbook serve`: a preview that survives every save, even one that breaks the content.

MkDocs reloads `mkdocs.yml` on every rebuild, so the preview's settings travel in the
environment (`PREVIEW_ENV`), never as a plugin list MkDocs would consume on the first load.
When a save makes the content invalid, the plugin keeps the pages of the last good build and
puts the located problems at the top of every page, so the open tab shows them instead of
hanging; the next good save brings the normal pages back.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path

from generator.build import Generated
from generator.errors import Problem

PREVIEW_ENV = "HANDBOOK_PREVIEW"
ERRORS_PAGE = "index.md"  # shown when the very first build already has errors

# The preview's service worker: the handbook's own keeps every page of an edition and would
# show an editor the page as it was before the save; this one empties those caches and
# steps aside, so every reload asks the preview server.
SERVICE_WORKER = """// Preview (handbook serve): no offline copy; clear what an earlier visit cached.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(
  caches.keys().then((keys) => Promise.all(keys.map((key) => caches.delete(key))))
    .then(() => self.registration.unregister())));
"""

# Pages of the last good build per project folder: one preview process, one project.
_last_good: dict[str, Generated] = {}


def active() -> bool:
    return os.environ.get(PREVIEW_ENV) == "1"


def remember(root: str, generated: Generated) -> None:
    _last_good[root] = generated


def last_good(root: str) -> Generated | None:
    return _last_good.get(root)


def errors_page() -> str:
    """The home page when no good build exists yet: the banner on top says what is wrong."""
    return "# Pratinjau belum dapat dibangun\n\nPerbaiki masalah di bagian atas halaman ini.\n"


def banner(problems: Sequence[Problem | str]) -> str:
    """The located problems (or a message that names its file), as HTML for the top of
    every preview page."""
    errors = [p for p in problems if not getattr(p, "warning", False)]
    files = {p.path if isinstance(p, Problem) else p.split(":", 1)[0] for p in errors}
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in errors)
    return (
        '<div id="pratinjau-masalah" role="alert" style="border:2px solid #b3261e;'
        'border-radius:6px;padding:0.8em 1em;margin:0 0 1.5em;background:#fdecea;'
        'color:#410e0b">'
        "<p><strong>Pratinjau: berkas yang baru disimpan belum dapat dipakai.</strong> "
        f"{len(errors)} masalah di {len(files)} berkas. Halaman di bawah "
        "ini masih dari simpanan terakhir yang benar. Perbaiki lalu simpan lagi; halaman ini "
        "diperbarui sendiri.</p>"
        f'<ul style="margin:0">{items}</ul>{_warnings(problems)}</div>')


SHOWN_WARNINGS = 10


def _warnings(problems: Sequence[Problem | str]) -> str:
    """The warnings beside the errors: they can name the cause (a protocol file that went
    away is a warning, the references to it the errors)."""
    warnings = [p for p in problems if getattr(p, "warning", False)]
    if not warnings:
        return ""
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>"
                    for p in warnings[:SHOWN_WARNINGS])
    more = (f"<li>... dan {len(warnings) - SHOWN_WARNINGS} lagi (lihat terminal)</li>"
            if len(warnings) > SHOWN_WARNINGS else "")
    return (f'<p style="margin:0.8em 0 0">Juga {len(warnings)} peringatan:</p>'
            f'<ul style="margin:0">{items}{more}</ul>')


def with_banner(page_html: str, problems: Sequence[Problem | str]) -> str:
    """Put the banner at the top of the page's content (or of its body)."""
    for anchor in ('<article class="md-content__inner md-typeset">', "<body"):
        at = page_html.find(anchor)
        if at >= 0:
            end = page_html.index(">", at) + 1
            return page_html[:end] + banner(problems) + page_html[end:]
    return banner(problems) + page_html


def write_service_worker(site: Path) -> None:
    (site / "sw.js").write_text(SERVICE_WORKER, encoding="utf-8")
