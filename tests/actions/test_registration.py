"""After a form: action_submit_registration (storing only with consent), the code form
(validate_verify_form), action_after_verification, action_stop_form and contact changes."""

from __future__ import annotations

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet
from sqlalchemy import select

from actions.forms.registration import ValidateVineForm
from actions.registration import (
    ActionAfterVerification, ActionStopForm, ActionSubmitContactChange, ActionSubmitRegistration, ValidateVerifyForm,
)
from bot.settings import settings
from bot.store import Contact, OffenderDetails
from bot.store.models import subscriptions
from tests.actions.support import LANGS, OWNER, SENDER, apply, expected, initial_slots, run, sent, slot_sets

FORM_SLOTS = ("offender_ref", "facility", "federal_district", "offender_name", "offender_dob", "offender_country",
              "contact_channel", "contact_address", "quiet_hours", "confirm", "offender_dob_choices")
# What every registration ends with: the answers forgotten.
CLEARED = [SlotSet(s, None) for s in FORM_SLOTS] + slot_sets(bad_attempts=0, stage=None)
VINE_ANSWERS = {"registering": "vine", "offender_ref": {"name": "John Smith", "number": "A123456"}, "state": "TX",
                "facility": "Harris County Jail", "quiet_hours": "22:00-07:00"}
WEB = {"contact_channel": "web", "contact_address": "this_chat"}
PHONE = {"contact_channel": "sms", "contact_address": "+12025550143"}


async def submit(tracker, domain, lang="en", channel="rest", sender_id=SENDER, **slots):
    built = tracker(slots={"language": lang, "requested_slot": None, **slots}, channel=channel, sender_id=sender_id)
    return await run(ActionSubmitRegistration(), built, domain)


async def stored_rows(store):
    async with store.engine.connect() as conn:
        return (await conn.execute(select(subscriptions))).mappings().all()


@pytest.mark.parametrize("lang,shown", [("en", "this chat"), ("es", "este chat")])
async def test_web_contact_is_active_at_once(tracker, domain, action_store, lang, shown):
    events, dispatcher = await submit(tracker, domain, lang, **VINE_ANSWERS, **WEB, confirm=True)
    assert sent(dispatcher) == expected(lang, ("subscribed", {"offender": "John Smith", "contact": shown}),
                                        "official_program_reminder")
    assert events == CLEARED + slot_sets(registering=None, verification_pending=None)
    [view] = await action_store.list_subscriptions(OWNER)
    assert (view.program, view.status, view.channel, view.offender_label, view.state, view.language) == (
        "vine", "active", "web", "John Smith", "TX", lang)
    [row] = await stored_rows(action_store)
    assert (row["quiet_start"], row["quiet_end"], row["timezone"]) == ("22:00", "07:00", "America/Chicago")


@pytest.mark.parametrize("lang", LANGS)
async def test_second_program_is_offered_after_the_first(tracker, domain, action_store, lang):
    events, dispatcher = await submit(tracker, domain, lang, **VINE_ANSWERS, **WEB, confirm=True, also_program="vnp")
    assert [m["text"] for m in sent(dispatcher)][-1] == expected(lang, "offer_second_program_vnp")[0]["text"]
    assert events == CLEARED + slot_sets(registering=None, stage="offered:vnp", clarify_count=0,
                                         verification_pending=None)


@pytest.mark.parametrize("lang", LANGS)
async def test_after_a_deportation_sign_up_the_state_program_is_offered(tracker, domain, lang):
    # a VNP sign-up for a man in state prison with an ICE hold: the other offer is VINE, not ICE again
    built = tracker(slots={"language": lang, "verification_code": "verified", "verification_pending": True,
                           "registering": "vnp", "also_program": "vine"})
    events, dispatcher = await run(ActionAfterVerification(), built, domain)
    assert sent(dispatcher) == expected(lang, "verified", "official_program_reminder", "offer_second_program_vine")
    assert "VINE" in sent(dispatcher)[-1]["text"]
    assert ("offered:vine" in str(events)) and "ICE" not in sent(dispatcher)[-1]["text"]


