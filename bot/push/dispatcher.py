"""The dispatcher: sends the queued status messages, within each channel's rate limits.

Each channel has its own pipeline: it claims due deliveries of that channel (bot/store: leases, so a
dispatcher killed at any moment loses nothing: its rows are claimed again when the lease runs out),
keeps a bounded number of them in flight, checks at send time that the subscription is still active
and the number not opted out, renders the message in the subscriber's language, waits for its turn
on the channel's pacer and sends it. Sent rows are marked in small batches. A 429 is waited out for as
long as the channel asks (and the lane pauses, so the other messages wait too); a permanent refusal
(blocked bot, invalid or unsubscribed number) makes the row dead at once; other failures are retried
with exponential backoff and jitter; after `max_attempts` a delivery is "dead", for an operator to
see. Error texts kept in the store carry no personal data.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, List, Optional, Sequence, Set, Tuple

from bot.events.templates import render_status
from bot.store.models import CODE_WINDOW_MINUTES, CODES_PER_WINDOW
from bot.store.repository import SentMark

logger = logging.getLogger(__name__)
_CODE_WINDOW = CODE_WINDOW_MINUTES * 60.0  # seconds

# send(delivery, text) -> None; raises RetryAfter for a 429, PermanentFailure when retrying cannot
# help, anything else (TransientFailure to say why) for a failure worth retrying. delivery["lane"]
# names the sender identity (e.g. the Twilio number) the pacer chose; a verification code's delivery
# has kind "verification_code", its language and verification_id, and no subscription.
Sender = Callable[[Dict[str, Any], str], Awaitable[None]]
Followup = Callable[[Dict[str, Any], str], Awaitable[None]]


class RetryAfter(Exception):
    """The channel said: too many requests, try again after `seconds`."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class TransientFailure(ConnectionError):
    """A failure worth retrying whose `reason` (no personal data) says more than its class name,
    e.g. "SMTP 451 to RCPT"; it is kept in the store for the operator."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _reason(error: Exception) -> str:
    return error.reason if isinstance(error, TransientFailure) else type(error).__name__


class PermanentFailure(Exception):
    """The channel refused for good (the person blocked the bot, the number is invalid or opted
    out); `reason` is kept in the store and must hold no personal data."""

    def __init__(self, reason: str, opted_out: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.opted_out = reason, opted_out


class Pacer:
    """Evenly spaced sends on one lane: a message of cost c occupies c/rate seconds of the lane, so
    there are no bursts. Reservations are first come, first served."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0

    async def take(self, cost: float = 1.0) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        start = max(now, self._next)
        self._next = start + cost * self.interval
        if start - now > 0.001:  # a wait under a millisecond is not worth a timer
            await asyncio.sleep(start - now)

    def pause(self, seconds: float) -> None:
        self._next = max(self._next, asyncio.get_running_loop().time() + seconds)

    def backlog(self) -> float:
        """Seconds of sending already promised on this lane."""
        return self._next - asyncio.get_running_loop().time()


def _spread(key: str, count: int) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big") % count


