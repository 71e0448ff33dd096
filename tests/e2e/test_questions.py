"""Questions asked in the middle of a sign-up, with the running assistant, in English and Spanish
(issue 9, item 1): the question is answered, the same question comes again and nothing is stored;
"forget it" leaves with nothing stored; a name given with a date of birth or an A-number keeps both.
The messages are the issue's own examples, from conversations held with the assistant."""

from __future__ import annotations

import pytest

from bot.messages import render

EN, ES = "en", "es"


def text_of(key: str, lang: str) -> str:
    return render(key, lang)["text"]


SIGN_UP = {EN: ["ICE has him now and they are going to deport him", "yes"],
           ES: ["lo tiene la migra y lo van a deportar", "sí"]}
ASIDES = {
    # (message, FAQ answer) asked at "What is the person's full name?"
    EN: [("wait what is VINE?", "faq_vine"), ("will he know I signed up?", "faq_anonymity"),
         ("will my mom see the texts?", "faq_contact"),
         ("if i sign up can they deport me?", "faq_immigration")],
    ES: [("espera, ¿qué es VINE?", "faq_vine"), ("¿el agresor se va a enterar?", "faq_anonymity"),
         ("¿mi mamá va a ver los mensajes?", "faq_contact"),
         ("si me inscribo, ¿me pueden deportar a mí?", "faq_immigration")],
}
NAME_AND_DOB = {EN: ("Joseph Hernandez Ortega, born March 3, 1985", "Joseph Hernandez Ortega"),
                ES: ("José Luis Hernández Ortega, nació el 3 de marzo de 1985", "José Luis Hernández Ortega")}
FORGET = {EN: "actually no… forget it", ES: "no… olvídalo"}


@pytest.mark.parametrize("lang", [EN, ES])
def test_questions_in_the_form_are_answered_then_forget_it_stores_nothing(assistant, sender, lang):
    for message in SIGN_UP[lang]:
        replies = assistant.texts(sender, message)
    assert text_of("ask_offender_name", lang) in replies
    for message, key in ASIDES[lang]:
        replies = assistant.texts(sender, message)
        assert text_of(key, lang) in replies, message
        assert replies.endswith(text_of("ask_offender_name", lang)), message  # the same question again
        slots = assistant.slots(sender)
        assert slots["offender_name"] is None and slots["requested_slot"] == "offender_name", message
    # the name and the date of birth in one message: both kept, the next question is the country
    message, name = NAME_AND_DOB[lang]
    replies = assistant.texts(sender, message)
    assert text_of("ask_offender_country", lang) in replies
    slots = assistant.slots(sender)
    assert (slots["offender_name"], slots["offender_dob"]) == (name, "1985-03-03")
    # "forget it" leaves the sign-up, politely, and nothing is kept (the classifier may read it as a
    # cancel, whose rule says the same: cancelled, nothing saved)
    replies = assistant.texts(sender, FORGET[lang])
    assert text_of("form_left", lang) in replies or text_of("registration_cancelled", lang) in replies
    tracker = assistant.tracker(sender)
    assert not (tracker.get("active_loop") or {}).get("name")
    assert all(tracker["slots"][slot] is None for slot in ("offender_name", "offender_dob", "requested_slot",
                                                           "registering"))
    listing = assistant.texts(sender, {EN: "my subscriptions", ES: "mis suscripciones"}[lang])
    assert text_of("no_subscriptions", lang) in listing


A_NUMBER = {EN: "Carlos Mendoza Rivas, A-number 123456789", ES: "Carlos Mendoza Rivas, número A 123456789"}


@pytest.mark.parametrize("lang", [EN, ES])
def test_a_name_with_an_a_number_keeps_both(assistant, sender, lang):
    for message in SIGN_UP[lang]:
        assistant.say(sender, message)
    replies = assistant.texts(sender, A_NUMBER[lang])
    assert text_of("ask_offender_dob", lang) in replies
    slots = assistant.slots(sender)
    assert slots["offender_name"] == "Carlos Mendoza Rivas"
    assert slots["offender_ref"] == {"name": "Carlos Mendoza Rivas", "number": "A123456789"}


OUTSIDE = {
    # asked before any sign-up: answered, and no form starts ("who can see my phone number?" started the
    # contact form before)
    EN: [("who can see my phone number?", "faq_contact"), ("is this free?", "faq_cost")],
    ES: [("¿quién puede ver mi número de teléfono?", "faq_contact"),
         ("¿el agresor se va a enterar?", "faq_anonymity")],
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_questions_outside_a_form_are_answered(assistant, sender, lang):
    for message, key in OUTSIDE[lang]:
        replies = assistant.texts(sender, message)
        assert text_of(key, lang) in replies, message
        tracker = assistant.tracker(sender)
        assert not (tracker.get("active_loop") or {}).get("name"), message
        assert tracker["slots"]["language"] == lang


CONFUSED = {EN: ["wdym", "Not sure what you mean, sorry"], ES: ["q?? no entiendo", "perdón, ¿cómo?"]}


@pytest.mark.parametrize("lang", [EN, ES])
def test_not_understanding_the_question_gets_it_explained_and_asked_again(assistant, sender, lang):
    # Issue 9, listening: not the status-message explanation, not "I didn't understand".
    for message in SIGN_UP[lang]:
        assistant.say(sender, message)
    for message in CONFUSED[lang]:
        replies = assistant.texts(sender, message)
        assert text_of("clarify_offender_name", lang) in replies, message
        assert replies.endswith(text_of("ask_offender_name", lang)), message
        assert text_of("status_none_to_explain", lang) not in replies, message
        assert assistant.slots(sender)["requested_slot"] == "offender_name"


NEW_ASIDES = {
    # (message, FAQ answer) asked at "What is the person's full name?": one per topic added in issue 9's
    # listening round (this service and the official programs, changing the contact later, what one does
    # not have to do, someone else too), and the widened "which events" and "will he know"
    EN: [("is this the same thing as VINE?", "faq_separate"),
         ("what happens if I change my number later", "faq_change_later"),
         ("do i have to go to court for this", "faq_no_obligation"),
         ("Can I register my roommate too?", "faq_others"),
         ("Will it tell me if he dies in there?", "faq_messages"),
         ("will he get some kind of message saying i signed up", "faq_anonymity")],
    ES: [("¿Y eso es el VINE ese que me dijeron en la fiscalía?", "faq_separate"),
         ("y si me mudo o cambio el número después?", "faq_change_later"),
         ("¿me van a pedir que vaya a testificar otra vez?", "faq_no_obligation"),
         ("¿Se puede registrar a mi mamá también?", "faq_others"),
         ("¿Me avisan también si lo trasladan a otra prisión?", "faq_messages"),
         ("el va a poder ver mi numero o donde vivo?", "faq_anonymity")],
}


@pytest.mark.parametrize("lang,index", [(lang, i) for lang in (EN, ES) for i in range(len(NEW_ASIDES[EN]))])
def test_new_asides_in_the_form_are_answered_and_the_question_asked_again(assistant, sender, lang, index):
    message, key = NEW_ASIDES[lang][index]
    for said in SIGN_UP[lang]:
        replies = assistant.texts(sender, said)
    assert text_of("ask_offender_name", lang) in replies
    replies = assistant.texts(sender, message)
    assert text_of(key, lang) in replies, message
    assert replies.endswith(text_of("ask_offender_name", lang)), message
    slots = assistant.slots(sender)
    assert slots["offender_name"] is None and slots["requested_slot"] == "offender_name", message
