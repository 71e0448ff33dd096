"""The SMS channel with signed and unsigned Twilio webhooks and a fake Twilio REST API on loopback:
whole registrations in English and Spanish, numbered choices, accents kept, every opt-out word in
both languages, START and HELP, and nothing sent to an opted-out number."""

from __future__ import annotations

import random
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from twilio.request_validator import RequestValidator

from bot.channels.sms import OPT_OUT, segments
from bot.messages import render
from tests.e2e.conftest import TWILIO_FROM, TWILIO_PUBLIC_URL, TWILIO_SID, TWILIO_TOKEN


def webhook(assistant, number, body, sign=True, token=TWILIO_TOKEN):
    # Twilio signs every field it sends, empty ones included (FromCity, FromZip...).
    params = {"From": number, "To": TWILIO_FROM, "Body": body, "AccountSid": TWILIO_SID,
              "MessageSid": "SM" + "%032x" % random.getrandbits(128), "NumMedia": "0",
              "FromCity": "", "FromState": "DC", "FromZip": "", "FromCountry": "US"}
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if sign:
        headers["X-Twilio-Signature"] = RequestValidator(token).compute_signature(TWILIO_PUBLIC_URL, params)
    request = urllib.request.Request(f"http://127.0.0.1:{assistant.rasa_port}/webhooks/twilio/webhook",
                                     data=urllib.parse.urlencode(params).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture
def number():
    return f"+1202555{random.randint(1000, 9999)}"


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
