"""How heavy the handbook is for a phone on a slow network (gzip level 6, as servers send it).

    .venv/bin/python benchmarks/page_weight.py [SITE]   # default: builds into a temp folder

Budgets (issue 5): a protocol page's own HTML under 40 KB compressed; a first visit under
500 KB compressed in all; the search index under 150 KB compressed.
"""

from __future__ import annotations

import gzip
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.webapp import file_of, precache_list  # noqa: E402


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def first_visit(site: Path, page: Path) -> tuple[int, list[str]]:
    """The page plus everything it loads itself (styles, scripts, icons, search worker/index)."""
    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'(?:src|href)="([^"#?]+\.(?:css|js|png|svg|webmanifest))"', html)
    files = {(page.parent / ref).resolve() for ref in refs}
    # the search worker the theme starts (the handbook's, named in the page's __config)
    worker = re.search(r'"search":\s*"([^"]+)"', html)
    if worker:
        files.add((page.parent / worker[1]).resolve())
    files.add(site / "search/search_index.json")
    total = gz(page.read_bytes()) + sum(gz(f.read_bytes()) for f in files if f.is_file())
    return total, sorted(str(f.relative_to(site)) for f in files if f.is_file())


def main(site: Path) -> None:
    pages = sorted(site.glob("protokol/*/*/index.html"))
    sizes = {p: gz(p.read_bytes()) for p in pages}
    biggest = max(sizes, key=sizes.get)
    visit, loaded = first_visit(site, biggest)
    index = gz((site / "search/search_index.json").read_bytes())
    precache, optional = precache_list(site)
    cached = sum(gz(file_of(site, url).read_bytes()) for url in precache)
    zipped = (site / "unduh/buku-saku-luring.zip").stat().st_size
    kb = 1024
    print(f"protocol page HTML, gzip: median {statistics.median(sizes.values()) / kb:.1f} KB, "
          f"largest {sizes[biggest] / kb:.1f} KB ({biggest.parent.relative_to(site)}/) "
          "[budget 40 KB]")
    print(f"first visit of that page, gzip: {visit / kb:.0f} KB in {len(loaded) + 1} files "
          "[budget 500 KB]")
    print(f"search index, gzip: {index / kb:.0f} KB [budget 150 KB]")
    print(f"whole edition cached for offline use after the first visit, gzip: "
          f"{cached / kb:.0f} KB in {len(precache)} files (+{len(optional)} checklist PDFs on "
          "request)")
    print(f"offline download (zip): {zipped / kb:.0f} KB")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]).resolve())
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "build",
                            "--site", f"{tmp}/site"], check=True, capture_output=True)
            main(Path(tmp) / "site")
