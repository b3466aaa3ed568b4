"""How fast the handbook builds, and how big it gets, for 48, 1,000 and 2,000 protocols.

Generates a synthetic corpus with the shape of the real one: the real `protocols/` files, with
extra violence types (copies of the real type files) until there are N protocols. Prints, per
corpus: the generator stage (load, validate, render) time and peak memory, the whole
`handbook build` time and peak memory, and the size of the built site.

    .venv/bin/python benchmarks/build_speed.py            # 48, 1000, 2000
    .venv/bin/python benchmarks/build_speed.py 48 500
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

GENERATE = """
import resource, sys, time
from pathlib import Path
from generator.build import generate
start = time.perf_counter()
result = generate(Path(sys.argv[1]), checklists=sys.argv[2] == "1")
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.3f} {peak:.1f} {len(result.pages)} {len(result.downloads)}")
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


def run(args: list[str], cwd: Path) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{done.stderr[-3000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024, done.stdout


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def main(sizes: list[int]) -> None:
    print("generate: load + validate + render Markdown (no PDFs); pdf cold: every checklist "
          "and the booklet\nwith an empty cache; build warm: `handbook build` (check, MkDocs, "
          "PDFs from the cache).")
    print(f"{'protocols':>9} {'pages':>6} {'generate s':>10} {'gen RSS MB':>10} {'pdf cold s':>10} "
          f"{'build warm s':>12} {'build RSS MB':>12} {'site MB':>8}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            count = make_corpus(project, n)
            _, _, out = run([PYTHON, "-c", GENERATE, str(project), "0"], ROOT)
            gen_s, gen_mb, pages, _ = out.split()
            pdf_s, _, _ = run([PYTHON, "-c", GENERATE, str(project), "1"], ROOT)
            build_s, build_mb, _ = run([PYTHON, "-m", "generator", "--root", str(project),
                                        "build"], ROOT)
            print(f"{count:>9} {pages:>6} {float(gen_s):>10.2f} {float(gen_mb):>10.0f} "
                  f"{pdf_s:>10.1f} {build_s:>12.2f} {build_mb:>12.0f} "
                  f"{size_mb(project / 'site'):>8.1f}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [48, 1000, 2000])
