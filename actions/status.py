"""Replies to a delivered status message: "what does that mean?", "where is he now?", "stop these".

The dispatcher (bot/push/senders.py) appends each status message to the person's conversation with
the slot `last_event` ({type, subscription_id, program, details, occurred_at, text}); these actions
answer from it, in the person's language. Nothing of the event or the conversation is logged (a
store failure is logged by StoreAction, without either).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date, datetime
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    entities, language, latest_intent, owner, since_previous_message, store, with_default,
)
from actions import faq as faq_answers
from actions.clarify import explain_question, status_just_sent
from actions.forms.summary import PROGRAM_NAMES
from actions.subscriptions import ActionAnyNews, ActionCancelSubscription, StoreAction
from actions.help import conversation_harms, help_lines
from actions.triage import ActionGuide, held_in_jail, state_contacts
from bot import dates
from bot.events.schema import EVENT_TYPES
from bot.messages import render, say, utter

# The person may be out of custody or on the run: these answers always end with the 911 line.
SAFETY_TYPES = frozenset({"release", "escape", "ice_release"})
COURT_TYPES = frozenset({"court_hearing_scheduled", "court_hearing_changed", "sentencing"})
# Where a facility named in the event places the person (a release or an escape names where from).
_AT_FACILITY = frozenset({"transfer", "return_to_custody", "ice_custody"})
_MOVES = frozenset({"transfer", "return_to_custody"})
_PROGRAMS = frozenset({"vine", "vns", "vnp"})
_PLACES = {
    "from_facility": {"en": " from {}", "es": " de {}"},
    "at_court": {"en": " at {}", "es": " en {}"},
    "when": {"en": " for {}", "es": " para el {}"},
}


def last_event(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The last status message of this conversation, checked and normalised; None if there was none.

    A conversation that only has `last_status` (the event type, set before `last_event` existed)
    still gets its type explained; without a subscription id there is just nothing to stop by it.
    """
    raw = tracker.get_slot("last_event")
    if not isinstance(raw, dict):
        kind = tracker.get_slot("last_status")
        return {"type": kind, "subscription_id": None, "program": None, "details": {}, "occurred_at": None,
                "text": ""} if kind in EVENT_TYPES else None
    kind = raw.get("type") if raw.get("type") in EVENT_TYPES else "other"
    details = raw.get("details") if isinstance(raw.get("details"), dict) else {}
    sub = raw.get("subscription_id")
    try:
        sub = int(sub) if sub is not None and not isinstance(sub, bool) else None
    except (TypeError, ValueError):
        sub = None
    text = raw.get("text")
    return {
        "type": kind,
        "subscription_id": sub,
        "program": raw.get("program") if raw.get("program") in _PROGRAMS else None,
        "details": {k: str(v).strip() for k, v in details.items() if k in ("facility", "court", "date") and v
                    and str(v).strip()},
        "occurred_at": raw.get("occurred_at"),
        "text": text.strip() if isinstance(text, str) else "",
    }


def day(value: Any, lang: str) -> Optional[str]:
    """An ISO 8601 date or date-time as a date in words ("December 10, 2026", "10 de diciembre de 2026").

    Only the date: a time with an offset the person may not share would mislead more than help."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).date()
    except ValueError:
        try:
            parsed = date.fromisoformat(text[:10])
        except ValueError:
            return None
    return dates.in_words(parsed, lang)


def places(event: Dict[str, Any], lang: str) -> Dict[str, str]:
    """The pieces of a sentence that the event's details fill: " from X", " at the court", " for <date>"."""
    details = event["details"]
    values = {
        "from_facility": details.get("facility"),
        "at_court": details.get("court"),
        "when": day(details.get("date"), lang),
    }
    return {key: _PLACES[key][lang].format(value) if value else "" for key, value in values.items()}


# Replies that end by asking where the person is held (domain.yml; action_guide with stage asked_custody).
_ASKS_WHERE_HELD = frozenset({"utter_greet", "utter_help"})
_NOT_A_REPLY = frozenset({"action_listen", "action_session_start", "action_extract_slots",
                          "action_validate_slot_mappings"})


