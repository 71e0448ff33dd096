"""How many SMS segments a text takes (GSM-7 or UCS-2), without the rest of the SMS channel: the
dispatcher paces Twilio numbers in segments and must not load Rasa to count them."""

from __future__ import annotations

# GSM 03.38 basic character set, and the extension table (those count as two septets).
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


def encoding(text: str) -> str:
    """'GSM-7' when every character fits the GSM alphabet, else 'UCS-2'."""
    return "GSM-7" if all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text) else "UCS-2"


def segments(text: str) -> int:
    """How many SMS segments a carrier bills for this text."""
    if encoding(text) == "GSM-7":
        septets = sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
        return 1 if septets <= 160 else -(-septets // 153)
    units = sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)  # UTF-16 code units
    return 1 if units <= 70 else -(-units // 67)
