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
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import pages
from generator.errors import ContentInvalidError, HandbookError, Problem
from generator.menu import menu_problems
from generator.project import hand_written_dir, menu_entries, project_config
from generator.model import Handbook
from generator.pages import BOOKLET, GUIDE_PDF, OFFLINE_ZIP, checklist_file
from generator.printout import Printer
from generator.render import render_pages
from generator.validate import load_handbook


@dataclass(frozen=True)
class Generated:
    handbook: Handbook
    pages: dict[str, str]  # source path -> Markdown, sorted by path
    downloads: dict[str, bytes]  # source path -> file (checklist PDFs, booklet)
    nav: list
    warnings: list[Problem]


CACHE = ".handbook-cache"


class BuildError(HandbookError):
    """The site engine failed; the previous site is untouched."""


def generate(root: Path, *, site_url: str = "", checklists: bool = True,
             offline_zip: bool = False) -> Generated:
    """Load, validate and render the content of `root/protocols`, checklists included.

    Raises `ContentInvalidError` with every problem, a checklist too long for one page
    included. `checklists=False` skips the PDFs (a quicker preview; pages then have no
    download links); `offline_zip` says the build will add the offline download (the home page
    links it).
    """
    menu = menu_problems(root)
    try:
        handbook, warnings = load_handbook(root)
    except ContentInvalidError as exc:
        if menu:
            raise ContentInvalidError([*exc.problems, *menu]) from None
        raise
    if menu:
        raise ContentInvalidError([*menu, *warnings])
    downloads: dict[str, bytes] = {}
    if checklists:
        printer = Printer(handbook, site_url=site_url, cache_dir=root / CACHE / "pdf")
        downloads, problems = print_checklists(printer)
        if problems:
            raise ContentInvalidError([*problems, *warnings])
    made = [*downloads, *([OFFLINE_ZIP] if offline_zip else [])]
    return Generated(handbook, render_pages(handbook, made), downloads, pages.nav(handbook),
                     warnings)


def print_checklists(printer: Printer) -> tuple[dict[str, bytes], list[Problem]]:
    """Every protocol's one-page checklist and the booklet; a problem per checklist too long."""
    downloads: dict[str, bytes] = {}
    problems: list[Problem] = []
    printed_all = printer.checklists()
    for protocol in printer.handbook.protocols:
        printed = printed_all[protocol.key]
        if printed.pages > 1:
            where = protocol.where
            problems.append(Problem(
                where.path, where.line, where.col,
                f"daftar periksa melebihi satu halaman A4 ({printed.pages} halaman, sekitar "
                f"{printed.overflow_mm:g} mm terlalu panjang); persingkat atau gabungkan butir, "
                "atau beri checklist: [] pada langkah yang tidak perlu dicetak",
                "daftar-periksa-panjang"))
        downloads[checklist_file(protocol)] = printed.pdf
    guide_pdf = b""
    if printer.handbook.guide:
        guide_pdf, problem = print_guide(printer)
        downloads[GUIDE_PDF] = guide_pdf
        problems += [problem] if problem else []
    if not problems:
        downloads[BOOKLET] = printer.booklet(printed_all, guide_pdf)
    return dict(sorted(downloads.items())), problems


def print_guide(printer: Printer) -> tuple[bytes, Problem | None]:
    """The decision guide's one-page flowchart, and a problem when it takes more pages."""
    from generator.guide_render import print_flowchart

    printed = print_flowchart(printer)
    if printed.pages == 1:
        return printed.pdf, None
    return printed.pdf, Problem(
        printer.handbook.guide.path, 1, 1, f"bagan panduan melebihi satu halaman A4 "
        f"({printed.pages} halaman); persingkat pertanyaan, jawaban atau judul hasil",
        "bagan-panduan-panjang")


SITE_URL_VARIABLE = "HANDBOOK_SITE_URL"


def site_url(root: Path) -> str:
    """The handbook's public address (for the checklists' QR codes and the 404 page's links):
    `HANDBOOK_SITE_URL` (the publish workflow sets it), else mkdocs.yml's `site_url`, or ""."""
    import yaml

    if os.environ.get(SITE_URL_VARIABLE):
        return os.environ[SITE_URL_VARIABLE]
    try:
        config = project_config(root)
    except (OSError, yaml.YAMLError):
        return ""
    return str(config.get("site_url") or "")


def source_date_epoch(handbook: Handbook) -> str:
    day = handbook.edition_date
    moment = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    return str(int(moment.timestamp()))


