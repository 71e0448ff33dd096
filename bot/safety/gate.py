"""The safety layer in the channels: danger is answered before Rasa sees the message.

Every input channel of the project wraps Rasa's `on_new_message` with `safety_first`. For each
message it asks `bot.safety.model.assess`; when the message signals danger, the answer (911 first,
or 988 for thoughts of suicide) goes out through the message's own output channel at once, from
this process, without the action server, the tracker store or the lock store. Only then is the
message handed to Rasa, marked in its metadata as answered, so that the conversation goes on (the
custody facts it carries are kept, a paused sign-up can resume). If Rasa is slow (a frozen action
server, a database that does not answer), the channel stops waiting after RASA_WAIT seconds and
Rasa finishes in the background.

The reply's language: the message's own when it is clear, else the language this conversation used
before (remembered in memory, under a keyed hash of the conversation id), else both languages.

The answer fits what the person said (bot/harm.py): after the 911 part, the hotline for the harm they
named in this message or earlier in the conversation (RAINN for a rape, Childhelp for child abuse…),
the domestic-violence hotline when none. The same answer is never sent twice in a row: a second
danger message of the same kind within REPEAT_SECONDS gets a short reminder, and "I already called
911" gets an acknowledgement instead of the instructions again. What is remembered (language, harms,
the last answer's kind and time) stays in this process's memory under the keyed hash, never logged.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
import os
import re
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional

from bot import faq
from bot import harm as harms_of
from bot.messages import render
from bot.nlu import language as lang
from bot.nlu.text import normalize
from bot.safety import context
from bot.safety.model import Assessment, assess

logger = logging.getLogger(__name__)

# How long a channel waits for Rasa's own follow-up after the safety answer went out.
RASA_WAIT = float(os.environ.get("BOT_SAFETY_RASA_WAIT", "4"))
_REMEMBERED = 20_000
# A second danger message of the same kind within this many seconds gets the short reminder.
REPEAT_SECONDS = 15 * 60
_languages: "OrderedDict[str, str]" = OrderedDict()
_harms: "OrderedDict[str, tuple]" = OrderedDict()
_answered: "OrderedDict[str, tuple]" = OrderedDict()
_relieved: "OrderedDict[str, float]" = OrderedDict()  # the danger answer a word of relief followed
_SALT = os.urandom(16)
# "I already called 911", "ya llamé al 911", "the police are on the way", "ya viene la policía".
_CALLED = re.compile(
    r"\b(i (already |just )?(called|dialed|texted) (911|the police|the cops)|(already|just) called 911|"
    r"(police|cops|ambulance|they) (are|is|re) (on (the|their) way|coming)|"
    r"ya (le )?(llame|marque|hable) (al|a la) (911|policia)|acabo de llamar al 911|"
    r"ya (viene|vienen) (la policia|la ambulancia|en camino)|la policia (ya )?(viene|esta en camino))\b")


# Help named as come, or the person safe now ("the police are here", "ya llegó la patrulla", "ya estoy a salvo").
_HELP_NAMED_WORDS = (
    r"(the )?(police|cops|officers?|deputies|sheriff|ambulance|paramedics|help) (are |is |just |finally )?"
    r"(here|came|arrived|got here|showed up)|(police|cops|the police|the cops|officers|deputies) (took|arrested|got|"
    r"grabbed|have|cuffed) (him|her|them)|(they|he|she) (arrested|cuffed) (him|her|them)|"
    r"(im|i am|i m|we are|were|we re) (safe|ok|okay) now|"
    r"(ya )?(llego|llegaron|esta aqui|estan aqui) (la policia|los policias|la patrulla|las patrullas|los paramedicos|"
    r"la ambulancia|la ayuda|el sheriff)|"
    r"(la policia|los policias|la patrulla|las patrullas|los paramedicos|la ambulancia|la ayuda|el sheriff) ya "
    r"(llego|llegaron|esta aqui|estan aqui)|lo arrestaron|la arrestaron|(ya )?(estoy|estamos) a salvo")
# What may set a danger reading aside (_help_came): only help named. Not the words of _ARRIVED that name nobody
# ("ya llegaron con un arma", "se la llevaron a la fuerza", "his friends are here. they grabbed her"): those can be
# the offender's people arriving or someone taken, and a danger reading stays.
_HELP_NAMED = re.compile(r"\b(" + _HELP_NAMED_WORDS + r")\b")
# After an answer about violence or a medical emergency, "the police are here", "se lo llevaron", "ya estoy a
# salvo": help came. The person gets a word of relief before the conversation goes on (never the emergency
# answer again), within the same minutes as the short reminder. Words that name nobody count here too.
_ARRIVED = re.compile(
    r"\b(" + _HELP_NAMED_WORDS + r"|they (took|got|grabbed|have) (him|her|them)|"
    r"ya llegaron|se lo llevaron|se la llevaron|lo detuvieron|la detuvieron)\b")


# After an answer about thoughts of suicide, the next messages are read in that light for a while: one that
# says the person has nobody gets the short 988 reminder again. (A lower threshold for any message was
# tried and dropped: ordinary answers in the sign-up that followed, "I'm sorry honey I don't understand",
# got 988 again and again.)
AFTER_SELF_HARM_SECONDS = 30 * 60
_NOBODY = re.compile(
    r"\b(dont|do not|don t) (really |even )?have (anyone|anybody|no one|nobody)\b|\b(no one|nobody) (cares|to talk to)\b"
    r"|\b(im|i am|i m|feel) (so |all |completely )?(alone|lonely)\b"
    r"|\bno (tengo|tiene) (a )?(nadie|con quien hablar)\b|\ba nadie le importo\b|\bnadie me (quiere|escucha|entiende)\b"
    r"|\b(estoy|me siento) (muy |tan |completamente )?(sola|solo)\b")


def _key(sender_id: str) -> str:
    return hashlib.blake2b(str(sender_id).encode("utf-8"), key=_SALT, digest_size=16).hexdigest()


def remember_language(sender_id: str, text: str) -> None:
    """Keep the language of a conversation's clear messages (and explicit switches) in memory."""
    switch = lang.requested_switch(text)
    guess = lang.detect(text)
    chosen = switch or (guess.language if guess.confident else None)
    if not chosen:
        return
    _remember(_languages, _key(sender_id), chosen)


