"""The question just asked, explained in other words ("wdym", "not sure what you mean", "q?? no entiendo").

Where the question is known: inside a form, `requested_slot`; outside, `stage` (offered:<program> after the
offer to sign up, asked_custody after "where is the person held?"). The explanation says what is asked,
why, and gives an example (bot/messages.yml, clarify_*); the conversation stays where it was: a form
asks its question again, an offer or the custody question stays open. A status message's meaning is
explained only when one was delivered since the person's previous message (actions/status.py).
"""

from __future__ import annotations

from typing import List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language, latest_text, since_previous_message
from bot import faq
from bot.messages import catalog, say

OFFERED = "offered:"
# Replies after which an offer or the custody question (slot stage) is still waiting for its answer: the
# ones that make them, and the answers to a question or a "wdym" asked in between.
_KEEP_OPEN = frozenset({"action_guide", "action_submit_registration", "action_after_verification",
                        "action_explain_status", "action_fallback", "action_answer_faq"})


def status_just_sent(tracker: Tracker) -> bool:
    """A status message reached this conversation since the person's previous message (the push
    appends the slot last_event with it, bot/push/senders.py)."""
    return any(e.get("event") == "slot" and e.get("name") == "last_event" and e.get("value")
               for e in since_previous_message(tracker))


def pending_question(tracker: Tracker) -> Optional[str]:
    """The catalog key explaining the question waiting for an answer, or None."""
    requested = tracker.get_slot("requested_slot")
    if requested and (tracker.active_loop or {}).get("name"):
        key = f"clarify_{requested}"
        return key if key in catalog() else None
    from actions.status import last_reply

    if last_reply(tracker) not in _KEEP_OPEN:
        return None  # something else was said since the offer or the question: it is no longer pending
    stage = tracker.get_slot("stage") or ""
    if stage.startswith(OFFERED):
        return "clarify_offer"
    if stage == "asked_custody":
        return "clarify_custody"
    return None


def explain_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """When the latest message says the person did not understand the question waiting for an answer,
    explain it and return the events (none: the same point of the conversation); else None."""
    if not faq.is_confused(latest_text(tracker)) or status_just_sent(tracker):
        return None
    key = pending_question(tracker)
    if key is None:
        return None
    say(dispatcher, language(tracker), key)
    return []
