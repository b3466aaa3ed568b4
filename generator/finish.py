"""After the site engine: the steps over a built `site/` that make it the handbook.

Whatever engine built the themed pages (MkDocs, ProperDocs, or MkDocs through the plugin),
the same steps follow, in this order:

1. the offline download, made from the built pages (`generator.download`), with its own
   search index and policy;
2. the search index rewritten for the handbook's worker (`generator.search`);
3. every page: the theme pointed at that worker, download links given their sizes, the
   preview's problems on top (`handbook serve` only), then the last check and the
   Content-Security-Policy (`generator.security`);
4. the theme's unused files removed; the web app's manifest and service worker written last,
   over the final files (`generator.webapp`).
"""

from __future__ import annotations

import contextlib
import json
import posixpath
import re
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from generator import download, preview, search, search_words
from generator.build import Generated
from generator.errors import HandbookError, Problem
from generator.pages import OFFLINE_ZIP
from generator.security import UnsafePageError, allowed_hashes, protect
from generator.webapp import write_web_app

SEARCH_SCRIPT = "search/search_index.js"  # the index as the theme reads it from file://

# The theme names the engine and its version: not the reader's concern, and two engines that
# build the same pages would otherwise give two different sites.
_GENERATOR = re.compile(r'\s*<meta name="generator" content="[^"]*">')
_DOWNLOAD = re.compile(r'(<a href="([^"]+)" data-hb-download>)(.*?)(</a>)', re.DOTALL)


class FinishError(HandbookError):
    """A built page the handbook will not publish, or a theme it no longer understands."""


def finish_site(site: Path, generated: Generated, *, docs_dir: Path, site_url: str = "",
                offline_zip: bool = True, problems: Sequence[Problem] = (),
                in_preview: bool = False, cache_dir: Path | None = None) -> None:
    """Turn the engine's `site` into the handbook, in place. `docs_dir` is the hand-written
    pages' folder (the offline shim's policy is read from there); `cache_dir` keeps the word
    roots between builds."""
    handbook = generated.handbook
    index_file = site / search.INDEX
    raw = json.loads(index_file.read_text(encoding="utf-8")) if index_file.is_file() else None
    root_path = urlsplit(site_url or "").path or "/"
    static = static_pages(docs_dir)
    with remembered_roots(cache_dir):
        index = search.build_index(raw, handbook) if raw is not None else None
    if offline_zip and index is not None:
        hashes = allowed_hashes(root_path=root_path, docs_dir=docs_dir)
        offline = download.offline_index(index)
        (site / OFFLINE_ZIP).parent.mkdir(parents=True, exist_ok=True)
        download.build_zip(
            site, site / OFFLINE_ZIP,
            lambda html, rel: finish_page(html, rel, site, hashes,
                                          edition=offline["config"]["handbook"].get("edition")),
            static=static, extra=[(search.INDEX, search.index_text(offline).encode()),
                                  (SEARCH_SCRIPT, download.index_script(offline).encode())])
    if index is not None:
        for path, text in search.site_files(index):  # in two steps (search.site_files)
            (site / path).write_text(text, encoding="utf-8")
    hashes = allowed_hashes(root_path=root_path)
    # the index's edition on every page (search.point_theme_to_worker); not in the preview,
    # whose pages are rebuilt one by one while the index changes
    edition = index["config"]["handbook"]["edition"] if index and not in_preview else None
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel in static:
            continue
        text = finish_page(path.read_text(encoding="utf-8"), rel, site, hashes,
                           problems=problems, live_reload=in_preview, edition=edition)
        path.write_text(text, encoding="utf-8")
    download.remove_unused(site)
    if in_preview:
        preview.write_service_worker(site)
    else:
        write_web_app(site)


def static_pages(docs_dir: Path) -> set[str]:
    """HTML files copied from the hand-written folder (the neutral page resep/): they keep
    their own strict policy and are never finished."""
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.html")}


def finish_page(page_html: str, rel: str, site: Path, hashes: tuple[str, ...], *,
                problems: Sequence[Problem] = (), live_reload: bool = False,
                edition: str | None = None) -> str:
    """One built page (`rel`, its path in the site) as the handbook publishes it; `edition`:
    its search index's, named on the page (search.point_theme_to_worker)."""
    try:
        page_html = search.point_theme_to_worker(page_html, edition)
    except search.ThemeChangedError as exc:
        raise FinishError(str(exc)) from None
    page_html = with_sizes(_GENERATOR.sub("", page_html, count=1), rel, site)
    if problems:
        page_html = preview.with_banner(page_html, problems)
    try:
        # The preview server adds its own inline reload script to every page it serves.
        return protect(page_html, hashes, live_reload=live_reload)
    except UnsafePageError as exc:
        raise FinishError(f"{rel}: halaman berisi skrip atau unsur yang tidak dibuat oleh "
                          f"buku saku ({exc}); situs tidak dibangun") from None


@contextlib.contextmanager
def remembered_roots(cache_dir: Path | None) -> Iterator[None]:
    """Sastrawi's roots of earlier builds, read before and saved after (same package version,
    same roots). A damaged or missing file only costs the time to stem again."""
    if cache_dir is None:
        yield
        return
    path = cache_dir / f"sastrawi-{metadata.version('PySastrawi')}.json"
    table = search_words.stem_cache()
    with contextlib.suppress(OSError, ValueError):
        saved = json.loads(path.read_text(encoding="utf-8"))
        table.update({k: v for k, v in saved.items() if isinstance(v, str)})
    known = len(table)
    yield
    if len(table) != known:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(dict(sorted(table.items())), ensure_ascii=False),
                                 encoding="utf-8")
            temporary.replace(path)


def with_sizes(page_html: str, rel: str, site: Path) -> str:
    """Each download link (`render.Renderer.download`) with the size of the file it names,
    read from the built site: the page can never show a size the file does not have."""
    def sized(match: re.Match) -> str:
        target = site / posixpath.normpath(posixpath.join(posixpath.dirname(rel), match[2]))
        if not target.is_file():
            return match[0]  # generator.verify reports the broken link
        return f"{match[1]}{match[3]} ({size_label(target.stat().st_size)}){match[4]}"

    return _DOWNLOAD.sub(sized, page_html)


def size_label(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(1, size // 1024)} KB"
