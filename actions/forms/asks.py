"""The forms' questions (action_ask_<slot>), in the person's language, from bot/messages.yml.

They are actions rather than domain responses so that the whole catalog of form questions lives
with the other action-composed messages; the contact question depends on the chosen channel.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import current_channel, language
from actions.forms.registration import channels_to_choose, dob_choices, states_named, states_to_choose
from bot import dates, reference
from bot.messages import render, utter

ASKED_SLOTS = (
    "offender_ref", "state", "facility", "federal_district", "offender_name", "offender_dob",
    "offender_country", "contact_channel", "contact_address", "quiet_hours", "verification_code",
)


class AskForSlot(Action, ABC):
    """Asks for one slot. One subclass per slot is made below (the SDK skips this abstract base)."""

    slot = ""

    @abstractmethod
    def name(self) -> Text:
        """action_ask_<slot>"""

    def message_key(self, tracker: Tracker) -> str:
        if self.slot == "contact_address":
            return f"ask_contact_address_{tracker.get_slot('contact_channel') or 'sms'}"
        return f"ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        lang = language(tracker)
        if self.slot == "verification_code" and _answered_already(tracker):
            return []  # the reply just sent says what to type ("type its 6 digits here"); no second ask
        choices = dob_choices(tracker) if self.slot == "offender_dob" else []
        if choices:
            # A date in numbers that reads both ways: one question, each reading in words on a button.
            first, second = (dates.in_words(choice, lang) for choice in choices)
            message = render("ask_offender_dob_choice", lang, first=first, second=second)
            message["buttons"] = [{"title": dates.in_words(choice, lang), "payload": choice.isoformat()}
                                  for choice in choices]
            utter(dispatcher, message, lang)
            return []
        named = _states_in_question(tracker) if self.slot == "state" else []
        if named:
            # Two states named for where he is held: which one, each state on a button.
            names = [reference.state_name(code, lang) for code in named]
            joined = f"{', '.join(names[:-1])} {'o' if lang == 'es' else 'or'} {names[-1]}"
            message = render("ask_state_which", lang, states=joined)
            message["buttons"] = [{"title": name, "payload": name} for name in names]
            utter(dispatcher, message, lang)
            return []
        several = channels_to_choose(tracker) if self.slot == "contact_channel" else []
        if several:
            # "E-mail and text, both": which one first, each of the two on a button.
            first, second = (render(f"channel_name_{channel}", lang)["text"] for channel in several[:2])
            message = render("ask_contact_channel_first", lang, first=first, second=second)
            message["buttons"] = [{"title": title, "payload": channel}
                                  for title, channel in zip((first, second), several[:2])]
            utter(dispatcher, message, lang)
            return []
        message = render(self.message_key(tracker), lang)
        if self.slot == "contact_channel" and current_channel(tracker) != "telegram":
            # A Telegram bot cannot start a chat: Telegram is offered only to people writing from it.
            message["buttons"] = [b for b in message.get("buttons", []) if b["payload"] != "telegram"]
        if self.slot == "contact_channel" and current_channel(tracker) == "sms":
            # By SMS, "this chat" and "text message" are the same thing: one choice, not two.
            message["buttons"] = [b for b in message.get("buttons", []) if b["payload"] != "web"]
        utter(dispatcher, message, lang)
        return []


def _states_in_question(tracker: Tracker) -> List[str]:
    """The states to offer at the state question: those the message just read named together, else
    those an earlier message named (answered with neither)."""
    if tracker.get_slot("state"):
        return []
    return states_named((tracker.latest_message or {}).get("text") or "") or states_to_choose(tracker)


def _answered_already(tracker: Tracker) -> bool:
    """Whether the assistant already said something since the person's last message."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return True
        if event.get("event") == "user":
            return False
    return False


def _ask_action(slot: str) -> type:
    return type(
        f"Ask{''.join(part.title() for part in slot.split('_'))}",
        (AskForSlot,),
        {"slot": slot, "name": lambda self: f"action_ask_{self.slot}"},
    )


ASK_ACTIONS = {slot: _ask_action(slot) for slot in ASKED_SLOTS}
