"""The decision guide as static pages and as a one-page A4 flowchart for trainers.

Pages: `guide.unfold` gives one page per path prefix; each question page holds its answers as
large links to the next page, "Kembali" (the page before) and "Mulai lagi" (the start). No
script and no storage: the answers are the address. The flowchart is laid out by WeasyPrint
like the checklists (`printout`) and cached by the hash of its HTML.
"""

from __future__ import annotations

import re

import jinja2
from markupsafe import Markup, escape

from generator import pages, printout
from generator.guide import Guide, Outcome, Question, unfold
from generator.model import Contact, Handbook, Service
from generator.printout import Printed, Printer
from generator.render import Renderer, indonesian_date, md_escape

DO_NOW = "lakukan-sekarang"  # the "do now" card on protocol pages (shared contract)


def render_guide_pages(renderer: Renderer, guide: Guide, rendered: dict[str, str]
                       ) -> dict[str, str]:
    """Every page of the guide by source path; `rendered` are the other pages (to see whether
    a protocol page has its "do now" card yet)."""
    out = {}
    for page in unfold(guide):
        if isinstance(page.node, Question):
            out[page.source] = renderer.render(
                page.source, "guide_question.md.j2", guide=guide, at=page,
                question=page.node, answers=list(zip(page.node.answers, page.links,
                                                     strict=True)),
                pdf=pages.GUIDE_PDF)
        else:
            target, text, anchor = target_of(renderer.handbook, page.node, rendered)
            out[page.source] = renderer.render(
                page.source, "guide_outcome.md.j2", guide=guide, at=page,
                outcome=page.node, target=target, target_text=text, target_anchor=anchor,
                services=[renderer.handbook.service(s) for s in page.node.services],
                phones=_phones, call=_call)
    return out


def target_of(handbook: Handbook, outcome: Outcome, rendered: dict[str, str] | None = None
              ) -> tuple[str, str, str]:
    """(source page, button text, anchor) of the page an outcome opens."""
    if outcome.protocol:
        protocol = handbook.protocol(*outcome.protocol)
        page = pages.protocol_page(protocol)
        # Link to the card once the protocol page has it; the page itself until then.
        has_card = rendered is not None and re.search(
            rf"(#|id=\"){DO_NOW}\b", rendered.get(page, "")) is not None
        return page, f"Buka langkah pertama: {protocol.title}", DO_NOW if has_card else ""
    kind, _, item = outcome.page.partition("/")
    if kind == "darurat":
        return pages.EMERGENCY, "Buka nomor darurat", ""
    if kind == "layanan":
        return pages.SERVICES, "Buka layanan rujukan", ""
    if kind == "tahap":
        stage = handbook.stage(item)
        return pages.stage_page(stage), f"Buka tahap {stage.name}", ""
    violence_type = handbook.type(item)
    return pages.type_page(violence_type), f"Buka {violence_type.name}", ""


def _phones(service: Service) -> list[Contact]:
    return [c for c in service.confirmed_contacts if c.type == "telepon"]


def _call(service: Service, contact: Contact) -> Markup:
    number = re.sub(r"[^\d+]", "", contact.value)
    text = md_escape(f"Telepon {service.name}: {contact.value}")
    return Markup(f"[{text}](tel:{escape(number)})")


def flowchart_html(handbook: Handbook, guide: Guide) -> str:
    """The whole guide on one page: numbered questions (P) and outcomes (H)."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    labels = {q.id: f"P{n}" for n, q in enumerate(guide.questions, start=1)}
    labels.update({o.id: f"H{n}" for n, o in enumerate(guide.outcomes, start=1)})
    targets = {o.id: target_of(handbook, o)[1].removeprefix("Buka langkah pertama: ")
               .removeprefix("Buka ") for o in guide.outcomes}
    return env.get_template("guide.html.j2").render(
        guide=guide, labels=labels, targets=targets,
        edition=indonesian_date(handbook.edition_date),
        reviewed=indonesian_date(guide.reviewed), address=pages.url_of(pages.GUIDE))


def print_flowchart(printer: Printer) -> Printed:
    """The flowchart PDF, from the cache when its HTML is unchanged."""
    html = flowchart_html(printer.handbook, printer.handbook.guide)
    key = printout._cache_key(html, printer.css_identity, measure=False)
    if cached := printer._cached(key):
        return cached
    printed = printout._lay_out(html, printer.css, key, measure=False)
    printer._store(key, printed)
    printer.rendered += 1
    return printed
