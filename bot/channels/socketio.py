"""The web chat's socket.io channel: Rasa's own, with conversations kept across page loads.

Rasa 3.6's channel calls `sio.enter_room(...)` without awaiting it; with python-socketio 5.10 and
newer that coroutine never runs, so with `session_persistence: true` the browser never receives a
reply (RasaHQ/rasa#13027). This subclass replaces that one handler with one that awaits it.

credentials.yml:  bot.channels.socketio.SocketIOInput: {session_persistence: true, ...}
"""

from __future__ import annotations

import re
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

from bot.safety.gate import safety_first

# Session ids come from the browser's sessionStorage: random hex, nothing else is accepted.
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class SocketIOInput(RasaSocketIOInput):
    """socket.io input channel whose session requests join their room before confirming."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Danger is answered before Rasa runs (bot/safety/gate.py).
        blueprint = super().blueprint(safety_first(on_new_message))
        sio = self.sio

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            session_id = (data or {}).get("session_id")
            if not isinstance(session_id, str) or not _SESSION_ID.match(session_id):
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        sio.on("session_request", session_request, namespace=self.namespace)

        rasa_handle_message = sio.handlers[self.namespace or "/"][self.user_message_evt]

        async def handle_message(sid: Text, data: Dict) -> None:
            # A message may only name a session id of the web chat's own form: never the id of
            # a Telegram or SMS conversation ("tg:...", "sms:...").
            if not isinstance(data, dict):
                return
            session_id = data.get("session_id")
            if self.session_persistence and (not isinstance(session_id, str) or not _SESSION_ID.match(session_id)):
                return
            await rasa_handle_message(sid, data)

        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return blueprint
