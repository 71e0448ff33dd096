"""A fake Twilio REST API on loopback: the Messages resource, with Twilio's authentication and errors.

POST /2010-04-01/Accounts/<sid>/Messages.json with HTTP Basic auth (account SID and auth token;
401 and Twilio's error 20003 otherwise), 400 with error 21211 for a 'To' that is not a phone
number, and 201 with a queued message otherwise. Every accepted message is recorded. With a RateGate
(tests/fakes/limits.py) each sender number gets its own limit in segments per second (429, error
20429, with Retry-After above it) and a share of requests fails with 500.
"""

from __future__ import annotations

import base64
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Dict, List, Optional, Tuple

from aiohttp import web
from twilio.request_validator import RequestValidator

from bot.channels.segments import segments
from tests.fakes.limits import RateGate
from tests.fakes.loopback import LoopbackServer


class FakeTwilio(LoopbackServer):
    def __init__(self, account_sid: str, auth_token: str, gate: Optional[RateGate] = None) -> None:
        super().__init__()
        self.account_sid, self.auth_token = account_sid, auth_token
        self.gate = gate
        self.messages: List[Dict[str, Any]] = []
        self.delivered: List[Tuple[float, str, str, str]] = []  # (time, to, from, body) of accepted messages
        self.failed: List[Tuple[float, str, str, str]] = []  # the same, for messages the gate failed with 500
        self._lock = threading.Lock()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def to(self, number: str) -> List[str]:
        with self._lock:
            return [m["Body"] for m in self.messages if m["To"] == number]

    def wait_for(self, number: str, count: int, timeout: float = 20.0) -> List[str]:
        return self.wait_until(lambda: self.to(number), count, timeout, number)

    async def _messages(self, request: web.Request) -> web.Response:
        expected = "Basic " + base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if request.match_info["sid"] != self.account_sid or request.headers.get("Authorization") != expected:
            return web.json_response({"code": 20003, "message": "Authenticate", "status": 401}, status=401)
        form = dict(await request.post())
        if not str(form.get("To", "")).startswith("+"):
            return web.json_response({"code": 21211, "message": "The 'To' number is not a valid phone number.",
                                      "status": 400}, status=400)
        if self.gate is not None:
            source = form.get("From") or form.get("MessagingServiceSid", "")
            verdict, retry_after = self.gate.admit(source, segments(form.get("Body", "")))
            if verdict == "limited":
                return web.json_response({"code": 20429, "message": "Too Many Requests", "status": 429},
                                         status=429, headers={"Retry-After": str(retry_after)})
            if verdict == "error":
                with self._lock:
                    self.failed.append((time.time(), form["To"], source, form.get("Body", "")))
                return web.json_response({"code": 20500, "message": "Internal Server Error", "status": 500},
                                         status=500)
        with self._lock:
            self.messages.append(form)
            self.delivered.append((time.time(), form["To"], form.get("From") or form.get("MessagingServiceSid", ""),
                                   form.get("Body", "")))
        sid = "SM" + uuid.uuid4().hex
        return web.json_response({"sid": sid, "account_sid": self.account_sid, "to": form["To"],
                                  "from": form.get("From"), "body": form.get("Body"), "status": "queued",
                                  "num_segments": "1", "direction": "outbound-api",
                                  "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json"}, status=201)

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._messages)


def post_webhook(rasa_port: int, number: str, body: str, to: str, account_sid: str, auth_token: str,
                 public_url: str, sign: bool = True) -> Tuple[int, str]:
    """An incoming SMS as Twilio posts it to the assistant's webhook: (HTTP status, TwiML answer).
    Twilio signs every field it sends, empty ones included (FromCity, FromZip...)."""
    params = {"From": number, "To": to, "Body": body, "AccountSid": account_sid,
              "MessageSid": "SM" + "%032x" % random.getrandbits(128), "NumMedia": "0",
              "FromCity": "", "FromState": "DC", "FromZip": "", "FromCountry": "US"}
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if sign:
        headers["X-Twilio-Signature"] = RequestValidator(auth_token).compute_signature(public_url, params)
    request = urllib.request.Request(f"http://127.0.0.1:{rasa_port}/webhooks/twilio/webhook",
                                     data=urllib.parse.urlencode(params).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
