"""Answers to the short FAQ (bot/faq.py finds the topic; bot/messages.yml holds the answers).

Outside a form, the rule for the intent ask_faq runs action_answer_faq. Inside a form the form's own
validation answers (actions/forms/base.py) and asks the same question again, so that a question is
never stored as an answer and the sign-up goes on where it was.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entity_value, language, latest_intent, latest_text, said_again
from bot.nlu.text import normalize
from bot import directory, faq
from bot.messages import say

FAQ_INTENT = "ask_faq"
# The classifier's ask_faq counts as a question only when it is this sure (a name must stay a name).
MIN_FAQ_CONFIDENCE = 0.6


def asked_topics(tracker: Tracker) -> List[str]:
    """The FAQ topics the latest message asks about: a button's topic, else the words'."""
    chosen = entity_value(tracker, "faq_topic")
    if chosen in faq.TOPICS:
        return [chosen]
    return faq.topics(latest_text(tracker))


def asks_something(tracker: Tracker) -> bool:
    """The latest message is a question, by its words or by a sure classifier."""
    intent = (tracker.latest_message or {}).get("intent") or {}
    sure = latest_intent(tracker) == FAQ_INTENT and (intent.get("confidence") or 0) >= MIN_FAQ_CONFIDENCE
    return sure or faq.is_question(latest_text(tracker))


def answer(dispatcher: CollectingDispatcher, tracker: Tracker, topics: Optional[List[str]] = None) -> None:
    """Send the answer to each topic asked, or say what can be answered when none was recognised."""
    lang = language(tracker)
    # A question with no topic: who can answer it for the program found (the VNS call center, ICE's victim line,
    # the state's victim services), when there is one; else the general line.
    known = tracker.get_slot("registering") or tracker.get_slot("program")
    for topic in (asked_topics(tracker) if topics is None else topics) or ["unsourced" if known else "other"]:
        say(dispatcher, lang, f"faq_{topic}")
        if topic == "unsourced":
            who_can_answer(dispatcher, tracker)


def who_can_answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """After "I can't answer that one here": the victim line of the program in question, from the
    directory (the one being signed up for, else the one found), else a person to talk to."""
    from actions.triage import held_in_jail, state_contacts

    lang = language(tracker)
    program = tracker.get_slot("registering") or tracker.get_slot("program")
    if program == "vns":
        say(dispatcher, lang, "human_vns")
    elif program == "vnp":
        say(dispatcher, lang, "help_vnp")
    elif program == "vine" and directory.state_services(tracker.get_slot("state")):
        state_contacts(dispatcher, lang, tracker.get_slot("state"), held_in_jail(tracker))
    elif program == "vine":
        say(dispatcher, lang, "faq_unsourced_vine")
    else:
        say(dispatcher, lang, "human")


class ActionAnswerFaq(Action):
    """A question asked outside a form: what VINE is, whether he can find out, what it costs...

    When the classifier's ask_faq has neither an FAQ topic nor a question in its words ("the man who
    sold my daughter online"), the message is guided like any other about the offender."""

    def name(self) -> Text:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        topics = asked_topics(tracker)
        if not topics and not faq.is_question(latest_text(tracker)):
            from actions.triage import ActionGuide

            return await ActionGuide().run(dispatcher, tracker, domain)
        if said_again(tracker) and (tracker.get_slot("stage") or "").startswith("offered:"):
            # The same question again at the sign-up offer: the answer it got is on screen, and the same paragraph
            # twice in a row helps no one (one person got it 25 times); the offer is asked plainly instead, then
            # left open with how to sign up later.
            from actions.triage import _offer_unclear

            return _offer_unclear(dispatcher, tracker, tracker.get_slot("stage") or "")
        answer(dispatcher, tracker, topics)
        return offer_after_answer(dispatcher, tracker)


def offer_after_answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """After a question answered while the sign-up offer is open: a yes said with it ("Bueno, sí, pero
    explíqueme primero eso del VINE") starts the sign-up; otherwise the offer is made again, once."""
    from actions.triage import OFFERED, _form_follows, start_registration
    from bot.validators import conditional_si, leading_yes_no

    stage = tracker.get_slot("stage") or ""
    if not stage.startswith(OFFERED):
        return []
    program = stage[len(OFFERED):]
    text = latest_text(tracker)
    if leading_yes_no(text) is True and not conditional_si(text):
        # (Spanish "si" opening a clause is "if": "si lo deportan, me avisan" asks, it does not say yes)
        return start_registration(dispatcher, tracker, program) + _form_follows(
            (tracker.latest_message.get("intent") or {}).get("name"), program)
    if declined(text):
        # "¿tengo que dar mi teléfono? …, mejor no": the question answered, and the no said with it heard
        say(dispatcher, language(tracker), "not_now")
        return [SlotSet("stage", None), SlotSet("clarify_count", 0)]
    say(dispatcher, language(tracker), "offer_register")
    return []


# A no to the offer said beside a question ("…? mejor no", "…? no thanks then"): the no ends its clause ("no quiero
# hacerlo sola", "¿es mejor no dar mi dirección?", "i dont want to sign up alone" ask or qualify; they are no no).
_DECLINED = re.compile(r"\b(?:mejor no|no gracias|no thanks|no thank you|better not|ill pass|i ll pass|mejor lo dejo|"
                       r"no quiero (?:inscribirme|registrarme|hacerlo|dar mis datos)|i dont want to sign up|"
                       r"i do not want to sign up)(?:\s+(?:then|entonces|pues|gracias|thanks|por ahora|for now|ahorita|"
                       r"right now|now|ahora))*$")


def declined(text: str) -> bool:
    """A clause of the message ends in a no to the offer."""
    return any(_DECLINED.search(normalize(clause)) for clause in faq.CLAUSE_MARKS.split(text) if normalize(clause))
