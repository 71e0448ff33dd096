"""The dispatcher's senders against the fake Telegram and Twilio APIs on loopback: what each answer
of the API becomes (sent, wait and retry, retry later, give up), and the fakes' own rate limits,
which the fan-out benchmark relies on."""

from __future__ import annotations

import aiohttp
import pytest

from bot.push.dispatcher import PermanentFailure, RetryAfter
from bot.push.senders import sms_sender, telegram_sender
from tests.fakes.limits import RateGate
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.twilio_api import FakeTwilio

TOKEN, SID, AUTH = "123:fake", "AC" + "1" * 32, "secret-token"


def tg_delivery(chat="501"):
    return {"channel": "telegram", "contact": chat, "lane": ""}


def sms_delivery(to="+12025550601", lane="+19725550001"):
    return {"channel": "sms", "contact": to, "lane": lane}


@pytest.fixture
def telegram():
    fake = FakeTelegram(TOKEN, gate=RateGate(overall=5.0, per_key=1.0)).start()
    yield fake
    fake.stop()


@pytest.fixture
def twilio():
    fake = FakeTwilio(SID, AUTH, gate=RateGate(per_key=1.0)).start()
    yield fake
    fake.stop()


async def test_telegram_sends_and_turns_429_into_retry_after(telegram):
    async with aiohttp.ClientSession() as session:
        send = telegram_sender(session, TOKEN, telegram.api_url)
        await send(tg_delivery("501"), "first")
        with pytest.raises(RetryAfter) as wait:
            await send(tg_delivery("501"), "second, too soon for the same chat")
        assert wait.value.seconds >= 1
        await send(tg_delivery("502"), "another chat is fine")
    assert [text for _, _, text in telegram.delivered] == ["first", "another chat is fine"]


async def test_telegram_overall_limit_and_server_errors(telegram):
    async with aiohttp.ClientSession() as session:
        send = telegram_sender(session, TOKEN, telegram.api_url)
        for chat in range(5):  # one second's worth of the 5/s limit
            await send(tg_delivery(str(600 + chat)), "burst")
        with pytest.raises(RetryAfter):
            await send(tg_delivery("700"), "one too many")
        telegram.gate.error_rate = 1.0
        telegram.gate.overall = None
        with pytest.raises(ConnectionError):  # a 500: worth retrying later
            await send(tg_delivery("701"), "server error")
    assert telegram.gate.counts == {"ok": 5, "limited": 1, "error": 1}


async def test_telegram_wrong_token_is_retried_not_dropped(telegram):
    async with aiohttp.ClientSession() as session:
        send = telegram_sender(session, "999:wrong", telegram.api_url)
        with pytest.raises(ConnectionError):
            await send(tg_delivery(), "x")


async def test_telegram_blocked_bot_is_permanent(telegram):
    telegram.blocked.add(503)
    async with aiohttp.ClientSession() as session:
        send = telegram_sender(session, TOKEN, telegram.api_url)
        with pytest.raises(PermanentFailure) as refusal:
            await send(tg_delivery("503"), "x")
    assert refusal.value.reason == "Telegram 403" and telegram.delivered == []


async def test_sms_paced_per_number_in_segments(twilio):
    async with aiohttp.ClientSession() as session:
        send = sms_sender(session, SID, AUTH, ["+19725550001", "+19725550002"], twilio.api_url)
        await send(sms_delivery(lane="+19725550001"), "Hola, salió en libertad hoy.")
        with pytest.raises(RetryAfter):  # the same number, within its second
            await send(sms_delivery(to="+12025550602", lane="+19725550001"), "otro")
        await send(sms_delivery(to="+12025550602", lane="+19725550002"), "from the other number")
    assert [(to, source) for _, to, source, _ in twilio.delivered] == [
        ("+12025550601", "+19725550001"), ("+12025550602", "+19725550002")]


async def test_sms_invalid_number_is_permanent_and_bad_credentials_are_retried(twilio):
    async with aiohttp.ClientSession() as session:
        send = sms_sender(session, SID, AUTH, ["+19725550001"], twilio.api_url)
        with pytest.raises(PermanentFailure) as refusal:
            await send(sms_delivery(to="2025550603"), "x")  # not E.164: Twilio error 21211
        assert refusal.value.reason == "Twilio error 21211" and not refusal.value.opted_out
        wrong = sms_sender(session, SID, "wrong-token", ["+19725550001"], twilio.api_url)
        with pytest.raises(ConnectionError) as error:
            await wrong(sms_delivery(), "x")
        assert "+1202" not in str(error.value)  # no number in what is logged and stored
    assert twilio.delivered == []
