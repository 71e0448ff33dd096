"""The read-back's yes in everyday words, and an unclear answer there never throws the sign-up away
(issue 9), in English and Spanish. Turns run as in test_form_corrections: the validation, then the
question."""

from __future__ import annotations

import pytest

from bot.messages import render
from tests.actions.support import expected
from tests.actions.test_form_corrections import VINE, VNP, VNS, at, is_read_back, turn

YES = [
    ("es", "Todo correcto, muchas gracias."), ("es", "Confirmado"), ("es", "ta bien"), ("es", "Está bien"),
    ("es", "Sí, ahora sí, con el número bueno que termina en 0162"), ("es", "así es"), ("es", "perfecto"),
    ("es", "dale"), ("es", "sí, todo bien, gracias"),
    ("en", "yes correct"), ("en", "looks good"), ("en", "that's right"), ("en", "all good"),
    ("en", "Yes, that's all correct, thank you so much"), ("en", "perfect"), ("en", "sounds good"),
    # texted "k"; a yes given for the person being helped (an advocate reading the details to her)
    ("en", "k"), ("es", "k"), ("en", "I read it all to her and she says yes"), ("es", "Le leí todo y dice que está bien."),
]


@pytest.mark.parametrize("lang,text", YES)
@pytest.mark.parametrize("intent", ["inform", "affirm", "thank", "nlu_fallback"])
async def test_everyday_yes_at_the_read_back(tracker, domain, lang, text, intent):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), text, intent=intent)
    assert slots["confirm"] is True and seen == []
    assert {key: slots[key] for key in VINE} == VINE


UNCLEAR = {"en": ["hmm", "maybe", "perhaps later", "the sky is blue"],
           "es": ["mmm", "quizás", "a lo mejor", "el cielo es azul"]}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,answers", [("vine_form", VINE), ("vns_form", VNS), ("vnp_form", VNP)])
async def test_unclear_answers_never_end_the_read_back(tracker, domain, lang, form, answers):
    answers = {**answers, "registering": form.split("_")[0]}
    slots = at(lang, answers, "confirm")
    seen_all = []
    for text in UNCLEAR[lang]:
        slots, seen = await turn(tracker, domain, form, slots, text, intent="nlu_fallback")
        seen_all.append(seen)
        assert slots["requested_slot"] == "confirm" and slots["confirm"] is None
        assert {key: slots[key] for key in answers} == answers  # nothing thrown away
    first, second, third, fourth = seen_all
    assert first[0] == render("invalid_confirm", lang) and is_read_back(first[1], lang)
    # the second: a plain yes or no, with buttons (numbered choices on SMS), not the whole read-back again
    assert second == expected(lang, "confirm_yes_or_no")
    assert [b["payload"] for b in second[0]["buttons"]] == ["/affirm", "/deny", "/correct"]
    assert third == expected(lang, "invalid_confirm") and fourth == expected(lang, "confirm_yes_or_no")
    # a clear yes then signs up; a clear no ends it
    yes, _ = await turn(tracker, domain, form, slots, {"en": "yes", "es": "sí"}[lang], intent="affirm")
    assert yes["confirm"] is True
    _, seen = await turn(tracker, domain, form, slots, "no", intent="deny")
    assert seen == expected(lang, "registration_cancelled")


@pytest.mark.parametrize("lang,text", [("en", "/deny"), ("es", "/deny"), ("en", "no thanks"),
                                       ("es", "no gracias")])
async def test_a_clear_no_after_the_plain_question_cancels(tracker, domain, lang, text):
    slots = at(lang, VINE, "confirm", bad_attempts=2)
    _, seen = await turn(tracker, domain, "vine_form", slots, text, intent="deny")
    assert seen == expected(lang, "registration_cancelled")


@pytest.mark.parametrize("lang,text", [("en", "no, the quiet hours are wrong"),
                                       ("es", "no, las horas están mal"), ("en", "change"), ("es", "cambiar")])
async def test_corrections_at_the_read_back_keep_their_meaning(tracker, domain, lang, text):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), text, intent="deny")
    assert slots["requested_slot"] is not None  # not cancelled
    assert render("registration_cancelled", lang) not in seen
    assert slots["contact_address"] == VINE["contact_address"]


