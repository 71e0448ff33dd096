"""Corrections in plain words during a sign-up, in English and Spanish (issue 9, item 2).

Each turn runs as Rasa runs the form: the form's validation on the message, then the question for the
slot the validation asked for, else the first of the form's slots still empty, or the read-back.
"""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.forms.asks import ASK_ACTIONS
from actions.forms.registration import ActionAskConfirm, ValidateVineForm, ValidateVnpForm, ValidateVnsForm
from actions.registration import ActionCorrectField, contact_of
from actions.slots import ValidateSlotMappings
from bot.messages import render
from tests.actions.support import apply, ent, expected, make_tracker, run, sent

FORMS = {"vine_form": ValidateVineForm(), "vns_form": ValidateVnsForm(), "vnp_form": ValidateVnpForm()}

VINE = {"registering": "vine", "offender_ref": {"name": "Darnell Price", "number": None}, "state": "TX",
        "facility": "Dallas County Jail", "contact_channel": "sms", "contact_address": "+12025550143",
        "quiet_hours": "none"}
VNS = {"registering": "vns", "offender_ref": {"name": "Darnell Price", "number": None},
       "federal_district": "unknown", "contact_channel": "web", "contact_address": "this_chat",
       "quiet_hours": "none"}
VNP = {"registering": "vnp", "offender_name": "Juan Pérez", "offender_dob": "1990-07-25",
       "offender_country": "MX", "contact_channel": "sms", "contact_address": "+12025550143",
       "quiet_hours": "none"}


async def turn(tracker, domain, form, slots, text, intent="inform", entities=()):
    """One message in `form`: the slots after it and the messages the person sees."""
    built = tracker(text=text, intent=intent, entities=entities, slots=slots, active_loop=form)
    events, validation = await run(FORMS[form], built, domain)
    assert events, "the form stepped aside"
    slots = apply(slots, events)
    asked = next((event["value"] for event in events if event["name"] == "requested_slot"), "")
    if asked is None:
        return slots, sent(validation)  # the form ended
    required = domain["forms"][form]["required_slots"]
    slots["requested_slot"] = asked or next((slot for slot in required if slots.get(slot) is None), None)
    asked = slots["requested_slot"]
    if asked is None:
        return slots, sent(validation)  # every answer given: the form ends
    ask = ActionAskConfirm() if asked == "confirm" else ASK_ACTIONS[asked]()
    _, question = await run(ask, tracker(text=text, slots=slots, active_loop=form), domain)
    return slots, sent(validation) + sent(question)


def at(lang: str, answers: dict, requested: str, **changes) -> dict:
    slots = {**answers, "language": lang, "requested_slot": requested, **changes}
    if requested != "confirm":
        slots[requested] = None
    return slots


def is_read_back(message: dict, lang: str) -> bool:
    return message["text"].startswith(render("summary", lang, summary="")["text"].split("\n")[0])


# --- a. "change" / "cambiar" at the read-back opens the menu ----------------------------------

@pytest.mark.parametrize("lang,text", [
    ("en", "change"), ("en", "change something"), ("en", "that's wrong"), ("en", "no, that's wrong"),
    ("es", "cambiar"), ("es", "cambiar algo"), ("es", "está mal"), ("es", "no, eso está mal"),
])
@pytest.mark.parametrize("intent", ["correct", "deny", "inform"])
async def test_change_at_the_read_back_opens_the_menu(tracker, domain, lang, text, intent):
    # Whatever the classifier made of it (a "no" would have cancelled the sign-up), nothing is lost.
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), text, intent=intent)
    assert [message["text"] for message in seen] == [render("ask_which_field", lang)["text"]]
    assert [button["title"] for button in seen[0]["buttons"]] == {
        "en": ["Name or number", "Place", "How to reach me", "Quiet hours"],
        "es": ["Nombre o número", "Lugar", "Cómo contactarme", "Horas de silencio"]}[lang]
    assert slots["stage"] == "which_field" and slots["requested_slot"] == "confirm"
    assert {key: slots[key] for key in VINE} == VINE
    # then a field named changes that field alone
    field = {"en": "quiet hours", "es": "las horas"}[lang]
    slots, seen = await turn(tracker, domain, "vine_form", slots, field)
    assert seen == expected(lang, "ask_quiet_hours") and slots["quiet_hours"] is None


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_yes_and_no_at_the_read_back_are_unchanged(tracker, domain, lang):
    yes = {"en": "yes", "es": "sí"}[lang]
    slots, _ = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), yes, intent="affirm")
    assert slots["confirm"] is True
    no = {"en": "no", "es": "no"}[lang]
    _, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), no, intent="deny")
    assert seen == expected(lang, "registration_cancelled")


