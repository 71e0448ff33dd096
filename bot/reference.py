"""Reference tables (states, places, custody words, danger signs), read once from data/reference/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = ROOT / "data" / "reference"


def _load(name: str) -> Any:
    with open(REFERENCE_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@dataclass(frozen=True)
class State:
    code: str
    name_en: str
    name_es: str
    aliases: tuple[str, ...]
    timezone: str
    ambiguous_name: bool = False

    def name(self, language: str) -> str:
        return self.name_es if language == "es" else self.name_en


@lru_cache(maxsize=1)
def states() -> dict[str, State]:
    """USPS code -> State, for the 50 states, DC and the territories."""
    table = {}
    for row in _load("states.yml")["states"]:
        table[row["code"]] = State(
            code=row["code"],
            name_en=row["name_en"],
            name_es=row["name_es"],
            aliases=tuple(row.get("aliases") or ()),
            timezone=row.get("timezone") or "America/New_York",
            ambiguous_name=bool(row.get("ambiguous_name", False)),
        )
    return table


@lru_cache(maxsize=1)
def places() -> list[tuple[str, str, bool]]:
    """(place name, state code, ambiguous) for large places that point to one state.

    Ambiguous names (a common first name, an everyday word) count only with context ("in Austin").
    """
    data = _load("places.yml")
    rows = []
    for kind in ("cities", "counties", "held_back"):
        for row in data.get(kind) or ():
            ambiguous = kind == "held_back" or bool(row.get("ambiguous_name", False))
            for name in [row["name"], *(row.get("aliases") or ())]:
                rows.append((name, row["state"], ambiguous))
    return rows


@lru_cache(maxsize=1)
def facilities() -> list[tuple[str, str, str]]:
    """(name, kind, state code) for custody facilities people name: kind is state, federal or ice."""
    path = REFERENCE_DIR / "facilities.yml"
    if not path.exists():
        return []
    rows = []
    for row in _load("facilities.yml").get("facilities") or ():
        if row.get("kind") not in ("state", "federal", "ice") or row.get("state") not in states():
            continue
        for name in [row["name"], *(row.get("aliases") or ())]:
            rows.append((str(name), row["kind"], row["state"]))
    return rows


@lru_cache(maxsize=1)
def custody_terms() -> dict[str, Any]:
    return _load("custody_terms.yml")


def state_name(code: Optional[str], language: str) -> str:
    """Display name of a state in the person's language ("" for an unknown code)."""
    state = states().get(code or "")
    return state.name(language) if state else ""
