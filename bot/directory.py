"""The verified directory (data/directory/): programs, hotlines and each state's victim services.

Every contact carries its source and the date it was checked; the bot quotes a phone number or web
address only from here (tests/test_messages.py checks every message against it).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterator, Optional

import yaml

DIRECTORY_DIR = Path(__file__).resolve().parent.parent / "data" / "directory"


@lru_cache(maxsize=None)
def _load(name: str) -> Dict[str, Any]:
    with open(DIRECTORY_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def programs() -> Dict[str, Any]:
    return _load("programs.yml")["programs"]


def hotlines() -> Dict[str, Any]:
    return _load("programs.yml")["hotlines"]


def state_services(code: Optional[str]) -> Dict[str, Any]:
    """The state's corrections victim services and own notification program, where sourced."""
    return (_load("state_services.yml").get("states") or {}).get(code or "", {}) or {}


def sourced_entries() -> Iterator[Dict[str, Any]]:
    """Every directory entry that carries a phone number or a web address."""

    def walk(node: Any) -> Iterator[Dict[str, Any]]:
        if isinstance(node, dict):
            if any(k in node for k in ("url", "phone", "tty", "text_number")):
                yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for path in sorted(DIRECTORY_DIR.glob("*.yml")):
        yield from walk(_load(path.name))
