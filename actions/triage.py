"""Triage: find the right program, explain it, offer to sign up; plus fallback and human handoff.

`action_guide` decides what to say from the slots that actions/slots.py keeps up to date (program,
facts, state) and from `stage`, which remembers the last question or offer, so that "yes", "no" and
"I don't know" are understood in context.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language, latest_intent, with_default
from bot import directory, reference
from bot.messages import say

MAX_CLARIFYING_QUESTIONS = 2
OFFERED = "offered:"


def explain_program(dispatcher: CollectingDispatcher, tracker: Tracker, program: str) -> None:
    """The plain-language page of one program, with the state's own contacts where the directory has them."""
    lang = language(tracker)
    say(dispatcher, lang, f"program_{program}")
    if program == "vine":
        state_contacts(dispatcher, lang, tracker.get_slot("state"))


def state_contacts(dispatcher: CollectingDispatcher, lang: str, state: Optional[str]) -> None:
    services = directory.state_services(state)
    own = services.get("own_notification_program")
    if own:
        say(
            dispatcher, lang, "state_own_program",
            state_name=reference.state_name(state, lang), program_name=own["name"], program_url=own["url"],
        )
    doc = services.get("corrections_victim_services")
    if doc:
        name = doc.get(f"name_{lang}") or doc["name_en"]
        if doc.get("phone"):
            say(dispatcher, lang, "state_services_phone", service_name=name, service_url=doc["url"], service_phone=doc["phone"])
        else:
            say(dispatcher, lang, "state_services", service_name=name, service_url=doc["url"])


def start_registration(dispatcher: CollectingDispatcher, tracker: Tracker, program: str) -> List[EventType]:
    """Setting `registering` makes the rules start that program's form (data/rules/registration.yml);
    answers given earlier (a paused sign-up) are kept."""
    say(dispatcher, language(tracker), "registration_intro")
    return [SlotSet("registering", program), SlotSet("stage", None), SlotSet("bad_attempts", 0)]


class ActionGuide(Action):
    """Explains the program once the facts decide it, asks at most two clarifying questions otherwise."""

    def name(self) -> Text:
        return "action_guide"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        # `registering` names the form the rules start next; it is cleared on every other answer.
        return with_default(await self.respond(dispatcher, tracker), "registering")

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        intent = latest_intent(tracker)
        stage = tracker.get_slot("stage") or ""
        program = tracker.get_slot("program")
        also = tracker.get_slot("also_program")

        if intent == "affirm" and stage.startswith(OFFERED):
            return start_registration(dispatcher, tracker, stage[len(OFFERED):])
        if intent == "deny" and stage.startswith(OFFERED):
            say(dispatcher, lang, "not_now")
            return [SlotSet("stage", None)]
        paused = tracker.get_slot("paused_form")
        if intent == "register" and paused:
            # A sign-up paused by a crisis resumes where it stopped.
            return start_registration(dispatcher, tracker, paused) + [SlotSet("paused_form", None)]
        if intent == "register" and program:
            return start_registration(dispatcher, tracker, program)
        if intent == "dont_know" and not program:
            say(dispatcher, lang, "dont_know_custody")
            return [SlotSet("stage", None), SlotSet("clarify_count", 0)]

        if program and stage != f"{OFFERED}{program}":
            if also:
                say(dispatcher, lang, "two_programs")
            explain_program(dispatcher, tracker, program)
            if also:
                explain_program(dispatcher, tracker, also)
            say(dispatcher, lang, "safety_line")
            say(dispatcher, lang, "offer_register")
            return [SlotSet("stage", f"{OFFERED}{program}"), SlotSet("clarify_count", 0)]
        if program:
            # Same program as already explained: more details (a state) or a repeated question.
            if intent == "inform":
                state_contacts(dispatcher, lang, tracker.get_slot("state"))
            say(dispatcher, lang, "offer_register")
            return []

        asked = int(tracker.get_slot("clarify_count") or 0)
        if asked >= MAX_CLARIFYING_QUESTIONS:
            say(dispatcher, lang, "dont_know_custody")
            return [SlotSet("stage", None), SlotSet("clarify_count", 0)]
        if "prison" in (tracker.get_slot("custody_facts") or []):
            say(dispatcher, lang, "ask_state_or_federal")
        else:
            say(dispatcher, lang, "ask_custody")
        return [SlotSet("stage", "asked_custody"), SlotSet("clarify_count", asked + 1)]


class ActionFallback(Action):
    """Honest "I didn't understand", in the person's language, with the main options."""

    def name(self) -> Text:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        from bot.validators import looks_like_junk

        text = (tracker.latest_message or {}).get("text") or ""
        say(dispatcher, language(tracker), "input_unreadable" if looks_like_junk(text) else "fallback")
        return []


class ActionHumanHandoff(Action):
    """Contacts of people who can help, from the directory: the 24/7 hotline, then case-specific ones."""

    def name(self) -> Text:
        return "action_human_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        lang = language(tracker)
        say(dispatcher, lang, "human")
        if tracker.get_slot("program") == "vns":
            say(dispatcher, lang, "human_vns")
        elif tracker.get_slot("state"):
            state_contacts(dispatcher, lang, tracker.get_slot("state"))
        return []
