"""The reviewer's diff beyond `protocols/`: what else a reader of the handbook sees.

The hand-written pages (`docs_dir` in mkdocs.yml) are compared paragraph by paragraph, the
old and the new wording of each changed paragraph with its words marked, as the protocols are.
Every other changed file under `docs/` and `mkdocs.yml` (the theme, styles, pictures, the menu)
is named with what happened to it: its lines are for a developer to read in the pull
request's own file view. Code and tests are not listed: they change nothing a reader sees
without a change here.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from generator.project import CONFIG, hand_written_dir, menu_entries
from generator.review import FileChange, _Out, _text_list
from generator.wording import github_text

SEEN = ("docs", CONFIG)  # what a reader of the handbook sees, besides protocols/
STATUS = {"A": "baru", "D": "dihapus"}


def changes_outside(root: Path, base: str) -> list[FileChange]:
    """Each file under `docs/` or `mkdocs.yml` that differs from `base` (committed or not)."""
    pages = hand_written_dir(root).relative_to(root).as_posix() + "/"
    changes = []
    for path, status in sorted(_changed(root, base).items()):
        if path.startswith(pages) and path.endswith(".md"):
            old = _at(root, base, path) if status != "baru" else ""
            new = (root / path).read_text(encoding="utf-8") if status != "dihapus" else ""
            out = _Out()
            _text_list(out, _paragraphs(old), _paragraphs(new), "paragraf", 0)
            title = github_text(_title(new or old, path))
            changes.append(FileChange(path, f"Halaman tulisan tangan: {title}",
                                      status, out.lines or ["- Hanya spasi atau baris kosong "
                                                            "yang berubah; isinya sama."],
                                      path=path))
        elif path == CONFIG:
            changes.append(FileChange(path, "Menu buku saku dan pengaturan situs", status,
                                      _config_lines(_at(root, base, path),
                                                    _read(root / path)), path=path))
        else:
            changes.append(FileChange(path, "Tampilan (tema, gaya, gambar atau skrip)", status, [
                f"- Berkas {status}. Isinya ditinjau di tab *Files changed* pull request ini; "
                "lihat juga pratinjau buku saku."], path=path))
    return changes


def _config_lines(old: str, new: str) -> list[str]:
    """The menu's entries added, removed and renamed, then whether anything else changed."""
    before, after = _yaml(old), _yaml(new)
    out = _Out()
    _text_list(out, _menu(before.get("nav")), _menu(after.get("nav")), "menu", 0)
    rest = ({k: v for k, v in before.items() if k != "nav"}
            != {k: v for k, v in after.items() if k != "nav"})
    if rest or (before == after and old != new):
        out.add(0, "Pengaturan situs lain berubah; ditinjau di tab *Files changed* pull request "
                   "ini.")
    return out.lines or ["- Hanya penulisan berkas yang berubah; isinya sama."]


def _menu(nav) -> list[str]:
    """Each page of the menu as 'Bagian / Judul: halaman.md', in order."""
    return [f"{' / '.join(titles)}: {page}" if titles else page
            for _, titles, page in menu_entries(nav)]


def _yaml(text: str) -> dict:
    try:
        data = yaml.safe_load(text) if text else {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _changed(root: Path, base: str) -> dict[str, str]:
    """Path -> baru / dihapus / diubah, for the working tree against `base`."""
    def git(*args: str) -> list[str]:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                              check=False)
        return done.stdout.splitlines() if done.returncode == 0 else []

    found = {}
    for line in git("diff", "--name-status", "--no-renames", base, "--", *SEEN):
        status, _, path = line.partition("\t")
        found[path] = STATUS.get(status[:1], "diubah")
    for path in git("ls-files", "--others", "--exclude-standard", "--", *SEEN):
        found[path] = "baru"
    return found


def _at(root: Path, base: str, path: str) -> str:
    done = subprocess.run(["git", "show", f"{base}:{path}"], cwd=root, capture_output=True,
                          check=False)
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else ""


def _paragraphs(text: str) -> list[str]:
    """The page's blocks (front matter, headings, paragraphs, list items), spaces evened."""
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [" ".join(line.split()) for line in block.splitlines() if line.strip()]
        if lines:
            blocks.append(" / ".join(lines))
    return blocks


def _title(text: str, path: str) -> str:
    """The page's title: its front matter's, else its first heading, else its file name."""
    lines = text.splitlines()
    if lines[:1] == ["---"] and "---" in lines[1:]:
        end = lines.index("---", 1)
        for line in lines[1:end]:
            if line.startswith("title:"):
                return line.removeprefix("title:").strip().strip("\"'")
        lines = lines[end + 1:]
    for line in lines:
        if line.startswith("# "):
            return line[2:].strip()
    return path.rsplit("/", 1)[-1]
