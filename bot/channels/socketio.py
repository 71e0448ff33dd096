"""The web chat's socket.io channel: Rasa's own, with conversations kept across page loads.

Rasa 3.6's channel calls `sio.enter_room(...)` without awaiting it; with python-socketio 5.10 and
newer that coroutine never runs, so with `session_persistence: true` the browser never receives a
reply (RasaHQ/rasa#13027). This subclass replaces that one handler with one that awaits it.

Each text the bot sends carries the language it is written in (`metadata.language`, "en" or "es"),
so that the page's own words (title, labels, buttons, notices) follow the conversation.

credentials.yml:  bot.channels.socketio.SocketIOInput: {session_persistence: true, ...}
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput as RasaSocketIOOutput
from sanic import Blueprint

from bot.messages import LANGUAGES
from bot.safety.gate import safety_first

# Session ids come from the browser's sessionStorage: random hex, nothing else is accepted.
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def message_language(message: Dict[Text, Any]) -> Optional[str]:
    """The language a bot message is written in, or None when it does not say (both languages).

    Messages composed by the actions and pushed status messages say it (`language`); a response of
    domain.yml says it by its variation: the one conditioned on `language: es` is Spanish, and the one
    without a language condition is the English one (domain.yml's rule, tests/test_messages.py).
    """
    if message.get("language") in LANGUAGES:
        return message["language"]
    if message.get("utter_action"):
        for condition in message.get("condition") or []:
            if isinstance(condition, dict) and condition.get("name") == "language":
                return condition.get("value") if condition.get("value") in LANGUAGES else None
        return "en"
    return None


class SocketIOOutput(RasaSocketIOOutput):
    """Rasa's socket.io output, each text marked with its language (`metadata.language`)."""

    @staticmethod
    def _marked(payload: Dict[Text, Any], language: Optional[str]) -> Dict[Text, Any]:
        if language:
            payload["metadata"] = {"language": language}
        return payload

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        language = message_language(kwargs)
        for part in text.strip().split("\n\n"):
            await self._send_message(recipient_id, self._marked({"text": part}, language))

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        # As Rasa's: one message per paragraph, the buttons on the last one.
        language = message_language(kwargs)
        messages = [self._marked({"text": part, "quick_replies": []}, language)
                    for part in (text.strip().split("\n\n") or [text])]
        messages[-1]["quick_replies"] = [
            {"content_type": "text", "title": button["title"], "payload": button["payload"]}
            for button in buttons
        ]
        for message in messages:
            await self._send_message(recipient_id, message)


class SocketIOInput(RasaSocketIOInput):
    """socket.io input channel whose session requests join their room before confirming."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def get_output_channel(self) -> Optional[OutputChannel]:
        """The output for messages the HTTP API adds to a conversation (pushed status messages)."""
        if self.sio is None:
            return super().get_output_channel()
        return SocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Danger is answered before Rasa runs (bot/safety/gate.py).
        handle = safety_first(on_new_message)
        blueprint = super().blueprint(handle)
        sio = self.sio

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            session_id = (data or {}).get("session_id")
            if not isinstance(session_id, str) or not _SESSION_ID.match(session_id):
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        sio.on("session_request", session_request, namespace=self.namespace)

        async def handle_message(sid: Text, data: Dict) -> None:
            # A message may only name a session id of the web chat's own form: never the id of
            # a Telegram or SMS conversation ("tg:...", "sms:...").
            if not isinstance(data, dict):
                return
            session_id = data.get("session_id")
            if self.session_persistence and (not isinstance(session_id, str) or not _SESSION_ID.match(session_id)):
                return
            # Rasa's handler, with the output channel above (Rasa's own would drop the language).
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            await handle(UserMessage(
                str(data.get("message") or ""), SocketIOOutput(sio, self.bot_message_evt),
                session_id if self.session_persistence else sid, input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else {},
            ))

        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return blueprint
