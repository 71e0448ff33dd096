"""How the dispatcher reaches each channel, and how a delivered message enters the conversation.

Telegram and SMS messages go straight to Telegram's and Twilio's APIs (so that their rate limits and
429s are the dispatcher's to honour); then the message is appended to the person's Rasa conversation
(tg:<chat>, sms:<number>) so that a reply such as "what does that mean?" has its context. Web-chat
messages are appended with Rasa's socket.io output channel: a widget that is open shows it at once,
and the conversation keeps it for the next visit.
"""

from __future__ import annotations

import time
from typing import Any, Dict, Optional

import aiohttp
import jwt

from bot.push.dispatcher import RetryAfter, Sender


class RasaConversations:
    """Appends delivered messages to conversations through Rasa's HTTP API (JWT, HS256)."""

    def __init__(self, rasa_url: str, jwt_secret: str, session: aiohttp.ClientSession) -> None:
        self.rasa_url, self.jwt_secret, self.session = rasa_url.rstrip("/"), jwt_secret, session

    def _token(self) -> str:
        return jwt.encode({"user": {"username": "dispatcher", "role": "admin"}, "exp": int(time.time()) + 300},
                          self.jwt_secret, algorithm="HS256")

    async def append(self, conversation: str, text: str, event_type: str, output_channel: Optional[str] = None) -> None:
        events = [
            {"event": "bot", "text": text, "timestamp": time.time()},
            {"event": "slot", "name": "last_status", "value": event_type, "timestamp": time.time()},
        ]
        params = {"output_channel": output_channel, "execute_side_effects": "true"} if output_channel else {}
        async with self.session.post(f"{self.rasa_url}/conversations/{conversation}/tracker/events", json=events,
                                     params=params, headers={"Authorization": f"Bearer {self._token()}"},
                                     timeout=aiohttp.ClientTimeout(total=15)) as response:
            if response.status >= 300:
                raise ConnectionError(f"Rasa answered {response.status}")


def web_sender(conversations: RasaConversations) -> Sender:
    async def send(delivery: Dict[str, Any], text: str) -> None:
        await conversations.append(delivery["conversation"], text, delivery["type"], output_channel="socketio")

    return send


def telegram_sender(bot: Any, conversations: RasaConversations) -> Sender:
    async def send(delivery: Dict[str, Any], text: str) -> None:
        from telegram.error import RetryAfter as TelegramRetryAfter

        try:
            await bot.send_message(chat_id=int(delivery["contact"]), text=text)
        except TelegramRetryAfter as error:
            raise RetryAfter(float(getattr(error.retry_after, "total_seconds", lambda: error.retry_after)()))
        await conversations.append(delivery["conversation"], text, delivery["type"])

    return send


def sms_sender(client: Any, from_: str, conversations: RasaConversations) -> Sender:
    async def send(delivery: Dict[str, Any], text: str) -> None:
        from twilio.base.exceptions import TwilioRestException

        kwargs = {"messaging_service_sid": from_} if from_.startswith("MG") else {"from_": from_}
        try:
            await client.messages.create_async(to=delivery["contact"], body=text, **kwargs)
        except TwilioRestException as error:
            if error.status == 429:
                raise RetryAfter(1.0)
            raise ConnectionError(f"Twilio error {error.code}") from None  # the exception text holds the number
        await conversations.append(delivery["conversation"], text, delivery["type"])

    return send
