"""Status messages from events, in the subscriber's language; short versions for SMS."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional

import yaml

TEMPLATES = Path(__file__).with_name("templates.yml")

_PLACES = {
    "from_facility": {"en": " from {facility}", "es": " de {facility}"},
    "to_facility": {"en": " ({facility})", "es": " ({facility})"},
    "at_facility": {"en": " at {facility}", "es": " en {facility}"},
    "at_court": {"en": " at {court}", "es": " en {court}"},
    "when": {"en": " for {date}", "es": " para el {date}"},
}
_FALLBACK_NAME = {"en": "The person you registered for", "es": "La persona por la que se inscribió"}


@lru_cache(maxsize=1)
def templates() -> Dict[str, Dict[str, str]]:
    with open(TEMPLATES, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def render_status(event_type: str, language: str, name: Optional[str] = None,
                  details: Optional[Dict[str, Any]] = None, text: str = "", sms: bool = False) -> str:
    """The message for one event, in 'en' or 'es'; `sms` picks the short version."""
    lang = "es" if language == "es" else "en"
    details = details or {}
    values = {"name": name or _FALLBACK_NAME[lang], "text": text}
    for key, forms in _PLACES.items():
        field = {"when": "date"}.get(key, key.split("_", 1)[-1])
        values[key] = forms[lang].format(**{field: details[field]}) if details.get(field) else ""
    template = templates()[event_type][f"sms_{lang}" if sms else lang]
    message = template.format(**values)
    return message[0].upper() + message[1:]
