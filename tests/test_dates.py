"""Tests for bot.dates: dates of birth as people write them in English and Spanish, and read back in words."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dates import DateAnswer, asks_order, in_words, month_in_words, pick, read_dob

TODAY = date(2025, 6, 1)


def readings(text: str, lang: str) -> tuple:
    return read_dob(text, lang, today=TODAY).readings


# --- one reading ------------------------------------------------------------------------------

@pytest.mark.parametrize("en, es, expected", [
    ("03/14/1985", "14/03/1985", date(1985, 3, 14)),  # each in its own language's order
    ("3-14-85", "14-3-85", date(1985, 3, 14)),
    ("12.25.1985", "25.12.1985", date(1985, 12, 25)),
    ("1985-03-14", "1985/03/14", date(1985, 3, 14)),  # year first: year, month, day in either language
    ("March 14 1985", "14 de marzo de 1985", date(1985, 3, 14)),
    ("March 14th, 1985", "marzo 14 de 1985", date(1985, 3, 14)),
    ("march 3rd 1985", "el 3 de marzo de 1985", date(1985, 3, 3)),
    ("March 7, '85", "7 de marzo del 85", date(1985, 3, 7)),
    ("3 March 1985", "3 marzo 1985", date(1985, 3, 3)),
    ("born on Mar 14 1985", "nació el 14 mar 1985", date(1985, 3, 14)),
    ("May first, 1985", "el primero de mayo de 1985", date(1985, 5, 1)),
    ("May 1st 1985", "1º de mayo de 1985", date(1985, 5, 1)),
    ("December 1, 2000", "1 de diciembre del 2000", date(2000, 12, 1)),
    ("Sept 9 1999", "9 de setiembre de 1999", date(1999, 9, 9)),
    ("Feb 29 2000", "29 de febrero de 2000", date(2000, 2, 29)),  # leap day
    ("07/07/1990", "07/07/1990", date(1990, 7, 7)),  # the same either way round: nothing to ask
])
def test_one_reading(en, es, expected):
    assert readings(en, "en") == (expected,)
    assert readings(es, "es") == (expected,)


@pytest.mark.parametrize("text, expected", [
    ("25/07/1990", date(1990, 7, 25)),  # day-first, unambiguous: taken in English too
    ("07/25/1990", date(1990, 7, 25)),  # month-first, unambiguous: taken in Spanish too
])
def test_an_unambiguous_order_is_taken_in_either_language(text, expected):
    assert readings(text, "en") == readings(text, "es") == (expected,)


# --- two readings: the person is asked ------------------------------------------------------

@pytest.mark.parametrize("text, day_first, month_first", [
    ("12/07/1990", date(1990, 7, 12), date(1990, 12, 7)),  # the "12 de julio"
    ("04/11/1979", date(1979, 11, 4), date(1979, 4, 11)),
    ("3-4-85", date(1985, 4, 3), date(1985, 3, 4)),
])
def test_both_readings_in_the_languages_order(text, day_first, month_first):
    assert readings(text, "es") == (day_first, month_first)
    assert readings(text, "en") == (month_first, day_first)


def test_a_reading_that_is_no_date_of_birth_is_not_offered():
    # on TODAY, 6 May 2015 makes a 10-year-old and 5 June 2015 a 9-year-old: only the first can be meant
    assert readings("06/05/2015", "es") == (date(2015, 5, 6),)
    assert readings("05/06/2015", "en") == (date(2015, 5, 6),)


# --- two-digit years and the age range --------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2015-06-01", date(2015, 6, 1)),  # tenth birthday today
    ("1915-06-01", date(1915, 6, 1)),  # 110 today
    ("3-14-15", date(2015, 3, 14)),  # two-digit year: this century when the age fits
    ("3-14-20", date(1920, 3, 14)),  # 2020 would make a 5-year-old, so 1920
    ("12/25/85", date(1985, 12, 25)),
])
def test_edge_cases(text, expected):
    assert readings(text, "en") == (expected,)


# --- no date of birth, and why --------------------------------------------------------------

@pytest.mark.parametrize("text, lang, year, month, day", [
    ("31/02/1990", "es", 1990, 2, 31),
    ("02/31/1990", "en", 1990, 2, 31),
    ("31/02/1990", "en", 1990, 2, 31),  # the only order with a month in it
    ("30 de febrero de 1990", "es", 1990, 2, 30),
    ("Feb 29 2001", "en", 2001, 2, 29),
    ("31/04/90", "es", 1990, 4, 31),
])
def test_a_day_the_month_does_not_have(text, lang, year, month, day):
    problem = DateAnswer(problem="no_such_day", year=year, month=month, day=day)
    assert read_dob(text, lang, today=TODAY) == problem


@pytest.mark.parametrize("text, lang, problem", [
    ("2030-01-01", "en", "future"),
    ("12/31/2030", "en", "future"),
    ("31/12/2030", "es", "future"),
    ("2015-06-02", "en", "age"),  # nine until tomorrow
    ("1914-06-01", "es", "age"),  # 111
])
def test_a_date_that_cannot_be_a_date_of_birth(text, lang, problem):
    assert read_dob(text, lang, today=TODAY).problem == problem


@pytest.mark.parametrize("text", [
    "", "hello", "no sé", "March 1985", "marzo de 1985", "13/13/1985", "00/12/1985",
    "03/14/1985 or 04/14/1985",  # two dates
])
def test_nothing_to_read(text):
    assert read_dob(text, "en", today=TODAY) == DateAnswer()
    assert read_dob(text, "es", today=TODAY) == DateAnswer()


def test_today_by_default():
    assert read_dob("1985-03-14").readings == (date(1985, 3, 14),)
    assert read_dob(f"{date.today().year + 1}-01-01").problem == "future"


# --- the answer to "is it A or B?" ----------------------------------------------------------

CHOICES = (date(1990, 7, 12), date(1990, 12, 7))


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "1990-12-07", CHOICES[1]),  # a button's payload
    ("es", "1990-07-12", CHOICES[0]),
    ("en", "July 12", CHOICES[0]),
    ("es", "el 12 de julio", CHOICES[0]),
    ("en", "december", CHOICES[1]),
    ("es", "diciembre", CHOICES[1]),
    ("en", "December 7, 1990", CHOICES[1]),
    ("es", "7 de diciembre de 1990", CHOICES[1]),
    ("en", "the second one", CHOICES[1]),
    ("es", "la primera", CHOICES[0]),
    ("en", "1", CHOICES[0]),  # what a numbered choice is answered with
    ("es", "2", CHOICES[1]),
])
def test_pick(lang, text, expected):
    assert pick(text, CHOICES, lang, today=TODAY) == expected


@pytest.mark.parametrize("lang, text", [
    ("en", "12/07/1990"), ("es", "12/07/1990"),  # the same numbers again
    ("en", "yes"), ("es", "sí"), ("en", "3"), ("es", "marzo"),
])
def test_pick_neither(lang, text):
    assert pick(text, CHOICES, lang, today=TODAY) is None


# --- read back in words -----------------------------------------------------------------------

def test_dates_in_words():
    assert in_words(date(1990, 7, 12), "en") == "July 12, 1990"
    assert in_words(date(1990, 7, 12), "es") == "12 de julio de 1990"
    assert in_words(date(1979, 11, 4), "es") == "4 de noviembre de 1979"
    assert month_in_words(1990, 2, "en") == "February 1990"
    assert month_in_words(1990, 2, "es") == "febrero de 1990"


@pytest.mark.parametrize("text, expected", [
    ("19 janvier 1980", date(1980, 1, 19)),  # French, as many Haitian victims write a date
    ("le 5 août 1979", date(1979, 8, 5)),
    ("12 desanm 1975", date(1975, 12, 12)),  # Haitian Creole
    ("3 jiyè 1988", date(1988, 7, 3)),
])
def test_french_and_creole_month_names(text, expected):
    for lang in ("en", "es"):
        assert read_dob(text, lang).readings == (expected,)


# --- a date said twice, or in two languages ------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("5 de junio 1983, june 5", date(1983, 6, 5)),
    ("she said his birthday is 2 de enero, january 2, 1992", date(1992, 1, 2)),
    ("el 3 de marzo, march 3rd, 1985", date(1985, 3, 3)),
    ("born 1983, june 5th, el 5 de junio", date(1983, 6, 5)),  # the year said first
    ("el 7 de abril de 1999... sorry, April 7 1999", date(1999, 4, 7)),
    ("nació el 14 de agosto, o sea August 14th, en 1975", date(1975, 8, 14)),
    # a correction: the date said after it
    ("March 3... no espera, eso fue cuando me pegó. Su cumple es el 20 de octubre, 1994", date(1994, 10, 20)),
    ("june 5, sorry I mean june 6, 1983", date(1983, 6, 6)),
])
def test_a_date_said_twice_or_in_two_languages_is_read_in_either_language(text, expected):
    # Spanish month names are read in an English conversation, and English ones in a Spanish one
    assert readings(text, "en") == readings(text, "es") == (expected,)


@pytest.mark.parametrize("text, first, second", [
    ("3 de marzo, march 4, 1985", date(1985, 3, 3), date(1985, 3, 4)),
    ("June 5 1983, or maybe June 15, 1983", date(1983, 6, 5), date(1983, 6, 15)),
    ("el 2 de enero o el 12 de enero de 1990", date(1990, 1, 2), date(1990, 1, 12)),
])
def test_two_different_dates_in_one_answer_are_both_offered(text, first, second):
    assert readings(text, "en") == readings(text, "es") == (first, second)


@pytest.mark.parametrize("text", [
    "november 2nd",  # no year
    "5 de junio 1983, 5 de junio 1984",  # two years: which one?
    "june 5 or june 6 or june 7, 1983",  # three dates
    "it may be 1983",
])
def test_no_whole_date_said_twice(text):
    assert readings(text, "en") == readings(text, "es") == ()


def test_a_date_said_twice_that_does_not_exist_says_why():
    assert read_dob("31 de febrero, february 31, 1990", "en", today=TODAY) == \
        DateAnswer(problem="no_such_day", year=1990, month=2, day=31)


# --- "is the month first or the day first?" --------------------------------------------------

@pytest.mark.parametrize("text", [
    "is the month first or the day first? it's november 2nd", "month first or day first?",
    "do you put the day before the month?", "what format do you want?", "mm/dd or dd/mm?", "day first?",
    "¿va primero el mes o el día?", "¿primero el día o el mes?", "el mes va antes que el dia?",
    "¿en qué formato?", "¿cómo la escribo, día/mes/año?", "¿el día va primero?",
])
def test_a_question_about_the_order_of_the_date(text):
    assert asks_order(text)


@pytest.mark.parametrize("text", [
    "5 de junio 1983", "first of june 1983", "born the first day of the month, june 1983", "no se el dia ni el mes",
    "the day is the 2nd, month november", "May first, 1985", "el primero de mayo",
])
def test_a_date_is_not_a_question_about_its_order(text):
    assert not asks_order(text)


@pytest.mark.parametrize("text", ["no se su fecha, que hago con la orden de proteccion?",
                                  "how do I get a protective order, i dont know his birthday",
                                  "what order of protection do I need, I don't know his date of birth"])
def test_a_question_about_an_order_of_protection_is_not_about_the_dates_order(text):
    assert not asks_order(text)
