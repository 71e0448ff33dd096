"""The safety layer on every channel (issue 8): danger is answered first, in the person's language,
with 911 (988 for thoughts of suicide) in the first sentence; over REST, socket.io, Telegram, SMS and
in reply to a pushed status message; with the action server frozen; and the program and the sign-up
stay available afterwards."""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import time
import uuid

import pytest
from cryptography.fernet import Fernet

from bot.launcher import start_assistant
from tests.e2e.test_sms import webhook
from tests.e2e.test_status_replies import deliver, sign_up
from tests.e2e.test_telegram import say as telegram_say, text_update

FIRST = re.compile(r"(?<=[.!?])\s+")

VIOLENCE = {"en": "he got out this morning and he is banging on my door right now",
            "es": "salió esta mañana y ahorita está golpeando mi puerta"}
SELF_HARM = {"en": "i can't do this anymore, i want to end my life", "es": "ya no puedo más, quiero quitarme la vida"}


def first_sentence(text: str) -> str:
    return FIRST.split(text.strip(), maxsplit=1)[0]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rest_violence_opens_with_911_in_the_persons_language(assistant, sender, lang):
    replies = assistant.say(sender, VIOLENCE[lang])
    opening = first_sentence(replies[0]["text"])
    assert "911" in opening
    assert ("Llame" in opening) == (lang == "es")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rest_self_harm_gets_988(assistant, sender, lang):
    replies = assistant.say(sender, SELF_HARM[lang])
    opening = first_sentence(replies[0]["text"])
    assert "988" in opening and "911" in opening
    assert "1-800-799-7233" not in replies[0]["text"]  # not the domestic-violence line for self-harm


@pytest.mark.parametrize("lang,message,program", [
    ("en", "the man who hurt me got out of the county jail in dallas today and he's outside my house now", "vine"),
    ("es", "el que me lastimó salió hoy de la cárcel del condado de dallas y ahorita está afuera de mi casa", "vine"),
])
def test_after_a_crisis_the_program_and_sign_up_stay_available(assistant, sender, lang, message, program):
    replies = assistant.say(sender, message)
    assert "911" in first_sentence(replies[0]["text"])
    assert assistant.slots(sender)["program"] == program  # the custody facts were kept
    follow = "\n".join(r.get("text") or "" for r in assistant.say(sender, "/request_notification"))
    assert "VINE" in follow


@pytest.mark.parametrize("lang,message", [
    ("en", "I'm not in danger right now but I'm really scared, he gets out of county jail in LA next week"),
    ("es", "ahorita no estoy en peligro pero tengo mucho miedo, sale de la cárcel del condado en LA la semana que viene"),
])
def test_distress_that_is_not_danger_gets_the_program_not_the_emergency_opening(assistant, sender, lang, message):
    replies = assistant.say(sender, message)
    assert "911" not in first_sentence(replies[0]["text"])
    assert assistant.slots(sender)["program"] == "vine"


@pytest.mark.parametrize("lang,message", [
    ("en", "how do I put money on my cousin's commissary account at the county jail?"),
    ("es", "¿cuál es el horario de visitas en la prisión federal?"),
])
def test_custody_words_without_a_request_leave_the_program_empty(assistant, sender, lang, message):
    assistant.say(sender, message)
    assert assistant.slots(sender)["program"] is None


@pytest.mark.parametrize("lang", ["en", "es"])
def test_sms_danger_is_answered_in_the_webhook_response(assistant, twilio, lang):
    number = f"+1202555{int(time.time() * 1000) % 9000 + 1000}"
    status, twiml = webhook(assistant, number, VIOLENCE[lang])
    assert status == 200
    body = re.search(r"<Message>(.*?)</Message>", twiml, re.S).group(1)
    assert "911" in first_sentence(body)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_telegram_danger_goes_first(assistant, telegram, lang):
    chat_id = int(time.time() * 1000) % 10**9 + 10**8
    texts = telegram_say(assistant, telegram, chat_id, text_update(chat_id, VIOLENCE[lang]))
    assert texts and "911" in first_sentence(texts[0])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_socketio_danger_goes_first(assistant, lang):
    import socketio

    async def talk():
        client = socketio.AsyncClient()
        received = []
        got = asyncio.Event()

        @client.on("bot_uttered")
        async def on_bot(data):
            received.append(data.get("text") or "")
            got.set()

        await client.connect(f"http://127.0.0.1:{assistant.rasa_port}", socketio_path="/socket.io",
                             transports=["polling"])
        session = uuid.uuid4().hex
        await client.emit("session_request", {"session_id": session})
        await asyncio.sleep(0.3)
        await client.emit("user_uttered", {"message": VIOLENCE[lang], "session_id": session})
        await asyncio.wait_for(got.wait(), timeout=20)
        await client.disconnect()
        return received

    texts = asyncio.run(talk())
    assert "911" in first_sentence(texts[0])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_reply_to_a_pushed_status_message_is_read_for_danger(assistant, sender, lang):
    sub = sign_up(assistant, sender, lang)
    deliver(assistant, sender, lang, "release", sub)
    replies = assistant.say(sender, VIOLENCE[lang])
    assert "911" in first_sentence(replies[0]["text"])


class FrozenServer:
    """A TCP server that accepts connections and never answers: an action server that hangs."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self) -> None:
        self.sock.close()
        for connection in self.held:
            connection.close()


@pytest.fixture(scope="module")
def frozen_assistant(tmp_path_factory):
    frozen = FrozenServer()
    server = start_assistant(tmp_path_factory.mktemp("frozen"), Fernet.generate_key().decode(),
                             jwt_secret="frozen-" + uuid.uuid4().hex,
                             extra_env={"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{frozen.port}/webhook"})
    yield server
    server.stop()
    frozen.close()


@pytest.mark.parametrize("lang,message", [
    ("en", "he has a knife and he is inside my house right now"),
    ("es", "tiene un cuchillo y está dentro de mi casa ahorita"),
])
def test_danger_is_answered_while_the_action_server_hangs(frozen_assistant, lang, message):
    started = time.monotonic()
    replies = frozen_assistant.say(f"frozen-{uuid.uuid4().hex[:8]}", message)
    assert time.monotonic() - started < 10
    assert "911" in first_sentence(replies[0]["text"])


@pytest.mark.parametrize("lang,message", [
    # read as danger by the classifier alone, below SURE and above it (bot/safety/model.py)
    ("en", "he got out of the county jail in dallas today and he keeps driving past my house slowly"),
    ("es", "salió hoy de la cárcel del condado de Dallas y sigue pasando despacio frente a mi casa"),
    ("es", "lo soltaron hoy de la cárcel del condado de Dallas y no deja de pasar en su carro frente a mi casa"),
])
def test_danger_read_by_the_classifier_alone_reaches_rasa_too(assistant, sender, lang, message):
    # The safety layer's decision once went to Rasa as a numpy bool: the tracker could not be sent to the
    # action server, and the message was dropped after the 911 answer (the program was never found)
    replies = assistant.say(sender, message)
    assert "911" in first_sentence(replies[0]["text"])
    deadline = time.monotonic() + 10
    while assistant.slots(sender).get("program") is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert assistant.slots(sender)["program"] == "vine"
    assert assistant.slots(sender)["language"] == lang
