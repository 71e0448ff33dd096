"""The long-running dispatcher (Dispatcher.run): channels do not wait for each other, SMS lanes are
paced in segments, a 429 holds back the lane, refusals that retrying cannot fix end at once, an
opt-out that arrives while a message waits in a slow lane is honoured, and a failed conversation
update never makes the message go out twice."""

from __future__ import annotations

import asyncio

from bot.channels.segments import segments
from bot.push.dispatcher import ChannelLimits, Dispatcher, PermanentFailure, RetryAfter
from tests.push.test_dispatcher import Recorder, release, subscribe


class Timed(Recorder):
    """Records when each message went out, and on which lane."""

    def __init__(self, delay=0.0, **kwargs):
        super().__init__(**kwargs)
        self.delay, self.times, self.lanes = delay, [], []

    async def __call__(self, delivery, text):
        if self.delay:
            await asyncio.sleep(self.delay)
        await super().__call__(delivery, text)
        self.times.append(asyncio.get_running_loop().time())
        self.lanes.append(delivery.get("lane"))


async def run_until(dispatcher, store, done, timeout=10.0):
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run(stop, idle=0.05))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        while loop.time() < deadline:
            if await done():
                return
            await asyncio.sleep(0.02)
        raise AssertionError(f"not done in {timeout} s: {await store.delivery_states()}")
    finally:
        stop.set()
        await task


async def test_a_slow_channel_does_not_hold_up_the_others(sqlite_store):
    store = sqlite_store
    for n in range(3):
        await subscribe(store, f"sms:+1202555010{n}", "sms", f"+1202555010{n}", "en")
        await subscribe(store, f"tg:{n}", "telegram", str(n), "en")
    await store.record_event(release(), "sig-1")
    sms, telegram = Timed(delay=0.6), Timed()
    limits = {"sms": ChannelLimits(1000.0), "telegram": ChannelLimits(1000.0)}
    dispatcher = Dispatcher(store, {"sms": sms, "telegram": telegram}, limits=limits, base_backoff=0.0)
    await run_until(dispatcher, store, lambda: _sent(store, 6))
    assert len(sms.sent) == 3 and len(telegram.sent) == 3
    assert max(telegram.times) < min(sms.times)  # Telegram finished while the SMS were still on their way


async def _sent(store, count):
    return (await store.delivery_states()).get("sent", 0) >= count


async def test_sms_lanes_are_paced_in_segments_and_keep_a_recipients_number(sqlite_store):
    store = sqlite_store
    numbers = [f"+1202555020{n}" for n in range(4)]
    for number in numbers:
        await subscribe(store, f"sms:{number}", "sms", number, "es")  # Spanish: accents, so UCS-2
    await store.record_event(release(), "sig-1")
    sender = Timed()
    pool = ["+19725550001", "+19725550002"]
    limits = {"sms": ChannelLimits(8.0, lanes=pool, cost=segments, headroom=1.0, spill_after=60.0)}
    dispatcher = Dispatcher(store, {"sms": sender}, limits=limits, base_backoff=0.0)
    await run_until(dispatcher, store, lambda: _sent(store, 4))
    cost = segments(sender.sent[0][2])
    assert cost == 2  # the Spanish release SMS is two UCS-2 segments
    by_lane = {}
    for lane, when in zip(sender.lanes, sender.times):
        by_lane.setdefault(lane, []).append(when)
    for times in by_lane.values():
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert all(gap >= cost / 8.0 - 0.01 for gap in gaps)  # 2 segments at 8 segments/s: 0.25 s apart
    # the same recipient always gets the same number (while its lane keeps up)
    assert all(limits["sms"].lane_for(number) == limits["sms"].lane_for(number) for number in numbers)


async def test_a_burst_spills_over_to_the_least_busy_number():
    limits = ChannelLimits(1.0, lanes=["+19725550001", "+19725550002"], spill_after=2.0)
    recipient = "+12025550300"
    preferred = limits.lane_for(recipient)
    other = next(lane for lane in limits.lanes if lane != preferred)
    limits._lanes[preferred]._next = asyncio.get_running_loop().time() + 10  # 10 s of messages queued there
    assert limits.lane_for(recipient) == other


