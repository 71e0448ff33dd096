"""The rate limits and failures a fake channel API enforces, like the real ones do.

A RateGate holds token buckets: one for the whole API (Telegram: about 30 messages/s per bot) and one
per key (a Telegram chat: 1/s; a Twilio sender number: 1 segment/s). Each bucket holds one second's
worth; a request costing more than a full bucket (a two-segment SMS on a 1 segment/s number) passes
when the bucket is full and leaves it in debt, so the long-run rate never exceeds the limit. A request
above the limit is refused with the seconds to wait (for the 429's retry_after) and costs nothing. A
share of the admitted requests fails at random (a 500), after using its place in the limit, as an
overloaded server's would.
"""

from __future__ import annotations

import math
import random
import threading
import time
from typing import Dict, Optional, Tuple


class TokenBucket:
    def __init__(self, rate: float, seconds: float = 1.0) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate * seconds)
        self.tokens = self.capacity
        self.stamp: Optional[float] = None

    def _refill(self, now: float) -> None:
        if self.stamp is not None:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait(self, cost: float, now: float) -> float:
        """Seconds until a request of this cost would pass (0: now)."""
        self._refill(now)
        needed = min(cost, self.capacity)
        return 0.0 if self.tokens >= needed - 1e-9 else (needed - self.tokens) / self.rate

    def take(self, cost: float) -> None:
        self.tokens -= cost


class RateGate:
    def __init__(self, overall: Optional[float] = None, per_key: Optional[float] = None,
                 error_rate: float = 0.0, seed: Optional[int] = None) -> None:
        self.overall = TokenBucket(overall) if overall else None
        self.per_key_rate = per_key
        self.per_key: Dict[str, TokenBucket] = {}
        self.error_rate = error_rate
        self.random = random.Random(seed)
        self.counts = {"ok": 0, "limited": 0, "error": 0}
        self._lock = threading.Lock()

    def admit(self, key: str, cost: float = 1.0) -> Tuple[str, int]:
        """("ok", 0), ("limited", retry_after in whole seconds, at least 1) or ("error", 0)."""
        with self._lock:
            now = time.monotonic()
            buckets = []
            if self.overall is not None:
                buckets.append(self.overall)
            if self.per_key_rate:
                bucket = self.per_key.get(key)
                if bucket is None:
                    bucket = self.per_key[key] = TokenBucket(self.per_key_rate)
                buckets.append(bucket)
            wait = max((bucket.wait(cost, now) for bucket in buckets), default=0.0)
            if wait > 0:
                self.counts["limited"] += 1
                return "limited", max(1, math.ceil(wait))
            for bucket in buckets:
                bucket.take(cost)
            if self.error_rate and self.random.random() < self.error_rate:
                self.counts["error"] += 1
                return "error", 0
            self.counts["ok"] += 1
            return "ok", 0