def _remember(table: "OrderedDict[str, Any]", key: str, value: Any) -> None:
    table[key] = value
    table.move_to_end(key)
    while len(table) > _REMEMBERED:
        table.popitem(last=False)


def remember_harms(sender_id: str, text: str) -> tuple:
    """The harms this conversation named so far (this message included), kept in memory."""
    key = _key(sender_id)
    found = harms_of.merge(_harms.get(key, ()), harms_of.harms(text))
    if found:
        _remember(_harms, key, found)
    return found


def reply_language(sender_id: str, text: str) -> Optional[str]:
    """'en' or 'es' for the safety answer, or None when nothing tells (then both are sent)."""
    guess = lang.detect(text)
    if guess.language and guess.confident:
        return guess.language
    known = _languages.get(_key(sender_id))
    return known or guess.language


def messages_for(
    assessment: Assessment, language: Optional[str], harms: tuple = (), repeat: str = ""
) -> List[str]:
    """The safety answer: one message per language (both when the language is unknown).

    `harms` (bot/harm.py) choose the hotline after the 911 part; `repeat` is "called" when the person
    says help is already called, "again" when the same answer went out minutes ago.
    """
    texts = []
    for code in ([language] if language else ["en", "es"]):
        if repeat == "called":
            texts.append(render("danger_called", code)["text"])
            continue
        if repeat == "again":
            texts.append(render(f"danger_again_{assessment.kind}", code)["text"])
            continue
        parts = [render(f"danger_{assessment.kind}", code)["text"]]
        if assessment.kind in ("violence", "medical"):
            lines = [k for k in harms_of.hotline_keys(harms) if k != "suicide_crisis_lifeline"] or ["ndvh"]
            parts += [render(f"danger_later_{k}", code)["text"] for k in lines]
            parts.append(render("danger_still_here", code)["text"])
        thoughts = "self_harm" in assessment.also or "self_harm" in harms
        if assessment.kind in ("violence", "medical") and thoughts:
            parts.append(render("danger_also_self_harm", code)["text"])
        if assessment.kind in ("self_harm", "self_harm_attempt") and "violence" in assessment.also:
            parts.append(render("danger_also_violence", code)["text"])
        texts.append(" ".join(parts))
    return texts


