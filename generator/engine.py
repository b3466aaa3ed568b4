"""The site engine: whatever turns the staged folder's Markdown into themed HTML.

MkDocs 1.6 by default; ProperDocs (the continuation of MkDocs 1.x, same API under its own
name) with `HANDBOOK_ENGINE=properdocs`. Both read the `mkdocs.yml` that `generator.stage`
writes. Nothing else in the pipeline depends on which one ran: `generator.verify` checks
what it built.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.errors import HandbookError

ENGINES = ("mkdocs", "properdocs")
ENGINE_VARIABLE = "HANDBOOK_ENGINE"


class EngineError(HandbookError):
    """The site engine failed, or is not installed."""


def name() -> str:
    """The engine this build uses: `HANDBOOK_ENGINE`, else mkdocs."""
    chosen = os.environ.get(ENGINE_VARIABLE) or "mkdocs"
    if chosen not in ENGINES:
        raise EngineError(f"{ENGINE_VARIABLE}={chosen!r} tidak dikenal; pilih salah satu: "
                          f"{', '.join(ENGINES)}")
    return chosen


def build(config_file: Path, *, engine: str | None = None, epoch: str | None = None) -> None:
    """Build the site `config_file` describes.

    MkDocs runs in this process. Another engine runs as its own command in a child process:
    ProperDocs takes the place of the `mkdocs` modules when it starts, which must not happen in
    a process that has loaded MkDocs. `epoch` is the SOURCE_DATE_EPOCH the engine dates the
    sitemap from (same content, same bytes).
    """
    engine = engine or name()
    if engine != "mkdocs":
        _build_in_child(config_file, engine, epoch)
        return
    _build_in_process(config_file, epoch)


def rebuild_in_place(config_file: Path, *, dirty: bool, epoch: str | None = None) -> None:
    """The preview's build (`generator.serve`): MkDocs in this process, into the same folder
    every time, not strict (a warning is the editor's to read, not a stop). With `dirty` only
    the pages whose source is newer than their built page are rebuilt; the rest stay."""
    _build_in_process(config_file, epoch, strict=False, dirty=dirty)


def _build_in_process(config_file: Path, epoch: str | None, *, strict: bool | None = None,
                      dirty: bool = False) -> None:
    """MkDocs in this process; `strict` None keeps the config's own setting."""
    from mkdocs.commands import build as build_module
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _quiet("mkdocs"), _environment("SOURCE_DATE_EPOCH", epoch), _without(_DIRTY_NOTICE):
        config = load_config(str(config_file), strict=strict)
        try:
            build_module.build(config, dirty=dirty)
        except MkDocsException as exc:
            raise EngineError(f"Situs tidak dibangun: {exc}") from None
        finally:
            config.plugins.on_shutdown()


def _build_in_child(config_file: Path, engine: str, epoch: str | None) -> None:
    if importlib.util.find_spec(engine) is None:
        raise EngineError(f"mesin situs '{engine}' tidak terpasang; jalankan bash scripts/setup")
    env = {**({"SOURCE_DATE_EPOCH": epoch} if epoch else {}), **os.environ}  # a set one wins
    done = subprocess.run([sys.executable, "-m", engine, "build", "--config-file",
                           str(config_file)], env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        said = "\n".join(line for line in (done.stderr or done.stdout).splitlines()
                         if line.strip())[-2000:]
        raise EngineError(f"Situs tidak dibangun oleh {engine}:\n{said}")


@contextlib.contextmanager
def _environment(key: str, value: str | None) -> Iterator[None]:
    before = os.environ.get(key)
    if value is not None and before is None:
        os.environ[key] = value
    try:
        yield
    finally:
        if value is not None and before is None:
            os.environ.pop(key, None)


@contextlib.contextmanager
def _quiet(engine: str) -> Iterator[None]:
    """The engine's own INFO lines ("Cleaning site directory", the build time) are noise in
    the handbook's output: its warnings and errors stay."""
    logger = logging.getLogger(engine)
    level = logger.level
    if not logger.isEnabledFor(logging.DEBUG):
        logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


# MkDocs warns on every dirty build that other pages' navigation may be stale: the preview
# rebuilds everything whenever the navigation changes, so the warning says nothing there.
_DIRTY_NOTICE = "A 'dirty' build is being performed"


@contextlib.contextmanager
def _without(message_start: str) -> Iterator[None]:
    logger = logging.getLogger("mkdocs.commands.build")

    def keep(record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(message_start)

    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)
