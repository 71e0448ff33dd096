"""Replies to a delivered status message, against the running assistant, in English and Spanish.

A person signs up in the web chat; a status message is then put into their conversation the way the
dispatcher does it (Rasa's HTTP API with a JWT: a bot event and the slots last_status and last_event),
and the person answers it: "what does that mean?", "where is he now?", "stop these" (confirmed with
a yes or a no). The subscription's state is read back with "my subscriptions".
"""

from __future__ import annotations

import random
import re
import time

from bot.events.templates import render_status
from bot.messages import render

SIGN_UP = {
    "en": ["my ex is in county jail in dallas texas", "yes", "{name} {number}", "not sure", "this chat", "no", "yes"],
    "es": ["mi ex está en la cárcel del condado en dallas texas", "sí", "{name} {number}", "no sé", "este chat", "no",
           "sí"],
}
NAMES = {"en": "Pat Example", "es": "Pat Ejemplo"}


def sign_up(assistant, sender: str, lang: str) -> int:
    """A VINE subscription on this chat; returns its number as "my subscriptions" shows it."""
    number = f"R{random.randint(10**6, 10**7)}"
    for message in SIGN_UP[lang]:
        assistant.say(sender, message.format(name=NAMES[lang], number=number))
    return subscription_ids(assistant, sender, lang)[0]


def subscription_ids(assistant, sender: str, lang: str) -> list:
    listing = assistant.texts(sender, "my subscriptions" if lang == "en" else "mis suscripciones")
    return [int(n) for n in re.findall(r"#(\d+) ", listing)]


def deliver(assistant, sender: str, lang: str, kind: str, subscription_id, details=None) -> str:
    """What bot/push/senders.py does after a message went out: append it to the conversation."""
    text = render_status(kind, lang, name=NAMES[lang], details=details)
    now = time.time()
    event = {"type": kind, "subscription_id": subscription_id, "program": "vine", "details": details or {},
             "occurred_at": "2026-11-29T21:12:00Z", "text": ""}
    status, _ = assistant.request(
        "POST", f"/conversations/{sender}/tracker/events",
        [{"event": "bot", "text": text, "timestamp": now},
         {"event": "slot", "name": "last_status", "value": kind, "timestamp": now},
         {"event": "slot", "name": "last_event", "value": event, "timestamp": now}],
        token=assistant.token())
    assert status == 200
    return text


def msg(key: str, lang: str, **values) -> str:
    return render(key, lang, **values)["text"]


def test_a_release_explained_located_and_kept_then_stopped_in_english(assistant, sender):
    sub = sign_up(assistant, sender, "en")
    deliver(assistant, sender, "en", "release", sub, {"facility": "Dallas County Jail"})

    meaning = assistant.texts(sender, "wat does that mean??")
    assert msg("status_meaning_release", "en") in meaning and "call 911" in meaning

    where = assistant.texts(sender, "where is he now")
    assert "November 29, 2026" in where
    assert msg("status_where_release", "en", from_facility=" from Dallas County Jail") in where
    assert "call 911" in where

    # "stop these": asked first, with buttons; "no" keeps the subscription.
    replies = assistant.say(sender, "stop sending me these")
    assert replies[0]["text"] == msg("status_stop_confirm", "en", subscription=f"#{sub} {NAMES['en']}")
    assert [b["payload"] for b in replies[0]["buttons"]] == ["/affirm", "/deny"]
    assert sub in subscription_ids(assistant, sender, "en")  # asking stopped nothing
    assert assistant.texts(sender, "stop these") == msg("status_stop_confirm", "en", subscription=f"#{sub} {NAMES['en']}")
    assert assistant.texts(sender, "no") == msg("status_kept", "en")
    assert sub in subscription_ids(assistant, sender, "en")

    # asked again, the button's yes stops it
    assistant.say(sender, "stop these")
    assert msg("status_stopped", "en", subscription=f"#{sub} {NAMES['en']}") in assistant.texts(sender, "/affirm")
    assert sub not in subscription_ids(assistant, sender, "en")
    assert assistant.slots(sender)["stop_pending"] is None


