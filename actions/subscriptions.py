"""In-chat subscription commands: list them, cancel one or all, and "any news?"."""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entities, entity_value, language, latest_intent, latest_text, owner, store
from actions.forms.summary import PROGRAM_NAMES, word
from bot.messages import render, say
from bot import validators
from bot.nlu.text import normalize

logger = logging.getLogger(__name__)

_ALL_WORDS = frozenset("all every everything both todas todos todo ambas ambos".split())
# "no quiet hours", "sin horas de silencio", "quita las horas de silencio": quiet hours removed.
_NO_QUIET = re.compile(r"\b(no (more )?quiet hours|dont want (any )?quiet hours|"
                       r"no quiero (mas )?horas de silencio|"
                       r"remove (my |the )?quiet hours|turn off (my |the )?quiet hours|"
                       r"sin horas de silencio|quit\w* (mis |las )?horas de silencio|"
                       r"ningun\w* hora\w* de silencio|any time is fine|a cualquier hora)\b")


async def nothing_to_show(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """No subscriptions yet. If the message also gave custody facts ("ICE has him now, any news?"),
    the person is still looking for the right program: answer that instead."""
    if entities(tracker, "custody"):
        from actions.triage import ActionGuide

        return await ActionGuide().respond(dispatcher, tracker)
    say(dispatcher, language(tracker), "no_subscriptions")
    return []


def _label(view, lang: str, with_id: bool = True) -> str:
    """How a subscription is listed ("#2 State notification (VINE): John Smith, this chat"). Without its
    id on choice buttons: SMS numbers the choices itself, and two numbers on one line would confuse."""
    program = PROGRAM_NAMES.get(view.program, {}).get(lang, view.program)
    contact = word("web", lang) if view.contact_masked == "this chat" else view.contact_masked
    pending = " " + render("waiting_for_code", lang)["text"] if view.status != "active" else ""
    number = f"#{view.id} " if with_id else ""
    return f"{number}{program}: {view.offender_label or '—'}, {contact}{pending}"


class StoreAction(Action, ABC):
    """A subscription command: if the store cannot be reached the person is told so, never left
    without a reply."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        try:
            return await self.answer(dispatcher, tracker)
        except Exception:
            logger.exception("%s: the store failed", self.name())
            say(dispatcher, language(tracker), "service_unavailable")
            return []

    @abstractmethod
    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """The command's reply and events."""


class ActionListSubscriptions(StoreAction):
    def name(self) -> Text:
        return "action_list_subscriptions"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        views = await (await store()).list_subscriptions(owner(tracker))
        if not views:
            return await nothing_to_show(dispatcher, tracker)
        say(dispatcher, lang, "subscription_list", items="\n".join(f"• {_label(v, lang)}" for v in views))
        return []


# Which subscription a question is waiting for ("which one should I cancel?"): the slot that lets the
# next message, whatever its intent, answer it (data/rules/subscriptions.yml; actions/slots.py drops it
# when that message is not an answer).
CHOICE_SLOT = "subscription_choice"
# Intents an answer to "which one?" may be read as: "6", "the one about Kyle", "the second one", "I want
# the ICE deportation one".
CHOICE_INTENTS = frozenset({"inform", "nlu_fallback", "out_of_scope", "cancel_subscription", "register",
                            "request_notification", "affirm", "list_subscriptions"})

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
    "5th": 5, "primera": 1, "primero": 1, "segunda": 2, "segundo": 2, "tercera": 3, "tercero": 3,
    "cuarta": 4, "cuarto": 4, "quinta": 5, "quinto": 5,
}
_LAST_WORDS = frozenset("last ultima ultimo".split())
# Words that name a program; they pick a subscription only when exactly one is of that program.
_PROGRAM_WORDS = {
    "vnp": frozenset("ice deportation deported deport deportacion deportar deporten deportaron migracion "
                     "inmigracion immigration vnp".split()),
    "vns": frozenset("federal feds vns".split()),
    "vine": frozenset("state estatal vine jail carcel condado county".split()),
}
# Words of a name too common to pick a subscription by ("the one about him", "la de el").
_NOT_NAMES = frozenset("the one about him her his that this for con del los las una uno one".split())


def pick(views: List[Any], text: str, ref: Optional[str] = None) -> Optional[Any]:
    """'all', one of `views`, or None when the words do not say which.

    In this order: a button's payload; a number, which is a subscription's number (#6) if one has it,
    else a place in the list ("2"); an ordinal ("the second one", "la última"); the offender's name
    ("the one about Kyle"); a program ("the ICE one") when only one subscription is of it; "all".
    """
    by_id = {str(v.id): v for v in views}
    if ref:
        return "all" if ref == "all" else by_id.get(str(ref))
    words = normalize(text).split()
    # A number names one subscription even if "all" appears too ("number 2, that's all").
    numbers = [w.lstrip("#") for w in words if w.lstrip("#").isdigit()]
    if len(numbers) == 1:
        if numbers[0] in by_id:
            return by_id[numbers[0]]
        place = int(numbers[0])
        return views[place - 1] if 1 <= place <= len(views) else None
    places = {_ORDINALS[w] for w in words if w in _ORDINALS}
    if len(places) == 1 and not numbers:
        place = places.pop()
        return views[place - 1] if place <= len(views) else None
    if set(words) & _LAST_WORDS and not numbers:
        return views[-1]
    said = {w for w in words if len(w) >= 3 and w not in _NOT_NAMES}
    named = [v for v in views if said & set(normalize(v.offender_label or "").split())]
    if len(named) == 1:
        return named[0]
    programs = {p for p, names in _PROGRAM_WORDS.items() if said & names}
    if len(programs) == 1 and not named:
        of_it = [v for v in views if v.program in programs]
        if len(of_it) == 1:
            return of_it[0]
    if set(words) & _ALL_WORDS and not numbers:
        return "all"
    return None


