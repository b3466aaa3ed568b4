"""Printable checklists: one A4 page per protocol, and the trainers' booklet of them all.

WeasyPrint lays out HTML and CSS into PDF with the machine's Pango; it was chosen over a
headless browser because it needs no browser at build time, renders a checklist in tens of
milliseconds and supports what print needs (`@page`, running footers, `target-counter`).
Every PDF is cached by a hash of everything that shapes it, so an unchanged protocol is not
rendered again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import jinja2

from generator import pages
from generator.checklist import Checklist, checklist_for
from generator.model import Handbook, Protocol
from generator.render import indonesian_date

A4_HEIGHT_MM = 297.0
MM_PER_PX = 25.4 / 96  # CSS pixels
LAYOUT_VERSION = "1"  # change when this module changes what a cached PDF would contain
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
    """Renders checklists to PDF, caching each by content in `cache_dir`."""

    def __init__(self, handbook: Handbook, *, site_url: str = "",
                 cache_dir: Path | None = None) -> None:
        self.handbook = handbook
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.cache_dir = cache_dir
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("generator", "templates"), autoescape=True,
            undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.css = self._stylesheet()
        self.edition = indonesian_date(_edition(handbook))
        self.rendered = 0  # how many PDFs were laid out (not taken from the cache)

    def checklist(self, protocol: Protocol) -> Printed:
        checklist = checklist_for(self.handbook, protocol)
        html = self.env.get_template("checklist.html.j2").render(
            title=f"Daftar periksa: {protocol.title}", booklet=None, checklist=checklist,
            info=self._info(checklist))
        return self._print(html, measure=True)

    def booklet(self) -> Printed:
        contents = []
        for stage in self.handbook.stages:
            entries = []
            for violence_type in self.handbook.types:
                checklist = checklist_for(self.handbook,
                                          self.handbook.protocol(violence_type.id, stage.id))
                entries.append((checklist, self._info(checklist)))
            contents.append((stage, entries))
        html = self.env.get_template("checklist.html.j2").render(
            title="Buku daftar periksa", checklist=None, info=None,
            booklet={"edition": self.edition, "contents": contents,
                     "count": sum(len(e) for _, e in contents)})
        return self._print(html, measure=False)

    def _info(self, checklist: Checklist) -> dict:
        protocol = checklist.protocol
        url = pages.url_of(pages.protocol_page(protocol))
        address = self.site_url + url if self.site_url else f"{url} di situs buku saku"
        return {
            "type": self.handbook.type(protocol.type),
            "stage": self.handbook.stage(protocol.stage),
            "reviewed": indonesian_date(protocol.reviewed) if protocol.written else "-",
            "edition": self.edition,
            "address": address,
            "qr": _qr(self.site_url + url) if self.site_url else "",
        }

    def _stylesheet(self) -> str:
        css = files("generator").joinpath("templates/checklist.css").read_text("utf-8")
        for placeholder, name in FONTS.items():
            css = css.replace(placeholder, Path(str(files("generator") / "fonts" / name))
                              .as_uri())
        return css

    def _print(self, html: str, *, measure: bool) -> Printed:
        import weasyprint

        key = hashlib.sha256("\0".join(
            [LAYOUT_VERSION, html, self.css, weasyprint.__version__, str(measure)]
        ).encode()).hexdigest()
        cached = self._cached(key)
        if cached:
            return cached
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
        css = weasyprint.CSS(string=self.css, font_config=fonts)
        document = weasyprint.HTML(string=html, base_url=".").render(
            stylesheets=[css], font_config=fonts)
        overflow = 0.0
        if measure and len(document.pages) > 1:
            overflow = _overflow_mm(html, self.css)
        # Fixed identifier and no dates in the metadata: same content, same bytes.
        pdf = document.write_pdf(pdf_identifier=key[:32].encode(), uncompressed_pdf=False)
        printed = Printed(pdf, len(document.pages), overflow)
        self.rendered += 1
        self._store(key, printed)
        return printed

    def _cached(self, key: str) -> Printed | None:
        if self.cache_dir is None:
            return None
        pdf, meta = self.cache_dir / f"{key}.pdf", self.cache_dir / f"{key}.json"
        if not (pdf.exists() and meta.exists()):
            return None
        info = json.loads(meta.read_text())
        return Printed(pdf.read_bytes(), info["pages"], info["overflow_mm"])

    def _store(self, key: str, printed: Printed) -> None:
        if self.cache_dir is None:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / f"{key}.pdf").write_bytes(printed.pdf)
        (self.cache_dir / f"{key}.json").write_text(
            json.dumps({"pages": printed.pages, "overflow_mm": printed.overflow_mm}))


def _overflow_mm(html: str, css: str) -> float:
    """Lay the checklist out on one very tall page and see how far past A4 it reaches."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    tall = css + "\n@page { size: 210mm 3000mm; }"
    document = weasyprint.HTML(string=html, base_url=".").render(
        stylesheets=[weasyprint.CSS(string=tall, font_config=fonts)], font_config=fonts)
    page_box = document.pages[0]._page_box
    root = page_box.children[0]  # the <html> box
    bottom_px = root.position_y + root.margin_height()
    limit_px = A4_HEIGHT_MM / MM_PER_PX - page_box.margin_bottom
    return max(0.0, round((bottom_px - limit_px) * MM_PER_PX, 1))


def _qr(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(border=0, dark="#000")


def _edition(handbook: Handbook):
    from generator.build import edition_date

    return edition_date(handbook)