def _repeat(sender_id: str, text: str, kind: str) -> str:
    """"called", "again" or "" (see messages_for); records this answer."""
    key = _key(sender_id)
    now = time.monotonic()
    last = _answered.get(key)
    _remember(_answered, key, (kind, now))
    if _CALLED.search(normalize(text)):
        return "called"
    if last and last[0] == kind and now - last[1] < REPEAT_SECONDS:
        return "again"
    return ""


# Minutes after an answer about violence or a medical emergency, "what do I do", "qué hago", "help me": the
# person is still in it and asks what to do now. The short reminder, 911 first, before anything else.
_PLEA = re.compile(r"\b(what (do|should|can) (i|we) do( now)?|what now|que (hago|hacemos|debo hacer|puedo hacer)"
                   r"( ahora| ahorita)?|q hago|k hago|ayudenme|ayudeme|ayudame|help me|help us|please help)\b")


# What a plea is not: help came, or a request about signing up or where he is ("thank you. what do i do to get
# the alerts?", "please help me find out which jail they took him to").
_NOT_A_PLEA = re.compile(r"\b(sign (me )?up|alerts?|notif\w*|messages|inscrib\w*|avisos?|jail|carcel|prison|prision|"
                         r"release\w*|sale|salga|thank\w*|gracias)\b")
_PLEA_WORDS = 10


def _still_in_it(sender_id: str, text: str) -> bool:
    """Violence or a medical emergency was answered a short while ago and this short message asks what to do."""
    last = _answered.get(_key(sender_id))
    if not last or last[0] not in ("violence", "medical") or time.monotonic() - last[1] > REPEAT_SECONDS:
        return False
    norm = normalize(text)
    return (len(norm.split()) <= _PLEA_WORDS and _PLEA.search(norm) is not None and not _NOT_A_PLEA.search(norm)
            and not _ARRIVED.search(norm))


def _help_came(sender_id: str, text: str) -> bool:
    """Violence or a medical emergency was answered minutes ago and this message says help was called and has
    come ("ya llamé al 911 y llegó la patrulla. sí quiero que me avisen"): without those words nothing in it is
    danger, so it is not answered as a new emergency (the word of relief follows, and the conversation goes on)."""
    last = _answered.get(_key(sender_id))
    if not last or last[0] not in ("violence", "medical") or time.monotonic() - last[1] > REPEAT_SECONDS:
        return False
    norm = normalize(text)
    if not _HELP_NAMED.search(norm):
        return False
    rest = _HELP_NAMED.sub(" ", _CALLED.sub(" ", norm))
    return not assess(rest, context.asked(sender_id)).danger


def _after_self_harm(sender_id: str, text: str) -> bool:
    """Thoughts of suicide were answered in this conversation a short while ago, and this message says the
    person has nobody ("sorry i said that. i dont have anyone to talk to")."""
    last = _answered.get(_key(sender_id))
    if not last or last[0] not in ("self_harm", "self_harm_attempt"):
        return False
    if time.monotonic() - last[1] > AFTER_SELF_HARM_SECONDS:
        return False
    return _NOBODY.search(normalize(text)) is not None


