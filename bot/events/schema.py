"""The event a source (a jail, a prosecutor's office, a test feed) sends, as a JSON Schema.

The same schema checks the HTTP intake and the file import, and is published in the OpenAPI
description of the service (bot/web/openapi.yaml).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Dict, Optional

from jsonschema import Draft202012Validator, FormatChecker

EVENT_TYPES = (
    "release", "transfer", "escape", "return_to_custody", "death",
    "court_hearing_scheduled", "court_hearing_changed", "sentencing",
    "ice_custody", "removed", "ice_release", "other",
)

EVENT_SCHEMA: Dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Custody or case event",
    "type": "object",
    "additionalProperties": False,
    "required": ["source", "id", "program", "offender", "type", "occurred_at"],
    "properties": {
        "source": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_.-]{1,63}$",
                   "description": "The sending source's name; must match X-Event-Source."},
        "id": {"type": "string", "minLength": 1, "maxLength": 128,
               "description": "The source's own id for the event; source + id is unique."},
        "program": {"enum": ["vine", "vns", "vnp"]},
        "offender": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "minLength": 1, "maxLength": 64,
                       "description": "Offender, inmate or booking number, as the source knows it."},
                "name": {"type": "string", "minLength": 1, "maxLength": 120},
                "dob": {"type": "string", "format": "date"},
            },
            "anyOf": [{"required": ["id"]}, {"required": ["name", "dob"]}],
        },
        "type": {"enum": list(EVENT_TYPES)},
        "text": {"type": "string", "maxLength": 1000, "description": "What happened, for type 'other'."},
        "occurred_at": {"type": "string", "format": "date-time"},
        "details": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "facility": {"type": "string", "maxLength": 200},
                "court": {"type": "string", "maxLength": 200},
                "date": {"type": "string", "format": "date-time"},
            },
        },
    },
    "if": {"properties": {"type": {"const": "other"}}},
    "then": {"required": ["text"]},
}

_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """RFC 3339 with a time zone ("2026-11-29T15:12:00Z", "...-06:00")."""
    if not isinstance(value, str):
        return True
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return parsed.tzinfo is not None


@_FORMATS.checks("date", raises=ValueError)
def _date(value: object) -> bool:
    return not isinstance(value, str) or bool(date.fromisoformat(value))


_VALIDATOR = Draft202012Validator(EVENT_SCHEMA, format_checker=_FORMATS)


def problem(event: Any) -> Optional[str]:
    """None if the event is valid, else one sentence naming the field (never echoing its value)."""
    errors = sorted(_VALIDATOR.iter_errors(event), key=lambda e: (len(e.absolute_path), str(e.absolute_path)))
    if not errors:
        return None
    error = errors[0]
    field = ".".join(str(p) for p in error.absolute_path) or "(the event)"
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a field"
        field = f"{field}.{missing}" if error.absolute_path else missing
        return f"{field}: required"
    if error.validator == "anyOf" and field == "offender":
        return "offender: needs an id, or a name and a date of birth"
    if error.validator == "additionalProperties":
        return f"{field}: unknown field"
    if error.validator == "enum":
        return f"{field}: must be one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "format":
        return f"{field}: must be a {error.validator_value}"
    return f"{field}: {error.validator} check failed"
