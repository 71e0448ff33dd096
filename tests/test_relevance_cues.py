"""Cues that a message with custody words is about the person who did harm (bot/nlu/relevance.py).

The relevance classifier decides most messages; these cues decide the ones that name the harm or the
fear outright, so a request is never answered as a mere mention of custody."""

from __future__ import annotations

import pytest

from bot.nlu.relevance import names_harm


@pytest.mark.parametrize("text,about_him", [
    ("the sheriff arrested my husband for choking me", True),
    ("el que abusó de mi hija está en la cárcel del condado", True),
    ("my abuser is at the county jail", True),
    ("mi agresor está preso en Huntsville", True),
    ("ahorita no estoy en peligro pero tengo mucho miedo, sale de la cárcel la semana que viene", True),
    ("I'm terrified, he gets out of county on Friday", True),
    ("she's at the women's prison after she nearly drowned the baby", True),
    ("el que empujó a mi mamá por las escaleras está en la cárcel", True),
    ("he kicked my dog and now he's in county", True),
    ("Parchman. my husband's murderer is there and I need to know about parole", True),
    ("el asesino de mi hijo está en Parchman, quiero saber si le dan la libertad", True),
    ("the killer of my daughter is up for parole", True),
    ("my son wants to watch a show about a serial killer in prison", False),
    # the writer's own matters or a loved one: no cue
    ("I have my ICE check-in next week and I'm scared they keep me there", False),
    ("my son is in federal prison, how do I send him money", False),
    ("mi hermano sale de la cárcel el viernes, a qué hora lo puedo recoger", False),
    ("what are the visiting hours at the county jail", False),
])
def test_named_harm_or_fear_of_his_release(text, about_him):
    assert names_harm(text) is about_him


@pytest.mark.parametrize("text,about_him", [
    # someone writing for another person, or about a stalker under an order: custody words are about him
    ("Her ex is in ICE detention at Prairieland in Alvarado. He beat her in Fort Worth", True),
    ("su agresor está en la cárcel del condado, ella quiere saber cuándo sale", True),
    ("tengo un acosador con orden de alejamiento, está en probation en Boise", True),
    ("he has a protective order against him and he's out on bond", True),
    # still not about someone who did harm
    ("the police beat them at the protest, is that legal", False),
    ("can I get a restraining order against my landlord", False),
])
def test_harm_told_by_someone_else_or_an_order_against_him(text, about_him):
    assert names_harm(text) is about_him


@pytest.mark.parametrize("text", ["mi apá está en Parchman, él me hizo cosas de chiquita",
                                  "my uncle did things to me when I was small, he's at Menard now"])
def test_harm_said_as_things_done_to_me(text):
    assert names_harm(text)
