"""Start the action server and the Rasa server, wait until both answer, and keep them running.

Used by `make run`. Runs in the foreground, also with standard input closed, until Ctrl-C or
SIGTERM, which stop every process it started. It also serves the web chat page (bot/web/) itself.
Settings (environment, defaults in brackets): RASA_PORT [5005], ACTION_PORT [5055], WEB_PORT [8080],
WEB_HOST [0.0.0.0], RASA_JWT_SECRET [a development secret kept in var/],
RASA_MODEL [models/current.tar.gz], ENDPOINTS [endpoints.yml], CREDENTIALS [credentials.yml].
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import sys
import time
import urllib.request
from pathlib import Path
from typing import List, Optional

from bot.settings import ROOT, settings

READY_TIMEOUT_S = 300


def jwt_secret() -> str:
    """RASA_JWT_SECRET, or a development secret generated once under var/ (never committed)."""
    secret = os.environ.get("RASA_JWT_SECRET")
    if secret:
        return secret
    path = settings().var_dir / "dev-jwt-secret"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Created with mode 0600 from the start, and only once even if two starts race.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
            return response.status == 200
    except OSError:
        return False


class Supervisor:
    """Owns the child processes; stops all of them when one dies or a signal arrives."""

    def __init__(self) -> None:
        self.children: List[asyncio.subprocess.Process] = []
        self.stopping = asyncio.Event()

    async def spawn(self, *args: str, env: Optional[dict] = None) -> asyncio.subprocess.Process:
        process = await asyncio.create_subprocess_exec(
            *args, cwd=ROOT, stdin=asyncio.subprocess.DEVNULL, env=env, start_new_session=True
        )
        self.children.append(process)
        return process

    async def wait_ready(self, name: str, url: str, process: asyncio.subprocess.Process) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise RuntimeError(f"{name} exited with code {process.returncode} while starting")
            if await asyncio.to_thread(_answers, url):
                return
            if self.stopping.is_set():
                raise RuntimeError("stopped")
            await asyncio.sleep(0.5)
        raise RuntimeError(f"{name} did not answer at {url} within {READY_TIMEOUT_S} s")

    async def stop(self) -> None:
        for process in self.children:
            if process.returncode is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for process in self.children:
            try:
                await asyncio.wait_for(process.wait(), timeout=20)
            except asyncio.TimeoutError:
                os.killpg(process.pid, signal.SIGKILL)
                await process.wait()


async def start_web(port: int):
    """The web chat page and its assets (bot/web/app.py), served from this process."""
    from aiohttp import web

    from bot.web.app import create_app

    runner = web.AppRunner(create_app(), access_log=None)  # no access log: URLs and addresses stay out of logs
    await runner.setup()
    await web.TCPSite(runner, os.environ.get("WEB_HOST", "0.0.0.0"), port).start()
    return runner


def stop_with_parent() -> None:
    """On Linux, get SIGTERM when the parent (make) dies: `kill <make pid>` then stops everything too."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass


async def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="do not print how to talk to the assistant")
    args = parser.parse_args(argv)

    rasa_port = os.environ.get("RASA_PORT", "5005")
    web_port = int(os.environ.get("WEB_PORT", "8080"))
    web_runner = None
    action_port = os.environ.get("ACTION_PORT", "5055")
    model = os.environ.get("RASA_MODEL", "models/current.tar.gz")
    venv_bin = Path(sys.executable).parent
    env = dict(os.environ)
    env.setdefault("ACTION_ENDPOINT_URL", f"http://localhost:{action_port}/webhook")
    env.setdefault("TRACKER_DB", str(settings().var_dir / "tracker.db"))
    # The JWT secret travels in the environment, not on a command line that `ps` shows.
    env["RASA_JWT_SECRET"] = jwt_secret()
    settings().var_dir.mkdir(parents=True, exist_ok=True)

    supervisor = Supervisor()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, supervisor.stopping.set)

    try:
        # The action server has no authentication of its own: it listens on loopback only, where
        # only the Rasa server calls it (ACTION_HOST overrides, for a separate action server host).
        action_env = dict(env, SANIC_HOST=os.environ.get("ACTION_HOST", "127.0.0.1"))
        actions = await supervisor.spawn(
            str(venv_bin / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", action_port, env=action_env
        )
        rasa = await supervisor.spawn(
            str(venv_bin / "python"), "-m", "bot.rasa_server", "run", "--enable-api", "--jwt-method", "HS256",
            "--port", rasa_port, "--model", model,
            "--credentials", os.environ.get("CREDENTIALS", "credentials.yml"),
            "--endpoints", os.environ.get("ENDPOINTS", "endpoints.yml"),
            env=env,
        )
        await supervisor.wait_ready("action server", f"http://localhost:{action_port}/health", actions)
        await supervisor.wait_ready("Rasa server", f"http://localhost:{rasa_port}/webhooks/rest/", rasa)
        web_runner = await start_web(web_port)
        if not args.quiet:
            print(
                f"\nThe assistant is running.\n"
                f"  Web chat:     http://localhost:{web_port}/\n"
                f"  Talk to it:   make shell        (in a second terminal)\n"
                f"  REST channel: curl -s -XPOST localhost:{rasa_port}/webhooks/rest/webhook "
                f"-d '{{\"sender\":\"me\",\"message\":\"hola\"}}'\n"
                f"  HTTP API:     JWT (HS256) signed with RASA_JWT_SECRET\n"
                f"  Stop:         Ctrl-C\n",
                flush=True,
            )
        waiters = [asyncio.create_task(p.wait()) for p in supervisor.children]
        stop_wait = asyncio.create_task(supervisor.stopping.wait())
        done, _ = await asyncio.wait([*waiters, stop_wait], return_when=asyncio.FIRST_COMPLETED)
        code = 0 if stop_wait in done else 1
        if code:
            print("A server stopped unexpectedly; stopping the others.", file=sys.stderr)
        return code
    except RuntimeError as error:
        if not supervisor.stopping.is_set():
            print(f"Could not start: {error}", file=sys.stderr)
            return 1
        return 0
    finally:
        if web_runner is not None:
            await web_runner.cleanup()
        await supervisor.stop()


if __name__ == "__main__":
    stop_with_parent()
    sys.exit(asyncio.run(main()))