# --- b. a wrong answer named, with or without its new value -----------------------------------

NEW_NUMBER = {"en": "wait, my number is wrong, it's 202-555-0115",
              "es": "mi número está mal, es el 202 555 0115"}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("intent", ["change_contact", "correct", "inform"])
async def test_a_new_number_at_the_read_back_replaces_the_old_one(tracker, domain, lang, intent):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), NEW_NUMBER[lang],
                             intent=intent)
    assert slots["contact_channel"] == "sms" and slots["contact_address"] == "+12025550115"
    assert len(seen) == 1 and is_read_back(seen[0], lang) and "+12025550115" in seen[0]["text"]
    assert {key: slots[key] for key in VINE if not key.startswith("contact")} == {
        key: value for key, value in VINE.items() if not key.startswith("contact")}
    # the new number is the one that gets the code when the person says yes
    contact, needs_code = contact_of(tracker(slots=slots))
    assert (contact.channel, contact.address, needs_code) == ("sms", "+12025550115", True)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,answers", [("vine_form", VINE), ("vnp_form", VNP), ("vns_form", VNS)])
async def test_a_new_number_at_the_quiet_hours_question_is_kept_and_the_question_asked_again(
        tracker, domain, lang, form, answers):
    # VNS: the contact was this chat; a number typed now means text messages to it.
    slots, seen = await turn(tracker, domain, form, at(lang, answers, "quiet_hours"), NEW_NUMBER[lang],
                             intent="change_contact")
    assert (slots["contact_channel"], slots["contact_address"]) == ("sms", "+12025550115")
    # the new number is said back, so that a wrong digit can be seen at once
    assert seen == expected(lang, ("field_changed_contact", {"contact": "+12025550115"}), "ask_quiet_hours")
    assert slots["requested_slot"] == "quiet_hours" and slots["bad_attempts"] == 0


@pytest.mark.parametrize("lang,text", [
    ("en", "sorry, the number I gave you is wrong, it's 202-555-0115, I mixed up the last digits"),
    ("es", "perdón, el número que le di está mal, es el 202-555-0115, me equivoqué en los últimos"),
])
async def test_the_number_i_gave_you_is_the_contact_not_his_number(tracker, domain, lang, text):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "quiet_hours"), text, intent="correct")
    assert (slots["contact_channel"], slots["contact_address"]) == ("sms", "+12025550115")
    assert slots["offender_ref"] == VINE["offender_ref"]  # his name and number are kept
    assert seen == expected(lang, ("field_changed_contact", {"contact": "+12025550115"}), "ask_quiet_hours")


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_my_number_is_wrong_without_a_number_asks_for_it(tracker, domain, lang):
    text = {"en": "my number is wrong", "es": "mi número está mal"}[lang]
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "quiet_hours"), text,
                             intent="correct")
    assert seen == expected(lang, "ask_contact_address_sms") and slots["contact_address"] is None
    assert slots["offender_ref"] == VINE["offender_ref"]  # "number" here is the person's own, not his
    slots, seen = await turn(tracker, domain, "vine_form", slots, "202-555-0115")
    assert slots["contact_address"] == "+12025550115" and seen == expected(lang, "ask_quiet_hours")


