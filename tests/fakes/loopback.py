"""An aiohttp app served on a loopback port from its own thread, so synchronous tests can use it."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any, Callable, List, Optional

from aiohttp import web

from bot.launcher import free_port


class LoopbackServer:
    def __init__(self) -> None:
        self.port = free_port()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._runner: Optional[web.AppRunner] = None

    @staticmethod
    def wait_until(fetch: Callable[[], List[Any]], count: int, timeout: float, who: str) -> List[Any]:
        """`fetch()` once it holds `count` items; an AssertionError naming `who` after `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            items = fetch()
            if len(items) >= count:
                return items
            time.sleep(0.05)
        raise AssertionError(f"{who} got {len(fetch())} messages, expected {count}")

    def routes(self, app: web.Application) -> None:
        """Add the fake's routes (subclasses)."""
        raise NotImplementedError

    def start(self):
        ready = threading.Event()

        def serve() -> None:
            self._loop = asyncio.new_event_loop()
            app = web.Application()
            self.routes(app)
            self._runner = web.AppRunner(app, access_log=None)
            self._loop.run_until_complete(self._runner.setup())
            self._loop.run_until_complete(web.TCPSite(self._runner, "127.0.0.1", self.port).start())
            ready.set()
            self._loop.run_forever()

        threading.Thread(target=serve, daemon=True).start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
