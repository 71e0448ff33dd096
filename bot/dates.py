"""Dates of birth as people write them, and dates read back in words, in English and Spanish.

Numbers are read day-first in Spanish and month-first in English; a form with only one possible reading
(a day above 12, a year first) is taken in either language, and when both readings are real dates of
birth both are returned, the language's own first, so that the person is asked once which one they
meant. Month names come from Babel's English and Spanish calendars, the same that write dates back, and are
read in either language. A date said twice or in two languages ("5 de junio 1983, june 5") is read from its day
and month names and the one year in the answer.
Pure functions: nothing here logs the text, which is personal data.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

from babel import Locale
from babel.dates import format_date, format_skeleton

from bot.nlu.text import normalize

MIN_AGE, MAX_AGE = 10, 110
_ISO = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|ero|er|ro|do|to|mo|vo|no|o)\b")  # 3rd, 1ro, 1º (-> 1o)
_FIRST_DAY = {"primero", "first"}  # "el primero de mayo", "May first"
# Answers to "is it A or B?" that name a place in the list, not a date; the filler around them.
_POSITIONS = {"1": 0, "first": 0, "primero": 0, "primera": 0, "primer": 0,
              "2": 1, "second": 1, "segundo": 1, "segunda": 1}
_POSITION_FILLER = frozenset("the one el la lo option opcion number numero date fecha es is it".split())


@dataclass(frozen=True)
class DateAnswer:
    """What a written date of birth says.

    `readings` are the dates it can mean, the person's language's reading first: one, or two when both
    the day-first and the month-first reading are real dates of birth. With none, `problem` says why
    for the written date (`year`, `month`, `day`): "no_such_day" (31 February), "future", or "age"
    (outside MIN_AGE to MAX_AGE years); no problem either means no date could be read at all.
    """

    readings: Tuple[date, ...] = ()
    problem: Optional[str] = None
    year: int = 0
    month: int = 0
    day: int = 0


@lru_cache(maxsize=1)
def _month_numbers() -> Dict[str, int]:
    """Folded month name -> its number ("julio" -> 7): English, Spanish ("setiembre" too), and French and
    Haitian Creole, which Haitian victims write dates in ("19 janvier 1980", "12 desanm 1975"; not the Creole
    "out", "me", "mas", which are English and Spanish words)."""
    names = {"setiembre": 9, "janvye": 1, "fevriye": 2, "jen": 6, "jiye": 7, "septanm": 9, "oktob": 10,
             "novanm": 11, "desanm": 12}
    for lang in ("en", "es", "fr"):
        wide = Locale(lang).months["format"]["wide"]
        names.update({normalize(name): number for number, name in wide.items()})
    return names


def _months_named(words: Sequence[str]) -> set:
    """The months that words name, in full or by their first three letters or more ("sept", "dic")."""
    return {number for word in words if word.isalpha() and len(word) >= 3
            for name, number in _month_numbers().items() if name.startswith(word)}


def age_on(born: date, today: date) -> int:
    """Age in whole years on `today`."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _years(written: str, today: date) -> List[int]:
    """The years a written year can be: itself, or for two digits this century then the last ("85")."""
    if len(written) != 2:
        return [int(written)]
    return [y for y in (2000 + int(written), 1900 + int(written)) if y <= today.year]


def _in_words(text: str) -> Optional[Tuple[int, int, str]]:
    """(month, day, year as written) from a date with a month name: "March 3rd 1985", "7 de marzo del 85"."""
    words = [("1" if word in _FIRST_DAY else word) for word in _ORDINAL.sub(r"\1", normalize(text)).split()]
    months, numbers = _months_named(words), sorted((w for w in words if w.isdigit()), key=len)  # day, year
    if len(months) != 1 or len(numbers) != 2 or len(numbers[0]) > 2 or len(numbers[1]) not in (2, 4):
        return None
    return months.pop(), int(numbers[0]), numbers[1]