@pytest.mark.parametrize("lang,text,dob", [
    ("en", "the date is wrong, it's 07/25/1991", "1991-07-25"),
    ("es", "la fecha está mal, es 25/07/1991", "1991-07-25"),
    ("en", "wrong birthday, it is March 3, 1985", "1985-03-03"),
    ("es", "la fecha de nacimiento está mal, es el 3 de marzo de 1985", "1985-03-03"),
])
async def test_a_new_date_of_birth_is_kept_and_the_form_resumes(tracker, domain, lang, text, dob):
    slots, seen = await turn(tracker, domain, "vnp_form", at(lang, VNP, "quiet_hours"), text,
                             intent="correct")
    assert slots["offender_dob"] == dob and seen == expected(lang, "field_changed", "ask_quiet_hours")
    slots, seen = await turn(tracker, domain, "vnp_form", at(lang, VNP, "confirm"), text, intent="correct")
    assert slots["offender_dob"] == dob and len(seen) == 1 and is_read_back(seen[0], lang)


@pytest.mark.parametrize("lang,first,second", [("es", "12 de julio de 1990", "7 de diciembre de 1990"),
                                               ("en", "December 7, 1990", "July 12, 1990")])
async def test_a_new_date_that_reads_both_ways_is_asked_once(tracker, domain, lang, first, second):
    text = {"en": "the date of birth is wrong, it's 12/07/1990",
            "es": "la fecha está mal, es 12/07/1990"}[lang]
    slots, seen = await turn(tracker, domain, "vnp_form", at(lang, VNP, "confirm"), text, intent="correct")
    assert slots["requested_slot"] == "offender_dob" and slots["offender_dob"] is None
    assert seen[0]["text"] == render("ask_offender_dob_choice", lang, first=first, second=second)["text"]
    slots, seen = await turn(tracker, domain, "vnp_form", slots, "1990-07-12")
    assert slots["offender_dob"] == "1990-07-12" and len(seen) == 1 and is_read_back(seen[0], lang)


@pytest.mark.parametrize("lang,text", [("en", "change the date"), ("es", "cambiar la fecha"),
                                       ("en", "the date of birth is wrong"), ("es", "la fecha está mal")])
async def test_change_the_date_without_a_date_asks_it_again(tracker, domain, lang, text):
    slots, seen = await turn(tracker, domain, "vnp_form", at(lang, VNP, "confirm"), text, intent="correct")
    assert seen == expected(lang, "ask_offender_dob") and slots["offender_dob"] is None
    assert slots["offender_name"] == "Juan Pérez" and slots["contact_address"] == "+12025550143"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,answers,slot", [("vine_form", VINE, "offender_ref"),
                                               ("vnp_form", VNP, "offender_name")])
async def test_the_name_is_wrong_asks_it_again_and_resumes(tracker, domain, lang, form, answers, slot):
    text = {"en": "the name is wrong", "es": "el nombre está mal"}[lang]
    slots, seen = await turn(tracker, domain, form, at(lang, answers, "quiet_hours"), text, intent="correct")
    assert seen == expected(lang, f"ask_{slot}") and slots[slot] is None
    slots, seen = await turn(tracker, domain, form, slots, "Marcus Allen Price")
    assert seen == expected(lang, "ask_quiet_hours")  # back where the person was
    assert slots["contact_address"] == answers["contact_address"]


@pytest.mark.parametrize("lang,text", [("en", "the name is wrong, it's Marcus Price"),
                                       ("es", "el nombre está mal, es Marcus Price")])
async def test_a_new_name_given_with_the_correction_is_kept(tracker, domain, lang, text):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), text, intent="correct")
    assert slots["offender_ref"]["name"] == "Marcus Price"
    assert len(seen) == 1 and is_read_back(seen[0], lang)
    slots, seen = await turn(tracker, domain, "vnp_form", at(lang, VNP, "quiet_hours"), text,
                             intent="correct")
    assert slots["offender_name"] == "Marcus Price"
    assert seen == expected(lang, "field_changed", "ask_quiet_hours")


