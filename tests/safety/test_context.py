"""A message read as the answer to the question the conversation has open (bot/safety/context.py, issue 9):
plain answers are not danger on the classifier's word alone; danger still is, at every question."""

from __future__ import annotations

import itertools

import pytest

from bot.safety import context, gate
from bot.safety.model import assess

_ids = itertools.count()


@pytest.mark.parametrize("question,text", [
    ("quiet_hours", "Please nothing before 8 in the morning or after 9 in the evening."),
    ("quiet_hours", "despues de las 12 de la noche no"),
    ("quiet_hours", "nada antes de las 7 de la mañana ni despues de las 10 de la noche"),
    ("offer", "y"),
    ("confirm", "Sí, todo bien, Dios le pague"),
    ("contact_channel", "aqui x texto"),
    ("contact_channel", "this chat please"),
    ("state", "PA"),
    ("offender_dob", "9/1/87"),
    ("offender_country", "Nicaragua"),
])
def test_plain_answers_to_the_open_question_are_read_as_answers(question, text):
    assert context.answers(question, text)
    assert not assess(text, question).danger or assess(text, question).by_pattern


@pytest.mark.parametrize("question", ["offer", "confirm", "custody", "offender_ref", "offender_name", "state",
                                      "facility", "offender_dob", "contact_channel", "quiet_hours"])
@pytest.mark.parametrize("text,kind", [
    ("he is breaking in right now", "violence"),
    ("está afuera de mi casa con una pistola", "violence"),
    ("ta aqui", "violence"),
    ("ta golpiando a la nena", "violence"),
    ("i want to die", "self_harm"),
    ("ya no quiero vivir", "self_harm"),
    ("tell my mom I'm sorry", "self_harm"),
    ("me corte y no para la sangre, es muy hondo", None),
    ("I took all my pills 20 minutes ago", None),
])
def test_danger_is_danger_whatever_was_asked(question, text, kind):
    found = assess(text, question)
    assert found.danger
    if kind:
        assert found.kind == kind


@pytest.mark.parametrize("text", ["Sí, ella me dijo que sí, está acá conmigo, ya quiere que le avisen",
                                  "yes please, she's sitting right next to me and she wants it"])
def test_a_yes_said_first_with_more_words_needs_a_surer_classifier(text):
    assert context.longer_answer("offer", text) and not context.longer_answer("offer", "no, " + text)


def test_a_longer_message_with_times_is_not_taken_for_quiet_hours():
    text = "he said he will be here at 9 tonight and he will kill me, he got out of the county jail at 5"
    assert not context.answers("quiet_hours", text)
    assert assess(text, "quiet_hours").danger


def test_the_open_question_is_remembered_per_conversation_and_forgotten():
    one, two = f"ctx-{next(_ids)}", f"ctx-{next(_ids)}"
    context.remember(one, context.question_of("registration_form", "quiet_hours", None))
    context.remember(two, context.question_of(None, None, "offered:vine"))
    assert context.asked(one) == "quiet_hours" and context.asked(two) == "offer"
    context.remember(one, context.question_of(None, None, None))
    assert context.asked(one) is None and context.asked(two) == "offer"
    assert context.question_of(None, None, "asked_custody") == "custody"


def test_the_gate_reads_a_message_with_the_open_question():
    sender = f"ctx-{next(_ids)}"
    context.remember(sender, "quiet_hours")
    assert gate.check(sender, "Please nothing before 8 in the morning or after 9 in the evening.") is None
    answer = gate.check(sender, "he is outside my door right now")
    assert answer and answer["texts"][0].split(".")[0].count("911")


@pytest.mark.parametrize("first,then,lang", [
    ("AYUDA el esta afuera de mi casa dando golpes en la puerta", "tengo a mi bebe aqui conmigo q hago", "es"),
    ("he is outside my door right now with a bat", "my baby is here with me what do i do", "en"),
])
def test_after_violence_a_follow_up_is_the_same_emergency_not_988(first, then, lang):
    sender = f"ctx-{next(_ids)}"
    assert gate.check(sender, first)["kind"] == "violence"
    again = gate.check(sender, then)
    if again is not None:  # not danger at all is also fine; 988 is not
        assert again["kind"] == "violence" and "988" not in again["texts"][0]


@pytest.mark.parametrize("text", ["no me voy a hacer nada ahorita, nomas estoy bien cansada de todo",
                                  "im not gonna hurt myself right now, just so tired of everything"])
def test_not_hurting_oneself_only_for_now_is_answered_with_988(text):
    from bot.safety.model import assess

    assert assess(text).kind == "self_harm"


@pytest.mark.parametrize("text", [
    "A mi hermano lo mataron en marzo saliendo del trabajo en Stockton. Al que lo hizo lo tienen en la cárcel del "
    "condado y nadie me dice nada del juicio. No como, no duermo. A veces pienso para qué sigo aquí.",
    "My daughter was killed by her boyfriend in Dayton last spring. He's in the county jail waiting on trial and "
    "the DA never calls back. I don't eat. Some nights I wonder why I'm even still here.",
])
def test_a_long_story_ending_in_thoughts_of_not_being_here_gets_988(text):
    from bot.safety.model import assess

    assert assess(text).kind == "self_harm"


@pytest.mark.parametrize("text,kind", [
    ("why am i here? i got a letter with this link", None),
    ("¿por qué estoy aquí? me mandaron un enlace", None),
    ("why am I still alive after what he did", "self_harm"),
])
def test_wondering_why_one_is_here_is_not_thoughts_of_suicide_but_still_alive_is(text, kind):
    from bot.nlu.text import normalize
    from bot.safety.model import pattern_kind

    assert pattern_kind(normalize(text)) == kind


@pytest.mark.parametrize("question, text", [
    ("offender_ref", "Ay, el numero lo tengo en la casa de mi mama"),
    ("facility", "ahorita no sé cuál, antes estaba en la de la calle 8"),
])
def test_a_sentence_written_inside_the_form_needs_a_surer_classifier(question, text):
    # the sign-up goes on: no 911 or 988 answer for a remark made while a name or a place was asked
    assert context.form_sentence(question, text) and not assess(text, question).danger
    # the same words with nothing asked, or at the offer, are read at the usual threshold
    assert not context.form_sentence(None, text) and not context.form_sentence("offer", text)


@pytest.mark.parametrize("question, text", [
    ("offender_ref", "he is outside my door right now with a gun"),
    ("quiet_hours", "ya no quiero vivir, me voy a tomar las pastillas"),
    ("confirm", "I just took all my pills, I'm sorry"),
    ("offender_name", "no se su nombre, ya no quiero seguir con esto, estoy muy cansada"),
    ("offender_ref", "i dont know his name and honestly i cant do this anymore"),
    # leaning towards thoughts of suicide: the usual threshold at any question (read in dev sets' danger)
    ("offender_ref", "Is there a painless way. asking for me"),
    # a short answer to a free-text question: the classifier at 0.7
    ("offender_ref", "cant do this no more"),
    ("offender_name", "most painless way?? asking for me"),
    ("facility", "God forgive me but I cant keep doing this"),
    # a longer message that also parses as the answer ("no me importa" = no quiet hours)
    ("quiet_hours", "ya no me importa nada, ni siquiera tengo miedo. solo quiero dormir para siempre"),
    ("quiet_hours", "deported or not doesnt matter anymore, i wont be here to see it"),
])
def test_danger_inside_the_form_is_still_danger(question, text):
    assert assess(text, question).danger
