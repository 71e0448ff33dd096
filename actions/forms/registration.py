"""The registration forms: one per program, each asking only what that program needs.

VINE: who (name or offender/booking number), state, facility.  VNS: who, federal district.
VNP: name, date of birth, country of birth.  All: channel, address, quiet hours, confirmation.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    INTERRUPTING_INTENTS, current_channel, entities, language, latest_text, said_again,
)
from actions.forms.base import PLAIN_AFTER, Filled, FormValidation, Parser, Rejection
from actions.forms.corrections import (
    ask_which_field, asks_to_change, change_near_field, clear_field, collected_extras, field_named,
)
from actions.forms.summary import DOB_CHOICES, FIELD_SLOTS, summary_lines
from actions.forms.verify import new_contact
from bot import dates, faq, reference, validators
from bot.messages import say
from bot.nlu.facts import WORDLIKE_CODES, county_state, matcher
from bot.nlu.language import detect
from bot.nlu.text import normalize
from bot.settings import settings

UNKNOWN = "unknown"
THIS_CHAT = "this_chat"

# Slots each registration form collects (cleared after a submission or a cancel).
FORM_SLOTS = (
    "offender_ref", "facility", "federal_district", "offender_name", "offender_dob", "offender_country",
    "contact_channel", "contact_address", "quiet_hours", "confirm", DOB_CHOICES,
)


def _unknown_or(parse):
    def parser(text: str, tracker: Tracker):
        if validators.is_unknown(text):
            return UNKNOWN
        return parse(text)

    return parser


# Other answers that come with a name ("Carlos Mendoza Rivas, A-number 123456789", "José Pérez, nació el
# 3 de marzo de 1985"): the date or the number is taken out, and the rest is the name.
_A_NUMBER = re.compile(
    r"(?i:\ba[\s-]?(?:number|num|no\.?|#)|\balien(?:\s+registration)?\s+(?:number|no\.?|#)"
    r"|\bn[uú]mero\s+(?:a|de\s+extranjero|de\s+registro\s+de\s+extranjero))"
    r"\s*(?:(?:es|is|was|era)\s+)?[:#]?\s*(?:[aA][\s-]?)?(\d(?:[\s-]?\d){7,8})(?!\d)"
    r"|\bA[\s-]?(\d{3}[\s-]?\d{3}[\s-]?\d{2,3})(?!\d)"  # A123456789, A-123-456-789: a capital A only
)
_DATE_SPANS = re.compile(
    r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b"
    r"|\b(?:\d{1,2}|primero)(?:º|o)?\s+de\s+[^\W\d_]{3,10}\.?\s+(?:de|del)\s+\d{2,4}\b"
    r"|\b[^\W\d_]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{2,4}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[^\W\d_]{3,9}\.?,?\s+\d{2,4}\b"
)
_DOB_CUE = re.compile(
    r"(?i)\b(?:(?:he|she)\s+was\s+born(?:\s+on)?|born(?:\s+on)?|d\.?o\.?b\.?|date of birth|birthday"
    r"|birth date|naci[oó](?:\s+el)?|nacid[oa](?:\s+el)?|fecha de nacimiento|cumpleaños)\s*[:,-]?\s*$"
)


def _split_dob(text: str, lang: str) -> Tuple[str, Optional[dates.DateAnswer]]:
    """The text without a date of birth written in it, and that date (None when there is none)."""
    for match in _DATE_SPANS.finditer(text):
        answer = dates.read_dob(match.group(), lang)
        if answer.readings or answer.problem:
            return f"{_DOB_CUE.sub('', text[:match.start()])} {text[match.end():]}", answer
    return text, None


def _split_a_number(text: str) -> Tuple[str, Optional[str]]:
    """The text without an alien registration number (A-number), and that number as A + its digits."""
    match = _A_NUMBER.search(text)
    if not match:
        return text, None
    digits = re.sub(r"\D", "", match.group(1) or match.group(2))
    return f"{text[:match.start()]} {text[match.end():]}", f"A{digits}"


def _dob_events(answer: Optional[dates.DateAnswer], tracker: Tracker) -> List[EventType]:
    """Keep a date of birth given with the name: one reading is the answer; two are asked once, as
    action_ask_offender_dob does (only where the form asks for the date); a date that cannot be a
    date of birth is left for the form's own question."""
    if answer is None or not answer.readings:
        return []
    if len(answer.readings) == 1:
        return [SlotSet("offender_dob", answer.readings[0].isoformat())]
    if tracker.get_slot("registering") == "vnp" or tracker.active_loop_name == "vnp_form":
        return [SlotSet(DOB_CHOICES, [reading.isoformat() for reading in answer.readings])]
    return []


