"""`handbook serve`: an editor saves, breaks and mends a file and the preview keeps up."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import edit

P = "protocols/seksual/pengaduan.yml"
PAGE = "protokol/seksual/pengaduan/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(url: str, text: str, *, present: bool = True, seconds: float = 60) -> str:
    """The page once `text` is on it (or gone from it), failing after `seconds`."""
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        body = _get(url)
        if body and (text in body) == present:
            return body
        time.sleep(0.3)
    pytest.fail(f"{text!r} {'never appeared on' if present else 'stayed on'} {url}:\n"
                f"{body[:2000]}")


@pytest.fixture
def preview(project: Path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "serve", "--addr",
         f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
        start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base + PAGE, "Antar korban ke puskesmas", seconds=120)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_the_preview_shows_each_save_and_survives_a_broken_one(project, preview):
    url = preview + PAGE
    edit(project / P, "Antar korban ke puskesmas atau rumah sakit.",
         "Antar korban ke puskesmas terdekat.")
    _wait_for(url, "Antar korban ke puskesmas terdekat.")

    edit(project / P, "Antar korban ke puskesmas terdekat.", "Antar korban: ke puskesmas.")
    broken = _wait_for(url, "pratinjau-masalah")
    assert f"{P}:22:10: steps[1].do[1]: harus berupa teks" in broken
    assert "Antar korban ke puskesmas terdekat." in broken  # the last good page stays

    edit(project / P, "Antar korban: ke puskesmas.", "Antar korban ke puskesmas umum.")
    mended = _wait_for(url, "Antar korban ke puskesmas umum.")
    assert "pratinjau-masalah" not in mended


def test_a_preview_started_on_broken_content_says_what_is_wrong(project):
    edit(project / P, "Antar korban ke puskesmas atau rumah sakit.", "Antar korban: ke rumah.")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "serve", "--addr",
         f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        home = _wait_for(f"http://127.0.0.1:{port}/", "pratinjau-masalah", seconds=120)
        assert f"{P}:22:10:" in home
        edit(project / P, "Antar korban: ke rumah.", "Antar korban ke rumah sakit.")
        _wait_for(f"http://127.0.0.1:{port}/{PAGE}", "Antar korban ke rumah sakit.")
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.browser
def test_the_open_page_shows_a_save_and_a_broken_save_by_itself(project, preview, page):
    from playwright.sync_api import expect

    page.goto(preview + PAGE)
    expect(page.locator("article")).to_contain_text("Antar korban ke puskesmas atau rumah sakit.")
    edit(project / P, "Antar korban ke puskesmas atau rumah sakit.", "Antar korban: ke rumah.")
    problem = page.locator("#pratinjau-masalah")
    expect(problem).to_be_visible(timeout=60_000)  # no click: the page reloaded itself
    expect(problem).to_contain_text(f"{P}:22:10")
    edit(project / P, "Antar korban: ke rumah.", "Antar korban ke rumah sakit umum.")
    expect(page.locator("article")).to_contain_text("Antar korban ke rumah sakit umum.",
                                                    timeout=60_000)
    expect(problem).to_have_count(0)


def test_a_renamed_type_is_renamed_in_the_menu_of_every_page(project, preview):
    # The save changes one file, but every page's menu names the type: all pages follow.
    other = preview + "protokol/seksual/mediasi/"
    assert "Kekerasan terhadap tubuh" not in _get(other)
    edit(project / "protocols/types/fisik.yml", "name: Kekerasan fisik",
         "name: Kekerasan terhadap tubuh")
    _wait_for(other, "Kekerasan terhadap tubuh")
    _wait_for(preview + PAGE, "Kekerasan terhadap tubuh")


def test_a_change_to_the_theme_shows_on_every_page(project, preview):
    edit(project / "docs/overrides/main.html", "{% block extrahead %}",
         "{% block extrahead %}<!-- tema-diubah-editor -->")
    for page in (PAGE, "protokol/seksual/mediasi/", "glosarium/"):
        _wait_for(preview + page, "tema-diubah-editor")


@pytest.mark.browser
def test_search_in_the_open_preview_finds_the_words_just_saved(project, preview, page):
    # An editor checks a new keyword: the tab reloads itself after the save, she opens the
    # search at once and types it.
    from playwright.sync_api import expect

    from tests.test_search_cost import search_for

    page.goto(preview + PAGE)
    edit(project / P, "Antar korban ke puskesmas atau rumah sakit.",
         "Antar korban ke puskesmas Zamrudlaut.")
    expect(page.locator("article")).to_contain_text("Zamrudlaut", timeout=60_000)
    search_for(page, "zamrudlaut")
    first = page.locator(".md-search-result__link").first
    expect(first).to_be_visible(timeout=10_000)
    expect(first).to_have_attribute("href", re.compile(r"seksual/pengaduan/"))


def test_a_deleted_protocol_is_named_on_the_page_beside_what_then_breaks(project, preview):
    # The guide's references to the protocol are the errors; the missing file itself is a
    # warning, and the editor must see it to know what to restore.
    saved = (project / P).read_bytes()
    (project / P).unlink()
    broken = _wait_for(preview + "protokol/fisik/pengaduan/", "pratinjau-masalah")
    assert f"{P}:1:1: peringatan:" in broken
    (project / P).write_bytes(saved)
    _wait_for(preview + "protokol/fisik/pengaduan/", "pratinjau-masalah", present=False)
