"""Plain yes and no heard at the sign-up offer and at the read-back, with the running assistant (issue 9),
in English and Spanish: whatever the classifier made of the words, the offer is never made twice in a row
and the read-back never throws the answers away."""

from __future__ import annotations

import pytest

from bot.messages import render
from tests.e2e.test_conversations import EN, ES, REGISTRATION, said

OPENING = {EN: "my ex is in the county jail in houston texas",
           ES: "mi ex está en la cárcel del condado en houston texas"}

YES_AT_THE_OFFER = [
    (ES, "Sí por favor, quiero que me avisen"),
    (ES, "si pero ahorita estoy asustada, si quiero q me avisen"),
    (ES, "si, quiero saber cuando tenga corte y si lo vuelven a arrestar"),
    (ES, "Sí, regístrela a ella, yo le leo los correos"),
    (ES, "Sí, por favor, a nombre de ella"),
    (EN, "yes i need to know next time"),
    (EN, "Yes, we would appreciate that."),
]


@pytest.mark.parametrize("lang,answer", YES_AT_THE_OFFER)
def test_yes_in_words_at_the_offer_starts_the_sign_up(assistant, sender, lang, answer):
    assert said(assistant.texts(sender, OPENING[lang]), "offer_register", lang)
    replies = assistant.texts(sender, answer)
    assert said(replies, "registration_intro", lang), replies
    assert render("ask_offender_ref", lang)["text"] in replies
    assert not said(replies, "offer_register", lang)
    assert assistant.slots(sender)["requested_slot"] == "offender_ref"


@pytest.mark.parametrize("lang,answer", [
    (ES, "No gracias, ya me llegan las cartas por correo, con eso estoy bien"),
    (EN, "no thanks, I already get letters from the jail")])
def test_no_in_words_at_the_offer_is_not_now(assistant, sender, lang, answer):
    assistant.texts(sender, OPENING[lang])
    replies = assistant.texts(sender, answer)
    assert said(replies, "not_now", lang) and not said(replies, "offer_register", lang), replies


@pytest.mark.parametrize("lang,unclear", [(EN, ["hmm", "maybe, let me think"]),
                                          (ES, ["mmm", "a lo mejor, déjeme ver"])])
def test_the_offer_is_not_repeated_and_left_open(assistant, sender, lang, unclear):
    assistant.texts(sender, OPENING[lang])
    first = assistant.texts(sender, unclear[0])
    second = assistant.texts(sender, unclear[1])
    assert not said(first, "offer_register", lang) and not said(second, "offer_register", lang)
    assert said(first + second, "offer_yes_no", lang), (first, second)


@pytest.mark.parametrize("lang,yes", [(ES, "Todo correcto, muchas gracias."), (ES, "Confirmado"),
                                      (ES, "ta bien"), (EN, "looks good"), (EN, "yes correct")])
def test_everyday_yes_at_the_read_back_signs_up(assistant, sender, lang, yes):
    for message in REGISTRATION[lang]:
        replies = assistant.texts(sender, message)
    assert said(replies, "summary", lang, summary="")
    replies = assistant.texts(sender, yes)
    assert said(replies, "subscribed", lang, offender="", contact=""), replies


@pytest.mark.parametrize("lang,unclear,yes", [(EN, ["hmm", "maybe"], "all good"),
                                              (ES, ["mmm", "quizás"], "perfecto")])
def test_unclear_answers_at_the_read_back_keep_the_sign_up(assistant, sender, lang, unclear, yes):
    for message in REGISTRATION[lang]:
        assistant.texts(sender, message)
    assistant.texts(sender, unclear[0])
    replies = assistant.texts(sender, unclear[1])
    assert said(replies, "confirm_yes_or_no", lang) and not said(replies, "too_many_attempts", lang), replies
    replies = assistant.texts(sender, unclear[0])
    assert not said(replies, "too_many_attempts", lang)
    assert said(assistant.texts(sender, yes), "subscribed", lang, offender="", contact="")
