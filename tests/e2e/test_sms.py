"""The SMS channel with signed and unsigned Twilio webhooks and a fake Twilio REST API on loopback:
whole registrations in English and Spanish, numbered choices, accents kept, every opt-out word in
both languages, START and HELP, and nothing sent to an opted-out number."""

from __future__ import annotations

import random
import time

import pytest

from bot.channels.sms import OPT_OUT, segments
from bot.messages import render
from tests.e2e.conftest import TWILIO_FROM, TWILIO_PUBLIC_URL, TWILIO_SID, TWILIO_TOKEN
from tests.fakes.twilio_api import post_webhook


def webhook(assistant, number, body, sign=True, token=TWILIO_TOKEN):
    return post_webhook(assistant.rasa_port, number, body, TWILIO_FROM, TWILIO_SID, token, TWILIO_PUBLIC_URL,
                        sign)


# Each test texts from a number no other test of this module used: a repeated random number once let one
# test's conversation reach another's phone (the webhook-refused test then saw replies it never caused).
_NUMBERS = iter(random.sample(range(1000, 10000), 9000))


@pytest.fixture
def number():
    return f"+1202555{next(_NUMBERS)}"


def text(assistant, twilio, number, body):
    before = len(twilio.to(number))
    status, twiml = webhook(assistant, number, body)
    assert status == 200 and "<Response>" in twiml
    return "\n".join(twilio.to(number)[before:])


