"""bot/faq.py: which FAQ topic a message asks about, whether it is a question, and whether the person
wants to leave the sign-up, in English and Spanish (SMS spelling, no accents, capitals)."""

from __future__ import annotations

import pytest

from bot import faq

TOPICS = [
    # the examples of issue 9, then other ways to ask each topic
    ("wait what is VINE?", ["vine"]),
    ("will he know I signed up?", ["anonymity"]),
    ("¿el agresor se va a enterar?", ["anonymity"]),
    ("si me inscribo, ¿me pueden deportar a mí?", ["immigration"]),
    ("will my mom see the texts?", ["contact"]),
    ("who can see my phone number?", ["contact"]),
    ("q es vine", ["vine"]),
    ("VINE?", ["vine"]),                              # a bare program name asked as a question
    ("whats VNS", ["vns"]),
    ("que es el vnp", ["vnp"]),
    ("WILL HE FIND OUT", ["anonymity"]),
    ("es anonimo?", ["anonymity"]),
    ("can i get deported for this", ["immigration"]),
    ("no tengo papeles", ["immigration"]),
    ("quien ve mi numero", ["contact"]),
    ("mi esposo puede leer los mensajes?", ["contact"]),
    ("is it free", ["cost"]),
    ("cuanto cuesta", ["cost"]),
    ("how do i stop the messages later", ["stop"]),
    ("como me doy de baja", ["stop"]),
    ("what kind of messages will i get", ["messages"]),
    ("que tipo de avisos voy a recibir", ["messages"]),
    ("what is vine and is it free?", ["vine", "cost"]),  # two topics, each answered
]


@pytest.mark.parametrize("text,expected", TOPICS)
def test_topics(text, expected):
    assert faq.topics(text) == expected


@pytest.mark.parametrize("text", [
    "John Price",                      # a surname, not a cost
    "Will Smith",
    "i want him deported",             # the offender's deportation is triage, not the person's status
    "no tiene papeles",                # his papers, not hers
    "ICE has him",
    "Harris County Jail",
    "lo vi en vine, esta en harris",   # VINE named in an answer, not asked about
    "José Luis Hernández Ortega",
])
def test_answers_are_not_topics(text):
    assert faq.topics(text) == []


@pytest.mark.parametrize("text,question", [
    ("wait, what's a booking number?", True),
    ("¿qué es un número de registro?", True),
    ("¿y eso para qué?", True),
    ("can I do this later", True),
    ("Will Smith", False),             # "will" with no subject after it
    ("¿¿??", False),                   # no words: a bad answer, re-asked with the form's example
    ("Texas?", False),                 # an unsure answer is still an answer
    ("Juan Pérez", False),
    ("como le dije se llama Juan", False),  # unaccented "como" is not "cómo"
])
def test_is_question(text, question):
    assert faq.is_question(text) is question


@pytest.mark.parametrize("text,leave", [
    ("actually no… forget it", True),
    ("never mind", True),
    ("nvm", True),
    ("i dont want to do this anymore", True),
    ("olvídalo", True),
    ("no, olvidelo", True),
    ("ya no quiero", True),
    ("YA NO QUIERO INSCRIBIRME", True),
    ("never mind the name, his number is 12345", False),  # a correction, not a goodbye
    ("ya no está en la cárcel", False),
    ("NM", False),                                        # New Mexico
    ("i forgot", False),                                  # "I don't know", handled by the forms
])
def test_wants_to_leave(text, leave):
    assert faq.wants_to_leave(text) is leave


@pytest.mark.parametrize("text", [
    "Why do you need that", "why do you want my number?", "what do you need my email for", "why?",
    "para qué quiere mi número", "¿por qué necesitan mi correo?", "¿para qué lo ocupan?", "por qué?",
])
def test_asks_why_contact(text):
    assert faq.asks_why_contact(text)


@pytest.mark.parametrize("text", ["202-555-0143", "text please", "maria@example.com", "por correo", "why not"])
def test_asks_why_contact_not_for_answers(text):
    assert not faq.asks_why_contact(text)
