"""The dispatcher: sends the queued status messages, within each channel's rate limits.

It claims due deliveries in batches (bot/store: leases, so a dispatcher killed at any moment loses
nothing: its rows are claimed again when the lease runs out), checks at send time that the
subscription is still active and the number not opted out, renders the message in the subscriber's
language, and sends it. A 429 is waited out for as long as the channel asks; other failures are
retried with exponential backoff and jitter; after `max_attempts` a delivery is "dead", for an
operator to see. Error texts kept in the store carry no personal data.
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Awaitable, Callable, Dict, Optional

from aiolimiter import AsyncLimiter

from bot.events.templates import render_status

logger = logging.getLogger(__name__)

# send(delivery, text) -> None; raises RetryAfter for a 429, anything else for a failure.
Sender = Callable[[Dict[str, Any], str], Awaitable[None]]


class RetryAfter(Exception):
    """The channel said: too many requests, try again after `seconds`."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


@dataclass
class ChannelLimits:
    """Published limits by default: Telegram about 30 messages/s overall and 1/s per chat;
    Twilio 1 segment/s per long code (set `overall` higher for toll-free numbers or short codes)."""

    overall: float
    per_recipient: Optional[float] = None
    _overall: AsyncLimiter = field(init=False, repr=False)
    _recipients: Dict[str, AsyncLimiter] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._overall = AsyncLimiter(self.overall, 1)

    async def acquire(self, recipient: str) -> None:
        if self.per_recipient:
            # No bursts to one person: messages are spaced 1/rate apart.
            limiter = self._recipients.setdefault(recipient, AsyncLimiter(1, 1.0 / self.per_recipient))
            await limiter.acquire()
        await self._overall.acquire()


DEFAULT_LIMITS = {"telegram": (30.0, 1.0), "sms": (1.0, None), "email": (10.0, None), "web": (100.0, None)}


class Dispatcher:
    def __init__(self, store: Any, senders: Dict[str, Sender], limits: Optional[Dict[str, ChannelLimits]] = None,
                 is_opted_out: Optional[Callable[[str, str], Awaitable[bool]]] = None, batch: int = 50,
                 lease: timedelta = timedelta(seconds=60), max_attempts: int = 6, base_backoff: float = 2.0) -> None:
        self.store = store
        self.senders = senders
        self.limits = limits or {name: ChannelLimits(*values) for name, values in DEFAULT_LIMITS.items()}
        self.is_opted_out = is_opted_out or store.is_opted_out
        self.batch, self.lease, self.max_attempts, self.base_backoff = batch, lease, max_attempts, base_backoff

    def backoff(self, attempts: int) -> timedelta:
        """Exponential backoff with full jitter: up to base * 2^attempts seconds, at most an hour."""
        return timedelta(seconds=random.uniform(0, min(3600.0, self.base_backoff * 2 ** attempts)))

    async def run_once(self) -> int:
        """Claim one batch and send it; returns how many deliveries were handled."""
        claimed = await self.store.claim_deliveries(self.batch, self.lease)
        await asyncio.gather(*(self._deliver(delivery) for delivery in claimed))
        return len(claimed)

    async def run(self, stop: asyncio.Event, idle: float = 0.5) -> None:
        """Keep sending until `stop` is set; sleep a little when nothing is due."""
        while not stop.is_set():
            try:
                handled = await self.run_once()
            except Exception:
                logger.exception("dispatcher round failed")
                handled = 0
            if not handled:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=idle)
                except asyncio.TimeoutError:
                    pass

    async def _deliver(self, delivery: Dict[str, Any]) -> None:
        channel = delivery["channel"]
        # Checked now, not when the event came in: the person may have cancelled or sent STOP since.
        if delivery["status"] != "active":
            await self.store.delivery_failed(delivery["id"], "subscription not active", None)
            return
        if channel == "sms" and await self.is_opted_out("sms", delivery["contact"]):
            await self.store.delivery_failed(delivery["id"], "number opted out", None)
            return
        sender = self.senders.get(channel)
        if sender is None:
            await self.store.delivery_failed(delivery["id"], f"no sender for {channel}", None)
            return
        args = dict(name=delivery["offender_name"], details=delivery["details"], text=delivery["text"])
        text = render_status(delivery["type"], delivery["language"], sms=channel == "sms", **args)
        recipient = delivery["contact"] or delivery["conversation"] or str(delivery["subscription_id"])
        limits = self.limits.get(channel) or ChannelLimits(10.0)
        while True:
            await limits.acquire(recipient)
            try:
                await sender(delivery, text)
            except RetryAfter as wait:
                await asyncio.sleep(wait.seconds)  # the channel's own pace; not counted as a failure
                continue
            except Exception as error:
                attempts = delivery["attempts"] + 1
                retry = self.backoff(attempts) if attempts < self.max_attempts else None
                state = await self.store.delivery_failed(delivery["id"], type(error).__name__, retry)
                logger.warning("delivery %s failed (%s), now %s", delivery["id"], type(error).__name__, state)
                return
            break
        await self.store.delivery_done(
            delivery["id"], render_status(delivery["type"], "en", **args), render_status(delivery["type"], "es", **args))