# After an answer about thoughts of suicide, "I'll call that number", "no he hecho nada, voy a marcar": the
# person is reaching out. A short word that keeps 988 in view, not the whole answer again.
_REACHING_OUT = re.compile(
    r"\b(i ?ll|i will|im going to|i m going to|im gonna|i m gonna|gonna|going to) (call|text|try|dial)\b"
    r"|\b(calling|texting) (them|it|988|that number|now)\b"
    r"|\bvoy a (marcar|llamar|hablar|escribir|mandar)\b|\b(ya )?(estoy )?(marcando|llamando)\b"
    r"|\b(i (havent|have not|didnt|did not) (done|do) anything|no he hecho nada|no hice nada)\b")


def help_arrived(sender_id: str, text: Optional[str]) -> Optional[Dict[str, Any]]:
    """A short word for a message that is not danger, minutes after a danger answer in this conversation: relief
    when it says help came after violence or a medical emergency, the 988 line kept in view when it says the
    person will reach out after thoughts of suicide; else None. Once."""
    if not text or text.startswith("/"):
        return None
    last = _answered.get(_key(sender_id))
    if not last or time.monotonic() - last[1] > REPEAT_SECONDS:
        return None
    norm = normalize(text)
    if last[0] in ("violence", "medical") and _ARRIVED.search(norm):
        key = "danger_help_arrived"
    elif last[0] in ("self_harm", "self_harm_attempt") and _REACHING_OUT.search(norm):
        key = "danger_reaching_out"
    else:
        return None
    # Once per danger answer; the answer itself stays remembered (the reminder, "I have nobody" after 988).
    if _relieved.get(_key(sender_id)) == last[1]:
        return None
    _remember(_relieved, _key(sender_id), last[1])
    language = reply_language(sender_id, text)
    return {"kind": None, "language": language,
            "texts": [render(key, code)["text"] for code in ((language,) if language else ("en", "es"))]}


# Questions a danger answer goes on to answer when the message asks them ("¿a quién le digo que me está
# amenazando desde la cárcel?", "do i call 911 or the detective?"): what to do, after the 911 part.
SAFETY_TOPICS = ("emergency_advice", "safety_plan", "report_threat")


def _asked_too(text: str, language: Optional[str]) -> List[str]:
    """The FAQ answers to the safety questions `text` asks, one message per language, or []."""
    asked = [topic for topic in faq.topics(text) if topic in SAFETY_TOPICS][:1]
    return [render(f"faq_{topic}", code)["text"] for topic in asked for code in ([language] if language else ["en", "es"])]


def _same_emergency(sender_id: str, assessment: Assessment) -> Assessment:
    """Violence or a medical emergency was answered minutes ago and the classifier alone now reads thoughts
    of suicide ("tengo a mi bebe aqui conmigo q hago" after "he's banging on the door"): the person is still
    in that emergency, and gets its reminder, not the 988 answer."""
    last = _answered.get(_key(sender_id))
    if assessment.by_pattern or assessment.kind != "self_harm" or not last or \
            last[0] not in ("violence", "medical") or time.monotonic() - last[1] > REPEAT_SECONDS:
        return assessment
    return Assessment(last[0], assessment.score, False, assessment.also, assessment.sure)


def _asked_of_the_service(text: str, assessment: Assessment) -> Assessment:
    """Danger read by the classifier alone in a question about this service or the programs ("how do i make it
    stop if i dont want em no more" at the read-back): answered as danger first, and not sure, so that the
    question is answered too and the sign-up stays available."""
    if not assessment.danger or assessment.by_pattern or not assessment.sure or assessment.score >= SERVICE_SURE:
        return assessment
    if not ("?" in text or "¿" in text or faq.is_question(text)):
        return assessment  # topics match statements too ("please tell my daughter i love her"): asked only
    if not [topic for topic in faq.topics(text) if topic not in SAFETY_TOPICS + FEELING_TOPICS]:
        return assessment
    return dataclasses.replace(assessment, sure=False)


