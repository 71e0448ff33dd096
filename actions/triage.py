"""Triage: find the right program, explain it, offer to sign up; plus fallback and human handoff.

`action_guide` decides what to say from the slots that actions/slots.py keeps up to date (program,
facts, state) and from `stage`, which remembers the last question or offer, so that "yes", "no" and
"I don't know" are understood in context.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language, latest_intent, latest_text, said_again, since_previous_message, with_default
from actions.help import acknowledge, conversation_harms, help_lines, last_bot_text
from bot import directory, harm, reference
from bot.messages import render, say
from bot.nlu.text import normalize

MAX_CLARIFYING_QUESTIONS = 2
OFFERED = "offered:"


def explain_program(dispatcher: CollectingDispatcher, tracker: Tracker, program: str) -> None:
    """The plain-language page of one program, with the state's own contacts where the directory has them."""
    lang = language(tracker)
    say(dispatcher, lang, f"program_{program}")
    if program == "vine" and state_assumed(tracker):
        say(dispatcher, lang, "vine_assumed_state_prison")
    if program == "vine":
        state_contacts(dispatcher, lang, tracker.get_slot("state"), held_in_jail(tracker))


def state_assumed(tracker: Tracker) -> bool:
    """VINE was chosen for a prison named with no word of its kind ("in prison in South Carolina"): most prisons are
    the states' (actions/slots.py assumed_state), and the reply says a federal prison is another program."""
    facts = set(tracker.get_slot("custody_facts") or [])
    return "prison" in facts and not facts & {"state", "federal", "ice_custody"}


# A county or city jail, not a state prison: the state prison agency is not its contact.
_JAIL = re.compile(r"\b(jail|jails|county|sheriff|sheriffs|condado|alguacil|carcel municipal|city jail|"
                   r"carcel de la ciudad|carcel del condado|booking)\b")
_PRISON = re.compile(r"\b(prison|prisons|penitentiary|state pen|prision|prisiones|penitenciaria|penal|"
                     r"department of corrections|doc|tdcj|cdcr)\b")


def held_in_jail(tracker: Tracker) -> bool:
    """The person's words name a county or city jail and no state prison."""
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"] + [latest_text(tracker)]
    words = " ".join(normalize(t) for t in texts if not t.startswith("/"))
    return bool(_JAIL.search(words)) and not _PRISON.search(words)


def state_contacts(
    dispatcher: CollectingDispatcher, lang: str, state: Optional[str], jail: bool = False
) -> None:
    """The state's own notification program and its prison agency's victim services. For a county or city
    jail both are named as being for state prisons, so that neither is taken for the jail's contact."""
    services = directory.state_services(state)
    own = services.get("own_notification_program")
    if own:
        # A jail's person is told about the prisons' own program only as what comes if he goes to prison.
        say(
            dispatcher, lang, "state_own_program_prisons" if jail else "state_own_program",
            state_name=reference.state_name(state, lang), program_name=own["name"], program_url=own["url"],
        )
    doc = services.get("corrections_victim_services")
    if doc:
        name = doc.get(f"name_{lang}") or doc["name_en"]
        key = "state_services_prisons" if jail else "state_services"
        if doc.get("phone"):
            say(dispatcher, lang, f"{key}_phone", service_name=name, service_url=doc["url"],
                service_phone=doc["phone"])
        else:
            say(dispatcher, lang, key, service_name=name, service_url=doc["url"])


def start_registration(dispatcher: CollectingDispatcher, tracker: Tracker, program: str) -> List[EventType]:
    """Setting `registering` makes the rules start that program's form (data/rules/registration.yml);
    answers given earlier (a paused sign-up) are kept, and the sign-up is no longer paused."""
    say(dispatcher, language(tracker), "registration_intro")
    resumed = [SlotSet("paused_form", None)] if tracker.get_slot("paused_form") else []
    return [SlotSet("registering", program), SlotSet("stage", None), SlotSet("bad_attempts", 0)] + resumed