def _read_person(text: str, tracker: Tracker) -> Tuple[Optional[dict], List[EventType]]:
    """{"name", "number"} from an answer about the person, and events keeping a date of birth in it."""
    rest, born = _split_dob(text, language(tracker))
    rest, a_number = _split_a_number(rest)
    ref = validators.parse_offender_ref(rest) if rest.strip() else None
    if a_number:
        if ref and ref.get("number"):
            return None, []  # two numbers: which one is it?
        ref = {"name": ref.get("name") if ref else None, "number": a_number}
    return ref, _dob_events(born, tracker) if ref else []


def _not_a_name(text: str, tracker: Tracker) -> Optional[Rejection]:
    """A statement with no name in it ("his PO said I should already be getting stuff but I never got
    nothing"): heard, and the question asked again, without counting it as a wrong answer. The same words
    again get the question's hint instead (never the same reply twice in a row)."""
    return Rejection("statement_at_name", counts=False) \
        if validators.is_statement(text) and not said_again(tracker) else None


def parse_offender_ref(text: str, tracker: Tracker) -> Any:
    ref, events = _read_person(text, tracker)
    if not ref:
        return _not_a_name(text, tracker)
    return Filled(ref, events) if ref and events else ref


def parse_offender_name(text: str, tracker: Tracker) -> Any:
    """The name; a number or a date of birth in the same answer is kept too (the number in offender_ref)."""
    ref, events = _read_person(text, tracker)
    if not ref or not ref.get("name"):
        return None if ref else _not_a_name(text, tracker)
    if ref.get("number"):
        events = events + [SlotSet("offender_ref", ref)]
    return Filled(ref["name"], events) if events else ref["name"]


# "He was in Texas, now he's in Oklahoma": a move, where the last state named is where he is.
_MOVED = re.compile(r"\b(?:now|moved|transferred|ahora|pasaron|movieron|trasladaron|trasladado|cambiaron|extradit\w*)\b")


def states_named(text: str) -> List[str]:
    """The states a message names as where he is held when it names more than one ("Kansas and
    Missouri", "en Texas o en Oklahoma"), in the order written; [] for one state, none, or a move."""
    if not text or text.startswith("/"):
        return []
    facts = matcher().match(text, detect(text).language)
    named = list(dict.fromkeys(facts.states))
    if len(named) < 2 or facts.state_weak or _MOVED.search(normalize(text)):
        return []
    # Only states given as alternatives side by side: a story that names where he was convicted, where
    # the person lives now and where he is held ("Pine Prairie, Louisiana ... cumplió 6 años en Tennessee",
    # "Ponce Puerto Rico ... Florida State Prison") names one place for him, which the facts pick.
    joined = validators.states_side_by_side(text)
    return joined if len(joined) >= 2 else []


def states_to_choose(tracker: Tracker, messages: int = 3) -> List[str]:
    """The states one of the person's last few messages named together ("Kansas and Missouri"), while
    the state is still to be given; [] when none did."""
    if tracker.get_slot("state"):
        return []
    seen = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if seen:  # the message being answered is not one of the earlier ones
            named = states_named(event.get("text") or "")
            if named:
                return named
        seen += 1
        if seen > messages:
            break
    return []


def parse_state(text: str, tracker: Tracker) -> Any:
    if states_named(text):
        # Never one of them silently: action_ask_state asks which one, with a button for each.
        return Rejection("", counts=False)
    place = dates.place_named(text)
    if place is not None:  # "the first one", "la segunda", after "Kansas or Missouri?"
        offered = states_to_choose(tracker)
        if place < len(offered):
            return offered[place]
    bare = text.strip().strip(".").replace(".", "")
    if len(bare) == 2 and bare.upper() in reference.states() and \
            (bare.isupper() or bare.lower() not in WORDLIKE_CODES):
        return bare.upper()  # "GA", "tx" in answer to "which state?" (lowercase "ok", "me", "hi" stay words)
    his = [e for e in entities(tracker, "us_state") if e.get("role") != "home"]  # not where the person lives
    return (his[-1].get("value") if his else None) or matcher().match(text, detect(text).language).state


@lru_cache(maxsize=1)
def _state_facilities() -> Tuple[re.Pattern, Dict[str, frozenset]]:
    """A pattern for the names of state and local facilities (data/reference/facilities.yml) and the states of each."""
    table: Dict[str, set] = {}
    for name, kind, code in reference.facilities():
        if kind == "state" and len(normalize(name)) > 3:
            table.setdefault(normalize(name), set()).add(code)
    names = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b"), \
        {n: frozenset(c) for n, c in table.items()}