# The benchmark's yeses at the read-back (faq9), whatever the classifier made of them; "ya" is a yes only
# in English ("already" in Spanish).
BENCHMARK_YES = [
    ("en", "ye"), ("en", "yeh"), ("en", "yah"), ("en", "ya"), ("en", "thats it"), ("en", "that's it"),
    ("en", "yes thats it"), ("en", "i guess"), ("en", "i guess so"), ("en", "Yes, everything good"),
    ("en", "looks right"), ("en", "sounds right"), ("en", "all correct"), ("en", "go ahead"), ("en", "do it"),
    ("es", "simon"), ("es", "sip"), ("es", "aja"), ("es", "sale"), ("es", "va"), ("es", "oki"),
    ("es", "asi mero"), ("es", "si todo bien"), ("es", "esta correcto"), ("es", "supongo que si"),
    ("es", "creo que si"),
]


@pytest.mark.parametrize("lang,text", BENCHMARK_YES)
@pytest.mark.parametrize("intent", ["inform", "nlu_fallback"])
async def test_the_benchmarks_yes_at_the_read_back(tracker, domain, lang, text, intent):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), text, intent=intent)
    assert slots["confirm"] is True and seen == []


async def test_ya_alone_is_not_a_yes_in_spanish(tracker, domain):
    slots, _ = await turn(tracker, domain, "vine_form", at("es", VINE, "confirm"), "ya",
                          intent="nlu_fallback")
    assert slots["confirm"] is None and slots["requested_slot"] == "confirm"


# Quiet hours answered by saying the hour makes no difference (faq9): no quiet hours, then the read-back.
@pytest.mark.parametrize("lang,text", [
    ("en", "I do not read e-mail at night, so it makes no difference"), ("en", "Not applicable for email"),
    ("en", "dont care"), ("en", "doesn't matter"),
    ("es", "da igual"), ("es", "me da igual"), ("es", "no importa"), ("es", "cuando sea"),
    ("es", "ni modo, a cualquier hora"),
])
@pytest.mark.parametrize("intent", ["inform", "nlu_fallback"])
async def test_quiet_hours_that_make_no_difference(tracker, domain, lang, text, intent):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "quiet_hours"), text, intent=intent)
    assert slots["quiet_hours"] == "none"
    assert slots["requested_slot"] == "confirm" and is_read_back(seen[-1], lang)


# --- a yes that restates a detail; more ways of saying yes; the same words over and over ---------------

HELD = {**VINE, "offender_ref": {"name": "Gerardo Ochoa Villaseñor", "number": "1098342"}}


@pytest.mark.parametrize("lang,text", [
    ("en", "The number is 1098342, yes. All good"), ("en", "the last name has the ñ, Villaseñor. otherwise yes"),
    ("en", "villasenor with the n, everything else is fine"), ("en", "Ochoa is right. that's right"),
    ("es", "el número es 1098342, sí. todo bien"), ("es", "el apellido lleva ñ, Villaseñor. lo demás está bien"),
    ("es", "Gerardo, sí"), ("es", "el apellido es Villasenor, por lo demás todo bien"),
])
@pytest.mark.parametrize("intent", ["inform", "affirm", "nlu_fallback"])
async def test_a_yes_that_restates_what_is_held_is_a_yes(tracker, domain, lang, text, intent):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, HELD, "confirm"), text, intent=intent)
    assert slots["confirm"] is True and seen == []
    assert slots["offender_ref"] == HELD["offender_ref"]


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_a_name_part_restated_with_its_accent_keeps_that_spelling(tracker, domain, lang):
    held = {**HELD, "offender_ref": {"name": "Gerardo Ochoa Villasenor", "number": "1098342"}}
    text = {"en": "the last name has the ñ, Villaseñor. otherwise yes",
            "es": "el apellido lleva ñ, Villaseñor. lo demás está bien"}[lang]
    slots, _ = await turn(tracker, domain, "vine_form", at(lang, held, "confirm"), text)
    assert slots["confirm"] is True
    assert slots["offender_ref"] == {"name": "Gerardo Ochoa Villaseñor", "number": "1098342"}


@pytest.mark.parametrize("lang,text", [("en", "The number is 1098343, yes. All good"),
                                       ("es", "el número es el 1098343, lo demás está bien")])
async def test_a_yes_with_another_number_corrects_the_number(tracker, domain, lang, text):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, HELD, "confirm"), text)
    assert slots["confirm"] is None and slots["requested_slot"] == "confirm"
    assert slots["offender_ref"] == {"name": "Gerardo Ochoa Villaseñor", "number": "1098343"}
    assert len(seen) == 1 and is_read_back(seen[0], lang) and "1098343" in seen[0]["text"]


