"""Whole conversations with the running assistant over the REST channel, in English and Spanish.

Each test is a user path; the slots that other tools rely on (program, state, language) are read
back through Rasa's HTTP API with a JWT, as an operator's tool would.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from bot.messages import render

EN, ES = "en", "es"


@lru_cache(maxsize=1)
def _domain() -> dict:
    return yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())["responses"]


def domain_text(response: str, lang: str) -> str:
    """The text of a domain response in one language."""
    for variation in _domain()[response]:
        conditions = {c["name"]: c["value"] for c in variation.get("condition") or []}
        if conditions.get("language", EN) == lang:
            return variation["text"]
    raise KeyError(response)


def said(texts: str, key: str, lang: str, **values) -> bool:
    """Whether the catalog message `key` was in the replies: its longest fixed part (up to 60
    characters) between the blanks, which the action fills."""
    blanks = {name: "\x00" for name in values}
    parts = [p.strip() for p in render(key, lang, **blanks)["text"].split("\x00")]
    return max(parts, key=len)[:60] in texts


TRIAGE = [
    # (language, messages, program, also, state, message key that must be said)
    (EN, ["my ex is locked up in harris county jail"], "vine", None, "TX", "program_vine"),
    (ES, ["mi ex está encerrado en la cárcel del condado de harris"], "vine", None, "TX", "program_vine"),
    (EN, ["the FBI arrested him and hes in a federal prison in colorado"], "vns", None, "CO", "program_vns"),
    (ES, ["lo arrestó el FBI y está en una prisión federal en colorado"], "vns", None, "CO", "program_vns"),
    (EN, ["ICE has him now and they are going to deport him"], "vnp", None, None, "program_vnp"),
    (ES, ["lo tiene la migra y lo van a deportar"], "vnp", None, None, "program_vnp"),
    # two programs: state prison now, ICE next, so ICE's program leads (issue 8)
    (EN, ["he is in state prison in ohio and after that ICE will deport him"], "vnp", "vine", "OH", "two_programs"),
    (ES, ["está en la prisión estatal de ohio y después lo va a deportar ICE"], "vnp", "vine", "OH", "two_programs"),
    # custody that changed hands: the current custodian decides
    (EN, ["my attacker is in removal proceedings after completing his jail sentence in colorado"], "vnp", None, "CO",
     "program_vnp"),
    (ES, ["terminó su condena en la cárcel de colorado y ahora está en proceso de deportación"], "vnp", None, "CO",
     "program_vnp"),
    # past abuse told with the custody facts is not a present danger: the person gets the program
    (EN, ["my ex used to choke me, now he is held at the travis county jail"], "vine", None, "TX", "program_vine"),
    (ES, ["mi ex me violaba, ahora está preso en la cárcel del condado de travis"], "vine", None, "TX",
     "program_vine"),
    (EN, ["the man who abused me is in ICE detention now"], "vnp", None, None, "program_vnp"),
    (ES, ["el que me golpeaba está detenido por inmigración"], "vnp", None, None, "program_vnp"),
    # the facts arrive over two turns, the second answering "state or federal?"
    (EN, ["he's in prison in arizona", "federal"], "vns", None, "AZ", "program_vns"),
    (ES, ["está preso en arizona", "es federal"], "vns", None, "AZ", "program_vns"),
]


@pytest.mark.parametrize("lang,messages,program,also,state,key", TRIAGE)
def test_triage_finds_the_program(assistant, sender, lang, messages, program, also, state, key):
    replies = "\n".join(assistant.texts(sender, m) for m in messages)
    assert said(replies, key, lang)
    assert said(replies, "safety_line", lang)  # program pages carry the safety line
    slots = assistant.slots(sender)
    assert (slots["program"], slots["also_program"], slots["state"], slots["language"]) == (program, also, state, lang)


@pytest.mark.parametrize("lang,about_him,custody", [
    (EN, "the man who sold my daughter online", "it went to federal court in Las Vegas"),
    (ES, "el hombre que abusó de mi hija por internet", "se fue a la corte federal de Las Vegas"),
])
def test_a_message_about_him_makes_later_custody_words_count(assistant, sender, lang, about_him, custody):
    # The first message has no custody word: the assistant asks where he is instead of refusing.
    first = assistant.texts(sender, about_him)
    assert said(first, "ask_custody", lang)
    assert assistant.slots(sender)["about_offender"] is True
    # The answer names custody in passing (the relevance classifier alone would call it a mention).
    assistant.texts(sender, custody)
    slots = assistant.slots(sender)
    assert (slots["program"], slots["state"], slots["language"]) == ("vns", "NV", lang)


@pytest.mark.parametrize("lang,first,unsure", [(EN, "he is in prison", "i don't know"), (ES, "está en la prisión", "no sé")])
def test_unclear_custody_asks_then_helps_with_i_dont_know(assistant, sender, lang, first, unsure):
    assert said(assistant.texts(sender, first), "ask_state_or_federal", lang)
    replies = assistant.texts(sender, unsure)
    assert said(replies, "dont_know_custody", lang)
    assert "vinelink.vineapps.com" in replies and "866-365-4968" in replies
    assert assistant.slots(sender)["program"] is None


@pytest.mark.parametrize("lang,message", [(EN, "he's outside my door right now and he has a gun"),
                                          (ES, "está afuera de mi casa y me va a matar")])
def test_danger_gets_911_first_and_sets_no_program(assistant, sender, lang, message):
    replies = assistant.say(sender, message)
    assert "911" in replies[0]["text"]
    assert "1-800-799-7233" in replies[0]["text"]
    slots = assistant.slots(sender)
    assert slots["program"] is None and slots["language"] == lang


@pytest.mark.parametrize("lang,switch,other", [(EN, "español por favor", ES), (ES, "in English please", EN)])
def test_language_switch(assistant, sender, lang, switch, other):
    opening = {EN: "hello, I need help with notifications", ES: "hola, necesito ayuda con los avisos"}[lang]
    assistant.say(sender, opening)
    assert assistant.slots(sender)["language"] == lang
    assert domain_text("utter_language_switched", other) in assistant.texts(sender, switch)
    assert assistant.slots(sender)["language"] == other
    # the next reply comes in the new language, whatever language the question is asked in
    replies = assistant.texts(sender, "what can you do?" if lang == EN else "¿qué puedes hacer?")
    assert domain_text("utter_help", other)[:50] in replies


REGISTRATION = {
    EN: ["my ex is in the county jail in houston texas", "yes", "Marcus Doe", "not sure", "this chat", "no"],
    ES: ["mi ex está en la cárcel del condado en houston texas", "sí", "Marcos Pérez", "no sé", "este chat", "no"],
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_registration_with_a_correction_on_this_chat(assistant, sender, lang):
    for message in REGISTRATION[lang]:
        replies = assistant.texts(sender, message)
    assert said(replies, "summary", lang, summary="")
    assert {EN: "Marcus Doe", ES: "Marcos Pérez"}[lang] in replies
    # correct one field from the summary, then confirm
    replies = assistant.texts(sender, {EN: "change the name", ES: "cambiar el nombre"}[lang])
    assert render("ask_offender_ref", lang)["text"] in replies
    replies = assistant.texts(sender, {EN: "Marcus A. Doe", ES: "Marcos A. Pérez"}[lang])
    assert {EN: "Marcus A. Doe", ES: "Marcos A. Pérez"}[lang] in replies
    replies = assistant.texts(sender, {EN: "yes", ES: "sí"}[lang])
    assert said(replies, "subscribed", lang, offender="", contact="")
    listing = assistant.texts(sender, {EN: "what am I signed up for?", ES: "¿a qué estoy inscrita?"}[lang])
    assert {EN: "Marcus A. Doe", ES: "Marcos A. Pérez"}[lang] in listing
    news = assistant.texts(sender, {EN: "any news?", ES: "¿hay noticias?"}[lang])
    assert {EN: "no updates yet", ES: "todavía no hay novedades"}[lang] in news
    cancelled = assistant.texts(sender, {EN: "cancel my subscription", ES: "cancela mi suscripción"}[lang])
    # one subscription: named in the reply (issue 9)
    assert said(cancelled, "subscription_cancelled_one", lang, subscription="")
    assert {EN: "Marcus A. Doe", ES: "Marcos A. Pérez"}[lang] in cancelled
    assert said(assistant.texts(sender, {EN: "show my subscriptions", ES: "mis suscripciones"}[lang]), "no_subscriptions", lang)


VNP_DATES = {
    # the date reads both ways: asked once, answered in words; then the date alone is changed from the menu
    EN: ["ICE has him now and they are going to deport him", "yes", "Juan Perez", "12/07/1990", "July 12",
         "Mexico", "this chat", "no", "change something", "the date of birth", "07/25/1990", "yes"],
    ES: ["lo tiene la migra y lo van a deportar", "sí", "Juan Pérez", "12/07/1990", "el 12 de julio",
         "México", "este chat", "no", "quiero cambiar algo", "la fecha de nacimiento", "25/07/1990", "sí"],
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_a_date_of_birth_asked_once_read_back_in_words_and_changed_alone(assistant, sender, lang):
    messages = VNP_DATES[lang]
    for message in messages[:3]:
        assistant.say(sender, message)
    [question] = assistant.say(sender, messages[3])
    assert question["text"] == render("ask_offender_dob_choice", lang, **{
        EN: {"first": "December 7, 1990", "second": "July 12, 1990"},
        ES: {"first": "12 de julio de 1990", "second": "7 de diciembre de 1990"}}[lang])["text"]
    for message in messages[4:8]:
        replies = assistant.texts(sender, message)
    assert {EN: "Date of birth: July 12, 1990",
            ES: "Fecha de nacimiento: 12 de julio de 1990"}[lang] in replies
    menu = assistant.say(sender, messages[8])
    assert {EN: "Date of birth", ES: "Fecha de nacimiento"}[lang] in [b["title"] for b in menu[-1]["buttons"]]
    assert render("ask_offender_dob", lang)["text"] in assistant.texts(sender, messages[9])
    replies = assistant.texts(sender, messages[10])
    assert {EN: "Date of birth: July 25, 1990",
            ES: "Fecha de nacimiento: 25 de julio de 1990"}[lang] in replies
    assert {EN: "Person: Juan Perez", ES: "Persona: Juan Pérez"}[lang] in replies
    assert {EN: "Country of birth: Mexico", ES: "País de nacimiento: México"}[lang] in replies
    assert said(assistant.texts(sender, messages[11]), "subscribed", lang, offender="", contact="")


SMS_SIGNUP = {
    EN: ["the DEA arrested him, it's a federal case", "sign me up", "John Q Sample", "not sure", "text message",
         "(202) 555-0143", "10pm-7am", "yes"],
    ES: ["lo arrestó la DEA, es un caso federal", "quiero inscribirme", "Juan Q Muestra", "no sé", "mensaje de texto",
         "(202) 555-0143", "de 10pm a 7am", "sí"],
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_sms_contact_from_the_web_is_verified_with_a_code(assistant, sender, lang):
    for message in SMS_SIGNUP[lang]:
        replies = assistant.texts(sender, message)
    assert said(replies, "verification_sent", lang, contact="")
    code = re.search(r"\b(\d{6})\b", replies).group(1)  # shown only because BOT_DEV_MODE=1 here
    wrong = "000000" if code != "000000" else "111111"
    assert said(assistant.texts(sender, wrong), "code_wrong", lang, remaining=4, contact="")
    assert said(assistant.texts(sender, code), "verified", lang)
    listing = assistant.texts(sender, {EN: "my subscriptions", ES: "mis suscripciones"}[lang])
    assert "John Q Sample" in listing or "Juan Q Muestra" in listing
    assert "+1******0143" in listing  # the number is masked when read back


CODE_HELP = {  # at the code step: not received, what is it, wrong number (issue 9, item 4)
    EN: ["I didn't get any code", "what code?", "wrong number"],
    # A bare "no me llegó" is read as danger by the safety layer before Rasa (classifier 0.48 >= 0.4: "llegó"
    # is "he arrived" in its danger data), so it gets 911 first; the action tests cover it at the code step.
    ES: ["no me llegó el código", "QUE CÓDIGO? NO ENTIENDO", "el número está mal"],
}


def _dev_code(replies: str) -> str:
    return re.search(r"\b(\d{6})\b", replies).group(1)  # shown only because BOT_DEV_MODE=1 here


@pytest.mark.parametrize("lang,number,right", [(EN, "(202) 555-0171", "202-555-0181"),
                                               (ES, "(202) 555-0172", "202 555 0182")])
def test_the_code_step_is_not_a_dead_end(assistant, sender, lang, number, right):
    for message in SMS_SIGNUP[lang][:5] + [number] + SMS_SIGNUP[lang][6:]:
        replies = assistant.texts(sender, message)
    first = _dev_code(replies)
    masked, masked_right = f"+1******{number[-4:]}", f"+1******{right[-4:]}"
    ask_again = render("ask_verification_code", lang)["text"]
    not_received, what, doubt = CODE_HELP[lang]

    replies = assistant.texts(sender, not_received)
    assert said(replies, "code_resent", lang, by="", contact="") and masked in replies
    assert ask_again not in replies  # the answer says what to do; the question is not repeated
    second = _dev_code(replies)
    replies = assistant.texts(sender, what)
    assert said(replies, "code_explained", lang, by="", contact="") and masked in replies
    assert {EN: "by text message", ES: "por mensaje de texto"}[lang] in replies
    replies = assistant.texts(sender, doubt)
    assert said(replies, "code_contact_check", lang, by="", contact="") and masked in replies

    replies = assistant.texts(sender, right)
    assert said(replies, "code_resent", lang, by="", contact="") and masked_right in replies
    third = _dev_code(replies)
    for old in {first, second} - {third}:
        assert said(assistant.texts(sender, old), "code_wrong", lang, remaining="", contact="")
    assert said(assistant.texts(sender, third), "verified", lang)
    listing = assistant.texts(sender, {EN: "my subscriptions", ES: "mis suscripciones"}[lang])
    assert masked_right in listing and masked not in listing


@pytest.mark.parametrize("lang,cancel", [(EN, "cancel"), (ES, "cancelar")])
def test_cancel_in_the_middle_stores_nothing(assistant, sender, lang, cancel):
    for message in REGISTRATION[lang][:3]:
        assistant.say(sender, message)
    assert said(assistant.texts(sender, cancel), "registration_cancelled", lang)
    slots = assistant.slots(sender)
    assert slots["offender_ref"] is None and slots["requested_slot"] is None
    assert said(assistant.texts(sender, {EN: "my subscriptions", ES: "mis suscripciones"}[lang]), "no_subscriptions", lang)


@pytest.mark.parametrize("lang", [EN, ES])
def test_danger_in_the_middle_of_a_sign_up_pauses_it(assistant, sender, lang):
    for message in REGISTRATION[lang][:3]:
        assistant.say(sender, message)
    replies = assistant.say(sender, {EN: "wait he is breaking in right now", ES: "espera se está metiendo a la casa"}[lang])
    assert "911" in replies[0]["text"]
    assert said("\n".join(r.get("text", "") for r in replies), "form_paused", lang)
    # resuming asks the next question, the name given before is kept
    replies = assistant.texts(sender, {EN: "sign me up", ES: "quiero inscribirme"}[lang])
    assert render("ask_facility", lang)["text"] in replies


@pytest.mark.parametrize("lang,bad", [(EN, ["asdf", "???", "🙂"]), (ES, ["nada", "???", "🙂"])])
def test_three_bad_answers_stop_politely(assistant, sender, lang, bad):
    for message in (["the sheriff has him in county jail in ohio", "yes"] if lang == EN
                    else ["lo tiene el sheriff en la cárcel en ohio", "sí"]):
        assistant.say(sender, message)
    assistant.say(sender, "Pat Example")
    assistant.say(sender, "not sure" if lang == EN else "no sé")
    replies = ""
    for message in bad:
        replies = assistant.texts(sender, message)
    assert said(replies, "too_many_attempts", lang)
    assert assistant.slots(sender)["requested_slot"] is None


@pytest.mark.parametrize("lang,message", [(EN, "can I talk to a real person"), (ES, "quiero hablar con una persona")])
def test_human_handoff_gives_directory_contacts(assistant, sender, lang, message):
    replies = assistant.texts(sender, message)
    assert said(replies, "human", lang) and "1-800-799-7233" in replies and "24/7" in replies


# Issue 9 (conversations with new users): a person asked for in capitals or in Spanish, and the help for
# the harm the person named, with a word for what they said first.
@pytest.mark.parametrize("lang,message", [(EN, "CAN I JUST CALL SOMEBODY"), (ES, "puedo hablar con alguien")])
def test_asking_to_call_somebody_gets_a_person_not_i_didnt_understand(assistant, sender, lang, message):
    replies = assistant.texts(sender, message)
    assert said(replies, "human", lang) and "1-800-799-7233" in replies
    assert not said(replies, "fallback", lang)


@pytest.mark.parametrize("lang,message,ack,number", [
    (EN, "my daughter was murdered and the man who did it is in state prison in Texas",
     "I'm so sorry about your daughter.", "1-888-818-7662"),
    (ES, "mataron a mi hija y el hombre que lo hizo está en una prisión estatal de Texas",
     "Siento muchísimo lo de su hija.", "1-888-818-7662"),
])
def test_a_murdered_child_is_acknowledged_first_and_gets_a_homicide_survivors_line(assistant, sender, lang,
                                                                                    message, ack, number):
    replies = assistant.say(sender, message)
    assert replies[0]["text"] == ack
    assert number in "\n".join(r.get("text") or "" for r in replies)


@pytest.mark.parametrize("lang,message", [(EN, "what's the weather like tomorrow in the city?"),
                                          (ES, "¿qué tiempo va a hacer mañana en la ciudad?")])
def test_out_of_scope_is_honest_and_offers_options(assistant, sender, lang, message):
    replies = assistant.say(sender, message)
    assert replies and replies[-1].get("buttons")
    assert assistant.slots(sender)["program"] is None
    assert assistant.slots(sender)["language"] == lang


@pytest.mark.parametrize("lang,message", [
    ("en", "the man who hurt me got 10 years in a state pen in ohio, how would i even stay updated on that"),
    ("es", "al que me lastimó le dieron 10 años en la prisión estatal de ohio, cómo me entero de lo que pase"),
])
def test_facts_in_an_odd_question_are_guided_not_refused(assistant, sender, lang, message):
    replies = assistant.texts(sender, message)
    assert said(replies, "program_vine", lang)
    assert not said(replies, "out_of_scope", lang)


CORRECTED_NUMBER = {
    # the number is corrected in words at the quiet-hours question, then "change" at the read-back
    EN: ["my ex is in the county jail in houston texas", "yes", "Marcus Doe", "not sure", "text message",
         "(202) 555-0143", "wait, my number is wrong, it's 202-555-0115", "no", "change", "yes"],
    ES: ["mi ex está en la cárcel del condado en houston texas", "sí", "Marcos Pérez", "no sé",
         "mensaje de texto", "(202) 555-0143", "mi número está mal, es el 202 555 0115", "no", "cambiar",
         "sí"],
}


VNP_SIGN_UP = {
    EN: ["ICE has him now and they are going to deport him", "yes", "Juan Example", "not sure", "Mexico",
         "this chat", "no", "yes"],
    ES: ["lo tiene la migra y lo van a deportar", "sí", "Juan Example", "no sé", "México", "este chat", "no",
         "sí"],
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_a_number_corrected_in_words_and_change_at_the_read_back(assistant, sender, lang):
    messages = CORRECTED_NUMBER[lang]
    for message in messages[:6]:
        assistant.texts(sender, message)
    replies = assistant.texts(sender, messages[6])
    # the new number is said back at once, so that a wrong digit can be seen
    assert said(replies, "field_changed_contact", lang, contact="") and "+12025550115" in replies
    assert render("ask_quiet_hours", lang)["text"] in replies
    replies = assistant.texts(sender, messages[7])
    assert said(replies, "summary", lang, summary="") and "+12025550115" in replies
    assert "+12025550143" not in replies
    menu = assistant.say(sender, messages[8])
    assert menu[-1]["text"] == render("ask_which_field", lang)["text"]
    assert assistant.slots(sender)["registering"] == "vine"  # nothing was thrown away
    replies = assistant.texts(sender, {EN: "quiet hours", ES: "las horas de silencio"}[lang])
    assert render("ask_quiet_hours", lang)["text"] in replies
    replies = assistant.texts(sender, "no")
    assert said(replies, "summary", lang, summary="") and "+12025550115" in replies
    replies = assistant.texts(sender, messages[9])
    assert said(replies, "verification_sent", lang, contact="") and "+12025550115" in replies


@pytest.mark.parametrize("lang,first", [(EN, "my ex is in jail, either in Kansas or in Missouri"),
                                        (ES, "mi ex está en la cárcel, en Texas o en Oklahoma")])
def test_two_states_named_are_asked_about(assistant, sender, lang, first):
    replies = assistant.say(sender, first)
    assert assistant.slots(sender).get("state") is None
    for message in [{EN: "yes", ES: "sí"}[lang], {EN: "Marcus Doe", ES: "Marcos Pérez"}[lang]]:
        replies = assistant.say(sender, message)
    states = {EN: "Kansas or Missouri", ES: "Texas o Oklahoma"}[lang]
    assert replies[-1]["text"] == render("ask_state_which", lang, states=states)["text"]
    assistant.say(sender, replies[-1]["buttons"][1]["payload"])
    assert assistant.slots(sender)["state"] == {EN: "MO", ES: "OK"}[lang]


VNP_FIXES = {
    # a new date given with the correction, then a name asked again, each where the person was
    EN: ["ICE has him now and they are going to deport him", "yes", "Juan Perez", "07/25/1990", "Mexico",
         "this chat", "the date is wrong, it's 03/14/1985", "the name is wrong", "Juan Carlos Perez", "no"],
    ES: ["lo tiene la migra y lo van a deportar", "sí", "Juan Pérez", "25/07/1990", "México", "este chat",
         "la fecha está mal, es 14/03/1985", "el nombre está mal", "Juan Carlos Pérez", "no"],
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_a_date_and_a_name_corrected_in_words_mid_form(assistant, sender, lang):
    messages = VNP_FIXES[lang]
    for message in messages[:6]:
        replies = assistant.texts(sender, message)
    assert render("ask_quiet_hours", lang)["text"] in replies
    replies = assistant.texts(sender, messages[6])
    assert said(replies, "field_changed", lang) and render("ask_quiet_hours", lang)["text"] in replies
    assert render("ask_offender_name", lang)["text"] in assistant.texts(sender, messages[7])
    assert render("ask_quiet_hours", lang)["text"] in assistant.texts(sender, messages[8])
    replies = assistant.texts(sender, messages[9])
    assert {EN: "Date of birth: March 14, 1985",
            ES: "Fecha de nacimiento: 14 de marzo de 1985"}[lang] in replies
    assert {EN: "Person: Juan Carlos Perez", ES: "Persona: Juan Carlos Pérez"}[lang] in replies
    replies = assistant.texts(sender, {EN: "yes", ES: "sí"}[lang])
    assert said(replies, "subscribed", lang, offender="", contact="")


VINE_DOB = {
    EN: ["my ex is in the county jail in houston texas", "yes", "Marcus Doe, born 03/14/1985", "not sure",
         "this chat", "no", "change something", "the date of birth", "03/15/1985", "yes"],
    ES: ["mi ex está en la cárcel del condado en houston texas", "sí", "Marcos Pérez, nació el 14/03/1985",
         "no sé", "este chat", "no", "cambiar algo", "la fecha de nacimiento", "15/03/1985", "sí"],
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_a_date_of_birth_kept_by_the_vine_form_is_in_the_menu(assistant, sender, lang):
    messages = VINE_DOB[lang]
    for message in messages[:6]:
        replies = assistant.texts(sender, message)
    assert {EN: "March 14, 1985", ES: "14 de marzo de 1985"}[lang] in replies
    menu = assistant.say(sender, messages[6])
    assert {EN: "Date of birth", ES: "Fecha de nacimiento"}[lang] in [b["title"] for b in menu[-1]["buttons"]]
    assert render("ask_offender_dob", lang)["text"] in assistant.texts(sender, messages[7])
    replies = assistant.texts(sender, messages[8])
    assert said(replies, "summary", lang, summary="")
    assert {EN: "March 15, 1985", ES: "15 de marzo de 1985"}[lang] in replies
    assert said(assistant.texts(sender, messages[9]), "subscribed", lang, offender="", contact="")


def _sign_up(assistant, sender, messages):
    for message in messages:
        replies = assistant.texts(sender, message)
    return replies


@pytest.mark.parametrize("lang", [EN, ES])
def test_after_sign_up_on_the_web_quiet_hours_and_which_one_in_words(assistant, sender, lang):
    vine = list(REGISTRATION[lang]) + [{EN: "yes", ES: "sí"}[lang]]
    vine[2] = "Kyle Example"
    for messages in (vine, VNP_SIGN_UP[lang]):
        assert said(_sign_up(assistant, sender, messages), "subscribed", lang, offender="", contact="")
    # quiet hours, not the channel question (issue 9)
    replies = assistant.texts(sender, {EN: "change my quiet hours to 9pm-8am",
                                       ES: "cambia mis horas de silencio a 9pm-8am"}[lang])
    assert said(replies, "quiet_hours_changed", lang, subscriptions="", hours="")
    assert render("ask_contact_channel", lang)["text"] not in replies
    # "which one?" answered in words: the ICE one is cancelled, no new sign-up starts
    replies = assistant.texts(sender, {EN: "cancel my subscription", ES: "cancela mi suscripción"}[lang])
    assert render("ask_which_subscription", lang)["text"] in replies
    replies = assistant.texts(sender, {EN: "I want the ICE deportation one",
                                       ES: "quiero la de ICE, la de deportación"}[lang])
    assert said(replies, "subscription_cancelled_one", lang, subscription="") and "Juan Example" in replies
    assert assistant.slots(sender)["registering"] is None
    replies = assistant.texts(sender, {EN: "cancel the one about Kyle", ES: "cancela la de Kyle"}[lang])
    assert said(replies, "subscription_cancelled_one", lang, subscription="") and "Kyle Example" in replies
