"""The Rasa command line, with one performance fix: `python -m bot.rasa_server run ...`.

With `run`, the JWT secret of the HTTP API comes from RASA_JWT_SECRET (kept off the command line).

Rasa 3.6 validates every action server response with `jsonschema.validate(result, schema)`, which
re-checks the (constant) schema against the JSON Schema meta-schema on every call: 25-90 ms per
custom action with jsonschema 4.17 on the 2-core machine, more than the rest of a turn. Here the
checked validator is built once per distinct schema and reused; validation itself is unchanged
(same validator class, the same best-matching error raised).
"""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

_original_validate = jsonschema.validate


@lru_cache(maxsize=64)
def _checked_validator(schema_json: str) -> Any:
    schema = json.loads(schema_json)
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(instance: Any, schema: Any, *args: Any, **kwargs: Any) -> None:
    """Drop-in for jsonschema.validate that checks each schema once."""
    if args or kwargs:
        return _original_validate(instance, schema, *args, **kwargs)
    try:
        key = json.dumps(schema, sort_keys=True)
    except (TypeError, ValueError):
        return _original_validate(instance, schema)
    error = best_match(_checked_validator(key).iter_errors(instance))
    if error is not None:
        raise error
    return None


def install() -> None:
    jsonschema.validate = validate


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    args = sys.argv[1:]
    secret = os.environ.get("RASA_JWT_SECRET")
    if secret and args[:1] == ["run"] and "--jwt-secret" not in args:
        # Given here rather than on the command line, where other local users could read it.
        args += ["--jwt-secret", secret]
    sys.argv = ["rasa", *args]
    rasa_main()


if __name__ == "__main__":
    main()
