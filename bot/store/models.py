"""Tables, value objects, input checks and database setup of the subscription store.

Columns ending in ``_enc`` hold Fernet tokens and columns ending in ``_hash`` hold keyed HMACs
(see :mod:`bot.store.crypto`); nothing personal is stored in clear. The value objects hide their
personal fields from ``repr`` so that a stray log line or traceback cannot leak them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Optional, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import (
    CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.types import TypeDecorator

from bot.store.crypto import CHANNELS, ROOT, normalize_address

PROGRAMS = ("vine", "vns", "vnp")
LANGUAGES = ("en", "es")
STATUSES = ("pending_verification", "active", "cancelled")
PURPOSES = ("subscribe", "change_contact")
OUTBOX_KINDS = ("verification_code",)
OUTBOX_STATES = ("queued", "sent", "failed")
# Outbox texts; {minutes} comes from the code's time to live.
VERIFICATION_MESSAGES = {
    "en": "Your verification code is {code}. It expires in {minutes} minutes. "
    "If you did not ask for it, ignore this message.",
    "es": "Tu código de verificación es {code}. Vence en {minutes} minutos. "
    "Si no lo pediste, ignora este mensaje.",
}
# At most this many codes go to one contact in CODE_WINDOW, whoever asks (the dispatcher drops any
# more; the chat refuses to resend beyond it and says when a new code can be asked for). A stranger
# who types someone's number must not be able to flood that phone or inbox.
CODES_PER_WINDOW = 3
CODE_WINDOW_MINUTES = 60
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend.

    SQLite has no time zone type and hands back naive values while PostgreSQL returns aware
    ones; normalising here keeps comparisons such as ``now > expires_at`` backend-independent.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


# Explicit names: PostgreSQL index names are schema-wide, and named constraints can be migrated.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner_hash", String(64), nullable=False),
    Column("program", String(8), nullable=False),
    Column("state", String(2)),
    Column("federal_district", Text),
    Column("offender_name_enc", Text),
    Column("offender_number_enc", Text),
    Column("offender_dob_enc", Text),
    Column("offender_country", String(2)),
    Column("facility_enc", Text),
    Column("channel", String(16), nullable=False),
    Column("contact_enc", Text),
    Column("contact_hash", String(64)),
    # For matching events: keyed hashes of the offender's number (per program) and of name + date of birth.
    Column("offender_id_hash", String(64)),
    Column("offender_name_dob_hash", String(64)),
    # The conversation to deliver into (the Rasa conversation id, encrypted: an SMS one is a number).
    Column("conversation_enc", Text),
    Column("language", String(2), nullable=False),
    Column("quiet_start", String(5)),
    Column("quiet_end", String(5)),
    Column("timezone", String(64), nullable=False),
    Column("status", String(32), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    _one_of("program", PROGRAMS),
    _one_of("channel", CHANNELS),
    _one_of("language", LANGUAGES),
    _one_of("status", STATUSES),
    Index(None, "owner_hash"),
    Index(None, "contact_hash"),
    Index(None, "offender_id_hash"),
    Index(None, "offender_name_dob_hash"),
)

verifications = Table(
    "verifications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subscription_id", Integer, ForeignKey("subscriptions.id", ondelete="CASCADE")),
    Column("owner_hash", String(64), nullable=False),
    Column("purpose", String(16), nullable=False),
    Column("new_channel", String(16)),
    Column("new_contact_enc", Text),
    Column("new_contact_hash", String(64)),
    # Kept so that a resent code is worded in the language the first one was.
    Column("language", String(2), nullable=False, server_default="en"),
    Column("code_hash", String(64), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("attempts", Integer, nullable=False, default=0, server_default="0"),
    Column("max_attempts", Integer, nullable=False, default=5, server_default="5"),
    # Set when the verification is closed: consumed by a correct code, or made moot because
    # its subscription was cancelled.
    Column("used_at", UTCDateTime),
    _one_of("purpose", PURPOSES),
    Index(None, "owner_hash"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False),
    Column("contact_enc", Text),
    Column("body_enc", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("language", String(2), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False, default="queued", server_default="queued"),
    Column("attempts", Integer, nullable=False, default=0, server_default="0"),
    Index(None, "state"),
)

# Numbers that sent STOP (or BAJA, ...): nothing is sent to them until they send START. Every
# subscription using such a contact is paused. Only the keyed hash of the number is kept.
optouts = Table(
    "optouts",
    metadata,
    Column("contact_hash", String(64), primary_key=True),
    Column("created_at", UTCDateTime, nullable=False),
)

# Events received from sources (jails, prosecutors, feeds). The offender's identifiers are kept as
# keyed hashes for matching, the event itself encrypted. (source, source_event_id) is unique, so a
# resent event is recognised.
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(64), nullable=False),
    Column("source_event_id", String(128), nullable=False),
    Column("program", String(8), nullable=False),
    Column("type", String(32), nullable=False),
    Column("offender_id_hash", String(64)),
    Column("offender_name_dob_hash", String(64)),
    Column("payload_enc", Text, nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    UniqueConstraint("source", "source_event_id", name="source_event"),
)

# The status-message outbox: one row per (event, subscription). queued -> sending -> sent, or
# failed -> (retried) ... -> dead after too many tries. A row left in "sending" past its lease is
# claimed again, so a crashed dispatcher loses nothing.
DELIVERY_STATES = ("queued", "sending", "sent", "failed", "dead")
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("subscription_id", Integer, ForeignKey("subscriptions.id", ondelete="CASCADE"), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0, server_default="0"),
    Column("last_error", String(200)),
    Column("not_before", UTCDateTime, nullable=False),
    Column("lease_until", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    UniqueConstraint("event_id", "subscription_id", name="one_delivery"),
    _one_of("state", DELIVERY_STATES),
    Index(None, "state", "not_before"),
    Index(None, "channel", "state", "not_before"),
)

# Events that match a subscription by name and date of birth only: held for an operator, never sent.
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("subscription_id", Integer, ForeignKey("subscriptions.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("decided_at", UTCDateTime),
    UniqueConstraint("event_id", "subscription_id", name="one_review"),
)

# Signatures of accepted intake requests, kept for the replay window: a captured request sent
# again is refused.
intake_signatures = Table(
    "intake_signatures",
    metadata,
    Column("signature", String(64), primary_key=True),
    Column("seen_at", UTCDateTime, nullable=False),
)

status_events = Table(
    "status_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "subscription_id",
        Integer,
        ForeignKey("subscriptions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("kind", Text, nullable=False),
    Column("summary_en", Text),
    Column("summary_es", Text),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index(None, "subscription_id"),
)


@dataclass(frozen=True)
class OffenderDetails:
    """Who the victim wants to hear about. Personal fields are hidden from ``repr``."""

    name: Optional[str] = field(default=None, repr=False)
    number: Optional[str] = field(default=None, repr=False)
    dob: Optional[str] = field(default=None, repr=False)  # ISO date, YYYY-MM-DD
    country: Optional[str] = None
    facility: Optional[str] = field(default=None, repr=False)
    state: Optional[str] = None
    federal_district: Optional[str] = None


@dataclass(frozen=True)
class Contact:
    """Where notifications go; ``address`` is ``None`` for the ``web`` channel."""

    channel: str
    address: Optional[str] = field(default=None, repr=False)


@dataclass(frozen=True)
class Created:
    """Result of a write that may need verification.

    ``code`` is the plain 6-digit code, returned once (for development mode display) and
    only when verification is needed; it is hidden from ``repr``.
    """

    subscription_id: int
    status: str
    code: Optional[str] = field(default=None, repr=False)


@dataclass(frozen=True)
class SubscriptionView:
    """A subscription as shown to its owner: contact masked, offender label decrypted."""

    id: int
    program: str
    status: str
    channel: str
    contact_masked: Optional[str] = field(repr=False)
    offender_label: Optional[str] = field(repr=False)
    state: Optional[str]
    language: str
    created_at: datetime
    paused: bool = False  # the contact opted out (SMS STOP): nothing is sent until it opts back in


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a code check: verified, wrong, expired, locked or no_pending."""

    outcome: str
    remaining: int


