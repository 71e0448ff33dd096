"""The SMS sender on its own, against the fake Twilio API: nothing goes to an opted-out number (also
a late reply that was produced before the STOP), and long replies are split by measured segments."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from bot.channels import sms
from bot.channels.sms import TwilioSender, segments, split_sms
from bot.store import Store
from tests.fakes.twilio_api import FakeTwilio

SID, TOKEN = "AC" + "1" * 32, "sending-test-token"


@pytest.fixture
def fake():
    server = FakeTwilio(SID, TOKEN).start()
    yield server
    server.stop()


@pytest.fixture
async def store(tmp_path, monkeypatch):
    opened = Store.from_url(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", key=Fernet.generate_key())
    await opened.init()
    monkeypatch.setattr(sms._Store, "_store", opened)
    yield opened
    await opened.close()


async def test_a_late_reply_to_an_opted_out_number_is_not_sent(fake, store):
    sender = TwilioSender(SID, TOKEN, "+12025550100", api_url=fake.api_url)
    await sender.send("sms:+12025550199", "before STOP")
    assert await store.opt_out("sms", "+12025550199") is True
    assert await store.opt_out("sms", "+12025550199") is False  # a second STOP is not new
    await sender.send("sms:+12025550199", "a reply produced before the STOP arrived")
    assert fake.to("+12025550199") == ["before STOP"]


async def test_long_replies_are_split_into_few_segments(fake, store):
    sender = TwilioSender(SID, TOKEN, "+12025550100", api_url=fake.api_url)
    await sender.send("sms:+12025550198", "Su mensaje está aquí. " * 60)
    bodies = fake.to("+12025550198")
    assert len(bodies) > 1 and all(segments(b) <= 4 for b in bodies)


@pytest.mark.parametrize("text", ["€" * 700, "😀" * 400, "a" * 2000, "Sí. " * 300])
def test_every_part_fits_four_segments(text):
    parts = split_sms(text)
    assert parts and all(segments(p) <= 4 for p in parts)
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")
