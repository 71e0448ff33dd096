"""The registration forms: one per program, each asking only what that program needs.

VINE: who (name or offender/booking number), state, facility.  VNS: who, federal district.
VNP: name, date of birth, country of birth.  All: channel, address, quiet hours, confirmation.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import INTERRUPTING_INTENTS, current_channel, entity_value, language
from actions.forms.base import FormValidation, Parser, Rejection
from actions.forms.summary import summary_lines
from bot import validators
from bot.messages import say
from bot.nlu.facts import matcher
from bot.nlu.language import detect
from bot.settings import settings

UNKNOWN = "unknown"
THIS_CHAT = "this_chat"

# Slots each registration form collects (cleared after a submission or a cancel).
FORM_SLOTS = (
    "offender_ref", "facility", "federal_district", "offender_name", "offender_dob", "offender_country",
    "contact_channel", "contact_address", "quiet_hours", "confirm",
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


def parse_dob(text: str, tracker: Tracker) -> Any:
    if validators.is_unknown(text):
        return UNKNOWN
    born = validators.parse_dob(text)
    return born.isoformat() if born else None


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
