"""Rasa test stories (tests/stories/en, tests/stories/es) pass against the trained model:
every program path, the crisis path, a language switch, a registration with a correction, a cancel,
and the subscription commands, in both languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "current.tar.gz"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rasa_test_stories(lang, tmp_path):
    stories = ROOT / "tests" / "stories" / lang
    assert len(list(stories.glob("*.yml"))) >= 10
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=str(ROOT),
               TRACKER_DB=str(tmp_path / "tracker.db"), ACTION_ENDPOINT_URL="http://localhost:9/webhook")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "test", "core", "--stories", str(stories), "--model", str(MODEL),
         "--fail-on-prediction-errors", "--out", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:] + details[-3000:]
