"""Put a script-and-markup payload into every text field of every content file, from the schema.

The fields come from `generator.schema`, so a field added there is covered here with no change:
every `Text` value of a record present in the file gets the payload, and every optional `Text`
or list-of-`Text` field of such a record that the file leaves out is added with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator import schema
from generator.load import load_file

# Each payload names its field, tries a script, an event handler, a redirect, a third-party
# request, a template and Markdown. None of it may run, load or render as markup.
TEMPLATE = ("Q{n}Q <script>window.__pwned=1;alert({n})</script><img src=x onerror=alert({n})>"
            "<meta http-equiv=refresh content=\"0;url=https://evil.example/{n}\">"
            "<link rel=stylesheet href=https://evil.example/{n}.css> {{{{ 7*7 }}}} **b{n}**")

KIND_OF_FILE = {"types": "type", "stages": "stage", "references.yml": "references",
                "roles.yml": "roles", "services.yml": "services", "glossary.yml": "glossary",
                "language.yml": "language", "guide.yml": "guide"}


def kind_of(path: Path, protocols: Path) -> str:
    rel = path.relative_to(protocols)
    return KIND_OF_FILE.get(rel.parts[0], "protocol")


class Injector:
    def __init__(self) -> None:
        self.payloads: dict[str, str] = {}  # marker -> payload
        self.covered: set[tuple[str, ...]] = set()  # (file kind, field path without indices)

    def payload(self, where: tuple[str, ...]) -> str:
        self.covered.add(where)
        n = len(self.payloads) + 1
        text = TEMPLATE.format(n=n)
        self.payloads[f"Q{n}Q"] = text
        return text

    def fill(self, value: Any, kind: schema.Kind, where: tuple[str, ...]) -> Any:
        if isinstance(kind, schema.Text):
            # Appended, so what the content rules look for (the 3 x 24 hour duty ...) stays.
            return f"{value} {self.payload(where)}" if isinstance(value, str) else value
        if isinstance(kind, schema.ListOf):
            if not isinstance(value, list):
                return value
            items = [self.fill(item, kind.item, where) for item in value]
            phones = [i for i in value if isinstance(i, dict)
                      and i.get("type") in ("telepon", "whatsapp")]
            if phones:  # the value of a phone contact is one number; an address beside it
                items.append(self.fill({**phones[0], "type": "alamat", "value": "x"},
                                       kind.item, where))
            return items
        if isinstance(kind, schema.Record) and isinstance(value, dict):
            phone = value.get("type") in ("telepon", "whatsapp")
            for key, spec in kind.fields.items():
                if phone and key == "value":
                    continue  # one number, or it is refused (tested on its own)
                if key in value:
                    value[key] = self.fill(value[key], spec.kind, (*where, key))
                elif isinstance(spec.kind, schema.Text):
                    value[key] = self.payload((*where, key))
                elif isinstance(spec.kind, schema.ListOf) and isinstance(spec.kind.item,
                                                                          schema.Text):
                    value[key] = [self.payload((*where, key))]
            return value
        return value


def text_fields(kind: schema.Kind, where: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every text field of a file kind, as a path of keys."""
    if isinstance(kind, schema.Text):
        return {where}
    if isinstance(kind, schema.ListOf):
        return text_fields(kind.item, where)
    if isinstance(kind, schema.Record):
        return set().union(*(text_fields(f.kind, (*where, k)) for k, f in kind.fields.items()))
    return set()


def inject(protocols: Path) -> Injector:
    """Rewrite every content file under `protocols` with the payload in every text field."""
    injector = Injector()
    for path in sorted(protocols.rglob("*.yml")):
        kind = kind_of(path, protocols)
        data = load_file(path, path.name).data
        injector.fill(data, schema.FILE_KINDS[kind], (kind,))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6),
                        encoding="utf-8")
    return injector


def missing(injector: Injector) -> set[tuple[str, ...]]:
    """The schema's text fields that got no payload."""
    every = set().union(*(text_fields(k, (name,)) for name, k in schema.FILE_KINDS.items()))
    return every - injector.covered
