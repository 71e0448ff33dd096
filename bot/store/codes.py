"""How many verification codes went to one contact lately, and when the next one may go.

The outbox keeps contacts encrypted with a random nonce, so equal contacts do not have equal
ciphertexts: the codes of the last window on the contact's channel are decrypted and compared in
their canonical form. There are few of them (a code is only written when someone signs up, changes
a contact or asks again).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.crypto import Cipher, DecryptionError, normalize_address
from bot.store.models import CODE_WINDOW_MINUTES, CODES_PER_WINDOW, outbox

WINDOW = timedelta(minutes=CODE_WINDOW_MINUTES)
# Dropped codes ("dead": over the limit, moot, refused) never reached anyone and do not count.
_COUNTED = ("queued", "sending", "sent")


async def recent_codes(conn: AsyncConnection, cipher: Cipher, channel: str, address: str,
                       now: datetime) -> list[datetime]:
    """When the codes of the last window to this contact were written, oldest first."""
    rows = (await conn.execute(
        select(outbox.c.created_at, outbox.c.contact_enc)
        .where(outbox.c.kind == "verification_code", outbox.c.channel == channel,
               outbox.c.state.in_(_COUNTED), outbox.c.created_at > now - WINDOW))).all()
    wanted = normalize_address(channel, address)
    return sorted(row.created_at for row in rows if _same(cipher, channel, row.contact_enc, wanted))


def _same(cipher: Cipher, channel: str, contact_enc: Optional[str], wanted: Optional[str]) -> bool:
    try:
        return normalize_address(channel, cipher.decrypt(contact_enc)) == wanted
    except (ValueError, DecryptionError):  # unreadable, or written under rules since changed: not this one
        return False


def wait_minutes(sent: list[datetime], now: datetime) -> int:
    """Whole minutes (at least 1) until the contact may get another code; 0 when it may now."""
    if len(sent) < CODES_PER_WINDOW:
        return 0
    frees = sent[len(sent) - CODES_PER_WINDOW] + WINDOW  # when the oldest that still counts drops out
    return max(1, math.ceil((frees - now).total_seconds() / 60))