def facility_state(text: str) -> Optional[str]:
    """The one state the facility answer places him in: a jail or prison of data/reference/facilities.yml ("Utah
    County Jail", "Rikers"), or a county whose name belongs to one state only ("Utah County", not "Orange
    County"); None when it names no such place or places in different states."""
    norm = normalize(text)
    pattern, table = _state_facilities()
    states = set()
    counties = reference.county_states()
    for match in pattern.finditer(norm):
        named = re.match(r"(.+?) (?:county|parish)\b", match.group(1))
        if named and len(counties.get(named.group(1), ())) > 1:
            continue  # "Harris County Jail" is Texas's in the list, but Georgia has a Harris County too
        states |= table[match.group(1)]
    county = county_state(norm)
    if county:
        states.add(county)
    return next(iter(states)) if len(states) == 1 else None


def parse_facility(text: str, tracker: Tracker) -> Any:
    if validators.is_unknown(text):
        return UNKNOWN
    if faq.is_confused(text):
        # "I'm not sure what that means", "no entiendo la pregunta": never a facility's name (the form explains
        # the question; the same confusion again leaves the facility out)
        return None
    if validators.looks_like_junk(text) or len(text) > 120 or sum(ch.isalpha() for ch in text) < 2:
        return None
    value = " ".join(text.split())
    if tracker.get_slot("registering") != "vnp" and \
            matcher().match(text, language(tracker)).custody & {"ice_custody"}:
        # "Montgomery Processing Center, en Conroe" in a state sign-up: ICE holds him, so ICE's program is the
        # one that will tell about him there. Said plainly; this sign-up goes on with what was given.
        return Filled(value, [], "facility_is_ice")
    held_in = facility_state(text)
    if held_in and tracker.get_slot("state") and held_in != tracker.get_slot("state"):
        # "Utah County Jail" after "arrested in Reno, so I guess he's in Nevada jail": the facility, answered later,
        # names where he is held; the state follows it (the read-back shows both).
        return Filled(value, [SlotSet("state", held_in)])
    return value


def parse_federal_district(text: str, tracker: Tracker) -> Any:
    """The federal district: a name or court abbreviation ("EDNY (Brooklyn)", "S.D. Tex.") is read by
    validators; else a state or a city in one state ("the federal court in Phoenix") is that state's
    district when it has one, and a state with several ("la corte federal de Houston") gets its districts
    named. Two unclear answers in a row are taken as "not sure" (base.GIVE_UP_VALUES)."""
    if validators.is_unknown(text):
        return UNKNOWN
    district = validators.parse_federal_district(text)
    if district:
        return district
    if validators.says_unknown(text):
        return UNKNOWN
    if validators.looks_like_junk(text):
        return None
    state = matcher().match(text, detect(text).language).state
    districts = validators.districts_of(state or "")
    if len(districts) == 1:
        return districts[0]
    if districts:
        lang = language(tracker)
        return Rejection("federal_district_which", state=reference.state_name(state, lang),
                         count=_COUNTS[lang][len(districts)], districts=_listed(districts, lang))
    return None


_COUNTS = {"en": {2: "two", 3: "three", 4: "four"}, "es": {2: "dos", 3: "tres", 4: "cuatro"}}


def _listed(names: List[str], lang: str) -> str:
    """ "A, B and C" / "A, B y C". """
    return f"{', '.join(names[:-1])} {'y' if lang == 'es' else 'and'} {names[-1]}"


def dob_choices(tracker: Tracker) -> List[date]:
    """The readings the person was asked to choose between ("is it July 12 or December 7?"), if any."""
    return [date.fromisoformat(choice) for choice in tracker.get_slot(DOB_CHOICES) or []]


def _dob_problem(answer: dates.DateAnswer, lang: str) -> Rejection:
    """A clear answer for a date that cannot be a date of birth: 31 February, the future, age 5 or 130."""
    if answer.problem == "no_such_day":
        values = {"month": dates.month_in_words(answer.year, answer.month, lang),
                  "days": calendar.monthrange(answer.year, answer.month)[1]}
    else:
        born = date(answer.year, answer.month, answer.day)
        values = {"date": dates.in_words(born, lang)}
        if answer.problem == "age":
            values["age"] = dates.age_on(born, date.today())
    return Rejection(f"invalid_offender_dob_{answer.problem}", events=[SlotSet(DOB_CHOICES, None)], **values)