async def test_sms_from_the_chat_it_comes_from_needs_no_code(tracker, domain, action_store):
    events, dispatcher = await submit(tracker, domain, "es", channel="twilio", sender_id="+12025550143",
                                      **VINE_ANSWERS, contact_channel="sms", contact_address="this_chat", confirm=True)
    assert sent(dispatcher) == expected("es", ("subscribed", {"offender": "John Smith", "contact": "SMS"}),
                                        "official_program_reminder")
    [view] = await action_store.list_subscriptions("sms:+12025550143")
    assert (view.status, view.channel, view.contact_masked) == ("active", "sms", "+1******0143")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("dev_mode", [False, True])
async def test_sms_from_the_web_waits_for_a_code(tracker, domain, action_store, monkeypatch, lang, dev_mode):
    if dev_mode:
        monkeypatch.setenv("BOT_DEV_MODE", "1")
        settings.cache_clear()
    created = []
    original = action_store.create_subscription

    async def recording(*args, **kwargs):
        created.append(await original(*args, **kwargs))
        return created[-1]

    monkeypatch.setattr(action_store, "create_subscription", recording)
    events, dispatcher = await submit(tracker, domain, lang, **VINE_ANSWERS, **PHONE, confirm=True)
    code = created[0].code
    messages = [("verification_sent", {"contact": "+12025550143"})] + ([("dev_code", {"code": code})] if dev_mode else [])
    assert sent(dispatcher) == expected(lang, *messages)
    assert all(code not in m["text"] for m in sent(dispatcher)[:1])  # the code only in the labelled dev message
    # `registering` is kept for action_after_verification; verification_pending starts the code form.
    assert events == CLEARED + slot_sets(verification_code=None, verification_pending=True)
    [view] = await action_store.list_subscriptions(OWNER)
    assert (view.status, view.channel, view.contact_masked) == ("pending_verification", "sms", "+1******0143")


@pytest.mark.parametrize("confirm", [None, False])
async def test_nothing_is_stored_without_consent(tracker, domain, action_store, confirm):
    events, dispatcher = await submit(tracker, domain, **VINE_ANSWERS, **WEB, confirm=confirm)
    assert dispatcher.messages == []
    assert events == CLEARED + slot_sets(registering=None, verification_pending=None)
    assert await stored_rows(action_store) == []


@pytest.mark.parametrize("lang,no", [("en", "no"), ("es", "no")])
async def test_no_at_the_confirm_step_then_submit_stores_nothing(tracker, domain, action_store, lang, no):
    # The form's last answer, then the submit action that the "form ends" rule runs next.
    slots = {**initial_slots(domain), "language": lang, **VINE_ANSWERS, **WEB, "requested_slot": "confirm"}
    built = tracker(text=no, intent="deny", slots=slots, active_loop="vine_form")
    events, dispatcher = await run(ValidateVineForm(), built, domain)
    assert sent(dispatcher) == expected(lang, "registration_cancelled")
    after = apply(slots, events)
    assert after["requested_slot"] is None and after["confirm"] is None
    events, dispatcher = await run(ActionSubmitRegistration(), tracker(slots=after), domain)
    assert dispatcher.messages == [] and await stored_rows(action_store) == []
    assert apply(after, events)["registering"] is None


@pytest.mark.parametrize("lang", LANGS)
async def test_store_failure_says_so_and_stores_nothing(tracker, domain, action_store, monkeypatch, lang):
    async def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(action_store, "create_subscription", broken)
    events, dispatcher = await submit(tracker, domain, lang, **VINE_ANSWERS, **PHONE, confirm=True)
    assert sent(dispatcher) == expected(lang, "save_failed")
    assert events == CLEARED + slot_sets(registering=None, verification_pending=None)
    assert await stored_rows(action_store) == []


