"""Printable checklists: one A4 page per protocol, and the trainers' booklet of them all.

WeasyPrint lays out HTML and CSS into PDF with the machine's Pango; it was chosen over a
headless browser because it needs no browser at build time and supports what print needs
(`@page`, running footers). Every checklist PDF is cached by a hash of everything that shapes
it, so an unchanged protocol is not laid out again; the booklet is the cover and contents
(laid out by WeasyPrint) followed by the checklist PDFs themselves, joined with pypdf, so it
never lays a checklist out a second time. Each sheet carries its sheet number ("Lembar N"),
the same on its own and in the booklet.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import jinja2

from generator import pages
from generator.checklist import checklist_for
from generator.model import Handbook, Protocol
from generator.render import indonesian_date

A4_HEIGHT_MM = 297.0
MM_PER_PX = 25.4 / 96  # CSS pixels
LAYOUT_VERSION = "4"  # change when this module changes what a cached PDF would contain
PARALLEL_FROM = 6  # lay out in worker processes when at least this many PDFs are missing
FONTS = {
    "FONT_400": "atkinson-hyperlegible-latin-400-normal.ttf",
    "FONT_700": "atkinson-hyperlegible-latin-700-normal.ttf",
    "FONT_EXT_400": "atkinson-hyperlegible-latin-ext-400-normal.ttf",
    "FONT_EXT_700": "atkinson-hyperlegible-latin-ext-700-normal.ttf",
}


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    pages: int
    overflow_mm: float  # how much taller than one page the content is; 0 when it fits


class Printer:
    """Renders the checklists of one handbook to PDF, caching each by content."""

    def __init__(self, handbook: Handbook, *, site_url: str = "",
                 cache_dir: Path | None = None) -> None:
        self.handbook = handbook
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.cache_dir = cache_dir
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("generator", "templates"), autoescape=True,
            undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.css = stylesheet()
        self.css_identity = stylesheet_identity()
        self.edition = indonesian_date(handbook.edition_date)
        self.sheets = {p.key: n for n, p in enumerate(_booklet_order(handbook), start=1)}
        self.rendered = 0  # how many PDFs were laid out (not taken from the cache)

    def checklist(self, protocol: Protocol) -> Printed:
        return self.checklists([protocol])[protocol.key]

    def checklists(self, protocols: list[Protocol] | None = None
                   ) -> dict[tuple[str, str], Printed]:
        """The checklist of each protocol (all by default), from the cache where possible."""
        protocols = list(self.handbook.protocols if protocols is None else protocols)
        jobs = {p.key: self._html(p) for p in protocols}
        keys = {k: _cache_key(html, self.css_identity, measure=True) for k, html in jobs.items()}
        done = {k: self._cached(keys[k]) for k in jobs}
        missing = [k for k, printed in done.items() if printed is None]
        if len(missing) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
                results = pool.map(_lay_out, [jobs[k] for k in missing],
                                   [self.css] * len(missing), [keys[k] for k in missing])
                done.update(zip(missing, results, strict=True))
        else:
            for k in missing:
                done[k] = _lay_out(jobs[k], self.css, keys[k])
        for k in missing:
            self._store(keys[k], done[k])
        self.rendered += len(missing)
        return done

    def booklet(self, printed: dict[tuple[str, str], Printed], guide: bytes = b"") -> bytes:
        """Cover and contents, every checklist in sheet order, then the guide's flowchart (if
        any), as one PDF."""
        from pypdf import PdfReader, PdfWriter

        order = _booklet_order(self.handbook)
        contents = [(stage, [(self.sheets[p.key], self.handbook.type(p.type))
                             for p in order if p.stage == stage.id])
                    for stage in self.handbook.stages]
        html = self.env.get_template("booklet.html.j2").render(
            edition=self.edition, contents=contents, count=len(order), guide=bool(guide))
        sheets = [*(printed[p.key].pdf for p in order), *([guide] if guide else [])]
        key = _cache_key(html + "".join(hashlib.sha256(pdf).hexdigest() for pdf in sheets),
                         self.css_identity, measure=False)
        if cached := self._cached(key):
            return cached.pdf
        # The cover and contents change only with the handbook's outline, not with a sheet.
        front_key = _cache_key(html, self.css_identity, measure=False)
        front = self._cached(front_key)
        if front is None:
            front = _lay_out(html, self.css, front_key, measure=False)
            self._store(front_key, front)
        writer = PdfWriter()
        for pdf in [front.pdf, *sheets]:
            writer.append(PdfReader(io.BytesIO(pdf)))
        writer.add_metadata({"/Title": "Buku daftar periksa", "/Producer": "handbook"})
        out = io.BytesIO()
        writer.write(out)
        self._store(key, Printed(out.getvalue(), len(writer.pages), 0.0))
        return out.getvalue()

    def _html(self, protocol: Protocol) -> str:
        checklist = checklist_for(self.handbook, protocol)
        url = pages.url_of(pages.protocol_page(protocol))
        address = self.site_url + url if self.site_url else f"{url} di situs buku saku"
        return self.env.get_template("checklist.html.j2").render(
            checklist=checklist, sheet=self.sheets[protocol.key],
            type=self.handbook.type(protocol.type), stage=self.handbook.stage(protocol.stage),
            reviewed=indonesian_date(protocol.reviewed) if protocol.written else "-",
            edition=self.edition, address=address,
            qr=_qr(self.site_url + url) if self.site_url else "")

    def _cached(self, key: str) -> Printed | None:
        if self.cache_dir is None:
            return None
        pdf, meta = self.cache_dir / f"{key}.pdf", self.cache_dir / f"{key}.json"
        if not (pdf.exists() and meta.exists()):
            return None
        try:  # a truncated or empty entry (disk full, killed build) is a miss, laid out again
            info = json.loads(meta.read_text())
            data = pdf.read_bytes()
            if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
                return None
            return Printed(data, int(info["pages"]), float(info["overflow_mm"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _store(self, key: str, printed: Printed) -> None:
        if self.cache_dir is None:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / f"{key}.pdf").write_bytes(printed.pdf)
        (self.cache_dir / f"{key}.json").write_text(
            json.dumps({"pages": printed.pages, "overflow_mm": printed.overflow_mm}))


def stylesheet() -> str:
    css = files("generator").joinpath("templates/checklist.css").read_text("utf-8")
    for placeholder, name in FONTS.items():
        css = css.replace(placeholder, Path(str(files("generator") / "fonts" / name)).as_uri())
    return css


@functools.cache
def stylesheet_identity() -> str:
    """What the stylesheet is, wherever the project is checked out: its text and its fonts'
    bytes, not their paths (the key names each PDF, whose bytes must not depend on the folder)."""
    digest = hashlib.sha256(files("generator").joinpath("templates/checklist.css").read_bytes())
    for name in sorted(FONTS.values()):
        digest.update(files("generator").joinpath("fonts", name).read_bytes())
    return digest.hexdigest()


def _booklet_order(handbook: Handbook) -> list[Protocol]:
    """By stage, then by type: the order a training follows."""
    return [handbook.protocol(t.id, s.id) for s in handbook.stages for t in handbook.types]


@functools.cache
def _weasyprint_version() -> str:
    # From the package metadata: importing WeasyPrint costs most of a warm build's second.
    from importlib.metadata import version

    return version("weasyprint")


def _cache_key(html: str, css_identity: str, *, measure: bool) -> str:
    return hashlib.sha256("\0".join([LAYOUT_VERSION, html, css_identity, _weasyprint_version(),
                                     str(measure)]).encode()).hexdigest()


@functools.cache
def _styles(css: str, page_height_mm: float | None = None):
    """Parse the stylesheet and load its fonts once per process (about half of a layout)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    if page_height_mm:
        css += f"\n@page {{ size: 210mm {page_height_mm}mm; }}"
    return weasyprint.CSS(string=css, font_config=fonts), fonts