@pytest.mark.parametrize("lang,text", [("en", "the last name is Villalobos, otherwise yes"),
                                       ("es", "el apellido es Villalobos, lo demás está bien")])
async def test_a_yes_with_another_name_asks_the_name_again(tracker, domain, lang, text):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, HELD, "confirm"), text)
    assert slots["confirm"] is None and slots["offender_ref"] is None
    assert seen == expected(lang, "ask_offender_ref")
    assert slots["contact_address"] == HELD["contact_address"]  # the rest is kept


@pytest.mark.parametrize("lang,text", [
    ("en", "The name and number are right, yes. Thanks"), ("en", "Name is correct, yes. Thank You"),
    ("en", "His birthday 03-15-1983 is right, yes"), ("en", "quiet hours 22-07 are fine, yes"),
    ("es", "el nombre esta bien, si. Muchas Gracias"), ("es", "las horas 22-07 estan bien, si"),
])
async def test_thanks_or_a_date_beside_the_yes_change_nothing(tracker, domain, lang, text):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, HELD, "confirm"), text)
    assert slots["confirm"] is True and seen == []
    assert slots["offender_ref"] == HELD["offender_ref"]


MORE_YES = [("en", "Affirmative"), ("en", "roger"), ("en", "roger that"), ("en", "10-4"), ("en", "copy that"),
            ("en", "yes sir"), ("en", "yes ma'am"), ("en", "by all means"), ("en", "please do"),
            ("en", "absolutely"), ("en", "Affirmative, go ahead"),
            ("es", "afirmativo"), ("es", "sale"), ("es", "va"), ("es", "dale"), ("es", "órale"), ("es", "simón"),
            ("es", "claro que sí"), ("es", "ándale"), ("es", "está bien"), ("es", "esta bn"), ("es", "ta bien"),
            ("es", "Afirmativo, adelante")]


@pytest.mark.parametrize("lang,text", MORE_YES)
@pytest.mark.parametrize("intent", ["inform", "nlu_fallback"])
async def test_more_ways_of_saying_yes_at_the_read_back(tracker, domain, lang, text, intent):
    slots, seen = await turn(tracker, domain, "vine_form", at(lang, VINE, "confirm"), text, intent=intent)
    assert slots["confirm"] is True and seen == []


def _said_before(text, times):
    """Earlier turns in which the person wrote `text`, each answered."""
    events = []
    for _ in range(times):
        events += [{"event": "action", "name": "action_listen", "timestamp": None},
                   {"event": "user", "text": text, "parse_data": {}, "timestamp": None},
                   {"event": "bot", "text": "…", "timestamp": None}]
    return events


async def repeated(domain, form, slots, text, times):
    """The validation's reply to `text` written for the `times`-th time in a row, and the slots after it."""
    from actions.forms.registration import ValidateVineForm
    from tests.actions.support import apply, make_tracker, run, sent

    built = make_tracker(domain, text=text, intent="nlu_fallback", slots=slots, active_loop=form,
                         events=_said_before(text, times - 1))
    events, dispatcher = await run(ValidateVineForm(), built, domain)
    return apply(slots, events), sent(dispatcher)


@pytest.mark.parametrize("lang,text", [("en", "the sky is blue"), ("es", "el cielo es azul")])
async def test_the_same_words_a_third_time_at_the_read_back_change_the_reply(tracker, domain, lang, text):
    slots, replies = at(lang, VINE, "confirm"), []
    for times in range(1, 7):
        slots, seen = await repeated(domain, "vine_form", slots, text, times)
        replies.append(seen[0]["text"])
        assert slots["requested_slot"] == "confirm" and slots["confirm"] is None  # never thrown away
    assert replies[2] == render("confirm_stuck", lang)["text"]
    assert replies[3] == render("confirm_stuck_person", lang)["text"]
    assert all(replies.count(reply) <= 2 for reply in replies)
    # the choices are offered as buttons, and a person
    assert "/human_handoff" in [b["payload"] for b in render("confirm_stuck_person", lang)["buttons"]]
    # a yes then still signs up
    yes, _ = await turn(tracker, domain, "vine_form", slots, {"en": "yes", "es": "sí"}[lang], intent="affirm")
    assert yes["confirm"] is True
