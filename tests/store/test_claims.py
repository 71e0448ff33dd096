"""Claiming deliveries on SQLite and PostgreSQL: urgent news first, and two dispatchers claiming at
the same moment never get the same row."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tests.push.test_dispatcher import release, subscribe


async def test_releases_go_before_court_dates_in_a_burst(store):
    await subscribe(store, "tg:90", "telegram", "90", "en", number="C1")
    await subscribe(store, "tg:91", "telegram", "91", "en", number="R1")
    court = dict(release("e-court", "C1"), type="court_hearing_scheduled")
    await store.record_event(court, "sig-court")  # came in first
    await store.record_event(release("e-rel", "R1"), "sig-rel")
    first = await store.claim_deliveries(1, timedelta(seconds=30))
    assert [d["type"] for d in first] == ["release"]
    assert [d["type"] for d in await store.claim_deliveries(1, timedelta(seconds=30))] == ["court_hearing_scheduled"]


async def test_concurrent_claims_never_share_a_row(store):
    for n in range(30):
        await subscribe(store, f"tg:{200 + n}", "telegram", str(200 + n), "en")
    await store.record_event(release(), "sig-1")
    batches = await asyncio.gather(*(store.claim_deliveries(10, timedelta(seconds=30), channel="telegram")
                                     for _ in range(4)))
    ids = [d["id"] for batch in batches for d in batch]
    assert len(ids) == len(set(ids)) == 30


async def test_concurrent_code_claims_never_share_a_code(store):
    from bot.store import Contact, OffenderDetails

    for n in range(12):
        await store.create_subscription(f"web:c{n}", "vine", OffenderDetails(name="Pat Doe", number="A1"),
                                        Contact("sms", f"+1202555{n:04d}"), "en", None, "America/Chicago",
                                        verify=True, conversation=f"web:c{n}")
    batches = await asyncio.gather(*(store.claim_codes(5, channels=("sms",)) for _ in range(4)))
    ids = [c["id"] for batch in batches for c in batch]
    assert len(ids) == len(set(ids)) == 12


async def test_sqlite_writers_in_two_processes_wait_for_each_other(tmp_path):
    """The intake and the dispatcher share the SQLite file: a burst of events and claims at the same
    time all succeed (no "database is locked")."""
    from cryptography.fernet import Fernet

    from bot.store import Store

    key = Fernet.generate_key()
    url = f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}"
    intake, dispatcher = Store.from_url(url, key=key), Store.from_url(url, key=key)  # as two processes
    await intake.init()
    for n in range(20):
        await subscribe(intake, f"tg:{300 + n}", "telegram", str(300 + n), "en", number=f"N{n}")
    try:
        results = await asyncio.gather(
            *(intake.record_event(release(f"e{n}", f"N{n % 20}"), f"sig-{n}") for n in range(120)),
            *(dispatcher.claim_deliveries(5, timedelta(seconds=30)) for _ in range(40)))
    finally:
        await intake.close()
        await dispatcher.close()
    assert sum(r.matched for r in results[:120]) == 120
