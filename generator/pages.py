"""The URL contract and the navigation: which page lives where.

Source paths are relative to the docs folder; with MkDocs' directory URLs, `protokol/x/y.md`
is served at `protokol/x/y/`. These paths are a contract (ARCHITECTURE.md): links from outside,
printed QR codes and tests rely on them.
"""

from __future__ import annotations

import posixpath

from generator.model import Handbook, Protocol, Stage, ViolenceType

# A link that does not name a file of the site relative to the page: another site or a scheme
# (https:, tel:, mailto:), the site's root path, this page's anchor or query.
NOT_RELATIVE = r"[a-zA-Z][a-zA-Z0-9+.-]*:|/|#|\?"

HOME = "index.md"
GLOSSARY = "glosarium.md"
REFERENCES = "rujukan.md"
SERVICES = "layanan.md"
EMERGENCY = "darurat.md"
STAGES_INDEX = "tahap/index.md"
BOOKLET = "unduh/buku-daftar-periksa.pdf"
OFFLINE_ZIP = "unduh/buku-saku-luring.zip"
GUIDE = "panduan/index.md"  # the decision guide's start (shared contract); its pages: guide.py
GUIDE_PDF = "panduan/bagan-panduan.pdf"


def protocol_page(protocol: Protocol) -> str:
    return f"protokol/{protocol.type}/{protocol.stage}.md"


def checklist_file(protocol: Protocol) -> str:
    """A protocol's one-page PDF, beside its page; the file name says what it is when saved."""
    return (f"protokol/{protocol.type}/{protocol.stage}/"
            f"daftar-periksa-{protocol.type}-{protocol.stage}.pdf")


def type_page(violence_type: ViolenceType) -> str:
    return f"jenis/{violence_type.id}/index.md"


def stage_page(stage: Stage) -> str:
    return f"tahap/{stage.id}/index.md"


def url_of(page: str, *, directory_urls: bool = True) -> str:
    """The served URL of a source path, relative to the site root (`protokol/x/y/`).

    Without directory URLs (the offline download, opened from disk) it names the HTML file:
    `protokol/x/y/index.html`.
    """
    stem = page.removesuffix(".md")
    url = "" if page == HOME else (stem.removesuffix("index") if stem.endswith("index")
                                   else stem + "/")
    return url if directory_urls else url + "index.html"


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one source page to another (MkDocs resolves `.md` links).

    Up to the docs root, then down: simpler and much faster than `posixpath.relpath` for the
    thousands of links a large handbook has.
    """
    from_dir = posixpath.dirname(from_page)
    if to_page.startswith(from_dir + "/") if from_dir else True:
        return to_page[len(from_dir) + 1:] if from_dir else to_page
    return "../" * (from_dir.count("/") + 1) + to_page


# More violence types than a phone screen holds are grouped (shipped handbook: 6, not grouped).
# The theme prunes a collapsed section to its name, so a page carries the group names, its own
# group's types and its own type's pages instead of every type (125 types: the navigation was
# most of every page, of the site's size and of the engine's time).
TYPES_PER_GROUP = 12


def grouped(by_type: list[dict]) -> list[dict]:
    """Sections of at most `TYPES_PER_GROUP` types, each named by its first and last type."""
    out = []
    for start in range(0, len(by_type), TYPES_PER_GROUP):
        chunk = by_type[start:start + TYPES_PER_GROUP]
        first, last = next(iter(chunk[0])), next(iter(chunk[-1]))
        out.append({first if first == last else f"{first} \N{EN DASH} {last}": chunk})
    return out


def nav(handbook: Handbook) -> list:
    """The generated part of the navigation, in MkDocs' `nav` form.

    Protocols sit under their violence type (a worker usually knows the type first); stage
    pages list the protocols of their stage. Sections and tabs keep it short on a phone. Each
    section's overview is its first, named entry (Material's `navigation.indexes` would leave
    the section's nav landmark without a name).
    """
    by_type = [
        {t.name: [{"Ringkasan": type_page(t)},
                  *({handbook.stage(p.stage).name: protocol_page(p)}
                    for p in handbook.protocols if p.type == t.id)]}
        for t in handbook.types
    ]
    if len(by_type) > TYPES_PER_GROUP:
        by_type = grouped(by_type)
    by_stage = [{"Semua tahap": STAGES_INDEX}, *({s.name: stage_page(s)} for s in handbook.stages)]
    return [
        {"Beranda": HOME},
        {"Jenis kekerasan": by_type},
        {"Tahap layanan": by_stage},
        {"Layanan rujukan": [SERVICES, {"Nomor darurat": EMERGENCY}]},
        {"Glosarium": GLOSSARY},
        {"Sumber": REFERENCES},
    ]
