"""One turn's replies by SMS (issue 9): at most two text messages, the question and its numbered choices
and the 911 line kept whole, a link for what was cut, in the replies' language."""

from __future__ import annotations

import pytest

from bot.channels.sms import MAX_MESSAGES, MAX_SEGMENTS, TwilioOutput, choice_lines, compose, segments
from bot.messages import render

LANGS = ("en", "es")


def first_answer(lang):
    """The first answer to "he is in a county jail": the program, the state's contacts, the
    911 line and the offer, as action_guide sends them."""
    offer = render("offer_register", lang)
    return [
        render("program_vine", lang)["text"],
        render("state_services_prisons_phone", lang, service_name="Example State Corrections",
               service_url="https://example.org/victim-services",
               service_phone="602-555-0123")["text"],
        render("safety_line", lang)["text"],
        choice_lines(offer["text"], offer["buttons"], lang),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_answer_is_at_most_two_messages(lang):
    texts = first_answer(lang)
    messages = compose(texts, lang)
    assert len(messages) <= MAX_MESSAGES and all(segments(m) <= MAX_SEGMENTS for m in messages)
    joined = "\n".join(messages)
    assert texts[-1] in joined  # the question and its numbered choices, whole
    first_choice = render("offer_register", lang)["buttons"][0]["title"]
    assert render("sms_choice", lang, number=1, title=first_choice)["text"] in messages[-1]
    assert render("safety_line", lang)["text"] in joined
    # everything, or what was cut can be read at the program's own page (Spanish takes twice the room)
    more = render("sms_more", lang, link="https://vinelink.vineapps.com")["text"]
    assert all(text in joined for text in texts) if lang == "en" else more in joined
    assert joined.startswith(texts[0].split(".")[0])


@pytest.mark.parametrize("lang", LANGS)
def test_what_fits_is_sent_whole(lang):
    texts = [render("safety_line", lang)["text"], render("offer_register", lang)["text"]]
    assert compose(texts, lang) == ["\n\n".join(texts)]


def test_nothing_to_send():
    assert compose([], "en") == [] and compose(["  "], "es") == []


class Recorder:
    def __init__(self):
        self.sent = []

    async def send(self, to, body, even_if_opted_out=False):
        self.sent.append(body)


@pytest.mark.parametrize("lang", LANGS)
async def test_a_buffered_output_sends_one_turn_as_at_most_two_messages(lang):
    sender = Recorder()
    output = TwilioOutput(sender, __import__("collections").OrderedDict(), buffered=True)
    texts = first_answer(lang)
    for text in texts[:-1]:
        await output.send_response("sms:+12025550111", {"text": text, "language": lang})
    offer = render("offer_register", lang)
    await output.send_response("sms:+12025550111", {**offer, "language": lang})
    assert sender.sent == []  # nothing goes out before the turn is over
    await output.flush()
    assert 1 <= len(sender.sent) <= MAX_MESSAGES
    assert sender.sent == compose(first_answer(lang), lang)
    assert output.choices["sms:+12025550111"] == offer["buttons"]  # "1" still answers the offer


@pytest.mark.parametrize("text,place", [("the second one", 2), ("la segunda", 2), ("Second.", 2),
                                        ("la primera opción", 1), ("el tercero", 3), ("second chance", None),
                                        ("quiero la segunda por favor", 2), ("Kyle", None)])
def test_a_place_in_words(text, place):
    from bot.channels.sms import ordinal

    assert ordinal(text) == place


@pytest.mark.parametrize("lang,text", [("en", "the second one"), ("es", "la segunda")])
def test_a_numbered_choice_answered_by_its_place_in_words(lang, text):
    from collections import OrderedDict

    from bot.channels.sms import TwilioInput

    channel = TwilioInput("AC" + "2" * 32, "token", "+12025550100", "https://sms.example.org/webhook")
    buttons = render("offer_register", lang)["buttons"]
    channel.choices["sms:+12025550112"] = buttons
    assert channel._chosen("+12025550112", text) == buttons[1]["payload"]
    assert channel._chosen("+12025550112", "the fifth one") == "the fifth one"  # not offered: the words go on
    assert isinstance(channel.choices, OrderedDict)
