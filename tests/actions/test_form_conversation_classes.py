"""The classes of the thirteenth conversation suite (2026-12-08) in the forms, in both languages, with sentences
written for these tests: a number typed with spaces or under its label at the offender question, putting the
sign-up off ("later", "luego") at any question, and questions in the middle of the form answered from the FAQ
with the same question asked again (nothing stored)."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.faq import ActionAnswerFaq
from actions.forms.registration import ValidateContactForm, ValidateVineForm, ValidateVnpForm, ValidateVnsForm
from tests.actions.support import expected, run, sent, slot_sets

FORMS = {form.form_name: form for form in (ValidateVineForm(), ValidateVnsForm(), ValidateVnpForm(),
                                           ValidateContactForm())}


async def answer(tracker, domain, form, slot, text, lang, intent="inform", slots=None):
    state = {"language": lang, "requested_slot": slot, **(slots or {})}
    built = tracker(text=text, intent=intent, slots=state, active_loop=form)
    return await run(FORMS[form], built, domain)


@pytest.mark.parametrize("form", ["vine_form", "vns_form"])
@pytest.mark.parametrize("lang,text,number", [
    ("en", "his DOC number is 4 4 1 9 0 2", "441902"),
    ("en", "i'd rather not write his name. the reg number is 40127-058", "40127-058"),
    ("es", "su número de recluso es 6 0 2 2 1 8", "602218"),
    ("es", "prefiero no poner el nombre. el número de registro es 30981-279", "30981-279"),
])
async def test_the_offender_number_is_taken_however_it_is_typed(tracker, domain, form, lang, text, number):
    events, dispatcher = await answer(tracker, domain, form, "offender_ref", text, lang)
    assert SlotSet("offender_ref", {"name": None, "number": number}) in events
    texts = [(m.get("text") or "").lower() for m in sent(dispatcher)]  # (each message is a dict: read its text)
    assert not any("need a name" in t or "necesito un nombre" in t or "need the" in t and "name" in t or
                   "necesito el nombre" in t for t in texts)


@pytest.mark.parametrize("form,slot,slots", [
    ("vine_form", "contact_channel", {}), ("vine_form", "quiet_hours", {"contact_channel": "web"}),
    ("vnp_form", "offender_dob", {}), ("contact_form", "contact_channel", {}),
])
@pytest.mark.parametrize("lang,text", [("en", "later"), ("en", "not right now"), ("es", "luego"),
                                       ("es", "mejor otro día")])
async def test_putting_it_off_stops_and_says_what_happens(tracker, domain, form, slot, slots, lang, text):
    events, dispatcher = await answer(tracker, domain, form, slot, text, lang, slots=slots)
    assert sent(dispatcher) == expected(lang, "form_left")
    assert events == slot_sets(bad_attempts=0, requested_slot=None)


def test_the_words_on_leaving_say_nothing_is_kept_and_how_to_come_back():
    from bot.messages import render
    assert "Nothing was saved" in render("form_left", "en")["text"] and "sign me up" in render("form_left", "en")["text"]
    assert "No se guardó nada" in render("form_left", "es")["text"] and "inscribirme" in render("form_left", "es")["text"]


ASIDES = [
    ("vine_form", "contact_address", ("is it alright if i do this for my mom? she's the real victim",
                                      "la víctima es mi hermana, ¿está bien si me registro yo?"),
     "faq_on_behalf", {"contact_channel": "email"}),
    ("vnp_form", "offender_country", ("do you guys work with immigration?", "¿ustedes colaboran con inmigración?"),
     "faq_not_ice", {}),
    ("vine_form", "quiet_hours", ("I have a restraining order too, can I add it here?",
                                  "tengo una orden de alejamiento, ¿la puedo poner aquí?"),
     "faq_protection_order", {"contact_channel": "web"}),
    ("vine_form", "quiet_hours", ("if he shows up at my job do you tell me or do I call the cops?",
                                  "si viene a buscarme al trabajo, ¿ustedes me avisan o llamo a la policía?"),
     "faq_protection", {"contact_channel": "web"}),
    ("vns_form", "federal_district", ("is it the tribal police that has him or the feds?",
                                      "¿lo tiene la policía tribal o el FBI?"), "faq_who_holds", {}),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,slot,texts,key,slots", ASIDES, ids=[a[4 - 1] for a in ASIDES])
async def test_asides_are_answered_and_the_question_stays(tracker, domain, lang, form, slot, texts, key, slots):
    text = texts[0] if lang == "en" else texts[1]
    events, dispatcher = await answer(tracker, domain, form, slot, text, lang, slots=slots)
    assert sent(dispatcher)[:1] == expected(lang, key)
    assert events == [SlotSet(slot, None)]


@pytest.mark.parametrize("lang,text", [
    ("en", "Is it ok that I'm the one registering and not my grandma? She's who he robbed."),
    ("es", "¿Hay problema si me registro yo y no mi mamá? Ella es la víctima."),
])
async def test_signing_up_for_a_relative_at_the_offer_is_answered_and_the_offer_stays(tracker, domain, lang, text):
    built = tracker(text=text, intent="ask_faq", slots={"language": lang, "stage": "offered:vine", "program": "vine"})
    events, dispatcher = await run(ActionAnswerFaq(), built, domain)
    assert sent(dispatcher) == expected(lang, "faq_on_behalf", "offer_register")


def _earlier(text):
    return [{"event": "action", "name": "action_listen", "timestamp": None},
            {"event": "user", "text": text, "parse_data": {}, "input_channel": "rest", "timestamp": None},
            {"event": "bot", "text": "…", "timestamp": None}]


@pytest.mark.parametrize("lang,text", [
    ("en", "wait, do you guys work with immigration?"),
    ("es", "¿ustedes colaboran con inmigración?"),
])
async def test_the_same_question_again_at_the_offer_gets_no_same_paragraph(tracker, domain, lang, text):
    slots = {"language": lang, "stage": "offered:vnp", "program": "vnp"}
    built = tracker(text=text, intent="ask_faq", slots=slots)
    _, first = await run(ActionAnswerFaq(), built, domain)
    assert sent(first) == expected(lang, "faq_not_ice", "offer_register")
    again = tracker(text=text, intent="ask_faq", slots=slots, events=_earlier(text))
    events, dispatcher = await run(ActionAnswerFaq(), again, domain)
    assert sent(dispatcher) == expected(lang, "offer_yes_no")
    assert SlotSet("clarify_count", 1) in events


@pytest.mark.parametrize("lang,text", [
    ("en", "do you share my info with immigration? better not then"),
    ("es", "¿ustedes le pasan mis datos a la migra? mejor no"),
])
async def test_a_no_said_with_the_question_closes_the_offer(tracker, domain, lang, text):
    built = tracker(text=text, intent="ask_faq", slots={"language": lang, "stage": "offered:vnp", "program": "vnp"})
    events, dispatcher = await run(ActionAnswerFaq(), built, domain)
    assert sent(dispatcher) == expected(lang, "faq_not_ice", "not_now")
    assert SlotSet("stage", None) in events


@pytest.mark.parametrize("lang,text", [
    # a "no" that qualifies or asks is no no to the offer: the offer stays open
    ("en", "can my sister help me with it? i dont want to sign up alone"),
    ("es", "¿puedo hacerlo con mi hija? no quiero hacerlo sola"),
    ("es", "¿es mejor no dar mi dirección?"),
])
async def test_a_no_that_qualifies_keeps_the_offer(tracker, domain, lang, text):
    built = tracker(text=text, intent="ask_faq", slots={"language": lang, "stage": "offered:vine", "program": "vine"})
    events, dispatcher = await run(ActionAnswerFaq(), built, domain)
    assert SlotSet("stage", None) not in events
    assert expected(lang, "not_now")[0] not in sent(dispatcher)
