"""Form answers the personas of issue 9 saw refused, in English and Spanish: a date of birth someone else
does not know, a federal district by court abbreviation, city or state (and "not sure" after two unclear
answers), the other kind of contact at the address question, and a name with words before it."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.forms.registration import ValidateContactForm, ValidateVnpForm, ValidateVnsForm
from tests.actions.support import expected, run, sent, slot_sets

VNS, VNP, CONTACT = ValidateVnsForm(), ValidateVnpForm(), ValidateContactForm()


async def answer(tracker, domain, form, slot, text, lang, channel="rest", **slots):
    built = tracker(text=text, intent="inform", channel=channel, active_loop=form.form_name,
                    slots={"language": lang, "requested_slot": slot, **slots})
    return await run(form, built, domain)


# --- 1. a date of birth nobody knows -----------------------------------------------------------

@pytest.mark.parametrize("lang,text", [
    ("es", "Ella dice que no sabe, como de 30 y pico"), ("en", "she doesn't know, he's like 40"),
    ("es", "no sabemos"), ("es", "ni idea la verdad"), ("en", "we don't know"),
    ("en", "She does not know his birthday"), ("es", "mi hija no se acuerda, tendrá unos 25"),
])
async def test_a_date_of_birth_someone_else_does_not_know_is_unknown(tracker, domain, lang, text):
    events, dispatcher = await answer(tracker, domain, VNP, "offender_dob", text, lang)
    assert events == slot_sets(offender_dob="unknown", bad_attempts=0) and dispatcher.messages == []


@pytest.mark.parametrize("lang,text", [("en", "he's like 40"), ("es", "tiene como 30 y pico"), ("en", "maybe 50 years"),
                                       ("es", "nose tiene como 25")])
async def test_a_bare_age_means_the_date_is_not_known(tracker, domain, lang, text):
    # An age says the person does not know the date (the third conversation suite lost a sign-up to "nose
    # tiene como 25" asked twice); the age itself is not kept.
    events, dispatcher = await answer(tracker, domain, VNP, "offender_dob", text, lang)
    assert events == slot_sets(offender_dob="unknown", bad_attempts=0) and dispatcher.messages == []


# --- 2. the federal district -------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,district", [
    ("en", "EDNY (Brooklyn)", "Eastern District of New York"),
    ("en", "SDNY", "Southern District of New York"),
    ("en", "N.D. Ill.", "Northern District of Illinois"), ("es", "E.D.N.Y.", "Eastern District of New York"),
    ("es", "creo que es la SD Tex", "Southern District of Texas"),
    ("en", "ND Cal", "Northern District of California"),
    ("en", "C.D. Cal.", "Central District of California"), ("es", "D. Ariz.", "District of Arizona"),
    ("en", "W.D. Wash.", "Western District of Washington"),
    ("en", "the federal court in Phoenix", "District of Arizona"),  # a city in a state with one district
    ("es", "la corte federal de Denver", "District of Colorado"),
    ("es", "distrito sur de texas", "Southern District of Texas"),
])
async def test_a_district_by_abbreviation_city_or_name(tracker, domain, lang, text, district):
    events, dispatcher = await answer(tracker, domain, VNS, "federal_district", text, lang)
    assert events == slot_sets(federal_district=district, bad_attempts=0) and dispatcher.messages == []


@pytest.mark.parametrize("lang,text,state,count,districts", [
    ("en", "the federal court in Brooklyn", "New York", "four",
     "Northern District of New York, Southern District of New York, Eastern District of New York and "
     "Western District of New York"),
    ("es", "la corte federal de Houston", "Texas", "cuatro",
     "Northern District of Texas, Southern District of Texas, Eastern District of Texas y Western District "
     "of Texas"),
])
async def test_a_state_with_several_districts_names_them(tracker, domain, lang, text, state, count,
                                                          districts):
    events, dispatcher = await answer(tracker, domain, VNS, "federal_district", text, lang)
    assert events == slot_sets(federal_district=None, bad_attempts=1)
    assert sent(dispatcher) == expected(lang, ("federal_district_which",
                                               {"state": state, "count": count, "districts": districts}))


@pytest.mark.parametrize("lang,first,second", [("en", "??", "the federal court in Brooklyn"),
                                               ("es", "la corte federal de Houston", "la de allá")])
async def test_two_unclear_districts_go_on_as_not_sure(tracker, domain, lang, first, second):
    events, _ = await answer(tracker, domain, VNS, "federal_district", first, lang)
    assert SlotSet("bad_attempts", 1) in events
    events, dispatcher = await answer(tracker, domain, VNS, "federal_district", second, lang, bad_attempts=1)
    assert events == slot_sets(federal_district="unknown", bad_attempts=0)  # the sign-up goes on
    assert sent(dispatcher) == expected(lang, "federal_district_given_up")


@pytest.mark.parametrize("lang,text", [("en", "not sure"), ("es", "no sé, nunca me dijeron")])
async def test_not_sure_of_the_district(tracker, domain, lang, text):
    events, _ = await answer(tracker, domain, VNS, "federal_district", text, lang)
    assert events == slot_sets(federal_district="unknown", bad_attempts=0)


# --- 3. the other kind of contact --------------------------------------------------------------

@pytest.mark.parametrize("form", [VNS, CONTACT])
@pytest.mark.parametrize("channel", ["rest", "sms", "telegram"])
@pytest.mark.parametrize("lang,asked,text,kind,value", [
    ("en", "sms", "marisol.t84@example.com", "email", "marisol.t84@example.com"),
    ("es", "sms", "mi correo es marisol.t84@example.com", "email", "marisol.t84@example.com"),
    ("en", "email", "406-555-0124", "sms", "+14065550124"),
    ("es", "email", "no tengo correo, mi cel es 406 555 0124", "sms", "+14065550124"),
])
async def test_the_other_kind_of_contact_switches_the_channel(tracker, domain, form, channel, lang, asked,
                                                              text, kind, value):
    events, dispatcher = await answer(tracker, domain, form, "contact_address", text, lang, channel=channel,
                                      contact_channel=asked)
    assert events == slot_sets(contact_address=value, bad_attempts=0, contact_channel=kind)
    assert sent(dispatcher) == expected(lang, (f"contact_switched_{kind}", {"address": value}))


@pytest.mark.parametrize("lang,asked,text", [("en", "sms", "my phone is broken"), ("es", "email", "no sé")])
async def test_neither_kind_is_still_asked_again(tracker, domain, lang, asked, text):
    events, dispatcher = await answer(tracker, domain, VNS, "contact_address", text, lang,
                                      contact_channel=asked)
    assert events[:2] == slot_sets(contact_address=None, bad_attempts=1)
    assert sent(dispatcher) == expected(lang, f"invalid_contact_address_{asked}")


# --- 4. words before a name --------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,name", [
    ("es", "el principal es Marcus Deshawn Tillery", "Marcus Deshawn Tillery"),
    ("es", "se llama Juan Pérez", "Juan Pérez"), ("es", "es José Luis Hernández", "José Luis Hernández"),
    ("en", "the main one is Kyle Brown", "Kyle Brown"), ("en", "his name is John Smith", "John Smith"),
    ("en", "the one who did it is Kyle Brown", "Kyle Brown"),
])
async def test_words_before_a_name_are_not_part_of_it(tracker, domain, lang, text, name):
    events, _ = await answer(tracker, domain, VNP, "offender_name", text, lang)
    assert events == slot_sets(offender_name=name, bad_attempts=0)
    events, _ = await answer(tracker, domain, VNS, "offender_ref", text, lang)
    assert events == slot_sets(offender_ref={"name": name, "number": None}, bad_attempts=0)


# --- the parsers alone -------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Do me a favor", "ED Cal or SD Tex", "Dallas", "??", "the district court"])
def test_no_one_district_is_not_read_as_one(text):
    from bot.validators import parse_federal_district

    assert parse_federal_district(text) is None


@pytest.mark.parametrize("text", ["Juan de la Cruz", "Principal Skinner", "Marcus Tillery", "Es Kyle"])
def test_a_name_without_a_lead_keeps_its_words(text):
    from bot.validators import strip_name_lead

    assert strip_name_lead(text) == ("Kyle" if text == "Es Kyle" else text)


@pytest.mark.parametrize("lang,text,name", [
    ("es", "Demarcus Jones creo que es Demarcus Tyrone Jones", "Demarcus Tyrone Jones"),
    ("en", "Ray Dominguez, I mean Raymond Dominguez", "Raymond Dominguez"),
])
async def test_a_name_restated_is_stored_even_when_the_classifier_hears_a_question(tracker, domain, lang, text,
                                                                                   name):
    from actions.faq import FAQ_INTENT

    built = tracker(text=text, intent=FAQ_INTENT, active_loop=VNP.form_name,
                    slots={"language": lang, "requested_slot": "offender_name"})
    events, dispatcher = await run(VNP, built, domain)
    assert events[0] == slot_sets(offender_name=name)[0] and dispatcher.messages == []