async def test_vnp_answers_that_are_not_known_are_not_stored(tracker, domain, action_store):
    events, _ = await submit(tracker, domain, registering="vnp", state="TX", offender_name="Juan Pérez",
                             offender_dob="unknown", offender_country="MX", quiet_hours="none", **WEB, confirm=True)
    [row] = await stored_rows(action_store)
    assert (row["program"], row["state"], row["offender_country"], row["quiet_start"]) == ("vnp", None, "MX", None)
    assert action_store._cipher.decrypt(row["offender_dob_enc"]) is None


# --- the code --------------------------------------------------------------------------------

async def pending(store, owner=OWNER):
    created = await store.create_subscription(owner, "vine", OffenderDetails(name="John Smith", state="TX"),
                                              Contact("sms", "+12025550143"), "en", None, "America/Chicago", True)
    return created.code


async def enter(tracker, domain, text, lang="en", **slots):
    built = tracker(text=text, intent="inform", active_loop="verify_form",
                    slots={"language": lang, "requested_slot": "verification_code", "verification_pending": True, **slots})
    return await run(ValidateVerifyForm(), built, domain)


@pytest.mark.parametrize("lang", LANGS)
async def test_the_right_code_activates_the_subscription(tracker, domain, action_store, lang):
    code = await pending(action_store)
    events, dispatcher = await enter(tracker, domain, f"{code[:3]} {code[3:]}", lang, bad_attempts=1)
    assert events == slot_sets(verification_code="verified", bad_attempts=0) and dispatcher.messages == []
    [view] = await action_store.list_subscriptions(OWNER)
    assert view.status == "active"


@pytest.mark.parametrize("lang", LANGS)
async def test_a_wrong_code_is_refused_with_the_tries_left(tracker, domain, action_store, lang):
    code = await pending(action_store)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for remaining in (4, 3, 2, 1):
        # Wrong codes are limited by the store (5 tries), not by the form's three strikes.
        events, dispatcher = await enter(tracker, domain, wrong, lang)
        told = {"remaining": remaining, "contact": "+1******0143"}  # where to look for the newest code
        assert sent(dispatcher) == expected(lang, ("code_wrong", told))
        assert events == slot_sets(verification_code=None, bad_attempts=0)
    events, dispatcher = await enter(tracker, domain, wrong, lang)
    assert sent(dispatcher) == expected(lang, "code_locked")
    assert events == slot_sets(verification_code=None, bad_attempts=0, requested_slot=None)
    events, dispatcher = await enter(tracker, domain, code, lang)  # even the right code, once locked
    assert sent(dispatcher) == expected(lang, "code_locked")
    assert (await action_store.list_subscriptions(OWNER))[0].status == "pending_verification"


async def test_no_code_waiting_ends_the_form(tracker, domain, action_store):
    events, dispatcher = await enter(tracker, domain, "123456")
    assert sent(dispatcher) == expected("en", "code_expired")
    assert events == slot_sets(verification_code=None, bad_attempts=0, requested_slot=None)


@pytest.mark.parametrize("lang,text", [("en", "my code is 12345"), ("es", "mi código es 12345")])
async def test_something_that_is_not_a_code_is_a_strike(tracker, domain, action_store, lang, text):
    await pending(action_store)
    events, dispatcher = await enter(tracker, domain, text, lang)
    assert sent(dispatcher) == expected(lang, "invalid_verification_code")
    assert events == slot_sets(verification_code=None, bad_attempts=1)


@pytest.mark.parametrize("lang", LANGS)
async def test_after_verification_confirms_and_offers_the_second_program(tracker, domain, lang):
    built = tracker(slots={"language": lang, "verification_code": "verified", "verification_pending": True,
                           "registering": "vine", "also_program": "vnp"})
    events, dispatcher = await run(ActionAfterVerification(), built, domain)
    assert sent(dispatcher) == expected(lang, "verified", "official_program_reminder", "offer_second_program_vnp")
    assert events == slot_sets(verification_code=None, verification_pending=None, stage="offered:vnp",
                               clarify_count=0, registering=None)


