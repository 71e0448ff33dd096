"""Shared validation for the forms: parse the answer to the requested slot, re-ask with an example
after a bad answer, and stop politely after three.

Each form's validation action (validate_<form>) is a subclass that names its parsers. Rasa calls it
after every answer while the form is active; returning no event for an interrupting intent (cancel,
crisis, a language switch, a human, a correction) lets the form step aside so the rules answer it.
A question or an aside is answered here and the same question asked again (bot/faq.py decides, before
any parser sees the words: a name field would take "wait what is VINE?" as a person); "forget it"
leaves the form with nothing stored.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Union

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import faq as faq_answers
from actions.common import (
    INTERRUPTING_INTENTS, current_channel, entities, entity_value, language, latest_intent, latest_text, said_again,
    times_said,
)
from actions.forms.corrections import clear_field
from actions.forms.summary import field_in
from bot import faq, validators
from bot.messages import catalog, say
from bot.nlu.text import normalize

MAX_BAD_ANSWERS = 3
_CORRECTION_WORDS = re.compile(
    r"\b(change|changing|fix|wrong|correct|mistake|edit|update|different|instead|cambiar|cambia|cambie|cambio|"
    r"cambieme|corregir|corrige|correccion|equivoque|equivocado|equivocada|mal|error|otro|otra|actualizar)\b"
)
MIN_INTERRUPT_CONFIDENCE = 0.6
# Fields a third unreadable answer does not end the sign-up for: the value taken instead, and what is said.
# No quiet hours loses nothing that matters: urgent news is sent at once in any case.
# The federal district may be left unknown (the sign-up goes on without it), and after two unclear answers
# it is: "??", "the federal court in Brooklyn" twice should not end the sign-up.
GIVE_UP_VALUES = {"quiet_hours": ("none", "quiet_hours_given_up"),
                  "federal_district": ("unknown", "federal_district_given_up")}
# Unclear answers before the value above is taken, where it is not MAX_BAD_ANSWERS.
GIVE_UP_AFTER = {"federal_district": 2}
# Questions the person may leave unanswered ("not sure"): the same confusion twice leaves them out.
SKIPPABLE = frozenset({"facility", "federal_district", "offender_dob", "offender_country"})
# Questions that a third unclear answer does not end (issue 9): from the second one on, the question is
# asked plainly (the catalog key; with buttons) instead of again in full, and only a clear no or a cancel
# ends the form. The read-back must not throw a whole sign-up away because "todo correcto" was not read.
ASKED_PLAINLY = {"confirm": "confirm_yes_or_no"}
PLAIN_AFTER = 2
# Questions where the same words a third time get another way forward, never the same reply again (the
# person is stuck): the catalog keys said in turn, from the third time on. Elsewhere the third unclear answer
# ends the question already (MAX_BAD_ANSWERS, GIVE_UP_VALUES).
STUCK_REPLIES = {"confirm": ("confirm_stuck", "confirm_stuck_person"),
                 "contact_channel": ("contact_channel_stuck", "contact_channel_stuck_person")}
# Questions whose "why do you need that?" gets a short answer (bot/faq.py asks_why_contact).
CONTACT_SLOTS = frozenset({"contact_channel", "contact_address"})
# Slots whose parsers take almost any words: a question there is answered even when it would parse.
FREE_TEXT_SLOTS = frozenset({"offender_ref", "offender_name", "facility"})
NAME_SLOTS = frozenset({"offender_ref", "offender_name"})
# Fields whose parser accepts only a real answer (a date, a state, hours, a channel…): a statement that names
# an FAQ topic is tried as the answer before it is answered as a question.
STATEMENT_FIRST_SLOTS = frozenset({"offender_dob", "offender_country", "state", "federal_district",
                                   "contact_channel", "contact_address", "quiet_hours", "confirm"})

# What a parser returns: the slot value, or a Rejection naming the message to send.
Parsed = Union[str, bool, dict, "Filled", "Rejection", None]


def invalid_key(requested: str, tracker: Tracker) -> str:
    """The message for a bad answer: the channel's own wording when it has one (by SMS the channel
    choices are text messages or e-mail, not Telegram), else the common one."""
    own = f"invalid_{requested}_{current_channel(tracker)}"
    return own if own in catalog() else f"invalid_{requested}"


# The words of a request for a language ("sigamos en español", "english please", "in Spanish if possible").
_LANGUAGE_REQUEST_WORDS = frozenset("""espanol spanish ingles english castellano idioma language lengua en in
    please pls plz por favor porfa mejor sigamos seguimos seguir continue keep speak habla hablar hablame
    hableme if possible si se puede you can can could puede pueden ser es the los las messages mensajes
    ok okay si yes""".split())


def _asks_for_language_in_use(tracker: Tracker, lang: str) -> bool:
    """The latest message asks for the language the conversation is already held in."""
    return any(hint.get("role") == "requested" and hint.get("value") == lang
               for hint in entities(tracker, "language_hint"))


# The intent that asks for each language ("switch_to_spanish").
_SWITCH_TO = {"en": "switch_to_english", "es": "switch_to_spanish"}


class Rejection:
    """A bad answer: `message` is the catalog key of the reply; `counts` says whether it is a strike;
    `answers` says the message answers a question the words asked ("is the month first?"), so that no other
    answer to it is given."""

    def __init__(
        self, message: str, counts: bool = True, events: Optional[List[EventType]] = None, answers: bool = False,
        **values: Any
    ) -> None:
        self.message = message
        self.counts = counts
        self.events = events or []
        self.answers = answers
        self.values = values


class Filled:
    """A good answer that brought other answers with it ("José Pérez, nació el 3 de marzo de 1985"):
    `value` fills the requested slot, `events` keep the rest; `message` (a catalog key, with `values`) is
    said when the person should see how the answer was read ("not after 9pm": 9 pm to 7 am)."""

    def __init__(self, value: Any, events: List[EventType], message: str = "", **values: Any) -> None:
        self.value = value
        self.events = events
        self.message = message
        self.values = values


Parser = Callable[[str, Tracker], Union[Parsed, Awaitable[Parsed]]]


class FormValidation(Action, ABC):
    """Base of every validate_<form> action (abstract, so the SDK does not register it)."""

    form_name: str = ""

    @abstractmethod
    def parsers(self) -> Dict[str, Parser]:
        """slot name -> function(text, tracker) returning the value, a Rejection, or None (bad answer)."""

    def name(self) -> Text:
        return f"validate_{self.form_name}"

    def after_fill(self, slot: str, value: Any, tracker: Tracker) -> List[EventType]:
        """Extra events once a slot is filled (for example clearing a slot that depends on it)."""
        return []

    def give_up_value(self, requested: str, tracker: Tracker) -> Optional[tuple]:
        """(value, message key) taken after repeated unclear answers to `requested`; None ends the form. A
        question the person may leave unanswered is left out rather than the sign-up thrown away (three "?"
        at the facility question once lost a sign-up whose name was given)."""
        return GIVE_UP_VALUES.get(requested) or (("unknown", "field_skipped") if requested in SKIPPABLE else None)

    def _take(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str, requested: str, value: Any,
              message: str) -> List[EventType]:
        """A value taken for the person after unclear answers ("not sure", no quiet hours), said in a line."""
        say(dispatcher, lang, message)
        events = [SlotSet(requested, value), SlotSet("bad_attempts", 0)]
        return events + self.after_fill(requested, value, tracker)

    def on_give_up(self, tracker: Tracker) -> List[EventType]:
        """Events when the person gave three bad answers in a row."""
        return []

    async def aside(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Optional[List[EventType]]:
        """Events when the message is not an answer but something this form answers itself (a request
        for a new code, a correction in words...), read before the interrupting intents; None to go on
        as usual."""
        return None

    interrupting_intents = INTERRUPTING_INTENTS
    # Whether a question outside the FAQ's topics gets the "I can answer these" reply here.
    answers_any_question = True

    def _interrupted(self, tracker: Tracker) -> bool:
        """An interrupting intent, trusted only when the classifier is sure of it: a name such as
        "Cancel Rivera" must not end the sign-up. Forced intents (danger, a bare "cancel", a language
        request) and button payloads come with confidence 1. A correction must also say so in words
        ("change", "wrong", "cambiar"...): "el nombre es Ramiro Castillo" is an answer, not a fix."""
        message = tracker.latest_message or {}
        intent = message.get("intent") or {}
        name = intent.get("name")
        if name == "crisis":
            return True  # danger is answered first, however unsure the classifier is
        if name not in self.interrupting_intents or (intent.get("confidence") or 0) < MIN_INTERRUPT_CONFIDENCE:
            return False
        text = message.get("text") or ""
        if name == _SWITCH_TO.get(language(tracker)) and not text.startswith("/") \
                and (faq.is_confused(text) or said_again(tracker)):
            # "no entiendo bien el español, yo hablo kiche" in Spanish, or the same request again: the language
            # is already this one; what was not understood is the question (answered below, and counted).
            return False
        if name in ("correct", "change_contact") and not text.startswith("/"):
            # "what happens if I change my number later?" asks about later: answered, not a correction
            if "change_later" in faq.topics(text):
                return False
            if tracker.get_slot("requested_slot") == "contact_channel" and validators.channel_asked_for(text):
                # "email please, I change phones a lot": the answer to the channel question; the change is why
                return False
            return bool(_CORRECTION_WORDS.search(normalize(text)))
        return True

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        requested = tracker.get_slot("requested_slot")
        events = await self._validate(dispatcher, tracker, domain)
        required = domain.get("forms", {}).get(self.form_name, {}).get("required_slots", [])
        settled = any(event.get("name") == "requested_slot" or (
            event.get("name") == requested and event.get("value") is not None) for event in events)
        if requested and requested not in required and requested in self.parsers() and not settled:
            # A slot this form asks only when asked to change it (a date of birth given with the name):
            # Rasa asks the next of the form's own slots unless told to keep asking this one.
            events.append(SlotSet("requested_slot", requested))
        return events

    async def _validate(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        requested = tracker.get_slot("requested_slot")
        parser = self.parsers().get(requested or "")
        if parser is None:
            return []
        text = latest_text(tracker)
        field = entity_value(tracker, "field")
        chosen = tracker.get_slot("stage") == "which_field" or (text.startswith("/correct") and field)
        if chosen and latest_intent(tracker) != "crisis":
            # The answer to "What would you like to change?" (or its button): a field named ("la fecha
            # de nacimiento") is the one to change, whatever the classifier made of the words.
            field = field or field_in(text)
            corrected = clear_field(field, tracker, domain) if field else None
            if corrected:
                return corrected
        if latest_intent(tracker) != "crisis":
            handled = await self.aside(dispatcher, tracker, domain)
            if handled is not None:
                return handled
        if self._interrupted(tracker):
            return []
        lang = language(tracker)
        text = latest_text(tracker).strip()
        if not text.startswith("/") and faq.wants_to_leave(text):
            # "Forget it", "olvídalo": ending the form this way makes its submit action store nothing.
            if faq.mentions_health(text):
                say(dispatcher, lang, "form_left_health")  # "driving me to the ER now": health first
            say(dispatcher, lang, "form_left")
            return [SlotSet("bad_attempts", 0), SlotSet("requested_slot", None)]
        if not text.startswith("/") and _asks_for_language_in_use(tracker, lang) and not said_again(tracker):
            # "¿Los mensajes pueden llegar en español?" in a conversation already in Spanish: yes, said plainly;
            # a question is asked again, an answer with it ("Text, in Spanish if possible") is read as usual.
            # "sorry no entiendo, puede en español?": the question is also explained below (and counted), and
            # the same words again go on to the question's plainer wording, never the same reply in a loop.
            say(dispatcher, lang, "language_kept")
            rest = [word for word in normalize(text).split() if word not in _LANGUAGE_REQUEST_WORDS]
            if not faq.is_confused(text) and ("?" in text or "¿" in text or faq.is_question(text) or not rest):
                # a question, or nothing but the request ("español", "english please"): never a name
                return [SlotSet(requested, None)]
        if requested in CONTACT_SLOTS and faq.asks_why_contact(text):
            # "why do you need that?", "¿para qué quiere mi número?": what it is for, then the question again
            say(dispatcher, lang, "contact_why")
            return [SlotSet(requested, None)]
        if said_again(tracker) and faq.is_confused(text):
            # The same confusion in the same words: the explanation did not help. A question that can be
            # left out is left out; another gets its example and counts as an unclear answer.
            given_up = ("unknown", "field_skipped") if requested in SKIPPABLE else \
                self.give_up_value(requested, tracker)
            if given_up:
                return self._take(dispatcher, tracker, lang, requested, *given_up)
            return await self._as_answer(dispatcher, tracker, requested, parser, text, lang, unusable=True)
        if said_again(tracker):
            # The same words again at the same question: the answer they got did not help, and the same
            # paragraph twice in a row never will. They are read as the answer (a facility "no sé si el de
            # del valle o el del downtown"), or get the question's hint and count as an unclear answer.
            # A question twice is never stored as a name. Confusion said twice ("huh?", "mande?", "sorry I
            # no understand") is never anyone's answer to anything: it goes on to the plainer wording and,
            # the third time, the way out below.
            not_a_name = requested in NAME_SLOTS and (faq.is_question(text) or _asks_for_language_in_use(tracker, lang))
            return await self._as_answer(dispatcher, tracker, requested, parser, text, lang, unusable=not_a_name)
        topics = faq_answers.asked_topics(tracker)
        # "my mom doesn't know" at the date of birth names a topic (who is told) but asks nothing: a field
        # with a strict parser tries the words as its answer first.
        statement = "?" not in text and not faq_answers.asks_something(tracker)
        plain = requested == "contact_channel" and validators.channel_asked_for(text) \
            and "safe_contact" not in topics
        if topics and not (statement and requested in STATEMENT_FIRST_SLOTS) and not plain:
            # ("if you can do both, if only one then email" names both channels, a topic, but asks for e-mail)
            return self._answered(dispatcher, tracker, requested, topics)
        if not text.startswith("/") and faq.is_confused(text):
            # "wdym", "no entiendo": the question in other words (or the status message just delivered,
            # if that is what was not understood), then the same question again; nothing stored, no strike.
            from actions.clarify import explain_question, status_just_sent
            from actions.status import explain, last_event

            confusions = int(tracker.get_slot("bad_attempts") or 0) + 1
            if confusions >= MAX_BAD_ANSWERS:
                # Explained twice and still not clear: never the same explanation a third time. The read-back
                # is asked plainly (a whole sign-up is not thrown away); an optional question is left out;
                # otherwise a way out (come back any time, or a person to talk to).
                if requested in ASKED_PLAINLY:
                    say(dispatcher, lang, ASKED_PLAINLY[requested])
                    return [SlotSet(requested, None), SlotSet("bad_attempts", 0)]
                given_up = self.give_up_value(requested, tracker)
                if given_up:
                    return self._take(dispatcher, tracker, lang, requested, *given_up)
                say(dispatcher, lang, "form_confused_way_out")
                return [SlotSet("bad_attempts", 0), SlotSet("requested_slot", None)] + self.on_give_up(tracker)
            event = last_event(tracker) if status_just_sent(tracker) else None
            if event:
                explain(dispatcher, tracker, lang, event)
                return [SlotSet(requested, None), SlotSet("bad_attempts", confusions)]
            if explain_question(dispatcher, tracker) is not None:
                return [SlotSet(requested, None), SlotSet("bad_attempts", confusions)]
        return await self._as_answer(dispatcher, tracker, requested, parser, text, lang, topics)

    async def _as_answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str, parser: Any,
                         text: str, lang: str, topics: Optional[List[str]] = None,
                         unusable: bool = False) -> List[EventType]:
        """The message read as the answer to `requested`: stored, or the question again with a strike."""
        listening = topics is not None
        topics = topics or []
        result = None if unusable else parser(text, tracker)
        if hasattr(result, "__await__"):
            result = await result  # type: ignore[misc]
        unusable = result is None or isinstance(result, Rejection)
        if unusable and topics:
            return self._answered(dispatcher, tracker, requested, topics)
        # A usable free-text answer written as a name ("Demarcus Jones creo que es Demarcus Tyrone Jones") is
        # taken unless its words ask something: the classifier's guess alone does not make a name a question
        # (it still does for "tell me more about that first").
        written_as_name = sum(word[:1].isupper() for word in text.split()) >= 2
        asks = faq.is_question(text) if (not unusable and requested in FREE_TEXT_SLOTS and written_as_name) \
            else faq_answers.asks_something(tracker)
        answered_here = isinstance(result, Rejection) and result.answers
        if listening and self.answers_any_question and (unusable or requested in FREE_TEXT_SLOTS) and asks \
                and not answered_here:
            return self._answered(dispatcher, tracker, requested, [])
        if not unusable:
            value, extra = (result.value, result.events) if isinstance(result, Filled) else (result, [])
            if isinstance(result, Filled) and result.message:
                say(dispatcher, lang, result.message, **result.values)
            events = [SlotSet(requested, value), SlotSet("bad_attempts", 0)] + extra
            events += self.after_fill(requested, value, tracker)
            if tracker.get_slot("stage") == "which_field":
                # "what would you like to change?" was answered with an answer: the read-back comes again
                events.append(SlotSet("stage", None))
            return events

        rejection = result if isinstance(result, Rejection) else Rejection(invalid_key(requested, tracker))
        strikes = int(tracker.get_slot("bad_attempts") or 0) + (1 if rejection.counts else 0)
        said = times_said(tracker)
        if requested in STUCK_REPLIES and said > 2 and not any(
                event.get("name") == "requested_slot" for event in rejection.events):
            # The same words a third time, and they still do not answer: the replies they got did not help, so
            # another way forward (what is understood, the choices, a person), never the same reply again.
            stuck = STUCK_REPLIES[requested][(said - 3) % 2]
            if requested in ASKED_PLAINLY:
                say(dispatcher, lang, stuck)
                return [SlotSet(requested, None), SlotSet("bad_attempts", max(strikes, PLAIN_AFTER))] + [
                    event for event in rejection.events if event.get("name") != "bad_attempts"]
            # Not a strike when nothing can be taken for the person instead (on the web, no channel is theirs
            # by default): the stuck reply is said rather than the sign-up being thrown away.
            counts = rejection.counts and self.give_up_value(requested, tracker) is not None
            strikes -= (1 if rejection.counts and not counts else 0)
            rejection = Rejection(stuck, counts=counts, events=rejection.events)
        if rejection.counts and strikes >= PLAIN_AFTER and requested in ASKED_PLAINLY:
            # The plain question; on a further unclear answer the short hint: never the same twice in a row.
            say(dispatcher, lang, ASKED_PLAINLY[requested] if strikes % 2 == 0 else rejection.message,
                **rejection.values)
            return [SlotSet(requested, None), SlotSet("bad_attempts", strikes)] + rejection.events
        given_up = self.give_up_value(requested, tracker)
        if strikes >= GIVE_UP_AFTER.get(requested, MAX_BAD_ANSWERS) and given_up:
            return self._take(dispatcher, tracker, lang, requested, *given_up)
        if strikes >= MAX_BAD_ANSWERS and requested not in ASKED_PLAINLY and not given_up:
            say(dispatcher, lang, "too_many_attempts")
            # Setting requested_slot to None ends the form; the rules then run the submit action,
            # which sees no confirmation and clears what was collected.
            return [SlotSet("bad_attempts", 0), SlotSet("requested_slot", None)] + self.on_give_up(tracker)
        if rejection.message:
            say(dispatcher, lang, rejection.message, **rejection.values)
        # Re-setting the requested slot to None tells the form the answer was handled: it asks again.
        return [SlotSet(requested, None), SlotSet("bad_attempts", strikes)] + rejection.events

    @staticmethod
    def _answered(
        dispatcher: CollectingDispatcher, tracker: Tracker, requested: str, topics: List[str]
    ) -> List[EventType]:
        """Answer the question (no strike, nothing stored); re-setting the slot to None asks it again."""
        faq_answers.answer(dispatcher, tracker, topics)
        return [SlotSet(requested, None)]
