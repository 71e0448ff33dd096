"""The date of birth in the VNP form, in English and Spanish: what the person reads back and what is stored.

Each turn runs as Rasa runs the form: validate_vnp_form on the answer, then the question for the first
slot still empty, or the read-back when none is.
"""

from __future__ import annotations

from datetime import date

import pytest

from actions.forms.asks import ASK_ACTIONS
from actions.forms.registration import ActionAskConfirm, ValidateVnpForm
from actions.registration import ActionCorrectField
from bot.messages import render
from tests.actions.support import apply, expected, run, sent

# Everything but the date of birth, as the form collected it.
ANSWERS = {"registering": "vnp", "offender_name": "Juan Pérez", "offender_country": "MX",
           "contact_channel": "web", "contact_address": "this_chat", "quiet_hours": "none"}
READ_BACK = {
    "en": ["Program: Deportation (ICE VNP)", "Person: Juan Pérez", "Date of birth: {}",
           "Country of birth: Mexico", "Messages by: this chat", "Quiet hours: none"],
    "es": ["Programa: Deportación (VNP de ICE)", "Persona: Juan Pérez", "Fecha de nacimiento: {}",
           "País de nacimiento: México", "Mensajes por: este chat", "Horas de silencio: ninguna"],
}


def read_back(lang: str, dob: str) -> dict:
    """The read-back the person sees, with the date of birth as written here."""
    lines = "\n".join(f"• {line.format(dob)}" for line in READ_BACK[lang])
    return render("summary", lang, summary=lines)


def asking_dob(lang: str, **slots) -> dict:
    return {**ANSWERS, "language": lang, "requested_slot": "offender_dob", **slots}


async def turn(tracker, domain, slots, text, intent="inform", entities=()):
    """One message in the VNP form: the slots after it and the messages the person sees."""
    built = tracker(text=text, intent=intent, entities=entities, slots=slots, active_loop="vnp_form")
    events, validation = await run(ValidateVnpForm(), built, domain)
    assert events, "the form stepped aside"
    slots = apply(slots, events)
    required = domain["forms"]["vnp_form"]["required_slots"]
    slots["requested_slot"] = next(slot for slot in required if slots.get(slot) is None)
    asked = slots["requested_slot"]
    ask = ActionAskConfirm() if asked == "confirm" else ASK_ACTIONS[asked]()
    _, question = await run(ask, tracker(slots=slots, active_loop="vnp_form"), domain)
    return slots, sent(validation) + sent(question)


def choice_question(lang: str, first: str, second: str, first_iso: str, second_iso: str) -> dict:
    message = render("ask_offender_dob_choice", lang, first=first, second=second)
    message["buttons"] = [{"title": first, "payload": first_iso}, {"title": second, "payload": second_iso}]
    return message


# --- both readings are dates: asked once ----------------------------------------------------

AMBIGUOUS = [
    # language, what was written, the question's two dates in words (the language's reading first) and ISO
    ("es", "12/07/1990", "12 de julio de 1990", "7 de diciembre de 1990", "1990-07-12", "1990-12-07"),
    ("es", "04/11/1979", "4 de noviembre de 1979", "11 de abril de 1979", "1979-11-04", "1979-04-11"),
    ("en", "12/07/1990", "December 7, 1990", "July 12, 1990", "1990-12-07", "1990-07-12"),
    ("en", "04/11/79", "April 11, 1979", "November 4, 1979", "1979-04-11", "1979-11-04"),
]


