"""Answers to the sign-up's questions that read like danger out of context ("despues de las 12 de la noche
no", "ray dominguez. raymond i think") are taken as answers, with the running assistant, in English and
Spanish (issue 9: the read conversation suites lost whole sign-ups to a 988 answer there); danger said at
the same question still gets 911 first."""

from __future__ import annotations

import pytest

from tests.e2e.test_conversations import EN, ES, said

SIGN_UP = {
    EN: ["my ex is in the county jail in houston texas", "yes", "ray dominguez. raymond i think", "not sure",
         "this chat", "Please nothing before 8 in the morning or after 9 in the evening."],
    ES: ["mi ex está en la cárcel del condado en houston texas", "sí", "ray dominguez. raymond creo", "no sé",
         "este chat", "despues de las 12 de la noche no"],
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_answers_that_look_like_danger_out_of_context_reach_the_read_back(assistant, sender, lang):
    seen = []
    for message in SIGN_UP[lang]:
        seen.append(assistant.texts(sender, message))
    assert not any("988" in replies or "911 " in replies.split(".")[0] for replies in seen[2:]), seen
    assert said(seen[-1], "summary", lang, summary=""), seen[-1]


@pytest.mark.parametrize("lang,danger", [(EN, "he just got in the house, hes here"),
                                         (ES, "ya se metio a la casa, esta aqui")])
def test_danger_at_the_quiet_hours_question_still_gets_911(assistant, sender, lang, danger):
    for message in SIGN_UP[lang][:5]:
        assistant.texts(sender, message)
    replies = assistant.say(sender, danger)
    assert "911" in replies[0]["text"].split(".")[0]


WHERE = {
    EN: ("a patient's brother stabbed me at work on saturday. i'm ok, stitches. "
         "i want to know if he gets out",
         "baltimore central booking, he hasn't seen a judge yet i don't think"),
    ES: ("el hermano de un paciente me apuñaló en el trabajo el sábado. ya estoy bien. quiero saber si sale",
         "en central booking de baltimore, creo que todavía no ha visto al juez"),
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_where_he_is_held_is_the_answer_not_a_request_for_a_person(assistant, sender, lang):
    first, where = WHERE[lang]
    assistant.texts(sender, first)
    replies = assistant.texts(sender, where)
    assert assistant.slots(sender)["program"] == "vine" and assistant.slots(sender)["state"] == "MD"
    assert said(replies, "offer_register", lang) or said(replies, "program_vine", lang), replies


READ_BACK = {
    EN: ["my ex is in the county jail in houston texas", "yes", "Marcus Doe", "not sure", "email",
         "ana.lopez@example.com", "no", "no, the email is ana.lopez76@example.com, I forgot the 76"],
    ES: ["mi ex está en la cárcel del condado en houston texas", "sí", "Marcos Pérez", "no sé", "correo",
         "ana.lopez@example.com", "no", "no, el correo es ana.lopez76@example.com, se me olvidó el 76"],
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_a_new_address_given_in_words_at_the_read_back_is_kept(assistant, sender, lang):
    for message in READ_BACK[lang][:-1]:
        replies = assistant.texts(sender, message)
    assert said(replies, "summary", lang, summary="") and "ana.lopez@example.com" in replies
    replies = assistant.texts(sender, READ_BACK[lang][-1])
    assert "ana.lopez76@example.com" in replies and said(replies, "summary", lang, summary=""), replies
    assert assistant.slots(sender)["contact_address"] == "ana.lopez76@example.com"


@pytest.mark.parametrize("lang,lost,yes", [(EN, "sorry I don't understand", "yes"),
                                           (ES, "no le entiendo", "sí")])
def test_after_the_plain_recap_a_yes_starts_the_sign_up(assistant, sender, lang, lost, yes):
    assistant.texts(sender, READ_BACK[lang][0])
    assistant.texts(sender, {EN: "not now", ES: "ahora no"}[lang])
    assert said(assistant.texts(sender, lost), "clarify_recap_vine", lang)
    assert said(assistant.texts(sender, yes), "registration_intro", lang)


# A request for the language the conversation is already in, made together with an answer: the answer.
SAME_LANGUAGE = {
    EN: (["my ex is in the county jail in houston texas", "yes", "Marcus Doe", "not sure",
          "can the messages come in spanish? english is hard for my mom"], "Text, in Spanish if you can"),
    ES: (["mi ex está en la cárcel del condado en houston texas", "sí", "Marcos Pérez", "no sé",
          "¿me los pueden mandar en inglés? mi hijo los lee"], "por texto, en inglés por favor"),
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_asking_again_for_the_language_already_in_use_answers_the_question(assistant, sender, lang):
    before, answer = SAME_LANGUAGE[lang]
    for message in before:
        replies = assistant.texts(sender, message)
    switched = ES if lang == EN else EN
    assert assistant.slots(sender)["language"] == switched
    assert "seguimos en español" in replies or "continue in English" in replies, replies
    replies = assistant.texts(sender, answer)
    assert assistant.slots(sender)["contact_channel"] == "sms", replies
    assert "seguimos en español" not in replies and "continue in English" not in replies, replies
    assert assistant.slots(sender)["language"] == switched


CORRECTED_CONTACT = {
    EN: (["my ex is in the county jail in houston texas", "yes", "Marcus Doe", "not sure"],
         "text", "oh wait thats my old number, the new one is (312) 555-0188",
         "email", "wait, that's wrong, it's (312) 555-0177, I always mix them up"),
    ES: (["mi ex está en la cárcel del condado en houston texas", "sí", "Marcos Pérez", "no sé"],
         "texto", "espere ese es el viejo, el nuevo es (312) 555-0188",
         "correo", "perdón me equivoqué, es el (312) 555-0177"),
}


@pytest.mark.parametrize("lang", [EN, ES])
@pytest.mark.parametrize("which", ["phone", "email"])
def test_a_contact_corrected_at_the_contact_question_is_kept_and_said_back(assistant, sender, lang, which):
    before, sms, sms_fix, email, email_fix = CORRECTED_CONTACT[lang]
    for message in before:
        assistant.texts(sender, message)
    channel, fix = (sms, sms_fix) if which == "phone" else (email, email_fix)
    assistant.texts(sender, channel)
    replies = assistant.texts(sender, fix)
    number = "+13125550188" if which == "phone" else "+13125550177"
    slots = assistant.slots(sender)
    assert slots["contact_channel"] == "sms" and slots["contact_address"] == number, (replies, slots)
    assert number in replies, replies


ASKED_LANGUAGE = {
    EN: (["my ex is in the county jail in houston texas", "yes", "Marcus Doe", "not sure"],
         "will the messages come in english? my spanish is bad", "in English"),
    ES: (["mi ex está en la cárcel del condado en houston texas", "sí", "Marcos Pérez", "no sé"],
         "¿Los mensajes pueden llegar en español? Ella no lee inglés", "en español"),
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_asking_whether_messages_come_in_the_language_in_use_is_answered_not_stored(assistant, sender, lang):
    before, question, words = ASKED_LANGUAGE[lang]
    for message in before:
        assistant.texts(sender, message)
    replies = assistant.texts(sender, question)
    assert words in replies, replies
    assert not assistant.slots(sender)["contact_channel"], assistant.slots(sender)


FEDERAL_NM = {
    EN: ("a man robbed me at gunpoint in albuquerque and the us attorney's office is prosecuting him",
         "ok and what about the second guy? they never found him"),
    ES: ("un hombre me asaltó con pistola en albuquerque y la fiscalía federal lleva el caso",
         "y el otro que estaba con él? nunca lo agarraron"),
}


@pytest.mark.parametrize("lang", [EN, ES])
def test_a_federal_case_never_gets_the_state_prisons_contacts(assistant, sender, lang):
    first, then = FEDERAL_NM[lang]
    assistant.texts(sender, first)
    assert assistant.slots(sender)["program"] == "vns"
    replies = assistant.texts(sender, then)
    assert "Corrections Department" not in replies and "cd.nm.gov" not in replies, replies
