"""Correcting one answer before consent: the menu of a form's fields, and what changing a field clears.

Used by action_correct_field ("change the phone number", a menu button) and by the forms' validation,
where a field named in answer to "What would you like to change?" ("la fecha de nacimiento") is that
field to change, not an answer to the read-back's yes/no question.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_text
from actions.forms.summary import DOB_CHOICES, FIELD_SLOTS
from bot import validators
from bot.messages import render, utter

# Cleared with the slot they depend on: a pending "is it A or B?" goes with the date of birth.
_DEPENDENT_SLOTS = {"offender_dob": (DOB_CHOICES,)}


def _required(form: str, domain: Dict[Text, Any]) -> List[str]:
    return list(domain.get("forms", {}).get(form, {}).get("required_slots", []))


def form_fields(form: str, domain: Dict[Text, Any]) -> List[str]:
    """The fields of `form` a person may change, in the menu's order ("offender", "dob", ...)."""
    required = set(_required(form, domain))
    return [field for field, slots in FIELD_SLOTS.items() if required & set(slots)]


def ask_which_field(
    dispatcher: CollectingDispatcher, lang: str, form: str, domain: Dict[Text, Any]
) -> List[EventType]:
    """"What would you like to change?" with a button for each field this form asked, and only those."""
    message = render("ask_which_field", lang)
    fields = form_fields(form, domain)
    message["buttons"] = [button for button in message["buttons"]
                          if json.loads(button["payload"].removeprefix("/correct"))["field"] in fields]
    utter(dispatcher, message, lang)
    return [SlotSet("stage", "which_field")]


def _contact_slots(tracker: Tracker) -> List[str]:
    """"Change the phone number" asks for the number again; "use e-mail instead" asks for the channel."""
    named = validators.parse_channel(latest_text(tracker))
    channel = tracker.get_slot("contact_channel")
    if channel in ("sms", "email") and named in (None, channel):
        return ["contact_address"]
    return ["contact_channel", "contact_address"]


def clear_field(field: Optional[str], tracker: Tracker, domain: Dict[Text, Any]) -> Optional[List[EventType]]:
    """Events that clear `field`'s answers in the active form, so that the form asks them again and then
    reads everything back; the other answers are kept. None when the form has no such field."""
    required = _required(tracker.active_loop_name or "", domain)
    slots = [slot for slot in FIELD_SLOTS.get(field or "", ()) if slot in required]
    if not slots:
        return None
    if field == "contact":
        slots = _contact_slots(tracker)
    slots += [dependent for slot in slots for dependent in _DEPENDENT_SLOTS.get(slot, ())]
    events: List[EventType] = [SlotSet(slot, None) for slot in slots]
    return events + [SlotSet("confirm", None), SlotSet("stage", None), SlotSet("bad_attempts", 0)]
