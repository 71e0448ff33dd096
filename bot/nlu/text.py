"""Text normalisation shared by the fact matcher and the language detector."""

from __future__ import annotations

import re
import unicodedata

_DOTTED = re.compile(r"\b((?:[a-z]\.){2,})")
_APOSTROPHES = re.compile(r"[’'`´]")
_NON_WORD = re.compile(r"[^a-z0-9@+ ]+")
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """Remove diacritics but keep the base letters ("cárcel" -> "carcel", "ñ" -> "n")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Lowercase, accent-free, punctuation-free form of a message.

    "U.S. Attorney's office!" -> "us attorneys office". Dotted abbreviations lose their dots so
    that "d.c." and "f.b.i." match the same patterns as "dc" and "fbi".
    """
    text = strip_accents(text.lower())
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()