async def test_after_verification_without_a_code_says_nothing(tracker, domain):
    built = tracker(slots={"verification_pending": True, "registering": "vine"})
    events, dispatcher = await run(ActionAfterVerification(), built, domain)
    assert dispatcher.messages == []
    assert events == slot_sets(verification_code=None, verification_pending=None, registering=None)


# --- leaving a form --------------------------------------------------------------------------

STOPPED = [ActiveLoop(None)] + slot_sets(requested_slot=None, bad_attempts=0)


@pytest.mark.parametrize("lang,text", [("en", "cancel"), ("es", "cancelar")])
async def test_cancel_forgets_the_answers(tracker, domain, lang, text):
    built = tracker(text=text, intent="cancel", slots={"language": lang, **VINE_ANSWERS}, active_loop="vine_form")
    events, dispatcher = await run(ActionStopForm(), built, domain)
    assert sent(dispatcher) == expected(lang, "registration_cancelled")
    assert events == STOPPED + CLEARED + slot_sets(registering=None, verification_code=None, verification_pending=None)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form,paused", [("vine_form", True), ("contact_form", False)])
async def test_crisis_pauses_and_keeps_the_answers(tracker, domain, lang, form, paused):
    built = tracker(text="he is outside my door", intent="crisis",
                    slots={"language": lang, "registering": "vine", **VINE_ANSWERS}, active_loop=form)
    events, dispatcher = await run(ActionStopForm(), built, domain)
    assert sent(dispatcher) == (expected(lang, "form_paused") if paused else [])
    # a paused sign-up remembers which form to resume ("sign me up" starts it again)
    assert events == (STOPPED + slot_sets(paused_form="vine") if paused else STOPPED)


async def test_crisis_while_a_code_is_awaited_discards_the_sign_up(tracker, domain, action_store):
    await pending(action_store)
    built = tracker(text="he is here", intent="crisis", active_loop="verify_form",
                    slots={"verification_pending": True, "registering": "vine", "requested_slot": "verification_code"})
    events, _ = await run(ActionStopForm(), built, domain)
    assert await action_store.list_subscriptions(OWNER) == []
    assert slot_sets(verification_pending=None, registering=None)[0] in events


async def test_cancel_while_a_code_is_awaited_leaves_nothing_stored(tracker, domain, action_store):
    await pending(action_store)
    built = tracker(text="cancel", intent="cancel", active_loop="verify_form",
                    slots={"verification_pending": True, "registering": "vine", "requested_slot": "verification_code"})
    _, dispatcher = await run(ActionStopForm(), built, domain)
    assert sent(dispatcher) == expected("en", "registration_cancelled")
    assert await action_store.list_subscriptions(OWNER) == []


# --- contact change --------------------------------------------------------------------------

@pytest.mark.parametrize("lang,shown", [("en", "e-mail to maria@example.com"), ("es", "correo a maria@example.com")])
async def test_contact_change_to_email_needs_a_code(tracker, domain, action_store, lang, shown):
    await action_store.create_subscription(OWNER, "vine", OffenderDetails(name="John Smith"), Contact("web"), "en",
                                           None, "America/Chicago", False)
    built = tracker(slots={"language": lang, "contact_channel": "email", "contact_address": "maria@example.com"})
    events, dispatcher = await run(ActionSubmitContactChange(), built, domain)
    assert sent(dispatcher) == expected(lang, ("verification_sent", {"contact": "maria@example.com"}))
    assert events == slot_sets(contact_channel=None, contact_address=None, bad_attempts=0, verification_code=None,
                               verification_pending=True)


@pytest.mark.parametrize("lang", LANGS)
async def test_contact_change_without_subscriptions(tracker, domain, action_store, lang):
    built = tracker(slots={"language": lang, **WEB})
    events, dispatcher = await run(ActionSubmitContactChange(), built, domain)
    assert sent(dispatcher) == expected(lang, "no_subscriptions")
    assert events == slot_sets(contact_channel=None, contact_address=None, bad_attempts=0, verification_pending=None)
