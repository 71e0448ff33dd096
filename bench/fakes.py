"""The channels' APIs for the fan-out benchmark, in a process of their own on loopback.

One aiohttp server carries the fake Telegram Bot API and the fake Twilio Messages resource of the
tests (tests/fakes/, here with rate limits enforced: 429 with retry_after above them, and a share of
random 500s), and a fake of the one Rasa HTTP call the dispatcher makes (appending the delivered
message to a conversation; JWT checked; the same random 500s). GET /_records returns what was
accepted, with times, for the benchmark to count.

    python -m bench.fakes --port 8999 --telegram-rate 30 --telegram-chat-rate 1 --sms-rate 1 --error-rate 0.05
"""

from __future__ import annotations

import argparse
import random
import threading
import time
from typing import Any, Dict, List, Tuple

import jwt
from aiohttp import web

from tests.fakes.limits import RateGate
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.twilio_api import FakeTwilio

from bench import AUTH, SID, TOKEN  # noqa: E402


class FakeRasa:
    """POST /conversations/<id>/tracker/events with a valid HS256 JWT → 200 (and the events kept)."""

    def __init__(self, secret: str, error_rate: float = 0.0, seed: int = 0) -> None:
        self.secret, self.error_rate, self.random = secret, error_rate, random.Random(seed)
        self.appended: List[Tuple[float, str, str, str]] = []  # (time, conversation, text, output channel)
        self.failed: List[Tuple[float, str, str, str]] = []  # the same, for requests failed with 500
        self.counts = {"ok": 0, "error": 0, "unauthorized": 0}
        self._lock = threading.Lock()

    async def _events(self, request: web.Request) -> web.Response:
        header = request.headers.get("Authorization", "")
        try:
            jwt.decode(header.removeprefix("Bearer "), self.secret, algorithms=["HS256"])
        except jwt.PyJWTError:
            self.counts["unauthorized"] += 1
            return web.json_response({"status": "failure", "reason": "NotAuthenticated"}, status=401)
        events = await request.json()
        if self.error_rate and self.random.random() < self.error_rate:
            self.counts["error"] += 1
            with self._lock:
                self.failed.append((time.time(), request.match_info["conversation"], "",
                                    request.query.get("output_channel", "")))
            return web.json_response({"status": "failure", "reason": "ConversationError"}, status=500)
        text = next((e.get("text", "") for e in events if e.get("event") == "bot"), "")
        with self._lock:
            self.counts["ok"] += 1
            self.appended.append((time.time(), request.match_info["conversation"], text,
                                  request.query.get("output_channel", "")))
        return web.json_response({"sender_id": request.match_info["conversation"], "events": []})

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/conversations/{conversation}/tracker/events", self._events)


def build(args: argparse.Namespace) -> Tuple[web.Application, Dict[str, Any]]:
    def rate(value: float):
        return value if value > 0 else None

    telegram = FakeTelegram(TOKEN, gate=RateGate(rate(args.telegram_rate), rate(args.telegram_chat_rate),
                                                 args.error_rate, seed=args.seed), record_calls=False)
    twilio = FakeTwilio(SID, AUTH, gate=RateGate(None, rate(args.sms_rate), args.error_rate, seed=args.seed + 1))
    rasa = FakeRasa(args.jwt_secret, args.error_rate, seed=args.seed + 2)
    app = web.Application(client_max_size=1024 ** 2)
    for fake in (telegram, twilio, rasa):
        fake.routes(app)

    async def records(_: web.Request) -> web.Response:
        return web.json_response({
            "telegram": telegram.delivered, "telegram_failed": telegram.failed, "telegram_counts": telegram.gate.counts,
            "sms": twilio.delivered, "sms_failed": twilio.failed, "sms_counts": twilio.gate.counts,
            "rasa": rasa.appended, "rasa_failed": rasa.failed, "rasa_counts": rasa.counts,
        })

    app.router.add_get("/_records", records)
    return app, {"telegram": telegram, "twilio": twilio, "rasa": rasa}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--telegram-rate", type=float, default=30.0, help="messages/s overall (0: no limit)")
    parser.add_argument("--telegram-chat-rate", type=float, default=1.0, help="messages/s per chat (0: no limit)")
    parser.add_argument("--sms-rate", type=float, default=1.0, help="segments/s per sender number (0: no limit)")
    parser.add_argument("--error-rate", type=float, default=0.05, help="share of requests answered with 500")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jwt-secret", required=True)
    args = parser.parse_args()
    app, _ = build(args)
    web.run_app(app, host="127.0.0.1", port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
