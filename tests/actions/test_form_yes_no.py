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
