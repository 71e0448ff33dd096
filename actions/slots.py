"""Global slot extraction, run by Rasa after every user message: language, triage facts, program, state.

The decisions are here rather than in slot mappings because they depend on the whole conversation:
the language is fixed by the first substantive message and changes only on request, and the
program follows from every fact given so far, in any order.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import custody_answer
from actions.common import REGISTRATION_FORMS, entities, entity_value, latest_intent
from actions.forms.registration import states_named
from bot import reference
from bot.nlu.facts import CORRECTION, GOALS, JAIL_FACT, PRISON_FACT, decide_program
from bot.nlu.text import normalize

_PAYLOAD_CUSTODY = {"state", "federal", "ice", "ice_custody", "prison", JAIL_FACT} | GOALS
_CUSTODIANS = {"state", "federal", "ice", "ice_custody"}
_HOLDERS_NOW = {"state", "federal", "ice_custody"}
HOME = "home"  # role of a us_state that is only where the person lives (bot/nlu/component.py)


def language_events(tracker: Tracker) -> List[EventType]:
    """Set or switch the language.

    An explicit request always wins. Otherwise the first message with a confident detection locks
    the language; until then a weaker guess (a one-word greeting) sets it without locking it.
    """
    hints = entities(tracker, "language_hint")
    requested = next((h["value"] for h in hints if h.get("role") == "requested"), None)
    intent = latest_intent(tracker)
    if intent in ("switch_to_spanish", "switch_to_english") and not requested:
        requested = "es" if intent == "switch_to_spanish" else "en"
    if requested:
        return [SlotSet("language", requested), SlotSet("language_locked", True)]
    guess = next((h for h in hints if h.get("role") in ("confident", "weak")), None)
    if tracker.get_slot("language_locked"):
        # Someone in danger may write in their first language: answer the crisis in it.
        answered = ((tracker.latest_message or {}).get("metadata") or {}).get("safety") or {}
        in_danger = intent == "crisis" or answered.get("answered") is True
        if in_danger and guess and guess.get("role") == "confident" and guess["value"] != tracker.get_slot("language"):
            return [SlotSet("language", guess["value"])]
        return []
    if guess is None:
        return []
    confident = guess.get("role") == "confident"
    events: List[EventType] = []
    if guess["value"] != tracker.get_slot("language"):
        events.append(SlotSet("language", guess["value"]))
    if confident:
        events.append(SlotSet("language_locked", True))
    return events


def triage_events(tracker: Tracker) -> List[EventType]:
    """Keep every custody fact given so far and derive the program(s) and the state from them."""
    if tracker.active_loop_name in REGISTRATION_FORMS and tracker.get_slot("requested_slot") != "state":
        # Answers to a sign-up question are not triage facts: "Montana Jones" is a name, "FCI Miami" a facility.
        return []
    custody = [e for e in entities(tracker, "custody") if e.get("value") in _PAYLOAD_CUSTODY]
    topic: List[EventType] = []
    if entities(tracker, "topic") and not tracker.get_slot("about_offender"):
        topic = [SlotSet("about_offender", True)]
    # The open custody question gives its answer precedence: custody words and a state are facts, never a
    # mere mention, and a facility word of no known kind reads as state or local custody.
    answering = custody_answer.is_answer(tracker)
    if answering:
        custody += [{"value": fact} for fact in sorted(custody_answer.answer_facts(tracker))]
    about_custody = in_triage(tracker) or bool(topic) or answering
    held = list(tracker.get_slot("mentioned_facts") or [])
    remembered: List[EventType] = [SlotSet("mentioned_facts", None)] if held else []
    if not about_custody:
        # Custody words in a question that is not about an offender ("visiting hours at the federal
        # prison") leave `program` empty; once the conversation is about an offender, they count.
        # They are held for one message: "tengo una pregunta sobre la prisión federal de Terminal
        # Island" followed by "ahí está el que me robó la pensión" is about him after all.
        mentions = [e["value"] for e in custody if e.get("role") == "mention"]
        mentions += [f"us_state:{e['value']}" for e in entities(tracker, "us_state")
                     if e.get("role") == "mention"]
        remembered = [SlotSet("mentioned_facts", mentions or None)] if mentions or held else []
        custody = [e for e in custody if e.get("role") != "mention"]
    elif topic and held and not [e for e in custody if e.get("value") in _HOLDERS_NOW and e.get("role") in (None, "answer")]:
        # The message right after is about him and names no custody that holds now (none, only what held before, or
        # what comes next: "terminó su tiempo en la prisión de Virginia y se lo llevaron allá", "after the jail,
        # immigration comes for him"): the earlier words count, and this message's own facts after them.
        custody = [{"value": v} for v in held if v in _PAYLOAD_CUSTODY] + custody
    earlier_state = next((v.split(":", 1)[1] for v in held if v.startswith("us_state:")), None)
    if earlier_state in reference.states() and not entity_value(tracker, "us_state") and (
            (about_custody and (topic or custody)) or any(e.get("role") != "mention" for e in custody)):
        # The place of the message before, held as a mere mention ("mi esposo está en la cárcel de Washoe County" read
        # as a passing remark), counts once the conversation is about him, with custody words of its own or none.
        remembered.append(SlotSet("state", earlier_state))
    new_facts = {e["value"] for e in custody if e.get("role") != "negated"}
    withdrawn = {e["value"] for e in custody if e.get("role") == "negated"}
    # Custody told only as over ("he was on federal supervised release, that ended") decides until a
    # later message says what holds now ("now he's in the Knox County jail").
    past_before = set(tracker.get_slot("past_facts") or [])
    told_past = {e["value"] for e in custody if e.get("role") == "past"}
    if "state" in told_past:
        told_past.add(JAIL_FACT)  # the jail is the state's custody: it goes with it
    told_now = new_facts - told_past
    past = (past_before | told_past) - told_now - withdrawn
    answer = _explicit_answer(tracker, custody)
    if answer:
        # "State" after "Federal": the newest answer to "state or federal?" replaces the other.
        withdrawn.add("federal" if answer == "state" else "state")
    if "state" in withdrawn:
        withdrawn.add(JAIL_FACT)
    if new_facts & GOALS:
        # The newest statement of what the person cares about replaces an earlier one.
        withdrawn |= GOALS - new_facts
    events: List[EventType] = []
    if past != past_before:
        events.append(SlotSet("past_facts", sorted(past) or None))
    before = set(tracker.get_slot("custody_facts") or [])
    known = before - withdrawn
    state_events = _state_events(tracker, about_custody)
    located = _state_known(tracker, remembered + state_events)
    facts = known | new_facts
    changed = bool(new_facts - known) or known != before or past != past_before
    newly_located = any(e.get("name") == "state" and e.get("value") for e in remembered + state_events)
    if changed or (PRISON_FACT in facts and newly_located):
        # Once state or federal is known, "prison" is no longer an open question.
        if facts & {"state", "federal", "ice_custody"}:
            facts.discard(PRISON_FACT)
        if changed:
            events.append(SlotSet("custody_facts", sorted(facts)))
        current = facts - past
        program, also = decide_program(assumed_state(current if current & _CUSTODIANS else facts,
                                                     located and _prison_named(tracker)))
        if program != tracker.get_slot("program"):
            events.append(SlotSet("program", program))
        if also != tracker.get_slot("also_program"):
            events.append(SlotSet("also_program", also))
    return topic + remembered + events + state_events


def assumed_state(facts: set, located: bool) -> set:
    """A prison in a named state (or a named prison) with no federal word ("he's in prison in South Carolina", "at
    Lieber"): the state's, as most prisons are (the reply says so, and that a federal prison is another program:
    actions/triage.py). With no state named, the bot asks "state or federal?" instead."""
    if located and PRISON_FACT in facts and not facts & {"state", "federal", "ice_custody"}:
        return facts | {"state"}
    return facts


# A prison itself named ("in prison", "preso", "the pen"), not only a court or an arrest, which are custody of unknown
# kind too ("family court in Pittsburgh", "cuando me arrestaron en Baltimore").
_PRISON_WORDS = re.compile(r"\b(prison|prisons|penitentiary|pen|prision|penitenciaria|penal|preso|presa|presos|"
                           r"locked up|incarcerated|behind bars|encerrado|encerrada|confinado|confinada|"
                           r"correctional|correccional)\b")


def _prison_named(tracker: Tracker) -> bool:
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    latest = (tracker.latest_message or {}).get("text") or ""
    return any(_PRISON_WORDS.search(normalize(t)) for t in texts + [latest] if not t.startswith("/"))


def _state_known(tracker: Tracker, state_events: List[EventType]) -> bool:
    """A state is known: the slot, or set by this message."""
    if any(e.get("name") == "state" and e.get("value") for e in state_events):
        return True
    if any(e.get("name") == "state" and e.get("value") is None for e in state_events):
        return False
    return bool(tracker.get_slot("state"))


def in_triage(tracker: Tracker) -> bool:
    """The conversation is already about an offender's custody: facts known, a triage question or
    offer pending, or a sign-up under way."""
    return bool(tracker.get_slot("custody_facts") or tracker.get_slot("program") or tracker.get_slot("stage")
                or tracker.get_slot("about_offender")
                or tracker.active_loop_name)


def _state_events(tracker: Tracker, about_custody: bool) -> List[EventType]:
    home = [e for e in entities(tracker, "us_state") if e.get("role") == HOME]
    if home and len(home) == len(entities(tracker, "us_state")):
        # "I'm in Dearborn" after "he gets out of the Wayne County jail": where the person lives says where he is
        # only while nothing else does; any place of his named later replaces it.
        value = home[-1].get("value")
        if about_custody and value in reference.states() and not tracker.get_slot("state") and \
                not _form_owns_state(tracker):
            return [SlotSet("state", value)]
        return []
    mentioned = [e for e in entities(tracker, "us_state") if e.get("role") == "mention"]
    if mentioned and not about_custody:
        return []
    state = entity_value(tracker, "us_state")
    if state not in reference.states():
        state = None  # a button payload may carry anything
    town_only = any(e.get("role") == "town" for e in entities(tracker, "us_state"))
    text = (tracker.latest_message or {}).get("text") or ""
    if town_only and tracker.get_slot("state") and not CORRECTION.search(normalize(text)):
        # A town named in passing ("tengo las pastillas aquí en la mesa", "my sister lives near Dublin")
        # does not replace a state known from a state, a county or a facility.
        return []
    if state and not _form_owns_state(tracker) and states_named(text):
        # "Kansas and Missouri", "en Texas o en Oklahoma": neither is kept; the sign-up asks which one.
        return [SlotSet("state", None)] if tracker.get_slot("state") else []
    if state and state != tracker.get_slot("state") and not _form_owns_state(tracker):
        return [SlotSet("state", state)]
    return []


def _explicit_answer(tracker: Tracker, custody: List[Dict[Text, Any]]) -> Optional[str]:
    """'state' or 'federal' when the message answers "state or federal?" outright: a button, or a
    whole message such as "state" or "it's federal" (role "answer" from the fact extractor)."""
    text = (tracker.latest_message or {}).get("text") or ""
    for entity in custody:
        if entity.get("value") in ("state", "federal") and (entity.get("role") == "answer" or text.startswith("/")):
            return entity["value"]
    return None


def pending_stop_events(tracker: Tracker) -> List[EventType]:
    """A question "stop these messages?" is answered by the very next message or not at all: anything
    but a yes, a no or a "never mind" drops it, so that a later "yes" to something else can never
    stop them."""
    if tracker.get_slot("stop_pending") and latest_intent(tracker) not in ("affirm", "deny", "cancel"):
        return [SlotSet("stop_pending", None)]
    return []


def pending_choice_events(tracker: Tracker) -> List[EventType]:
    """"Which one should I cancel?" is answered by the very next message or not at all: a message of
    another kind ("any news?", "never mind") drops the question."""
    from actions.subscriptions import CHOICE_INTENTS, CHOICE_SLOT

    if tracker.get_slot(CHOICE_SLOT) and latest_intent(tracker) not in CHOICE_INTENTS:
        return [SlotSet(CHOICE_SLOT, None)]
    return []


def _form_owns_state(tracker: Tracker) -> bool:
    """While a form asks for the state, the form's validation sets it (and counts bad answers)."""
    return tracker.get_slot("requested_slot") == "state" and tracker.active_loop_name is not None


class ValidateSlotMappings(Action):
    """Rasa's hook for slots with custom mappings (action_validate_slot_mappings)."""

    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return (language_events(tracker) + triage_events(tracker) + pending_stop_events(tracker)
                + pending_choice_events(tracker))

