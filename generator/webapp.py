"""The installable web app: a manifest and a small service worker with a generated precache.

No maintained MkDocs plugin does this (Material declined it). Workbox would need a Node build
step for what is, here, one list of files: the generator knows every file of the built site,
so it writes the precache list itself into a 60-line worker (`templates/sw.js`). The edition
is the hash of every precached file, so a changed handbook is a new cache, never a mix.
"""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from pathlib import Path

from generator.download import SKIP_PREFIXES, SKIP_SUFFIXES
from generator.pages import OFFLINE_ZIP

MANIFEST = {
    "name": "Buku Saku Protokol UPTD PPA",
    "short_name": "Buku Saku",
    "description": "Protokol layanan bagi petugas yang mendampingi perempuan dan anak korban "
                   "kekerasan di Kalimantan Tengah.",
    "lang": "id",
    "start_url": "./",
    "scope": "./",
    "display": "standalone",
    "background_color": "#ffffff",
    "theme_color": "#00695c",
    "icons": [
        {"src": "assets/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
        {"src": "assets/icons/icon-512.png", "sizes": "512x512", "type": "image/png",
         "purpose": "any maskable"},
    ],
}


def precache_list(site: Path) -> tuple[list[str], list[str]]:
    """(files every visit caches, checklist PDFs cached on request), as URLs relative to the root.

    Pages are listed by their directory URL (`protokol/x/y/`), the address readers use.
    """
    pages, optional = [], []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if (rel.endswith(SKIP_SUFFIXES) or rel.startswith(SKIP_PREFIXES)
                or rel in ("404.html", OFFLINE_ZIP)):
            continue
        if rel.endswith(".pdf"):
            optional.append(rel)
        elif rel.endswith("index.html"):
            pages.append(rel.removesuffix("index.html") or "./")
        else:
            pages.append(rel)
    return pages, optional


def file_of(site: Path, url: str) -> Path:
    """The built file behind a precache URL (`protokol/x/y/` -> its `index.html`)."""
    if url == "./" or url.endswith("/"):
        return site / url.removeprefix("./") / "index.html"
    return site / url


def write_web_app(site: Path) -> str:
    """Write `sw.js` and `manifest.webmanifest` into the built site; return the edition id."""
    pages, optional = precache_list(site)
    digest = hashlib.sha256()
    for url in pages:
        digest.update(url.encode() + b"\0" + file_of(site, url).read_bytes())
    edition = digest.hexdigest()[:12]
    digests = {url: hashlib.sha256(file_of(site, url).read_bytes()).hexdigest()
               for url in [*pages, *optional]}
    worker = files("generator").joinpath("templates/sw.js").read_text("utf-8")
    worker = (worker.replace("__EDITION__", edition)
              .replace("__PRECACHE__", json.dumps(pages, indent=0))
              .replace("__OPTIONAL__", json.dumps(optional, indent=0))
              .replace("__DIGESTS__", json.dumps(digests, indent=0)))
    (site / "sw.js").write_text(worker, encoding="utf-8")
    (site / "manifest.webmanifest").write_text(
        json.dumps(MANIFEST, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return edition
