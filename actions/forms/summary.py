"""The read-back before consent, and the field names a person may ask to change."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from rasa_sdk import Tracker

from bot import dates, reference
from bot.nlu.text import normalize

PROGRAM_NAMES = {
    "vine": {"en": "State notification (VINE)", "es": "Notificación estatal (VINE)"},
    "vns": {"en": "Federal case (DOJ VNS)", "es": "Caso federal (VNS del DOJ)"},
    "vnp": {"en": "Deportation (ICE VNP)", "es": "Deportación (VNP de ICE)"},
}
LABELS = {
    "program": ("Program", "Programa"),
    "person": ("Person", "Persona"),
    "number": ("Number", "Número"),
    "state": ("State", "Estado"),
    "facility": ("Facility", "Centro"),
    "federal_district": ("Federal district", "Distrito federal"),
    "offender_dob": ("Date of birth", "Fecha de nacimiento"),
    "offender_country": ("Country of birth", "País de nacimiento"),
    "contact": ("Messages by", "Mensajes por"),
    "quiet_hours": ("Quiet hours", "Horas de silencio"),
}
WORDS = {
    "unknown": ("not known", "no se sabe"),
    "none": ("none", "ninguna"),
    "web": ("this chat", "este chat"),
    "sms": ("text message to", "mensaje de texto al"),
    "email": ("e-mail to", "correo a"),
    "telegram": ("Telegram (this chat)", "Telegram (este chat)"),
}


def word(key: str, lang: str) -> str:
    en, es = WORDS[key]
    return es if lang == "es" else en


def _label(key: str, lang: str) -> str:
    en, es = LABELS[key]
    return es if lang == "es" else en


@lru_cache(maxsize=2)
def _country_names(lang: str) -> Dict[str, str]:
    from babel import Locale

    return dict(Locale(lang).territories)


def contact_text(channel: Optional[str], address: Optional[str], lang: str) -> str:
    """How messages will reach the person, in words ("text message to +15551234567")."""
    if channel in ("sms", "email") and address and address != "this_chat":
        return f"{word(channel, lang)} {address}"
    if channel == "sms":
        return "SMS"
    return word(channel if channel in WORDS else "web", lang)


def summary_lines(tracker: Tracker, lang: str) -> List[str]:
    """One "label: value" line per answer, in the person's language."""
    program = tracker.get_slot("registering") or tracker.get_slot("program") or "vine"
    lines = [f"{_label('program', lang)}: {PROGRAM_NAMES[program][lang if lang == 'es' else 'en']}"]

    def value(slot: str) -> Optional[str]:
        raw = tracker.get_slot(slot)
        if raw in ("unknown", "none"):
            return word(raw, lang)
        if slot == "offender_dob" and raw:
            return dates.in_words(date.fromisoformat(raw), lang)  # "12 de julio de 1990", not 1990-07-12
        return raw

    ref = tracker.get_slot("offender_ref") or {}
    name = tracker.get_slot("offender_name") or (ref.get("name") if isinstance(ref, dict) else None)
    if name:
        lines.append(f"{_label('person', lang)}: {name}")
    if isinstance(ref, dict) and ref.get("number"):
        lines.append(f"{_label('number', lang)}: {ref['number']}")
    if program == "vine" and tracker.get_slot("state"):
        lines.append(f"{_label('state', lang)}: {reference.state_name(tracker.get_slot('state'), lang)}")
    for slot in ("facility", "federal_district", "offender_dob"):
        if value(slot):
            lines.append(f"{_label(slot, lang)}: {value(slot)}")
    country = tracker.get_slot("offender_country")
    if country:
        shown = word("unknown", lang) if country == "unknown" else _country_names(lang).get(country, country)
        lines.append(f"{_label('offender_country', lang)}: {shown}")
    lines.append(
        f"{_label('contact', lang)}: "
        f"{contact_text(tracker.get_slot('contact_channel'), tracker.get_slot('contact_address'), lang)}"
    )
    quiet = value("quiet_hours")
    if quiet:
        lines.append(f"{_label('quiet_hours', lang)}: {quiet}")
    return [f"• {line}" for line in lines]


# The two readings of a date of birth in numbers that both fit, until the person says which (ISO dates).
DOB_CHOICES = "offender_dob_choices"

# What a person may ask to change -> the slots to clear (per form, only those the form has).
FIELD_SLOTS: Dict[str, Tuple[str, ...]] = {
    "offender": ("offender_ref", "offender_name"),
    "place": ("state", "facility", "federal_district"),
    "dob": ("offender_dob",),
    "country": ("offender_country",),
    "contact": ("contact_channel", "contact_address"),
    "quiet_hours": ("quiet_hours",),
}
# Checked in this order: "phone number" is the contact, "country of birth" the country.
FIELD_WORDS = {
    "contact": "phone telefono celular cell mobile email mail correo contact contacto channel address direccion sms text texto",
    "country": "country pais nationality nacionalidad",
    "dob": "birthday birth nacimiento cumpleanos dob fecha date",
    "quiet_hours": "quiet hours horas horario silencio night noche",
    "place": "state estado facility jail prison carcel prision centro district distrito court corte",
    "offender": "name nombre number numero booking reserva person persona offender inmate recluso preso",
}


def field_in(text: str) -> Optional[str]:
    """Which field a correction names ("change the phone" -> "contact"), if any."""
    words = set(normalize(text).split())
    for field, vocabulary in FIELD_WORDS.items():
        if words & set(vocabulary.split()):
            return field
    return None
