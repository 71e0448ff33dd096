"""Opaque tokens for the unsubscribe link in every e-mail (RFC 8058 one-click, and a link to click).

A token names what it stops (a subscription, or the verification a code e-mail was for), the
language of its pages, and the first 64 bits of the keyed hash of the address the e-mail went to;
it is sealed (encrypted and authenticated) with a key of its own, derived from the data key. So the
link carries neither the address nor a readable id, cannot be guessed or altered, and an old e-mail
cannot stop messages that now go to another address (a person who moved away from a mailbox someone
else reads keeps their notifications).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Optional

from cryptography.fernet import InvalidToken

from bot.store.crypto import Cipher

KINDS = {"s": "subscription", "v": "verification"}
_CODES = {name: code for code, name in KINDS.items()}
# Fernet tokens are URL-safe base64; the padding is dropped from links and put back when read.
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{60,400}$")
_PAYLOAD = re.compile(r"^([sv]):([0-9]{1,18}):(en|es):([0-9a-f]{16})$")
PURPOSE = b"unsubscribe-link/v1"


@dataclass(frozen=True)
class UnsubscribeTarget:
    """What an unsubscribe link stops: a subscription (status messages) or a verification (a code
    e-mail), for the address whose hash starts with `contact`; `language` is that of its pages."""

    kind: str
    ident: int = field(repr=False)
    language: str
    contact: str = field(repr=False)


class UnsubscribeLinks:
    def __init__(self, cipher: Cipher) -> None:
        self._fernet = cipher.sealer(PURPOSE)

    def token(self, target: UnsubscribeTarget) -> str:
        payload = f"{_CODES[target.kind]}:{target.ident}:{target.language}:{target.contact[:16]}"
        return self._fernet.encrypt(payload.encode("ascii")).decode("ascii").rstrip("=")

    def read(self, token: str) -> Optional[UnsubscribeTarget]:
        """The target of a token made here, or None for anything else (never an exception)."""
        if not isinstance(token, str) or not _TOKEN.match(token):
            return None
        padded = token + "=" * (-len(token) % 4)
        try:
            payload = self._fernet.decrypt(padded.encode("ascii")).decode("ascii")
        except (InvalidToken, ValueError, UnicodeDecodeError, base64.binascii.Error):
            return None
        found = _PAYLOAD.match(payload)
        if not found:
            return None
        kind, ident, language, contact = found.groups()
        return UnsubscribeTarget(KINDS[kind], int(ident), language, contact)
