"""Answers given the way people give them (issue 9): quiet hours in words or with one end, a channel
with a correction or a preference, two addresses in one message, "I don't know" with more words, and
"why do you need that?" at the contact question. English and Spanish."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.forms.asks import ASK_ACTIONS
from actions.forms.registration import ValidateContactForm, ValidateVineForm, ValidateVnpForm, ValidateVnsForm
from bot.messages import render
from tests.actions.support import apply, expected, run, sent, slot_sets

VINE, VNP, VNS, CONTACT = ValidateVineForm(), ValidateVnpForm(), ValidateVnsForm(), ValidateContactForm()


async def answer(tracker, domain, slot, text, lang="en", form=VINE, channel="rest", events=(), **slots):
    built = tracker(text=text, intent="inform", channel=channel, active_loop=form.form_name, events=events,
                    slots={"language": lang, "requested_slot": slot, **slots})
    return await run(form, built, domain)


# --- quiet hours -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text", [
    ("en", "no, send it whenever. if he gets out I want to know at 3am"), ("en", "nope any time"),
    ("en", "Not necessary."), ("en", "No preference"), ("en", "nah"), ("en", "whatever"), ("en", "she says no"),
    ("en", "no. any time at all"), ("en", "None, she'd like to know immediately"),
    ("es", "a cualquier hora, de todos modos ya no duermo"), ("es", "Los correos pueden llegar a cualquier hora"),
    ("es", "nah anytime, si sale lo quiero saber ya"), ("es", "dice que no"), ("es", "no hace falta"),
    ("es", "cuando quiera, da igual"),
])
async def test_no_quiet_hours_in_many_words(tracker, domain, lang, text):
    events, dispatcher = await answer(tracker, domain, "quiet_hours", text, lang)
    assert events == slot_sets(quiet_hours="none", bad_attempts=0)
    assert dispatcher.messages == []


@pytest.mark.parametrize("lang,text,value,start,end", [
    ("en", "Not after 9 at night please I go to bed early", "21:00-07:00", "9 pm", "7 am"),
    ("en", "After 10pm nothing pls. Unless released.", "22:00-07:00", "10 pm", "7 am"),
    ("en", "Not before 7 in the morning", "22:00-07:00", "10 pm", "7 am"),
    ("en", "not before 8am", "22:00-08:00", "10 pm", "8 am"),
    ("en", "nothing after 21:00", "21:00-07:00", "9 pm", "7 am"),
    ("es", "no después de las 10 de la noche", "22:00-07:00", "10 de la noche", "7 de la mañana"),
    ("es", "nada antes de las 8", "22:00-08:00", "10 de la noche", "8 de la mañana"),
    ("es", "después de las 9 nada, por favor", "21:00-07:00", "9 de la noche", "7 de la mañana"),
])
async def test_one_end_takes_a_sensible_other_end_and_says_so(tracker, domain, lang, text, value, start, end):
    events, dispatcher = await answer(tracker, domain, "quiet_hours", text, lang)
    assert events == slot_sets(quiet_hours=value, bad_attempts=0)
    assert sent(dispatcher) == expected(lang, ("quiet_hours_one_end", {"start": start, "end": end}))


@pytest.mark.parametrize("lang,text", [("en", "10pm-7am"), ("es", "de 10 de la noche a 7 de la mañana")])
async def test_a_whole_range_needs_no_explaining(tracker, domain, lang, text):
    events, dispatcher = await answer(tracker, domain, "quiet_hours", text, lang)
    assert events == slot_sets(quiet_hours="22:00-07:00", bad_attempts=0) and dispatcher.messages == []


@pytest.mark.parametrize("lang,text", [("en", "sometimes"), ("es", "a veces")])
async def test_unreadable_hours_reask_with_examples_in_the_language(tracker, domain, lang, text):
    events, dispatcher = await answer(tracker, domain, "quiet_hours", text, lang, form=VNP, bad_attempts=1)
    assert sent(dispatcher) == expected(lang, "quiet_hours_unreadable")
    assert ('"no"' in sent(dispatcher)[0]["text"]) and events == slot_sets(quiet_hours=None, bad_attempts=2)


@pytest.mark.parametrize("form", [VINE, VNP])
@pytest.mark.parametrize("lang,text", [("en", "sometimes"), ("es", "a veces")])
async def test_third_unreadable_answer_takes_no_quiet_hours_and_goes_on(tracker, domain, form, lang, text):
    events, dispatcher = await answer(tracker, domain, "quiet_hours", text, lang, form=form, bad_attempts=2)
    assert sent(dispatcher) == expected(lang, "quiet_hours_given_up")
    # the sign-up is not thrown away: the slot is filled and the form goes on to the read-back
    assert events == slot_sets(quiet_hours="none", bad_attempts=0)
    assert not any(event.get("name") == "requested_slot" for event in events)


@pytest.mark.parametrize("lang,text", [("en", "blue"), ("es", "azul")])
async def test_other_fields_still_stop_after_three(tracker, domain, lang, text):
    _, dispatcher = await answer(tracker, domain, "state", text, lang, bad_attempts=2)
    assert sent(dispatcher) == expected(lang, "too_many_attempts")


# --- contact channel -------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,chosen", [
    ("en", "email I think. no actually text. text", "sms"),
    ("en", "Email would be best, I check it every morning. And text", "email"),
    ("en", "Email and text both if possible, but email first", "email"),
    ("en", "TEXT. EMAIL DONT WORK GOOD HERE", "sms"),
    ("es", "correo creo. no, mejor texto", "sms"),
    ("es", "Por correo sería lo mejor, lo reviso cada mañana. Y texto también", "email"),
    ("es", "correo y texto si se puede, pero primero correo", "email"),
    ("es", "TEXTO. EL CORREO NO ME LLEGA BIEN AQUÍ", "sms"),
])
async def test_channel_read_with_corrections_negations_and_preferences(tracker, domain, lang, text, chosen):
    events, dispatcher = await answer(tracker, domain, "contact_channel", text, lang)
    assert events == slot_sets(contact_channel=chosen, bad_attempts=0, contact_address=None)
    assert dispatcher.messages == []


@pytest.mark.parametrize("lang,text,first,second,pick,chosen", [
    ("en", "email and text", "email", "sms", "the second one", "sms"),
    ("es", "correo y mensaje de texto", "email", "sms", "el primero", "email"),
])
async def test_two_channels_ask_once_which_first(tracker, domain, lang, text, first, second, pick, chosen):
    events, dispatcher = await answer(tracker, domain, "contact_channel", text, lang)
    assert events == slot_sets(contact_channel=None, bad_attempts=0) and dispatcher.messages == []  # no strike
    asked = tracker(text=text, channel="rest", active_loop="vine_form",
                    slots={"language": lang, "requested_slot": "contact_channel"})
    _, dispatcher = await run(ASK_ACTIONS["contact_channel"](), asked, domain)
    names = [render(f"channel_name_{channel}", lang)["text"] for channel in (first, second)]
    message = render("ask_contact_channel_first", lang, first=names[0], second=names[1])
    message["buttons"] = [{"title": names[0], "payload": first}, {"title": names[1], "payload": second}]
    assert sent(dispatcher) == [message]
    earlier = [{"event": "user", "text": text, "parse_data": {}, "input_channel": "rest", "timestamp": None}]
    events, _ = await answer(tracker, domain, "contact_channel", pick, lang, events=earlier)
    assert apply({}, events)["contact_channel"] == chosen
    # both again: asked once already, so the first one written is taken
    events, _ = await answer(tracker, domain, "contact_channel", text, lang, events=earlier)
    assert apply({}, events)["contact_channel"] == first


@pytest.mark.parametrize("lang,text", [("en", "this chat and email"), ("es", "este chat y correo")])
async def test_by_sms_this_chat_is_the_text_messages(tracker, domain, lang, text):
    events, _ = await answer(tracker, domain, "contact_channel", text, lang, channel="twilio")
    assert events == slot_sets(contact_channel=None, bad_attempts=0)  # asked which first: sms or e-mail
    asked = tracker(text=text, channel="twilio", active_loop="vine_form",
                    slots={"language": lang, "requested_slot": "contact_channel"})
    _, dispatcher = await run(ASK_ACTIONS["contact_channel"](), asked, domain)
    assert [b["payload"] for b in sent(dispatcher)[0]["buttons"]] == ["sms", "email"]


@pytest.mark.parametrize("lang,text", [("en", "telegram or email"), ("es", "telegram o correo")])
async def test_telegram_is_not_offered_on_the_web(tracker, domain, lang, text):
    events, _ = await answer(tracker, domain, "contact_channel", text, lang)
    assert apply({}, events)["contact_channel"] == "email"


# --- contact address -------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,kept", [
    ("en", "rgpierce@example.org is our old one, use gpierce.lubbock@example.com", "gpierce.lubbock@example.com"),
    ("en", "use maria@example.com, not mm@example.org that one is old", "maria@example.com"),
    ("es", "este es el nuevo: ana.ruiz@example.com, el viejo era ana@example.org", "ana.ruiz@example.com"),
    ("es", "antes usaba ana@example.org pero ahora ana.ruiz@example.com", "ana.ruiz@example.com"),
])
async def test_two_emails_keep_the_new_one_and_say_it(tracker, domain, lang, text, kept):
    events, dispatcher = await answer(tracker, domain, "contact_address", text, lang, form=CONTACT,
                                      contact_channel="email")
    assert events == slot_sets(contact_address=kept, bad_attempts=0)
    assert sent(dispatcher) == expected(lang, ("contact_address_picked", {"address": kept}))


@pytest.mark.parametrize("lang,text,kept", [
    ("en", "my old number was 202-555-0143, the new one is 202-555-0199", "+12025550199"),
    ("en", "202-555-0143 or 202-555-0188", "+12025550188"),  # nothing marked: the last
    ("es", "usa el 202 555 0199, el 202 555 0143 ya no lo tengo", "+12025550199"),
])
async def test_two_phones_keep_the_new_one(tracker, domain, lang, text, kept):
    events, dispatcher = await answer(tracker, domain, "contact_address", text, lang, contact_channel="sms")
    assert events == slot_sets(contact_address=kept, bad_attempts=0)
    assert sent(dispatcher) == expected(lang, ("contact_address_picked", {"address": kept}))


@pytest.mark.parametrize("lang,text", [("en", "sure, you can text me at (202) 555-0143 after work"),
                                       ("es", "claro, mándenme mensajes al 202 555 0143 por las tardes")])
async def test_a_number_inside_a_sentence_is_found(tracker, domain, lang, text):
    events, dispatcher = await answer(tracker, domain, "contact_address", text, lang, contact_channel="sms")
    assert events == slot_sets(contact_address="+12025550143", bad_attempts=0) and dispatcher.messages == []


# --- date of birth ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text", [
    ("en", "i dont know his exact birthday, hes 33"), ("en", "no se. like 30 year"),
    ("en", "I don't really know, maybe 40"), ("es", "No sé la fecha, tendrá unos 35 años"),
    ("es", "no me acuerdo de la fecha"), ("es", "ni idea, unos 50"),
])
async def test_not_knowing_the_date_with_more_words_goes_on(tracker, domain, lang, text):
    events, dispatcher = await answer(tracker, domain, "offender_dob", text, lang, form=VNP)
    assert events == slot_sets(offender_dob="unknown", bad_attempts=0)  # the age is not kept
    assert dispatcher.messages == []


# --- "why do you need that?" -----------------------------------------------------------------

@pytest.mark.parametrize("slot,slots", [("contact_channel", {}), ("contact_address", {"contact_channel": "sms"})])
@pytest.mark.parametrize("lang,text", [
    ("en", "Why do you need that"), ("en", "what do you need my number for?"), ("en", "why?"),
    ("es", "para qué quiere mi número"), ("es", "¿por qué necesitan mi correo?"),
])
async def test_why_the_contact_is_answered_then_asked_again(tracker, domain, slot, slots, lang, text):
    events, dispatcher = await answer(tracker, domain, slot, text, lang, **slots)
    assert sent(dispatcher) == expected(lang, "contact_why")
    assert events == [SlotSet(slot, None)]  # no strike; the form asks the same question again


# --- the person: labels, statements, a name after filler, a corrected number ---------------------

@pytest.mark.parametrize("lang,text,ref", [
    ("en", "NDOC 1098342", {"name": None, "number": "1098342"}),
    ("en", "AIS number 00299184", {"name": None, "number": "00299184"}),
    ("en", "His ADC number is 162095", {"name": None, "number": "162095"}),
    ("es", "IDOC # Y41276, nombre Marco Antonio Villarreal", {"name": "Marco Antonio Villarreal", "number": "Y41276"}),
    ("es", "el PID es 1174562", {"name": None, "number": "1174562"}),
    ("es", "DCDC 386-412, Marcus Antoine Bell", {"name": "Marcus Antoine Bell", "number": "386-412"}),
])
async def test_agency_and_number_words_are_not_the_persons_name(tracker, domain, lang, text, ref):
    # "NDOC 1098342" was stored as a person called "Ndoc"
    events, dispatcher = await answer(tracker, domain, "offender_ref", text, lang)
    assert events == slot_sets(offender_ref=ref, bad_attempts=0) and dispatcher.messages == []


@pytest.mark.parametrize("form,slot", [(VNS, "offender_ref"), (VNP, "offender_name")])
@pytest.mark.parametrize("lang,text", [
    ("en", "his PO said I should already be getting stuff but I never got nothing"),
    ("en", "the DA told me I would get letters but I never got any"),
    ("es", "me dijeron que me iban a avisar y nunca me llegó nada"),
    ("es", "el PO me dijo que yo ya iba a recibir avisos"),
])
async def test_a_statement_at_the_name_question_is_heard_not_stored(tracker, domain, form, slot, lang, text):
    # "his PO said…" was stored as a person called "PO said"
    events, dispatcher = await answer(tracker, domain, slot, text, lang, form=form, bad_attempts=1)
    assert sent(dispatcher) == expected(lang, "statement_at_name")
    assert events == slot_sets(**{slot: None}, bad_attempts=1)  # asked again, and not a strike
    # the same words again: the question's hint, and a strike (never the same reply twice in a row)
    said = [{"event": "user", "text": text}, {"event": "action", "name": form.form_name}]
    events, dispatcher = await answer(tracker, domain, slot, text, lang, form=form, events=said, bad_attempts=1)
    assert sent(dispatcher) == expected(lang, f"invalid_{slot}")
    assert events == slot_sets(**{slot: None}, bad_attempts=2)


@pytest.mark.parametrize("lang,text,name", [
    ("es", "No me acuerdo del nombre completo... Tanner algo. Dejeme buscar. Tanner J. Kowalski", "Tanner J. Kowalski"),
    ("es", "Espere que lo busco... Ah ya. Se llama Ana María de la Cruz", "Ana María de la Cruz"),
    ("en", "I don't remember his full name. Let me check. Found it: Darnell R. Hughes", "Darnell R. Hughes"),
    ("en", "Hmm hold on, it's on the letter somewhere. Marcus Lee Tillery", "Marcus Lee Tillery"),
])
async def test_a_name_after_filler_sentences_is_taken(tracker, domain, lang, text, name):
    # rejected twice, and the sign-up was dropped
    events, dispatcher = await answer(tracker, domain, "offender_ref", text, lang, form=VNS, bad_attempts=2)
    assert events == slot_sets(offender_ref={"name": name, "number": None}, bad_attempts=0)
    assert dispatcher.messages == []
    events, _ = await answer(tracker, domain, "offender_name", text, lang, form=VNP)
    assert events == slot_sets(offender_name=name, bad_attempts=0)


@pytest.mark.parametrize("lang,text,ref", [
    ("es", "su booking number es 8012476... no espera, 8012467. se llama Austin Cole Whitaker",
     {"name": "Austin Cole Whitaker", "number": "8012467"}),
    ("es", "el numero es 44512, perdón, digo 44521", {"name": None, "number": "44521"}),
    ("en", "booking 2024-5531, no wait, it's 2024-5513. Name is Kevin Ross", {"name": "Kevin Ross", "number": "2024-5513"}),
    ("en", "his number is 1234567, sorry I mean 1234576", {"name": None, "number": "1234576"}),
])
async def test_a_number_corrected_in_the_answer_is_the_later_one(tracker, domain, lang, text, ref):
    events, dispatcher = await answer(tracker, domain, "offender_ref", text, lang)
    assert events == slot_sets(offender_ref=ref, bad_attempts=0) and dispatcher.messages == []
