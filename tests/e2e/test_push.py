"""A release event from a signed source reaches a subscriber on each channel (web chat, Telegram,
SMS) in the subscriber's language, enters their conversation, and a resent event is not delivered
twice."""

from __future__ import annotations

import json
import random
import time
import urllib.error
import urllib.request


from bot.events.signing import sign
from bot.events.templates import render_status
from tests.e2e.conftest import EVENT_KEY, EVENT_SOURCE
from tests.e2e.test_sms import text as sms_text
from tests.e2e.test_telegram import button_update, say, text_update


def post_event(assistant, event):
    body = json.dumps(event).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(
        f"http://127.0.0.1:{assistant.web_port}/v1/events", data=body,
        headers={"Content-Type": "application/json", "X-Event-Source": EVENT_SOURCE,
                 "X-Event-Timestamp": str(timestamp), "X-Event-Signature": sign(EVENT_KEY, timestamp, body)})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, None


def release(number):
    return {"source": EVENT_SOURCE, "id": f"release-{number}-{random.random()}", "program": "vine",
            "offender": {"id": number}, "type": "release", "occurred_at": "2026-11-29T21:12:00Z",
            "details": {"facility": "Dallas County Jail"}}


def wait_until(check, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError("not delivered in time")


def test_release_reaches_a_web_chat_subscriber_in_spanish(assistant, sender):
    number = f"W{random.randint(10**6, 10**7)}"
    for message in ["mi ex está en la cárcel del condado en dallas texas", "sí", f"Pat Ejemplo {number}",
                    "no sé", "este chat", "no", "sí"]:
        assistant.say(sender, message)
    status, result = post_event(assistant, release(number))
    assert status == 202 and result["matched"] == 1
    expected = render_status("release", "es", name="Pat Ejemplo", details={"facility": "Dallas County Jail"})
    # the message enters the conversation (an open widget gets it at once; later visits see it)
    wait_until(lambda: any(e.get("event") == "bot" and e.get("text") == expected
                           for e in assistant.tracker(sender)["events"]))
    news = assistant.texts(sender, "¿hay noticias?")
    assert "salió en libertad" in news


def test_release_reaches_a_telegram_subscriber_in_english(assistant, telegram):
    chat_id = random.randint(10**8, 10**9)
    number = f"T{random.randint(10**6, 10**7)}"
    say(assistant, telegram, chat_id, text_update(chat_id, "my ex is in county jail in dallas texas"))
    say(assistant, telegram, chat_id, button_update(chat_id, "/affirm"))
    say(assistant, telegram, chat_id, text_update(chat_id, f"Robin Example {number}"))
    say(assistant, telegram, chat_id, button_update(chat_id, "/dont_know"))
    say(assistant, telegram, chat_id, button_update(chat_id, "telegram"))
    say(assistant, telegram, chat_id, button_update(chat_id, "no"))
    say(assistant, telegram, chat_id, button_update(chat_id, "/affirm"))
    event = release(number)
    status, result = post_event(assistant, event)
    assert status == 202 and result["matched"] == 1
    expected = render_status("release", "en", name="Robin Example", details={"facility": "Dallas County Jail"})
    wait_until(lambda: expected in telegram.texts(chat_id))
    # the source sends the same event again later (a new request, a new timestamp): no second message
    time.sleep(1.1)
    again_status, again = post_event(assistant, event)
    assert again_status == 200 and again["status"] == "duplicate"
    time.sleep(1.5)
    assert telegram.texts(chat_id).count(expected) == 1


def test_release_reaches_an_sms_subscriber_in_spanish(assistant, twilio):
    phone = f"+1303555{random.randint(1000, 9999)}"  # another area code than test_sms.py's numbers
    number = f"S{random.randint(10**6, 10**7)}"
    for message in ["hola, mi ex está en la cárcel del condado en dallas, texas", "1", f"Casey Ejemplo {number}",
                    "no sé", "1", "no", "sí"]:
        sms_text(assistant, twilio, phone, message)
    status, result = post_event(assistant, release(number))
    assert status == 202 and result["matched"] == 1
    expected = render_status("release", "es", name="Casey Ejemplo", details={"facility": "Dallas County Jail"}, sms=True)
    wait_until(lambda: expected in twilio.to(phone))