@dataclass
class ChannelLimits:
    """How fast one channel may send. `overall` is per lane, in cost units per second (messages;
    SMS: segments); `lanes` are the sender identities sharing the load (a pool of Twilio numbers,
    each with its own limit). A recipient hears from the same lane each time (chosen by a hash of
    the recipient) unless that lane is more than `spill_after` seconds behind the least busy one,
    as in a burst, when the message goes out on the least busy lane. `per_recipient` spaces messages
    to one person. `headroom` keeps the pace a little under the limit, so that network jitter does
    not push two sends into the same slot of the channel's own counter.

    Defaults are the published limits: Telegram about 30 messages/s overall and 1/s per chat;
    Twilio 1 segment/s per long code (raise `overall` for toll-free numbers or short codes)."""

    overall: float
    per_recipient: Optional[float] = None
    lanes: Sequence[str] = ("",)
    cost: Optional[Callable[[str], float]] = None
    headroom: float = 0.98
    spill_after: float = 2.0
    _lanes: Dict[str, Pacer] = field(init=False, repr=False)
    _recipients: Dict[str, "_RecipientSlot"] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.lanes = tuple(self.lanes) or ("",)
        self._lanes = {lane: Pacer(self.overall * self.headroom) for lane in self.lanes}

    @property
    def capacity(self) -> float:
        """Messages per second all lanes together can carry (at cost 1)."""
        return self.overall * self.headroom * len(self.lanes)

    def lane_for(self, recipient: str) -> str:
        if len(self.lanes) == 1:
            return self.lanes[0]
        preferred = self.lanes[_spread(recipient, len(self.lanes))]
        least = min(self.lanes, key=lambda lane: self._lanes[lane].backlog())
        if self._lanes[preferred].backlog() - self._lanes[least].backlog() > self.spill_after:
            return least
        return preferred

    @contextlib.asynccontextmanager
    async def turn(self, recipient: str) -> AsyncIterator[None]:
        """One message at a time per recipient, spaced 1/per_recipient apart from the last send."""
        if not self.per_recipient:
            yield
            return
        slot = self._recipients.get(recipient)
        if slot is None:
            slot = self._recipients[recipient] = _RecipientSlot()
        slot.users += 1
        try:
            async with slot.lock:
                wait = slot.last + 1.0 / (self.per_recipient * self.headroom) - asyncio.get_running_loop().time()
                if wait > 0:
                    await asyncio.sleep(wait)
                try:
                    yield
                finally:
                    slot.last = asyncio.get_running_loop().time()
        finally:
            slot.users -= 1
            if len(self._recipients) > 1000:
                self._sweep()

    def _sweep(self) -> None:
        """Bounded memory: forget recipients with nothing waiting whose spacing has passed."""
        cutoff = asyncio.get_running_loop().time() - 1.0 / (self.per_recipient * self.headroom)
        for key in [k for k, slot in self._recipients.items() if not slot.users and slot.last < cutoff]:
            del self._recipients[key]

    async def acquire(self, recipient: str, text: str = "") -> str:
        """Wait for this message's turn on a lane; returns the lane it goes out on."""
        lane = self.lane_for(recipient)
        await self._lanes[lane].take(self.cost(text) if self.cost else 1.0)
        return lane

    def pause(self, lane: str, seconds: float) -> None:
        """The channel said 429: the lane the message went out on waits."""
        if lane in self._lanes:
            self._lanes[lane].pause(seconds)


class _RecipientSlot:
    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.last = float("-inf")
        self.users = 0