@pytest.mark.parametrize("lang,text,first,second,first_iso,second_iso", AMBIGUOUS)
async def test_a_date_that_reads_both_ways_is_asked_once_with_both_in_words(
        tracker, domain, lang, text, first, second, first_iso, second_iso):
    slots, seen = await turn(tracker, domain, asking_dob(lang, bad_attempts=0), text)
    assert seen == [choice_question(lang, first, second, first_iso, second_iso)]
    assert slots["offender_dob"] is None and slots["offender_dob_choices"] == [first_iso, second_iso]
    assert slots["bad_attempts"] == 0  # asking is not the person's mistake
    # the button with the second reading: that date is stored and read back in words
    slots, seen = await turn(tracker, domain, slots, second_iso)
    assert slots["offender_dob"] == second_iso and slots["offender_dob_choices"] is None
    assert seen == [read_back(lang, second)]


@pytest.mark.parametrize("lang,answer,stored,shown", [
    ("es", "el 12 de julio", "1990-07-12", "12 de julio de 1990"),
    ("es", "diciembre", "1990-12-07", "7 de diciembre de 1990"),
    ("es", "la segunda", "1990-12-07", "7 de diciembre de 1990"),
    ("en", "July 12", "1990-07-12", "July 12, 1990"),
    ("en", "december 7th 1990", "1990-12-07", "December 7, 1990"),
    ("en", "the first one", "1990-12-07", "December 7, 1990"),
    ("en", "2", "1990-07-12", "July 12, 1990"),  # a numbered choice (SMS) or typed
])
async def test_the_choice_in_words(tracker, domain, lang, answer, stored, shown):
    slots, _ = await turn(tracker, domain, asking_dob(lang), "12/07/1990")
    slots, seen = await turn(tracker, domain, slots, answer)
    assert slots["offender_dob"] == stored
    assert seen == [read_back(lang, shown)]


@pytest.mark.parametrize("lang,first,second", [("en", "December 7, 1990", "July 12, 1990"),
                                               ("es", "12 de julio de 1990", "7 de diciembre de 1990")])
async def test_the_same_numbers_again_are_not_asked_a_second_time(tracker, domain, lang, first, second):
    slots, _ = await turn(tracker, domain, asking_dob(lang, bad_attempts=0), "12/07/1990")
    isos = slots["offender_dob_choices"]
    slots, seen = await turn(tracker, domain, slots, "12/07/1990")
    # a short request to choose, and the same two buttons; no new question, and it counts as a miss
    again = choice_question(lang, first, second, *isos)
    assert seen == expected(lang, "invalid_offender_dob_choice") + [again]
    assert slots["bad_attempts"] == 1 and slots["offender_dob_choices"] == isos
    slots, seen = await turn(tracker, domain, slots, {"en": "July", "es": "julio"}[lang])
    assert slots["offender_dob"] == "1990-07-12"
    assert seen == [read_back(lang, {"en": "July 12, 1990", "es": "12 de julio de 1990"}[lang])]


@pytest.mark.parametrize("lang,unsure,shown", [("en", "not sure", "not known"),
                                               ("es", "no sé", "no se sabe")])
async def test_not_sure_at_the_choice(tracker, domain, lang, unsure, shown):
    slots, _ = await turn(tracker, domain, asking_dob(lang), "12/07/1990")
    slots, seen = await turn(tracker, domain, slots, unsure)
    assert slots["offender_dob"] == "unknown" and slots["offender_dob_choices"] is None
    assert seen == [read_back(lang, shown)]


# --- one reading: taken and read back in words ----------------------------------------------

