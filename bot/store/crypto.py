"""How the subscription store protects personal data: encryption, lookup hashes, masking.

One secret (a Fernet key) feeds two independent uses:

* Fernet encrypts every personal field (offender details, contact addresses, message bodies).
* An HMAC-SHA256 key, derived from the same secret with HKDF, produces deterministic digests so
  rows can be found by owner or contact without storing either in clear. A plain SHA-256 would
  not do: phone numbers are few enough to be brute-forced from a leaked database.

Contact addresses are normalised before hashing (so equal contacts match) and masked for
display. The secret comes from the environment variable ``BOT_DATA_KEY``. For development
only, when it is unset a key is generated once in ``var/dev-data.key`` (mode 0600) and reused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import re
from pathlib import Path
from typing import Optional, Union

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_VAR_DIR = ROOT / "var"
KEY_ENV = "BOT_DATA_KEY"
DEV_KEY_FILE = "dev-data.key"

# Changing this label changes every lookup hash, so it is versioned rather than edited.
_HMAC_INFO = b"crime-victim-bot/store/lookup-hmac/v1"

KeyLike = Union[bytes, str]
CHANNELS = ("sms", "telegram", "email", "web")


class DecryptionError(Exception):
    """A stored value could not be decrypted (usually the wrong ``BOT_DATA_KEY``).

    The message never includes the ciphertext or anything derived from it.
    """


def load_key(var_dir: Optional[Union[str, Path]] = None) -> bytes:
    """Return the data key: ``BOT_DATA_KEY`` if set, else the development key file.

    The development key is created in ``var_dir/dev-data.key`` (default ``<repo>/var``) with
    mode 0600 the first time and read back on later calls, so data written in one run stays
    readable in the next.
    """
    env_key = os.environ.get(KEY_ENV, "").strip()
    if env_key:
        key = env_key.encode("ascii")
        _check_key(key)
        return key

    directory = Path(var_dir) if var_dir is not None else DEFAULT_VAR_DIR
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / DEV_KEY_FILE
    try:
        # O_EXCL so that two processes starting together cannot each write a different key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key_file(path)
    key = Fernet.generate_key()
    with os.fdopen(fd, "wb") as handle:
        # The umask can only remove bits, but an explicit chmod documents the intent.
        os.fchmod(handle.fileno(), 0o600)
        handle.write(key + b"\n")
    log.warning("%s is not set; generated a development data key file", KEY_ENV)
    return key


def _read_key_file(path: Path) -> bytes:
    if path.stat().st_mode & 0o077:
        log.warning("development data key file is readable by other users; chmod 600 it")
    key = path.read_bytes().strip()
    _check_key(key)
    return key


def _check_key(key: bytes) -> None:
    try:
        Fernet(key)
    except (ValueError, TypeError):
        # Re-raised without the offending value so a mistyped secret never reaches a log.
        raise ValueError(f"{KEY_ENV} must be a Fernet key (32 url-safe base64 bytes)") from None


class Cipher:
    """Encrypts/decrypts personal fields and computes keyed lookup digests."""

    def __init__(self, key: KeyLike):
        key_bytes = key.encode("ascii") if isinstance(key, str) else bytes(key)
        _check_key(key_bytes)
        self._fernet = Fernet(key_bytes)
        raw = self._raw = base64.urlsafe_b64decode(key_bytes)
        # A separate key for HMAC, so a digest can never be mistaken for (or help attack)
        # the Fernet signing key, even though both come from one configured secret.
        self._hmac_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=_HMAC_INFO
        ).derive(raw)

    def __repr__(self) -> str:
        return "Cipher(<key hidden>)"

    def encrypt(self, value: Optional[str]) -> Optional[str]:
        """Encrypt ``value`` into a Fernet token (text); ``None`` stays ``None``."""
        if value is None:
            return None
        return self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def decrypt(self, token: Optional[str]) -> Optional[str]:
        """Decrypt a token produced by :meth:`encrypt`; ``None`` stays ``None``."""
        if token is None:
            return None
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise DecryptionError("stored value could not be decrypted") from None

    def digest(self, value: str) -> str:
        """Keyed HMAC-SHA256 of ``value`` as 64 hex characters (deterministic, for lookups)."""
        return hmac.new(self._hmac_key, value.encode("utf-8"), hashlib.sha256).hexdigest()

    def sealer(self, purpose: bytes) -> Fernet:
        """A Fernet for tokens that leave the database (e.g. in a link), with its own key derived
        for ``purpose``: such a token can never be mistaken for a stored field, nor opened by a key
        meant for something else."""
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"crime-victim-bot/" + purpose).derive(self._raw)
        return Fernet(base64.urlsafe_b64encode(key))


def _check(condition: bool, message: str) -> None:
    # Messages name the field, never its value: the value is personal.
    if not condition:
        raise ValueError(message)


# --- contact addresses: canonical form for hashing, masked form for display -----------------

# E.164 country codes are prefix-free: "1" and "7" are one digit, these are two, all others
# three. Enough to mask a number as "+<country code>****<last 4>" without a phone library.
_TWO_DIGIT_CC = frozenset(
    "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 "
    "60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98".split()
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalize_address(channel: str, address: Optional[str]) -> Optional[str]:
    """Canonical form of a contact address, so equal contacts get equal hashes.

    Phones become E.164 (bare 10-digit numbers are taken as US, which is what the VINE
    programs serve); e-mails are lower-cased. Errors never echo the address.
    """
    _check(channel in CHANNELS, "unknown channel")
    if channel == "web":
        return None
    _check(bool(address and address.strip()), f"a {channel} contact needs an address")
    address = address.strip()
    if channel == "sms":
        digits = re.sub(r"\D", "", address)
        if not address.startswith("+"):
            if len(digits) == 10:
                digits = "1" + digits
            else:
                _check(len(digits) == 11 and digits.startswith("1"),
                       "phone number must include the country code")
        _check(8 <= len(digits) <= 15, "phone number has the wrong length")
        return "+" + digits
    if channel == "email":
        _check(bool(_EMAIL.match(address)), "e-mail address is malformed")
        return address.lower()
    return address  # telegram chat id or user name, used as given


def mask_address(channel: str, address: Optional[str]) -> str:
    """Masked form for display: '+1******4567', 'j***@example.com', 'Telegram', 'this chat'."""
    if channel == "web" or not address:
        return "this chat"
    if channel == "telegram":
        return "Telegram"
    if channel == "email":
        local, _, domain = address.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = address.lstrip("+")
    if digits[:1] in ("1", "7"):
        cc = digits[:1]
    elif digits[:2] in _TWO_DIGIT_CC:
        cc = digits[:2]
    else:
        cc = digits[:3]
    hidden = max(len(digits) - len(cc) - 4, 0)
    return f"+{cc}{'*' * hidden}{digits[len(cc) + hidden:]}"
