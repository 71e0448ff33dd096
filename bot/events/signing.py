"""Request signatures for event sources: HMAC-SHA256 over "<timestamp>.<body>" with the source's key.

Headers: X-Event-Source, X-Event-Timestamp (Unix seconds), X-Event-Signature (hex). A request is
accepted only within REPLAY_WINDOW seconds of its timestamp, and each signature only once.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from pathlib import Path
from typing import Dict, Optional

import yaml

REPLAY_WINDOW = 300  # seconds


def sign(key: str, timestamp: int, body: bytes) -> str:
    return hmac.new(key.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def signature_ok(key: str, timestamp: str, body: bytes, signature: str, now: Optional[float] = None) -> bool:
    """Valid signature and a timestamp inside the replay window."""
    if not timestamp.isdigit() or not signature:
        return False
    if abs((now if now is not None else time.time()) - int(timestamp)) > REPLAY_WINDOW:
        return False
    return hmac.compare_digest(sign(key, int(timestamp), body), signature)


def load_source_keys() -> Dict[str, str]:
    """source -> key, from EVENT_SOURCES ("jail-a=key1,dao-b=key2") and/or the YAML file
    EVENT_SOURCES_FILE (a mapping source: key). No sources: every request is refused."""
    keys: Dict[str, str] = {}
    path = os.environ.get("EVENT_SOURCES_FILE")
    if path and Path(path).exists():
        keys.update({str(k): str(v) for k, v in (yaml.safe_load(Path(path).read_text()) or {}).items()})
    for pair in filter(None, (p.strip() for p in os.environ.get("EVENT_SOURCES", "").split(","))):
        name, _, key = pair.partition("=")
        if name and key:
            keys[name.strip()] = key.strip()
    return keys
