"""The real assistant, started the way `make run` starts it (python -m bot.run), on free ports.

One instance serves the whole session (starting Rasa takes close to a minute). Its logs go to a
file that tests/e2e/test_privacy.py scans. Stopping it with SIGTERM is checked at the end: it must
exit cleanly, and every server it started must be gone.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Dict

import pytest
from cryptography.fernet import Fernet

from bot.launcher import Server, port_open, start_assistant
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.twilio_api import FakeTwilio

MODEL = Path(__file__).resolve().parents[2] / "models" / "current.tar.gz"


class Assistant(Server):
    """The launcher's server plus what the tests read: texts, slots, the store's URL and key."""

    def texts(self, sender: str, message: str) -> str:
        return "\n".join(m.get("text") or "" for m in self.say(sender, message))

    def get(self, path: str, token: str = None):
        return self.request("GET", path, token=token)

    def slots(self, sender: str) -> Dict[str, Any]:
        return self.tracker(sender)["slots"]

    @property
    def database_url(self) -> str:
        return self.env["DATABASE_URL"]

    @property
    def data_key(self) -> str:
        return self.env["BOT_DATA_KEY"]


TELEGRAM_TOKEN = "123456:TEST-token-for-the-fake-api"
# A constant: the test modules import it, and conftest may be loaded twice under two names.
TELEGRAM_SECRET = "e2e-telegram-webhook-secret-5f0c1d"


@pytest.fixture(scope="session")
def telegram():
    """The fake Bot API server the assistant's Telegram channel talks to."""
    fake = FakeTelegram(TELEGRAM_TOKEN).start()
    yield fake
    fake.stop()


TWILIO_SID, TWILIO_TOKEN = "AC" + "0" * 32, "twilio-test-auth-token"
EVENT_SOURCE, EVENT_KEY = "test-feed", "event-source-key-for-the-e2e-tests"
TWILIO_FROM = "+12025550100"
TWILIO_PUBLIC_URL = "https://sms.example.org/webhooks/twilio/webhook"  # what Twilio is configured to call


@pytest.fixture(scope="session")
def twilio():
    """The fake Twilio REST API the assistant's SMS channel sends through."""
    fake = FakeTwilio(TWILIO_SID, TWILIO_TOKEN).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def assistant(tmp_path_factory, telegram, twilio) -> Assistant:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make test` (it trains first)")
    channels = {"TELEGRAM_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_MODE": "webhook",
                "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET, "TELEGRAM_API_URL": telegram.api_url,
                "TWILIO_ACCOUNT_SID": TWILIO_SID, "TWILIO_AUTH_TOKEN": TWILIO_TOKEN, "TWILIO_FROM": TWILIO_FROM,
                "TWILIO_PUBLIC_URL": TWILIO_PUBLIC_URL, "TWILIO_API_URL": twilio.api_url,
                "EVENT_SOURCES": f"{EVENT_SOURCE}={EVENT_KEY}"}
    server = start_assistant(tmp_path_factory.mktemp("var"), Fernet.generate_key().decode(),
                             jwt_secret="e2e-" + uuid.uuid4().hex, extra_env=channels)
    server.__class__ = Assistant
    yield server
    # Ctrl-C / SIGTERM stop everything bot.run started.
    assert server.stop() == 0, "bot.run did not exit cleanly on SIGTERM"
    assert not any(port_open(p) for p in (server.rasa_port, server.action_port, server.web_port)), \
        "a server outlived bot.run"


@pytest.fixture
def sender() -> str:
    """A new conversation id per test."""
    return f"e2e-{uuid.uuid4().hex[:12]}"
