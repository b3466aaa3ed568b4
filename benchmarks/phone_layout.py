"""Where things land on a small phone: every protocol page in Chromium at 360x740.

    .venv/bin/python benchmarks/phone_layout.py [SITE]   # default: builds into a temp folder

For each protocol page (1 screen = 740 CSS px): where the first action starts and where the
"Lakukan sekarang" card ends, where step 1 starts, the page's height, the red-flag box's
height, where the last danger-to-life ("nyawa") red flag ends and whether it and the card end
above the safety bar (Darurat, Keluar cepat), whether the overdue-review notice shows, and the
tap targets (links, buttons, folded summaries) smaller than 48x48 CSS px, phone links among
them. Targets (issue 13): the card
wholly on screen 1, step 1 by screen 2, the page at least halved, no phone link under 48 px.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_ARGS, serving  # noqa: E402

SCREEN = 740

# Works on the pages before issue 13 (red flags in a `.admonition.danger`, steps as h3) and
# after it (`#lakukan-sekarang`, `.hb-flags`).
MEASURE = """() => {
  // a returning visit: no "saving for offline" line (service workers are blocked here)
  document.querySelectorAll(".hb-savestate").forEach((el) => el.remove());
  const top = (el) => el ? el.getBoundingClientRect().top + scrollY : null;
  const bottom = (el) => el ? el.getBoundingClientRect().bottom + scrollY : null;
  const article = document.querySelector("article") || document.body;
  const card = document.querySelector("#lakukan-sekarang");
  const step1 = article.querySelector("h3");
  let first = card ? card.querySelector("li") : null;
  if (!first && step1) {
    for (let el = step1.nextElementSibling; el && el.tagName !== "H3"; el = el.nextElementSibling) {
      if (el.tagName === "UL") { first = el.querySelector("li"); break; }
    }
  }
  const flags = document.querySelector(".hb-flags") || article.querySelector(".admonition.danger");
  const overdue = document.querySelector("[data-review-due]");
  // the first screen ends where the safety bar (Darurat, Keluar cepat) covers the page
  const bar = document.querySelector(".hb-safety");
  const seen = bar ? bar.getBoundingClientRect().top + scrollY : innerHeight;
  const lifeFlags = [...document.querySelectorAll(".hb-flag--nyawa")];
  const firstScreenEnd = Math.max(bottom(card) || 0,
    ...lifeFlags.map((el) => bottom(el.querySelector("summary") || el)));
  const targets = [...document.querySelectorAll("a[href], button, summary, input, select")]
    .filter((el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== "hidden"; });
  const small = targets.filter((el) => { const r = el.getBoundingClientRect();
    return r.width < 48 || r.height < 48; });
  return {
    height: document.documentElement.scrollHeight,
    first: top(first), card_bottom: bottom(card), step1: top(step1),
    flags: flags ? flags.getBoundingClientRect().height : 0,
    overdue: !!(overdue && overdue.getClientRects().length),
    life_flags: lifeFlags.length, life_end: lifeFlags.length ? firstScreenEnd : null,
    first_screen_fits: !!card && firstScreenEnd <= seen,
    targets: targets.length, small: small.length,
    small_tel: small.filter((el) => (el.getAttribute("href") || "").startsWith("tel:")).length,
    tel: targets.filter((el) => (el.getAttribute("href") || "").startsWith("tel:")).length,
  };
}"""


def measure(site: Path) -> list[tuple[str, dict]]:
    from playwright.sync_api import sync_playwright

    pages = sorted(p.parent.relative_to(site).as_posix() + "/"
                   for p in site.glob("protokol/*/*/index.html"))
    out = []
    with serving(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": SCREEN},
                                      device_scale_factor=2, is_mobile=True, has_touch=True,
                                      service_workers="block")
        page = context.new_page()
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("load")
            out.append((path, page.evaluate(MEASURE)))
        browser.close()
    return out


def screens(px: float | None) -> str:
    return "-" if px is None else f"{px / SCREEN:.2f}"


def report(rows: list[tuple[str, dict]]) -> None:
    print(f"{'page':45} {'first':>6} {'card':>6} {'step1':>6} {'height':>7} {'flags':>6} "
          f"{'<48':>5} {'tel<48':>6} overdue")
    for path, m in rows:
        print(f"{path:45} {screens(m['first']):>6} {screens(m['card_bottom']):>6} "
              f"{screens(m['step1']):>6} {screens(m['height']):>7} {screens(m['flags']):>6} "
              f"{m['small']:>3}/{m['targets']:<3} {m['small_tel']:>2}/{m['tel']:<3} "
              f"{'yes' if m['overdue'] else 'no'}")

    def stat(key: str, scale: float = SCREEN) -> str:
        values = [m[key] / scale for _, m in rows if m[key] is not None]
        if not values:
            return "-"
        return (f"median {statistics.median(values):.2f}, "
                f"range {min(values):.2f}-{max(values):.2f}")

    print(f"\n{len(rows)} protocol pages at 360x{SCREEN} (figures in screens of {SCREEN} px)")
    print(f"first action starts:        {stat('first')}")
    print(f"'Lakukan sekarang' ends:    {stat('card_bottom')}")
    print(f"step 1 starts:              {stat('step1')}")
    print(f"page height:                {stat('height')}")
    print(f"red-flag box height:        {stat('flags')}")
    print(f"tap targets under 48 px:    {stat('small', 1)} (of {stat('targets', 1)})")
    print(f"phone links under 48 px:    {sum(m['small_tel'] for _, m in rows)} "
          f"(of {sum(m['tel'] for _, m in rows)})")
    print(f"overdue notice shown on:    {sum(m['overdue'] for _, m in rows)} pages")
    print(f"last life-danger flag ends: {stat('life_end')}")
    print(f"card and every life-danger flag above the safety bar: "
          f"{sum(m['first_screen_fits'] for _, m in rows)} of {len(rows)} pages")


def main() -> None:
    if len(sys.argv) > 1:
        report(measure(Path(sys.argv[1]).resolve()))
        return
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "build",
                        "--site", str(site)], check=True, capture_output=True)
        report(measure(site))


if __name__ == "__main__":
    main()
