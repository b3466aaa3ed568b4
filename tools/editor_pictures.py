"""The pictures in CONTRIBUTING.md, made from the real output so they never go stale.

Copies the project to a temporary folder, then with Debian's Chromium (Playwright, no browser
download) photographs:
- pratinjau.png: a protocol page in `handbook serve`;
- pratinjau-masalah.png: the same page after a save that breaks the file (the located problem
  on top);
- ringkasan-peninjau.png: the reviewer's diff (`handbook diff main`) of three typical edits,
  rendered as GitHub shows a pull request comment.

    .venv/bin/python tools/editor_pictures.py       # writes docs/penyunting/*.png
"""

from __future__ import annotations

import html
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import markdown
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "penyunting"
PICTURES = ("pratinjau.png", "pratinjau-masalah.png", "ringkasan-peninjau.png")
PROTOCOL = "protocols/seksual/pengaduan.yml"
PAGE = "protokol/seksual/pengaduan/"
GOOD = "dalam kantong kertas atau kain, bukan plastik."
# Typical edits for the reviewer's diff: a reversed safety advice, a reworded red flag, a
# changed phone number (illustrative value, never published).
EDITS = [
    (PROTOCOL, GOOD, "dalam kantong plastik."),
    ("protocols/perdagangan-orang/penjangkauan.yml", "Banyak korban sekaligus, termasuk anak",
     "Banyak korban sekaligus, terutama anak"),
    ("protocols/services.yml", 'value: "08111129129"', 'value: "08111129130"'),
]
GITHUB_CSS = """
body { font: 14px/1.5 -apple-system, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif;
       color: #1f2328; margin: 0; padding: 16px; background: #fff; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; max-width: 860px; }
.head { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px;
        color: #59636e; border-radius: 6px 6px 0 0; }
.body { padding: 8px 16px; }
h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; font-size: 1.5em; }
h3 { font-size: 1.25em; }
code, pre { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace;
            background: #eff1f3; border-radius: 6px; }
code { padding: .2em .4em; } pre { padding: 16px; white-space: pre-wrap; }
del { background: #ffebe9; color: #82071e; } ins { background: #dafbe1; color: #116329;
      text-decoration: none; }
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="editor-pictures-") as tmp:
        project = Path(tmp)
        for name in ("mkdocs.yml",):
            shutil.copy(ROOT / name, project / name)
        for folder in ("docs", "protocols", ".handbook-cache"):
            if (ROOT / folder).exists():
                shutil.copytree(ROOT / folder, project / folder)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 900, "height": 640})
            preview_pictures(project, page)
            diff_picture(project, page)
            browser.close()
    for name in PICTURES:
        print(f"{OUT.relative_to(ROOT) / name}: {(OUT / name).stat().st_size // 1024} KB")


def preview_pictures(project: Path, page) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "serve", "--addr",
         f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{PAGE}"
    try:
        wait_for(url, "<h1")
        page.goto(url)
        page.screenshot(path=OUT / "pratinjau.png")
        path = project / PROTOCOL
        good = path.read_text(encoding="utf-8")
        # A typical slip: ': ' inside a list item without quotes
        path.write_text(good.replace(f"disimpan {GOOD}", f"disimpan: {GOOD}"), encoding="utf-8")
        # The open page reloads by itself and shows the problem
        page.locator("#pratinjau-masalah").wait_for(timeout=300_000)
        page.wait_for_load_state("load")
        page.screenshot(path=OUT / "pratinjau-masalah.png")
        path.write_text(good, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)


def diff_picture(project: Path, page) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=penyunting", "-c", "user.email=p@contoh.id",
                        *args], cwd=project, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "protocols")
    git("commit", "-qm", "dasar")
    for rel, old, new in EDITS:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "diff",
                           "main"], cwd=ROOT, capture_output=True, text=True, check=True)
    body = markdown.markdown(done.stdout, extensions=["fenced_code"])
    page.set_content(f"<!doctype html><html lang='id'><meta charset='utf-8'><style>{GITHUB_CSS}"
                     f"</style><div class='comment'><div class='head'>github-actions "
                     f"{html.escape('(bot)')} berkomentar</div><div class='body'>{body}</div>"
                     "</div></html>")
    page.locator(".comment").screenshot(path=OUT / "ringkasan-peninjau.png")


def wait_for(url: str, text: str, limit: float = 300) -> None:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{text!r} not on {url} after {limit} s")


if __name__ == "__main__":
    main()