@pytest.mark.parametrize("lang,text,stored,shown", [
    ("es", "25/07/1990", "1990-07-25", "25 de julio de 1990"),  # day first
    ("es", "12/25/85", "1985-12-25", "25 de diciembre de 1985"),  # month first, but only that way round
    ("es", "1990-07-12", "1990-07-12", "12 de julio de 1990"),
    ("en", "07/25/1990", "1990-07-25", "July 25, 1990"),  # month first
    ("en", "25/07/90", "1990-07-25", "July 25, 1990"),  # day first, but only that way round
    ("en", "1990-07-12", "1990-07-12", "July 12, 1990"),
    # in words, with two- and four-digit years
    ("es", "7 de marzo del 85", "1985-03-07", "7 de marzo de 1985"),
    ("es", "3 marzo 1985", "1985-03-03", "3 de marzo de 1985"),
    ("es", "el 3 de marzo de 1985", "1985-03-03", "3 de marzo de 1985"),
    ("es", "el primero de mayo del 85", "1985-05-01", "1 de mayo de 1985"),
    ("en", "march 3rd 1985", "1985-03-03", "March 3, 1985"),
    ("en", "March 7, '85", "1985-03-07", "March 7, 1985"),
    ("en", "3 March 1985", "1985-03-03", "March 3, 1985"),
])
async def test_one_reading_is_taken_and_read_back_in_words(tracker, domain, lang, text, stored, shown):
    slots, seen = await turn(tracker, domain, asking_dob(lang), text)
    assert slots["offender_dob"] == stored
    assert seen == [read_back(lang, shown)]


# --- impossible dates: a clear answer, then the question again --------------------------------

@pytest.mark.parametrize("lang,text,says", [
    ("es", "31/02/1990", "Esa fecha no existe: febrero de 1990 tiene 28 días."),
    ("es", "29 de febrero de 2001", "Esa fecha no existe: febrero de 2001 tiene 28 días."),
    ("es", "31/04/1990", "Esa fecha no existe: abril de 1990 tiene 30 días."),
    ("en", "02/31/1990", "That date doesn't exist: February 1990 has 28 days."),
    ("en", "Feb 29 2001", "That date doesn't exist: February 2001 has 28 days."),
    ("en", "31/04/1990", "That date doesn't exist: April 1990 has 30 days."),
    ("es", "1/1/2090", "El 1 de enero de 2090 todavía no ha llegado."),
    ("en", "1/1/2090", "January 1, 2090 is in the future."),
    ("es", "1800-01-01", "Si la persona nació el 1 de enero de 1800, tendría"),
    ("en", "1800-01-01", "If the person was born on January 1, 1800, they would be"),
])
async def test_an_impossible_date_gets_a_clear_answer(tracker, domain, lang, text, says):
    slots, seen = await turn(tracker, domain, asking_dob(lang, bad_attempts=0), text)
    assert seen[0]["text"].startswith(says)
    assert seen[1:] == expected(lang, "ask_offender_dob")  # and the question again
    assert slots["offender_dob"] is None and slots["bad_attempts"] == 1


@pytest.mark.parametrize("lang,age", [("en", "they would be {} years old"), ("es", "tendría {} años")])
async def test_the_age_a_date_would_give(tracker, domain, lang, age):
    born = date(date.today().year - 4, 1, 1)
    _, seen = await turn(tracker, domain, asking_dob(lang), born.isoformat())
    assert age.format(date.today().year - born.year) in seen[0]["text"]


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_an_unreadable_date_shows_the_languages_order(tracker, domain, lang):
    _, seen = await turn(tracker, domain, asking_dob(lang), {"en": "yesterday", "es": "ayer"}[lang])
    assert seen[0]["text"].startswith({
        "en": "I couldn't read that date. Please write it like 03/14/1985 (month/day/year)",
        "es": "No pude leer esa fecha. Escríbala así: 14/03/1985 (día/mes/año)"}[lang])


# --- correcting the date of birth alone -----------------------------------------------------

def read_back_slots(lang: str) -> dict:
    """The VNP form at its read-back, after "What would you like to change?" was asked."""
    return {**ANSWERS, "language": lang, "offender_dob": "1990-07-12", "requested_slot": "confirm",
            "stage": "which_field", "bad_attempts": 2}


