"""Correcting one answer before consent: the menu of a form's fields, and what changing a field clears.

Used by action_correct_field ("change the phone number", a menu button) and by the forms' validation,
where a field named in answer to "What would you like to change?" ("la fecha de nacimiento") is that
field to change, not an answer to the read-back's yes/no question.
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_text
from actions.forms.summary import DOB_CHOICES, FIELD_SLOTS, FIELD_WORDS, field_in
from bot import validators
from bot.messages import render, utter
from bot.nlu.text import normalize

# Cleared with the slot they depend on: a pending "is it A or B?" goes with the date of birth.
_DEPENDENT_SLOTS = {"offender_dob": (DOB_CHOICES,)}


def _required(form: str, domain: Dict[Text, Any]) -> List[str]:
    return list(domain.get("forms", {}).get(form, {}).get("required_slots", []))


# Words that ask to change an answer, on normalize()d text ("está mal" -> "esta mal"). A bare "correct" is
# not one of them: "that's correct" says yes.
_CHANGE_CUE = re.compile(
    r"\b(?:change|changes|changed|changing|edit|fix|modify|update|wrong|mistake|mistaken|typo|incorrect"
    r"|not right|isnt right|not correct|cambiar|cambia|cambie|cambio|cambiame|cambieme|cambialo|cambiarlo"
    r"|corregir|corrige|corrija|corregirlo|correccion|modificar|equivocad[oa]|equivoque|esta mal|estan mal"
    r"|mal puesto|error|erroneo|erronea|incorrect[oa]|no es correct[oa]|no esta bien)\b"
)
# How many words apart the change word and the field may be, away from the read-back: "my number is
# wrong", "cambiar la fecha", but not "I don't know the name of the jail, sorry, my mistake".
NEAR = 4
# "my number", "mi número": the person's own contact, not the offender's number.
_OWN_CONTACT = re.compile(
    r"\b(?:my|mi) (?:phone |cell |mobile )?"
    r"(?:number|numero|phone|telefono|cell|celular|email|e mail|correo)\b"
)


def asks_to_change(text: str) -> bool:
    """Whether the words ask to change something already answered ("change", "está mal", "that's wrong")."""
    return bool(_CHANGE_CUE.search(normalize(text)))


def field_named(text: str) -> Optional[str]:
    """The field a correction names; "my number" is the person's contact ("number" alone is his)."""
    return "contact" if _OWN_CONTACT.search(normalize(text)) else field_in(text)


def _word_at(norm: str, position: int) -> int:
    return norm[:position].count(" ")


def change_near_field(text: str, field: str) -> bool:
    """Whether a change word stands within NEAR words of a word naming `field` ("la fecha está mal")."""
    norm = normalize(text)
    cues = [_word_at(norm, match.start()) for match in _CHANGE_CUE.finditer(norm)]
    vocabulary = set(FIELD_WORDS.get(field, "").split())
    places = [i for i, word in enumerate(norm.split()) if word in vocabulary]
    if field == "contact":
        places += [_word_at(norm, match.end()) for match in _OWN_CONTACT.finditer(norm)]
    return any(abs(cue - place) <= NEAR for cue in cues for place in places)


def collected_extras(form: str, tracker: Optional[Tracker], domain: Dict[Text, Any]) -> List[str]:
    """Fields this form does not ask but kept from an answer (a date of birth given with the name)."""
    required = set(_required(form, domain))
    if tracker is None or "offender_dob" in required or not tracker.get_slot("offender_dob"):
        return []
    return ["dob"]


def form_fields(form: str, domain: Dict[Text, Any], tracker: Optional[Tracker] = None) -> List[str]:
    """The fields of `form` a person may change, in the menu's order ("offender", "dob", ...): those
    the form asks, and those it kept without asking (read back, so they can be changed too)."""
    required = set(_required(form, domain))
    extras = collected_extras(form, tracker, domain)
    return [field for field, slots in FIELD_SLOTS.items() if required & set(slots) or field in extras]


def ask_which_field(
    dispatcher: CollectingDispatcher, lang: str, form: str, domain: Dict[Text, Any],
    tracker: Optional[Tracker] = None,
) -> List[EventType]:
    """"What would you like to change?" with a button for each field this form collected, and only those."""
    message = render("ask_which_field", lang)
    fields = form_fields(form, domain, tracker)
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
    form = tracker.active_loop_name or ""
    required = _required(form, domain)
    slots = [slot for slot in FIELD_SLOTS.get(field or "", ()) if slot in required]
    if field in collected_extras(form, tracker, domain):
        # A date of birth this form kept without asking: asked now (the form's validation keeps asking
        # it until answered), then the read-back again.
        return [SlotSet("offender_dob", None), SlotSet(DOB_CHOICES, None), SlotSet("confirm", None),
                SlotSet("stage", None), SlotSet("bad_attempts", 0), SlotSet("requested_slot", "offender_dob")]
    if not slots:
        return None
    if field == "contact":
        slots = _contact_slots(tracker)
    slots += [dependent for slot in slots for dependent in _DEPENDENT_SLOTS.get(slot, ())]
    events: List[EventType] = [SlotSet(slot, None) for slot in slots]
    return events + [SlotSet("confirm", None), SlotSet("stage", None), SlotSet("bad_attempts", 0)]
