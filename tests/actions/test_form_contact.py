"""The contact and confirm steps of the forms, the read-back (action_ask_confirm), the questions
(action_ask_<slot>) and action_correct_field."""

from __future__ import annotations

import pytest

from bot.messages import render
from rasa_sdk.events import SlotSet

from actions.forms.asks import ASK_ACTIONS
from actions.forms.registration import ActionAskConfirm, ValidateContactForm, ValidateVineForm
from actions.registration import ActionCorrectField
from tests.actions.support import LANGS, expected, run, sent, slot_sets

VINE = ValidateVineForm()


async def choose(tracker, domain, text, channel="rest", lang="en", form=VINE, intent="inform", slot="contact_channel", **slots):
    built = tracker(text=text, intent=intent, channel=channel, active_loop=form.form_name,
                    slots={"language": lang, "requested_slot": slot, **slots})
    return await run(form, built, domain)


# --- contact channel -------------------------------------------------------------------------

@pytest.mark.parametrize("form", [ValidateVineForm(), ValidateContactForm()])
@pytest.mark.parametrize(
    "channel,text,chosen",
    [
        ("rest", "this chat", "web"), ("rest", "este chat", "web"), ("socketio", "web", "web"),
        ("twilio", "text message", "sms"), ("twilio", "mensaje de texto", "sms"),
        ("telegram", "telegram", "telegram"), ("telegram", "por telegram", "telegram"),
    ],
)
async def test_the_current_channel_needs_no_address(tracker, domain, form, channel, text, chosen):
    events, dispatcher = await choose(tracker, domain, text, channel, form=form)
    assert events == slot_sets(contact_channel=chosen, bad_attempts=0, contact_address="this_chat")
    assert dispatcher.messages == []


@pytest.mark.parametrize("channel,text,chosen", [("rest", "sms", "sms"), ("rest", "por correo", "email"),
                                                  ("twilio", "email", "email"), ("telegram", "text me", "sms")])
async def test_another_channel_asks_for_the_address(tracker, domain, channel, text, chosen):
    # contact_address is cleared, so an address from an earlier choice is asked again.
    events, _ = await choose(tracker, domain, text, channel, contact_address="this_chat")
    assert events == slot_sets(contact_channel=chosen, bad_attempts=0, contact_address=None)


@pytest.mark.parametrize("channel,text,chosen", [("twilio", "this chat", "sms"), ("telegram", "aquí", "telegram")])
async def test_this_chat_means_the_channel_in_use(tracker, domain, channel, text, chosen):
    events, _ = await choose(tracker, domain, text, channel)
    assert events == slot_sets(contact_channel=chosen, bad_attempts=0, contact_address="this_chat")


@pytest.mark.parametrize("lang,text", [("en", "telegram"), ("es", "por telegram")])
@pytest.mark.parametrize("strikes", [0, 2])
async def test_telegram_from_the_web_is_refused_without_a_strike(tracker, domain, lang, text, strikes):
    events, dispatcher = await choose(tracker, domain, text, "rest", lang, bad_attempts=strikes)
    assert sent(dispatcher) == expected(lang, "telegram_elsewhere")
    assert events == slot_sets(contact_channel=None, bad_attempts=strikes)


# --- confirm ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text", [("en", "no"), ("es", "no, gracias")])
@pytest.mark.parametrize("strikes", [0, 2])
async def test_no_at_the_confirm_step_cancels(tracker, domain, lang, text, strikes):
    events, dispatcher = await choose(tracker, domain, text, lang=lang, slot="confirm", bad_attempts=strikes)
    assert sent(dispatcher) == expected(lang, "registration_cancelled")
    # requested_slot None ends the form; confirm stays unset, so the submit action stores nothing.
    assert events == slot_sets(confirm=None, bad_attempts=strikes, requested_slot=None)


@pytest.mark.parametrize("intent,lang,text,value", [("affirm", "en", "go ahead with it", True),
                                                     ("affirm", "es", "hágalo ya", True),
                                                     ("deny", "en", "I'd rather not", False)])