@pytest.mark.parametrize("lang,menu", [
    ("en", ["Name or number", "Date of birth", "Country of birth", "How to reach me", "Quiet hours"]),
    ("es", ["Nombre o número", "Fecha de nacimiento", "País de nacimiento", "Cómo contactarme",
            "Horas de silencio"]),
])
async def test_the_correction_menu_of_the_vnp_form_offers_the_date_of_birth(tracker, domain, lang, menu):
    text = {"en": "change something", "es": "cambiar algo"}[lang]
    built = tracker(text=text, intent="correct", active_loop="vnp_form",
                    slots={**ANSWERS, "language": lang, "offender_dob": "1990-07-12",
                           "requested_slot": "confirm"})
    events, dispatcher = await run(ActionCorrectField(), built, domain)
    [message] = sent(dispatcher)
    assert message["text"] == render("ask_which_field", lang)["text"]
    assert [button["title"] for button in message["buttons"]] == menu
    assert message["buttons"][1]["payload"] == '/correct{"field": "dob"}'


@pytest.mark.parametrize("lang,text", [("es", "la fecha de nacimiento"), ("es", "fecha de nacimiento"),
                                       ("en", "the date of birth"), ("en", "birthday")])
async def test_naming_the_date_of_birth_in_the_menu_changes_it_alone(tracker, domain, lang, text):
    # The classifier read "la fecha de nacimiento" as inform (0.52): the menu's answer, not a "no" to
    # the read-back, nor a third bad answer (bad_attempts was 2) that used to end the sign-up.
    slots, seen = await turn(tracker, domain, read_back_slots(lang), text)
    assert seen == expected(lang, "ask_offender_dob")
    assert slots["offender_dob"] is None and slots["stage"] is None and slots["bad_attempts"] == 0
    slots, seen = await turn(tracker, domain, slots, {"en": "07/25/1990", "es": "25/07/1990"}[lang])
    assert seen == [read_back(lang, {"en": "July 25, 1990", "es": "25 de julio de 1990"}[lang])]
    assert {key: slots[key] for key in ANSWERS} == ANSWERS  # everything else as it was


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_the_date_of_birth_button_changes_it_alone(tracker, domain, lang):
    slots = read_back_slots(lang)
    button = tracker(text='/correct{"field": "dob"}', intent="correct", active_loop="vnp_form", slots=slots,
                     entities=[{"entity": "field", "value": "dob"}])
    events, dispatcher = await run(ActionCorrectField(), button, domain)
    assert dispatcher.messages == []
    slots = apply(slots, events)
    assert slots["offender_dob"] is None and slots["confirm"] is None
    assert {key: slots[key] for key in ANSWERS} == ANSWERS
    # the new date reads both ways: asked once, then read back with everything else
    slots["requested_slot"] = "offender_dob"
    slots, seen = await turn(tracker, domain, slots, "04/11/1979")
    assert seen[0]["text"] == render("ask_offender_dob_choice", lang, **{
        "en": {"first": "April 11, 1979", "second": "November 4, 1979"},
        "es": {"first": "4 de noviembre de 1979", "second": "11 de abril de 1979"}}[lang])["text"]
    slots, seen = await turn(tracker, domain, slots, "1979-11-04")
    assert seen == [read_back(lang, {"en": "November 4, 1979", "es": "4 de noviembre de 1979"}[lang])]



# --- a date said twice, or in two languages -----------------------------------------------------

@pytest.mark.parametrize("lang,text,stored,shown", [
    ("en", "5 de junio 1983, june 5", "1983-06-05", "June 5, 1983"),
    ("en", "she said his birthday is 2 de enero, january 2, 1992", "1992-01-02", "January 2, 1992"),
    ("es", "el 14 de agosto, o sea August 14th, 1975", "1975-08-14", "14 de agosto de 1975"),
    ("es", "March 3... no espera, eso fue otro día. Su cumple es el 20 de octubre, 1994", "1994-10-20",
     "20 de octubre de 1994"),
])
async def test_a_date_said_twice_is_taken_in_either_language(tracker, domain, lang, text, stored, shown):
    # "5 de junio 1983, june 5" in an English conversation got "I couldn't read that date"
    slots, seen = await turn(tracker, domain, asking_dob(lang, bad_attempts=0), text)
    assert slots["offender_dob"] == stored and slots["bad_attempts"] == 0
    assert seen == [read_back(lang, shown)]


