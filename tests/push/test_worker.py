"""`python -m bot.push.worker`, the dispatcher in a process of its own: it sends what the store has
queued through the configured channel, keeps sending when the conversation cannot be updated (the
message goes out once), stops cleanly on SIGTERM, and after a kill -9 a new worker sends what the
dead one held, once its lease is over."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import pytest
from cryptography.fernet import Fernet

from bot.launcher import free_port
from bot.push.worker import limits_from_env
from bot.store import Store
from tests.fakes.telegram_api import FakeTelegram
from tests.push.test_dispatcher import release, subscribe

TOKEN = "77:worker-test"


def worker_env(db, key, telegram, **extra):
    return dict(os.environ, DATABASE_URL=f"sqlite+aiosqlite:///{db}", BOT_DATA_KEY=key.decode(),
                TELEGRAM_TOKEN=TOKEN, TELEGRAM_API_URL=telegram.api_url, PUSH_LEASE_SECONDS="2",
                RASA_URL=f"http://127.0.0.1:{free_port()}", RASA_JWT_SECRET="s" * 32, LOG_LEVEL="ERROR", **extra)


def start(env):
    process = subprocess.Popen([sys.executable, "-m", "bot.push.worker"], env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith("dispatcher running")
    return process


def wait_for(check, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture
def telegram():
    fake = FakeTelegram(TOKEN).start()
    yield fake
    fake.stop()


async def queued(db, key, chats):
    store = Store.from_url(f"sqlite+aiosqlite:///{db}", key=key)
    await store.init()
    for chat in chats:
        await subscribe(store, f"tg:{chat}", "telegram", str(chat), "en")
    await store.record_event(release(), "sig-1")
    return store


async def test_the_worker_sends_once_and_stops_on_sigterm(tmp_path, telegram):
    key, db = Fernet.generate_key(), tmp_path / "bot.db"
    store = await queued(db, key, [811, 812])
    process = start(worker_env(db, key, telegram))
    try:
        wait_for(lambda: len(telegram.delivered) == 2)
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert sorted(chat for _, chat, _ in telegram.delivered) == [811, 812]
    assert await store.delivery_states() == {"sent": 2}  # marked before it exited
    await store.close()


async def test_after_kill_9_a_new_worker_sends_what_the_dead_one_held(tmp_path, telegram):
    key, db = Fernet.generate_key(), tmp_path / "bot.db"
    store = await queued(db, key, [821, 822, 823])
    # the first worker may send at most 1 message a minute, so it holds rows it has not sent
    process = start(worker_env(db, key, telegram, PUSH_TELEGRAM_RATE=str(1 / 60)))
    wait_for(lambda: len(telegram.delivered) == 1)
    process.kill()
    process.wait(10)
    in_flight = (await store.delivery_states()).get("sending", 0)
    assert in_flight >= 1  # claimed and waiting for its turn (and perhaps the sent one, not yet marked)
    second = start(worker_env(db, key, telegram))
    try:
        deadline = time.monotonic() + 20
        while await store.delivery_states() != {"sent": 3} and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(20)
    chats = [chat for _, chat, _ in telegram.delivered]
    assert set(chats) == {821, 822, 823} and await store.delivery_states() == {"sent": 3}
    # a message can only be sent twice if it was sent but not yet marked when the worker died
    assert len(chats) - 3 <= in_flight
    await store.close()


def test_limits_come_from_the_environment():
    limits = limits_from_env({"PUSH_TELEGRAM_RATE": "20", "PUSH_TELEGRAM_CHAT_RATE": "0.5", "PUSH_SMS_RATE": "3",
                              "PUSH_SMS_FROM": "+19725550001, +19725550002", "PUSH_HEADROOM": "1"})
    assert limits["telegram"].overall == 20 and limits["telegram"].per_recipient == 0.5
    assert limits["sms"].lanes == ("+19725550001", "+19725550002") and limits["sms"].capacity == 6
    assert limits["sms"].cost("á" * 100) == 2  # "á" is not in GSM-7: UCS-2, 67 per segment
    with pytest.raises(SystemExit):
        limits_from_env({"PUSH_SMS_RATE": "fast"})