async def test_confirm_falls_back_on_the_intent(tracker, domain, intent, lang, text, value):
    events, dispatcher = await choose(tracker, domain, text, lang=lang, slot="confirm", intent=intent)
    if value:
        assert events == slot_sets(confirm=True, bad_attempts=0) and dispatcher.messages == []
    else:
        assert events == slot_sets(confirm=None, bad_attempts=0, requested_slot=None)
        assert sent(dispatcher) == expected(lang, "registration_cancelled")


# --- the read-back ---------------------------------------------------------------------------

SUMMARIES = [
    (
        {"registering": "vine", "offender_ref": {"name": "John Smith", "number": "A123456"}, "state": "TX",
         "facility": "Harris County Jail", "contact_channel": "sms", "contact_address": "+12025550143",
         "quiet_hours": "22:00-07:00"},
        ["Program: State notification (VINE)", "Person: John Smith", "Number: A123456", "State: Texas",
         "Facility: Harris County Jail", "Messages by: text message to +12025550143", "Quiet hours: 22:00-07:00"],
        ["Programa: Notificación estatal (VINE)", "Persona: John Smith", "Número: A123456", "Estado: Texas",
         "Centro: Harris County Jail", "Mensajes por: mensaje de texto al +12025550143",
         "Horas de silencio: 22:00-07:00"],
    ),
    (
        {"registering": "vnp", "program": "vine", "state": "TX", "offender_name": "Juan Pérez", "offender_dob": "unknown",
         "offender_country": "MX", "contact_channel": "web", "contact_address": "this_chat", "quiet_hours": "none"},
        ["Program: Deportation (ICE VNP)", "Person: Juan Pérez", "Date of birth: not known", "Country of birth: Mexico",
         "Messages by: this chat", "Quiet hours: none"],
        ["Programa: Deportación (VNP de ICE)", "Persona: Juan Pérez", "Fecha de nacimiento: no se sabe",
         "País de nacimiento: México", "Mensajes por: este chat", "Horas de silencio: ninguna"],
    ),
    (
        {"registering": "vns", "offender_ref": {"name": None, "number": "A123456"}, "federal_district": "unknown",
         "contact_channel": "email", "contact_address": "maria@example.com", "quiet_hours": "none"},
        ["Program: Federal case (DOJ VNS)", "Number: A123456", "Federal district: not known",
         "Messages by: e-mail to maria@example.com", "Quiet hours: none"],
        ["Programa: Caso federal (VNS del DOJ)", "Número: A123456", "Distrito federal: no se sabe",
         "Mensajes por: correo a maria@example.com", "Horas de silencio: ninguna"],
    ),
    (
        {"registering": "vine", "offender_ref": {"name": "John Smith", "number": None}, "state": "TX",
         "facility": "unknown", "contact_channel": "telegram", "contact_address": "this_chat"},
        ["Program: State notification (VINE)", "Person: John Smith", "State: Texas", "Facility: not known",
         "Messages by: Telegram (this chat)"],
        ["Programa: Notificación estatal (VINE)", "Persona: John Smith", "Estado: Texas", "Centro: no se sabe",
         "Mensajes por: Telegram (este chat)"],
    ),
]


@pytest.mark.parametrize("slots,english,spanish", SUMMARIES, ids=["vine", "vnp", "vns", "telegram"])
@pytest.mark.parametrize("lang", LANGS)
async def test_ask_confirm_reads_back_in_the_persons_language(tracker, domain, slots, english, spanish, lang):
    # The state of a VNP case is not shown (it is not stored for VNP either).
    built = tracker(slots={"language": lang, "requested_slot": "confirm", **slots}, active_loop=f"{slots['registering']}_form")
    events, dispatcher = await run(ActionAskConfirm(), built, domain)
    lines = "\n".join(f"• {line}" for line in (english if lang == "en" else spanish))
    assert sent(dispatcher) == expected(lang, ("summary", {"summary": lines}))
    assert events == []


async def test_ask_confirm_stays_quiet_while_the_which_field_buttons_are_shown(tracker, domain):
    built = tracker(slots={"registering": "vine", "stage": "which_field", "requested_slot": "confirm"}, active_loop="vine_form")
    events, dispatcher = await run(ActionAskConfirm(), built, domain)
    assert events == [] and dispatcher.messages == []


