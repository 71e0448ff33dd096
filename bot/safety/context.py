"""What the conversation has just asked, so that the safety layer can read a message as its answer.

The danger classifier reads one message without the conversation around it. Short answers to the
sign-up's questions then look like danger to it: "PA" (the state), "aqui" (this chat), "y" (yes),
"despues de las 12 de la noche no" (quiet hours), "ray dominguez. raymond i think" (the name) were each
answered with 911 or 988 in the read conversation suites, and the sign-up stopped there.

The tracker store (bot/tracker_store.py) records here, in this process's memory, the question each
conversation has open after every turn: the form's requested slot, the offer to sign up, or the custody
question of the triage. The safety layer then asks `answers(question, text)`:
- a message that reads as a plain answer to that question (a yes or no, hours, a channel, an address, a
  date, a district, a country, a code: the same parsers the forms use, on a short message) is not decided
  by the classifier: only the danger patterns can make it danger;
- a short answer to a free-text question (a name, a facility, where he is held) must make the classifier
  surer (FREE_TEXT_THRESHOLD), and one that names a place even surer (PLACE_THRESHOLD).
Anything else, a danger pattern above all, is read as before. On the read development sets' 1,520 danger
messages, were each of them sent as the answer to any of these questions, one would be read differently
("ta aqui", which became a pattern); see bench/safety_context.py.

What is kept: a keyed hash of the conversation id, the name of the question and the time, for at most
QUESTION_SECONDS; nothing the person wrote. A deployment of several Rasa servers keeps it per process: a
message that reaches another server is read without the question, as before.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections import OrderedDict
from typing import Any, Optional, Tuple

from bot import dates, validators
from bot.nlu.text import normalize

# Questions whose answer is free text: a short answer needs a surer classifier.
FREE_TEXT = frozenset({"offender_ref", "offender_name", "facility", "custody"})
FREE_TEXT_WORDS = 6
# 0.7 since the midnight session: at 0.85, 10 danger messages of the read sets sent as a short answer to these
# questions were read as no danger ("cant do this no more", "most painless way?? asking for me"); at 0.7, 2, for one
# more of the 11,139 answers of the read conversation suites answered as danger (10 -> 11).
FREE_TEXT_THRESHOLD = 0.7
# Questions about a place (names_a_place).
PLACE_QUESTIONS = frozenset({"state", "facility", "custody"})
PLACE_WORDS = 10
PLACE_THRESHOLD = 0.95
# A sentence written inside the sign-up form, where a name, a place, a date or a contact was asked: "Ay, el numero
# lo tengo en la casa de mi mama" (0.66 violence) at the name, "his PO said I should already be getting stuff but I
# never got nothing" (0.68 self-harm) were answered as danger in a read conversation suite, and the sign-up stopped.
# Up to FORM_SENTENCE_WORDS words, the classifier must be a little surer there (a pattern still decides alone).
FORM_QUESTIONS = frozenset({"offender_ref", "offender_name", "facility", "state", "offender_dob", "offender_country",
                            "federal_district", "contact_channel", "contact_address", "quiet_hours", "confirm"})
FORM_SENTENCE_WORDS = 15
FORM_SENTENCE_THRESHOLD = float(os.environ.get("BOT_DANGER_FORM_THRESHOLD", "0.7"))
# A question is forgotten after this long: the person may come back with something else entirely.
QUESTION_SECONDS = 30 * 60
_REMEMBERED = 20_000
_SALT = os.urandom(16)
_questions: "OrderedDict[str, Tuple[str, float]]" = OrderedDict()


def _key(sender_id: str) -> str:
    return hashlib.blake2b(str(sender_id).encode("utf-8"), key=_SALT, digest_size=16).hexdigest()


def question_of(active_loop: Optional[str], requested_slot: Optional[str], stage: Optional[str]) -> Optional[str]:
    """The open question from a tracker's state: a form's slot, "offer" or "custody" (the triage), or None."""
    if active_loop and requested_slot:
        return str(requested_slot)
    stage = stage or ""
    if stage.startswith("offered:"):
        return "offer"
    if stage == "asked_custody":
        return "custody"
    return None


_languages: "OrderedDict[str, str]" = OrderedDict()


def _keep(table: "OrderedDict[str, Any]", sender_id: str, value: Any) -> None:
    """Record `value` for the conversation (or forget it, with None), keeping at most _REMEMBERED."""
    key = _key(sender_id)
    if value is None:
        table.pop(key, None)
        return
    table[key] = value
    table.move_to_end(key)
    while len(table) > _REMEMBERED:
        table.popitem(last=False)


def remember(sender_id: str, question: Optional[str]) -> None:
    """Record (or clear, with None) the question a conversation has open."""
    _keep(_questions, sender_id, None if question is None else (question, time.monotonic()))


def remember_language(sender_id: str, language: Optional[str]) -> None:
    """Record the language the conversation is held in (the tracker's slot), so a request for that same
    language ("text, in Spanish if possible" when it is Spanish already) is read as the answer it carries."""
    _keep(_languages, sender_id, str(language) if language else None)


def language_of(sender_id: str) -> Optional[str]:
    """The language the conversation was last saved in, if known."""
    return _languages.get(_key(sender_id))


def asked(sender_id: str) -> Optional[str]:
    """The question this conversation has open, if it was asked less than QUESTION_SECONDS ago."""
    found = _questions.get(_key(sender_id))
    if not found or time.monotonic() - found[1] > QUESTION_SECONDS:
        return None
    return found[0]


# A parsed answer longer than its plain length (a reason added: "…, I go to bed early", "…, porque comparte
# cuarto con sus hijos") needs a surer classifier rather than none.
LONGER_ANSWER_THRESHOLD = 0.9


def _plain_length(question: str) -> int:
    return {"confirm": 8, "offer": 8, "quiet_hours": 16, "contact_channel": 5, "contact_address": 8,
            "offender_dob": 8, "federal_district": 8, "offender_country": 4, "verification_code": 4}.get(question, 0)


def _parses(question: str, text: str) -> bool:
    if question in ("confirm", "offer"):
        return validators.leading_yes_no(text) is True or validators.parse_yes_no(text) is not None
    if question == "quiet_hours":
        return validators.parse_quiet_hours(text) is not None or validators.quiet_hours_one_end(text) is not None
    if question == "contact_channel":
        return bool(validators.read_channels(text))
    if question == "contact_address":
        return bool(validators.pick_phone(text)[0] or validators.pick_email(text)[0])
    if question == "offender_dob":
        return bool(dates.read_dob(text, "en").readings or dates.read_dob(text, "es").readings)
    if question == "federal_district":
        return validators.parse_federal_district(text) is not None
    if question == "offender_country":
        return validators.parse_country(text) is not None
    if question == "verification_code":
        return validators.parse_verification_code(text) is not None
    return False


def parses(question: Optional[str], text: str) -> bool:
    """The form's own parser reads the message as the answer to the open question (whatever its length)."""
    return bool(question) and bool(text) and _parses(question, text)


def answers(question: Optional[str], text: str) -> bool:
    """The message reads as a plain answer to the question (the forms' own parsers, on a short message)."""
    if not question or not text:
        return False
    if question == "state" and text.strip(" .!").upper() in validators.STATE_CODES:
        return True  # "PA"
    if question in ("confirm", "offer") and validators.parse_yes_no(text) is not None:
        return True  # a whole yes or no, however long its politeness
    return len(text.split()) <= _plain_length(question) and _parses(question, text)


def longer_answer(question: Optional[str], text: str) -> bool:
    """The message parses as the answer but says more (up to twice the plain length)."""
    if not question or not text or question == "offender_country":
        return False  # a country is read loosely ("estoy cansada de todo" comes close to "Togo")
    if question in ("confirm", "offer"):
        # "Sí, ella me dijo que sí, está acá conmigo": a yes said first, then more; a "no" said first proves
        # nothing about the rest ("no, he's here right now")
        return 8 < len(text.split()) <= 16 and validators.leading_yes_no(text) is True
    if question == "quiet_hours" and len(text.split()) <= 2 * _plain_length(question) and \
            validators.leading_yes_no(text) is False:
        return True  # "no, wake me up if he gets out honestly": no quiet hours, and why (never silenced: 0.9)
    words = len(text.split())
    return _plain_length(question) < words <= 2 * _plain_length(question) and _parses(question, text)


def names_a_place(question: Optional[str], text: str) -> bool:
    """A short answer to a question about a place that names a state, a facility or a custody ("rikers, i
    think the building is RNDC"): the classifier must be surer (PLACE_THRESHOLD), not silenced ("me corté
    y no para", where "corte" is also a court, is one of these)."""
    if question not in PLACE_QUESTIONS or len(text.split()) > PLACE_WORDS:
        return False
    from bot.nlu.facts import matcher  # the Rasa process has it loaded; imported late for the rest
    from bot.nlu.language import detect

    found = matcher().match(text, detect(text).language)
    return bool(found.custody or found.states)


def free_text(question: Optional[str], text: str) -> bool:
    """A short answer to a question whose answer is free text (a name, a facility, where he is held)."""
    return question in FREE_TEXT and len(text.split()) <= FREE_TEXT_WORDS


# ...unless it speaks of the person's own exhaustion or wish to stop: "no se su nombre, ya no quiero seguir con esto,
# estoy muy cansada" (0.66) is read at the usual threshold wherever it is written.
_WEARY = re.compile(
    r"\b(tired|exhausted|cant (do this|go on|take (it|this))|(dont|do not) want to (go on|live|be here|do this)|"
    r"give up|hopeless|no point|cansad[oa]s?|agotad[oa]s?|no (quiero|puedo) seguir|ya no (quiero|puedo|aguanto)|"
    r"no aguanto|no puedo mas|me rindo|para que)\b")


def form_sentence(question: Optional[str], text: str) -> bool:
    """A sentence of up to FORM_SENTENCE_WORDS words written while the sign-up form has a question open."""
    if question not in FORM_QUESTIONS or not text or len(text.split()) > FORM_SENTENCE_WORDS:
        return False
    return not _WEARY.search(normalize(text))


def forget_all() -> None:
    """Tests: start from an empty memory."""
    _questions.clear()
    _languages.clear()
