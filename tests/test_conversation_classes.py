"""Classes of failures read in the thirteenth conversation suite (2026-12-08), in both languages, with sentences
written for these tests: offender numbers in the forms people type them, questions in the middle of a sign-up
that had no answer (signing up for a relative, ICE, papers, a protective order, he comes near, a release, which
events each sign-up covers, who holds him, what VINE is), putting the sign-up off ("later"), and a person who
says help has come and wants the messages after a danger answer."""

from __future__ import annotations

import pytest

from bot import faq
from bot.messages import render
from bot.validators import parse_offender_ref
from tests.test_intent_checks import _intent_read


# --- offender numbers: spaced, dashed, under a label, after a sentence about oneself ------------------------

@pytest.mark.parametrize("text,number", [
    ("his DOC number is 4 4 1 9 0 2", "441902"),
    ("inmate no. 55 12 78", "551278"),
    ("TDCJ # 0219 8830", "02198830"),
    ("booking number 2024 118203", "2024118203"),
    ("7 7 3 1 0 4", "773104"),
    ("CDCR: K 512 330", "K512330"),
    ("i'd rather not write his name. the reg number is 40127-058", "40127-058"),
    ("I can't say his name, sorry. His BOP register number is 11482-104", "11482-104"),
    ("su número de recluso es 6 0 2 2 1 8", "602218"),
    ("número de booking: 2023 550917", "2023550917"),
    ("no quiero escribir su nombre. su número del TDCJ es 02234519", "02234519"),
    ("prefiero no poner el nombre. el número de registro es 30981-279", "30981-279"),
])
def test_offender_numbers_in_the_forms_people_type_them(text, number):
    assert parse_offender_ref(text) == {"name": None, "number": number}


@pytest.mark.parametrize("text", [
    "sorry im shaking i cant do this right now",
    "i dont know his number",
    "no sé su número, lo siento",
])
def test_a_sentence_about_oneself_without_a_number_is_still_no_answer(text):
    assert parse_offender_ref(text) is None


@pytest.mark.parametrize("text,name", [("Jose Luis Ortega", "Jose Luis Ortega"), ("darnell webb", "Darnell Webb")])
def test_names_are_untouched(text, name):
    assert parse_offender_ref(text) == {"name": name, "number": None}


# --- questions in the middle of a sign-up ----------------------------------------------------------------------

ASIDES = [
    # signing up for a relative, on their behalf: anyone can, nothing is signed
    ("is it alright if i do this for my mom? she's the real victim", "on_behalf"),
    ("My brother is the one he hurt, is it ok if I sign up for him?", "on_behalf"),
    ("can I register on behalf of my grandmother?", "on_behalf"),
    ("does my husband need to sign anything or can I fill it out for him?", "on_behalf"),
    ("Mi papá es la víctima, ¿lo puedo hacer yo en su nombre?", "on_behalf"),
    ("la víctima es mi hermana, ¿está bien si me registro yo?", "on_behalf"),
    ("¿tiene que firmar mi esposo o puedo hacerlo yo por él?", "on_behalf"),
    # ICE: this service is not ICE and does not share with it
    ("do you guys work with immigration?", "not_ice"),
    ("will you share my number with ICE?", "not_ice"),
    ("ustedes le pasan mis datos a la migra?", "not_ice"),
    ("¿ustedes colaboran con inmigración?", "not_ice"),
    # papers: the person's own status is never asked
    ("do I need papers to sign up? I don't have any", "immigration"),
    ("¿necesito tener papeles para esto?", "immigration"),
    # a protective order to put here
    ("I have a restraining order too, can I add it here?", "protection_order"),
    ("tengo una orden de alejamiento, ¿la puedo poner aquí?", "protection_order"),
    # he comes near: 911
    ("if he shows up at my job do you tell me or do I call the cops?", "protection"),
    ("si viene a buscarme al trabajo, ¿ustedes me avisan o llamo a la policía?", "protection"),
    # a release, and he knows where they live
    ("and what if they let him out? he knows where we live", "messages"),
    ("and what if they let him out? he knows where we live", "safety_plan"),
    ("¿y si lo dejan salir? sabe dónde vivo", "messages"),
    ("¿y si lo dejan salir? sabe dónde vivo", "safety_plan"),
    # threats from jail, reported
    ("me amenazó desde la cárcel, eso lo puedo denunciar", "report_threat"),
    # which events each sign-up covers
    ("will i hear when he leaves county jail or only the ICE part?", "both_programs"),
    ("¿me avisan cuando salga de la cárcel del condado o nomás lo de inmigración?", "both_programs"),
    ("if they deport him to honduras do you tell me too or just if they release him?", "messages"),
    ("si lo deportan a Honduras ¿también me avisan?", "messages"),
    # who holds him: tribal police or federal
    ("is it the tribal police that has him or the feds?", "who_holds"),
    ("¿lo tiene la policía tribal o el FBI?", "who_holds"),
    # what VINE is, asked with "is it the state"
    ("what exactly is vinelink, is that the government?", "vine"),
    ("que es VINE exactamente, es del estado?", "vine"),
]


