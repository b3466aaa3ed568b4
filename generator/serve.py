"""`handbook serve`: the preview an editor keeps open while saving, rebuilt by what changed.

The same pipeline as `handbook build` (generate, stage, engine, finish), kept between saves in
`.handbook-cache/preview/`:

- `sources/docs`: the staged folder; a save rewrites only the files whose bytes changed
  (`stage.sync_sources`);
- `engine/`: what the engine built; a save rebuilds only the pages whose staged file changed
  (MkDocs' dirty build), or everything when the navigation, the engine config or the theme's
  templates changed, or a file went away;
- `site/`: what the browser is served: the engine's files, each page finished as the published
  site finishes it (worker, download sizes, policy), plus the located problems on top of every
  page while the content is invalid, and a service worker that keeps nothing.

A save that makes the content invalid keeps the last good pages and puts the problems on them;
the next good save brings the pages back. The search index is rebuilt before the browser
reloads, from the words of unchanged texts kept in memory. Nothing here is published:
`handbook build` makes the site, the zip and their checks.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from generator import engine, preview, search, stage
from generator.build import CACHE, Generated, generate, site_url, source_date_epoch
from generator.download import remove_unused
from generator.errors import ContentInvalidError, HandbookError, Problem
from generator.finish import finish_page, remembered_roots, static_pages
from generator.pages import url_of
from generator.project import CONFIG, hand_written_dir, project_config
from generator.security import allowed_hashes
from generator.validate import editor_file

WORK = "preview"  # under .handbook-cache/


class PreviewSite:
    """The preview of one project folder; `update()` after every save."""

    def __init__(self, root: Path, *, say: Callable[[str], None] = lambda _message: None
                 ) -> None:
        self.root = root.resolve()
        work = self.root / CACHE / WORK
        self.sources = work / "sources"
        self.engine_site = work / "engine"
        self.site = work / "site"
        self.say = say
        self.url = site_url(self.root)
        self.generated: Generated | None = None  # the last good content
        self.problems: tuple[Problem | str, ...] = ()  # shown on every page while not empty
        self._engine_inputs = ""  # digest of what makes every page: config, nav, templates
        self._built: dict[str, tuple[int, int]] = {}  # engine folder: path -> (mtime, size)
        self._raw_pages: dict[str, list[dict]] = {}  # the engine's search entries per page
        for folder in (self.sources, self.engine_site, self.site):
            shutil.rmtree(folder, ignore_errors=True)
        self.site.mkdir(parents=True)

    @property
    def watched(self) -> list[Path]:
        """What an editor changes: the content, the hand-written pages and theme, mkdocs.yml."""
        return [self.root / "protocols", self.root / "docs", self.root / CONFIG]

    def update(self) -> None:
        """Bring the served site up to date with the project folder. Content problems end up
        on the pages, never as an exception."""
        started = time.perf_counter()
        try:
            generated = generate(self.root, site_url=self.url)
        except ContentInvalidError as exc:
            self._show_problems(exc.problems)
            errors = [p for p in exc.problems if not p.warning]
            self.say(f"{len(errors)} masalah; pratinjau menampilkannya di setiap halaman:\n"
                     + "\n".join(map(str, exc.problems)))
            return
        had_problems = bool(self.problems)
        try:
            rebuilt = self._build(generated)
        except HandbookError as exc:
            self._show_problems([str(exc)])
            self.say(str(exc))
            return
        for warning in generated.warnings:
            self.say(str(warning))
        mended = "Masalah sudah teratasi. " if had_problems else ""
        done = (f"{rebuilt} halaman dibangun ulang" if rebuilt
                else "tidak ada halaman yang isinya berubah")
        self.say(f"{mended}Pratinjau diperbarui: {done} "
                 f"({time.perf_counter() - started:.1f} dtk).")

    # The pipeline, incrementally ------------------------------------------------------

    def _build(self, generated: Generated) -> int:
        docs = self.sources / "docs"
        written, removed = stage.sync_sources(self.root, generated, docs)
        config = stage.write_config(self.root, generated, docs, self.engine_site)
        inputs = self._inputs_digest(config)
        everything = inputs != self._engine_inputs or bool(removed)
        if written or removed or everything or not self._built:
            self._forget_built(written)
            engine.rebuild_in_place(config, dirty=not everything,
                                    epoch=source_date_epoch(generated.handbook))
        before, self._built = self._built, _snapshot(self.engine_site)
        changed = {rel for rel, stamp in self._built.items() if before.get(rel) != stamp}
        gone = set(before) - set(self._built)
        self._engine_inputs = inputs
        problems_cleared = bool(self.problems)
        self.generated, self.problems = generated, ()
        self._publish(set(self._built) if problems_cleared else changed, gone)
        self._write_index(everything)
        # the engine redoes its 404 page on every build: not a page the save changed
        return sum(1 for rel in changed if rel.endswith(".html") and rel != "404.html")

    def _forget_built(self, written: Iterable[str]) -> None:
        """Remove what the engine built from each rewritten file: the dirty build redoes a
        page whose built file is missing, whatever the file system's clock resolution (on
        some, a save in the same second as the last build would look older)."""
        for rel in written:
            built = url_of(rel, directory_urls=False) if rel.endswith(".md") else rel
            (self.engine_site / built).unlink(missing_ok=True)

    def _inputs_digest(self, config: Path) -> str:
        """What every page is made from: the engine config (navigation included) and the
        theme's own templates. When it changes, every page is rebuilt."""
        digest = hashlib.sha256(config.read_bytes())
        theme_dir = (project_config(self.root).get("theme") or {}).get("custom_dir")
        if theme_dir:
            for path in sorted((self.root / theme_dir).rglob("*")):
                if path.is_file():
                    digest.update(path.relative_to(self.root).as_posix().encode())
                    digest.update(path.read_bytes())
        return digest.hexdigest()

    def _publish(self, changed: set[str], gone: Iterable[str]) -> None:
        """Copy what the engine changed into the served folder, finishing the pages."""
        pages = self._engine_pages(changed)
        for rel in sorted(changed - pages - {search.INDEX}):
            target = self.site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.engine_site / rel, target)
        for rel in gone:
            (self.site / rel).unlink(missing_ok=True)
        pages |= self._pages_linking(changed)
        self._finish(pages)
        remove_unused(self.site)
        preview.write_service_worker(self.site)

    def _engine_pages(self, rels: Iterable[str]) -> set[str]:
        """The pages among `rels` the preview finishes: the engine's, not the hand-written
        HTML files (they keep their own policy, as in `finish.finish_site`)."""
        static = static_pages(hand_written_dir(self.root))
        return {rel for rel in rels if rel.endswith(".html") and rel not in static}

    def _pages_linking(self, changed: set[str]) -> set[str]:
        """Pages that link a changed download: their links show its size."""
        names = {rel.rsplit("/", 1)[-1] for rel in changed if rel.endswith((".pdf", ".zip"))}
        if not names:
            return set()
        return {rel for rel in self._engine_pages(self._built)
                if any(name in (self.engine_site / rel).read_text(encoding="utf-8")
                       for name in names)}

    def _finish(self, pages: Iterable[str]) -> None:
        hashes = allowed_hashes(root_path=urlsplit(self.url).path or "/")
        for rel in sorted(pages):
            text = finish_page((self.engine_site / rel).read_text(encoding="utf-8"), rel,
                               self.site, hashes, problems=self.problems, live_reload=True)
            target = self.site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

    def _show_problems(self, problems: Sequence[Problem | str]) -> None:
        """Put the problems on every page: of the last good build, or, before any, a page
        that only says what is wrong."""
        self.problems = tuple(problems)
        if self.generated is None and not self._built:
            self._build_problems_page()
            return
        self._finish(self._engine_pages(self._built))

    def _build_problems_page(self) -> None:
        """No good build yet: the hand-written pages and a home page, with the problems."""
        placeholder = Generated(handbook=None, pages={preview.ERRORS_PAGE: preview.errors_page()},
                                downloads={}, nav=[], warnings=[])
        docs = self.sources / "docs"
        stage.sync_sources(self.root, placeholder, docs)
        config = stage.write_config(self.root, placeholder, docs, self.engine_site)
        engine.rebuild_in_place(config, dirty=False)
        self._built = _snapshot(self.engine_site)
        self._engine_inputs = ""  # the first good save rebuilds everything
        self._publish(set(self._built), ())

    # The search index ---------------------------------------------------------------------

    def _write_index(self, everything: bool) -> None:
        """The worker's index of every page, before the browser reloads (a search opened
        right after a save finds its words). A dirty build's engine index lists only the
        pages it rebuilt: they replace their own entries. Unchanged texts cost nothing
        (`search` keeps their words and roots), so this takes a few hundredths of a second."""
        raw_file = self.engine_site / search.INDEX
        if not raw_file.is_file():
            return
        raw = json.loads(raw_file.read_text(encoding="utf-8"))
        pages: dict[str, list[dict]] = {}
        for doc in raw["docs"]:
            pages.setdefault(doc["location"].split("#")[0], []).append(doc)
        if everything:
            self._raw_pages = pages
        else:
            self._raw_pages.update(pages)
        whole = {"config": raw["config"],
                 "docs": [doc for docs in self._raw_pages.values() for doc in docs]}
        with remembered_roots(self.root / CACHE):
            index = search.build_index(whole, self.generated.handbook)
        for path, text in search.site_files(index):  # in two steps, as the site serves it
            target = self.site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            stat = path.stat()
            if path.is_file():
                out[path.relative_to(folder).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return out


def serve(root: Path, addr: str) -> int:
    """Build the preview, serve it on `addr` (host:port) and rebuild on every save."""
    from mkdocs.livereload import LiveReloadServer

    host, _, port = addr.rpartition(":")
    site = PreviewSite(root, say=lambda message: print(message, file=sys.stderr, flush=True))
    site.update()
    mount = urlsplit(site.url).path or "/"
    server = LiveReloadServer(builder=site.update, host=host or "127.0.0.1", port=int(port),
                              root=str(site.site), mount_path=mount, polling_interval=0.1)
    server.observer = _observer(server.observer)
    server.error_handler = lambda code: _error_page(site.site, code)
    for path in site.watched:
        if path.exists():
            server.watch(str(path))
    print(f"Pratinjau di http://{host or '127.0.0.1'}:{port}{mount} "
          "(hentikan dengan Ctrl+C)", file=sys.stderr, flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        print("Pratinjau dihentikan.", file=sys.stderr)
    finally:
        server.shutdown()
    return 0


def _observer(polling):
    """The system's own notices of saved files (a save is seen at once) where watchdog has
    them and can leave out the notices of files merely read (each rebuild reads them all);
    else MkDocs' polling, every tenth of a second."""
    import inspect

    from watchdog import events
    from watchdog.observers import Observer

    if "event_filter" not in inspect.signature(Observer.schedule).parameters:
        return polling
    saves = [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent,
             events.FileMovedEvent, events.FileClosedEvent]

    class NotEditorFiles(events.FileSystemEventHandler):
        """An editor's swap, lock and backup files change all the time: not a save."""

        def __init__(self, handler) -> None:
            self.handler = handler

        def dispatch(self, event) -> None:
            target = getattr(event, "dest_path", "") or event.src_path
            if not editor_file(Path(os.fsdecode(target))):
                self.handler.dispatch(event)

    class SavesOnly(Observer):
        def schedule(self, handler, path, *, recursive=False, **_options):
            return super().schedule(NotEditorFiles(handler), path, recursive=recursive,
                                    event_filter=saves)

    try:
        return SavesOnly()
    except (OSError, RuntimeError):
        return polling


def _error_page(site: Path, code: int) -> bytes | None:
    page = site / f"{code}.html"
    return page.read_bytes() if code == 404 and page.is_file() else None
