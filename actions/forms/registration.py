"""The registration forms: one per program, each asking only what that program needs.

VINE: who (name or offender/booking number), state, facility.  VNS: who, federal district.
VNP: name, date of birth, country of birth.  All: channel, address, quiet hours, confirmation.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import INTERRUPTING_INTENTS, current_channel, entity_value, language
from actions.forms.base import FormValidation, Parser, Rejection
from actions.forms.summary import DOB_CHOICES, summary_lines
from bot import dates, validators
from bot.messages import say
from bot.nlu.facts import matcher
from bot.nlu.language import detect
from bot.settings import settings

UNKNOWN = "unknown"
THIS_CHAT = "this_chat"

# Slots each registration form collects (cleared after a submission or a cancel).
FORM_SLOTS = (
    "offender_ref", "facility", "federal_district", "offender_name", "offender_dob", "offender_country",
    "contact_channel", "contact_address", "quiet_hours", "confirm", DOB_CHOICES,
)


def _unknown_or(parse):
    def parser(text: str, tracker: Tracker):
        if validators.is_unknown(text):
            return UNKNOWN
        return parse(text)

    return parser


def parse_offender_ref(text: str, tracker: Tracker) -> Any:
    return validators.parse_offender_ref(text)


def parse_offender_name(text: str, tracker: Tracker) -> Any:
    ref = validators.parse_offender_ref(text)
    return ref["name"] if ref and ref.get("name") else None


def parse_state(text: str, tracker: Tracker) -> Any:
    return entity_value(tracker, "us_state") or matcher().match(text, detect(text).language).state


def parse_facility(text: str, tracker: Tracker) -> Any:
    if validators.is_unknown(text):
        return UNKNOWN
    if validators.looks_like_junk(text) or len(text) > 120 or sum(ch.isalpha() for ch in text) < 2:
        return None
    return " ".join(text.split())


def dob_choices(tracker: Tracker) -> List[date]:
    """The readings the person was asked to choose between ("is it July 12 or December 7?"), if any."""
    return [date.fromisoformat(choice) for choice in tracker.get_slot(DOB_CHOICES) or []]


def _dob_problem(answer: dates.DateAnswer, lang: str) -> Rejection:
    """A clear answer for a date that cannot be a date of birth: 31 February, the future, age 5 or 130."""
    if answer.problem == "no_such_day":
        values = {"month": dates.month_in_words(answer.year, answer.month, lang),
                  "days": calendar.monthrange(answer.year, answer.month)[1]}
    else:
        born = date(answer.year, answer.month, answer.day)
        values = {"date": dates.in_words(born, lang)}
        if answer.problem == "age":
            values["age"] = dates.age_on(born, date.today())
    return Rejection(f"invalid_offender_dob_{answer.problem}", events=[SlotSet(DOB_CHOICES, None)], **values)


def parse_dob(text: str, tracker: Tracker) -> Any:
    """The date of birth as an ISO date. Numbers that read as two real dates ask once which one
    (action_ask_offender_dob offers both); the answer to that question picks one of them."""
    if validators.is_unknown(text):
        return UNKNOWN
    lang, choices = language(tracker), dob_choices(tracker)
    picked = dates.pick(text, choices, lang) if choices else None
    if picked:
        return picked.isoformat()
    answer = dates.read_dob(text, lang)
    if len(answer.readings) == 1:
        return answer.readings[0].isoformat()
    if answer.readings and set(answer.readings) == set(choices):
        return Rejection("invalid_offender_dob_choice")  # the same numbers again: asked once already
    if answer.readings:
        both = [reading.isoformat() for reading in answer.readings]
        return Rejection("", counts=False, events=[SlotSet(DOB_CHOICES, both)])
    if answer.problem:
        return _dob_problem(answer, lang)
    return Rejection("invalid_offender_dob_choice") if choices else None


def parse_channel(text: str, tracker: Tracker) -> Any:
    channel = validators.parse_channel(text)
    if channel == "web":
        # "this chat" / "aquí" means the channel the person is writing on (SMS, Telegram or the web).
        channel = current_channel(tracker)
    if channel == "telegram" and current_channel(tracker) != "telegram":
        # A Telegram bot cannot start a chat with someone; the person has to open it there.
        return Rejection("telegram_elsewhere", counts=False)
    return channel


def parse_address(text: str, tracker: Tracker) -> Any:
    channel = tracker.get_slot("contact_channel")
    if channel == "sms":
        return validators.parse_phone(text, settings().default_phone_region) or Rejection("invalid_contact_address_sms")
    if channel == "email":
        return validators.parse_email(text) or Rejection("invalid_contact_address_email")
    return THIS_CHAT


def parse_quiet_hours(text: str, tracker: Tracker) -> Any:
    parsed = validators.parse_quiet_hours(text)
    if isinstance(parsed, tuple):
        return f"{parsed[0]}-{parsed[1]}"
    return parsed


def parse_confirm(text: str, tracker: Tracker) -> Any:
    answer = validators.parse_yes_no(text)
    if answer is None and tracker.latest_message.get("intent", {}).get("name") in ("affirm", "deny"):
        answer = tracker.latest_message["intent"]["name"] == "affirm"
    if answer is False:
        # "No" to "shall I sign you up?" is a cancel: nothing is stored.
        return Rejection("registration_cancelled", counts=False, events=[SlotSet("requested_slot", None)])
    return True if answer else None


CONTACT_PARSERS: Dict[str, Parser] = {
    "contact_channel": parse_channel,
    "contact_address": parse_address,
}
COMMON_PARSERS: Dict[str, Parser] = {
    **CONTACT_PARSERS,
    "quiet_hours": parse_quiet_hours,
    "confirm": parse_confirm,
}


class ContactAware(FormValidation):
    """Skips the address when the person chooses the channel they are chatting on."""

    def after_fill(self, slot: str, value: Any, tracker: Tracker) -> List[EventType]:
        if slot != "contact_channel":
            return []
        if value == "web" or value == current_channel(tracker):
            return [SlotSet("contact_address", THIS_CHAT)]
        return [SlotSet("contact_address", None)]


class RegistrationForm(ContactAware):
    """The three program forms: "change my phone number" there corrects the answer given."""

    interrupting_intents = INTERRUPTING_INTENTS | {"change_contact"}

    def after_fill(self, slot: str, value: Any, tracker: Tracker) -> List[EventType]:
        if slot == "offender_dob" and tracker.get_slot(DOB_CHOICES):
            return [SlotSet(DOB_CHOICES, None)]
        return super().after_fill(slot, value, tracker)


class ValidateVineForm(RegistrationForm):
    form_name = "vine_form"

    def parsers(self) -> Dict[str, Parser]:
        return {"offender_ref": parse_offender_ref, "state": parse_state, "facility": parse_facility, **COMMON_PARSERS}


class ValidateVnsForm(RegistrationForm):
    form_name = "vns_form"

    def parsers(self) -> Dict[str, Parser]:
        return {
            "offender_ref": parse_offender_ref,
            "federal_district": _unknown_or(validators.parse_federal_district),
            **COMMON_PARSERS,
        }


class ValidateVnpForm(RegistrationForm):
    form_name = "vnp_form"

    def parsers(self) -> Dict[str, Parser]:
        return {
            "offender_name": parse_offender_name,
            "offender_dob": parse_dob,
            "offender_country": _unknown_or(validators.parse_country),
            **COMMON_PARSERS,
        }


class ValidateContactForm(ContactAware):
    form_name = "contact_form"

    def parsers(self) -> Dict[str, Parser]:
        return dict(CONTACT_PARSERS)


class ActionAskConfirm(Action):
    """Reads back what was collected and asks for consent to store it (the form's confirm question)."""

    def name(self) -> Text:
        return "action_ask_confirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        if tracker.get_slot("stage") == "which_field":
            return []  # the "what would you like to change?" buttons are on screen already
        lang = language(tracker)
        say(dispatcher, lang, "summary", summary="\n".join(summary_lines(tracker, lang)))
        return []
