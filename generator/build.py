"""From the project folder to the built site: generate the pages, build, swap in atomically.

`generate` is the pipeline up to Markdown (load, validate, render), used by the MkDocs plugin
and the command line alike. `build_site` runs MkDocs into a temporary folder next to `site/`
and replaces `site/` only when everything succeeded, so a failed or interrupted build leaves the
previous site byte-for-byte whole.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator import pages
from generator.errors import HandbookError, Problem
from generator.model import Handbook
from generator.render import render_pages
from generator.validate import load_handbook


@dataclass(frozen=True)
class Generated:
    handbook: Handbook
    pages: dict[str, str]  # source path -> Markdown, sorted by path
    nav: list
    warnings: list[Problem]


class BuildError(HandbookError):
    """The site engine failed; the previous site is untouched."""


def generate(root: Path) -> Generated:
    """Load, validate and render the content of `root/protocols`."""
    handbook, warnings = load_handbook(root)
    return Generated(handbook, render_pages(handbook), pages.nav(handbook), warnings)


def edition_date(handbook: Handbook) -> datetime.date:
    """The handbook's edition: the newest date in any protocol's history.

    Derived from the content, so that the same content builds the same bytes on any day.
    """
    dates = [h.date for p in handbook.protocols for h in p.history]
    return max(dates, default=datetime.date(2026, 1, 1))


def source_date_epoch(handbook: Handbook) -> str:
    day = edition_date(handbook)
    moment = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    return str(int(moment.timestamp()))


def build_site(root: Path, site_dir: Path, *, strict: bool = True) -> None:
    """Build the whole handbook into `site_dir`, atomically."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict)
        try:
            build(config)
        except MkDocsException as exc:
            raise BuildError(f"Situs tidak dibangun: {exc}") from None
        finally:
            config.plugins.on_shutdown()
        _swap_into_place(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_into_place(new: Path, target: Path) -> None:
    """Put `new` at `target`; afterwards `new` holds the old site (or nothing)."""
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        return
    # No atomic exchange here: the old site stays whole under another name until the new one
    # is in place.
    old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=target.parent))
    os.rmdir(old)
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step with Linux renameat2(RENAME_EXCHANGE)."""
    with contextlib.suppress(AttributeError, OSError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        at_fdcwd, rename_exchange = -100, 2
        result = libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b),
                                rename_exchange)
        return result == 0
    return False
