"""How the dispatcher reaches each channel, and how a delivered message enters the conversation.

Telegram and SMS messages go straight to Telegram's Bot API and Twilio's Messages resource, with one
shared aiohttp session, so that the HTTP status (429 and its retry_after, a refusal that retrying
cannot fix, a server error) is the dispatcher's to act on. After a message went out it is appended to
the person's Rasa conversation (tg:<chat>, sms:<number>), with the event in the `last_status` and
`last_event` slots, so that a reply such as "what does that mean?" has its context. Web-chat messages
are that append itself, through Rasa's socket.io output channel: a widget that is open shows it at
once, and the conversation keeps it for the next visit.
"""

from __future__ import annotations

import json
import time
from typing import Any, Dict, Optional, Sequence

import aiohttp
import jwt

from bot.push.dispatcher import PermanentFailure, RetryAfter, Sender

_TIMEOUT = aiohttp.ClientTimeout(total=15)


def event_slot(delivery: Dict[str, Any]) -> Dict[str, Any]:
    """What the conversation keeps about the delivered event (no identifiers of the offender)."""
    return {"type": delivery["type"], "subscription_id": delivery["subscription_id"],
            "program": delivery.get("program"), "details": delivery.get("details") or {},
            "occurred_at": delivery.get("occurred_at"), "text": delivery.get("text") or ""}


class RasaConversations:
    """Appends delivered messages to conversations through Rasa's HTTP API (JWT, HS256)."""

    def __init__(self, rasa_url: str, jwt_secret: str, session: aiohttp.ClientSession) -> None:
        self.rasa_url, self.jwt_secret, self.session = rasa_url.rstrip("/"), jwt_secret, session
        self._token, self._token_expires = "", 0.0

    def token(self) -> str:
        if time.time() > self._token_expires - 60:
            self._token_expires = time.time() + 300
            self._token = jwt.encode({"user": {"username": "dispatcher", "role": "admin"},
                                      "exp": int(self._token_expires)}, self.jwt_secret, algorithm="HS256")
        return self._token

    async def append(self, delivery: Dict[str, Any], text: str, output_channel: Optional[str] = None) -> None:
        now = time.time()
        events = [
            # the language lets the web page follow the conversation (bot/channels/socketio.py)
            {"event": "bot", "text": text, "timestamp": now,
             "metadata": {"language": delivery.get("language")}},
            {"event": "slot", "name": "last_status", "value": delivery["type"], "timestamp": now},
            {"event": "slot", "name": "last_event", "value": event_slot(delivery), "timestamp": now},
        ]
        params = {"output_channel": output_channel, "execute_side_effects": "true"} if output_channel else {}
        async with self.session.post(f"{self.rasa_url}/conversations/{delivery['conversation']}/tracker/events",
                                     json=events, params=params, headers={"Authorization": f"Bearer {self.token()}"},
                                     timeout=_TIMEOUT) as response:
            await response.read()  # read to the end, so that the connection is kept for the next request
            if response.status >= 300:
                raise ConnectionError(f"Rasa answered {response.status}")

    async def followup(self, delivery: Dict[str, Any], text: str) -> None:
        """After a Telegram or SMS message went out; a web-chat message was the append itself."""
        if delivery["channel"] != "web" and delivery.get("conversation"):
            await self.append(delivery, text)


def web_sender(conversations: RasaConversations) -> Sender:
    async def send(delivery: Dict[str, Any], text: str) -> None:
        await conversations.append(delivery, text, output_channel="socketio")

    return send


def _json(raw: bytes) -> Dict[str, Any]:
    try:
        body = json.loads(raw)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _retry_after(response: aiohttp.ClientResponse, body: Dict[str, Any]) -> float:
    seconds = (body.get("parameters") or {}).get("retry_after") or response.headers.get("Retry-After") or 1
    try:
        return max(0.0, float(seconds))
    except ValueError:
        return 1.0


def telegram_sender(session: aiohttp.ClientSession, token: str,
                    api_url: str = "https://api.telegram.org/bot") -> Sender:
    """sendMessage on the Bot API. 429 → RetryAfter; 400/403 (chat not found, bot blocked by the
    user) → the row is dead, retrying cannot help; anything else is retried."""
    url = f"{api_url.rstrip('/')}{token}/sendMessage"

    async def send(delivery: Dict[str, Any], text: str) -> None:
        async with session.post(url, json={"chat_id": int(delivery["contact"]), "text": text},
                                timeout=_TIMEOUT) as response:
            raw = await response.read()  # read to the end, so that the connection is kept
            if response.status == 200:
                return
            body = _json(raw)
            if response.status == 429:
                raise RetryAfter(_retry_after(response, body))
            if response.status in (400, 403):
                raise PermanentFailure(f"Telegram {response.status}")
            raise ConnectionError(f"Telegram {response.status}")

    return send


# Twilio error codes for which a retry cannot succeed: invalid 'To', not a mobile number, the person
# replied STOP to us (21610), unreachable / landline destinations.
_TWILIO_PERMANENT = {21211, 21214, 21408, 21610, 21612, 21614}


def sms_sender(session: aiohttp.ClientSession, account_sid: str, auth_token: str, senders: Sequence[str],
               api_url: str = "https://api.twilio.com") -> Sender:
    """Twilio's Messages resource. `senders` is a pool of numbers (the dispatcher's lane names one)
    or a Messaging Service SID (MG…), which picks the number itself."""
    url = f"{api_url.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
    auth = aiohttp.BasicAuth(account_sid, auth_token)
    pool = list(senders)

    async def send(delivery: Dict[str, Any], text: str) -> None:
        source = delivery.get("lane") or pool[0]
        form = {"To": delivery["contact"], "Body": text}
        form["MessagingServiceSid" if source.startswith("MG") else "From"] = source
        async with session.post(url, data=form, auth=auth, timeout=_TIMEOUT) as response:
            raw = await response.read()
            if response.status in (200, 201):
                return
            body = _json(raw)
            code = body.get("code")
            if response.status == 429:
                raise RetryAfter(_retry_after(response, body))
            if code in _TWILIO_PERMANENT:
                raise PermanentFailure(f"Twilio error {code}", opted_out=code == 21610)
            if response.status == 400:
                raise PermanentFailure(f"Twilio 400 error {code}")
            # The error text can hold the number: only the status and code are kept.
            raise ConnectionError(f"Twilio {response.status} error {code}")

    return send
