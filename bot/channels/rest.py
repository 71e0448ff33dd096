"""Rasa's REST channel, refusing conversation ids that belong to another channel.

Telegram and SMS conversations have ids "tg:<chat>" and "sms:<number>". Without this check anyone
who can reach the REST endpoint could write into a Telegram or SMS person's conversation by sending
their id as "sender". REST ids must be plain (letters, digits, "-", "_", ".").
Every message passes the safety layer first (bot/safety/gate.py).
"""

from __future__ import annotations

import re
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage
from sanic.request import Request

from bot.safety.gate import safety_first

_PLAIN_ID = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Danger is answered before Rasa runs (bot/safety/gate.py).
        return super().blueprint(safety_first(on_new_message))

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = (req.json or {}).get("sender") if isinstance(req.json, dict) else None
        if sender is None:
            return None
        if not isinstance(sender, str) or not _PLAIN_ID.match(sender):
            raise InvalidUsage("sender: letters, digits, '-', '_' and '.' only")
        return sender
