"""The subscription store: every read and write the assistant makes about subscriptions.

Each public write runs in one transaction (``engine.begin()``), so an error part-way leaves
nothing behind. Personal values are encrypted before they are bound to a statement, which also
keeps them out of database error messages; logs carry only row ids and counts.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from dataclasses import dataclass, field
import re
import secrets
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path
from typing import AsyncIterator, Optional, Union

from sqlalchemy import and_, case, delete, event, func, or_, select, update
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.store import crypto
from bot.store.codes import recent_codes, wait_minutes
from bot.store.crypto import mask_address, normalize_address
from bot.store.links import UnsubscribeLinks, UnsubscribeTarget
from bot.store.models import (
    VERIFICATION_MESSAGES, Contact, Created, OffenderDetails, Resent, SubscriptionView, VerifyResult,
    check, check_contact, check_details, check_language, deliveries, events, intake_signatures, optouts, outbox,
    resolve_url, reviews,
    sqlite_foreign_keys, status_events, subscriptions, two_letter_code, verifications,
)

log = logging.getLogger(__name__)


class Replayed(Exception):
    """An intake request whose signature was already used."""


@dataclass(frozen=True)
class SentMark:
    """A delivery that went out, and the news it carried (for "any news?")."""

    delivery: int
    subscription: int
    kind: str
    occurred_at: datetime
    summary_en: str = field(repr=False)
    summary_es: str = field(repr=False)


@dataclass(frozen=True)
class EventResult:
    """What intake did with an event: its id, whether it was known, deliveries queued, held for review."""

    event_id: int
    duplicate: bool
    matched: int
    held_for_review: int


URGENT_TYPES = frozenset({"release", "escape"})


def not_before(event_type: str, quiet_start: Optional[str], quiet_end: Optional[str], tz: str,
               now: datetime) -> datetime:
    """When a delivery may go: at once for urgent news (release, escape) or outside quiet hours;
    otherwise at the end of the subscriber's quiet hours, in the subscriber's time zone."""
    if event_type in URGENT_TYPES or not quiet_start or not quiet_end:
        return now
    from zoneinfo import ZoneInfo

    local = now.astimezone(ZoneInfo(tz))
    start = local.replace(hour=int(quiet_start[:2]), minute=int(quiet_start[3:]), second=0, microsecond=0)
    end = local.replace(hour=int(quiet_end[:2]), minute=int(quiet_end[3:]), second=0, microsecond=0)
    if start <= end:  # e.g. 01:00-06:00
        quiet = start <= local < end
        resume = end
    else:  # across midnight, e.g. 22:00-07:00
        quiet = local >= start or local < end
        resume = end if local < end else end + timedelta(days=1)
    return resume.astimezone(UTC) if quiet else now

DEFAULT_URL = "sqlite+aiosqlite:///var/bot.db"
CODE_TTL = timedelta(minutes=15)
MAX_ATTEMPTS = 5
UTC = dt_timezone.utc
def _utcnow() -> datetime:
    return datetime.now(UTC)


class Store:
    """Async repository over the subscriptions, verifications, outbox and status_events tables.

    ``engine`` is public so the push pipeline (and tests) can share it; nothing else here is.
    """

    def __init__(self, engine: AsyncEngine, cipher: crypto.Cipher):
        self.engine = engine
        self._cipher = cipher
        self._links = UnsubscribeLinks(cipher)
        self._sqlite_writer: Optional[asyncio.Lock] = None

    def __repr__(self) -> str:
        return f"Store({self.engine.dialect.name})"

    @classmethod
    def from_url(cls, url: Union[str, URL] = DEFAULT_URL, *, key: Optional[crypto.KeyLike] = None,
                 var_dir: Optional[Union[str, Path]] = None, **engine_kwargs) -> "Store":
        """Build a store for ``url`` (no connection is made until first use).

        ``key`` defaults to :func:`crypto.load_key` (``BOT_DATA_KEY`` or the dev key file).
        Extra keyword arguments go to ``create_async_engine``.
        """
        cipher = crypto.Cipher(key if key is not None else crypto.load_key(var_dir))
        resolved = resolve_url(url)
        # Bound parameters are ciphertexts and hashes, but they have no place in tracebacks.
        engine_kwargs.setdefault("hide_parameters", True)
        engine = create_async_engine(resolved, future=True, **engine_kwargs)
        if resolved.get_backend_name() == "sqlite":
            event.listen(engine.sync_engine, "connect", sqlite_foreign_keys)
        return cls(engine, cipher)

    async def init(self) -> None:
        """Create the tables that do not exist yet."""
        async with self.engine.begin() as conn:
            await conn.run_sync(subscriptions.metadata.create_all)

    @contextlib.asynccontextmanager
    async def _begin(self) -> AsyncIterator[AsyncConnection]:
        """A write transaction. On SQLite it takes the write lock at once (BEGIN IMMEDIATE): a
        transaction that reads and then writes would otherwise fail with "database is locked",
        without waiting, when another process wrote in between (the web service's intake, the
        action server and the dispatcher share the file)."""
        if self.engine.dialect.name != "sqlite":
            async with self.engine.begin() as conn:
                yield conn
            return
        # One writer at a time from this process: they queue here, in order, rather than all
        # polling SQLite's lock (whose waits are unfair: under a burst some time out).
        if self._sqlite_writer is None:
            self._sqlite_writer = asyncio.Lock()
        async with self._sqlite_writer:
            async with self.engine.begin() as conn:
                await conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn

    async def close(self) -> None:
        """Release all pooled connections."""
        await self.engine.dispose()

    # --- hashing helpers; the prefixes keep the three kinds of digest from ever colliding ---

    def _owner(self, owner: str) -> str:
        check(bool(owner), "owner is required")
        return self._cipher.digest(f"owner:{owner}")

    def _contact_hash(self, channel: str, address: Optional[str]) -> Optional[str]:
        return None if address is None else self._cipher.digest(f"contact:{channel}:{address}")

    def offender_hashes(self, program: str, number: Optional[str], name: Optional[str],
                        dob: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        """Keyed hashes that let an event find its subscriptions without storing identifiers in
        clear: the offender's number (per program, case-insensitive) and name + date of birth."""
        id_hash = self._cipher.digest(f"offender-id:{program}:{number.strip().upper()}") if number else None
        name_dob = (self._cipher.digest(f"offender-name-dob:{' '.join(name.lower().split())}:{dob}")
                    if name and dob else None)
        return id_hash, name_dob

    def _code_hash(self, owner_hash: str, code: str) -> str:
        return self._cipher.digest(f"code:{owner_hash}:{code}")

    # --- writes ----------------------------------------------------------------------------

    async def create_subscription(
        self, owner: str, program: str, offender: OffenderDetails, contact: Contact,
        language: str, quiet: Optional[tuple[str, str]], timezone: str, verify: bool,
        code_ttl: timedelta = CODE_TTL, conversation: Optional[str] = None,
    ) -> Created:
        """Store a subscription; with ``verify`` it waits for a code sent through the outbox."""
        check_details(program, offender, quiet, timezone)
        address = check_contact(language, contact, verify)
        owner_hash, now, enc = self._owner(owner), _utcnow(), self._cipher.encrypt
        status = "pending_verification" if verify else "active"
        row = dict(
            owner_hash=owner_hash, program=program, status=status, language=language,
            state=two_letter_code(offender.state, "state"),
            federal_district=offender.federal_district,
            offender_name_enc=enc(offender.name), offender_number_enc=enc(offender.number),
            offender_dob_enc=enc(offender.dob), facility_enc=enc(offender.facility),
            offender_country=two_letter_code(offender.country, "country"),
            channel=contact.channel, contact_enc=enc(address),
            contact_hash=self._contact_hash(contact.channel, address),
            quiet_start=quiet[0] if quiet else None, quiet_end=quiet[1] if quiet else None,
            timezone=timezone, created_at=now, updated_at=now,
            conversation_enc=enc(conversation),
        )
        row["offender_id_hash"], row["offender_name_dob_hash"] = self.offender_hashes(
            program, offender.number, offender.name, offender.dob)
        code = None
        async with self._begin() as conn:
            result = await conn.execute(subscriptions.insert().values(**row))
            sub_id = result.inserted_primary_key[0]
            if verify:
                code = await self._open_verification(
                    conn, owner_hash, sub_id, "subscribe", contact.channel, row["contact_enc"],
                    None, language, code_ttl, now)
        log.info("subscription %s created with status %s", sub_id, status)
        return Created(subscription_id=sub_id, status=status, code=code)

    async def verify_code(self, owner: str, code: str,
                          now: Optional[datetime] = None) -> VerifyResult:
        """Check ``code`` against the owner's newest open verification and apply it if right."""
        now = (now if now.tzinfo else now.replace(tzinfo=UTC)) if now else _utcnow()
        owner_hash = self._owner(owner)
        async with self._begin() as conn:
            row = await self._newest_open(conn, owner_hash)
            if row is None:
                return VerifyResult("no_pending", 0)
            remaining = row.max_attempts - row.attempts
            if remaining <= 0:
                return VerifyResult("locked", 0)
            if now >= row.expires_at:
                return VerifyResult("expired", remaining)
            candidate = re.sub(r"[\s-]", "", code or "")
            # Constant-time comparison, so response timing says nothing about the code.
            if not hmac.compare_digest(self._code_hash(owner_hash, candidate), row.code_hash):
                await conn.execute(update(verifications).where(verifications.c.id == row.id)
                                   .values(attempts=verifications.c.attempts + 1))
                remaining -= 1
                log.info("verification %s: wrong code, %s attempts left", row.id, remaining)
                return VerifyResult("wrong" if remaining > 0 else "locked", remaining)
            await conn.execute(update(verifications).where(verifications.c.id == row.id)
                               .values(used_at=now))
            if row.purpose == "subscribe":
                await conn.execute(
                    update(subscriptions)
                    .where(subscriptions.c.id == row.subscription_id,
                           subscriptions.c.status == "pending_verification")
                    .values(status="active", updated_at=now))
            else:
                await self._apply_contact(conn, owner_hash, row.new_channel, row.new_contact_enc,
                                          row.new_contact_hash, now)
        log.info("verification %s succeeded", row.id)
        return VerifyResult("verified", remaining)

    async def resend_code(self, owner: str, language: Optional[str] = None,
                          code_ttl: timedelta = CODE_TTL) -> Optional[str]:
        """The new code of :meth:`resend`, or ``None`` when none was sent."""
        return (await self.resend(owner, language, code_ttl=code_ttl)).code

    async def resend(self, owner: str, language: Optional[str] = None, contact: Optional[Contact] = None,
                     code_ttl: timedelta = CODE_TTL, now: Optional[datetime] = None) -> Resent:
        """Replace the code of the newest open verification and queue it again, to ``contact`` when one
        is given (the person corrected the address, or chose another channel).

        The old code stops working. Attempts are not reset, so resending cannot be used to get
        around the lock. A contact that had CODES_PER_WINDOW codes in the window gets none, and
        nothing changes (the code already sent still works).
        """
        if language is not None:
            check_language(language)
        now = (now if now.tzinfo else now.replace(tzinfo=UTC)) if now else _utcnow()
        owner_hash = self._owner(owner)
        async with self._begin() as conn:
            row = await self._newest_open(conn, owner_hash)
            if row is None:
                return Resent("none")
            if row.attempts >= row.max_attempts:
                return Resent("locked")
            channel, contact_enc = await self._destination(conn, row)
            address = self._cipher.decrypt(contact_enc)
            if contact is not None:
                address, channel = check_contact(language or row.language, contact, True), contact.channel
                contact_enc = self._cipher.encrypt(address)
            shown = mask_address(channel, address)
            sent = await recent_codes(conn, self._cipher, channel, address, now)
            wait = wait_minutes(sent, now)
            if wait:
                log.info("verification %s: code not resent, the contact's limit is reached", row.id)
                return Resent("limited", channel, shown, len(sent), wait)
            if contact is not None:
                contact_hash = self._contact_hash(channel, address)
                await self._retarget(conn, row, channel, contact_enc, contact_hash, now)
            code, language = f"{secrets.randbelow(10**6):06d}", language or row.language
            await conn.execute(
                update(verifications).where(verifications.c.id == row.id)
                .values(code_hash=self._code_hash(owner_hash, code), expires_at=now + code_ttl,
                        language=language))
            await self._enqueue(conn, channel, contact_enc, code, language, code_ttl, now)
        log.info("verification %s: code resent%s", row.id, " to a new contact" if contact else "")
        return Resent("sent", channel, shown, len(sent) + 1, 0, code)

    async def code_destination(self, owner: str) -> Optional[tuple[str, str]]:
        """(channel, masked contact) of the code the owner waits for, or ``None``."""
        async with self.engine.connect() as conn:
            row = await self._newest_open(conn, self._owner(owner), lock=False)
            if row is None:
                return None
            channel, contact_enc = await self._destination(conn, row)
        return channel, mask_address(channel, self._cipher.decrypt(contact_enc))

    async def cancel(self, owner: str, subscription_id: Optional[int] = None) -> int:
        """Cancel one subscription of ``owner`` (or all with ``None``); returns how many."""
        owner_hash, now = self._owner(owner), _utcnow()
        cond = and_(subscriptions.c.owner_hash == owner_hash, subscriptions.c.status != "cancelled")
        if subscription_id is not None:
            cond = and_(cond, subscriptions.c.id == subscription_id)
        async with self._begin() as conn:
            found = await conn.execute(select(subscriptions.c.id).where(cond).with_for_update())
            ids = found.scalars().all()
            if not ids:
                return 0
            await conn.execute(update(subscriptions).where(subscriptions.c.id.in_(ids))
                               .values(status="cancelled", updated_at=now))
            # A code must not revive a cancelled subscription, so its verification is closed.
            open_ = and_(verifications.c.owner_hash == owner_hash,
                         verifications.c.used_at.is_(None))
            await conn.execute(update(verifications)
                               .where(open_, verifications.c.subscription_id.in_(ids))
                               .values(used_at=now))
            if await self._newest_active_id(conn, owner_hash) is None:
                # Nothing left for a pending contact change to apply to.
                await conn.execute(update(verifications)
                                   .where(open_, verifications.c.purpose == "change_contact")
                                   .values(used_at=now))
        log.info("cancelled %s subscription(s)", len(ids))
        return len(ids)

    async def set_quiet_hours(self, owner: str, quiet: Optional[tuple[str, str]],
                              subscription_id: Optional[int] = None) -> int:
        """Set (or with ``None`` remove) the quiet hours of one subscription of ``owner``, or of all
        its non-cancelled ones; returns how many were changed."""
        if quiet is not None:
            check_details("vine", OffenderDetails(), quiet, "UTC")  # the same check as at sign-up
        cond = and_(subscriptions.c.owner_hash == self._owner(owner), subscriptions.c.status != "cancelled")
        if subscription_id is not None:
            cond = and_(cond, subscriptions.c.id == subscription_id)
        async with self._begin() as conn:
            result = await conn.execute(update(subscriptions).where(cond).values(
                quiet_start=quiet[0] if quiet else None, quiet_end=quiet[1] if quiet else None,
                updated_at=_utcnow()))
        log.info("quiet hours changed on %s subscription(s)", result.rowcount)
        return result.rowcount

    async def discard_pending(self, owner: str) -> int:
        """Delete the owner's sign-ups that never got their code (the person gave up or cancelled):
        nothing of an abandoned sign-up is kept. Returns how many were deleted."""
        owner_hash = self._owner(owner)
        cond = and_(subscriptions.c.owner_hash == owner_hash, subscriptions.c.status == "pending_verification")
        async with self._begin() as conn:
            ids = (await conn.execute(select(subscriptions.c.id).where(cond).with_for_update())).scalars().all()
            if ids:
                await conn.execute(delete(verifications).where(verifications.c.subscription_id.in_(ids)))
                await conn.execute(delete(subscriptions).where(subscriptions.c.id.in_(ids)))
            # An open contact change that was abandoned is closed too.
            await conn.execute(update(verifications).where(
                verifications.c.owner_hash == owner_hash, verifications.c.used_at.is_(None),
                verifications.c.purpose == "change_contact").values(used_at=_utcnow()))
        log.info("discarded %s pending subscription(s)", len(ids))
        return len(ids)

    async def change_contact(self, owner: str, contact: Contact, language: str, verify: bool,
                             code_ttl: timedelta = CODE_TTL) -> Optional[Created]:
        """Move all non-cancelled subscriptions of ``owner`` to a new contact.

        Without ``verify`` the change applies at once (status ``'active'``); with it a code goes
        to the new contact and the change waits (``'pending_verification'``). ``language`` is
        that of the code message. ``subscription_id`` is the owner's newest affected
        subscription. ``None`` when the owner has no subscriptions to change.
        """
        address = check_contact(language, contact, verify)
        owner_hash, now = self._owner(owner), _utcnow()
        contact_enc = self._cipher.encrypt(address)
        contact_hash = self._contact_hash(contact.channel, address)
        async with self._begin() as conn:
            newest = await self._newest_active_id(conn, owner_hash)
            if newest is None:
                return None
            if verify:
                code = await self._open_verification(
                    conn, owner_hash, None, "change_contact", contact.channel, contact_enc,
                    contact_hash, language, code_ttl, now)
                return Created(subscription_id=newest, status="pending_verification", code=code)
            await self._apply_contact(conn, owner_hash, contact.channel, contact_enc,
                                      contact_hash, now)
        return Created(subscription_id=newest, status="active", code=None)

    # --- reads -----------------------------------------------------------------------------

    async def list_subscriptions(self, owner: str,
                                 include_cancelled: bool = False) -> list[SubscriptionView]:
        """The owner's subscriptions, oldest first, with masked contacts."""
        cond = subscriptions.c.owner_hash == self._owner(owner)
        if not include_cancelled:
            cond = and_(cond, subscriptions.c.status != "cancelled")
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(subscriptions).where(cond)
                                       .order_by(subscriptions.c.id))).all()
            hashes = [row.contact_hash for row in rows if row.contact_hash]
            paused = set((await conn.execute(select(optouts.c.contact_hash)
                                             .where(optouts.c.contact_hash.in_(hashes)))).scalars().all()) if hashes else set()
        return [self._view(row, row.contact_hash in paused) for row in rows]

    async def latest_status(self, owner: str) -> list[tuple[SubscriptionView, Optional[dict]]]:
        """Each non-cancelled subscription with its newest status event (or ``None``)."""
        views = await self.list_subscriptions(owner)
        if not views:
            return []
        ev = status_events.c
        rn = func.row_number().over(partition_by=ev.subscription_id,
                                    order_by=(ev.occurred_at.desc(), ev.id.desc())).label("rn")
        ranked = (select(ev.subscription_id, ev.kind, ev.summary_en, ev.summary_es,
                         ev.occurred_at, rn)
                  .where(ev.subscription_id.in_([v.id for v in views])).subquery())
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(ranked).where(ranked.c.rn == 1))).all()
        latest = {r.subscription_id: {"kind": r.kind, "summary_en": r.summary_en,
                                      "summary_es": r.summary_es, "occurred_at": r.occurred_at}
                  for r in rows}
        return [(view, latest.get(view.id)) for view in views]

    # --- events from sources ------------------------------------------------------------------

    async def record_event(self, event: dict, signature: str, window: timedelta = timedelta(minutes=5),
                           now: Optional[datetime] = None) -> "EventResult":
        """Store a validated event and match it to subscriptions; a resend of a known event
        returns the first result and changes nothing.

        Raises ``Replayed`` for a request signature already seen inside the window: a captured
        request sent again stores nothing. Everything happens in one transaction.
        """
        now = now or _utcnow()
        offender = event.get("offender") or {}
        id_hash, name_dob_hash = self.offender_hashes(event["program"], offender.get("id"), offender.get("name"),
                                                      offender.get("dob"))
        occurred = datetime.fromisoformat(event["occurred_at"].replace("Z", "+00:00").replace("z", "+00:00"))
        async with self._begin() as conn:
            await conn.execute(delete(intake_signatures).where(intake_signatures.c.seen_at < now - window))
            seen = (await conn.execute(select(intake_signatures.c.signature)
                                       .where(intake_signatures.c.signature == signature))).first()
            if seen is not None:
                raise Replayed()
            await conn.execute(intake_signatures.insert().values(signature=signature, seen_at=now))
            known = (await conn.execute(select(events.c.id).where(
                events.c.source == event["source"], events.c.source_event_id == event["id"]))).scalar()
            if known is not None:
                matched = (await conn.execute(select(func.count()).select_from(deliveries)
                                              .where(deliveries.c.event_id == known))).scalar_one()
                held = (await conn.execute(select(func.count()).select_from(reviews)
                                           .where(reviews.c.event_id == known))).scalar_one()
                return EventResult(known, True, matched, held)
            result = await conn.execute(events.insert().values(
                source=event["source"], source_event_id=event["id"], program=event["program"],
                type=event["type"], offender_id_hash=id_hash, offender_name_dob_hash=name_dob_hash,
                payload_enc=self._cipher.encrypt(json.dumps(event, ensure_ascii=False)),
                occurred_at=occurred, received_at=now))
            event_id = result.inserted_primary_key[0]
            matched, held = await self._match(conn, event_id, event, id_hash, name_dob_hash, now)
        log.info("event %s recorded: %s deliveries queued, %s held for review", event_id, matched, held)
        return EventResult(event_id, False, matched, held)

    async def _match(self, conn: AsyncConnection, event_id: int, event: dict, id_hash: Optional[str],
                     name_dob_hash: Optional[str], now: datetime) -> tuple[int, int]:
        """Queue a delivery for each active subscription with the event's program and offender
        number; a match on name and date of birth alone is held for an operator's review."""
        live = and_(subscriptions.c.program == event["program"], subscriptions.c.status == "active")
        by_id = []
        if id_hash:
            by_id = (await conn.execute(select(subscriptions).where(
                live, subscriptions.c.offender_id_hash == id_hash))).all()
        for sub in by_id:
            await conn.execute(deliveries.insert().values(
                event_id=event_id, subscription_id=sub.id, channel=sub.channel, state="queued", attempts=0,
                not_before=not_before(event["type"], sub.quiet_start, sub.quiet_end, sub.timezone, now),
                created_at=now))
        held = 0
        if name_dob_hash:
            matched_ids = {sub.id for sub in by_id}
            for sub in (await conn.execute(select(subscriptions).where(
                    live, subscriptions.c.offender_name_dob_hash == name_dob_hash))).all():
                if sub.id not in matched_ids:
                    await conn.execute(reviews.insert().values(event_id=event_id, subscription_id=sub.id,
                                                               created_at=now))
                    held += 1
        return len(by_id), held

    # --- deliveries (the status-message outbox) ---------------------------------------------------

    async def claim_deliveries(self, limit: int, lease: timedelta, now: Optional[datetime] = None,
                               channel: Optional[str] = None) -> list[dict]:
        """Claim up to `limit` deliveries that are due (of one channel, if given): queued or failed
        ones whose time has come, and "sending" ones whose lease ran out (their dispatcher died). They
        become "sending" with a new lease. On PostgreSQL concurrent dispatchers skip each other's rows
        (FOR UPDATE SKIP LOCKED)."""
        now = now or _utcnow()
        due = ((deliveries.c.state.in_(("queued", "failed")) & (deliveries.c.not_before <= now))
               | ((deliveries.c.state == "sending") & (deliveries.c.lease_until < now)))
        if channel is not None:
            due = due & (deliveries.c.channel == channel)
        # Releases and escapes first: in a burst they must not wait behind court-date notices.
        urgent = case((events.c.type.in_(sorted(URGENT_TYPES)), 0), else_=1)
        query = (select(deliveries.c.id)
                 .select_from(deliveries.join(events, deliveries.c.event_id == events.c.id))
                 .where(due).order_by(urgent, deliveries.c.not_before, deliveries.c.id).limit(limit))
        if self.engine.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True, of=deliveries)
        dec = self._cipher.decrypt
        # On SQLite (no SKIP LOCKED) the write lock is taken before reading (_begin), so two
        # dispatchers (or a dispatcher and its successor) never claim the same rows.
        async with self._begin() as conn:
            ids = (await conn.execute(query)).scalars().all()
            if not ids:
                return []
            await conn.execute(update(deliveries).where(deliveries.c.id.in_(ids))
                               .values(state="sending", lease_until=now + lease))
            rows = (await conn.execute(
                select(deliveries.c.id, deliveries.c.attempts, deliveries.c.event_id, subscriptions.c.id.label("sub_id"),
                       subscriptions.c.channel, subscriptions.c.contact_enc, subscriptions.c.conversation_enc,
                       subscriptions.c.language, subscriptions.c.status, subscriptions.c.offender_name_enc,
                       subscriptions.c.program, events.c.type, events.c.payload_enc, events.c.occurred_at,
                       optouts.c.contact_hash.label("opted_out"))
                .select_from(deliveries.join(subscriptions, deliveries.c.subscription_id == subscriptions.c.id)
                             .join(events, deliveries.c.event_id == events.c.id)
                             .outerjoin(optouts, optouts.c.contact_hash == subscriptions.c.contact_hash))
                .where(deliveries.c.id.in_(ids)).order_by(deliveries.c.id))).all()
        claimed, payloads = [], {}
        for row in rows:
            if row.event_id not in payloads:  # one event fans out to many rows: decrypted once
                payloads[row.event_id] = json.loads(dec(row.payload_enc))
            payload = payloads[row.event_id]
            claimed.append({
                "id": row.id, "attempts": row.attempts, "event_id": row.event_id, "subscription_id": row.sub_id,
                "channel": row.channel, "contact": dec(row.contact_enc), "conversation": dec(row.conversation_enc),
                "language": row.language, "status": row.status, "offender_name": dec(row.offender_name_enc),
                "type": row.type, "details": payload.get("details") or {}, "text": payload.get("text", ""),
                "program": row.program, "occurred_at": row.occurred_at.isoformat(), "occurred": row.occurred_at,
                "opted_out": row.opted_out is not None,
            })
        return claimed

    async def deliveries_done(self, done: list[SentMark], now: Optional[datetime] = None) -> None:
        """Mark several deliveries sent, in one transaction, with the news for "any news?"."""
        if not done:
            return
        now = now or _utcnow()
        async with self._begin() as conn:
            await conn.execute(update(deliveries).where(deliveries.c.id.in_([mark.delivery for mark in done]))
                               .values(state="sent", sent_at=now, lease_until=None))
            await conn.execute(status_events.insert(), [
                dict(subscription_id=mark.subscription, kind=mark.kind, summary_en=mark.summary_en,
                     summary_es=mark.summary_es, occurred_at=mark.occurred_at, created_at=now) for mark in done])

    async def delivery_failed(self, delivery_id: int, error: str, retry_in: Optional[timedelta],
                              now: Optional[datetime] = None) -> str:
        """Record a failed try: "failed" (to be retried after `retry_in`) or, with None, "dead"
        (visible to the operator). `error` must hold no personal data. Returns the new state."""
        now = now or _utcnow()
        state = "failed" if retry_in is not None else "dead"
        async with self._begin() as conn:
            await conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
                state=state, attempts=deliveries.c.attempts + 1, last_error=error[:200], lease_until=None,
                not_before=now + (retry_in or timedelta(0))))
        return state

    # --- verification codes for another channel's contact (the outbox) -------------------------

    async def claim_codes(self, limit: int, channels: tuple = ("sms", "telegram", "email"),
                          now: Optional[datetime] = None, ttl: timedelta = CODE_TTL) -> list[dict]:
        """Queued verification codes whose verification is still open, marked "sending". Codes
        of a sign-up that was cancelled, given up or already verified, and codes past their time,
        are closed as "dead" instead: sending them could only confuse."""
        now = now or _utcnow()
        dec = self._cipher.decrypt
        query = (select(outbox).where(outbox.c.state == "queued", outbox.c.channel.in_(list(channels)))
                 .order_by(outbox.c.id).limit(limit))
        if self.engine.dialect.name != "sqlite":
            query = query.with_for_update(skip_locked=True)
        async with self._begin() as conn:
            rows = (await conn.execute(query)).all()
            if not rows:
                return []
            # Still open: an unused, unexpired verification for this contact (the outbox row holds the
            # same ciphertext as the subscription or the contact change it verifies). Which one it is
            # goes with the code, for an e-mail's unsubscribe link.
            still_open = and_(verifications.c.used_at.is_(None), verifications.c.expires_at > now)
            wanted = [r.contact_enc for r in rows]
            open_for = dict((await conn.execute(
                select(subscriptions.c.contact_enc, verifications.c.id).select_from(verifications.join(
                    subscriptions, verifications.c.subscription_id == subscriptions.c.id))
                .where(still_open, verifications.c.purpose == "subscribe",
                       subscriptions.c.contact_enc.in_(wanted)))).all())
            open_for.update((await conn.execute(
                select(verifications.c.new_contact_enc, verifications.c.id)
                .where(still_open, verifications.c.new_contact_enc.in_(wanted)))).all())
            claim = [r for r in rows if r.contact_enc in open_for and r.created_at > now - ttl]
            moot = [r.id for r in rows if r not in claim]
            if moot:
                await conn.execute(update(outbox).where(outbox.c.id.in_(moot)).values(state="dead"))
            if claim:
                await conn.execute(update(outbox).where(outbox.c.id.in_([r.id for r in claim]))
                                   .values(state="sending", attempts=outbox.c.attempts + 1))
        return [{"id": r.id, "channel": r.channel, "contact": dec(r.contact_enc), "body": dec(r.body_enc),
                 "language": r.language, "attempts": r.attempts + 1,
                 "verification_id": open_for[r.contact_enc]} for r in claim]

    async def code_done(self, outbox_id: int, state: str = "sent") -> None:
        """"sent", "queued" (try again) or "dead"."""
        async with self._begin() as conn:
            await conn.execute(update(outbox).where(outbox.c.id == outbox_id).values(state=state))

    async def delivery_stats(self) -> dict:
        """Counts by state and channel, and event-to-delivery latency percentiles (seconds)."""
        async with self.engine.connect() as conn:
            counts = (await conn.execute(select(deliveries.c.channel, deliveries.c.state, func.count())
                                         .group_by(deliveries.c.channel, deliveries.c.state))).all()
            timings = (await conn.execute(
                select(deliveries.c.sent_at, events.c.received_at)
                .select_from(deliveries.join(events, deliveries.c.event_id == events.c.id))
                .where(deliveries.c.state == "sent"))).all()
            held = (await conn.execute(select(func.count()).select_from(reviews)
                                       .where(reviews.c.decided_at.is_(None)))).scalar_one()
            # What an operator has to look at: the newest dead rows and held matches (no personal data:
            # ids, channel, the error class, the event's source and its own id).
            dead = (await conn.execute(
                select(deliveries.c.id, deliveries.c.channel, deliveries.c.attempts, deliveries.c.last_error,
                       deliveries.c.subscription_id, events.c.type, events.c.source, events.c.source_event_id)
                .select_from(deliveries.join(events, deliveries.c.event_id == events.c.id))
                .where(deliveries.c.state == "dead").order_by(deliveries.c.id.desc()).limit(50))).all()
            queue = (await conn.execute(
                select(reviews.c.id, reviews.c.subscription_id, reviews.c.created_at, events.c.type, events.c.source,
                       events.c.source_event_id)
                .select_from(reviews.join(events, reviews.c.event_id == events.c.id))
                .where(reviews.c.decided_at.is_(None)).order_by(reviews.c.id).limit(50))).all()
        by_channel: dict = {}
        for channel, state, count in counts:
            by_channel.setdefault(channel, {})[state] = count
        latencies = sorted((sent - received).total_seconds() for sent, received in timings)

        def pct(q: float) -> Optional[float]:
            return round(latencies[min(len(latencies) - 1, int(q * (len(latencies) - 1) + 0.5))], 3) if latencies else None

        return {"deliveries": by_channel, "held_for_review": held,
                "dead": [{"delivery": r.id, "channel": r.channel, "attempts": r.attempts, "error": r.last_error,
                          "subscription": r.subscription_id, "event": {"type": r.type, "source": r.source,
                                                                       "id": r.source_event_id}} for r in dead],
                "review_queue": [{"review": r.id, "subscription": r.subscription_id,
                                  "held_since": r.created_at.isoformat(),
                                  "event": {"type": r.type, "source": r.source, "id": r.source_event_id}}
                                 for r in queue],
                "latency_seconds": {"p50": pct(0.5), "p95": pct(0.95), "count": len(latencies)}}

    async def delivery_states(self) -> dict:
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(deliveries.c.state, func.count()).group_by(deliveries.c.state))).all()
        return {state: count for state, count in rows}

    async def event_count(self) -> int:
        async with self.engine.connect() as conn:
            return (await conn.execute(select(func.count()).select_from(events))).scalar_one()

    # --- SMS opt-outs: STOP and its kin pause every subscription of the number ---------------

    async def opt_out(self, channel: str, address: str) -> bool:
        """Record that this contact asked for no more messages; returns whether it is new (a
        second STOP changes nothing). Two STOPs at once are safe: the second one finds the first."""
        from sqlalchemy.exc import IntegrityError

        contact_hash = self._contact_hash(channel, normalize_address(channel, address))
        try:
            async with self._begin() as conn:
                found = (await conn.execute(select(optouts.c.contact_hash)
                                            .where(optouts.c.contact_hash == contact_hash))).first()
                if found is not None:
                    return False
                await conn.execute(optouts.insert().values(contact_hash=contact_hash, created_at=_utcnow()))
        except IntegrityError:
            return False
        log.info("a contact opted out")
        return True

    async def opt_in(self, channel: str, address: str) -> bool:
        """Lift an opt-out (START); returns whether there was one."""
        contact_hash = self._contact_hash(channel, normalize_address(channel, address))
        async with self._begin() as conn:
            result = await conn.execute(delete(optouts).where(optouts.c.contact_hash == contact_hash))
        return bool(result.rowcount)

    async def is_opted_out(self, channel: str, address: str) -> bool:
        contact_hash = self._contact_hash(channel, normalize_address(channel, address))
        async with self.engine.connect() as conn:
            return (await conn.execute(select(optouts.c.contact_hash)
                                       .where(optouts.c.contact_hash == contact_hash))).first() is not None

    # --- e-mail unsubscribe links: no login, the link's sealed token is the authority -----------

    def unsubscribe_token(self, kind: str, ident: int, language: str, address: str) -> str:
        """The opaque token of an e-mail's unsubscribe link (bot/store/links.py)."""
        contact = self._contact_hash("email", normalize_address("email", address))
        return self._links.token(UnsubscribeTarget(kind, ident, language, contact[:16]))

    def read_unsubscribe_token(self, token: str) -> Optional[UnsubscribeTarget]:
        """What a link's token names, or None for anything not made here (never an exception)."""
        return self._links.read(token)

    async def unsubscribe_pending(self, target: UnsubscribeTarget) -> bool:
        """Whether the link still has something to stop."""
        async with self.engine.connect() as conn:
            return any(await self._unsubscribe_plan(conn, target))

    async def unsubscribe(self, target: UnsubscribeTarget) -> int:
        """Stop what the link names, for the address it was sent to: a sign-up still waiting for its
        code is deleted (as when the person gives up in the chat), an active subscription cancelled,
        an open contact change closed. Returns how many things it stopped (0: nothing was left)."""
        now = _utcnow()
        async with self._begin() as conn:
            pending, live, opened = await self._unsubscribe_plan(conn, target, lock=True)
            if pending:
                await conn.execute(delete(verifications).where(verifications.c.subscription_id.in_(pending)))
                await conn.execute(delete(subscriptions).where(subscriptions.c.id.in_(pending)))
            if live:
                await conn.execute(update(subscriptions).where(subscriptions.c.id.in_(live))
                                   .values(status="cancelled", updated_at=now))
            closing = or_(verifications.c.id.in_(opened), and_(verifications.c.subscription_id.in_(live),
                                                                 verifications.c.used_at.is_(None)))
            if opened or live:  # a code must not revive what was stopped
                await conn.execute(update(verifications).where(closing).values(used_at=now))
        log.info("unsubscribe link: %s sign-up(s) deleted, %s subscription(s) cancelled, %s change(s) closed",
                 len(pending), len(live), len(opened))
        return len(pending) + len(live) + len(opened)

    async def _unsubscribe_plan(self, conn: AsyncConnection, target: UnsubscribeTarget,
                                lock: bool = False) -> tuple[list[int], list[int], list[int]]:
        """(pending sign-ups to delete, active subscriptions to cancel, open verifications to close)
        for the link's target, limited to what still goes to the link's address by e-mail."""

        def query(statement):
            return statement.with_for_update() if lock else statement

        def same_address(contact_hash: Optional[str]) -> bool:
            return bool(contact_hash) and hmac.compare_digest(contact_hash[:16], target.contact)

        opened: list[int] = []
        if target.kind == "subscription":
            rows = (await conn.execute(query(select(subscriptions).where(
                subscriptions.c.id == target.ident)))).all()
        else:
            found = (await conn.execute(query(select(verifications).where(
                verifications.c.id == target.ident)))).first()
            if found is None:
                return [], [], []
            if found.purpose == "subscribe":  # deleting or cancelling the sign-up closes its verification
                rows = (await conn.execute(query(select(subscriptions).where(
                    subscriptions.c.id == found.subscription_id)))).all()
            else:  # a contact change: the code went to the new address
                if not same_address(found.new_contact_hash):
                    return [], [], []
                if found.used_at is None:
                    opened.append(found.id)
                rows = (await conn.execute(query(select(subscriptions).where(
                    subscriptions.c.owner_hash == found.owner_hash,
                    subscriptions.c.contact_hash == found.new_contact_hash)))).all()
        mine = [row for row in rows if row.channel == "email" and same_address(row.contact_hash)]
        pending = [row.id for row in mine if row.status == "pending_verification"]
        live = [row.id for row in mine if row.status == "active"]
        return pending, live, opened

    async def pending_verification(self, owner: str) -> bool:
        """Whether the owner has an open, unlocked verification (an expired one counts)."""
        async with self.engine.connect() as conn:
            row = await self._newest_open(conn, self._owner(owner), lock=False)
        return row is not None and row.attempts < row.max_attempts

    # --- internals -------------------------------------------------------------------------

    def _view(self, row, paused: bool = False) -> SubscriptionView:
        dec = self._cipher.decrypt
        return SubscriptionView(
            id=row.id, program=row.program, status=row.status, channel=row.channel,
            contact_masked=mask_address(row.channel, dec(row.contact_enc)),
            offender_label=dec(row.offender_name_enc) or dec(row.offender_number_enc),
            state=row.state, language=row.language, created_at=row.created_at, paused=paused)

    async def _newest_open(self, conn: AsyncConnection, owner_hash: str, lock: bool = True):
        query = (select(verifications)
                 .where(verifications.c.owner_hash == owner_hash, verifications.c.used_at.is_(None))
                 .order_by(verifications.c.id.desc()).limit(1))
        # FOR UPDATE serialises concurrent guesses on PostgreSQL; SQLite ignores it.
        return (await conn.execute(query.with_for_update() if lock else query)).first()

    async def _newest_active_id(self, conn: AsyncConnection, owner_hash: str) -> Optional[int]:
        return (await conn.execute(
            select(func.max(subscriptions.c.id)).where(
                subscriptions.c.owner_hash == owner_hash,
                subscriptions.c.status != "cancelled"))).scalar()

    async def _apply_contact(self, conn, owner_hash, channel, contact_enc, contact_hash,
                             now) -> None:
        result = await conn.execute(
            update(subscriptions)
            .where(subscriptions.c.owner_hash == owner_hash, subscriptions.c.status != "cancelled")
            .values(channel=channel, contact_enc=contact_enc, contact_hash=contact_hash,
                    updated_at=now))
        log.info("contact changed on %s subscription(s)", result.rowcount)

    async def _destination(self, conn, row) -> tuple[str, Optional[str]]:
        """Where an open verification's code goes: a new sign-up's own contact, or the contact a change
        would apply."""
        if row.purpose != "subscribe":
            return row.new_channel, row.new_contact_enc
        sub = (await conn.execute(select(subscriptions.c.channel, subscriptions.c.contact_enc)
                                  .where(subscriptions.c.id == row.subscription_id))).one()
        return sub.channel, sub.contact_enc

    async def _retarget(self, conn, row, channel, contact_enc, contact_hash, now) -> None:
        """Point an open verification at another contact (see _destination)."""
        if row.purpose == "subscribe":
            await conn.execute(update(subscriptions).where(
                subscriptions.c.id == row.subscription_id, subscriptions.c.status == "pending_verification")
                .values(channel=channel, contact_enc=contact_enc, contact_hash=contact_hash, updated_at=now))
        else:
            await conn.execute(update(verifications).where(verifications.c.id == row.id).values(
                new_channel=channel, new_contact_enc=contact_enc, new_contact_hash=contact_hash))

    async def _open_verification(self, conn, owner_hash, subscription_id, purpose, channel,
                                 contact_enc, contact_hash, language, ttl, now) -> str:
        code = f"{secrets.randbelow(10**6):06d}"  # secrets, not random: codes must be unguessable
        change = purpose == "change_contact"
        await conn.execute(verifications.insert().values(
            subscription_id=subscription_id, owner_hash=owner_hash, purpose=purpose,
            # The contact of a new subscription lives on the subscription row itself.
            new_channel=channel if change else None,
            new_contact_enc=contact_enc if change else None,
            new_contact_hash=contact_hash if change else None, language=language,
            code_hash=self._code_hash(owner_hash, code), expires_at=now + ttl,
            attempts=0, max_attempts=MAX_ATTEMPTS))
        await self._enqueue(conn, channel, contact_enc, code, language, ttl, now)
        return code

    async def _enqueue(self, conn, channel, contact_enc, code, language, ttl, now) -> None:
        minutes = max(int(ttl.total_seconds() // 60), 1)
        body = VERIFICATION_MESSAGES[language].format(code=code, minutes=minutes)
        await conn.execute(outbox.insert().values(
            channel=channel, contact_enc=contact_enc, body_enc=self._cipher.encrypt(body),
            kind="verification_code", language=language, created_at=now, state="queued",
            attempts=0))
