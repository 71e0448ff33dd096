"""In-chat subscription commands: list them, cancel one or all, and "any news?"."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entities, entity_value, language, latest_text, owner, store
from actions.forms.summary import PROGRAM_NAMES, word
from bot.messages import render, say
from bot.nlu.text import normalize

logger = logging.getLogger(__name__)

_ALL_WORDS = frozenset("all every everything both todas todos todo ambas ambos".split())


async def nothing_to_show(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """No subscriptions yet. If the message also gave custody facts ("ICE has him now, any news?"),
    the person is still looking for the right program: answer that instead."""
    if entities(tracker, "custody"):
        from actions.triage import ActionGuide

        return await ActionGuide().respond(dispatcher, tracker)
    say(dispatcher, language(tracker), "no_subscriptions")
    return []


def _label(view, lang: str) -> str:
    program = PROGRAM_NAMES.get(view.program, {}).get(lang, view.program)
    contact = word("web", lang) if view.contact_masked == "this chat" else view.contact_masked
    pending = " " + render("waiting_for_code", lang)["text"] if view.status != "active" else ""
    return f"#{view.id} {program}: {view.offender_label or '—'}, {contact}{pending}"


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


def _wanted(tracker: Tracker) -> Optional[str]:
    """'all', a subscription id, or None when the person did not say which."""
    ref = entity_value(tracker, "subscription_ref")
    if ref:
        return str(ref)
    words = set(normalize(latest_text(tracker)).split())
    # A number names one subscription even if "all" appears too ("number 2, that's all").
    numbers = [w.lstrip("#") for w in words if w.lstrip("#").isdigit()]
    if len(numbers) == 1:
        return numbers[0]
    if words & _ALL_WORDS and not numbers:
        return "all"
    return None


class ActionCancelSubscription(StoreAction):
    """Cancels one subscription (by number, or the only one) or all; asks with buttons otherwise."""

    def name(self) -> Text:
        return "action_cancel_subscription"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        the_store = await store()
        views = await the_store.list_subscriptions(owner(tracker))
        if not views:
            say(dispatcher, lang, "no_subscriptions")
            return []
        wanted = _wanted(tracker)
        if wanted is None and len(views) == 1:
            wanted = str(views[0].id)
        if wanted == "all":
            count = await the_store.cancel(owner(tracker), None)
        elif wanted and wanted.isdigit() and any(v.id == int(wanted) for v in views):
            count = await the_store.cancel(owner(tracker), int(wanted))
        else:
            buttons = [
                {"title": _label(v, lang), "payload": f'/cancel_subscription{{"subscription_ref": "{v.id}"}}'}
                for v in views
            ]
            buttons.append({"title": render("all_of_them", lang)["text"],
                            "payload": '/cancel_subscription{"subscription_ref": "all"}'})
            say(dispatcher, lang, "ask_which_subscription", buttons=buttons)
            return []
        say(dispatcher, lang, "subscriptions_cancelled", count=count)
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