@pytest.mark.parametrize("lang,text,quiet", [
    ("en", "change my quiet hours to 9pm-8am", "21:00-08:00"),
    ("es", "cambiar las horas de silencio, de 9 de la noche a 6 de la mañana", "21:00-06:00"),
])
async def test_new_quiet_hours_at_the_read_back(tracker, domain, lang, text, quiet):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), text, intent="correct")
    assert slots["quiet_hours"] == quiet and len(seen) == 1 and is_read_back(seen[0], lang)


@pytest.mark.parametrize("lang,text", [("en", "the state is wrong, it's Kansas"),
                                       ("es", "el estado está mal, es Kansas")])
async def test_a_new_state_at_the_read_back_asks_the_facility_again(tracker, domain, lang, text):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), text, intent="correct")
    assert slots["state"] == "KS" and slots["facility"] is None
    assert seen == [render("ask_facility", lang)]


@pytest.mark.parametrize("lang,text", [("en", "the name is Ramiro Castillo"),
                                       ("es", "el nombre es Ramiro Castillo"),
                                       ("en", "9pm to 7am"), ("es", "de 10 de la noche a 7 de la mañana")])
async def test_an_answer_is_still_an_answer(tracker, domain, lang, text):
    slots, _ = await turn(tracker, domain, "vine_form", at(lang, VINE, "quiet_hours"), text, intent="correct")
    assert slots["offender_ref"] == VINE["offender_ref"]


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_the_correction_is_read_once_as_rasa_calls_the_validation(domain, lang):
    # Rasa shows the validation a tracker whose latest action is the form itself: the message is new.
    slots = {**at(lang, VINE, "quiet_hours"), "language": lang}
    built = make_tracker(domain, text=NEW_NUMBER[lang], intent="change_contact", slots=slots,
                         active_loop="vine_form")
    built.events.append({"event": "action", "name": "vine_form", "timestamp": None})
    events, dispatcher = await run(ValidateVineForm(), built, domain)
    assert SlotSet("contact_address", "+12025550115") in events
    # After another action (a rule's action_correct_field), the same message is not read again.
    built.events.insert(-1, {"event": "action", "name": "action_correct_field", "timestamp": None})
    events, dispatcher = await run(ValidateVineForm(), built, domain)
    assert SlotSet("contact_address", "+12025550115") not in events and dispatcher.messages == []


# --- c. every field collected is in the menu: the date of birth in the VINE and VNS forms -----

@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,answers,place", [("vine_form", VINE, ("Place", "Lugar")),
                                                ("vns_form", VNS, ("Place", "Lugar"))])
async def test_a_date_of_birth_given_with_the_name_is_in_the_menu_and_changed_alone(
        tracker, domain, lang, form, answers, place):
    answers = {**answers, "offender_dob": "1990-07-25"}
    slots, seen = await turn(tracker, domain, form, at(lang, answers, "confirm"),
                             {"en": "change something", "es": "cambiar algo"}[lang], intent="correct")
    titles = [button["title"] for button in seen[0]["buttons"]]
    assert titles[:3] == [{"en": "Name or number", "es": "Nombre o número"}[lang], place[lang == "es"],
                          {"en": "Date of birth", "es": "Fecha de nacimiento"}[lang]]
    # choosing it asks the date, never throws the sign-up away (bad_attempts was high)
    slots["bad_attempts"] = 2
    slots, seen = await turn(tracker, domain, form, slots,
                             {"en": "the date of birth", "es": "la fecha de nacimiento"}[lang])
    assert seen == expected(lang, "ask_offender_dob") and slots["requested_slot"] == "offender_dob"
    assert slots["offender_dob"] is None and slots["registering"] == answers["registering"]
    # a question there keeps the date being asked
    slots, seen = await turn(tracker, domain, form, slots, {"en": "yesterday", "es": "ayer"}[lang])
    assert slots["requested_slot"] == "offender_dob"
    slots, seen = await turn(tracker, domain, form, slots, {"en": "07/26/1990", "es": "26/07/1990"}[lang])
    assert slots["offender_dob"] == "1990-07-26" and len(seen) == 1 and is_read_back(seen[0], lang)
    assert {"en": "July 26, 1990", "es": "26 de julio de 1990"}[lang] in seen[0]["text"]
    assert {key: slots[key] for key in answers if key != "offender_dob"} == {
        key: value for key, value in answers.items() if key != "offender_dob"}


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_the_date_of_birth_button_in_the_vine_form(tracker, domain, lang):
    slots = at(lang, {**VINE, "offender_dob": "1990-07-25"}, "confirm", stage="which_field")
    slots, seen = await turn(tracker, domain, "vine_form", slots, '/correct{"field": "dob"}',
                             intent="correct", entities=[{"entity": "field", "value": "dob"}])
    assert seen == expected(lang, "ask_offender_dob") and slots["requested_slot"] == "offender_dob"


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_the_correction_action_menu_offers_a_kept_date_of_birth(tracker, domain, lang):
    built = tracker(text="/correct", intent="correct", active_loop="vine_form",
                    slots={**VINE, "offender_dob": "1990-07-25", "language": lang,
                           "requested_slot": "confirm"})
    _, dispatcher = await run(ActionCorrectField(), built, domain)
    [message] = sent(dispatcher)
    assert '/correct{"field": "dob"}' in [button["payload"] for button in message["buttons"]]