def parse_dob(text: str, tracker: Tracker) -> Any:
    """The date of birth as an ISO date. Numbers that read as two real dates ask once which one
    (action_ask_offender_dob offers both); the answer to that question picks one of them."""
    if validators.is_unknown(text):
        return UNKNOWN
    lang, choices = language(tracker), dob_choices(tracker)
    picked = dates.pick(text, choices, lang) if choices else None
    if picked:
        return picked.isoformat()
    answer = dates.read_dob(text, lang)
    if dates.asks_order(text):
        # "is the month first or the day first? it's november 2nd": the question is answered in the language's
        # order (the one read_dob reads numbers in); a whole date given with it is taken, and said back.
        if len(answer.readings) == 1:
            return Filled(answer.readings[0].isoformat(), [], "dob_order_taken",
                          date=dates.in_words(answer.readings[0], lang))
        # two readings ("month first? 11/02/1986"): the question is answered, then "is it A or B?" is asked
        both = [reading.isoformat() for reading in answer.readings]
        return Rejection("dob_order", counts=False, answers=True,
                         events=[SlotSet(DOB_CHOICES, both)] if len(both) == 2 else [])
    if len(answer.readings) == 1:
        return answer.readings[0].isoformat()
    if answer.readings and set(answer.readings) == set(choices):
        return Rejection("invalid_offender_dob_choice")  # the same numbers again: asked once already
    if answer.readings:
        both = [reading.isoformat() for reading in answer.readings]
        return Rejection("", counts=False, events=[SlotSet(DOB_CHOICES, both)])
    if answer.problem:
        return _dob_problem(answer, lang)
    if validators.says_unknown(text) or validators.gives_an_age(text):
        # "I don't know his exact birthday, he's 33", "no sé la fecha, tendrá unos 35 años", "maybe 50 years":
        # unknown; an approximate age is not kept (only what the sign-up needs).
        return UNKNOWN
    return Rejection("invalid_offender_dob_choice") if choices else None


def offered_channels(tracker: Tracker) -> List[str]:
    """The channels this conversation can offer, as action_ask_contact_channel shows them: Telegram only
    to someone writing from it, and by SMS "this chat" is the text messages."""
    here = current_channel(tracker)
    return ["sms", "email"] + (["web"] if here != "sms" else []) + (["telegram"] if here == "telegram" else [])


def channels_named(text: str, tracker: Tracker) -> List[str]:
    """The channels an answer leaves (validators.read_channels), "this chat" as the channel in use."""
    here = current_channel(tracker)
    return list(dict.fromkeys(here if channel == "web" else channel for channel in validators.read_channels(text)))


def _several_offered(text: str, tracker: Tracker) -> List[str]:
    named = [channel for channel in channels_named(text, tracker)
             if channel != "telegram" or current_channel(tracker) == "telegram"]
    return named if len(named) > 1 else []


def _previous_text(tracker: Tracker) -> str:
    """The person's message before the one being answered ("" when there is none)."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    return (users[-2].get("text") or "") if len(users) > 1 else ""


def _requested_when_written(tracker: Tracker) -> Optional[str]:
    """The question the latest message answers: requested_slot as it was before that message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == "requested_slot":
            return event.get("value")
    return tracker.get_slot("requested_slot")


def channels_to_choose(tracker: Tracker) -> List[str]:
    """Two or more channels the message just read named, none marked first, while answering the channel
    question ("e-mail and text"): action_ask_contact_channel asks which one first."""
    if _requested_when_written(tracker) != "contact_channel":
        return []
    return _several_offered(latest_text(tracker), tracker)


def parse_channel(text: str, tracker: Tracker) -> Any:
    """The channel meant: one left after negations, corrections and "first"/"mejor" (validators); several
    -> asked once which one first, and the first written if several come again; "the first one" picks."""
    named = channels_named(text, tracker)
    if named == ["telegram"] and current_channel(tracker) != "telegram":
        # A Telegram bot cannot start a chat with someone; the person has to open it there.
        return Rejection("telegram_elsewhere", counts=False)
    named = [channel for channel in named if channel in offered_channels(tracker) or channel == "web"]
    if len(named) == 1:
        return named[0]
    earlier = _several_offered(_previous_text(tracker), tracker)
    if named:
        return named[0] if earlier else Rejection("", counts=False)  # action_ask_contact_channel asks
    place = dates.place_named(text)
    if earlier and place is not None and place < len(earlier):  # "the first one", "el segundo"
        return earlier[place]
    own = _OWN_CHANNEL.get(current_channel(tracker))
    if own and _NO_PREFERENCE.search(normalize(text)) and not _REFUSED.search(normalize(text)):
        # "either one", "whatever is easiest", "me da igual" by text message: this same number
        return Filled(own, [], f"contact_channel_default_{own}")
    return None


