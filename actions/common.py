"""Helpers shared by the custom actions: the person's language and channel, the store, and the
intents that interrupt a form."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker

from bot.settings import settings

logger = logging.getLogger(__name__)

EN, ES = "en", "es"

# Intents that must reach the dialogue rules even while a form waits for an answer.
INTERRUPTING_INTENTS = frozenset(
    {"cancel", "crisis", "switch_to_english", "switch_to_spanish", "human_handoff", "correct"}
)

REGISTRATION_FORMS = frozenset({"vine_form", "vns_form", "vnp_form"})

# Rasa input channel name -> the contact channel it stands for. REST and socket.io are the web chat.
_CHANNELS = {"rest": "web", "socketio": "web", "telegram": "telegram", "twilio": "sms", "sms": "sms"}

_store = None
_store_lock = asyncio.Lock()


def language(tracker: Tracker) -> str:
    """The person's language, English until known."""
    return ES if tracker.get_slot("language") == ES else EN


def current_channel(tracker: Tracker) -> str:
    """The contact channel the person is chatting on ('web', 'telegram' or 'sms')."""
    return _CHANNELS.get(tracker.get_latest_input_channel() or "rest", "web")


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def said_again(tracker: Tracker) -> bool:
    """The person's latest message repeats their previous one word for word (buttons aside)."""
    from bot.nlu.text import normalize

    said = [event.get("text") or "" for event in reversed(tracker.events) if event.get("event") == "user"][:2]
    return len(said) == 2 and not said[0].startswith("/") and normalize(said[0]) == normalize(said[1]) != ""


def times_said(tracker: Tracker) -> int:
    """How many of the person's latest messages in a row are these same words (1 for a new message; buttons
    are never counted as repeats)."""
    from bot.nlu.text import normalize

    said = [event.get("text") or "" for event in reversed(tracker.events) if event.get("event") == "user"]
    if not said or said[0].startswith("/") or normalize(said[0]) == "":
        return 1
    count = 1
    while count < len(said) and normalize(said[count]) == normalize(said[0]):
        count += 1
    return count


def latest_intent(tracker: Tracker) -> Optional[str]:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def entities(tracker: Tracker, name: str, role: Optional[str] = None) -> List[Dict[Text, Any]]:
    """Entities of the latest message with this name (and role, if given)."""
    return [e for e in (tracker.latest_message or {}).get("entities") or []
            if e.get("entity") == name and (role is None or e.get("role") == role)]


def entity_value(tracker: Tracker, name: str) -> Optional[str]:
    found = entities(tracker, name)
    return found[-1].get("value") if found else None


def chat_address(tracker: Tracker) -> str:
    """The person's address on the channel they write from: the Telegram chat id or the phone number
    (conversation ids are "tg:<chat>" and "sms:<number>")."""
    sender = tracker.sender_id
    for prefix in ("tg:", "sms:"):
        if sender.startswith(prefix):
            return sender[len(prefix):]
    return sender


def owner(tracker: Tracker) -> str:
    """Who owns subscriptions: the conversation on its channel (an id chosen on one channel never
    reaches the subscriptions made on another). The store keeps only a keyed hash of it."""
    return f"{current_channel(tracker)}:{tracker.sender_id}"


async def store():
    """The process-wide subscription store, opened on first use (never at import time)."""
    global _store
    if _store is None:
        async with _store_lock:
            if _store is None:
                from bot.store import Store

                opened = Store.from_url(settings().database_url, var_dir=settings().var_dir)
                await opened.init()
                _store = opened
    return _store


async def close_store() -> None:
    """Close the store (tests)."""
    global _store
    if _store is not None:
        await _store.close()
        _store = None


def with_default(events: List[Dict[Text, Any]], slot: str, value: Any = None) -> List[Dict[Text, Any]]:
    """`events` plus SlotSet(slot, value) unless they set that slot already.

    Rules branch on some slots right after an action (data/rules/), so those actions always set them.
    """
    if any(e.get("event") == "slot" and e.get("name") == slot for e in events):
        return events
    return [*events, {"event": "slot", "name": slot, "value": value, "timestamp": None}]


def since_previous_message(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The events between the person's previous message and the latest one, newest first."""
    between: List[Dict[Text, Any]] = []
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                break
            seen_user = True
        elif seen_user:
            between.append(event)
    return between
