"""How fast the handbook builds, and how big it gets, for 48, 1,000 and 2,000 protocols.

Generates a synthetic corpus with the shape of the real one: the real `protocols/` files, with
extra violence types (copies of the real type files) until there are N protocols. Prints, per
corpus, each as wall seconds and CPU seconds (user + system, which a busy machine does not
inflate) and peak memory of the process:

- generate: load, validate, render the pages (no PDFs);
- build, first: `handbook build` with the checklist PDFs already printed (every other cache
  empty);
- build, warm: the same again, nothing changed;
- build, one edit: after a change of one word in one protocol;
- engine alone: a plain Material build (`mkdocs build`, search plugin only, no handbook plugin)
  of the same pages as the build hands the engine, to tell the engine's share from ours;
- the size of the built site.

    .venv/bin/python benchmarks/build_speed.py                  # 48, 1000, 2000
    .venv/bin/python benchmarks/build_speed.py 48 --baseline ../old-checkout

`--baseline DIR` also times DIR's `handbook build` (another checkout of this project with its
own `.venv`) on the same corpus, first and warm, in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# Runs a command and prints its own children's CPU seconds and peak memory (KB) on its last line.
MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
if done.returncode:
    sys.stderr.write(done.stdout[-2000:] + done.stderr[-3000:])
    sys.exit(done.returncode)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""

GENERATE = """
import sys
from pathlib import Path
from generator.build import generate
result = generate(Path(sys.argv[1]), checklists=sys.argv[2] == "1")
print(len(result.pages))
"""

# The pages exactly as `handbook build` hands them to the engine, and a plain config for them.
STAGE = """
import sys, yaml
from pathlib import Path
from generator.build import generate
from generator.stage import project_config, write_config, write_sources
root, folder = Path(sys.argv[1]), Path(sys.argv[2])
generated = generate(root, offline_zip=True)
docs = write_sources(root, generated, folder)
config_file = write_config(root, generated, docs, folder / "site")
config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
config["plugins"] = ["search"]
config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
"""


def make_corpus(target: Path, protocols: int) -> int:
    """Copy the project with its real content, then add types until `protocols` are reached."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "protocols", target / "protocols")
    content = target / "protocols"
    types = sorted(p.stem for p in (content / "types").glob("*.yml"))
    stages = sorted(p.stem for p in (content / "stages").glob("*.yml"))
    written = [(t, s) for t in types for s in stages if (content / t / f"{s}.yml").exists()]
    count = len(types) * len(stages)
    extra = 0
    while count < protocols:
        extra += 1
        source_type = types[extra % len(types)]
        new_type = f"sintetis-{extra:04d}"
        text = (content / "types" / f"{source_type}.yml").read_text(encoding="utf-8")
        lines = [f"order: {100 + extra}" if line.startswith("order:") else
                 (f"name: Jenis sintetis {extra}" if line.startswith("name:") else line)
                 for line in text.splitlines()]
        (content / "types" / f"{new_type}.yml").write_text("\n".join(lines) + "\n", "utf-8")
        (content / new_type).mkdir()
        for stage in stages:
            pair = next(((t, s) for t, s in written if s == stage and t == source_type),
                        next(((t, s) for t, s in written if s == stage), None))
            if pair:
                shutil.copy(content / pair[0] / f"{stage}.yml", content / new_type / f"{stage}.yml")
        count += len(stages)
    return count


def measure(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MB) of one command."""
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", MEASURE, *args], cwd=cwd, capture_output=True,
                          text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{done.stderr[-3000:]}")
    cpu, peak_kb = done.stdout.split()
    return wall, float(cpu), int(peak_kb) / 1024


def one_edit(project: Path) -> None:
    """An editor's change: one word in one protocol."""
    path = project / "protocols" / "fisik" / "pengaduan.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("korban", "penyintas", 1), encoding="utf-8")


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def row(label: str, figures: tuple[float, float, float]) -> str:
    wall, cpu, peak = figures
    return f"  {label:<34} {wall:8.2f} s wall {cpu:8.2f} s CPU {peak:7.0f} MB peak"


def main(sizes: list[int], baseline: Path | None) -> None:
    handbook = [PYTHON, "-m", "generator", "--root"]
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "proyek"
            project.mkdir()
            count = make_corpus(project, n)
            pages = subprocess.run([PYTHON, "-c", GENERATE, str(project), "0"], cwd=ROOT,
                                   capture_output=True, text=True, check=True).stdout.strip()
            print(f"{count} protocols, {pages} generated pages", flush=True)
            print(row("generate (no PDFs)",
                      measure([PYTHON, "-c", GENERATE, str(project), "0"], ROOT)), flush=True)
            measure([PYTHON, "-c", GENERATE, str(project), "1"], ROOT)  # print the PDFs once
            build = [*handbook, str(project), "build"]
            print(row("build, first (PDFs printed)", measure(build, ROOT)), flush=True)
            print(row("build, warm", measure(build, ROOT)), flush=True)
            site = size_mb(project / "site")
            one_edit(project)
            print(row("build, one edit", measure(build, ROOT)), flush=True)
            stage = Path(tmp) / "stage"
            subprocess.run([PYTHON, "-c", STAGE, str(project), str(stage)], cwd=ROOT,
                           check=True, capture_output=True)
            engine = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(stage / "mkdocs.yml")]
            measure(engine, ROOT)  # warm the file cache
            print(row("engine alone (plain Material)", measure(engine, ROOT)), flush=True)
            if baseline is not None:
                old = [str(baseline / ".venv/bin/handbook"), "--root", str(project), "build",
                       "--site", str(Path(tmp) / "old-site")]
                print(row(f"baseline {baseline.name}, first", measure(old, baseline)),
                      flush=True)
                print(row(f"baseline {baseline.name}, warm", measure(old, baseline)),
                      flush=True)
            print(f"  site: {site:.1f} MB, of which the offline zip "
                  f"{(project / 'site/unduh/buku-saku-luring.zip').stat().st_size / 2**20:.1f}"
                  f" MB\n", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[48, 1000, 2000])
    parser.add_argument("--baseline", type=Path, default=None)
    arguments = parser.parse_args()
    main(arguments.sizes, arguments.baseline)
