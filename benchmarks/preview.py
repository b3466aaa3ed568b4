"""Save to visible in `handbook serve`: how long an editor waits to see a saved change.

Copies the project (the shipped handbook, 48 protocols) to a temporary folder, starts
`handbook serve` on a free local port, then saves edits to a protocol, the services file and a
stage file and times each from the save until the changed text is on the served page. Also
times a save that breaks a file (until the problem shows on the page) and the mend.

    .venv/bin/python benchmarks/preview.py          # 3 rounds
    .venv/bin/python benchmarks/preview.py 5
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (file, old text, new text, page that shows it): plain edits an editor makes
PROTOCOL = "protocols/seksual/pengaduan.yml"
PROTOCOL_PAGE = "protokol/seksual/pengaduan/"
# Between a served page and the next save: an editor reads the page before saving again.
PAUSE = 1.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float = 120, *, present: bool = True) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        body = fetch(url)
        if body and (text in body) == present:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{text!r} not on {url} after {limit} s")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used (Linux): the rebuild's cost without the
    time it waited for the CPU on a shared machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def replace_line_end(path: Path, marker: str) -> str:
    """Put `marker` at the start of the first item of the file's first `do:` list."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.strip() == "do:" and lines[i + 1].lstrip().startswith("- "):
            head, _, item = lines[i + 1].partition("- ")
            quote = item[0] if item[:1] in "\"'" else ""
            lines[i + 1] = f"{head}- {quote}{marker} {item[len(quote):]}"
            break
    else:
        raise SystemExit(f"no do: list in {path}")
    path.write_text("".join(lines), encoding="utf-8")
    return text


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as tmp:
        project = Path(tmp)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(ROOT / "docs", project / "docs")
        shutil.copytree(ROOT / "protocols", project / "protocols")
        if (ROOT / ".handbook-cache").exists():  # the checklists an editor already has
            shutil.copytree(ROOT / ".handbook-cache", project / ".handbook-cache")
        port = free_port()
        log = open(Path(tempfile.gettempdir()) / "handbook-preview-bench.log", "w")  # noqa: SIM115
        base = f"http://127.0.0.1:{port}/"
        start = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(project), "serve", "--addr",
             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=log, cwd=ROOT)
        try:
            print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            wait_for(base + PROTOCOL_PAGE, "<h1", limit=300)
            print(f"first page served: {time.perf_counter() - start:.2f} s")
            cases = [(PROTOCOL, PROTOCOL_PAGE), ("protocols/services.yml", "layanan/"),
                     ("protocols/stages/pengaduan.yml", PROTOCOL_PAGE)]
            for path, page in cases:
                times, cpu = [], []
                for n in range(rounds):
                    marker = f"PRATINJAU{n}X{len(times)}{path.count('/')}"
                    file = project / path
                    if path.endswith("services.yml"):
                        text = file.read_text(encoding="utf-8")
                        file.write_text(text.replace("Layanan pengaduan Kementerian PPPA",
                                                     f"Layanan pengaduan {marker} Kementerian PPPA",
                                                     1), encoding="utf-8")
                    else:
                        text = replace_line_end(file, marker)
                    before = cpu_seconds(server.pid)
                    times.append(wait_for(base + page, marker))
                    cpu.append(cpu_seconds(server.pid) - before)
                    file.write_text(text, encoding="utf-8")
                    wait_for(base + page, marker, present=False)  # the revert is served
                    time.sleep(PAUSE)  # an editor reads the page before saving again
                print(f"save to visible, {path}: median {statistics.median(times):.2f} s "
                      f"(min {min(times):.2f}, max {max(times):.2f}, n={len(times)}); "
                      f"server CPU per rebuild: median {statistics.median(cpu):.2f} s")
            file = project / PROTOCOL
            good = file.read_text(encoding="utf-8")
            file.write_text(good.replace("\n  - id:", "\n\t- id:", 1), encoding="utf-8")
            print(f"broken save to problem on the page: "
                  f"{wait_for(base + PROTOCOL_PAGE, 'tab-indentasi'):.2f} s")
            file.write_text(good, encoding="utf-8")
            replace_line_end(file, "DIPERBAIKI")
            print(f"mended save to visible: {wait_for(base + PROTOCOL_PAGE, 'DIPERBAIKI'):.2f} s")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