# --- the questions ---------------------------------------------------------------------------

def test_every_question_action_is_in_the_domain(domain):
    names = {cls().name() for cls in ASK_ACTIONS.values()} | {"action_ask_confirm"}
    asked = {slot for form in domain["forms"].values() for slot in form["required_slots"]}
    assert names == {f"action_ask_{slot}" for slot in asked}
    assert names <= set(domain["actions"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("input_channel", ["rest", "telegram"])
async def test_telegram_is_offered_only_on_telegram(tracker, domain, lang, input_channel):
    built = tracker(slots={"language": lang, "requested_slot": "contact_channel"}, active_loop="vine_form",
                    channel=input_channel)
    _, dispatcher = await run(ASK_ACTIONS["contact_channel"](), built, domain)
    [message] = dispatcher.messages
    payloads = [b["payload"] for b in message["buttons"]]
    assert ("telegram" in payloads) == (input_channel == "telegram")
    assert message["text"] == render("ask_contact_channel", lang)["text"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slot,channel,key", [("state", None, "ask_state"), ("quiet_hours", None, "ask_quiet_hours"),
                                              ("contact_address", "sms", "ask_contact_address_sms"),
                                              ("contact_address", "email", "ask_contact_address_email")])
async def test_questions(tracker, domain, lang, slot, channel, key):
    built = tracker(slots={"language": lang, "contact_channel": channel, "requested_slot": slot}, active_loop="vine_form")
    events, dispatcher = await run(ASK_ACTIONS[slot](), built, domain)
    assert sent(dispatcher) == expected(lang, key) and events == []


# --- corrections -----------------------------------------------------------------------------

AFTER_CORRECTION = slot_sets(confirm=None, stage=None, bad_attempts=0)


async def correct(tracker, domain, text, form="vine_form", field=None, lang="en", **slots):
    entities = [{"entity": "field", "value": field}] if field else []
    built = tracker(text=text, intent="correct", entities=entities, active_loop=form,
                    slots={"language": lang, "requested_slot": "confirm", **slots})
    return await run(ActionCorrectField(), built, domain)


@pytest.mark.parametrize("lang,text", [("en", "change the phone number"), ("es", "cambiar el teléfono"),
                                       ("en", "/correct"), ("es", "mi celular está mal")])
async def test_correct_the_phone_asks_only_the_number_again(tracker, domain, lang, text):
    events, dispatcher = await correct(tracker, domain, text, field="contact" if text == "/correct" else None, lang=lang,
                                       contact_channel="sms", contact_address="+12025550143")
    assert events == [SlotSet("contact_address", None)] + AFTER_CORRECTION
    assert dispatcher.messages == []


@pytest.mark.parametrize("text", ["use email instead", "mejor por correo"])
async def test_correct_to_another_channel_asks_the_channel_again(tracker, domain, text):
    events, _ = await correct(tracker, domain, text, contact_channel="sms", contact_address="+12025550143")
    assert events == [SlotSet("contact_channel", None), SlotSet("contact_address", None)] + AFTER_CORRECTION


@pytest.mark.parametrize(
    "form,field,cleared",
    [
        ("vine_form", "place", ["state", "facility"]),
        ("vns_form", "place", ["federal_district"]),
        ("vine_form", "offender", ["offender_ref"]),
        ("vnp_form", "offender", ["offender_name"]),
        ("vnp_form", "dob", ["offender_dob", "offender_dob_choices"]),  # and a pending "is it A or B?"
        ("vnp_form", "quiet_hours", ["quiet_hours"]),
        ("vine_form", "contact", ["contact_channel", "contact_address"]),  # the chat itself: choose again
    ],
)
async def test_correct_a_named_field_clears_what_the_form_has(tracker, domain, form, field, cleared):
    events, _ = await correct(tracker, domain, "/correct", form=form, field=field, contact_channel="web",
                              contact_address="this_chat")
    assert events == [SlotSet(slot, None) for slot in cleared] + AFTER_CORRECTION


@pytest.mark.parametrize("lang,text,field", [("en", "change something", None), ("es", "cambiar algo", None),
                                             ("en", "the date of birth", None), ("es", "la fecha de nacimiento", None),
                                             ("en", "/correct", "country")])
async def test_unknown_field_asks_which(tracker, domain, lang, text, field):
    # The date of birth and the country are not asked by the VINE form, so its menu does not offer them.
    events, dispatcher = await correct(tracker, domain, text, field=field, lang=lang)
    [message] = sent(dispatcher)
    assert message["text"] == render("ask_which_field", lang)["text"]
    assert [b["title"] for b in message["buttons"]] == {
        "en": ["Name or number", "Place", "How to reach me", "Quiet hours"],
        "es": ["Nombre o número", "Lugar", "Cómo contactarme", "Horas de silencio"]}[lang]
    assert events == slot_sets(stage="which_field")


# --- the channel asked for wins over a word that explains why; the same words a third time ---------------

@pytest.mark.parametrize("lang,text", [
    ("en", "email please, I change phones a lot"), ("en", "email please, my phone changes all the time"),
    ("en", "if you can do both, if only one then email"),
    ("es", "por correo por favor, cambio mucho de teléfono"), ("es", "correo porfa, mi celular lo cambio seguido"),
    ("es", "los dos si se puede, si solo uno entonces correo"),
])
@pytest.mark.parametrize("intent", ["inform", "change_contact", "correct", "ask_faq", "nlu_fallback"])
async def test_the_channel_asked_for_wins(tracker, domain, lang, text, intent):
    from tests.actions.test_form_corrections import VINE as ANSWERS, at, turn

    slots = at(lang, ANSWERS, "contact_channel", contact_address=None, quiet_hours=None)
    slots, seen = await turn(tracker, domain, "vine_form", slots, text, intent=intent)
    assert slots["contact_channel"] == "email" and seen == expected(lang, "ask_contact_address_email")


@pytest.mark.parametrize("lang,texts", [("en", ["text and email please", "both"]),
                                        ("es", ["texto y correo por favor", "los dos"])])
async def test_two_channels_asked_for_together_are_still_asked_which_first(tracker, domain, lang, texts):
    from tests.actions.test_form_corrections import VINE as ANSWERS, at, turn

    slots = at(lang, ANSWERS, "contact_channel", contact_address=None, quiet_hours=None)
    slots, seen = await turn(tracker, domain, "vine_form", slots, texts[0])
    assert slots["contact_channel"] is None and len(seen[-1]["buttons"]) == 2


@pytest.mark.parametrize("lang,text", [("en", "the cheapest one for him"), ("es", "el más barato para él")])
async def test_the_same_words_a_third_time_at_the_channel_question_change_the_reply(tracker, domain, lang, text):
    from actions.forms.registration import ValidateVineForm
    from tests.actions.test_form_corrections import VINE as ANSWERS, at

    slots = at(lang, ANSWERS, "contact_channel", contact_address=None, quiet_hours=None)
    earlier = []
    for _ in range(2):
        earlier += [{"event": "user", "text": text, "parse_data": {}, "timestamp": None},
                    {"event": "bot", "text": "…", "timestamp": None}]
    # the strikes the two earlier answers left (as the form counts them), on the web: no channel by default
    built = tracker(text=text, intent="nlu_fallback", slots={**slots, "bad_attempts": 2}, active_loop="vine_form",
                    events=earlier)
    events, dispatcher = await run(ValidateVineForm(), built, domain)
    assert sent(dispatcher) == expected(lang, "contact_channel_stuck")
    strikes = next(e["value"] for e in events if e.get("name") == "bad_attempts")
    assert strikes == 2 and not any(e.get("name") == "requested_slot" and e.get("value") is None for e in events)
    built = tracker(text=text, intent="nlu_fallback", slots={**slots, "bad_attempts": strikes},
                    active_loop="vine_form", events=earlier * 2 + earlier[:2])
    events, dispatcher = await run(ValidateVineForm(), built, domain)
    assert sent(dispatcher) == expected(lang, "contact_channel_stuck_person")
