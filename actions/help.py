"""The right help for the harm: an acknowledgement of what the person said, then a person to call.

What happened is read from the person's own words (bot/harm.py) in this message and the earlier ones
of the conversation; the contacts come from data/directory/ through bot/messages.yml. Nothing about
the harm is stored in a slot or logged.
"""

from __future__ import annotations

from typing import List, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language, latest_text
from bot import harm
from bot.messages import render, say


def conversation_harms(tracker: Tracker) -> Tuple[str, ...]:
    """Harms named in any of the person's messages so far (the latest included)."""
    texts = [e.get("text") for e in tracker.events if e.get("event") == "user"]
    return harm.merge(*(harm.harms(t) for t in texts + [latest_text(tracker)]))


def acknowledge(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A short, warm acknowledgement when the latest message says what happened; True if one was said."""
    text = latest_text(tracker)
    found = [h for h in harm.harms(text) if h != harm.NATIVE]
    if not found:
        return False
    lang = language(tracker)
    if found[0] == harm.HOMICIDE:
        loved_one = harm.loved_one(text, lang)
        if loved_one:
            say(dispatcher, lang, "ack_homicide_loved_one", loved_one=loved_one)
            return True
    say(dispatcher, lang, f"ack_{found[0]}")
    return True


def help_lines(tracker: Tracker, harms: Tuple[str, ...]) -> List[str]:
    """The texts naming a person to call for these harms (the domestic-violence hotline when none)."""
    lang = language(tracker)
    return [render(f"help_{key}", lang)["text"] for key in harm.hotline_keys(harms)]


def last_bot_text(tracker: Tracker) -> str:
    """The text of the bot's last message in this conversation ("" if none)."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and event.get("text"):
            return event["text"]
    return ""