# "Either is fine", "whatever works", "me da igual", "el que sea": no preference between the channels offered.
_NO_PREFERENCE = re.compile(
    r"\b(?:either|whichever|whatever|any|both are fine|doesnt matter|does not matter|dont care|dont mind|no preference|"
    r"up to you|you pick|you choose|da igual|me da igual|cualquiera|cualquier|el que sea|lo que sea|como sea|"
    r"no importa|el que (?:usted|ustedes) (?:quiera|quieran)|como (?:usted )?quiera)\b")
# "I don't want any of them", "no quiero ninguno": not a choice at all.
_REFUSED = re.compile(r"\b(?:dont|do not|don t|not|no|none|neither|nor|ninguno|ninguna|ni)\b")
# The channel a conversation is held on, where messages can reach the same person without asking more.
_OWN_CHANNEL = {"sms": "sms", "telegram": "telegram"}


def parse_address(text: str, tracker: Tracker) -> Any:
    """The phone number or e-mail address; of two in one message, the one marked new ("use ...", "este
    es el nuevo") or else the last, said back so that the person can see which one was kept."""
    channel = tracker.get_slot("contact_channel")
    if channel not in ("sms", "email"):
        return THIS_CHAT
    if channel == "sms":
        value, count = validators.pick_phone(text, settings().default_phone_region)
    else:
        value, count = validators.pick_email(text)
    if value is None:
        return _other_kind(text, channel, tracker) or Rejection(f"invalid_contact_address_{channel}")
    if count > 1 or validators.corrects_itself(text):
        # "oh wait that's my old number, new one is …": said back, so the person sees which one was kept
        return Filled(value, [], "contact_address_picked", address=value)
    return value



def _other_kind(text: str, channel: str, tracker: Tracker) -> Optional[Filled]:
    """An e-mail address given when a mobile number was asked, or a number when an e-mail address was: the
    channel becomes the one the address is for (when this conversation offers it), and the person is
    told in one sentence."""
    other = "email" if channel == "sms" else "sms"
    if other not in offered_channels(tracker):
        return None
    if other == "email":
        value, count = validators.pick_email(text)
    else:
        value, count = validators.pick_phone(text, settings().default_phone_region)
    if value is None or count > 1:
        return None
    return Filled(value, [SlotSet("contact_channel", other)], f"contact_switched_{other}", address=value)


def parse_quiet_hours(text: str, tracker: Tracker) -> Any:
    """"22:00-07:00" or "none"; an answer giving one end ("not after 9pm") is said back with the end
    taken for the other, so that the person can change it at the read-back."""
    parsed = validators.parse_quiet_hours(text)
    if isinstance(parsed, tuple):
        value = f"{parsed[0]}-{parsed[1]}"
        if validators.quiet_hours_one_end(text):
            lang = language(tracker)
            return Filled(value, [], "quiet_hours_one_end", start=dates.clock(parsed[0], lang),
                          end=dates.clock(parsed[1], lang))
        return value
    return parsed or Rejection("quiet_hours_unreadable")


# Restated at the read-back: a booking or offender number ("1098342", "A-123-456-789", "40922-013"), and the
# words that name the person's name.
_RESTATED_NUMBER = re.compile(r"(?<![\w@.])[A-Za-z]?[\s-]?\d[\d-]{3,}\d(?![\w@])")
# ...but not a date or hours written with dashes ("his birthday 03-15-1983 is right, yes", "quiet hours 22-07 are fine").
_DATE_OR_HOURS = re.compile(r"\d{1,2}-\d{1,2}(?:-\d{2,4})?")
# Capitalised words that are no part of a name: thanks and blessings ("Name is correct, yes. Thank You").
_COURTESY = frozenset("thanks thank you gracias muchas muchisimas please por favor god bless dios bendiga bendicion "
                      "amen ok okay yes si correct correcto perfect perfecto great".split())
_NAME_WORDS = re.compile(r"\b(?:name|names|surname|last name|first name|middle name|nombre|nombres|apellido|"
                         r"apellidos|segundo nombre)\b")


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def _numbers_restated(text: str) -> List[re.Match]:
    return [m for m in _RESTATED_NUMBER.finditer(text) if not _DATE_OR_HOURS.fullmatch(m.group().strip(" -"))]


