"""How long the checklist PDFs take: all protocols cold (empty cache), then warm (unchanged).

    .venv/bin/python benchmarks/checklists.py

Targets (issue 4): under 5 s cold and under 0.5 s warm for the 48 protocols, on 2 cores.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import print_checklists  # noqa: E402
from generator.printout import Printer  # noqa: E402
from generator.validate import load_handbook  # noqa: E402


def main() -> None:
    handbook, _ = load_handbook(ROOT)
    import weasyprint  # noqa: F401  (imported once, outside the timings)

    with tempfile.TemporaryDirectory() as cache:
        for label in ("cold", "warm"):
            printer = Printer(handbook, cache_dir=Path(cache))
            start = time.perf_counter()
            downloads, problems = print_checklists(printer)
            elapsed = time.perf_counter() - start
            size = sum(len(pdf) for pdf in downloads.values()) / 1024
            print(f"{label}: {len(handbook.protocols)} checklists + booklet in {elapsed:.2f} s "
                  f"({printer.rendered} laid out, {size:.0f} KB in all, "
                  f"{len(problems)} too long)", flush=True)


if __name__ == "__main__":
    main()