def _lay_out(html: str, css: str, key: str, measure: bool = True) -> Printed:
    """HTML -> PDF; when it takes more than one page, also how far past one page it runs."""
    import weasyprint

    stylesheet_, fonts = _styles(css)
    document = weasyprint.HTML(string=html, base_url=".").render(
        stylesheets=[stylesheet_], font_config=fonts)
    overflow = _overflow_mm(html, css) if measure and len(document.pages) > 1 else 0.0
    # A fixed identifier and no dates in the metadata: same content, same bytes.
    pdf = document.write_pdf(pdf_identifier=key[:32].encode())
    return Printed(pdf, len(document.pages), overflow)


def _overflow_mm(html: str, css: str) -> float:
    """Lay the checklist out on one very tall page and see how far past A4 it reaches."""
    import weasyprint

    stylesheet_, fonts = _styles(css, 3000.0)
    document = weasyprint.HTML(string=html, base_url=".").render(
        stylesheets=[stylesheet_], font_config=fonts)
    page_box = document.pages[0]._page_box
    root = page_box.children[0]  # the <html> box
    bottom_px = root.position_y + root.margin_height()
    limit_px = A4_HEIGHT_MM / MM_PER_PX - page_box.margin_bottom
    return max(0.0, round((bottom_px - limit_px) * MM_PER_PX, 1))


def _qr(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(border=0, dark="#000")