def _restated(text: str, tracker: Tracker) -> Optional[List[EventType]]:
    """What a yes at the read-back restates, against what is held: [] when it restates nothing or only what
    is held ("The number is 1098342, yes", "the last name has the ñ, Villaseñor. otherwise yes": the same
    name without accents or case), the events keeping a spelling given with its accents; None when it
    restates something else, which is then corrected (_restated_change)."""
    ref = tracker.get_slot("offender_ref")
    ref = ref if isinstance(ref, dict) else {}
    held_number = _digits(ref.get("number"))
    contact = _digits(tracker.get_slot("contact_address"))
    for match in _numbers_restated(text):
        digits = _digits(match.group())
        if digits == held_number or (contact and contact.endswith(digits)) or len(digits) >= 10:
            continue  # his number as held, or the person's own phone (a new one is the aside's)
        return None
    slot = "offender_name" if tracker.get_slot("offender_name") else "offender_ref"
    name = tracker.get_slot("offender_name") or ref.get("name") or ""
    parts = name.split()
    held = {normalize(part): i for i, part in enumerate(parts)}
    respelled, strange = list(parts), False
    for found in re.finditer(r"[^\W\d_][\w'’-]*", text):
        word, key = found.group(), normalize(found.group())
        opens = not text[:found.start()].rstrip() or text[:found.start()].rstrip()[-1] in ".!?¡¿,;:"
        if key in held and len(key) > 2:
            # a spelling with the accents the held one lacks ("Villaseñor" for "Villasenor") is the person's own
            accented = word.lower() != parts[held[key]].lower() and not word.isascii()
            respelled[held[key]] = word if accented and word[:1].isupper() else parts[held[key]]
        elif word[:1].isupper() and not opens and len(word) > 2 and key not in _COURTESY and \
                not validators.parse_yes_no(word):
            strange = True  # a capitalised word inside a sentence that is no part of the name held
    if strange and _NAME_WORDS.search(normalize(text)):
        return None
    if respelled != parts:  # "Villaseñor" for "Villasenor": the person's own spelling is kept
        spelled = " ".join(respelled)
        return [SlotSet(slot, spelled if slot == "offender_name" else {**ref, "name": spelled})]
    return []


def _restated_change(text: str, tracker: Tracker) -> Rejection:
    """A yes that restates a detail other than the one held: that detail is the person's correction. A new
    number replaces his number and the read-back comes again; a name that differs is asked again."""
    ref = tracker.get_slot("offender_ref")
    for match in _numbers_restated(text):
        if isinstance(ref, dict) and len(_digits(match.group())) < 10 and \
                _digits(match.group()) != _digits(ref.get("number")):
            number = re.sub(r"\s", "", match.group()).upper()
            return Rejection("", counts=False, events=[SlotSet("offender_ref", {**ref, "number": number}),
                                                      SlotSet("bad_attempts", 0)])
    slot = "offender_name" if tracker.get_slot("offender_name") else "offender_ref"
    return Rejection("", counts=False, events=[SlotSet(slot, None), SlotSet("bad_attempts", 0)])


def parse_confirm(text: str, tracker: Tracker) -> Any:
    lang = language(tracker)
    answer = validators.parse_yes_no(text, lang)
    if answer is None and validators.leading_yes_no(text, lang) is True:
        # "Sí, ahora sí, con el número bueno que termina en 0162", "yes correct": a yes said first. A
        # correction ("yes but the date is wrong") was taken by the form's aside before this.
        answer = True
    if answer is None and not text.startswith("/") and validators.yes_among(text, lang):
        # "The number is 1098342, yes. All good": a yes with a detail said again. The same detail as held
        # (or a name part without its accents) is a yes; another one is a correction of it.
        restated = _restated(text, tracker)
        if restated is None:
            return _restated_change(text, tracker)
        return Filled(True, restated) if restated else True
    typed = new_contact(text) if not text.startswith("/") else None
    if answer is None and typed and typed[1] == tracker.get_slot("contact_address"):
        # "wait no the email is …@example.org not .com" once more, after it was changed: said plainly that
        # it is changed already, with the choices; not the read-back again.
        return Rejection("confirm_contact_kept", counts=False, events=[SlotSet("bad_attempts", PLAIN_AFTER)],
                         contact=typed[1])
    if answer is None and tracker.latest_message.get("intent", {}).get("name") in ("affirm", "deny"):
        answer = tracker.latest_message["intent"]["name"] == "affirm"
    if answer is False:
        # "No" to "shall I sign you up?" is a cancel: nothing is stored.
        return Rejection("registration_cancelled", counts=False, events=[SlotSet("requested_slot", None)])
    return True if answer else None


CONTACT_PARSERS: Dict[str, Parser] = {
    "contact_channel": parse_channel,
    "contact_address": parse_address,
}
COMMON_PARSERS: Dict[str, Parser] = {
    **CONTACT_PARSERS,
    "quiet_hours": parse_quiet_hours,
    "confirm": parse_confirm,
}