# --- d. two states named: which one? ---------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("text,names,pick,code", [
    ("Kansas and Missouri", {"en": "Kansas or Missouri", "es": "Kansas o Misuri"}, "Missouri", "MO"),
    ("en Texas o en Oklahoma", {"en": "Texas or Oklahoma", "es": "Texas o Oklahoma"}, "Oklahoma", "OK"),
])
async def test_two_states_at_the_state_question_are_asked_about(tracker, domain, lang, text, names, pick,
                                                                code):
    slots = at(lang, VINE, "state", facility=None, contact_channel=None, contact_address=None,
               quiet_hours=None)
    slots, seen = await turn(tracker, domain, "vine_form", slots, text)
    assert slots["state"] is None and slots["bad_attempts"] == 0
    question = render("ask_state_which", lang, states=names[lang])["text"]
    assert [message["text"] for message in seen] == [question]
    assert len(seen[0]["buttons"]) == 2
    slots, seen = await turn(tracker, domain, "vine_form", slots, pick)
    assert slots["state"] == code and seen == expected(lang, "ask_facility")


@pytest.mark.parametrize("lang,answer", [("en", "the second one"), ("es", "el segundo"),
                                         ("es", "la segunda")])
async def test_the_state_chosen_by_its_place(tracker, domain, lang, answer):
    earlier = [{"event": "user", "text": "Kansas and Missouri", "parse_data": {}, "timestamp": None},
               {"event": "bot", "text": "?", "timestamp": None}]
    slots = at(lang, VINE, "state", facility=None, contact_channel=None, contact_address=None,
               quiet_hours=None)
    built = tracker(text=answer, intent="inform", slots=slots, active_loop="vine_form", events=earlier)
    events, _ = await run(ValidateVineForm(), built, domain)
    assert SlotSet("state", "MO") in events
    # and the question again, after an answer that names neither, offers the two states
    built = tracker(text="what?", intent="inform", slots=slots, active_loop="vine_form", events=earlier)
    _, dispatcher = await run(ASK_ACTIONS["state"](), built, domain)
    assert [button["payload"] for button in sent(dispatcher)[0]["buttons"]] == (
        ["Kansas", "Missouri"] if lang == "en" else ["Kansas", "Misuri"])


@pytest.mark.parametrize("lang,text", [("en", "he's locked up in Kansas and Missouri"),
                                       ("es", "está preso en Texas o en Oklahoma")])
