"""Rasa's REST channel, refusing conversation ids that belong to another channel.

Telegram and SMS conversations have ids "tg:<chat>" and "sms:<number>". Without this check anyone
who can reach the REST endpoint could write into a Telegram or SMS person's conversation by sending
their id as "sender". REST ids must be plain (letters, digits, "-", "_", ".").
"""

from __future__ import annotations

import re
from typing import Optional, Text

from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic.exceptions import InvalidUsage
from sanic.request import Request

_PLAIN_ID = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = (req.json or {}).get("sender") if isinstance(req.json, dict) else None
        if sender is None:
            return None
        if not isinstance(sender, str) or not _PLAIN_ID.match(sender):
            raise InvalidUsage("sender: letters, digits, '-', '_' and '.' only")
        return sender