def _judge(orders: Sequence[Tuple[int, int]], year: str, today: date) -> DateAnswer:
    """The readings among (month, day) orders that are real dates of birth, or the first problem."""
    readings: List[date] = []
    problems: List[DateAnswer] = []
    for month, day in dict.fromkeys(orders):  # 07/07 is one reading, not two
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        for candidate in _years(year, today):
            if day > calendar.monthrange(candidate, month)[1]:
                problems.append(DateAnswer(problem="no_such_day", year=candidate, month=month, day=day))
                continue
            born = date(candidate, month, day)
            if born <= today and MIN_AGE <= age_on(born, today) <= MAX_AGE:
                readings.append(born)
                break
            problem = "future" if born > today else "age"
            problems.append(DateAnswer(problem=problem, year=candidate, month=month, day=day))
    if readings:
        return DateAnswer(readings=tuple(readings))
    return problems[0] if problems else DateAnswer()


def read_dob(text: str, lang: str = "en", today: Optional[date] = None) -> DateAnswer:
    """A date of birth from 14/03/1985 (Spanish: day first), 03/14/1985 (English: month first), 1985-03-14,
    "March 14th, 1985", "14 de marzo del 85"; not in the future, age MIN_AGE to MAX_AGE. A two-digit year
    is this century's or the last, whichever gives such an age ("3-14-20" -> 1920)."""
    today = today or date.today()
    if not text or len(text) > 100:
        return DateAnswer()
    iso, numeric = _ISO.findall(text), _NUMERIC.findall(text)
    if len(iso) + len(numeric) > 1:
        return DateAnswer()  # two dates: which one is the answer?
    if iso:
        year, month, day = iso[0]
        return _judge([(int(month), int(day))], year, today)
    if numeric:
        first, second, year = numeric[0]
        month_first, day_first = (int(first), int(second)), (int(second), int(first))
        return _judge([day_first, month_first] if lang == "es" else [month_first, day_first], year, today)
    words = _in_words(text)
    if words:
        return _judge([words[:2]], words[2], today)
    return _said_twice(text, today)


# Words between a day and its month ("5 de junio", "the 5th of June"), skipped when pairing them.
_DAY_MONTH_GLUE = frozenset("de del of the el".split())
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _days_and_months(text: str) -> List[Tuple[int, int]]:
    """Each (month, day) written with a month name in the text, in order: "5 de junio 1983, june 5" ->
    [(6, 5), (6, 5)]. A day is the number of one or two digits just before the month name (past "de",
    "of") or else just after it; a month name with no day beside it ("may", "ago") is not a date."""
    words = [("1" if word in _FIRST_DAY else word) for word in _ORDINAL.sub(r"\1", normalize(text)).split()]
    found, used = [], set()
    for at, word in enumerate(words):
        months = _months_named([word]) if word.isalpha() else set()
        if len(months) != 1:
            continue
        before = at - 1
        while before >= 0 and words[before] in _DAY_MONTH_GLUE:
            before -= 1
        for near in (before, at + 1):
            if 0 <= near < len(words) and near not in used and words[near].isdigit() and len(words[near]) <= 2:
                used.add(near)
                found.append((months.pop(), int(words[near])))
                break
    return found


# Words that take back what was just said ("no wait", "sorry", "I mean", "no espera", "perdón", "digo", "mejor dicho").
_TAKEN_BACK = re.compile(r"\b(?:wait|sorry|i mean|actually|espera|espere|perdon|digo|mejor dicho|quiero decir)\b")


def _said_twice(text: str, today: date) -> DateAnswer:
    """A date of birth said twice or in two languages ("5 de junio 1983, june 5", "2 de enero, january 2,
    1992"): each day and month named, with the one year written in the answer. The same date twice is that
    date; two different ones are both returned, so that the person is asked which one (as for 12/07/1990),
    unless the second one corrects the first ("March 3... no espera, … 20 de octubre, 1994")."""
    years = set(word for word in normalize(text).split() if _YEAR.match(word))
    pairs = list(dict.fromkeys(_days_and_months(text)))
    if len(pairs) == 2 and _TAKEN_BACK.search(normalize(text)):
        pairs = pairs[1:]  # "March 3... no espera, … el 20 de octubre, 1994": the date said after the correction
    if len(years) != 1 or not 1 <= len(pairs) <= 2:
        return DateAnswer()
    year = years.pop()
    judged = [_judge([pair], year, today) for pair in pairs]
    readings = tuple(reading for answer in judged for reading in answer.readings)
    if len(readings) == len(pairs):
        return DateAnswer(readings=readings)
    return next((answer for answer in judged if answer.problem), DateAnswer()) if len(pairs) == 1 else DateAnswer()