async def test_a_429_holds_back_the_lane(sqlite_store):
    store = sqlite_store
    for n in range(3):
        await subscribe(store, f"tg:{n}", "telegram", str(n), "en")
    await store.record_event(release(), "sig-1")

    class SlowDown(Timed):
        async def __call__(self, delivery, text):
            if not self.sent and not getattr(self, "told", False):
                self.told = True
                self.refused_at = asyncio.get_running_loop().time()
                raise RetryAfter(0.4)
            await super().__call__(delivery, text)

    sender = SlowDown()
    dispatcher = Dispatcher(store, {"telegram": sender}, limits={"telegram": ChannelLimits(1000.0)}, base_backoff=0.0)
    await run_until(dispatcher, store, lambda: _sent(store, 3))
    assert len(sender.sent) == 3 and dispatcher.counters["retry_after"] == 1
    # nothing went out on that lane until retry_after had passed
    assert min(sender.times) - sender.refused_at >= 0.38
    assert (await store.delivery_states()) == {"sent": 3}


async def test_a_refusal_that_retrying_cannot_fix_ends_at_once_and_stop_is_recorded(sqlite_store):
    store = sqlite_store
    await subscribe(store, "sms:+12025550401", "sms", "+12025550401", "en")
    await subscribe(store, "tg:41", "telegram", "41", "en")
    await store.record_event(release(), "sig-1")
    calls = []

    async def unsubscribed(delivery, text):
        calls.append(delivery["channel"])
        raise PermanentFailure("Twilio error 21610", opted_out=True)

    async def blocked(delivery, text):
        calls.append(delivery["channel"])
        raise PermanentFailure("Telegram 403")

    dispatcher = Dispatcher(store, {"sms": unsubscribed, "telegram": blocked}, base_backoff=0.0, max_attempts=6,
                            limits={c: ChannelLimits(1000.0) for c in ("sms", "telegram")})
    await dispatcher.run_once()
    assert await dispatcher.run_once() == 0  # nothing left to retry
    assert sorted(calls) == ["sms", "telegram"] and await store.delivery_states() == {"dead": 2}
    assert await store.is_opted_out("sms", "+12025550401")  # Twilio said the person replied STOP


async def test_a_stop_that_comes_while_the_message_waits_is_honoured(sqlite_store):
    store = sqlite_store
    await subscribe(store, "sms:+12025550501", "sms", "+12025550501", "en")
    await store.record_event(release(), "sig-1")
    sender = Timed()
    dispatcher = Dispatcher(store, {"sms": sender}, limits={"sms": ChannelLimits(1000.0)}, base_backoff=0.0)
    [delivery] = await store.claim_deliveries(10, dispatcher.lease)
    delivery["claimed"] = asyncio.get_running_loop().time() - 5  # it waited in a slow lane since the claim
    await store.opt_out("sms", "+12025550501")                    # and the person sent STOP meanwhile
    await dispatcher._deliver(delivery)
    assert sender.sent == [] and await store.delivery_states() == {"dead": 1}


async def test_a_failed_conversation_update_never_sends_the_message_twice(sqlite_store):
    store = sqlite_store
    await subscribe(store, "tg:61", "telegram", "61", "es")
    await store.record_event(release(), "sig-1")
    sender, updates = Timed(), []

    async def flaky_update(delivery, text):
        updates.append(text)
        if len(updates) < 3:
            raise ConnectionError("Rasa answered 500")

    dispatcher = Dispatcher(store, {"telegram": sender}, limits={"telegram": ChannelLimits(1000.0)},
                            base_backoff=0.0, followup=flaky_update)
    await run_until(dispatcher, store, lambda: _sent(store, 1))
    assert len(sender.sent) == 1 and len(updates) == 3 and updates[-1] == sender.sent[0][2]
    assert await dispatcher.run_once() == 0


async def test_messages_to_one_chat_are_spaced(sqlite_store):
    store = sqlite_store
    await subscribe(store, "tg:71", "telegram", "71", "en", number="A1")
    await subscribe(store, "tg:71", "telegram", "71", "en", number="B2")
    await store.record_event(release("e1", "A1"), "sig-1")
    await store.record_event(release("e2", "B2"), "sig-2")
    sender = Timed()
    limits = {"telegram": ChannelLimits(1000.0, per_recipient=4.0)}
    dispatcher = Dispatcher(store, {"telegram": sender}, limits=limits, base_backoff=0.0)
    await run_until(dispatcher, store, lambda: _sent(store, 2))
    assert len(sender.times) == 2 and sender.times[1] - sender.times[0] >= 0.24