@pytest.mark.parametrize("lang,text,first,second,first_iso,second_iso", [
    ("en", "3 de marzo, march 4, 1985", "March 3, 1985", "March 4, 1985", "1985-03-03", "1985-03-04"),
    ("es", "el 2 de enero o el 12 de enero de 1990", "2 de enero de 1990", "12 de enero de 1990",
     "1990-01-02", "1990-01-12"),
])
async def test_two_different_dates_in_one_answer_are_asked_once(
        tracker, domain, lang, text, first, second, first_iso, second_iso):
    slots, seen = await turn(tracker, domain, asking_dob(lang, bad_attempts=0), text)
    assert seen == [choice_question(lang, first, second, first_iso, second_iso)]
    assert slots["offender_dob"] is None and slots["bad_attempts"] == 0
    slots, seen = await turn(tracker, domain, slots, second_iso)
    assert slots["offender_dob"] == second_iso and seen == [read_back(lang, second)]


# --- "is the month first or the day first?" ------------------------------------------------------

ORDER = {
    "en": "Month first, then the day and the year: for example, 11/02/1986 is November 2, 1986.",
    "es": "Primero el día, luego el mes y el año: por ejemplo, 02/11/1986 es el 2 de noviembre de 1986.",
}


@pytest.mark.parametrize("lang,text", [
    ("en", "is the month first or the day first? it's november 2nd"), ("en", "what format do you want?"),
    ("es", "¿va primero el mes o el día?"), ("es", "¿cómo la escribo? es el 2 de noviembre"),
])
async def test_the_order_of_the_date_is_explained_and_asked_again(tracker, domain, lang, text):
    # it got "I can't answer that one here" and the ICE line; the order in the language's own reading, no strike
    slots, seen = await turn(tracker, domain, asking_dob(lang, bad_attempts=0), text)
    assert seen[0]["text"].startswith(ORDER[lang])
    assert seen[1:] == expected(lang, "ask_offender_dob")
    assert slots["offender_dob"] is None and slots["bad_attempts"] == 0
    # then a date written that way is read as explained
    slots, seen = await turn(tracker, domain, slots, {"en": "11/22/1986", "es": "22/11/1986"}[lang])
    assert seen == [read_back(lang, {"en": "November 22, 1986", "es": "22 de noviembre de 1986"}[lang])]


@pytest.mark.parametrize("lang,text,shown", [
    ("en", "month first or day first? anyway it's november 2nd 1986", "November 2, 1986"),
    ("es", "¿el día va primero? es el 2 de noviembre de 1986", "2 de noviembre de 1986"),
])
async def test_a_date_given_with_the_question_is_taken_and_said(tracker, domain, lang, text, shown):
    slots, seen = await turn(tracker, domain, asking_dob(lang), text)
    assert slots["offender_dob"] == "1986-11-02"
    assert seen == expected(lang, ("dob_order_taken", {"date": shown})) + [read_back(lang, shown)]


@pytest.mark.parametrize("lang,first,second", [("en", "November 2, 1986", "February 11, 1986"),
                                               ("es", "11 de febrero de 1986", "2 de noviembre de 1986")])
async def test_numbers_that_read_both_ways_with_the_question_are_asked_once(tracker, domain, lang, first, second):
    text = {"en": "day first or month first? 11/02/1986", "es": "¿primero el mes o el día? 11/02/1986"}[lang]
    slots, seen = await turn(tracker, domain, asking_dob(lang, bad_attempts=0), text)
    isos = slots["offender_dob_choices"]
    assert seen[0]["text"].startswith(ORDER[lang]) and seen[1:] == [choice_question(lang, first, second, *isos)]
    assert slots["bad_attempts"] == 0
