"""Subscription store: encryption at rest, verification, cancellation, contact changes, atomicity.

Most tests run twice through the parametrised ``store`` fixture (SQLite and PostgreSQL).
"""

from __future__ import annotations

import logging
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import func, insert, select

from bot.store import (
    Cipher, Contact, DecryptionError, OffenderDetails, Store, SubscriptionView, load_key,
)
from bot.store import models
from bot.store.models import deliveries, metadata, outbox, status_events, subscriptions, verifications
from bot.store.repository import Replayed, not_before

UTC = timezone.utc
OWNER = "+15559990000"  # a sender id that is itself a phone number
OTHER = "telegram:424242"
NAME = "Zebulon Canaryfield"
NUMBER = "CANARY-7731"
DOB = "1979-03-14"
FACILITY = "Canary Hollow Detention Center"
PHONE = "+1 (555) 010-4242"
EMAIL = "Canary.Victim@Example.org"
CANARIES = [NAME, NUMBER, DOB, FACILITY, "5550104242", "canary.victim", "5559990000",
            "Canaryfield", "Canary Hollow"]

OFFENDER = OffenderDetails(name=NAME, number=NUMBER, dob=DOB, country="us", facility=FACILITY,
                           state="tx")
SMS = Contact("sms", PHONE)


async def subscribe(store, owner=OWNER, verify=False, contact=SMS, language="en", **details):
    offender = OffenderDetails(**details) if details else OFFENDER
    return await store.create_subscription(owner, "vine", offender, contact, language,
                                           ("22:00", "07:00"), "America/Chicago", verify)


async def rows(store, table):
    async with store.engine.connect() as conn:
        order = table.c.id if "id" in table.c else list(table.primary_key)[0]
        return (await conn.execute(select(table).order_by(order))).mappings().all()


async def counts(store):
    async with store.engine.connect() as conn:
        return {t.name: (await conn.execute(select(func.count()).select_from(t))).scalar()
                for t in metadata.sorted_tables}


