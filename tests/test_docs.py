"""The editors' guide stays in step with the code."""

from __future__ import annotations

import re

from generator import schema
from generator.errors import CODES
from tests.conftest import ROOT

GUIDE = ROOT / "CONTRIBUTING.md"


def test_contributing_explains_every_problem_code():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for code, description in CODES.items():
        assert f"| `{code}` | {description} |" in guide, code


def test_problem_codes_are_kept_sorted():
    assert list(CODES) == sorted(CODES)


def test_every_picture_in_the_guide_exists_and_is_made_by_the_script():
    from tools.editor_pictures import OUT, PICTURES

    guide = GUIDE.read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", guide)
    assert pictures, "the guide shows the preview, an error and the reviewer's diff"
    for picture in pictures:
        path = ROOT / picture
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture
        assert path.parent == OUT and path.name in PICTURES, picture


def test_the_guide_lists_every_allowed_value_for_services_and_references():
    chapter = GUIDE.read_text(encoding="utf-8").split("## 12. Layanan dan sumber")[1]
    for value in (*schema.SERVICE_KINDS, *schema.CONTACT_TYPES, *schema.REFERENCE_KINDS):
        assert f"`{value}`" in chapter, value