@pytest.mark.parametrize("text,topic", ASIDES)
def test_the_asides_name_their_topic(text, topic):
    assert topic in faq.topics(text)


def test_a_program_asked_about_is_not_a_question_about_this_chat():
    assert "who_we_are" not in faq.topics("what exactly is vinelink, is that the government?")
    assert faq.topics("are you guys the government? what is vine?") == ["who_we_are", "vine"]


@pytest.mark.parametrize("text,topic", [
    ("¿puedo inscribirme por mi hijo también?", "others"),  # a second sign-up, not one on someone's behalf
    ("can i also know if ice picks him up from the jail?", "messages"),
    ("does my restraining order still count if he gets out?", "report_threat"),
])
def test_neighbours_keep_their_topic(text, topic):
    assert topic in faq.topics(text)


@pytest.mark.parametrize("topic", ["on_behalf", "not_ice", "protection_order", "who_holds"])
def test_the_new_answers_exist_in_both_languages(topic):
    assert topic in faq.TOPICS
    en, es = render(f"faq_{topic}", "en")["text"], render(f"faq_{topic}", "es")["text"]
    assert en and es and en != es


def test_the_new_answers_say_what_matters():
    assert "sign" in render("faq_on_behalf", "en")["text"] and "firmar" in render("faq_on_behalf", "es")["text"]
    for lang in ("en", "es"):
        assert "ICE" in render("faq_not_ice", lang)["text"] and "1-800-799-7233" in render("faq_not_ice", lang)["text"]
        assert "911" in render("faq_protection_order", lang)["text"]
        assert "866-365-4968" in render("faq_who_holds", lang)["text"]


# --- putting the sign-up off ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,leaves", [
    ("later", True), ("not right now", True), ("another day", True), ("ok later then", True),
    ("maybe later", False), ("quizás luego", False),  # unclear, as at the read-back
    ("luego", True), ("mejor otro día", True), ("ahorita no", True), ("en otro momento", True),
    ("text me later", False), ("tomorrow at 5pm?", False), ("después de las 10 no", False),
    ("luego te digo el nombre, es Ramón Ibarra", False),
])
def test_putting_it_off_leaves(text, leaves):
    assert faq.wants_to_leave(text) is leaves


# --- help has come, and the person wants the messages ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "ok i called 911 and the police got here. i still want to sign up",
    "they arrested him, im safe now. sign me up please",
    "ya vino la patrulla y se lo llevaron. sí quiero que me avisen",
    "ya estoy a salvo, ya llegaron los policías. quiero inscribirme",
])
def test_help_came_and_wants_the_messages_goes_on_to_the_sign_up(text):
    assert _intent_read(text, "crisis", kind="violence", answered=True, sure=True) == "request_notification"


@pytest.mark.parametrize("text", [
    "the police came but he's still outside, sign me up",
    "ya llegó la patrulla pero él sigue afuera con una pistola, quiero que me avisen",
    "he is banging on the door",
])
def test_danger_going_on_keeps_the_crisis_answer(text):
    assert _intent_read(text, "crisis", kind="violence", answered=True, sure=True) == "crisis"


# --- a question at the sign-up offer read as a request about one's sign-ups -----------------------------------

@pytest.mark.parametrize("text", [
    "Is it ok that I'm the one registering and not my grandma? She's who he robbed.",
    "¿Hay problema si me registro yo y no mi mamá? Ella es la víctima.",
])
def test_a_question_at_the_offer_is_answered_not_a_contact_change(text):
    assert _intent_read(text, "change_contact", question="offer") == "ask_faq"
