"""The Telegram channel against a fake Bot API server on loopback: whole registrations in English
and Spanish, signed webhooks only, a repeated update processed once, 429 waited out."""

from __future__ import annotations

import itertools
import json
import random
import time
import urllib.error
import urllib.request

import pytest

from bot.channels.telegram import MAX_MESSAGE, split_message
from bot.messages import render
from tests.e2e.conftest import TELEGRAM_SECRET

_update_ids = itertools.count(random.randint(10_000, 90_000) * 1000)


def post(assistant, update, secret=TELEGRAM_SECRET):
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(f"http://127.0.0.1:{assistant.rasa_port}/webhooks/telegram/webhook",
                                     data=json.dumps(update).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def text_update(chat_id, text, update_id=None):
    chat = {"id": chat_id, "type": "private"}
    return {"update_id": update_id or next(_update_ids),
            "message": {"message_id": next(_update_ids) % 100000, "date": int(time.time()), "chat": chat,
                        "from": {"id": chat_id, "is_bot": False, "first_name": "A"}, "text": text}}


def button_update(chat_id, payload):
    chat = {"id": chat_id, "type": "private"}
    return {"update_id": next(_update_ids),
            "callback_query": {"id": str(next(_update_ids)), "chat_instance": "1", "data": payload,
                               "from": {"id": chat_id, "is_bot": False, "first_name": "A"},
                               "message": {"message_id": 1, "date": int(time.time()), "chat": chat, "text": "…"}}}


@pytest.fixture
def chat_id():
    return random.randint(10**8, 10**9)


def say(assistant, telegram, chat_id, update):
    before = len(telegram.texts(chat_id))
    assert post(assistant, update) == 200
    return telegram.texts(chat_id)[before:]


def buttons_of(telegram, chat_id):
    markup = telegram.sent(chat_id)[-1].get("reply_markup") or {}
    return {row[0]["text"]: row[0]["callback_data"] for row in markup.get("inline_keyboard", [])}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_whole_registration_over_telegram(assistant, telegram, chat_id, lang):
    first = "/start" if lang == "en" else "hola"
    replies = say(assistant, telegram, chat_id, text_update(chat_id, first))
    assert any("911" in r for r in replies)
    facts = {"en": "my ex is in county jail in dallas texas", "es": "mi ex está en la cárcel del condado en dallas texas"}
    replies = say(assistant, telegram, chat_id, text_update(chat_id, facts[lang]))
    assert render("program_vine", lang)["text"][:40] in "\n".join(replies)
    answered = telegram.count("answerCallbackQuery")
    yes = buttons_of(telegram, chat_id)[{"en": "Yes, sign me up", "es": "Sí, inscribirme"}[lang]]
    replies = say(assistant, telegram, chat_id, button_update(chat_id, yes))
    assert telegram.count("answerCallbackQuery") == answered + 1  # the button press is answered
    assert render("ask_offender_ref", lang)["text"] in replies
    say(assistant, telegram, chat_id, text_update(chat_id, "Robin Example"))
    say(assistant, telegram, chat_id, button_update(chat_id, "/dont_know"))       # facility: not sure
    channel_buttons = buttons_of(telegram, chat_id)
    assert "Telegram" in channel_buttons  # offered here, on Telegram
    say(assistant, telegram, chat_id, button_update(chat_id, channel_buttons["Telegram"]))
    replies = say(assistant, telegram, chat_id, button_update(chat_id, "no"))     # no quiet hours
    assert "Robin Example" in "\n".join(replies)
    replies = say(assistant, telegram, chat_id, button_update(chat_id, "/affirm"))
    # this chat is the contact: no code is needed
    assert render("subscribed", lang, offender="Robin Example", contact="X")["text"].split("X")[0] in "\n".join(replies)
    listing = say(assistant, telegram, chat_id, text_update(chat_id, {"en": "my subscriptions", "es": "mis suscripciones"}[lang]))
    assert "Telegram" in "\n".join(listing)


@pytest.mark.parametrize("secret", [None, "wrong-secret", ""])
def test_unsigned_or_wrongly_signed_webhooks_are_refused(assistant, telegram, chat_id, secret):
    assert post(assistant, text_update(chat_id, "hello"), secret=secret) == 403
    time.sleep(0.3)
    assert telegram.texts(chat_id) == []  # reached no conversation


def test_a_repeated_update_is_processed_once(assistant, telegram, chat_id):
    update = text_update(chat_id, "hello")
    assert post(assistant, update) == 200
    count = len(telegram.texts(chat_id))
    assert count > 0
    assert post(assistant, update) == 200
    assert len(telegram.texts(chat_id)) == count


def test_429_is_waited_out(assistant, telegram, chat_id):
    telegram.too_many_requests = 1
    replies = say(assistant, telegram, chat_id, text_update(chat_id, "hello"))
    assert any("911" in r for r in replies)  # the reply arrived after the retry


def test_language_command_offers_both_languages(assistant, telegram, chat_id):
    say(assistant, telegram, chat_id, text_update(chat_id, "/language"))
    assert set(buttons_of(telegram, chat_id)) == {"English", "Español"}
    replies = say(assistant, telegram, chat_id, button_update(chat_id, "/switch_to_spanish"))
    assert "español" in "\n".join(replies)


def test_long_messages_are_split_at_the_limit():
    text = ("word " * 3000).strip()
    parts = split_message(text)
    assert len(parts) == 4 and all(len(p) <= MAX_MESSAGE for p in parts)
    assert " ".join(parts) == text


def test_help_and_stop_commands(assistant, telegram, chat_id):
    replies = say(assistant, telegram, chat_id, text_update(chat_id, "/help"))
    assert any(r.startswith("I help victims get notified about an offender") for r in replies)  # utter_help
    replies = say(assistant, telegram, chat_id, text_update(chat_id, "/stop"))
    assert render("no_subscriptions", "en")["text"] in replies  # nothing to stop yet


def test_group_chats_are_ignored(assistant, telegram, chat_id):
    update = text_update(chat_id, "hello")
    update["message"]["chat"]["type"] = "group"
    assert post(assistant, update) == 200
    time.sleep(0.3)
    assert telegram.texts(chat_id) == []  # a group must not receive notifications about an offender


def test_splitting_prefers_paragraphs_and_skips_empty_text():
    text = "A" * 3000 + "\n\n" + "B " * 800
    parts = split_message(text)
    assert parts[0] == "A" * 3000 and all(len(p) <= MAX_MESSAGE for p in parts)
    assert split_message("") == [] and split_message("   \n ") == []
