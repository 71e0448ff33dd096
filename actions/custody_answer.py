"""An answer to the open custody question ("where is the person held now, or who is handling the case?").

While that question waits (slot stage asked_custody, or the greeting or help that ends with it), a message
that names an agency, a facility, ICE or immigration, federal words or a state or county is its answer,
whatever the intent classifier or the relevance classifier made of it (issue 9: "MDOC, Ionia Correctional
Facility", "ICE, Moshannon Valley Processing Center, Philipsburg PA"). The fact extractor
(bot/nlu/component.py) cannot see the conversation, so it marks such words as a mere mention and may route
the message to the fallback; here, with the conversation at hand, they count:

- actions/slots.py keeps the custody facts and the state (never dropped as a mention);
- a facility word with no known kind ("the justice center on Perdido", "centro de detención") reads as
  state or local custody, unless ICE or immigration words (ICE custody) or federal words (federal) are
  there;
- action_fallback hands the message to triage (action_guide) instead of "I didn't catch that" or "I can't
  help with that".
"""

from __future__ import annotations

import re
from typing import Optional, Set

from rasa_sdk import Tracker

from actions.common import entities, latest_text
from bot.nlu.text import normalize

CUSTODIANS = frozenset({"state", "federal", "ice", "ice_custody"})
# Words that name a place of custody or who runs it, in English and Spanish (folded text).
_FACILITY = re.compile(
    r"\b(?:jail|jails|prison|prisons|penitentiary|state pen|correctional|corrections|facility|detention|"
    r"detained|lockup|lock up|parish|justice center|processing center|detention center|county|sheriff|"
    r"sheriffs|doc|department of corrections|dept of corrections|reformatory|workhouse|"
    r"carcel|prision|penal|penitenciaria|correccional|reclusorio|centro de detencion|centro de justicia|"
    r"centro de procesamiento|detenido|detenida|condado|alguacil|parroquia)\b")
_ICE = re.compile(r"\b(?:ice|immigration|inmigracion|migra|deportation|deportacion|deportado|deportada|"
                  r"dhs|ero)\b")
_FEDERAL = re.compile(r"\b(?:federal|feds|bop|bureau of prisons|fbi|us marshals?|marshals|us attorneys?|"
                      r"fiscal federal|dea|atf|fci|usp|fdc|mdc|fmc)\b")

_QUESTION = re.compile(r"^(?:how|what|when|why|can|could|do|does|is|are|where|who|como|que|cual|cuando|"
                       r"donde|por que|puedo|se puede|quien)\b")


def question_open(tracker: Tracker) -> bool:
    """The custody question waits for its answer: asked by triage and nothing else said since, or the
    greeting or help that ends by asking where the person is held. Never inside a form."""
    from actions.clarify import _KEEP_OPEN
    from actions.status import _ASKS_WHERE_HELD, last_reply

    if tracker.active_loop_name:
        return False
    reply = last_reply(tracker)
    if tracker.get_slot("stage") == "asked_custody" and reply in _KEEP_OPEN:
        return True
    # After the greeting, a question of its own ("how do I put money on his commissary at the county
    # jail?") is not taken for the answer.
    return reply in _ASKS_WHERE_HELD and not _QUESTION.search(normalize(latest_text(tracker))) and \
        "?" not in latest_text(tracker)


def words_fact(text: str) -> Optional[str]:
    """The custodian the words of an answer point to: ICE or immigration words -> ice_custody, federal
    words -> federal, else a facility word -> state (state prison or local jail); None without any."""
    folded = normalize(text)
    if _ICE.search(folded):
        return "ice_custody"
    if _FEDERAL.search(folded):
        return "federal"
    return "state" if _FACILITY.search(folded) else None


def answer_facts(tracker: Tracker) -> Set[str]:
    """Custody facts the latest message adds as the answer to the open custody question, beyond what the
    fact extractor found: a custodian read from its words when it named none."""
    text = latest_text(tracker)
    if text.startswith("/"):
        return set()
    found = {e.get("value") for e in entities(tracker, "custody") if e.get("role") != "negated"}
    if found & CUSTODIANS:
        return set()
    fact = words_fact(text)
    return {fact} if fact else set()


def is_answer(tracker: Tracker) -> bool:
    """The latest message answers the open custody question: it names custody, a state or a county."""
    if not question_open(tracker) or latest_text(tracker).startswith("/"):
        return False
    named = [e for e in entities(tracker, "custody") if e.get("role") != "negated"]
    his_state = [e for e in entities(tracker, "us_state") if e.get("role") != "home"]  # not where the person lives
    return bool(named or his_state or words_fact(latest_text(tracker)))
