"""Render the model into Markdown pages through the Jinja templates in `templates/`.

What an editor writes is data, never a template or markup: every value a template prints is
escaped twice over, for Markdown (so `*`, `[`, `#` ... are literal) and for HTML (so `<script>`
is text). Only the helpers below build markup, and they escape what they are given.
"""

from __future__ import annotations

import datetime
import functools
import posixpath
import re
from collections.abc import Collection, Iterable
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import pages
from generator.checklist import checklist_for
from generator.firstscreen import phone
from generator.merge import effective_child, effective_do_now, effective_red_flags, effective_steps
from generator.model import Citation, Contact, Handbook, Protocol, Service, Stage
from generator.schema import URL_PATTERN
from generator.text import dial_number, yaml_string

CONTACT_LABELS = {"telepon": "Telepon", "whatsapp": "WhatsApp", "situs": "Situs",
                  "email": "Surel", "alamat": "Alamat"}
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")

# Characters Python-Markdown (with the tables extension) treats as syntax inline.
_INLINE = re.compile(r"([\\`*_{}\[\]#!|])")
# At the start of a paragraph these begin a list.
_BLOCK_START = re.compile(r"^([-+])|^(\d+)\.", re.MULTILINE)


def md_escape(text: str) -> Markup:
    """Plain text -> Markdown that renders as exactly that text, with no HTML in it."""
    text = _INLINE.sub(r"\\\1", text)
    text = _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\.", text)
    return Markup(escape(text))


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return md_escape(value)
    if isinstance(value, (int, float, bool)):
        return value
    raise TypeError(f"template printed a {type(value).__name__}; print its text fields")


def paragraphs(text: str, indent: int = 0) -> Markup:
    """A multi-paragraph text as Markdown paragraphs, indented for admonitions."""
    pad = " " * indent
    return Markup(f"\n\n{pad}").join(md_escape(p) for p in text.split("\n\n"))


def indonesian_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment per process, so templates are compiled once (MkDocs builds twice)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package; no stat() per include
    )
    env.filters.update(date=indonesian_date, paragraphs=paragraphs, html=escape,
                       json=lambda text: Markup(yaml_string(text)),
                       contact_label=CONTACT_LABELS.__getitem__)
    return env


