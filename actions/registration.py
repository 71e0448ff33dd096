"""After a form: store the subscription (or nothing), verify a contact on another channel, correct,
cancel or pause a sign-up."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    REGISTRATION_FORMS, chat_address, entity_value, language, latest_intent, latest_text, owner,
    store, with_default,
)
from actions.forms.registration import FORM_SLOTS, THIS_CHAT, UNKNOWN
from actions.forms.corrections import ask_which_field, clear_field
from actions.forms.verify import ValidateVerifyForm  # noqa: F401 (imported from here before it moved)
from actions.forms.summary import contact_text, field_in
from bot import reference
from bot.messages import say
from bot.settings import settings

logger = logging.getLogger(__name__)

def clear_form(include_registering: bool = True) -> List[EventType]:
    """Forget everything a registration form collected."""
    events: List[EventType] = [SlotSet(slot, None) for slot in FORM_SLOTS]
    events += [SlotSet("bad_attempts", 0), SlotSet("stage", None)]
    if include_registering:
        events.append(SlotSet("registering", None))
    return events


def contact_of(tracker: Tracker):
    """The Contact the form collected: the chat itself, or a verified address on another channel."""
    from bot.store import Contact

    channel = tracker.get_slot("contact_channel") or "web"
    address = tracker.get_slot("contact_address")
    if channel == "web":
        return Contact(channel="web", address=None), False
    if address == THIS_CHAT:
        # Telegram chat or SMS number the person is writing from: already proven to be theirs.
        return Contact(channel=channel, address=chat_address(tracker)), False
    return Contact(channel=channel, address=address), True


def _value(tracker: Tracker, slot: str) -> Optional[str]:
    value = tracker.get_slot(slot)
    return None if value in (None, UNKNOWN, "none") else value


def offender_of(tracker: Tracker):
    from bot.store import OffenderDetails

    ref = tracker.get_slot("offender_ref") or {}
    program = tracker.get_slot("registering")
    return OffenderDetails(
        name=_value(tracker, "offender_name") or (ref.get("name") if isinstance(ref, dict) else None),
        number=ref.get("number") if isinstance(ref, dict) else None,
        dob=_value(tracker, "offender_dob"),
        country=_value(tracker, "offender_country"),
        facility=_value(tracker, "facility"),
        state=tracker.get_slot("state") if program == "vine" else None,
        federal_district=_value(tracker, "federal_district"),
    )


def offender_label(tracker: Tracker) -> str:
    details = offender_of(tracker)
    return details.name or details.number or "—"


async def announce_verification(dispatcher: CollectingDispatcher, lang: str, contact: str, code: Optional[str]) -> None:
    say(dispatcher, lang, "verification_sent", contact=contact)
    if code and settings().dev_mode:
        say(dispatcher, lang, "dev_code", code=code)


async def discard_pending(tracker: Tracker) -> None:
    try:
        await (await store()).discard_pending(owner(tracker))
    except Exception:  # nothing else to do; the pending row can never be activated without its code
        logger.exception("could not discard a pending sign-up")


def offer_second_program(dispatcher: CollectingDispatcher, tracker: Tracker, done: str) -> List[EventType]:
    also = tracker.get_slot("also_program")
    if also and also != done:
        say(dispatcher, language(tracker), f"offer_second_program_{also}")
        return [SlotSet("stage", f"offered:{also}"), SlotSet("clarify_count", 0)]
    return []


class ActionSubmitRegistration(Action):
    """Runs when a registration form ends: stores the subscription only if the person said yes."""

    def name(self) -> Text:
        return "action_submit_registration"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        return with_default(await self.submit(dispatcher, tracker), "verification_pending")

    async def submit(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        program = tracker.get_slot("registering")
        if tracker.get_slot("confirm") is not True or not program:
            return clear_form()
        lang = language(tracker)
        contact, needs_code = contact_of(tracker)
        quiet = tracker.get_slot("quiet_hours")
        state = reference.states().get(tracker.get_slot("state") or "")
        try:
            # A sign-up started earlier that never got its code is abandoned now: it is deleted.
            await (await store()).discard_pending(owner(tracker))
            created = await (await store()).create_subscription(
                conversation=tracker.sender_id,
                owner=owner(tracker),
                program=program,
                offender=offender_of(tracker),
                contact=contact,
                language=lang,
                quiet=tuple(quiet.split("-")) if quiet and quiet not in ("none", UNKNOWN) else None,
                timezone=state.timezone if state else "America/New_York",
                verify=needs_code,
            )
        except Exception:  # the store rolled back: nothing was written
            logger.exception("could not store a subscription")
            say(dispatcher, lang, "save_failed")
            return clear_form()
        shown = contact_text(contact.channel, contact.address if needs_code else THIS_CHAT, lang)
        if created.status == "pending_verification":
            await announce_verification(dispatcher, lang, contact.address or "", created.code)
            # verification_pending makes the rules start the code form (data/rules/forms.yml).
            return clear_form(include_registering=False) + [SlotSet("verification_code", None),
                                                             SlotSet("verification_pending", True)]
        say(dispatcher, lang, "subscribed", offender=offender_label(tracker), contact=shown)
        say(dispatcher, lang, "official_program_reminder")
        return clear_form() + offer_second_program(dispatcher, tracker, program)


class ActionAfterVerification(Action):
    """Runs when the code form ends: confirms a verified sign-up or contact change."""

    def name(self) -> Text:
        return "action_after_verification"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        events: List[EventType] = [SlotSet("verification_code", None), SlotSet("verification_pending", None)]
        if tracker.get_slot("verification_code") != "verified":
            # The code form ended without a right code (expired, locked, three answers that were no
            # code): the sign-up it was for is deleted, as the messages say.
            await discard_pending(tracker)
        if tracker.get_slot("verification_code") == "verified":
            say(dispatcher, language(tracker), "verified")
            done = tracker.get_slot("registering")
            if done:
                say(dispatcher, language(tracker), "official_program_reminder")
                events += offer_second_program(dispatcher, tracker, done)
        return events + [SlotSet("registering", None)]


class ActionSubmitContactChange(Action):
    """Runs when the contact form ends: changes the contact of every subscription of this chat."""

    def name(self) -> Text:
        return "action_submit_contact_change"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        return with_default(await self.submit(dispatcher, tracker), "verification_pending")

    async def submit(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        lang = language(tracker)
        events = [SlotSet("contact_channel", None), SlotSet("contact_address", None), SlotSet("bad_attempts", 0)]
        if not tracker.get_slot("contact_channel") or not tracker.get_slot("contact_address"):
            return events
        contact, needs_code = contact_of(tracker)
        try:
            created = await (await store()).change_contact(owner(tracker), contact, lang, verify=needs_code)
        except Exception:
            logger.exception("could not change a contact")
            say(dispatcher, lang, "save_failed")
            return events
        if created is None:
            say(dispatcher, lang, "no_subscriptions")
            return events
        shown = contact_text(contact.channel, contact.address if needs_code else THIS_CHAT, lang)
        if created.status == "pending_verification":
            await announce_verification(dispatcher, lang, contact.address or "", created.code)
            return events + [SlotSet("verification_code", None), SlotSet("verification_pending", True)]
        say(dispatcher, lang, "contact_changed", contact=shown)
        return events


class ActionStopForm(Action):
    """Leaves the active form. After "cancel": forget its answers. After a crisis: keep them (paused)."""

    def name(self) -> Text:
        return "action_stop_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        events: List[EventType] = [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("bad_attempts", 0)]
        if latest_intent(tracker) == "crisis":
            if tracker.active_loop_name in REGISTRATION_FORMS:
                # Paused, answers kept: "sign me up" resumes this form, not a new one.
                say(dispatcher, language(tracker), "form_paused")
                return events + [SlotSet("paused_form", tracker.get_slot("registering"))]
            if tracker.active_loop_name == "verify_form":
                await discard_pending(tracker)
                return events + [SlotSet("verification_pending", None), SlotSet("registering", None)]
            return events
        if tracker.active_loop_name == "verify_form":
            await discard_pending(tracker)
        say(dispatcher, language(tracker), "registration_cancelled")
        return events + clear_form() + [SlotSet("verification_code", None), SlotSet("verification_pending", None)]


class ActionCorrectField(Action):
    """"Change the phone number": clears that answer so the form asks it again."""

    def name(self) -> Text:
        return "action_correct_field"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        field = entity_value(tracker, "field") or field_in(latest_text(tracker))
        if field is None and latest_intent(tracker) == "change_contact":
            field = "contact"
        events = clear_field(field, tracker, domain)
        if events is None:
            form = tracker.active_loop_name or ""
            return ask_which_field(dispatcher, language(tracker), form, domain, tracker)
        return events
