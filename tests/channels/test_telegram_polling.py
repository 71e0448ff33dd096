"""Long polling mode against the fake Bot API: updates are fetched, handled once, in order."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.channels.telegram import TelegramInput
from tests.fakes.telegram_api import FakeTelegram

TOKEN = "999:polling-test-token"


@pytest.fixture
def fake():
    server = FakeTelegram(TOKEN).start()
    yield server
    server.stop()


def update(update_id, text):
    chat = {"id": 77, "type": "private"}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": int(time.time()), "chat": chat,
                                                "from": {"id": 77, "is_bot": False, "first_name": "P"}, "text": text}}


async def test_polling_reads_updates_once_each(fake):
    fake.updates = [update(1, "hola"), update(2, "/start"), update(3, "/unknown words")]
    channel = TelegramInput(token=TOKEN, mode="polling", api_url=fake.api_url)
    received = []

    async def on_new_message(message):
        received.append((message.sender_id, message.text, message.input_channel))

    task = asyncio.ensure_future(channel._poll(on_new_message))
    for _ in range(100):
        if len(received) >= 3:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)  # more polls follow, each from the next offset: nothing is handled twice
    task.cancel()
    assert received == [("tg:77", "hola", "telegram"), ("tg:77", "/greet", "telegram"), ("tg:77", "unknown words", "telegram")]
    offsets = [c["params"].get("offset") for c in fake.calls if c["method"] == "getUpdates"]
    assert offsets[0] in (None, "None") and str(offsets[-1]) == "4"  # it asks for what comes after the last one


@pytest.mark.parametrize("mode,secret", [("webhook", ""), ("sideways", "x")])
def test_misconfiguration_is_refused_at_start(mode, secret):
    with pytest.raises(ValueError):
        TelegramInput(token=TOKEN, mode=mode, webhook_secret=secret)