class Dispatcher:
    def __init__(self, store: Any, senders: Dict[str, Sender], limits: Optional[Dict[str, ChannelLimits]] = None,
                 is_opted_out: Optional[Callable[[str, str], Awaitable[bool]]] = None, batch: int = 50,
                 lease: timedelta = timedelta(seconds=60), max_attempts: int = 6, base_backoff: float = 2.0,
                 followup: Optional[Followup] = None, max_in_flight: int = 256) -> None:
        self.store = store
        self.senders = senders
        if limits is None:
            from bot.push.worker import limits_from_env  # the published limits, as the worker sets them

            limits = limits_from_env({})
        self.limits = limits
        self.is_opted_out = is_opted_out or store.is_opted_out
        self.batch, self.lease, self.max_attempts, self.base_backoff = batch, lease, max_attempts, base_backoff
        self.followup = followup
        self.max_in_flight = max_in_flight
        self.recheck_after = 1.0  # seconds after the claim when an opt-out is looked up again
        self.codes_per_hour = CODES_PER_WINDOW  # the same limit the chat tells the person about
        self._code_times: Dict[str, List[float]] = {}
        self._in_flight: Set[int] = set()
        self._done: List[SentMark] = []
        self._rendered: Dict[Tuple[Any, ...], str] = {}
        self._urgent: List[Tuple[SentMark, asyncio.Future]] = []
        self._urgent_writer: Optional[asyncio.Task] = None
        self.counters = {"sent": 0, "failed": 0, "dead": 0, "retry_after": 0}

    def backoff(self, attempts: int) -> timedelta:
        """Exponential backoff with full jitter: up to base * 2^attempts seconds, at most an hour."""
        return timedelta(seconds=random.uniform(0, min(3600.0, self.base_backoff * 2 ** attempts)))

    def _limits(self, channel: str) -> ChannelLimits:
        if channel not in self.limits:
            self.limits[channel] = ChannelLimits(10.0)
        return self.limits[channel]

    def window(self, channel: str) -> int:
        """How many rows of a channel to hold at once: what it can send in a third of the lease, so
        that no claimed row waits until its lease runs out, and at most `max_in_flight` (more only
        queue for the HTTP connections)."""
        capacity = self._limits(channel).capacity
        return max(1, min(self.max_in_flight, int(capacity * self.lease.total_seconds() / 3)))

    # --- one batch, all channels (tests, and a single pass from the command line) -------------------

    async def run_once(self) -> int:
        """Claim one batch and send it; returns how many deliveries were handled."""
        claimed = await self.store.claim_deliveries(self.batch, self.lease)
        await asyncio.gather(*(self._deliver(delivery) for delivery in claimed))
        await self.flush()
        return len(claimed)

    # --- the long-running service --------------------------------------------------------------------

    async def run(self, stop: asyncio.Event, idle: float = 0.5, channels: Optional[Sequence[str]] = None) -> None:
        """Keep sending until `stop` is set: one pipeline per channel, and a writer that marks sent
        rows in batches."""
        channels = list(channels or self.senders)
        writer = asyncio.create_task(self._write_done(stop))
        try:
            await asyncio.gather(*(self._pipeline(channel, stop, idle) for channel in channels),
                                 self._codes(stop, idle))
        finally:
            await writer
            await self.flush()

    async def _pipeline(self, channel: str, stop: asyncio.Event, idle: float) -> None:
        window = self.window(channel)
        tasks: Set[asyncio.Task] = set()
        freed = asyncio.Event()

        threshold = max(1, window // 2)

        def finished(task: asyncio.Task) -> None:
            tasks.discard(task)
            if window - len(tasks) >= threshold:
                freed.set()  # room for another claim

        while not stop.is_set():
            room = window - len(tasks)
            claimed: List[Dict[str, Any]] = []
            if room >= threshold or not tasks:
                try:
                    claimed = await self.store.claim_deliveries(min(room, 500), self.lease, channel=channel)
                except Exception:
                    logger.exception("claiming %s deliveries failed", channel)
            now = asyncio.get_running_loop().time()
            for delivery in claimed:
                delivery["claimed"] = now
                if delivery["id"] in self._in_flight:
                    continue  # still ours (its lease ran out while it waited): the running task sends it
                task = asyncio.create_task(self._deliver(delivery))
                tasks.add(task)
                task.add_done_callback(finished)
            if claimed:
                continue
            # Nothing due, or no room: wait for a send to finish, for `stop`, or `idle` seconds.
            freed.clear()
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(freed.wait())]
            try:
                await asyncio.wait(waiters, timeout=idle, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:
                    waiter.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    # --- verification codes for a contact on another channel (the outbox) ---------------------------

    async def _codes(self, stop: asyncio.Event, idle: float) -> None:
        channels = tuple(c for c in self.senders if c != "web")
        while channels and not stop.is_set():
            try:
                codes = await self.store.claim_codes(20, channels=channels)
            except Exception:
                logger.exception("claiming verification codes failed")
                codes = []
            await asyncio.gather(*(self.send_code(code) for code in codes))
            if not codes:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=idle)
                except asyncio.TimeoutError:
                    pass

    async def send_code(self, code: Dict[str, Any]) -> str:
        """Send one verification code; returns its new state. At most `codes_per_hour` codes go to
        one contact in an hour (so a stranger cannot flood someone's phone by entering their number)."""
        channel, contact = code["channel"], code["contact"]
        state = "sent"
        loop = asyncio.get_running_loop()
        recent = [t for t in self._code_times.get(contact, []) if loop.time() - t < _CODE_WINDOW]
        if len(recent) >= self.codes_per_hour:
            state = "dead"
        elif channel == "sms" and await self.is_opted_out("sms", contact):
            state = "dead"
        else:
            try:
                # The sender may need more than the text: an e-mail has a subject and an unsubscribe
                # link for the sign-up the code is for.
                about = {"channel": channel, "contact": contact, "id": None, "kind": "verification_code",
                         "language": code.get("language"), "verification_id": code.get("verification_id")}
                await self._push(about, code["body"], self.senders[channel], contact)
            except PermanentFailure:
                state = "dead"
            except Exception as error:
                state = "queued" if code["attempts"] < 3 else "dead"
                logger.warning("verification code %s not sent (%s)", code["id"], _reason(error))
            if state == "sent":
                if len(self._code_times) > 10000:
                    self._code_times = {k: v for k, v in self._code_times.items()
                                        if loop.time() - v[-1] < _CODE_WINDOW}
                self._code_times[contact] = recent + [loop.time()]
        await self.store.code_done(code["id"], state)
        return state

    async def _write_done(self, stop: asyncio.Event, every: float = 0.25) -> None:
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), timeout=every)
            except asyncio.TimeoutError:
                pass
            try:
                await self.flush()
            except Exception:
                logger.exception("marking deliveries sent failed; will try again")

    async def flush(self) -> None:
        """Write the sent marks collected so far, in one transaction."""
        done, self._done = self._done, []
        if not done:
            return
        try:
            await self.store.deliveries_done(done)
        except Exception:
            self._done[:0] = done  # kept for the next try; the rows stay leased meanwhile
            raise
        for mark in done:
            self._in_flight.discard(mark.delivery)

    async def _mark_now(self, done: SentMark) -> None:
        """Mark one row sent before returning, sharing the transaction with the rows that came in
        while the previous one was written (group commit)."""
        future = asyncio.get_running_loop().create_future()
        self._urgent.append((done, future))
        if self._urgent_writer is None or self._urgent_writer.done():
            self._urgent_writer = asyncio.create_task(self._write_urgent())
        try:
            await future
            self._in_flight.discard(done.delivery)
        except Exception:
            self._done.append(done)  # the batch writer tries again; the row stays leased meanwhile

    async def _write_urgent(self) -> None:
        while self._urgent:
            batch, self._urgent = self._urgent, []
            try:
                await self.store.deliveries_done([done for done, _ in batch])
            except Exception as error:
                for _, future in batch:
                    future.set_exception(error)
                continue
            for _, future in batch:
                future.set_result(None)

    # --- one delivery ---------------------------------------------------------------------------

    async def _deliver(self, delivery: Dict[str, Any]) -> None:
        self._in_flight.add(delivery["id"])
        try:
            sent = await self._send(delivery)
        except Exception:
            logger.exception("delivery %s: unexpected error", delivery["id"])
            sent = False
            await self._failed(delivery, "internal error")
        if not sent:
            self._in_flight.discard(delivery["id"])

    async def _send(self, delivery: Dict[str, Any]) -> bool:
        channel = delivery["channel"]
        # Checked now, not when the event came in: the person may have cancelled or sent STOP since.
        if delivery["status"] != "active":
            await self._dead(delivery, "subscription not active")
            return False
        if channel == "sms" and await self._opted_out(delivery):
            await self._dead(delivery, "number opted out")
            return False
        sender = self.senders.get(channel)
        if sender is None:
            await self._dead(delivery, f"no sender for {channel}")
            return False
        text = self._render(delivery, delivery["language"], sms=channel == "sms")
        recipient = delivery["contact"] or delivery["conversation"] or str(delivery["subscription_id"])
        try:
            await self._push(delivery, text, sender, recipient)
        except PermanentFailure as refusal:
            await self._dead(delivery, refusal.reason)
            return False
        except Exception as error:
            await self._failed(delivery, _reason(error))
            return False
        self.counters["sent"] += 1
        done = SentMark(delivery["id"], delivery["subscription_id"], delivery["type"], delivery["occurred"],
                        self._render(delivery, "en"), self._render(delivery, "es"))
        if channel == "web":
            # The person may be looking at the widget: "any news?" asked the next moment must find it.
            await self._mark_now(done)
        else:
            self._done.append(done)
        if self.followup is not None:
            await self._follow(delivery, text)
        return True

    async def _push(self, delivery: Dict[str, Any], text: str, sender: Sender, recipient: str) -> None:
        """Send once the channel's pacers allow, waiting out 429s (the channel's own pace, not a
        failure). A refusal that says the person opted out is recorded. Raises PermanentFailure or
        the sender's error."""
        limits = self._limits(delivery["channel"])
        while True:
            if limits.per_recipient:
                async with limits.turn(recipient):
                    waited = await self._push_once(delivery, text, sender, limits, recipient)
            else:
                waited = await self._push_once(delivery, text, sender, limits, recipient)
            if not waited:
                return

    async def _push_once(self, delivery: Dict[str, Any], text: str, sender: Sender, limits: ChannelLimits,
                         recipient: str) -> bool:
        """One try; True when the channel said 429 (and its wait is over)."""
        delivery["lane"] = await limits.acquire(recipient, text)
        try:
            await sender(delivery, text)
        except RetryAfter as wait:
            self.counters["retry_after"] += 1
            limits.pause(delivery["lane"], wait.seconds)
            await asyncio.sleep(wait.seconds)
            return True
        except PermanentFailure as refusal:
            if refusal.opted_out and delivery.get("contact"):
                await self.store.opt_out(delivery["channel"], delivery["contact"])
            raise
        return False

    def _render(self, delivery: Dict[str, Any], language: str, sms: bool = False) -> str:
        """The status message; an event's subscribers mostly share it, so it is rendered once."""
        key = (delivery["event_id"], delivery["offender_name"], language, sms)
        text = self._rendered.get(key)
        if text is None:
            if len(self._rendered) > 20000:
                self._rendered.clear()
            text = self._rendered[key] = render_status(delivery["type"], language, name=delivery["offender_name"],
                                                       details=delivery["details"], text=delivery["text"], sms=sms)
        return text

    async def _opted_out(self, delivery: Dict[str, Any]) -> bool:
        """The claim read the opt-outs; a row that has waited since (an SMS lane is slow) asks again,
        so that a STOP is honoured up to the moment of sending."""
        if delivery.get("opted_out"):
            return True
        claimed = delivery.get("claimed")
        if claimed is not None and asyncio.get_running_loop().time() - claimed < self.recheck_after:
            return False
        return await self.is_opted_out("sms", delivery["contact"])

    async def _follow(self, delivery: Dict[str, Any], text: str) -> None:
        """After the message went out: let the conversation know (a few tries; never a resend)."""
        for attempt in range(4):
            try:
                await self.followup(delivery, text)
                return
            except Exception as error:
                if attempt == 3:
                    logger.warning("delivery %s sent, but its conversation was not updated (%s)",
                                   delivery["id"], type(error).__name__)
                    return
                await asyncio.sleep(0.2 * 2 ** attempt)

    async def _failed(self, delivery: Dict[str, Any], reason: str) -> None:
        attempts = delivery["attempts"] + 1
        retry = self.backoff(attempts) if attempts < self.max_attempts else None
        state = await self.store.delivery_failed(delivery["id"], reason, retry)
        self.counters["failed" if retry else "dead"] += 1
        logger.warning("delivery %s failed (%s), now %s", delivery["id"], reason, state)

    async def _dead(self, delivery: Dict[str, Any], reason: str) -> None:
        await self.store.delivery_failed(delivery["id"], reason, None)
        self.counters["dead"] += 1