# Feelings about the person ("is it wrong that I still love him") are not a question about the service: they never
# make danger unsure.
FEELING_TOPICS = ("mixed_feelings",)

# A question about the service read as danger by the classifier alone is unsure only below this probability.
SERVICE_SURE = 0.9


def check(sender_id: str, text: Optional[str]) -> Optional[Dict[str, Any]]:
    """The safety answer for one incoming message, or None. Button payloads ("/affirm") are not read.
    The message is read as the answer to the question the conversation has open, when one is known
    (bot/safety/context.py)."""
    if not text or text.startswith("/"):
        return None
    try:
        assessment = _asked_of_the_service(text, _same_emergency(sender_id, assess(text, context.asked(sender_id))))
        found = remember_harms(sender_id, text)
        if assessment.danger and _help_came(sender_id, text):
            assessment = Assessment(None, assessment.score, False)
        if not assessment.danger and _after_self_harm(sender_id, text):
            assessment = Assessment("self_harm", assessment.score, False)
        elif not assessment.danger and _still_in_it(sender_id, text):
            assessment = Assessment(_answered[_key(sender_id)][0], assessment.score, False)
        if not assessment.danger:
            remember_language(sender_id, text)
            return None
        language = reply_language(sender_id, text)
        repeat = _repeat(sender_id, text, assessment.kind)
        texts = messages_for(assessment, language, found, repeat)
        return {"kind": assessment.kind, "language": language, "sure": assessment.sure,
                "texts": texts + _asked_too(text, language)}
    except Exception as error:  # the layer must never stop a message from reaching Rasa
        logger.error("the safety check failed (%s)", type(error).__name__)
        return None


def mark(message: Any, answer: Optional[Dict[str, Any]]) -> None:
    """Tell Rasa (through the message's metadata) what the safety layer decided: the answer went out
    already, or (None) the message was read and is not danger. The NLU pipeline (bot/nlu/component.py)
    then follows this decision, made with the open question in view, instead of reading the message alone."""
    metadata = dict(message.metadata or {})
    metadata["safety"] = {"kind": answer["kind"], "answered": True, "sure": answer.get("sure", True),
                          "language": answer["language"]} if answer \
        else {"kind": None, "answered": False, "question": context.asked(message.sender_id),
              "language": context.language_of(message.sender_id)}
    message.metadata = metadata


async def hand_on(on_new_message: Callable[[Any], Awaitable[Any]], message: Any, wait: float = RASA_WAIT) -> None:
    """Run Rasa on the message, waiting at most `wait` seconds; after that it finishes in the background."""
    task = asyncio.ensure_future(on_new_message(message))
    task.add_done_callback(_log_failure)
    await asyncio.wait({task}, timeout=wait)


def _log_failure(task: "asyncio.Future[Any]") -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("a message after a safety answer could not be handled (%s)", type(task.exception()).__name__)


async def _send(message: Any, answer: Dict[str, Any]) -> None:
    try:
        for text in answer["texts"]:
            # `language` (None when both languages are sent) lets the web page follow the conversation.
            await message.output_channel.send_text_message(message.sender_id, text, language=answer["language"])
    except Exception as error:
        logger.error("a safety answer could not be sent (%s)", type(error).__name__)


def safety_first(on_new_message: Callable[[Any], Awaitable[Any]]) -> Callable[[Any], Awaitable[Any]]:
    """Wrap Rasa's handler: answer danger through the message's output channel, then hand it on."""

    async def handler(message: Any) -> Any:
        answer = check(message.sender_id, message.text)
        if answer is None:
            if message.text and not message.text.startswith("/"):
                mark(message, None)
                relief = help_arrived(message.sender_id, message.text)
                if relief is not None:
                    await _send(message, relief)
            return await on_new_message(message)
        await _send(message, answer)
        mark(message, answer)
        await hand_on(on_new_message, message)

    return handler