class ActionGuide(Action):
    """Explains the program once the facts decide it, asks at most two clarifying questions otherwise."""

    def name(self) -> Text:
        return "action_guide"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        # What the person said happened is acknowledged before any facts, and its hotline follows them.
        acknowledged = acknowledge(dispatcher, tracker)
        events = with_default(await self.respond(dispatcher, tracker), "registering")
        named = harm.harms(latest_text(tracker))
        if acknowledged or harm.NATIVE in named:
            for text in help_lines(tracker, named):
                dispatcher.utter_message(text=text)
        return events

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        intent = latest_intent(tracker)
        stage = tracker.get_slot("stage") or ""
        listened = _question_or_confusion(dispatcher, tracker)
        if listened is not None:
            return listened
        program = tracker.get_slot("program")
        also = tracker.get_slot("also_program")

        if stage.startswith(OFFERED):
            answer = _offer_answer(tracker, intent)
            if answer is True:
                return start_registration(dispatcher, tracker, stage[len(OFFERED):]) + _form_follows(
                    intent, stage[len(OFFERED):])
            if answer is False:
                say(dispatcher, lang, "not_now")
                return [SlotSet("stage", None), SlotSet("clarify_count", 0)]
        elif intent == "affirm" and _THANKS.search(normalize(latest_text(tracker))):
            # "yes, thank you" with no offer open is thanks (the classifier's "thank" made "affirm" by a yes).
            dispatcher.utter_message(response="utter_welcome")
            return []
        paused = tracker.get_slot("paused_form")
        if intent == "register" and paused:
            # A sign-up paused by a crisis resumes where it stopped.
            return start_registration(dispatcher, tracker, paused)
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
            # Same program as already explained: more details (a state), or an answer that is neither yes
            # nor no. The offer is not made again: a plain yes/no question once, then how to sign up later.
            if intent == "inform" and "vine" in (program, tracker.get_slot("also_program")):
                # the state's own contacts are for state and local custody, never a federal case's
                state_contacts(dispatcher, lang, tracker.get_slot("state"), held_in_jail(tracker))
            if not dispatcher.messages and stage.startswith(OFFERED) and _asks_unanswered(tracker):
                # "if he gets deported can he come back?", "who do i complain to": a question with no checked
                # answer here gets who can answer it for this program, and the offer stays open (never "yes
                # or no?" as if nothing had been asked).
                from actions import faq as faq_answers

                faq_answers.answer(dispatcher, tracker, ["unsourced"])
                return faq_answers.offer_after_answer(dispatcher, tracker)
            return _offer_unclear(dispatcher, tracker, stage)

        asked = int(tracker.get_slot("clarify_count") or 0)
        if asked >= MAX_CLARIFYING_QUESTIONS:
            say(dispatcher, lang, "dont_know_custody")
            return [SlotSet("stage", None), SlotSet("clarify_count", 0)]
        if "prison" in (tracker.get_slot("custody_facts") or []):
            say(dispatcher, lang, "ask_state_or_federal")
        else:
            say(dispatcher, lang, "ask_custody")
        return [SlotSet("stage", "asked_custody"), SlotSet("clarify_count", asked + 1)]


# Issue 9: while the offer is open, the words decide yes or no whatever the classifier said ("Yes, we
# would appreciate that." was "thank"); the classifier's affirm/deny counts when the words say neither.
_THANKS = re.compile(r"\b(thank|thanks|thx|ty|gracias|appreciate|agradezco)\b")
_FORMS = {"vine": "vine_form", "vns": "vns_form", "vnp": "vnp_form"}
# Intents whose rules start the form once `registering` is set (data/rules/registration.yml).
_FORM_BY_RULE = frozenset({"affirm", "register"})


def _offer_answer(tracker: Tracker, intent: Optional[str]) -> Optional[bool]:
    from bot.validators import offer_answer

    text = latest_text(tracker)
    if text.startswith("/"):
        answer = None
    else:
        answer = offer_answer(text, language(tracker))
    if answer is None and intent in ("affirm", "deny"):
        answer = intent == "affirm"
    return answer


def _form_follows(intent: Optional[str], program: str) -> List[EventType]:
    """A yes the classifier heard as something else has no rule to start the form: it is run next."""
    form = _FORMS.get(program)
    return [FollowupAction(form)] if form and intent not in _FORM_BY_RULE else []


def _asks_unanswered(tracker: Tracker) -> bool:
    """The latest message asks something in words (not a button, not a yes or no to the offer)."""
    from bot import faq

    text = latest_text(tracker)
    return not text.startswith("/") and faq.is_question(text) and not said_again(tracker)


def _offer_unclear(dispatcher: CollectingDispatcher, tracker: Tracker, stage: str) -> List[EventType]:
    """Neither yes nor no to the offer: asked plainly once, then left open with how to sign up later; the
    offer itself is never made twice in a row. `clarify_count` (free once the program is known) counts."""
    lang = language(tracker)
    if not stage.startswith(OFFERED):
        say(dispatcher, lang, "offer_register")
        return [SlotSet("stage", f"{OFFERED}{tracker.get_slot('program')}"), SlotSet("clarify_count", 0)]
    asked = int(tracker.get_slot("clarify_count") or 0)
    if asked == 0:
        say(dispatcher, lang, "offer_yes_no")
        return [SlotSet("clarify_count", 1)]
    if asked == 1:
        say(dispatcher, lang, "offer_left_open")
        return [SlotSet("clarify_count", 2)]
    if not dispatcher.messages:
        say(dispatcher, lang, "fallback")
    return []


