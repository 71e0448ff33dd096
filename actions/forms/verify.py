"""The code step (verify_form): checks the 6-digit code, and answers what people say instead of a code.

"I didn't get it" / "no me llegó" / "mándamelo otra vez" send a new code (within the per-contact
limit, saying when the next one may be asked for); "the number is wrong" asks whether the contact is
right; a phone number or e-mail address typed here gets the code instead; "QUE CÓDIGO? NO ENTIENDO"
is answered with what the code is and where it came from.

These answers are read with word cues here, not with NLU intents: at this step the assistant waits
for one narrow kind of answer, the few things people say instead are recognised by a handful of
words in each language whatever the spelling style, and the cues cannot take messages away from the
rest of the assistant (an intent such as "not received" would compete with "no me llegó nada" about
a status message everywhere else). They are read before the interrupting intents, so that a misread
"cancel" or "talk to a person" does not end a sign-up that only needed a new code.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import INTERRUPTING_INTENTS, language, latest_text, owner, store
from actions.forms.base import MIN_INTERRUPT_CONFIDENCE, FormValidation, Parser, Rejection
from bot import validators
from bot.messages import say
from bot.nlu.text import normalize
from bot.settings import settings

logger = logging.getLogger(__name__)

# How a code travels, after "sent": {by}.
BY = {
    "sms": ("by text message", "por mensaje de texto"),
    "email": ("by e-mail", "por correo electrónico"),
    "telegram": ("on Telegram", "por Telegram"),
}


def _any(*alternatives: str) -> "re.Pattern[str]":
    return re.compile("|".join(rf"\b(?:{a})" for a in alternatives))


_NOT = r"(?:didnt|did not|didn t|havent|have not|hasnt|has not|never|not|dont|do not|no|still no)"
_GOT = (r"(?:get|got|gotten|receive|received|recieve|recieved|recived|arrive|arrived|came|come|seen|see"
        r"|have)\b")
_ADDRESS_EN = r"(?:number|phone|cell|email|e mail|address)\b"
_ADDRESS_ES = r"(?:numero|telefono|correo|celular|cel|email|mail|dato|direccion)\b"
_SEND_ES = r"(?:mand|envi|reenvi)\w*"
# Cues on normalize()d text: lower case, no accents, no punctuation ("didn't" -> "didnt"); the first
# kind that matches wins: a wrong address outranks a new code to it, and "I don't get it"
# (understand) is read before "I didn't get it" (receive).
CUES: Tuple[Tuple[str, "re.Pattern[str]"], ...] = (
    ("contact", _any(
        rf"(?:wrong|not my|isnt my|different|other|another|new|old) {_ADDRESS_EN}",
        rf"{_ADDRESS_EN}.{{0,20}}\b(?:is wrong|was wrong|wrong|incorrect|not mine|isnt mine|changed|typo)\b",
        r"(?:by|via|thru|through|use|to my|try|send it to my|send to my) (?:email|e mail|mail|text|sms)\b"
        r".{0,15}\b(?:instead|rather)\b",
        r"instead\b.{0,15}\b(?:email|e mail|text|sms)\b",
        rf"{_ADDRESS_ES}.{{0,20}}\b(?:equivocad[oa]|mal|incorrect[oa]|no es (?:el )?mio|no es mi)\b",
        rf"(?:otro|otra|nuevo|mi otro|diferente) {_ADDRESS_ES}",
        rf"no es mi {_ADDRESS_ES}",
        r"me equivoque\b",
        rf"(?:mejor|{_SEND_ES}) (?:por|a mi|al) (?:correo|email|mail|sms|mensaje|texto|celular|telefono)\b",
    )),
    ("explain", _any(
        r"(?:what|which|wat|wut|wich) (?:code|number|is (?:this|that|the|a|it) code|is (?:this|that)"
        r"|do you mean|does (?:that|this|it) mean)\b",
        r"(?:dont|do not) (?:understand|get it|get what|know what|know which)\b",
        r"(?:didnt|did not) understand\b",
        r"(?:confused|confusing|huh|what for)\b", r"what (?:is|s) (?:it|this|that|the code) for\b",
        r"code for what\b", r"why (?:a|the|do i need a|do i need the) code\b",
        r"(?:que|q|k|cual|cuales) (?:codigo|numero|es eso|significa)\b",
        r"no (?:entiendo|entendi|comprendo|se que|se cual|se de que)\b",
        r"(?:ni idea|no tengo idea|para que (?:es|sirve)|de que codigo|que es eso)\b",
    )),
    ("resend", _any(
        r"re ?sen[dt]",
        r"send\w*\b.{0,25}\b(?:again|another|new|over)\b",
        r"(?:another|new|different|2nd|second) (?:one|code)\b",
        rf"{_NOT}\b.{{0,20}}\b{_GOT}",
        r"(?:nothing|no code|no text|no message|no email|no sms)\b.{0,15}"
        r"\b(?:came|come|arrived|yet|here|back)\b",
        r"still nothing\b", r"nothing yet\b", r"where(?:s| is) (?:the|my|that) code\b", r"not here yet\b",
        r"(?:no|nunca|todavia no|aun no|ni)\b.{0,20}"
        r"\b(?:llega|llego|recib|veo|tengo(?! idea)|mandaron|enviaron|mando|envio|manda)",
        rf"{_SEND_ES}\b.{{0,20}}\b(?:otra vez|de nuevo|otro|otra|nuevo|nueva)\b",
        r"reenvi",
        r"(?:otro|nuevo) codigo\b", r"todavia nada\b", r"nada todavia\b", r"sigue sin llegar\b",
        r"donde esta el codigo\b",
    )),
)


def code_request(text: str) -> Optional[str]:
    """What a message at the code step asks for instead of giving a code: "contact" (the address is
    wrong, or another channel), "resend", "explain", or None. A bare "?" is "explain"."""
    if text.strip() and not text.strip().strip("¿?!¡. "):
        return "explain"
    folded = normalize(text)
    return next((kind for kind, cue in CUES if cue.search(folded)), None)


def new_contact(text: str) -> Optional[Tuple[str, str]]:
    """(channel, address) of a phone number or e-mail address typed at the code step."""
    email = validators.parse_email(text) or validators.pick_email(text)[0]
    if email:
        return "email", email
    if len(re.sub(r"\D", "", validators.spoken_phone(text[:400]))) >= 7:  # a code or a stray number is not one
        # the number alone, or the one a sentence gives ("el número que le di está mal, es el 913-555-0154")
        phone = validators.parse_phone(text, settings().default_phone_region) or \
            validators.pick_phone(text, settings().default_phone_region)[0]
        if phone:
            return "sms", phone
    return None


def by(channel: Optional[str], lang: str) -> str:
    en, es = BY.get(channel or "", BY["sms"])
    return es if lang == "es" else en


def minutes(count: int, lang: str) -> str:
    """ "1 minute", "40 minutos"."""
    if lang == "es":
        return "1 minuto" if count == 1 else f"{count} minutos"
    return "1 minute" if count == 1 else f"{count} minutes"


ENDS_FORM = [SlotSet("requested_slot", None)]


class ValidateVerifyForm(FormValidation):
    """Checks the 6-digit code against the store (expiring, limited tries), and answers a request for a
    new code, a doubt about the contact, or a question about the code, without counting them as bad
    answers."""

    form_name = "verify_form"
    interrupting_intents = INTERRUPTING_INTENTS - {"correct"}
    answers_any_question = False  # "what code?" is about the code (answered here), not the FAQ

    def parsers(self) -> Dict[str, Parser]:
        return {"verification_code": self.check}

    async def check(self, text: str, tracker: Tracker) -> Any:
        code = validators.parse_verification_code(text)
        if code is None:
            return None
        try:
            result = await (await store()).verify_code(owner(tracker), code)
            shown = await self._destination(tracker) if result.outcome == "wrong" else None
        except Exception as error:  # the type only: a database error's text can carry the query's values
            logger.error("could not check a code (%s)", type(error).__name__)
            return Rejection("service_unavailable", counts=False)
        if result.outcome == "verified":
            return "verified"
        if result.outcome == "wrong":
            # Wrong codes are limited by the store, not by the form's three strikes.
            return Rejection("code_wrong", counts=False, remaining=result.remaining,
                             contact=shown[1] if shown else "")
        if result.outcome == "expired":
            return Rejection("code_expired_resend", counts=False)
        key = "code_locked" if result.outcome == "locked" else "code_expired"
        return Rejection(key, counts=False, events=list(ENDS_FORM))

    async def _destination(self, tracker: Tracker) -> Optional[Tuple[str, str]]:
        return await (await store()).code_destination(owner(tracker))

    async def aside(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Optional[Dict[str, Any]] = None
    ) -> Optional[List[EventType]]:
        text = latest_text(tracker).strip()
        intent = (tracker.latest_message or {}).get("intent") or {}
        sure = (intent.get("confidence") or 0) >= MIN_INTERRUPT_CONFIDENCE
        sure_cancel = intent.get("name") == "cancel" and sure
        if text.startswith("/") or sure_cancel or validators.parse_verification_code(text):
            return None
        typed = new_contact(text)
        kind = "address" if typed else code_request(text)
        if kind is None:
            return None
        lang = language(tracker)
        try:
            return await self._answer(dispatcher, tracker, lang, kind, typed)
        except ValueError:  # an address the store will not take: answered as any other non-code
            return None
        except Exception as error:  # the type only: a database error's text can carry the query's values
            logger.error("could not answer at the code step (%s, %s)", kind, type(error).__name__)
            say(dispatcher, lang, "service_unavailable")
            return [SlotSet("verification_code", None)]

    async def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str, kind: str,
                      typed: Optional[Tuple[str, str]]) -> List[EventType]:
        from bot.store import Contact

        keep = [SlotSet("verification_code", None)]
        if kind in ("explain", "contact"):
            found = await self._destination(tracker)
            if found is None:
                say(dispatcher, lang, "code_expired")
                return keep + ENDS_FORM
            key = "code_explained" if kind == "explain" else "code_contact_check"
            say(dispatcher, lang, key, by=by(found[0], lang), contact=found[1])
            return keep
        contact = Contact(*typed) if typed else None
        result = await (await store()).resend(owner(tracker), lang, contact=contact)
        if result.outcome == "sent":
            say(dispatcher, lang, "code_resent", by=by(result.channel, lang), contact=result.contact_masked)
            if result.code and settings().dev_mode:
                say(dispatcher, lang, "dev_code", code=result.code)
            return keep
        if result.outcome == "limited":
            say(dispatcher, lang, "code_resend_limited", count=result.sent_recently,
                contact=result.contact_masked, wait=minutes(result.wait_minutes, lang))
            return keep
        say(dispatcher, lang, "code_locked" if result.outcome == "locked" else "code_expired")
        return keep + ENDS_FORM