@dataclass(frozen=True)
class Resent:
    """Outcome of asking for a code again: ``sent`` (a new code is queued), ``limited`` (the contact had
    its CODES_PER_WINDOW codes; ``wait_minutes`` until the next may go), ``locked`` (too many wrong
    codes) or ``none`` (no sign-up waits for a code). ``channel`` and ``contact_masked`` say where the
    code goes (masked: this is shown in the chat); ``code`` is for development mode only."""

    outcome: str
    channel: Optional[str] = None
    contact_masked: Optional[str] = field(default=None, repr=False)
    sent_recently: int = 0
    wait_minutes: int = 0
    code: Optional[str] = field(default=None, repr=False)


# --- input checks: messages name the field, never its value, since values may be personal ---


def check(condition: bool, message: str) -> None:
    """Raise ``ValueError(message)`` unless ``condition`` holds."""
    if not condition:
        raise ValueError(message)


def check_language(language: str) -> None:
    """Only the languages the assistant speaks."""
    check(language in LANGUAGES, "unknown language")


def two_letter_code(value: Optional[str], what: str) -> Optional[str]:
    """Upper-cased USPS state or ISO country code; blank becomes ``None``."""
    if value is None or not value.strip():
        return None
    value = value.strip().upper()
    check(len(value) == 2 and value.isalpha(), f"{what} must be a two-letter code")
    return value


def check_contact(language: str, contact: Contact, verify: bool) -> Optional[str]:
    """Validate a contact for a write and return its normalised address."""
    check_language(language)
    address = normalize_address(contact.channel, contact.address)
    check(not (verify and address is None), "the web channel cannot receive a code")
    return address


def check_details(program: str, offender: OffenderDetails,
                  quiet: Optional[tuple[str, str]], tz_name: str) -> None:
    """Validate the non-contact fields of a new subscription."""
    check(program in PROGRAMS, "unknown program")
    if quiet is not None:
        check(len(quiet) == 2 and all(isinstance(t, str) and _HHMM.match(t) for t in quiet),
              "quiet hours must be two 'HH:MM' times")
    try:
        ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError("unknown time zone") from None
    if offender.dob:
        try:
            date.fromisoformat(offender.dob)
        except ValueError:
            raise ValueError("offender date of birth must be YYYY-MM-DD") from None


# --- database setup -------------------------------------------------------------------------


def resolve_url(url: Union[str, URL]) -> URL:
    """Anchor relative SQLite paths at the repository root, creating the directory."""
    parsed = make_url(url)
    db = parsed.database
    in_file = db and db != ":memory:" and not db.startswith("file:")
    if parsed.get_backend_name() == "sqlite" and in_file:
        path = Path(db)
        if not path.is_absolute():
            path = ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        parsed = parsed.set(database=str(path))
    return parsed


def sqlite_foreign_keys(dbapi_connection, _record) -> None:
    """Connect hook: SQLite ignores REFERENCES clauses unless asked, on every connection. WAL lets
    the action server, the web service and the dispatcher (separate processes) read while one
    writes; a writer waits up to 10 s for another instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