def _question_or_confusion(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """A question of the FAQ asked in any words ("is free? i no have money for pay"), or "wdym" after
    the offer or the custody question (explained in other words, actions/clarify.py): answered, and the
    offer or question stays open (an offer is made again). None when the message is neither."""
    from actions import faq as faq_answers
    from actions.clarify import explain_question

    text = latest_text(tracker)
    if text.startswith("/"):
        return None
    if said_again(tracker) and (tracker.get_slot("stage") or "").startswith(OFFERED):
        # The same words again at the offer: the answer they got did not help, and the same paragraph twice in a
        # row never will; the offer is asked plainly instead (_offer_unclear).
        return None
    topics = faq_answers.asked_topics(tracker)
    if topics:
        faq_answers.answer(dispatcher, tracker, topics)
        return faq_answers.offer_after_answer(dispatcher, tracker)
    return explain_question(dispatcher, tracker)


class ActionOutOfScope(Action):
    """A message the classifier put outside the service: "I can't help with that", except while the sign-up
    offer is open, where it is read as the answer to the offer or a question about it ("uh maybe, how long
    does it take"), so that the conversation never stalls on a reply that asks nothing."""

    def name(self) -> Text:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        from bot.nlu import relevance

        text = latest_text(tracker)
        if (tracker.get_slot("stage") or "").startswith(OFFERED) and not text.startswith("/"):
            return with_default(await ActionGuide().respond(dispatcher, tracker), "registering")
        if not text.startswith("/") and relevance.names_harm(text) and not tracker.get_slot("program"):
            # "a mi mamá le pegaron y le robaron la cartera": a crime told, never "I can't help with that"; where
            # the person who did it is now is asked, as for any first message about him.
            return await ActionGuide().run(dispatcher, tracker, domain)
        say(dispatcher, language(tracker), "out_of_scope")
        return []


class ActionFallback(Action):
    """Honest "I didn't understand", in the person's language, with the main options."""

    def name(self) -> Text:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        from bot.validators import looks_like_junk

        text = (tracker.latest_message or {}).get("text") or ""
        if harm.asks_for_a_person(text):
            # "CAN I JUST CALL SOMEBODY" is never "I didn't understand": a person to call.
            return await ActionHumanHandoff().run(dispatcher, tracker, domain)
        listened = _question_or_confusion(dispatcher, tracker)
        if listened is not None:
            return listened
        if (tracker.get_slot("stage") or "").startswith(OFFERED) and not text.startswith("/"):
            # Not understood by the classifier, but the sign-up offer is open: its answer is read here.
            return with_default(await ActionGuide().respond(dispatcher, tracker), "registering")
        from actions import custody_answer
        from actions.common import entities

        if custody_answer.is_answer(tracker):
            # "MDOC, Ionia Correctional Facility" at "where is the person held now?": the answer, whatever
            # the classifiers heard (the facts are kept by actions/slots.py).
            return await ActionGuide().run(dispatcher, tracker, domain)
        custody = entities(tracker, "custody")
        if custody and all(e.get("role") == "mention" for e in custody):
            # Custody named in passing, in a message that is not about an offender (bot/nlu/component.py).
            say(dispatcher, language(tracker), "out_of_scope")
            return []
        lang = language(tracker)
        key = "input_unreadable" if looks_like_junk(text) else "fallback"
        if key == "fallback" and last_bot_text(tracker) == render("fallback", lang)["text"]:
            key = "fallback_again"  # never the same paragraph twice in a row
        say(dispatcher, lang, key)
        return []


def _said_last(tracker: Tracker, text: str) -> bool:
    """Whether `text` was among the bot's messages since the person's previous message."""
    return any(e.get("event") == "bot" and e.get("text") == text for e in since_previous_message(tracker))


class ActionHumanHandoff(Action):
    """Contacts of people who can help, from the directory: the 24/7 hotline, then case-specific ones."""

    def name(self) -> Text:
        return "action_human_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        lang = language(tracker)
        found = conversation_harms(tracker)
        first = help_lines(tracker, found)[0] if found else render("human", lang)["text"]
        said_988 = any(e.get("event") == "bot" and "988" in (e.get("text") or "") for e in tracker.events)
        if last_bot_text(tracker).startswith(first[:60]) or _said_last(tracker, first):
            # Asked again right after: the same paragraphs twice in a row would read as a wall.
            say(dispatcher, lang, "human_again")
            if not said_988:
                say(dispatcher, lang, "talk_988")
            return []
        acknowledge(dispatcher, tracker)
        if found:
            # The harm's own line (RAINN, Childhelp, POMC…), not always the domestic-violence hotline.
            for text in help_lines(tracker, found):
                dispatcher.utter_message(text=text)
            say(dispatcher, lang, "human_emergency")
        else:
            say(dispatcher, lang, "human")
        if not said_988:
            say(dispatcher, lang, "talk_988")  # someone to talk to now, whatever happened
        if "vnp" in (tracker.get_slot("program"), tracker.get_slot("also_program")):
            say(dispatcher, lang, "help_vnp")
        if tracker.get_slot("program") == "vns":
            say(dispatcher, lang, "human_vns")
        elif tracker.get_slot("state"):
            state_contacts(dispatcher, lang, tracker.get_slot("state"), held_in_jail(tracker))
        return []