def other_code(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


# --- encryption at rest --------------------------------------------------------------------

async def test_raw_rows_hold_no_personal_plaintext(store, caplog):
    caplog.set_level(logging.DEBUG)
    created = await subscribe(store, verify=True)
    await store.change_contact(OWNER, Contact("email", EMAIL), "es", verify=True)
    dump = []
    for table in metadata.sorted_tables:
        for row in await rows(store, table):
            dump.extend(str(value) for value in row.values())
    blob = " ".join(dump).lower()
    for canary in CANARIES:
        assert canary.lower() not in blob, canary
    [sub] = await rows(store, subscriptions)
    assert sub["owner_hash"] != OWNER and len(sub["owner_hash"]) == 64
    assert sub["state"] == "TX" and sub["offender_country"] == "US"
    first = (await rows(store, verifications))[0]
    assert created.code not in first["code_hash"] and len(first["code_hash"]) == 64
    # Logs and reprs carry ids and counts only.
    views = await store.list_subscriptions(OWNER)
    shown = caplog.text + repr(views) + repr(OFFENDER) + repr(SMS) + repr(created) + repr(store)
    for canary in CANARIES + [created.code]:
        assert canary.lower() not in shown.lower(), canary


async def test_stored_values_decrypt_with_the_key(store, data_key):
    await subscribe(store)
    [sub] = await rows(store, subscriptions)
    cipher = Cipher(data_key)
    assert cipher.decrypt(sub["offender_name_enc"]) == NAME
    assert cipher.decrypt(sub["facility_enc"]) == FACILITY
    assert cipher.decrypt(sub["contact_enc"]) == "+15550104242"  # normalised to E.164
    assert sub["quiet_start"] == "22:00" and sub["timezone"] == "America/Chicago"
    with pytest.raises(DecryptionError):
        Cipher(Fernet.generate_key()).decrypt(sub["offender_name_enc"])


async def test_validation_errors_do_not_echo_values(store):
    with pytest.raises(ValueError) as error:
        await subscribe(store, contact=Contact("email", "canary.victim-at-example"))
    assert "canary" not in str(error.value)
    with pytest.raises(ValueError):
        await store.create_subscription(OWNER, "bogus", OFFENDER, SMS, "en", None, "UTC", False)
    with pytest.raises(ValueError):
        await store.create_subscription(OWNER, "vns", OFFENDER, SMS, "en", None, "Mars/Base", False)
    with pytest.raises(ValueError):
        await subscribe(store, contact=Contact("web", None), verify=True)
    assert (await counts(store))["subscriptions"] == 0


# --- verification --------------------------------------------------------------------------

async def test_verification_flow(store, data_key):
    created = await subscribe(store, verify=True, language="es")
    assert created.status == "pending_verification" and len(created.code) == 6
    assert await store.pending_verification(OWNER)
    [message] = await rows(store, outbox)
    cipher = Cipher(data_key)
    assert message["kind"] == "verification_code" and message["state"] == "queued"
    assert cipher.decrypt(message["contact_enc"]) == "+15550104242"
    assert cipher.decrypt(message["body_enc"]) == (
        f"Tu código de verificación es {created.code}. Vence en 15 minutos. "
        "Si no lo pediste, ignora este mensaje.")

    result = await store.verify_code(OWNER, other_code(created.code))
    assert (result.outcome, result.remaining) == ("wrong", 4)
    result = await store.verify_code(OWNER, other_code(created.code))
    assert (result.outcome, result.remaining) == ("wrong", 3)
    assert (await store.verify_code(OTHER, created.code)).outcome == "no_pending"

    result = await store.verify_code(OWNER, f" {created.code[:3]} {created.code[3:]} ")
    assert result.outcome == "verified"
    [view] = await store.list_subscriptions(OWNER)
    assert view.status == "active"
    assert not await store.pending_verification(OWNER)
    assert (await store.verify_code(OWNER, created.code)).outcome == "no_pending"


async def test_five_wrong_codes_lock_for_good(store):
    created = await subscribe(store, verify=True)
    outcomes = [await store.verify_code(OWNER, other_code(created.code)) for _ in range(5)]
    assert [(r.outcome, r.remaining) for r in outcomes] == [
        ("wrong", 4), ("wrong", 3), ("wrong", 2), ("wrong", 1), ("locked", 0)]
    assert (await store.verify_code(OWNER, created.code)).outcome == "locked"
    assert await store.resend_code(OWNER) is None  # resending must not lift the lock
    assert not await store.pending_verification(OWNER)
    [view] = await store.list_subscriptions(OWNER)
    assert view.status == "pending_verification"


async def test_expired_code_and_resend(store, data_key):
    created = await subscribe(store, verify=True)
    later = datetime.now(UTC) + timedelta(minutes=16)
    assert (await store.verify_code(OWNER, created.code, now=later)).outcome == "expired"
    naive_later = later.replace(tzinfo=None)
    assert (await store.verify_code(OWNER, created.code, now=naive_later)).outcome == "expired"
    assert await store.pending_verification(OWNER)

    new_code = await store.resend_code(OWNER, language="en")
    assert new_code is not None
    messages = await rows(store, outbox)
    assert len(messages) == 2
    assert new_code in Cipher(data_key).decrypt(messages[-1]["body_enc"])
    if new_code != created.code:  # one chance in a million that they coincide
        assert (await store.verify_code(OWNER, created.code)).outcome == "wrong"
    assert (await store.verify_code(OWNER, new_code)).outcome == "verified"
    assert (await store.list_subscriptions(OWNER))[0].status == "active"


async def test_resend_within_the_contact_limit_and_to_a_corrected_contact(store, data_key, caplog):
    caplog.set_level(logging.DEBUG)
    created = await subscribe(store, verify=True)
    assert await store.code_destination(OWNER) == ("sms", "+1******4242")
    now = datetime.now(UTC)
    again = await store.resend(OWNER, "es", now=now)
    assert (again.outcome, again.channel, again.contact_masked, again.sent_recently) == (
        "sent", "sms", "+1******4242", 2)
    assert (await store.resend(OWNER, now=now)).outcome == "sent"
    refused = await store.resend(OWNER, now=now + timedelta(minutes=1))
    assert (refused.outcome, refused.sent_recently, refused.wait_minutes) == ("limited", 3, 59)
    assert refused.code is None
    assert len(await rows(store, outbox)) == 3  # nothing queued for the refused one
    # Another address has its own limit; the sign-up now waits for the code sent there.
    moved = await store.resend(OWNER, contact=Contact("email", EMAIL), now=now + timedelta(minutes=1))
    assert (moved.outcome, moved.channel, moved.contact_masked) == ("sent", "email", "c***@example.org")
    assert Cipher(data_key).decrypt((await rows(store, outbox))[-1]["contact_enc"]) == EMAIL.lower()
    assert (await store.verify_code(OWNER, created.code)).outcome == "wrong"
    assert (await store.verify_code(OWNER, moved.code)).outcome == "verified"
    [view] = await store.list_subscriptions(OWNER)
    assert (view.status, view.channel) == ("active", "email")
    for canary in CANARIES + [created.code, again.code, moved.code]:
        assert canary.lower() not in caplog.text.lower()
    assert (await store.resend(OWNER)).outcome == "none"


async def test_without_verification_is_active_at_once(store):
    created = await subscribe(store, verify=False)
    assert (created.status, created.code) == ("active", None)
    assert await counts(store) == {"subscriptions": 1, "verifications": 0, "outbox": 0,
                                   "status_events": 0, "optouts": 0, "events": 0, "intake_signatures": 0,
                                   "deliveries": 0, "reviews": 0}
    assert await store.resend_code(OWNER) is None


# --- cancellation --------------------------------------------------------------------------

async def test_cancel_one_then_all_leaves_other_owners_alone(store):
    first = await subscribe(store)
    await subscribe(store, number="A-2", name=None)
    theirs = await subscribe(store, owner=OTHER)
    assert await store.cancel(OWNER, theirs.subscription_id) == 0
    assert await store.cancel(OWNER, first.subscription_id) == 1
    assert await store.cancel(OWNER, first.subscription_id) == 0
    assert [v.offender_label for v in await store.list_subscriptions(OWNER)] == ["A-2"]
    assert await store.cancel(OWNER, None) == 1
    assert await store.cancel(OWNER, None) == 0
    assert await store.list_subscriptions(OWNER) == []
    assert len(await store.list_subscriptions(OWNER, include_cancelled=True)) == 2
    [view] = await store.list_subscriptions(OTHER)
    assert (view.id, view.status) == (theirs.subscription_id, "active")


async def test_cancelled_pending_subscription_cannot_be_verified(store):
    created = await subscribe(store, verify=True)
    assert await store.cancel(OWNER, None) == 1
    assert not await store.pending_verification(OWNER)
    assert (await store.verify_code(OWNER, created.code)).outcome == "no_pending"
    [view] = await store.list_subscriptions(OWNER, include_cancelled=True)
    assert view.status == "cancelled"


# --- contact changes -----------------------------------------------------------------------

async def test_change_contact_without_verification(store):
    assert await store.change_contact(OWNER, Contact("email", EMAIL), "en", False) is None
    first = await subscribe(store)
    second = await subscribe(store)
    await store.cancel(OWNER, first.subscription_id)
    third = await subscribe(store)
    changed = await store.change_contact(OWNER, Contact("email", EMAIL), "en", verify=False)
    assert (changed.subscription_id, changed.status, changed.code) == (
        third.subscription_id, "active", None)
    views = {v.id: v for v in await store.list_subscriptions(OWNER, include_cancelled=True)}
    assert views[first.subscription_id].contact_masked == "+1******4242"  # cancelled: untouched
    for sub in (second, third):
        assert (views[sub.subscription_id].channel,
                views[sub.subscription_id].contact_masked) == ("email", "c***@example.org")
    assert (await counts(store))["outbox"] == 0


async def test_change_contact_with_verification(store, data_key):
    await subscribe(store)
    theirs = await subscribe(store, owner=OTHER)
    changed = await store.change_contact(OWNER, Contact("telegram", "987654"), "es", verify=True)
    assert changed.status == "pending_verification" and len(changed.code) == 6
    [message] = await rows(store, outbox)
    assert message["channel"] == "telegram" and message["language"] == "es"
    assert Cipher(data_key).decrypt(message["contact_enc"]) == "987654"
    [view] = await store.list_subscriptions(OWNER)
    assert view.channel == "sms"  # nothing changes before the code comes back

    assert (await store.verify_code(OWNER, other_code(changed.code))).outcome == "wrong"
    assert (await store.verify_code(OWNER, changed.code)).outcome == "verified"
    [view] = await store.list_subscriptions(OWNER)
    assert (view.channel, view.contact_masked, view.status) == ("telegram", "Telegram", "active")
    [their_view] = await store.list_subscriptions(OTHER)
    assert their_view.id == theirs.subscription_id and their_view.channel == "sms"


# --- listing and status --------------------------------------------------------------------

@pytest.mark.parametrize("contact, masked", [
    (Contact("sms", "+1 (555) 123-4567"), "+1******4567"),
    (Contact("sms", "5551234567"), "+1******4567"),
    (Contact("sms", "+44 20 7946 0958"), "+44******0958"),
    (Contact("email", "Jane.Doe@Example.com"), "j***@example.com"),
    (Contact("telegram", "123456789"), "Telegram"),
    (Contact("web", None), "this chat"),
])
async def test_list_masks_contacts(store, contact, masked):
    await subscribe(store, contact=contact, number="B-77")
    [view] = await store.list_subscriptions(OWNER)
    assert isinstance(view, SubscriptionView)
    assert view.contact_masked == masked and view.channel == contact.channel
    assert view.offender_label == "B-77" and view.program == "vine" and view.language == "en"
    assert view.created_at.tzinfo is not None
    assert masked not in repr(view) and "B-77" not in repr(view)


async def test_latest_status_takes_newest_event_per_live_subscription(store):
    first = await subscribe(store)
    second = await subscribe(store, number="C-3")
    gone = await subscribe(store, number="D-4")
    await store.cancel(OWNER, gone.subscription_id)
    base = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    events = [(first, "custody", base), (first, "released", base + timedelta(days=2)),
              (first, "transfer", base + timedelta(days=1)), (gone, "released", base)]
    async with store.engine.begin() as conn:
        for sub, kind, when in events:
            await conn.execute(insert(status_events).values(
                subscription_id=sub.subscription_id, kind=kind, summary_en=f"{kind} en",
                summary_es=f"{kind} es", occurred_at=when, created_at=when))
    result = await store.latest_status(OWNER)
    assert [view.id for view, _ in result] == [first.subscription_id, second.subscription_id]
    assert result[0][1] == {"kind": "released", "summary_en": "released en",
                            "summary_es": "released es", "occurred_at": base + timedelta(days=2)}
    assert result[1][1] is None
    assert await store.latest_status(OTHER) == []


# --- atomicity -----------------------------------------------------------------------------

async def _boom(*args, **kwargs):
    raise RuntimeError("injected failure")


async def test_failed_create_leaves_nothing(store, monkeypatch):
    before = await counts(store)
    # The outbox insert runs after the subscription and verification inserts.
    monkeypatch.setattr(Store, "_enqueue", _boom)
    with pytest.raises(RuntimeError):
        await subscribe(store, verify=True)
    assert await counts(store) == before


async def test_failed_contact_change_leaves_nothing(store, monkeypatch):
    created = await subscribe(store, verify=True)
    before = await counts(store)
    monkeypatch.setattr(Store, "_enqueue", _boom)
    with pytest.raises(RuntimeError):
        await store.change_contact(OWNER, Contact("email", EMAIL), "en", verify=True)
    with pytest.raises(RuntimeError):
        await store.resend_code(OWNER)
    assert await counts(store) == before
    monkeypatch.undo()
    # A failure while applying a verified change keeps the verification open.
    changed = await store.change_contact(OWNER, Contact("email", EMAIL), "en", verify=True)
    monkeypatch.setattr(Store, "_apply_contact", _boom)
    with pytest.raises(RuntimeError):
        await store.verify_code(OWNER, changed.code)
    monkeypatch.undo()
    assert await store.pending_verification(OWNER)
    assert all(row["used_at"] is None for row in await rows(store, verifications))
    assert (await store.verify_code(OWNER, changed.code)).outcome == "verified"
    [view] = await store.list_subscriptions(OWNER)
    assert view.id == created.subscription_id and view.channel == "email"


# --- keys ----------------------------------------------------------------------------------

def test_dev_key_file_is_private_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("BOT_DATA_KEY", raising=False)
    var = tmp_path / "var"
    key = load_key(var)
    path = var / "dev-data.key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_key(var) == key
    Fernet(key)  # a valid key
    monkeypatch.setenv("BOT_DATA_KEY", Fernet.generate_key().decode())
    assert load_key(var) != key
    monkeypatch.setenv("BOT_DATA_KEY", "not-a-key-canary")
    with pytest.raises(ValueError) as error:
        load_key(var)
    assert "canary" not in str(error.value)


async def test_store_from_url_uses_dev_key_and_repo_relative_sqlite(tmp_path, monkeypatch):
    monkeypatch.delenv("BOT_DATA_KEY", raising=False)
    monkeypatch.setattr(models, "ROOT", tmp_path)
    store = Store.from_url("sqlite+aiosqlite:///var/bot.db", var_dir=tmp_path / "var")
    await store.init()
    await store.init()  # idempotent
    await subscribe(store)
    await store.close()
    assert (tmp_path / "var" / "bot.db").is_file()
    reopened = Store.from_url("sqlite+aiosqlite:///var/bot.db", var_dir=tmp_path / "var")
    assert (await reopened.list_subscriptions(OWNER))[0].offender_label == NAME
    await reopened.close()


def test_cipher_basics(data_key):
    cipher = Cipher(data_key)
    assert cipher.encrypt(None) is None and cipher.decrypt(None) is None
    token = cipher.encrypt("secret")
    assert token != cipher.encrypt("secret") and cipher.decrypt(token) == "secret"
    digest = cipher.digest("+15550104242")
    assert digest == cipher.digest("+15550104242") and len(digest) == 64
    assert digest != Cipher(Fernet.generate_key()).digest("+15550104242")
    assert data_key.decode() not in repr(cipher)


# --- SMS opt-outs --------------------------------------------------------------------------

async def test_opt_out_pauses_every_subscription_of_the_number_until_opt_in(store):
    await store.create_subscription(OWNER, "vine", OffenderDetails(name="A"), Contact("sms", "+12025550143"),
                                    "en", None, "America/New_York", verify=False)
    await store.create_subscription("other", "vns", OffenderDetails(name="B"), Contact("sms", "(202) 555-0143"),
                                    "es", None, "America/New_York", verify=False)
    assert not await store.is_opted_out("sms", "+12025550143")
    await store.opt_out("sms", "+12025550143")
    await store.opt_out("sms", "+12025550143")  # twice is the same as once
    assert await store.is_opted_out("sms", "2025550143")  # the same number, written differently
    assert [v.paused for v in await store.list_subscriptions(OWNER)] == [True]
    assert [v.paused for v in await store.list_subscriptions("other")] == [True]
    assert await store.opt_in("sms", "+12025550143") is True
    assert not await store.is_opted_out("sms", "+12025550143")
    assert [v.paused for v in await store.list_subscriptions(OWNER)] == [False]


# --- events: matching to subscriptions -------------------------------------------------------

def _event(**changes):
    event = {"source": "jail-a", "id": "e1", "program": "vine", "offender": {"id": "a123456"},
             "type": "release", "occurred_at": "2026-11-29T15:12:00Z"}
    event.update(changes)
    return event


async def _subscribe(store, owner, number=None, name=None, dob=None, program="vine", verify=False,
                     quiet=None, tz="America/Chicago"):
    return await store.create_subscription(owner, program, OffenderDetails(name=name, number=number, dob=dob),
                                           Contact("web"), "en", quiet, tz, verify=verify, conversation=owner)


async def test_an_event_queues_one_delivery_per_matching_active_subscription(store):
    await _subscribe(store, "a", number="A123456")                    # matches (number compared case-insensitively)
    await _subscribe(store, "b", number="A123456", program="vns")     # other program
    await _subscribe(store, "c", number="Z999")                        # other person
    await _subscribe(store, "d", number="A123456", name="Jo Doe", dob="1980-01-02")  # matches
    result = await store.record_event(_event(), "sig-1")
    assert (result.duplicate, result.matched, result.held_for_review) == (False, 2, 0)
    again = await store.record_event(_event(), "sig-2")  # resent by the source
    assert (again.event_id, again.duplicate, again.matched) == (result.event_id, True, 2)
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(deliveries))).all()
    assert len(rows) == 2 and {r.state for r in rows} == {"queued"}