REGISTRATION = {
    "en": ["hi, my ex is in county jail in el paso, texas", "1", "Casey Example", "not sure", "1", "no", "yes"],
    "es": ["hola, mi ex está en la cárcel del condado en dallas, texas", "1", "Casey Ejemplo", "no sé", "1", "no", "sí"],
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_whole_registration_by_sms(assistant, twilio, number, lang):
    replies = text(assistant, twilio, number, REGISTRATION[lang][0])
    assert render("program_vine", lang)["text"][:30] in replies
    # buttons arrive as numbered choices; "1" answers with the first one ("Yes, sign me up")
    assert render("sms_choice", lang, number=1, title={"en": "Yes, sign me up", "es": "Sí, inscribirme"}[lang])["text"] in replies
    replies = ""
    for message in REGISTRATION[lang][1:]:
        replies = text(assistant, twilio, number, message)
    name = {"en": "Casey Example", "es": "Casey Ejemplo"}[lang]
    assert render("subscribed", lang, offender=name, contact="X")["text"].split("X")[0] in replies
    listing = text(assistant, twilio, number, {"en": "my subscriptions", "es": "mis suscripciones"}[lang])
    assert name in listing and "0100" not in listing  # the subscriber's own number, masked
    log = assistant.log_path.read_text(errors="replace")
    assert number not in log and number[2:] not in log and name not in log  # nothing personal in the logs


def test_accents_and_spanish_punctuation_arrive_intact(assistant, twilio, number):
    replies = text(assistant, twilio, number, "¿habla español?")
    assert "¿" in replies or "¡" in replies or "á" in replies or "ñ" in replies
    assert "@" not in replies.replace("@example", "")  # Rasa's own channel turned "¡" into "@"


@pytest.mark.parametrize("sign,token", [(False, TWILIO_TOKEN), (True, "a-different-auth-token")])
def test_unsigned_or_wrongly_signed_webhooks_are_refused(assistant, twilio, number, sign, token):
    status, _ = webhook(assistant, number, "hello", sign=sign, token=token)
    assert status == 403
    time.sleep(0.3)
    assert twilio.to(number) == []  # reached no conversation


@pytest.mark.parametrize("word", sorted(OPT_OUT))
@pytest.mark.parametrize("form", ["{}", "{}!", " {} ", "{}."])
def test_every_opt_out_word_confirms_once_and_blocks_later_sends(assistant, twilio, number, word, form):
    text(assistant, twilio, number, "hello")
    body = form.format(word.upper() if len(form) % 2 else word.capitalize())
    replies = text(assistant, twilio, number, body)
    lang = OPT_OUT[word]
    assert replies == render("sms_opted_out", lang)["text"]  # exactly one confirmation
    before = len(twilio.to(number))
    text(assistant, twilio, number, "hello, is anyone there?")  # no reply to an opted-out number
    text(assistant, twilio, number, "STOP")  # a second STOP: no second confirmation
    assert len(twilio.to(number)) == before
    # START lifts it
    assert text(assistant, twilio, number, "START") == render("sms_opted_in", "en")["text"]
    assert text(assistant, twilio, number, "hello")


@pytest.mark.parametrize("word,lang", [("HELP", "en"), ("ayuda", "es")])
def test_help_keywords(assistant, twilio, number, word, lang):
    replies = text(assistant, twilio, number, word)
    assert replies == render("sms_help", lang)["text"] and "911" in replies


def test_segments_are_counted_for_gsm_and_ucs2():
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2
    assert segments("á" * 70) == 1 and segments("á" * 71) == 2  # most Spanish text is UCS-2
    assert segments("¿Dónde?") == 1


@pytest.mark.parametrize("lang,opening,choice", [
    ("en", "my ex is in the county jail in dallas texas", "yes, sign me up"),
    ("es", "mi ex está en la cárcel del condado en dallas texas", "Sí, inscribirme"),
])
def test_a_choice_can_be_answered_with_its_words(assistant, twilio, number, lang, opening, choice):
    text(assistant, twilio, number, opening)
    replies = text(assistant, twilio, number, choice)
    assert render("ask_offender_ref", lang)["text"] in replies


def test_rest_cannot_write_into_an_sms_conversation(assistant, number):
    status, _ = assistant.request("POST", "/webhooks/rest/webhook", {"sender": f"sms:{number}", "message": "hi"})
    assert status == 400


@pytest.mark.parametrize("lang,opening,cancel", [
    ("en", "my ex is in the county jail in dallas texas", "cancel the sign-up"),
    ("es", "mi ex está en la cárcel del condado en dallas texas", "cancelar la inscripción"),
])
def test_cancelling_a_sign_up_by_sms_does_not_opt_out(assistant, twilio, number, lang, opening, cancel):
    # The bot tells people to say these words; on SMS a bare "cancel"/"cancelar" would be an opt-out.
    text(assistant, twilio, number, opening)
    replies = text(assistant, twilio, number, "1")
    assert cancel in replies  # the intro says how to cancel
    replies = text(assistant, twilio, number, cancel)
    assert render("registration_cancelled", lang)["text"] in replies
    assert text(assistant, twilio, number, "hello")  # still subscribed to the conversation


# --- issue 9: after sign-up by SMS, the person's language, two messages at most, only SMS choices ----

OPENING = {"en": "the man who attacked me is in the maricopa county jail in arizona",
           "es": "el hombre que me atacó está en la cárcel del condado de Maricopa"}


def messages_for(assistant, twilio, number, body):
    before = len(twilio.to(number))
    status, _ = webhook(assistant, number, body)
    assert status == 200
    return twilio.to(number)[before:]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_first_answer_is_at_most_two_text_messages(assistant, twilio, number, lang):
    sent = messages_for(assistant, twilio, number, OPENING[lang])
    assert 1 <= len(sent) <= 2, sent
    assert all(segments(m) <= 4 for m in sent)
    offer = render("offer_register", lang)
    assert render("sms_choice", lang, number=1, title=offer["buttons"][0]["title"])["text"] in sent[-1]
    assert "911" in "\n".join(sent)


@pytest.mark.parametrize("lang,stop,start", [("en", "STOP", "START"), ("es", "BAJA", "START"),
                                             ("es", "STOP", "start")])
def test_stop_and_start_are_confirmed_in_the_persons_language(assistant, twilio, number, lang, stop, start):
    text(assistant, twilio, number, OPENING[lang])
    assert text(assistant, twilio, number, stop) == render("sms_opted_out", lang)["text"]
    assert text(assistant, twilio, number, start) == render("sms_opted_in", lang)["text"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_channel_choices_by_sms_are_only_what_sms_can_do(assistant, twilio, number, lang):
    for message in REGISTRATION[lang][:4]:
        replies = text(assistant, twilio, number, message)
    assert render("ask_contact_channel", lang)["text"] in replies
    assert "Telegram" not in replies
    assert render("sms_choice", lang, number=3, title="x")["text"].split("x")[0].strip() not in replies
    replies = text(assistant, twilio, number, "carrier pigeon")
    assert render("invalid_contact_channel_sms", lang)["text"] in replies and "Telegram" not in replies


def register_by_sms(assistant, twilio, number, lang, name):
    messages = list(REGISTRATION[lang])
    messages[2] = name
    for message in messages:
        replies = text(assistant, twilio, number, message)
    assert render("subscribed", lang, offender=name, contact="X")["text"].split("X")[0] in replies


CHANGES = {
    "en": {"quiet": "change my quiet hours to 9pm-8am", "hours": "9 PM to 8 AM",
           "cancel": "cancel my subscription", "by_name": "cancel the one about Kyle"},
    "es": {"quiet": "cambia mis horas de silencio a 9pm-8am", "hours": "de 21:00 a 08:00",
           "cancel": "cancelar mi suscripción", "by_name": "cancela la de Kyle"},
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_after_sign_up_quiet_hours_and_cancelling_by_name_or_number(assistant, twilio, number, lang):
    words = CHANGES[lang]
    register_by_sms(assistant, twilio, number, lang, "Kyle Example")
    register_by_sms(assistant, twilio, number, lang, "Marcus Example")
    replies = text(assistant, twilio, number, words["quiet"])
    every = render("quiet_hours_all", lang)["text"]
    assert render("quiet_hours_changed", lang, subscriptions=every, hours=words["hours"])["text"] in replies
    # "which one?" by SMS: numbered lines, answered by the place in the list
    replies = text(assistant, twilio, number, words["cancel"])
    assert render("ask_which_subscription", lang)["text"] in replies and "Marcus Example" in replies
    replies = text(assistant, twilio, number, {"en": "the second one", "es": "la segunda"}[lang])
    done = render("subscription_cancelled_one", lang, subscription="X")["text"][:5]
    assert "Marcus Example" in replies and done in replies
    replies = text(assistant, twilio, number, words["by_name"])
    assert "Kyle Example" in replies and done in replies
    listing = text(assistant, twilio, number, {"en": "my subscriptions", "es": "mis suscripciones"}[lang])
    assert render("no_subscriptions", lang)["text"] in listing


@pytest.mark.parametrize("lang,danger,arrived,relief", [
    ("en", "HE IS OUTSIDE MY DOOR RIGHT NOW BANGING", "ok the cops are here, they took him", "I'm relieved help is there"),
    ("es", "AYUDA EL ESTA AFUERA DE MI CASA AHORITA TOCANDO LA PUERTA", "YA LLEGO LA POLICIA SE LO LLEVARON",
     "Qué alivio que ya llegó la ayuda"),
])
def test_after_the_911_answer_help_that_came_gets_a_word_of_relief_by_sms(assistant, twilio, number, lang, danger,
                                                                        arrived, relief):
    status, twiml = webhook(assistant, number, danger)
    assert status == 200 and "911" in twiml
    time.sleep(1)  # Rasa reads the danger message in the background
    replies = text(assistant, twilio, number, arrived)
    assert relief in replies and "911 now" not in replies and "al 911 ahora" not in replies