def _wanted(tracker: Tracker) -> Optional[str]:
    """'all', a subscription id, or None when the person did not say which (tests and older callers)."""
    ref = entity_value(tracker, "subscription_ref")
    return str(ref) if ref else None


def choice_buttons(views: List[Any], lang: str, intent: str, with_all: bool = True) -> List[Dict[str, str]]:
    """One button per subscription (SMS turns them into numbered lines), and "All of them"."""
    buttons = [{"title": _label(v, lang, with_id=False),
                "payload": f'/{intent}{{"subscription_ref": "{v.id}"}}'} for v in views]
    if with_all:
        buttons.append({"title": render("all_of_them", lang)["text"],
                        "payload": f'/{intent}{{"subscription_ref": "all"}}'})
    return buttons


class ActionCancelSubscription(StoreAction):
    """Cancels one subscription (by number, place in the list, offender's name or program, or the only
    one) or all; asks which otherwise, and reads the next message as the answer."""

    def name(self) -> Text:
        return "action_cancel_subscription"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        the_store = await store()
        views = await the_store.list_subscriptions(owner(tracker))
        answering = tracker.get_slot(CHOICE_SLOT) == "cancel"
        done: List[EventType] = [SlotSet(CHOICE_SLOT, None)] if answering else []
        if not views:
            say(dispatcher, lang, "no_subscriptions")
            return done
        chosen = pick(views, latest_text(tracker), entity_value(tracker, "subscription_ref"))
        if chosen is None and len(views) == 1 and not answering:
            chosen = views[0]
        if chosen == "all":
            count = await the_store.cancel(owner(tracker), None)
        elif chosen is not None:
            count = await the_store.cancel(owner(tracker), chosen.id)
        else:
            if answering:
                say(dispatcher, lang, "which_subscription_unclear")
            say(dispatcher, lang, "ask_which_subscription",
                buttons=choice_buttons(views, lang, "cancel_subscription"))
            return [SlotSet(CHOICE_SLOT, "cancel")]
        if chosen != "all" and count:
            say(dispatcher, lang, "subscription_cancelled_one",
                subscription=_label(chosen, lang, with_id=False))
        else:
            say(dispatcher, lang, "subscriptions_cancelled", count=count)
        return done


class ActionAnswerWhichSubscription(ActionCancelSubscription):
    """The next message after "which one should I cancel?" (its own name: the rules that run it always
    clear the question, data/rules/subscriptions.yml)."""

    def name(self) -> Text:
        return "action_answer_which_subscription"


def _quiet_words(lang: str, quiet: Any) -> str:
    """"9 PM to 8 AM" / "de 21:00 a 08:00" for ("21:00", "08:00")."""
    start, end = quiet
    if lang == "es":
        return f"de {start} a {end}"

    def twelve(hhmm: str) -> str:
        hour, minute = (int(x) for x in hhmm.split(":"))
        suffix = "AM" if hour < 12 else "PM"
        shown = hour % 12 or 12
        return f"{shown}:{minute:02d} {suffix}" if minute else f"{shown} {suffix}"

    return f"{twelve(start)} to {twelve(end)}"


class ActionChangeQuietHours(StoreAction):
    """"Change my quiet hours to 9pm-8am", "sin horas de silencio": the quiet hours of every subscription
    of this chat, or of the one named ("quiet hours for Kyle 10pm-6am")."""

    def name(self) -> Text:
        return "action_change_quiet_hours"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        text = latest_text(tracker)
        the_store = await store()
        views = await the_store.list_subscriptions(owner(tracker))
        if not views:
            return await nothing_to_show(dispatcher, tracker)
        parsed = validators.parse_quiet_hours(text)
        if parsed is None and _NO_QUIET.search(normalize(text)):
            parsed = "none"
        if parsed is None:
            say(dispatcher, lang, "quiet_hours_which")
            return []
        # The hours themselves are numbers: only a name or an ordinal picks one subscription here.
        without_hours = re.sub(r"\S*\d\S*", " ", text)
        chosen = pick(views, without_hours) if len(views) > 1 else None
        one = chosen if chosen not in (None, "all") else None
        quiet = None if parsed == "none" else parsed
        await the_store.set_quiet_hours(owner(tracker), quiet, one.id if one else None)
        which = _label(one, lang, with_id=False) if one else render("quiet_hours_all", lang)["text"]
        if quiet is None:
            say(dispatcher, lang, "quiet_hours_removed", subscriptions=which)
        else:
            say(dispatcher, lang, "quiet_hours_changed", subscriptions=which, hours=_quiet_words(lang, quiet))
        return []


class ActionAnyNews(StoreAction):
    """The latest status of each subscription, from the event store ("no updates yet" until there is one)."""

    def name(self) -> Text:
        return "action_any_news"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        rows = await (await store()).latest_status(owner(tracker))
        if not rows:
            return await nothing_to_show(dispatcher, tracker)
        lines = []
        for view, status in rows:
            if status is None:
                news = render("no_updates_yet", lang)["text"]
            else:
                news = status.get(f"summary_{lang}") or status.get("summary_en") or status.get("kind", "")
            lines.append(f"• {_label(view, lang)}: {news}")
        say(dispatcher, lang, "news", items="\n".join(lines))
        return []
