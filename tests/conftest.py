"""Shared fixtures: a small handbook project in a temporary folder, and the CLI as a function."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import search
from generator.cli import main
from tests.search_node import worker_of

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real mkdocs.yml and docs/ with the small test content of fixtures/mini."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(FIXTURES / "mini" / "protocols", tmp_path / "protocols")
    return tmp_path


def commit_all(folder: Path, message: str = "base") -> None:
    """Commit everything in `folder` on branch main (a git repository from the first call),
    as in an editor's checkout."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                       cwd=folder, check=True, capture_output=True)

    if not (folder / ".git").exists():
        git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-qm", message)


@pytest.fixture
def repo(project: Path) -> Path:
    """The test project as a git checkout whose main holds it as it is."""
    commit_all(project)
    return project


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def handbook(capsys):
    """Run the `handbook` command in-process: handbook("--root", dir, "check")."""

    def run(*args: str | Path) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def digest(folder: Path) -> dict[str, str]:
    """Every file of a folder by path, as a hash: two builds compared byte for byte."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    """Change one place in a content file, as an editor would; fail if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The real handbook, built once for the browser tests."""
    site = tmp_path_factory.mktemp("shipped") / "site"
    assert main(["--root", str(ROOT), "build", "--site", str(site)]) == 0
    return site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler):
    """Serve `folder` on a free local port with `handler`; yields its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served(shipped_site):
    """The built handbook on a local port: its base URL."""
    with serving(shipped_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def real(shipped_site, tmp_path_factory):
    """(worker script, index path, index) of the real handbook: the whole index, as the worker
    has it once the text of the pages (the second step online) has come."""
    index = search.read_site_index(shipped_site)
    index_path = tmp_path_factory.mktemp("index") / "search_index.json"
    index_path.write_text(search.index_text(index), encoding="utf-8")
    return worker_of(shipped_site), str(index_path), index