def last_reply(tracker: Tracker) -> Optional[str]:
    """The bot's last action before the person's latest message (listening and slot upkeep aside)."""
    for event in since_previous_message(tracker):
        if event.get("event") == "action" and event.get("name") not in _NOT_A_REPLY:
            return event.get("name")
    return None


def asked_where_held(tracker: Tracker) -> bool:
    reply = last_reply(tracker)
    asked = reply == "action_guide" and tracker.get_slot("stage") == "asked_custody"
    return asked or reply in _ASKS_WHERE_HELD


def _more(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str, event: Dict[str, Any]) -> None:
    """Who can tell the person more, for the event's program (state or federal when not known)."""
    program = event["program"] or tracker.get_slot("program") or "vine"
    say(dispatcher, lang, f"status_more_{program}")
    if program == "vine":
        state_contacts(dispatcher, lang, tracker.get_slot("state"), held_in_jail(tracker))


# Status messages whose meaning points to someone to talk to.
_NEEDS_SUPPORT = frozenset({"release", "escape", "death", "ice_release"})


def explain(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str, event: Dict[str, Any]) -> None:
    """What the status means in plain words and what the person can do now."""
    kind = event["type"]
    if kind == "other":
        if event["text"]:
            say(dispatcher, lang, "status_meaning_other", text=event["text"])
        else:
            say(dispatcher, lang, "status_meaning_other_blank")
        _more(dispatcher, tracker, lang, event)
        return
    filled = places(event, lang)
    if kind in ("court_hearing_scheduled", "court_hearing_changed"):
        say(dispatcher, lang, f"status_meaning_{kind}", when=filled["when"], at_court=filled["at_court"])
    else:
        say(dispatcher, lang, f"status_meaning_{kind}")
    if kind in SAFETY_TYPES:
        say(dispatcher, lang, "safety_line")
    if kind in _NEEDS_SUPPORT:
        # The hotline in the meaning is the domestic-violence one; a harm the person named has its own.
        for text in help_lines(tracker, tuple(h for h in conversation_harms(tracker) if h != "self_harm")):
            if "1-800-799-7233" not in text:
                dispatcher.utter_message(text=text)


def whereabouts(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str, event: Dict[str, Any]) -> None:
    """Where the person is, as far as the last status message says, and how old that news is."""
    kind = event["type"]
    when = day(event["occurred_at"], lang)
    intro = (render("status_where_as_of", lang, date=when) if when
             else render("status_where_as_of_undated", lang))
    facility = event["details"].get("facility")
    filled = places(event, lang)
    if kind in _AT_FACILITY and facility:
        body = render(f"status_where_{kind}_at", lang, facility=facility)
    elif kind in ("release", "escape"):
        body = render(f"status_where_{kind}", lang, from_facility=filled["from_facility"])
    elif kind in COURT_TYPES:
        body = render("status_where_court", lang, when=filled["when"], at_court=filled["at_court"])
    elif kind == "other" and event["text"]:
        body = render("status_where_other", lang, text=event["text"])
    elif kind == "other":
        body = render("status_where_other_blank", lang)
    else:
        body = render(f"status_where_{kind}", lang)
    utter(dispatcher, {"text": f"{intro['text']} {body['text']}"}, lang)
    if kind in SAFETY_TYPES:
        say(dispatcher, lang, "safety_line")
    elif kind in COURT_TYPES or kind == "other" or (kind in _MOVES and not facility):
        # The message did not say where: point to who can.
        _more(dispatcher, tracker, lang, event)


class StatusReply(StoreAction, ABC):
    """A reply to the last status message of the conversation, with its own answer when there is none."""

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        event = last_event(tracker)
        if event:
            self.about(dispatcher, tracker, lang, event)
            return []
        if entities(tracker, "custody"):
            # No status message, and the question carries custody facts ("what does federal mean?",
            # "where is he held? the county jail in Harris"): the person is still finding the right
            # program, and triage answers.
            return await ActionGuide().respond(dispatcher, tracker)
        return await self.without_status(dispatcher, tracker, lang)

    @abstractmethod
    def about(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str,
              event: Dict[str, Any]) -> None:
        """The answer from the status message."""

    @abstractmethod
    async def without_status(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                             lang: str) -> List[EventType]:
        """The answer when no status message reached this conversation yet."""


