"""Training data and domain pass `rasa data validate` without a single warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rasa_data_validate_has_no_warnings():
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "data", "validate", "--domain", "domain.yml",
         "--config", "config.yml", "--data", "data/nlu", "data/rules"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    problems = [
        line for line in output.splitlines()
        if "UserWarning" in line
        or " WARNING " in line
        or " ERROR " in line
        or "is not used in any" in line
        or ("conflict" in line.lower() and "No story structure conflicts" not in line and "Considering" not in line)
    ]
    assert not problems, "\n".join(problems)