# "is the month first or the day first?", "¿va primero el día o el mes?", "what format?", "mm/dd?": a question
# about how to write the date, not a date.
_ORDER_QUESTION = re.compile(
    r"\b(?:month|mes)\b.{0,40}\b(?:day|dia)\b.{0,20}\b(?:first|primero|before|antes)\b"
    r"|\b(?:day|dia|month|mes)\s+(?:first|primero)\b.{0,15}\b(?:or|o)\b"
    r"|\b(?:first|primero)\b.{0,20}\b(?:month|mes)\b.{0,15}\b(?:or|o)\b.{0,15}\b(?:day|dia)\b"
    r"|\b(?:first|primero)\b.{0,20}\b(?:day|dia)\b.{0,15}\b(?:or|o)\b.{0,15}\b(?:month|mes)\b"
    # ("what do I do about the protective order" is not about the date: an order of protection)
    r"|\b(?:what|which|que|cual|how|como)\b.{0,25}\b(?:format|formato|order|orden)\b"
    r"(?!\s+(?:(?:de|of)\s+)?(?:proteccion|restriccion|alejamiento|protection|protective|restraining|no contact))"
    r"(?<!protective order)(?<!restraining order)(?<!protection order)"
    r"|\b(?:day|dia|month|mes)\b.{0,12}\b(?:before|after|antes|despues)\b.{0,12}\b(?:day|dia|month|mes)\b"
    r"|\b(?:how|como)\s+(?:do i |should i |do you want me to |(?:la |lo )?(?:tengo que |debo )?)?"
    r"(?:write|put|escrib\w*|pong\w*)\b"
    r"|\b(?:mm dd|dd mm)\b.{0,20}\b(?:or|o)\b")


# "¿el día va primero?", "month first?": the same with a question mark.
_FIRST_ASKED = re.compile(r"\b(?:day|dia|month|mes)\s+(?:\w+\s+)?(?:first|primero)\b"
                          r"|\b(?:first|primero)\s+(?:\w+\s+)?(?:day|dia|month|mes)\b")


def asks_order(text: str) -> bool:
    """Whether the message asks how to write the date: which comes first, the month or the day, or in
    what format ("is the month first or the day first?", "¿primero el día o el mes?", "mm/dd or dd/mm?")."""
    folded = normalize(text)
    return bool(_ORDER_QUESTION.search(folded) or ("?" in text and _FIRST_ASKED.search(folded)))


def place_named(text: str) -> Optional[int]:
    """The place an answer to "A or B?" names ("1", "the second one", "la primera"): 0, 1 or None."""
    return _POSITIONS.get(" ".join(w for w in normalize(text).split() if w not in _POSITION_FILLER))


def pick(text: str, choices: Sequence[date], lang: str = "en",
         today: Optional[date] = None) -> Optional[date]:
    """Which of `choices` an answer to "is it A or B?" names: the date in any form, its month ("julio",
    "July 12"), or its place ("1", "the second one", "la primera"); None when it names neither or both."""
    words = [w for w in normalize(text).split() if w not in _POSITION_FILLER]
    place = _POSITIONS.get(" ".join(words))
    if place is not None and place < len(choices):
        return choices[place]
    named = [choice for choice in choices if choice in read_dob(text, lang, today).readings]
    if len(named) != 1:
        months = _months_named(words)
        named = [choice for choice in choices if choice.month in months] if len(months) == 1 else []
    return named[0] if len(named) == 1 else None


def in_words(day: date, lang: str) -> str:
    """A date as people read it: "July 12, 1990", "12 de julio de 1990"."""
    return format_date(day, format="long", locale="es" if lang == "es" else "en")


def month_in_words(year: int, month: int, lang: str) -> str:
    """A month of a year: "February 1990", "febrero de 1990"."""
    return format_skeleton("yMMMM", date(year, month, 1), locale="es" if lang == "es" else "en")


def clock(hhmm: str, lang: str) -> str:
    """A "21:00" clock time in words: "9 pm" / "9:30 pm", "9 de la noche" / "7 de la mañana"."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    shown = f"{hour % 12 or 12}" + (f":{minute:02d}" if minute else "")
    if lang != "es":
        return f"{shown} {'am' if hour < 12 else 'pm'}"
    part = ("de la madrugada" if 1 <= hour < 6 else "de la mañana" if 6 <= hour < 12 else "del mediodía"
            if hour == 12 else "de la tarde" if hour < 20 else "de la noche")
    return f"{shown} {part}"
