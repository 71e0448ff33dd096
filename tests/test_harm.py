"""What happened, read from the person's words (bot/harm.py), in English and Spanish; sentences written
for these tests."""

from __future__ import annotations

import pytest

from bot import harm


@pytest.mark.parametrize("text,found", [
    ("he raped me two years ago and now he's getting out", ("sexual_assault",)),
    ("mi ex me violó y ahora está en la cárcel del condado", ("sexual_assault",)),
    ("violó la orden de protección otra vez", ()),  # violating an order is not a rape
    ("the man who sold my daughter online is in federal prison", ("trafficking",)),
    ("me obligaban a trabajar sin pagarme, era trata de personas", ("trafficking",)),
    ("he's in for drug trafficking, he robbed me", ()),  # drugs are trafficked too
    ("he sold my car and took the money", ()),  # a car is not a person
    ("my daughter was murdered and the man who did it gets out next month", ("homicide",)),
    ("el hombre que mató a mi hijo sale el lunes", ("homicide",)),
    ("my stepdad abused me when i was 9", ("child_abuse",)),
    ("im 15 and my mom's boyfriend is getting out", ("child_abuse",)),
    ("abusaba de mi hija de 6 años", ("child_abuse",)),
    ("i keep thinking about killing myself", ("self_harm",)),
    ("i want to kill myself when he gets out", ("self_harm",)),
    ("ya no quiero vivir", ("self_harm",)),
    ("I'm Native and my ex beat me, he's at the tribal jail", ("native",)),
    ("soy indígena y mi pareja me golpeaba", ("native",)),
    ("he is in county jail in Texas", ()),
])
def test_the_harm_named(text, found):
    assert harm.harms(text) == found


def test_several_harms_in_order_thoughts_of_suicide_first():
    found = harm.harms("he raped me and I'm Native. I don't want to live")
    assert found == ("self_harm", "sexual_assault", "native")
    assert harm.hotline_keys(("native", "sexual_assault")) == ["sexual_assault", "native"]
    assert harm.hotline_keys(()) == ["ndvh"]


@pytest.mark.parametrize("text,lang,loved_one", [
    ("my daughter was murdered", "en", "daughter"),
    ("mataron a mi tía en 2019", "es", "tía"),
    ("mataron a mi hija", "en", None),  # the reply's language is not the message's: no word borrowed
    ("someone killed him", "en", None),
])
def test_the_loved_one_named(text, lang, loved_one):
    assert harm.loved_one(text, lang) == loved_one


@pytest.mark.parametrize("text,asks", [
    ("CAN I JUST CALL SOMEBODY", True),
    ("can I talk to a person", True),
    ("is there someone i can call", True),
    ("puedo hablar con alguien", True),
    ("¿Puedo hablar con una persona real?", True),
    ("a quién puedo llamar", True),
    ("he is in the county jail", False),
    ("/human_handoff", False),
])
def test_asking_for_a_person(text, asks):
    assert harm.asks_for_a_person(text) is asks
