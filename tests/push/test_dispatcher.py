"""The dispatcher against a real store: messages go out in the subscriber's language, nothing to a
cancelled or opted-out subscriber, failures are retried then left dead, 429 is waited out, and a
dispatcher that died mid-send loses nothing (its lease runs out and the row is sent)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.events.templates import render_status
from bot.push.dispatcher import ChannelLimits, Dispatcher, RetryAfter
from bot.store import Contact, OffenderDetails


@pytest.fixture
def store(sqlite_store):
    return sqlite_store


class Recorder:
    """A sender that records, and can fail or ask to slow down a given number of times."""

    def __init__(self, failures=0, too_many=0):
        self.sent, self.failures, self.too_many = [], failures, too_many

    async def __call__(self, delivery, text):
        if self.too_many:
            self.too_many -= 1
            raise RetryAfter(0.05)
        if self.failures:
            self.failures -= 1
            raise ConnectionError("channel down")
        self.sent.append((delivery["channel"], delivery["contact"] or delivery["conversation"], text))


async def subscribe(store, owner, channel, address, language, number="A1"):
    return await store.create_subscription(owner, "vine", OffenderDetails(name="Pat Doe", number=number),
                                           Contact(channel, address), language, None, "America/Chicago",
                                           verify=False, conversation=owner)


def release(event_id="e1", number="A1"):
    return {"source": "jail-a", "id": event_id, "program": "vine", "offender": {"id": number}, "type": "release",
            "occurred_at": "2026-11-29T15:12:00Z", "details": {"facility": "Harris County Jail"}}


def fast(limits=None, **kwargs):
    limits = limits or {c: ChannelLimits(1000.0) for c in ("sms", "telegram", "web")}
    return dict(limits=limits, base_backoff=0.0, **kwargs)


async def test_each_subscriber_gets_the_news_in_their_language(store):
    await subscribe(store, "sms:+12025550101", "sms", "+12025550101", "es")
    await subscribe(store, "tg:42", "telegram", "42", "en")
    await subscribe(store, "web:abc", "web", None, "es")
    await store.record_event(release(), "sig-1")
    senders = {c: Recorder() for c in ("sms", "telegram", "web")}
    dispatcher = Dispatcher(store, senders, **fast())
    assert await dispatcher.run_once() == 3
    assert senders["sms"].sent == [("sms", "+12025550101", render_status("release", "es", name="Pat Doe",
                                                                         details={"facility": "Harris County Jail"}, sms=True))]
    assert "released today from Harris County Jail" in senders["telegram"].sent[0][2]
    assert "salió en libertad" in senders["web"].sent[0][2]
    assert await store.delivery_states() == {"sent": 3}
    stats = await store.delivery_stats()
    assert stats["latency_seconds"]["count"] == 3 and stats["latency_seconds"]["p95"] >= 0
    assert stats["deliveries"]["sms"] == {"sent": 1}
    # "any news?" now answers from the same store
    [(view, news)] = await store.latest_status("web:abc")
    assert news["kind"] == "release" and "salió" in news["summary_es"]
    assert await dispatcher.run_once() == 0  # nothing is sent twice


async def test_cancelled_and_opted_out_subscribers_get_nothing(store):
    await subscribe(store, "sms:+12025550102", "sms", "+12025550102", "en")
    await subscribe(store, "web:x", "web", None, "en")
    await store.record_event(release(), "sig-1")
    await store.opt_out("sms", "+12025550102")     # STOP after the event was matched
    await store.cancel("web:x")                     # cancelled after the event was matched
    senders = {c: Recorder() for c in ("sms", "web")}
    await Dispatcher(store, senders, **fast()).run_once()
    assert senders["sms"].sent == [] and senders["web"].sent == []
    assert await store.delivery_states() == {"dead": 2}


async def test_failures_are_retried_then_dead(store):
    await subscribe(store, "tg:7", "telegram", "7", "en")
    await store.record_event(release(), "sig-1")
    flaky = Recorder(failures=2)
    dispatcher = Dispatcher(store, {"telegram": flaky}, **fast(max_attempts=5))
    for _ in range(3):
        await dispatcher.run_once()
    assert len(flaky.sent) == 1 and await store.delivery_states() == {"sent": 1}
    await store.record_event(release("e2"), "sig-2")
    down = Recorder(failures=99)
    dispatcher = Dispatcher(store, {"telegram": down}, **fast(max_attempts=3))
    for _ in range(5):
        await dispatcher.run_once()
    assert (await store.delivery_states()).get("dead") == 1


async def test_429_is_waited_out_without_counting_as_a_failure(store):
    await subscribe(store, "tg:8", "telegram", "8", "en")
    await store.record_event(release(), "sig-1")
    slow = Recorder(too_many=2)
    await Dispatcher(store, {"telegram": slow}, **fast(max_attempts=1)).run_once()
    assert len(slow.sent) == 1 and await store.delivery_states() == {"sent": 1}


async def test_a_dead_dispatchers_rows_are_sent_after_the_lease(store):
    await subscribe(store, "tg:9", "telegram", "9", "en")
    await store.record_event(release(), "sig-1")
    # a dispatcher claims the row and dies before sending
    claimed = await store.claim_deliveries(10, lease=timedelta(milliseconds=200))
    assert len(claimed) == 1
    recorder = Recorder()
    dispatcher = Dispatcher(store, {"telegram": recorder}, **fast(lease=timedelta(seconds=30)))
    assert await dispatcher.run_once() == 0  # still leased
    await asyncio.sleep(0.3)
    assert await dispatcher.run_once() == 1 and len(recorder.sent) == 1


async def test_per_recipient_rate_is_kept(store):
    for n in range(3):
        await store.record_event(release(f"e{n}"), f"sig-{n}")
    await subscribe(store, "tg:5", "telegram", "5", "en")
    for n in range(3, 6):
        await store.record_event(release(f"e{n}"), f"sig-{n}")
    recorder = Recorder()
    limits = {"telegram": ChannelLimits(overall=100.0, per_recipient=5.0)}
    started = asyncio.get_running_loop().time()
    await Dispatcher(store, {"telegram": recorder}, limits=limits, base_backoff=0.0).run_once()
    elapsed = asyncio.get_running_loop().time() - started
    assert len(recorder.sent) == 3 and elapsed >= 0.3  # 3 messages to one chat at 5/s

