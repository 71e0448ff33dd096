"""Bilingual messages composed by custom actions (catalog: bot/messages.yml).

Rasa open source has no per-language responses, and `rasa data validate` reports every domain
response that no rule or story uses; messages that only actions send therefore live here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

CATALOG = Path(__file__).with_name("messages.yml")
LANGUAGES = ("en", "es")


@lru_cache(maxsize=1)
def catalog() -> Dict[str, Dict[str, Any]]:
    with open(CATALOG, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def render(key: str, language: str, **values: Any) -> Dict[str, Any]:
    """The message `key` in `language` ('en' or 'es'), with {names} filled and buttons translated."""
    entry = catalog()[key]
    lang = language if language in LANGUAGES else "en"
    message: Dict[str, Any] = {"text": entry[lang].format(**values) if values else entry[lang]}
    buttons = entry.get("buttons")
    if buttons:
        message["buttons"] = [{"title": b[lang], "payload": b["payload"]} for b in buttons]
    return message


def utter(dispatcher: Any, message: Dict[str, Any], language: str) -> None:
    """Send a composed message through a rasa_sdk dispatcher, marked with its language: the web chat's
    page follows it (bot/channels/socketio.py); the other channels ignore it."""
    dispatcher.utter_message(**message, language=language if language in LANGUAGES else "en")


def say(dispatcher: Any, language: str, key: str, buttons: Optional[List[Dict[str, str]]] = None, **values: Any) -> None:
    """Send the message `key` through a rasa_sdk dispatcher."""
    message = render(key, language, **values)
    if buttons is not None:
        message["buttons"] = buttons
    utter(dispatcher, message, language)
