"""The editors' guide stays in step with the code."""

from __future__ import annotations

from generator.errors import CODES
from tests.conftest import ROOT


def test_contributing_explains_every_problem_code():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for code, description in CODES.items():
        assert f"| `{code}` | {description} |" in guide, code


def test_problem_codes_are_kept_sorted():
    assert list(CODES) == sorted(CODES)