async def test_name_and_birth_date_alone_is_held_for_review_never_queued(store):
    await _subscribe(store, "a", name="Jo  DOE", dob="1980-01-02")
    result = await store.record_event(_event(offender={"name": "jo doe", "dob": "1980-01-02"}), "sig-1")
    assert (result.matched, result.held_for_review) == (0, 1)


async def test_a_pending_subscription_gets_nothing(store):
    await store.create_subscription("a", "vine", OffenderDetails(number="A123456"), Contact("sms", "+12025550143"),
                                    "en", None, "America/Chicago", verify=True)
    assert (await store.record_event(_event(), "sig-1")).matched == 0


async def test_a_replayed_signature_stores_nothing(store):
    await store.record_event(_event(), "sig-1")
    with pytest.raises(Replayed):
        await store.record_event(_event(id="e2"), "sig-1")
    assert await store.event_count() == 1


@pytest.mark.parametrize("kind,local_time,expect_hold", [
    ("release", "23:30", False),        # urgent: at once, even in quiet hours
    ("escape", "03:00", False),
    ("transfer", "23:30", True),        # waits for the morning
    ("transfer", "03:00", True),
    ("transfer", "12:00", False),       # outside quiet hours
])
def test_quiet_hours_hold_only_news_that_can_wait(kind, local_time, expect_hold):
    from zoneinfo import ZoneInfo

    hour, minute = map(int, local_time.split(":"))
    now = datetime(2026, 11, 29, hour, minute, tzinfo=ZoneInfo("America/Chicago")).astimezone(timezone.utc)
    when = not_before(kind, "22:00", "07:00", "America/Chicago", now)
    assert (when > now) is expect_hold
    if expect_hold:
        assert when.astimezone(ZoneInfo("America/Chicago")).strftime("%H:%M") == "07:00"
