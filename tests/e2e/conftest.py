"""The real assistant, started the way `make run` starts it (python -m bot.run), on free ports.

One instance serves the whole session (starting Rasa takes about a minute). Its logs go to a file
that tests/e2e/test_privacy.py scans. Stopping it with SIGTERM is checked at the end: every process
it started must be gone and its ports closed.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

import jwt
import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "current.tar.gz"
JWT_SECRET = "e2e-test-secret-" + uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Assistant:
    rasa_port: int
    action_port: int
    log_path: Path
    database_url: str
    data_key: str

    def say(self, sender: str, message: str) -> List[Dict[str, Any]]:
        """One turn over the REST channel; returns the bot messages."""
        status, body = self.post("/webhooks/rest/webhook", {"sender": sender, "message": message})
        assert status == 200, f"REST channel answered {status}"
        return body

    def texts(self, sender: str, message: str) -> str:
        return "\n".join(m.get("text") or "" for m in self.say(sender, message))

    def post(self, path: str, payload: Dict[str, Any], token: Optional[str] = None):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.rasa_port}{path}",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})},
        )
        return self._open(request)

    def get(self, path: str, token: Optional[str] = None):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.rasa_port}{path}",
            headers={"Authorization": f"Bearer {token}"} if token else {},
        )
        return self._open(request)

    @staticmethod
    def _open(request):
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, None

    @staticmethod
    def token() -> str:
        return jwt.encode({"user": {"username": "operator", "role": "admin"}}, JWT_SECRET, algorithm="HS256")

    def slots(self, sender: str) -> Dict[str, Any]:
        status, tracker = self.get(f"/conversations/{sender}/tracker", self.token())
        assert status == 200
        return tracker["slots"]


@pytest.fixture(scope="session")
def assistant(tmp_path_factory) -> Assistant:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make test` (it trains first)")
    var = tmp_path_factory.mktemp("var")
    log_path = var / "servers.log"
    key = Fernet.generate_key().decode()
    rasa_port, action_port = _free_port(), _free_port()
    env = dict(os.environ)
    env.update(
        RASA_PORT=str(rasa_port),
        ACTION_PORT=str(action_port),
        ACTION_ENDPOINT_URL=f"http://localhost:{action_port}/webhook",
        BOT_VAR_DIR=str(var),
        TRACKER_DB=str(var / "tracker.db"),
        DATABASE_URL=f"sqlite+aiosqlite:///{var / 'bot.db'}",
        BOT_DATA_KEY=key,
        BOT_DEV_MODE="1",
        RASA_JWT_SECRET=JWT_SECRET,
        RASA_TELEMETRY_ENABLED="false",
        PYTHONPATH=str(ROOT),
    )
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.run", "--quiet"], cwd=ROOT, env=env,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
    instance = Assistant(rasa_port, action_port, log_path, env["DATABASE_URL"], key)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"bot.run exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            if instance.get("/webhooks/rest/")[0] == 200 and _port_open(action_port):
                break
        except OSError:
            pass
        time.sleep(1)
    else:
        process.kill()
        pytest.fail("the assistant did not start within 240 s")
    yield instance

    # Ctrl-C / SIGTERM stop everything bot.run started.
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0, "bot.run did not exit cleanly on SIGTERM"
    assert not _port_open(rasa_port) and not _port_open(action_port), "a server outlived bot.run"


@pytest.fixture
def sender() -> str:
    """A new conversation id per test."""
    return f"e2e-{uuid.uuid4().hex[:12]}"