async def test_two_states_in_triage_keep_neither(tracker, domain, lang, text):
    last = "MO" if "Missouri" in text else "OK"
    built = tracker(text=text, intent="inform", entities=[ent("custody", "state"), ent("us_state", last)],
                    slots={"language": lang, "state": "TX"})
    events, _ = await run(ValidateSlotMappings(), built, domain)
    assert SlotSet("state", None) in events and SlotSet("state", last) not in events


async def test_a_move_between_states_still_keeps_the_last(tracker, domain):
    built = tracker(text="he was in Kansas but now he is in Missouri", intent="inform",
                    entities=[ent("us_state", "KS"), ent("us_state", "MO")], slots={"state": "KS"})
    events, _ = await run(ValidateSlotMappings(), built, domain)
    assert SlotSet("state", "MO") in events


@pytest.mark.parametrize("text,field,near", [
    ("wait, my number is wrong, it's 202-555-0115", "contact", True),
    ("mi número está mal, es el 202 555 0115", "contact", True),
    ("change the date", "dob", True),
    ("la fecha está mal, es 12/07/1990", "dob", True),
    ("el nombre está mal", "offender", True),
    ("I don't know the name of the jail he was moved to, sorry, my mistake", "offender", False),
    ("no sé el nombre de la cárcel donde lo tienen ahora, perdón, fue mi error", "offender", False),
])
def test_away_from_the_read_back_the_change_word_must_be_near_the_field(text, field, near):
    from actions.forms.corrections import change_near_field

    assert change_near_field(text, field) is near


@pytest.mark.parametrize("lang,text", [
    ("en", "Her number may change — she uses prepaid. Can she update it later?"),
    ("es", "Su número puede cambiar, usa prepago. ¿Lo puede cambiar después?"),
])
async def test_asking_whether_a_number_can_change_later_changes_nothing(tracker, domain, lang, text):
    # at the phone question this cleared the offender's number ("number" + "change"), and the name was asked again
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "contact_address"), text, intent="ask_faq")
    assert slots["offender_ref"] == VINE["offender_ref"]
    assert expected(lang, "faq_change_later")[0] in seen


# --- e. a new e-mail address at the read-back, and the same correction said again ------------------

NEW_EMAIL = {"en": "wait no the email is yari.s.student@example.org not .com sorry",
             "es": "no espere, el correo es yari.s.student@example.org, no .com, perdón"}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("intent", ["inform", "deny", "correct", "nlu_fallback"])
async def test_a_new_email_at_the_read_back_replaces_it_and_the_same_words_again_are_answered_plainly(
        tracker, domain, lang, intent):
    held = {**VINE, "contact_channel": "email", "contact_address": "yari.s.student@example.com"}
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, held, "confirm"), NEW_EMAIL[lang], intent=intent)
    assert (slots["contact_channel"], slots["contact_address"]) == ("email", "yari.s.student@example.org")
    assert len(seen) == 1 and is_read_back(seen[0], lang) and "yari.s.student@example.org" in seen[0]["text"]
    # the new address gets the code
    contact, needs_code = contact_of(tracker(slots=slots))
    assert (contact.address, needs_code) == ("yari.s.student@example.org", True)
    # the same words again: it is changed already, said plainly with the choices (not the read-back again)
    earlier = [{"event": "user", "text": NEW_EMAIL[lang], "parse_data": {}, "timestamp": None},
               {"event": "bot", "text": "…", "timestamp": None}]
    built = tracker(text=NEW_EMAIL[lang], intent=intent, slots=slots, active_loop="vine_form", events=earlier)
    events, dispatcher = await run(ValidateVineForm(), built, domain)
    again = apply(slots, events)
    assert sent(dispatcher) == expected(lang, ("confirm_contact_kept", {"contact": "yari.s.student@example.org"}))
    assert again["contact_address"] == "yari.s.student@example.org" and again["requested_slot"] == "confirm"
    assert again["confirm"] is None  # a correction is not a yes
    _, question = await run(ActionAskConfirm(), tracker(text=NEW_EMAIL[lang], slots=again, active_loop="vine_form"),
                            domain)
    assert question.messages == []  # the choices are on screen; no second read-back
