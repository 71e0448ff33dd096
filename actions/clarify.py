"""The question just asked, explained in other words ("wdym", "not sure what you mean", "q?? no entiendo").

Where the question is known: inside a form, `requested_slot`; outside, `stage` (offered:<program> after the
offer to sign up, asked_custody after "where is the person held?"). The explanation says what is asked,
why, and gives an example (bot/messages.yml, clarify_*); the conversation stays where it was: a form
asks its question again, an offer or the custody question stays open. A status message's meaning is
explained only when one was delivered since the person's previous message (actions/status.py).
With no question waiting and no status message ever delivered, what was just said is put simply instead
(clarify_recap_<program> when a program was explained, else clarify_recap: what this assistant does),
and the conversation stays where it was.
"""

from __future__ import annotations

import re
from typing import List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entities, language, latest_text, since_previous_message
from bot import faq
from bot.messages import catalog, say
from bot.nlu.text import normalize

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


# A status message named outright: "what does the notification mean?", "¿qué significa el aviso?".
_NAMES_A_STATUS = re.compile(r"\b(?:status|notification|notice|alert|update|mensaje de estado|notificacion|"
                             r"aviso|alerta|actualizacion)\b|\b(?:the|that|this|your|el|ese|este|su)\s+"
                             r"(?:message|mensaje)\b")


def recap_key(tracker: Tracker) -> Optional[str]:
    """What to say when the person is lost but no question waits: the catalog key putting simply what
    was said so far, or None when a status message reached this conversation (that is explained)."""
    from actions.status import asked_where_held, last_event

    if last_event(tracker) is not None or asked_where_held(tracker) or entities(tracker, "custody") or \
            _NAMES_A_STATUS.search(normalize(latest_text(tracker))):
        # A status message to explain; "where is the person held?" just asked (actions/status.py answers
        # as "I don't know" is); custody words to triage ("what does federal mean?"); or a question about
        # a status message itself ("what does the alert mean?"), told honestly that none came yet.
        return None
    program = tracker.get_slot("program")
    key = f"clarify_recap_{program}"
    return key if program and key in catalog() else "clarify_recap"


def explain_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """When the latest message says the person did not understand the question waiting for an answer,
    explain it and return the events (none: the same point of the conversation); with no question
    waiting and no status message ever sent, what was said put simply; else None."""
    if not faq.is_confused(latest_text(tracker)) or status_just_sent(tracker):
        return None
    key = pending_question(tracker)
    if key == "clarify_custody":
        from actions import custody_answer

        if custody_answer.is_answer(tracker):
            return None  # "no entiendo, pero está en la cárcel del condado": the answer counts
    paused = tracker.get_slot("paused_form")
    if key is None and paused and not tracker.active_loop_name:
        # "what" after a danger answer paused the sign-up (an SMS once got the general recap twenty times): say
        # it is on hold, and a yes takes it up where it stopped
        say(dispatcher, language(tracker), "form_paused_go_on")
        return [SlotSet("stage", f"{OFFERED}{paused}")]
    key = key or recap_key(tracker)
    if key is None:
        return None
    say(dispatcher, language(tracker), key)
    program = tracker.get_slot("program")
    if key == f"clarify_recap_{program}" and not tracker.active_loop_name:
        # The recap ends by offering the sign-up: a plain "yes" or "sí" next answers it.
        return [SlotSet("stage", f"{OFFERED}{program}")]
    return []