class Renderer:
    """Renders the pages of one handbook. `render(page, template, **context)` -> Markdown."""

    def __init__(self, handbook: Handbook, downloads: Collection[str] = ()) -> None:
        self.handbook = handbook
        self.downloads = frozenset(downloads)
        self.env = _environment()
        # Per-handbook helpers go in the render context, not in the shared environment.
        self.context = {
            "handbook": handbook, "pages": pages, "cite": self.cite, "link": self.link,
            "roles": self.roles, "contact": self.contact, "contact_value": self._value,
            "external": self.external, "download": self.download,
            "checklist_file": pages.checklist_file, "BOOKLET": pages.BOOKLET,
            "OFFLINE_ZIP": pages.OFFLINE_ZIP, "steps_of": self._steps,
            "red_flags_of": self._red_flags, "child_of": self._child,
            "checklist_of": self._checklist, "do_now_of": self._do_now, "tel": self.tel,
            "phone_of": phone,
        }
        self.citing = _citing_pages(handbook)

    def render(self, page: str, template: str, **context: Any) -> str:
        self._here = page
        return self.env.get_template(template).render(here=page, **self.context, **context)

    def link(self, to_page: str, text: str, anchor: str = "") -> Markup:
        target = pages.relative(self._here, to_page) + (f"#{anchor}" if anchor else "")
        return Markup(f"[{md_escape(text)}]({escape(target)})")

    def download(self, path: str, text: str) -> Markup:
        """A link to a generated file, or nothing if it is not generated. The file's size is
        added after the build, from the file itself (`finish.with_sizes`)."""
        if path not in self.downloads:
            return Markup("")
        here = pages.url_of(self._here)
        target = posixpath.relpath(path, posixpath.dirname(here + "x") or ".")
        return Markup('<a href="{}" data-hb-download>{}</a>').format(target, text)

    def external(self, url: str) -> Markup:
        # `url` matched schema.URL_PATTERN: no space, quote, bracket or parenthesis.
        return Markup(f"[{md_escape(url)}]({escape(url)})")

    def cite(self, citation: Citation) -> Markup:
        ref = self.handbook.reference(citation.ref)
        text = f"{ref.short} {citation.at}".strip()
        out = self.link(pages.REFERENCES, text, ref.id)
        if citation.at and not ref.checked:
            out += Markup(" (belum dicek dengan naskah resmi)")
        return out

    def roles(self, role_ids: Iterable[str]) -> str:
        return ", ".join(self.handbook.role(r).name for r in role_ids)

    def contact(self, service: Service) -> Markup:
        """A service's confirmed contacts, for places where only confirmed ones may show."""
        parts = [Markup("{}: {}").format(CONTACT_LABELS[c.type], self._value(c))
                 for c in service.confirmed_contacts]
        return Markup(", ").join(parts)

    def tel(self, contact: Contact, service: Service | None = None) -> Markup:
        """A full-width call button: it shows the number exactly as dialled, and whose it is.

        Inline HTML, so it works in Markdown text and in raw HTML blocks alike.
        """
        number = dial_number(contact.value)  # validated: exactly one number
        name = (Markup(' <span class="hb-tel__name">{}</span>').format(service.name)
                if service else Markup(""))
        return Markup('<a class="hb-tel" href="tel:{}"><span class="hb-tel__call">Telepon'
                      '</span> <span class="hb-tel__number">{}</span>{}</a>').format(
                          number, contact.value, name)

    def _value(self, contact: Any) -> Markup:
        if contact.type == "telepon":
            return self.tel(contact)
        if contact.type == "situs" and re.match(URL_PATTERN, contact.value):
            return self.external(contact.value)
        return md_escape(contact.value)

    def _steps(self, protocol: Protocol):
        return effective_steps(self.handbook, protocol)

    def _red_flags(self, protocol: Protocol):
        return effective_red_flags(self.handbook, protocol)

    def _child(self, protocol: Protocol):
        return effective_child(self.handbook, protocol)

    def _checklist(self, protocol: Protocol):
        return checklist_for(self.handbook, protocol)

    def _do_now(self, protocol: Protocol | None, stage: Stage) -> list[tuple[int, Any, Any]]:
        """The "Lakukan sekarang" card: (step number, step, service to call or None)."""
        if protocol is None:
            steps, items = stage.steps, stage.do_now
        else:
            steps, items = self._steps(protocol), effective_do_now(stage, protocol)
        number = {s.id: i for i, s in enumerate(steps, 1)}
        by_id = {s.id: s for s in steps}
        return [(number[d.step], by_id[d.step],
                 self.handbook.service(d.call) if d.call else None)
                for d in items if d.step in by_id]


def _citing_pages(handbook: Handbook) -> dict[str, list[Protocol]]:
    """Reference id -> the protocols citing it anywhere, for the references page."""
    out: dict[str, list[Protocol]] = {}
    for protocol in handbook.protocols:
        if not protocol.written:
            continue
        cited = {c.ref for c in protocol.sources}
        for step in effective_steps(handbook, protocol):
            cited.update(c.ref for c in step.sources)
        if protocol.not_applicable:
            cited.update(c.ref for c in protocol.not_applicable.sources)
        for ref in cited:
            out.setdefault(ref, []).append(protocol)
    return out


def render_pages(handbook: Handbook, downloads: Collection[str] = ()) -> dict[str, str]:
    """Every generated page, by source path; `downloads` are the files the build makes."""
    renderer = Renderer(handbook, downloads)
    out = {
        pages.HOME: renderer.render(pages.HOME, "home.md.j2"),
        pages.GLOSSARY: renderer.render(pages.GLOSSARY, "glossary.md.j2"),
        pages.REFERENCES: renderer.render(pages.REFERENCES, "references.md.j2",
                                          citing=renderer.citing),
        pages.SERVICES: renderer.render(pages.SERVICES, "services.md.j2"),
        pages.EMERGENCY: renderer.render(pages.EMERGENCY, "emergency.md.j2"),
        pages.STAGES_INDEX: renderer.render(pages.STAGES_INDEX, "stages.md.j2"),
    }
    for violence_type in handbook.types:
        page = pages.type_page(violence_type)
        out[page] = renderer.render(page, "type.md.j2", type=violence_type)
    for stage in handbook.stages:
        page = pages.stage_page(stage)
        out[page] = renderer.render(page, "stage.md.j2", stage=stage)
    for protocol in handbook.protocols:
        page = pages.protocol_page(protocol)
        out[page] = renderer.render(
            page, "protocol.md.j2", protocol=protocol, type=handbook.type(protocol.type),
            stage=handbook.stage(protocol.stage))
    if handbook.guide:
        from generator.guide_render import render_guide_pages

        out.update(render_guide_pages(renderer, handbook.guide, out))
    return dict(sorted(out.items()))
