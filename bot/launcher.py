"""Start Rasa servers as child processes on free ports, for the end-to-end tests and the benchmarks.

`start_assistant` runs this project exactly as `make run` does (python -m bot.run) with its data in a
given folder; `start_rasa` runs any trained model (the benchmark's moodbot reference) the same way.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import jwt

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Server:
    """A running Rasa server (and, for the assistant, its action server) with a small REST client."""

    process: subprocess.Popen
    rasa_port: int
    log_path: Path
    jwt_secret: str
    action_port: Optional[int] = None
    env: Dict[str, str] = field(default_factory=dict)
    web_port: Optional[int] = None

    def request(self, method: str, path: str, payload: Any = None, token: Optional[str] = None) -> Tuple[int, Any]:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.rasa_port}{path}", data=data, headers=headers,
                                         method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, None

    def say(self, sender: str, message: str) -> List[Dict[str, Any]]:
        """One turn over the REST channel; returns the bot's messages."""
        status, body = self.request("POST", "/webhooks/rest/webhook", {"sender": sender, "message": message})
        if status != 200:
            raise AssertionError(f"REST channel answered {status}")
        return body

    def token(self) -> str:
        return jwt.encode({"user": {"username": "operator", "role": "admin"}}, self.jwt_secret, algorithm="HS256")

    def tracker(self, sender: str) -> Dict[str, Any]:
        status, tracker = self.request("GET", f"/conversations/{sender}/tracker", token=self.token())
        if status != 200:
            raise AssertionError(f"tracker API answered {status}")
        return tracker

    def wait_ready(self, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                ready = self.request("GET", "/webhooks/rest/")[0] == 200
            except OSError:
                ready = False
            if ready and all(port_open(p) for p in (self.action_port, self.web_port) if p is not None):
                return
            time.sleep(1)
        self.process.kill()
        raise RuntimeError(f"server did not start within {timeout} s:\n{self.log_tail()}")

    def log_tail(self, size: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-size:] if self.log_path.exists() else ""

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM, as Ctrl-C or a service manager would; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def _spawn(args: List[str], env: Dict[str, str], log_path: Path, cwd: Path) -> subprocess.Popen:
    with open(log_path, "wb") as log:
        return subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


def start_assistant(var_dir: Path, data_key: str, jwt_secret: str, dev_mode: bool = True,
                    extra_env: Optional[Dict[str, str]] = None) -> Server:
    """This project's servers via `python -m bot.run`, with every file they write under var_dir."""
    var_dir.mkdir(parents=True, exist_ok=True)
    rasa_port, action_port, web_port = free_port(), free_port(), free_port()
    env = dict(os.environ)
    env.update(
        RASA_PORT=str(rasa_port), ACTION_PORT=str(action_port), WEB_PORT=str(web_port), WEB_HOST="127.0.0.1",
        ACTION_ENDPOINT_URL=f"http://localhost:{action_port}/webhook",
        BOT_VAR_DIR=str(var_dir), TRACKER_DB=str(var_dir / "tracker.db"),
        DATABASE_URL=f"sqlite+aiosqlite:///{var_dir / 'bot.db'}", BOT_DATA_KEY=data_key,
        BOT_DEV_MODE="1" if dev_mode else "", RASA_JWT_SECRET=jwt_secret, RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2", PYTHONPATH=str(ROOT),
    )
    env.update(extra_env or {})
    log_path = var_dir / "servers.log"
    process = _spawn([sys.executable, "-m", "bot.run", "--quiet"], env, log_path, ROOT)
    server = Server(process, rasa_port, log_path, jwt_secret, action_port, env, web_port)
    server.wait_ready()
    return server


def start_rasa(model: Path, work_dir: Path, jwt_secret: str, endpoints: Optional[Path] = None) -> Server:
    """A plain `rasa run` of any model (through bot.rasa_server, like the assistant)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2", PYTHONPATH=str(ROOT),
               RASA_JWT_SECRET=jwt_secret)
    args = [sys.executable, "-m", "bot.rasa_server", "run", "--enable-api",
            "--jwt-method", "HS256", "--port", str(port), "--model", str(model)]
    if endpoints:
        args += ["--endpoints", str(endpoints)]
    log_path = work_dir / "rasa.log"
    server = Server(_spawn(args, env, log_path, work_dir), port, log_path, jwt_secret)
    server.wait_ready()
    return server
