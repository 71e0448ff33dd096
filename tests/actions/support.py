"""Helpers for the custom-action tests: a Tracker built the way the action server builds it from
Rasa's request, the messages an action sent, and the messages we expect from bot/messages.yml."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.messages import render

SENDER = "test-user"
# The store owner of a web conversation (actions.common.owner: "<channel>:<conversation id>").
OWNER = f"web:{SENDER}"
# English/Spanish pairs side by side: parametrise with ("lang", ...) and these ids.
LANGS = ("en", "es")

Expected = Union[str, Tuple[str, Dict[str, Any]]]


def ent(entity: str, value: Any, role: Optional[str] = None) -> Dict[str, Any]:
    """An entity of the latest message, as Rasa's NLU pipeline reports it."""
    found = {"entity": entity, "value": value, "start": 0, "end": 0, "extractor": "test"}
    if role:
        found["role"] = role
    return found


def initial_slots(domain: Dict[str, Any]) -> Dict[str, Any]:
    """Every domain slot at its initial value, plus requested_slot (Rasa adds it when forms exist)."""
    slots = {name: spec.get("initial_value") for name, spec in domain["slots"].items()}
    slots["requested_slot"] = None
    return slots


def make_tracker(
    domain: Dict[str, Any],
    text: str = "",
    intent: Optional[str] = None,
    entities: Iterable[Dict[str, Any]] = (),
    slots: Optional[Dict[str, Any]] = None,
    events: Sequence[Dict[str, Any]] = (),
    active_loop: Optional[str] = None,
    channel: str = "rest",
    sender_id: str = SENDER,
    metadata: Optional[Dict[str, Any]] = None,
) -> Tracker:
    """The tracker state the action server receives: slots, the latest message, the events (earlier
    `events`, then the user's message on `channel`) and the active loop."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": list(entities),
        "intent_ranking": [],
        **({"metadata": metadata} if metadata else {}),
    }
    state = {
        "sender_id": sender_id,
        "slots": {**initial_slots(domain), **(slots or {})},
        "latest_message": latest,
        "events": [
            *events,
            {"event": "action", "name": "action_listen", "timestamp": None},
            {"event": "user", "text": text, "parse_data": latest, "input_channel": channel, "timestamp": None},
        ],
        "paused": False,
        "followup_action": None,
        "active_loop": {"name": active_loop} if active_loop else {},
        "latest_action_name": "action_listen",
    }
    return Tracker.from_dict(state)


async def run(action, tracker: Tracker, domain: Dict[str, Any]) -> Tuple[List[Dict[str, Any]], CollectingDispatcher]:
    """Run an action as the action server does; return its events and the dispatcher."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return events, dispatcher


def sent(dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """The messages an action sent: text, and buttons when there are any."""
    out = []
    for message in dispatcher.messages:
        shown = {"text": message.get("text")}
        if message.get("buttons"):
            shown["buttons"] = message["buttons"]
        out.append(shown)
    return out


def expected(lang: str, *items: Expected) -> List[Dict[str, Any]]:
    """The catalog messages `items` (a key, or (key, values)) in `lang`, as bot.messages.render makes them."""
    out = []
    for item in items:
        key, values = (item, {}) if isinstance(item, str) else item
        out.append(render(key, lang, **values))
    return out


def slot_sets(**values: Any) -> List[Dict[str, Any]]:
    """SlotSet events in keyword order (for short expected lists)."""
    return [SlotSet(name, value) for name, value in values.items()]


def apply(slots: Dict[str, Any], events: Iterable[Dict[str, Any]]) -> Dict[str, Any]:
    """Slots after `events`, as Rasa would apply them before the next action."""
    slots = dict(slots)
    for event in events:
        if event.get("event") == "slot":
            slots[event["name"]] = event["value"]
    return slots
