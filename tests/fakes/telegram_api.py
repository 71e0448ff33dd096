"""A fake Telegram Bot API server on loopback, answering like the real one.

It serves /bot<token>/<method> for the methods the channel uses, checks the token (401 like
Telegram), records every call, and can answer the next N sendMessage calls with 429 and
retry_after, as Telegram does when a bot sends too fast. With a RateGate (tests/fakes/limits.py) it
enforces rate limits (overall and per chat: 429 with retry_after above them) and fails a share of
sendMessage calls with 500. It runs in its own thread so that synchronous tests can use it.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Dict, List, Optional, Tuple

from aiohttp import web

from tests.fakes.limits import RateGate
from tests.fakes.loopback import LoopbackServer


class FakeTelegram(LoopbackServer):
    def __init__(self, token: str, gate: Optional[RateGate] = None, record_calls: bool = True) -> None:
        super().__init__()
        self.token = token
        self.gate = gate
        self.record_calls = record_calls
        self.calls: List[Dict[str, Any]] = []
        self.delivered: List[Tuple[float, int, str]] = []  # (time, chat id, text) of accepted messages
        self.failed: List[Tuple[float, int, str]] = []  # the same, for messages the gate failed with 500
        self.updates: List[Dict[str, Any]] = []  # served by getUpdates (long polling)
        self.too_many_requests = 0  # the next N sendMessage calls get 429
        self.blocked: set = set()  # chat ids whose user blocked the bot: 403, as Telegram answers
        self._lock = threading.Lock()
        self._message_id = 0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # --- what the tests read ---------------------------------------------------------------------

    def sent(self, chat_id: int) -> List[Dict[str, Any]]:
        with self._lock:
            return [c["params"] for c in self.calls
                    if c["method"] == "sendMessage" and int(c["params"].get("chat_id", 0)) == chat_id]

    def texts(self, chat_id: int) -> List[str]:
        return [m["text"] for m in self.sent(chat_id)]

    def count(self, method: str) -> int:
        with self._lock:
            return sum(1 for c in self.calls if c["method"] == method)

    def wait_for(self, chat_id: int, count: int, timeout: float = 20.0) -> List[str]:
        return self.wait_until(lambda: self.texts(chat_id), count, timeout, f"chat {chat_id}")

    # --- the server ----------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        if token != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        params: Dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update({k: v for k, v in (await request.post()).items()})
        for key in ("reply_markup", "allowed_updates"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        with self._lock:
            if self.record_calls:
                self.calls.append({"method": method, "params": params})
            if method == "sendMessage" and self.too_many_requests > 0:
                self.too_many_requests -= 1
                return self._too_many(1)
        if method == "sendMessage" and str(params.get("chat_id")) in {str(c) for c in self.blocked}:
            return web.json_response({"ok": False, "error_code": 403,
                                      "description": "Forbidden: bot was blocked by the user"}, status=403)
        if method == "sendMessage" and self.gate is not None:
            verdict, retry_after = self.gate.admit(str(params.get("chat_id")))
            if verdict == "limited":
                return self._too_many(retry_after)
            if verdict == "error":
                with self._lock:
                    self.failed.append((time.time(), int(params["chat_id"]), params.get("text", "")))
                return web.json_response({"ok": False, "error_code": 500, "description": "Internal Server Error"},
                                         status=500)
        result = self._result(method, params)
        if method == "sendMessage" and result:
            with self._lock:
                self.delivered.append((time.time(), int(params["chat_id"]), params["text"]))
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _too_many(retry_after: int) -> web.Response:
        return web.json_response({"ok": False, "error_code": 429,
                                  "description": f"Too Many Requests: retry after {retry_after}",
                                  "parameters": {"retry_after": retry_after}}, status=429)

    def _result(self, method: str, params: Dict[str, Any]) -> Any:
        if method == "getMe":
            return {"id": 4242, "is_bot": True, "first_name": "Notify", "username": "notify_test_bot",
                    "can_join_groups": False, "can_read_all_group_messages": False,
                    "supports_inline_queries": False}
        if method == "sendMessage":
            if not str(params.get("text", "")).strip():
                return None
            self._message_id += 1
            return {"message_id": self._message_id, "date": int(time.time()),
                    "chat": {"id": int(params["chat_id"]), "type": "private"}, "text": params["text"]}
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            pending = [u for u in self.updates if u["update_id"] >= offset]
            return pending
        return True  # answerCallbackQuery, setWebhook, deleteWebhook, close

    def routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