class ActionExplainStatus(StatusReply):
    """ "What does that mean?" after a status message: its meaning and the next step."""

    def name(self) -> Text:
        return "action_explain_status"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        # "Not sure what you mean" right after one of the bot's questions is about that question, and
        # "what is VINE exactly?" is a question for the FAQ: neither is about a status message, unless
        # one was delivered since the person's previous message.
        if not status_just_sent(tracker):
            topics = faq_answers.asked_topics(tracker)
            if topics:
                faq_answers.answer(dispatcher, tracker, topics)
                return []
            handled = explain_question(dispatcher, tracker)
            if handled is not None:
                return handled
        return await super().answer(dispatcher, tracker)

    def about(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str,
              event: Dict[str, Any]) -> None:
        explain(dispatcher, tracker, lang, event)

    async def without_status(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                             lang: str) -> List[EventType]:
        if asked_where_held(tracker):
            # The bot just asked where the person is held: "I don't understand" gets the plain
            # explanation of the three programs, as "I don't know" does.
            say(dispatcher, lang, "dont_know_custody")
            return [SlotSet("stage", None), SlotSet("clarify_count", 0)]
        say(dispatcher, lang, "status_none_to_explain")
        return []


class ActionWhereabouts(StatusReply):
    """ "Where is he now?": from the last status message; without one, the latest news of the store."""

    def name(self) -> Text:
        return "action_whereabouts"

    def about(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str,
              event: Dict[str, Any]) -> None:
        whereabouts(dispatcher, tracker, lang, event)

    async def without_status(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                             lang: str) -> List[EventType]:
        say(dispatcher, lang, "status_where_unknown")
        return await ActionAnyNews().answer(dispatcher, tracker)


def _short_label(view, lang: str) -> str:
    program = PROGRAM_NAMES.get(view.program, {}).get(lang, view.program)
    return f"#{view.id} {view.offender_label or program}"


class ActionStopThese(StoreAction):
    """ "Stop these" after a status message: asks before stopping the subscription it was about,
    because stopping safety messages by mistake is dangerous. Without one, the cancel command."""

    def name(self) -> Text:
        return "action_stop_these"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        event = last_event(tracker)
        if not event or event["subscription_id"] is None:
            return await ActionCancelSubscription().answer(dispatcher, tracker)
        views = await (await store()).list_subscriptions(owner(tracker))
        view = next((v for v in views if v.id == event["subscription_id"]), None)
        if view is None:
            say(dispatcher, lang, "status_already_stopped")
            return [SlotSet("stop_pending", None)]
        say(dispatcher, lang, "status_stop_confirm", subscription=_short_label(view, lang))
        return [SlotSet("stop_pending", str(view.id))]


class ActionAnswerStop(StoreAction):
    """The answer to "stop these?": yes cancels that one subscription; no or "never mind" keeps it."""

    def name(self) -> Text:
        return "action_answer_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        # The rules expect the question closed after this action, also when the store failed (the
        # person is told so and can ask again).
        return with_default(await super().run(dispatcher, tracker, domain), "stop_pending")

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        pending = str(tracker.get_slot("stop_pending") or "")
        if latest_intent(tracker) != "affirm" or not pending.isdigit():
            say(dispatcher, lang, "status_kept")
            return [SlotSet("stop_pending", None)]
        the_store = await store()
        views = await the_store.list_subscriptions(owner(tracker))
        view = next((v for v in views if v.id == int(pending)), None)
        if view is None or not await the_store.cancel(owner(tracker), view.id):
            say(dispatcher, lang, "status_already_stopped")
        else:
            say(dispatcher, lang, "status_stopped", subscription=_short_label(view, lang))
        return [SlotSet("stop_pending", None)]
