"""Verification codes for a contact on another channel (a web-chat user who gives an SMS number) are
sent by the dispatcher, in the person's language, only while the sign-up still waits for them, never
to a number that sent STOP, and at most three an hour to one number."""

from __future__ import annotations

import asyncio

from bot.push.dispatcher import ChannelLimits, Dispatcher
from bot.store import Contact, OffenderDetails
from tests.push.test_dispatcher import Recorder


async def sign_up(store, owner, number, language="es"):
    return await store.create_subscription(owner, "vine", OffenderDetails(name="Pat Doe", number="A1"),
                                           Contact("sms", number), language, None, "America/Chicago",
                                           verify=True, conversation=owner)


def dispatcher(store, sender):
    return Dispatcher(store, {"sms": sender}, limits={"sms": ChannelLimits(1000.0)}, base_backoff=0.0)


async def send_all(d, store):
    states = []
    for code in await store.claim_codes(50, channels=("sms",)):
        states.append(await d.send_code(code))
    return states


async def test_the_code_reaches_the_number_and_verifies_the_sign_up(sqlite_store):
    store = sqlite_store
    created = await sign_up(store, "web:aa01", "+12025550701")
    sender = Recorder()
    assert await send_all(dispatcher(store, sender), store) == ["sent"]
    [(channel, number, body)] = sender.sent
    assert (channel, number) == ("sms", "+12025550701")
    assert created.code in body and "código" in body  # the person's language
    result = await store.verify_code("web:aa01", created.code)
    assert result.outcome == "verified"
    assert await store.claim_codes(50) == []  # sent once


async def test_a_code_for_a_cancelled_sign_up_is_not_sent(sqlite_store):
    store = sqlite_store
    await sign_up(store, "web:aa02", "+12025550702")
    await store.discard_pending("web:aa02")
    sender = Recorder()
    assert await send_all(dispatcher(store, sender), store) == []
    assert sender.sent == []


async def test_no_code_to_a_number_that_sent_stop(sqlite_store):
    store = sqlite_store
    await sign_up(store, "web:aa03", "+12025550703")
    await store.opt_out("sms", "+12025550703")
    sender = Recorder()
    assert await send_all(dispatcher(store, sender), store) == ["dead"]
    assert sender.sent == []


async def test_at_most_three_codes_an_hour_to_one_number(sqlite_store):
    store = sqlite_store
    sender = Recorder()
    d = dispatcher(store, sender)
    states = []
    for n in range(5):  # five strangers type the same number
        await sign_up(store, f"web:ab{n}", "+12025550704", "en")
        states += await send_all(d, store)
    assert states == ["sent", "sent", "sent", "dead", "dead"] and len(sender.sent) == 3


async def test_a_failed_send_is_tried_again_then_given_up(sqlite_store):
    store = sqlite_store
    await sign_up(store, "web:aa05", "+12025550705", "en")
    sender = Recorder(failures=99)
    d = dispatcher(store, sender)
    assert await send_all(d, store) == ["queued"]
    assert await send_all(d, store) == ["queued"]
    assert await send_all(d, store) == ["dead"]
    assert await send_all(d, store) == []


async def test_the_running_dispatcher_sends_codes_alongside_status_messages(sqlite_store):
    store = sqlite_store
    created = await sign_up(store, "web:aa06", "+12025550706", "en")
    sender = Recorder()
    d = dispatcher(store, sender)
    stop = asyncio.Event()
    task = asyncio.create_task(d.run(stop, idle=0.05))
    for _ in range(100):
        if sender.sent:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await task
    assert len(sender.sent) == 1 and created.code in sender.sent[0][2]
