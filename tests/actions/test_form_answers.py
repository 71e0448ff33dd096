"""validate_<form>: good answers fill the slot, bad ones re-ask with an example, three bad ones stop
the form, and interrupting intents make the form step aside."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.common import INTERRUPTING_INTENTS
from actions.forms.registration import ValidateContactForm, ValidateVineForm, ValidateVnpForm, ValidateVnsForm
from tests.actions.support import apply, expected, run, sent, slot_sets

FORMS = {form.form_name: form for form in (ValidateVineForm(), ValidateVnsForm(), ValidateVnpForm(), ValidateContactForm())}


async def answer(tracker, domain, form, slot, text, lang="en", intent="inform", entities=(), slots=None, channel="rest"):
    state = {"language": lang, "requested_slot": slot, **(slots or {})}
    built = tracker(text=text, intent=intent, entities=entities, slots=state, active_loop=form, channel=channel)
    return await run(FORMS[form], built, domain)


def test_every_form_has_a_validation_action(domain):
    assert set(domain["forms"]) == set(FORMS) | {"verify_form"}
    for name, form in FORMS.items():
        assert form.name() == f"validate_{name}"
        # Each form parses exactly the slots it asks for, and the VINE and VNS forms a date of birth kept
        # from the answer about the person (asked only when the person changes it).
        extra = {"offender_dob"} if name in ("vine_form", "vns_form") else set()
        assert set(form.parsers()) == set(domain["forms"][name]["required_slots"]) | extra


GOOD = [
    # form, slot, (English answer, Spanish answer), value (or (English value, Spanish value)), extra slots
    ("vine_form", "offender_ref", ("John Smith", "Juan Pérez"),
     ({"name": "John Smith", "number": None}, {"name": "Juan Pérez", "number": None}), {}),
    ("vine_form", "offender_ref", ("booking number A123456", "el número de preso es A123456"),
     {"name": None, "number": "A123456"}, {}),
    ("vine_form", "state", ("Texas", "Tejas"), "TX", {}),
    ("vine_form", "facility", ("not sure", "no sé"), "unknown", {}),
    ("vine_form", "quiet_hours", ("10pm-7am", "de 10pm a 7am"), "22:00-07:00", {}),
    ("vine_form", "quiet_hours", ("no", "ninguna"), "none", {}),
    ("vns_form", "offender_ref", ("A123456", "A123456"), {"name": None, "number": "A123456"}, {}),
    ("vns_form", "federal_district", ("Southern District of Texas", "distrito sur de texas"), "Southern District of Texas", {}),
    ("vns_form", "federal_district", ("not sure", "no sé"), "unknown", {}),
    ("vnp_form", "offender_name", ("john smith", "juan pérez"), ("John Smith", "Juan Pérez"), {}),  # capitalised
    ("vnp_form", "offender_dob", ("03/14/1985", "14 de marzo de 1985"), "1985-03-14", {}),
    ("vnp_form", "offender_dob", ("not sure", "no sé"), "unknown", {}),
    ("vnp_form", "offender_country", ("Mexico", "México"), "MX", {}),
    ("vnp_form", "offender_country", ("he was born in Guatemala", "nació en Guatemala"), "GT", {}),
    ("vnp_form", "offender_country", ("not sure", "no sé"), "unknown", {}),
    ("vnp_form", "contact_address", ("(202) 555-0143", "mi número es 202 555 0143"), "+12025550143", {"contact_channel": "sms"}),
    ("contact_form", "contact_address", ("it's maria@Example.COM", "es maria@example.com"), "maria@example.com",
     {"contact_channel": "email"}),
    ("vns_form", "confirm", ("yes", "sí"), True, {}),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,slot,texts,value,slots", GOOD, ids=[f"{g[0]}-{g[1]}-{g[2][0]}" for g in GOOD])
async def test_good_answer_fills_the_slot_and_resets_strikes(tracker, domain, lang, form, slot, texts, value, slots):
    text = texts[0] if lang == "en" else texts[1]
    if isinstance(value, tuple):
        value = value[0] if lang == "en" else value[1]
    events, dispatcher = await answer(tracker, domain, form, slot, text, lang, slots={"bad_attempts": 2, **slots})
    assert events == [SlotSet(slot, value), SlotSet("bad_attempts", 0)]
    assert dispatcher.messages == []


@pytest.mark.parametrize("text", ["Harris County Jail", "Cárcel del Condado de Harris"])
async def test_facility_name_is_kept_as_written(tracker, domain, text):
    events, _ = await answer(tracker, domain, "vine_form", "facility", f"  {text} ")
    assert events == slot_sets(facility=text, bad_attempts=0)


@pytest.mark.parametrize("text", ["número de reserva A123456", "número de recluso A123456"])
async def test_spanish_number_labels_are_not_a_name(tracker, domain, text):
    events, _ = await answer(tracker, domain, "vine_form", "offender_ref", text, "es")
    assert events == slot_sets(offender_ref={"name": None, "number": "A123456"}, bad_attempts=0)


async def test_state_from_the_entity_first(tracker, domain):
    # The NLU found the state; the form uses it rather than matching the text again.
    events, _ = await answer(tracker, domain, "vine_form", "state", "Nueva York", "es",
                             entities=[{"entity": "us_state", "value": "NY"}])
    assert events == slot_sets(state="NY", bad_attempts=0)


@pytest.mark.parametrize("text,lang,state", [
    ("GA", "es", "GA"), ("GA", "en", "GA"), ("tx", "es", "TX"), ("N.C.", "en", "NC"),
])
async def test_a_state_code_alone_answers_which_state(tracker, domain, text, lang, state):
    events, _ = await answer(tracker, domain, "vine_form", "state", text, lang)
    assert events == slot_sets(state=state, bad_attempts=0)


BAD = [
    # form, slot, (English answer, Spanish answer), message key, extra slots
    ("vine_form", "offender_ref", ("!!!", "¡¡!!"), "invalid_offender_ref", {}),  # "???" is not understanding
    ("vine_form", "state", ("blue", "azul"), "invalid_state", {}),
    ("vine_form", "facility", ("!!!", "¡¡!!"), "invalid_facility", {}),
    # federal district: a second unclear answer takes "not sure" instead (test_form_field_answers.py)
    ("vnp_form", "offender_name", ("12345", "12345"), "invalid_offender_name", {}),
    ("vnp_form", "offender_dob", ("yesterday", "ayer"), "invalid_offender_dob", {}),
    ("vnp_form", "offender_country", ("Atlantis", "Atlántida"), "invalid_offender_country", {}),
    # the web chat's own wording: Telegram cannot be chosen from the web (by SMS: tests/e2e/test_sms.py)
    ("vine_form", "contact_channel", ("carrier pigeon", "paloma mensajera"), "invalid_contact_channel_web",
     {}),
    ("vine_form", "contact_address", ("12", "12"), "invalid_contact_address_sms", {"contact_channel": "sms"}),
    ("contact_form", "contact_address", ("maria at example", "maria arroba ejemplo"), "invalid_contact_address_email",
     {"contact_channel": "email"}),
    # quiet hours: a third unreadable answer takes "no quiet hours" instead (test_form_natural_answers.py)
    # the read-back: from the second unclear answer it is asked plainly, never ended (test_form_yes_no.py)
]
BAD_IDS = [f"{b[0]}-{b[1]}" for b in BAD]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,slot,texts,key,slots", BAD, ids=BAD_IDS)
async def test_bad_answer_reasks_with_an_example(tracker, domain, lang, form, slot, texts, key, slots):
    text = texts[0] if lang == "en" else texts[1]
    events, dispatcher = await answer(tracker, domain, form, slot, text, lang, slots={"bad_attempts": 1, **slots})
    assert sent(dispatcher) == expected(lang, key)
    # Setting the requested slot back to None makes the form ask the question again.
    assert events == [SlotSet(slot, None), SlotSet("bad_attempts", 2)]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,slot,texts,key,slots", BAD, ids=BAD_IDS)
async def test_third_bad_answer_stops_the_form(tracker, domain, lang, form, slot, texts, key, slots):
    from actions.forms.base import SKIPPABLE

    text = texts[0] if lang == "en" else texts[1]
    events, dispatcher = await answer(tracker, domain, form, slot, text, lang, slots={"bad_attempts": 2, **slots})
    if slot in SKIPPABLE:
        # a question the person may leave unanswered is left out; the sign-up goes on with what was given
        assert sent(dispatcher) == expected(lang, "field_skipped")
        assert SlotSet(slot, "unknown") in events and SlotSet("bad_attempts", 0) in events
        return
    assert sent(dispatcher) == expected(lang, "too_many_attempts")
    assert events == slot_sets(bad_attempts=0, requested_slot=None)


@pytest.mark.parametrize("lang,texts", [("en", ["blue", "the big one", "nowhere"]), ("es", ["azul", "el grande", "ninguno"])])
async def test_three_bad_answers_in_a_row(tracker, domain, lang, texts):
    slots = {"bad_attempts": 0}
    replies = []
    for text in texts:
        events, dispatcher = await answer(tracker, domain, "vine_form", "state", text, lang, slots=slots)
        slots = apply(slots, events)
        replies += sent(dispatcher)
    assert replies == expected(lang, "invalid_state", "invalid_state", "too_many_attempts")
    assert slots["requested_slot"] is None and slots["bad_attempts"] == 0


async def test_strikes_count_from_zero(tracker, domain):
    events, _ = await answer(tracker, domain, "vine_form", "state", "blue", slots={"bad_attempts": None})
    assert events == slot_sets(state=None, bad_attempts=1)


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("intent", sorted(INTERRUPTING_INTENTS))
async def test_form_steps_aside_for_interrupting_intents(tracker, domain, form, intent):
    # The text would be a valid (or a bad) answer; the form must not take it or count a strike.
    slot = "contact_channel"
    # a correction must say so in words (or come from the "Change something" button)
    texts = ("change it", "cambiar el teléfono", "/correct") if intent == "correct" else ("sms", "cancel", "¡ayuda!")
    for text in texts:
        events, dispatcher = await answer(tracker, domain, form, slot, text, intent=intent, slots={"bad_attempts": 2})
        assert events == [] and dispatcher.messages == []


@pytest.mark.parametrize("lang,text", [("en", "the name is Ramiro Castillo"), ("es", "el nombre es Ramiro Castillo")])
async def test_an_answer_classified_as_a_correction_is_still_an_answer(tracker, domain, lang, text):
    # the classifier once gave this answer to the name question the intent "correct" (0.63)
    events, _ = await answer(tracker, domain, "vine_form", "offender_ref", text, lang, intent="correct")
    assert events[0]["name"] == "offender_ref" and events[0]["value"]["name"] == "Ramiro Castillo"


@pytest.mark.parametrize("form", ["vine_form", "vns_form", "vnp_form"])
@pytest.mark.parametrize("text", ["change my phone number", "cámbieme el número de teléfono"])
async def test_change_contact_in_a_sign_up_steps_aside_for_the_correction(tracker, domain, form, text):
    events, _ = await answer(tracker, domain, form, "confirm", text, intent="change_contact")
    assert events == []


@pytest.mark.parametrize("lang,text", [("en", "cancel"), ("es", "cancelar")])
async def test_cancel_is_not_taken_as_a_name(tracker, domain, lang, text):
    events, _ = await answer(tracker, domain, "vine_form", "offender_ref", text, lang, intent="cancel")
    assert events == []


@pytest.mark.parametrize("requested", [None, "verification_code", "not_a_slot"])
async def test_nothing_to_validate(tracker, domain, requested):
    events, dispatcher = await answer(tracker, domain, "vine_form", requested, "John Smith")
    assert events == [] and dispatcher.messages == []
