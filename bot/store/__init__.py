"""Subscription store: encrypted persistence of victims' notification subscriptions.

Usage::

    store = Store.from_url("postgresql+asyncpg://...")   # or the SQLite default
    await store.init()
    created = await store.create_subscription(...)
    await store.close()
"""

from bot.store.crypto import Cipher, DecryptionError, load_key
from bot.store.models import (
    Contact,
    Created,
    OffenderDetails,
    Resent,
    SubscriptionView,
    VerifyResult,
)
from bot.store.repository import DEFAULT_URL, Store

__all__ = [
    "DEFAULT_URL",
    "Cipher",
    "Contact",
    "Created",
    "DecryptionError",
    "OffenderDetails",
    "Resent",
    "Store",
    "SubscriptionView",
    "VerifyResult",
    "load_key",
]
