"""The navigation of a handbook with many violence types: grouped, so no page carries them all.

The theme prunes a collapsed section to its name. A flat list of 125 types put every type on
every page (most of each page's bytes at 1,000 protocols); groups of at most
`pages.TYPES_PER_GROUP` keep a page to the group names, its own group and its own type.
"""

from __future__ import annotations

import shutil

import pytest

from generator import pages
from generator.build import generate
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini"
EXTRA_TYPES = 25  # with the fixture's 2: 27 types, three groups (12, 12, 3)


@pytest.fixture(scope="module")
def many_types(tmp_path_factory):
    root = tmp_path_factory.mktemp("many")
    shutil.copytree(MINI / "protocols", root / "protocols")
    content = root / "protocols"
    source = (content / "types" / "fisik.yml").read_text(encoding="utf-8")
    for n in range(1, EXTRA_TYPES + 1):
        type_id = f"jenis-{n:02d}"
        lines = [f"order: {100 + n}" if line.startswith("order:") else
                 f"name: Jenis uji {n:02d}" if line.startswith("name:") else line
                 for line in source.splitlines()]
        (content / "types" / f"{type_id}.yml").write_text("\n".join(lines) + "\n", "utf-8")
        shutil.copytree(content / "fisik", content / type_id)
    return generate(root, checklists=False)


def _pages(entries) -> list[str]:
    out = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        out += _pages(value) if isinstance(value, list) else [value]
    return out


def test_many_types_are_grouped_by_at_most_twelve(many_types):
    by_type = many_types.nav[1]["Jenis kekerasan"]
    names = [t.name for t in many_types.handbook.types]
    assert len(names) == 27
    groups = [(title, [next(iter(t)) for t in types]) for group in by_type
              for title, types in group.items()]
    assert [len(types) for _, types in groups] == [12, 12, 3]
    assert [t for _, types in groups for t in types] == names  # same order, none lost
    first, last = groups[0][1][0], groups[0][1][-1]
    assert groups[0][0] == f"{first} \N{EN DASH} {last}"


def test_grouping_keeps_every_page_and_its_url(many_types):
    in_nav = _pages(many_types.nav[1]["Jenis kekerasan"])
    handbook = many_types.handbook
    expected = [page for t in handbook.types
                for page in [pages.type_page(t),
                             *(pages.protocol_page(p) for p in handbook.protocols
                               if p.type == t.id)]]
    assert in_nav == expected


def test_a_handbook_with_few_types_is_not_grouped():
    flat = [{f"Jenis {n}": []} for n in range(pages.TYPES_PER_GROUP)]
    assert len(pages.grouped(flat)) == 1
    root_nav = generate(MINI, checklists=False).nav
    assert all("\N{EN DASH}" not in next(iter(t)) for t in root_nav[1]["Jenis kekerasan"])