def test_a_transfer_explained_located_and_stopped_in_spanish(assistant, sender):
    sub = sign_up(assistant, sender, "es")
    deliver(assistant, sender, "es", "transfer", sub, {"facility": "Huntsville Unit"})

    assert assistant.texts(sender, "¿qué significa eso?") == msg("status_meaning_transfer", "es")
    where = assistant.texts(sender, "y ahora dónde lo tienen?")
    assert "29 de noviembre de 2026" in where
    assert msg("status_where_transfer_at", "es", facility="Huntsville Unit") in where

    assert assistant.texts(sender, "ya no quiero estos mensajes") == msg(
        "status_stop_confirm", "es", subscription=f"#{sub} {NAMES['es']}")
    assert sub in subscription_ids(assistant, sender, "es")
    assistant.say(sender, "ya no quiero estos mensajes")
    assert msg("status_stopped", "es", subscription=f"#{sub} {NAMES['es']}") in assistant.texts(sender, "sí")
    assert sub not in subscription_ids(assistant, sender, "es")


def test_danger_wins_over_the_status_questions(assistant, sender):
    sub = sign_up(assistant, sender, "en")
    deliver(assistant, sender, "en", "escape", sub)
    crisis = assistant.texts(sender, "where is he now, he is outside my house")
    assert "call 911" in crisis.lower() and "1-800-799-7233" in crisis
    assert msg("status_where_escape", "en", from_facility="") not in crisis

    # a crisis in place of the answer to "stop these?" drops the question: the "yes" after it stops nothing
    assistant.say(sender, "stop sending these")
    assert "call 911" in assistant.texts(sender, "he is outside right now").lower()
    assistant.say(sender, "yes")
    assert sub in subscription_ids(assistant, sender, "en")


def test_danger_wins_in_spanish_too(assistant, sender):
    sub = sign_up(assistant, sender, "es")
    deliver(assistant, sender, "es", "release", sub)
    crisis = assistant.texts(sender, "dónde está ahora, está afuera de mi casa")
    assert "llame al 911" in crisis.lower() and "1-800-799-7233" in crisis


def test_never_mind_keeps_the_messages(assistant, sender):
    sub = sign_up(assistant, sender, "es")
    deliver(assistant, sender, "es", "court_hearing_scheduled", sub, {"date": "2026-12-10T15:00:00Z"})
    assert "10 de diciembre de 2026" in assistant.texts(sender, "no entiendo")
    assistant.say(sender, "paren estos avisos por favor")
    assert assistant.texts(sender, "olvídelo") == msg("status_kept", "es")
    assert sub in subscription_ids(assistant, sender, "es")


def test_another_message_instead_of_an_answer_drops_the_question(assistant, sender):
    sub = sign_up(assistant, sender, "en")
    deliver(assistant, sender, "en", "transfer", sub)
    assistant.say(sender, "stop these messages")
    assistant.say(sender, "what does that mean")
    assert assistant.slots(sender)["stop_pending"] is None
    assistant.say(sender, "yes")
    assert sub in subscription_ids(assistant, sender, "en")


def test_without_a_status_message_in_english(assistant, sender):
    # Issue 9: nothing sent and nothing asked: what this assistant does, in plain words
    assert assistant.texts(sender, "what does that mean?") == msg("clarify_recap", "en")
    assert assistant.texts(sender, "what does the notification mean?") == msg("status_none_to_explain", "en")
    where = assistant.texts(sender, "where is he now")
    assert msg("status_where_unknown", "en") in where and msg("no_subscriptions", "en") in where
    # no status and no subscription: the cancel command's answer
    assert assistant.texts(sender, "stop sending me these") == msg("no_subscriptions", "en")


def test_without_a_status_message_in_spanish(assistant, sender):
    assert assistant.texts(sender, "¿qué significa eso?") == msg("clarify_recap", "es")
    assert assistant.texts(sender, "¿qué significa el aviso?") == msg("status_none_to_explain", "es")
    sign_up(assistant, sender, "es")
    where = assistant.texts(sender, "¿dónde está ahora?")
    assert msg("status_where_unknown", "es") in where and "todavía no hay novedades" in where


def test_i_do_not_understand_after_the_greeting_explains_the_programs(assistant, sender):
    # No status message yet, and the greeting asked where the person is held.
    assistant.say(sender, "hola")
    assert assistant.texts(sender, "no entiendo") == msg("dont_know_custody", "es")


def test_i_do_not_understand_after_the_help_in_english(assistant, sender):
    assistant.say(sender, "what can you do?")
    assert assistant.texts(sender, "i dont understand") == msg("dont_know_custody", "en")