class ContactAware(FormValidation):
    """Skips the address when the person chooses the channel they are chatting on."""

    def give_up_value(self, requested: str, tracker: Tracker) -> Optional[tuple]:
        # By text message or Telegram, unclear answers about the channel keep the one being used: a whole
        # sign-up is not thrown away over "how should we send them?" (the read-back shows it, and it can change).
        own = _OWN_CHANNEL.get(current_channel(tracker))
        if requested == "contact_channel" and own:
            return own, f"contact_channel_default_{own}"
        return super().give_up_value(requested, tracker)

    def after_fill(self, slot: str, value: Any, tracker: Tracker) -> List[EventType]:
        if slot != "contact_channel":
            return []
        if value == "web" or value == current_channel(tracker):
            return [SlotSet("contact_address", THIS_CHAT)]
        return [SlotSet("contact_address", None)]


# Where a correction gives the new value ("…, it's John Smith", "…, es Honduras", "…, should be Kansas").
_NEW_VALUE = re.compile(
    r"(?i)\b(?:it[’']?s|it is|should be|is actually|es|se llama|debe ser|deberia ser|debería ser)\s+"
)


def _just_written(tracker: Tracker) -> bool:
    """Whether the form is reading a message just written, not running again after another action
    (action_correct_field, a rule's answer) with the same message still the latest. Rasa shows the
    validation its own form as the latest action, so that one does not count."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        own = (tracker.active_loop_name, "action_listen")
        if event.get("event") == "action" and event.get("name") not in own:
            return False
    return False


def _new_value_text(text: str) -> str:
    """The words after the last "it's" / "es" of a correction; "" when there are none."""
    found = list(_NEW_VALUE.finditer(text))
    return text[found[-1].end():].strip(" .!") if found else ""


class RegistrationForm(ContactAware):
    """The three program forms: "change my phone number" there corrects the answer given."""

    interrupting_intents = INTERRUPTING_INTENTS | {"change_contact"}

    def after_fill(self, slot: str, value: Any, tracker: Tracker) -> List[EventType]:
        if slot == "offender_dob" and tracker.get_slot(DOB_CHOICES):
            return [SlotSet(DOB_CHOICES, None)]
        return super().after_fill(slot, value, tracker)

    async def aside(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Optional[List[EventType]]:
        """A correction in words, at any question after the answer it changes: "wait, my number is wrong,
        it's 202-555-0115" keeps the new number, "la fecha está mal" asks the date again, and "change" or
        "está mal" at the read-back opens the menu of fields. The form then asks what it was asking."""
        text = latest_text(tracker).strip()
        if (not _just_written(tracker) or not text or text.startswith("/")
                or tracker.get_slot("stage") == "which_field"
                or not (asks_to_change(text) or self._contact_restated(text, tracker))
                or "change_later" in faq.topics(text)):
            # ("Her number may change, she uses prepaid. Can she update it later?" asks about later: the
            # offender's number was cleared once)
            return None
        requested = tracker.get_slot("requested_slot")
        lang, form = language(tracker), tracker.active_loop_name or self.form_name
        typed = new_contact(text)
        field = field_named(text)
        if typed:
            # A phone number or an e-mail address in a correction is the contact ("el numero esta mal, es
            # 253 555 0132": "numero" alone would also name the offender's number).
            field = "contact"
        at_read_back = requested == "confirm" and validators.parse_yes_no(text) is None
        if field is None:
            return ask_which_field(dispatcher, lang, form, domain, tracker) if at_read_back else None
        if requested in FIELD_SLOTS[field] or not self._field_given(field, tracker, domain):
            return None  # the answer to the question asked, or a field not given yet: as before
        if requested != "confirm" and not typed and not change_near_field(text, field):
            return None  # a change word and a field word far apart in an answer: read as an answer
        changed = self._new_value(field, text, typed if field == "contact" else None, tracker, domain)
        if changed is None:
            cleared = clear_field(field, tracker, domain)
            if cleared is None:
                return ask_which_field(dispatcher, lang, form, domain, tracker) if at_read_back else None
            return cleared
        if requested != "confirm" and not any(event.get("name") == "requested_slot" for event in changed):
            # the read-back shows the change; elsewhere, say it (a new contact with its value, to check it)
            if typed and field == "contact":
                say(dispatcher, lang, "field_changed_contact", contact=typed[1])
            else:
                say(dispatcher, lang, "field_changed")
        return changed + [SlotSet("confirm", None), SlotSet("stage", None), SlotSet("bad_attempts", 0)]

    @staticmethod
    def _contact_restated(text: str, tracker: Tracker) -> bool:
        """A new phone number or e-mail address given in words after the contact was answered, without a
        change word ("no, el correo es maricela.amezcua76@example.com, se me olvidó el 76")."""
        if tracker.get_slot("requested_slot") in ("contact_address", "contact_channel"):
            return False
        given, typed = tracker.get_slot("contact_address"), new_contact(text)
        return bool(given and typed and len(text.split()) > 1 and typed[1] != given)

    def _field_given(self, field: str, tracker: Tracker, domain: Dict[Text, Any]) -> bool:
        """Whether this form has `field` and it was answered already."""
        form = tracker.active_loop_name or self.form_name
        required = domain.get("forms", {}).get(form, {}).get("required_slots", [])
        slots = [slot for slot in FIELD_SLOTS[field] if slot in required]
        if field in collected_extras(form, tracker, domain):
            slots.append("offender_dob")
        return any(tracker.get_slot(slot) is not None for slot in slots)

    def _new_value(self, field: str, text: str, typed: Optional[Tuple[str, str]], tracker: Tracker,
                   domain: Dict[Text, Any]) -> Optional[List[EventType]]:
        """Events keeping the new value given with the correction; None when none was given (or it is
        not one this field takes), and the field is then asked again."""
        if field == "contact":
            if typed is None:
                return None
            return [SlotSet("contact_channel", typed[0]), SlotSet("contact_address", typed[1])]
        if field == "dob":
            born = _split_dob(text, language(tracker))[1]
            if born is None or not born.readings:
                return None
            if len(born.readings) == 1:
                return [SlotSet("offender_dob", born.readings[0].isoformat()), SlotSet(DOB_CHOICES, None)]
            # Both readings are real dates: asked once, as when it was first given.
            both = [reading.isoformat() for reading in born.readings]
            return [SlotSet("offender_dob", None), SlotSet(DOB_CHOICES, both),
                    SlotSet("requested_slot", "offender_dob")]
        if field == "quiet_hours":  # "change my quiet hours to 9pm-8am": the hours are read in the sentence
            quiet = validators.parse_quiet_hours(text)
            return [SlotSet("quiet_hours", f"{quiet[0]}-{quiet[1]}")] if isinstance(quiet, tuple) else None
        rest = _new_value_text(text)
        if not rest:
            return None
        if field == "offender":
            parsers = self.parsers()
            slot = "offender_name" if "offender_name" in parsers else "offender_ref"
            parsed = parsers[slot](rest, tracker)
            if parsed is None or isinstance(parsed, Rejection):
                return None
            value, extra = (parsed.value, parsed.events) if isinstance(parsed, Filled) else (parsed, [])
            return [SlotSet(slot, value)] + extra
        if field == "country" and "offender_country" in self.parsers():
            country = validators.parse_country(rest)
            return [SlotSet("offender_country", country)] if country else None
        if field == "place" and "state" in self.parsers():
            state = parse_state(rest, tracker)
            if isinstance(state, str):
                return [SlotSet("state", state), SlotSet("facility", None)]  # the facility is asked again
        return None


class ValidateVineForm(RegistrationForm):
    form_name = "vine_form"

    def parsers(self) -> Dict[str, Parser]:
        return {"offender_ref": parse_offender_ref, "state": parse_state, "facility": parse_facility,
                "offender_dob": parse_dob, **COMMON_PARSERS}


class ValidateVnsForm(RegistrationForm):
    form_name = "vns_form"

    def parsers(self) -> Dict[str, Parser]:
        return {
            "offender_ref": parse_offender_ref,
            "federal_district": parse_federal_district,
            "offender_dob": parse_dob,  # asked only when a date given with the name is to be changed
            **COMMON_PARSERS,
        }


class ValidateVnpForm(RegistrationForm):
    form_name = "vnp_form"

    def parsers(self) -> Dict[str, Parser]:
        return {
            "offender_name": parse_offender_name,
            "offender_dob": parse_dob,
            "offender_country": _unknown_or(validators.parse_country),
            **COMMON_PARSERS,
        }


class ValidateContactForm(ContactAware):
    form_name = "contact_form"

    def parsers(self) -> Dict[str, Parser]:
        return dict(CONTACT_PARSERS)


class ActionAskConfirm(Action):
    """Reads back what was collected and asks for consent to store it (the form's confirm question)."""

    def name(self) -> Text:
        return "action_ask_confirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        if tracker.get_slot("stage") == "which_field":
            return []  # the "what would you like to change?" buttons are on screen already
        if int(tracker.get_slot("bad_attempts") or 0) >= PLAIN_AFTER:
            return []  # asked plainly, with buttons, by the validation (ASKED_PLAINLY), not read back again
        lang = language(tracker)
        say(dispatcher, lang, "summary", summary="\n".join(summary_lines(tracker, lang)))
        return []
