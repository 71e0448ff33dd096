"""Rasa's SQL tracker store with the conversation encrypted at rest.

A conversation holds what the person typed: names, phone numbers, e-mail addresses. Each event's
JSON is stored encrypted (Fernet, the store's key: BOT_DATA_KEY or the development key in var/),
and the conversation id is stored as a keyed hash, since an SMS conversation's id is a phone number.
The columns Rasa queries on (event type, intent and action names, timestamps) stay readable; they
hold no personal data. Lookups by conversation id still work because the hashing happens in the
column type, for inserts and comparisons alike.

endpoints.yml:  tracker_store: {type: bot.tracker_store.EncryptedSQLTrackerStore, dialect: sqlite, db: ...}
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.types import TypeDecorator

from bot.safety import context
from bot.settings import settings
from bot.store.crypto import Cipher, load_key


@lru_cache(maxsize=1)
def _cipher() -> Cipher:
    return Cipher(load_key(settings().var_dir))


class EncryptedText(TypeDecorator):
    """Text encrypted with Fernet on the way in, decrypted on the way out."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Optional[str], dialect: Any) -> Optional[str]:
        return _cipher().encrypt(value)

    def process_result_value(self, value: Optional[str], dialect: Any) -> Optional[str]:
        return _cipher().decrypt(value)


class HashedId(TypeDecorator):
    """A conversation id stored (and compared) as its keyed hash."""

    impl = sa.String(255)
    cache_ok = True

    def process_bind_param(self, value: Optional[str], dialect: Any) -> Optional[str]:
        return None if value is None else _cipher().digest(f"conversation:{value}")


class EncryptedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose `events` table keeps conversation ids hashed and event data encrypted."""

    Base = declarative_base()

    class SQLEvent(Base):  # type: ignore[valid-type, misc]
        __tablename__ = "events"

        id = sa.Column(sa.Integer, sa.Sequence("events_seq", optional=True), primary_key=True)
        sender_id = sa.Column(HashedId, nullable=False, index=True)
        type_name = sa.Column(sa.String(255), nullable=False)
        timestamp = sa.Column(sa.Float)
        intent_name = sa.Column(sa.String(255))
        action_name = sa.Column(sa.String(255))
        data = sa.Column(EncryptedText)

    async def save(self, tracker: Any) -> None:
        await super().save(tracker)
        # The question now open, for the safety layer's next reading (bot/safety/context.py).
        context.remember(tracker.sender_id, context.question_of(
            tracker.active_loop_name, tracker.get_slot("requested_slot"), tracker.get_slot("stage")))
        context.remember_language(tracker.sender_id, tracker.get_slot("language"))
