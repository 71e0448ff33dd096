"""Fixtures for the custom-action tests: the real domain, a tracker builder and a temporary store
behind actions.common (tests that do not ask for it fail loudly if an action opens the store)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import actions.common
from bot.settings import settings
from bot.store import Store
from tests.actions.support import make_tracker

ROOT = Path(__file__).resolve().parents[2]


class _NoStore:
    def __getattr__(self, name):
        raise AssertionError("this test reached the subscription store without the action_store fixture")


@pytest.fixture(scope="session")
def domain():
    """domain.yml as the dict Rasa sends to the action server."""
    from rasa.shared.core.domain import Domain

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Domain.load(str(ROOT / "domain.yml")).as_dict()


@pytest.fixture
def tracker(domain):
    """tracker(text=..., intent=..., entities=[...], slots={...}, active_loop=..., channel=...)."""

    def build(**kwargs):
        return make_tracker(domain, **kwargs)

    return build


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    """Settings from a clean environment; no real store, no dev mode unless a test sets it."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'never.db'}")
    monkeypatch.delenv("BOT_DEV_MODE", raising=False)
    monkeypatch.delenv("BOT_PHONE_REGION", raising=False)
    settings.cache_clear()
    actions.common._store = _NoStore()
    yield
    actions.common._store = None
    settings.cache_clear()


@pytest.fixture
async def action_store(tmp_path, data_key):
    """A fresh SQLite store that the actions use (actions.common._store)."""
    opened = Store.from_url(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", key=data_key)
    await opened.init()
    actions.common._store = opened
    yield opened
    actions.common._store = None
    await opened.close()