def build_site(root: Path, site_dir: Path, *, generated: Generated | None = None,
               report: Callable[[str], None] = lambda _message: None) -> Generated:
    """Build the whole handbook into `site_dir`, atomically; returns what was generated.

    Generate (unless `generated` is given), write the pages into a folder the site engine
    reads, let the engine theme them, finish the built site (offline download, search,
    policies, web app), check it is complete, then swap it into place. `report` hears each
    stage (the command line prints it).
    """
    from generator import engine, engine_index, finish, stage, verify

    site_dir = site_dir.resolve()
    refuse_site_target(root.resolve(), site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(site_dir.parent)
    url = site_url(root)
    if generated is None:
        generated = generate(root, site_url=url, offline_zip=True)
    staging = Path(tempfile.mkdtemp(prefix=f".site-{os.getpid()}-", dir=site_dir.parent))
    try:
        built = staging / "site"
        built.mkdir()
        docs = stage.write_sources(root, generated, staging / "sources")
        config = stage.write_config(root, generated, docs, built)
        entries = _search_entries(config, docs, root / CACHE / "search")
        report(f"Mesin situs ({engine.name()}) menata halaman ...")
        engine.build(config, epoch=source_date_epoch(generated.handbook))
        if entries is not None:
            engine_index.write(built, entries)
        report("Menyelesaikan: unduhan luring, indeks pencarian, kebijakan keamanan, "
               "aplikasi web ...")
        finish.finish_site(built, generated, docs_dir=hand_written_dir(root), site_url=url,
                           cache_dir=root / CACHE)
        report("Memeriksa kelengkapan situs dan unduhan luring ...")
        verify.verify_site(built, generated, offline_zip=True)
        verify.verify_zip(built / OFFLINE_ZIP, generated)
        files = sum(1 for p in built.rglob("*") if p.is_file())
        _swap_into_place(built, site_dir)
        report(f"{files} berkas dipasang di {site_dir}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return generated


def _search_entries(config_file: Path, docs: Path, cache_dir: Path) -> list[dict] | None:
    """The theme's search entries, made beside the engine (`generator.engine_index`), when the
    engine config has the theme's search plugin; None without it."""
    import yaml

    from generator import engine_index

    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plugins = [entry if isinstance(entry, str) else next(iter(entry))
               for entry in config.get("plugins") or []]
    if not {"search", "material/search"} & set(plugins):
        return None
    return engine_index.index_pages(docs, _nav_titles(config.get("nav") or []),
                                    config.get("markdown_extensions") or [], cache_dir)


def _nav_titles(nav: list) -> dict[str, str]:
    """Source path -> the title its own menu entry gives it (the first, if listed twice)."""
    titles: dict[str, str] = {}
    for at, _, page in menu_entries(nav):
        if at and isinstance(at[-1], str):
            titles.setdefault(page, at[-1])
    return titles


# What every built handbook holds: a folder without them is not a previous site.
SITE_MARKERS = ("index.html", "search/search_index.json")
SOURCE_MARKERS = ("mkdocs.yml", "protocols", "docs", "generator", ".git", "pyproject.toml")


def refuse_site_target(root: Path, site_dir: Path) -> None:
    """The build replaces `site_dir` whole: refuse a folder whose loss would lose work."""
    reason = ""
    if site_dir == root or root.is_relative_to(site_dir):
        reason = "folder itu berisi proyek ini"
    elif any(site_dir == root / name or site_dir.is_relative_to(root / name)
             for name in ("protocols", "docs", "generator", "tests", ".git")):
        reason = "folder itu bagian dari sumber buku saku"
    elif site_dir.exists() and not site_dir.is_dir():
        reason = "itu sebuah berkas, bukan folder"
    elif site_dir.is_dir() and any(site_dir.iterdir()):
        if any((site_dir / name).exists() for name in SOURCE_MARKERS):
            reason = "folder itu berisi berkas sumber"
        elif not all((site_dir / name).is_file() for name in SITE_MARKERS):
            reason = "folder itu tidak kosong dan bukan hasil bangun buku saku sebelumnya"
    if reason:
        raise BuildError(f"Tidak membangun ke {site_dir}: {reason}, dan isinya akan diganti "
                         "seluruhnya. Pilih folder kosong atau folder site/ yang lama.")


def clean_leftovers(folder: Path) -> None:
    """Remove staging folders an interrupted build (kill -9, power loss) left beside site/.

    Staging folders are named `.site-<pid>-...`; one whose process is gone is a leftover (a
    running build's folder is kept)."""
    for leftover in folder.glob(".site-*"):
        match = re.match(r"\.site-(?:old-)?(\d+)-", leftover.name)
        if not match or not leftover.is_dir() or leftover.is_symlink():
            continue
        if int(match[1]) != os.getpid() and _process_alive(int(match[1])):
            continue
        shutil.rmtree(leftover, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _swap_into_place(new: Path, target: Path) -> None:
    """Put `new` at `target`; afterwards `new` holds the old site (or nothing)."""
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        return
    # No atomic exchange here: the old site stays whole under another name until the new one
    # is in place.
    old = Path(tempfile.mkdtemp(prefix=f".site-old-{os.getpid()}-", dir=target.parent))
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
