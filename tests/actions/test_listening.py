"""Listening (issue 9): "wdym" after one of the bot's questions gets that question in other words, in the
person's language, and the conversation stays where it was; FAQ questions worded freely are recognised,
answers are still answers; a question with no sourced answer is said so, with who can answer; a hint of
self-harm said as an aside gets 988 from the safety layer, which runs before any form."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.faq import ActionAnswerFaq
from actions.forms.registration import ValidateVineForm, ValidateVnpForm, ValidateVnsForm
from actions.status import ActionExplainStatus
from actions.triage import ActionFallback, ActionGuide
from bot import faq
from bot.safety import gate
from tests.actions.support import LANGS, expected, run, sent

FORMS = {form.form_name: form for form in (ValidateVineForm(), ValidateVnsForm(), ValidateVnpForm())}

CONFUSED = {
    "en": ["Not sure what you mean, sorry", "i dont know what that is", "Excuse me, I do not understand.",
           "wait what do u mean", "wdym", "sorry, what?"],
    "es": ["q?? no entiendo", "no entiendo la pregunta", "perdón, ¿cómo?", "¿qué quiere decir?",
           "no sé qué me pide", "estoy confundida"],
}
# (form, slot asked) — the form asks the same question again after the explanation.
ASKED = [("vine_form", "offender_ref"), ("vine_form", "facility"), ("vns_form", "federal_district"),
         ("vnp_form", "offender_name"), ("vnp_form", "offender_dob"), ("vnp_form", "offender_country"),
         ("vine_form", "contact_channel"), ("vine_form", "contact_address"), ("vine_form", "quiet_hours"),
         ("vine_form", "confirm")]


def _cases():
    for lang in LANGS:
        for i, (form, slot) in enumerate(ASKED):
            yield lang, form, slot, CONFUSED[lang][i % len(CONFUSED[lang])]


@pytest.mark.parametrize("lang,form,slot,text", list(_cases()))
async def test_confusion_in_a_form_explains_the_question_and_asks_it_again(tracker, domain, lang, form, slot,
                                                                           text):
    built = tracker(text=text, intent="explain_status", active_loop=form,
                    slots={"language": lang, "requested_slot": slot, "bad_attempts": 1,
                           "contact_channel": "sms"})
    events, dispatcher = await run(FORMS[form], built, domain)
    assert sent(dispatcher) == expected(lang, f"clarify_{slot}")
    # nothing stored; the confusion is counted, so the same explanation never comes a third time
    assert events == [SlotSet(slot, None), SlotSet("bad_attempts", 2)]


@pytest.mark.parametrize("lang,form,slot,text", list(_cases()))
async def test_a_third_confusion_in_a_row_gets_a_way_out_not_the_same_explanation(tracker, domain, lang, form, slot,
                                                                                text):
    built = tracker(text=text, intent="explain_status", active_loop=form,
                    slots={"language": lang, "requested_slot": slot, "bad_attempts": 2,
                           "contact_channel": "sms"})
    events, dispatcher = await run(FORMS[form], built, domain)
    assert sent(dispatcher) != expected(lang, f"clarify_{slot}")
    if slot == "confirm":  # the read-back is never thrown away: asked plainly instead
        assert sent(dispatcher) == expected(lang, "confirm_yes_or_no") and SlotSet("requested_slot", None) not in events
        return
    ended = SlotSet("requested_slot", None) in events
    given_up = any(e.get("name") == slot and e.get("value") is not None for e in events)
    assert ended or given_up  # the form moves on: an optional question is left out, else a way out
    if ended:
        assert sent(dispatcher) == expected(lang, "form_confused_way_out")


def replied(name):
    return [{"event": "action", "name": name, "timestamp": None},
            {"event": "bot", "text": "...", "timestamp": None}]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("intent", ["explain_status", "nlu_fallback", "inform", "deny"])
async def test_confusion_at_the_offer_explains_the_offer_and_keeps_it_open(tracker, domain, lang, intent):
    actions = {"explain_status": ActionExplainStatus(), "nlu_fallback": ActionFallback()}
    action = actions.get(intent, ActionGuide())
    text = CONFUSED[lang][0]
    built = tracker(text=text, intent=intent, events=replied("action_guide"),
                    slots={"language": lang, "stage": "offered:vine", "program": "vine"})
    events, dispatcher = await run(action, built, domain)
    assert sent(dispatcher) == expected(lang, "clarify_offer")
    assert not [e for e in events if e.get("name") == "stage"]  # the offer stays open: "yes" still signs up


@pytest.mark.parametrize("lang", LANGS)
async def test_confusion_at_the_custody_question_explains_it(tracker, domain, lang):
    built = tracker(text=CONFUSED[lang][1], intent="explain_status", events=replied("action_guide"),
                    slots={"language": lang, "stage": "asked_custody", "clarify_count": 1})
    events, dispatcher = await run(ActionExplainStatus(), built, domain)
    assert sent(dispatcher) == expected(lang, "clarify_custody")
    assert events == []


STATUS = {"type": "release", "subscription_id": None, "program": "vine", "details": {}, "occurred_at": None,
          "text": ""}


@pytest.mark.parametrize("lang", LANGS)
async def test_a_status_message_just_delivered_is_what_gets_explained(tracker, domain, lang):
    pushed = [{"event": "bot", "text": "...", "timestamp": None},
              {"event": "slot", "name": "last_event", "value": STATUS, "timestamp": None}]
    built = tracker(text=CONFUSED[lang][0], intent="explain_status", events=pushed,
                    slots={"language": lang, "last_event": STATUS, "stage": "offered:vine"})
    _, dispatcher = await run(ActionExplainStatus(), built, domain)
    assert sent(dispatcher)[0]["text"] == expected(lang, "status_meaning_release")[0]["text"]


@pytest.mark.parametrize("lang", LANGS)
async def test_no_question_pending_and_no_status_puts_it_simply(tracker, domain, lang):
    # Issue 9: never "nothing to explain"; what this assistant does, in plain words (clarify_recap).
    built = tracker(text=CONFUSED[lang][0], intent="explain_status", events=replied("utter_goodbye"),
                    slots={"language": lang})
    _, dispatcher = await run(ActionExplainStatus(), built, domain)
    assert sent(dispatcher) == expected(lang, "clarify_recap")


# --- FAQ questions worded freely -------------------------------------------------------------------------

FREE_QUESTIONS = [
    ("wait will he get told that I signed up for this??", "anonymity"),
    ("is my number gonna show up anywhere he can see it", "anonymity"),
    ("IS HE GONNA KNOW I SIGNED UP FOR THIS", "anonymity"),
    ("wait el puede ver mi numero o algo?", "anonymity"),
    ("¿el tipo se va a enterar de que me inscribí?", "anonymity"),
    ("do u tell my mom about this??", "contact"),
    ("¿le van a decir a mi mamá?", "contact"),
    ("is free? i no have money for pay", "cost"),
    ("no tengo dinero para pagar, ¿cuánto cuesta?", "cost"),
    ("What is VINE exactly?", "vine"),
    ("¿qué es VINE exactamente?", "vine"),
    ("Are the messages available in Polish by any chance?", "languages"),
    ("¿los mensajes pueden venir en francés?", "languages"),
    ("what is a detainer exactly? is that the same as a hold?", "unsourced"),
    ("¿qué es un detainer? ¿es lo mismo que un hold de ICE?", "unsourced"),
]


@pytest.mark.parametrize("text,topic", FREE_QUESTIONS)
def test_free_wording_finds_the_topic(text, topic):
    assert topic in faq.topics(text)


NOT_QUESTIONS = ["no", "text me", "Maria Lopez", "Will Smith", "John Vine", "Kyle Price", "not sure", "no sé",
                 "i dont know", "sí", "yes", "10pm-7am", "Harris County jail", "he is in the county jail",
                 "el está en la cárcel de Maricopa", "mándame un texto", "Juan Pérez López", "my mom",
                 "el nombre es Juan Pérez", "he hit me and my mom saw it", "mi ex me amenazó"]


@pytest.mark.parametrize("text", NOT_QUESTIONS)
def test_answers_are_neither_questions_nor_confusion(text):
    assert faq.topics(text) == [] and not faq.is_confused(text)


@pytest.mark.parametrize("lang,text,slot,value", [
    ("en", "Maria Lopez", "offender_name", "Maria Lopez"), ("es", "Juan Pérez López", "offender_name",
                                                            "Juan Pérez López"),
    ("en", "no", "quiet_hours", None), ("es", "no", "quiet_hours", None),
])
async def test_answers_in_a_form_are_still_stored(tracker, domain, lang, text, slot, value):
    form = "vnp_form" if slot == "offender_name" else "vine_form"
    built = tracker(text=text, intent="inform", active_loop=form,
                    slots={"language": lang, "requested_slot": slot, "bad_attempts": 0})
    events, dispatcher = await run(FORMS[form], built, domain)
    stored = [e for e in events if e.get("name") == slot]
    assert stored and stored[0]["value"] is not None
    if value:
        assert stored[0]["value"] == value
    assert not [m for m in sent(dispatcher) if m["text"].startswith(("I'm asking", "Le pregunto"))]


@pytest.mark.parametrize("lang,text,key", [
    ("en", "wait will he get told that I signed up for this??", "faq_anonymity"),
    ("es", "wait el puede ver mi numero o algo?", "faq_anonymity"),
    ("en", "Are the messages available in Polish by any chance?", "faq_languages"),
    ("es", "¿los mensajes pueden venir en francés?", "faq_languages"),
])
async def test_free_questions_in_a_form_are_answered_and_the_form_resumes(tracker, domain, lang, text, key):
    built = tracker(text=text, intent="inform", active_loop="vine_form",
                    slots={"language": lang, "requested_slot": "offender_ref", "bad_attempts": 0})
    events, dispatcher = await run(FORMS["vine_form"], built, domain)
    assert sent(dispatcher) == expected(lang, key)
    assert events == [SlotSet("offender_ref", None)]


@pytest.mark.parametrize("lang,text", [("en", "what is a detainer exactly? is that the same as a hold?"),
                                       ("es", "¿qué es un detainer? ¿es lo mismo que un hold de ICE?")])
async def test_a_question_without_a_sourced_answer_says_so_and_who_can(tracker, domain, lang, text):
    built = tracker(text=text, intent="out_of_scope", active_loop="vnp_form",
                    slots={"language": lang, "requested_slot": "offender_country", "registering": "vnp",
                           "bad_attempts": 0})
    events, dispatcher = await run(FORMS["vnp_form"], built, domain)
    assert sent(dispatcher) == expected(lang, "faq_unsourced", "help_vnp")
    assert events == [SlotSet("offender_country", None)]
    # VNS: its call center; VINE without a state: the jail or the state's victim services
    for program, line in (("vns", "human_vns"), ("vine", "faq_unsourced_vine")):
        built = tracker(text=text, intent="ask_faq", slots={"language": lang, "program": program})
        _, dispatcher = await run(ActionAnswerFaq(), built, domain)
        assert sent(dispatcher) == expected(lang, "faq_unsourced", line)


@pytest.mark.parametrize("lang,text,key", [("en", "is free? i no have money for pay", "faq_cost"),
                                           ("es", "no tengo dinero para pagar, ¿cuánto cuesta?", "faq_cost")])
async def test_a_question_at_the_offer_is_answered_and_the_offer_made_again(tracker, domain, lang, text, key):
    # the classifier took it for a yes: it must not start a sign-up
    built = tracker(text=text, intent="affirm", events=replied("action_guide"),
                    slots={"language": lang, "stage": "offered:vine", "program": "vine"})
    events, dispatcher = await run(ActionGuide(), built, domain)
    assert sent(dispatcher) == expected(lang, key, "offer_register")
    assert not [e for e in events if e.get("name") == "registering" and e.get("value")]


# --- a hint of self-harm said as an aside inside a form: the safety layer answers first ------------------

@pytest.mark.parametrize("text", ["honestly some days I just want it all to stop",
                                  "honestamente hay días que solo quiero que todo se acabe"])
def test_an_aside_about_wanting_it_all_to_stop_gets_988(text):
    # The gate wraps every channel's on_new_message, so it runs whether or not a form is active.
    answer = gate.check("listening-test", text)
    assert answer is not None and answer["kind"] == "self_harm"
    assert any("988" in line for line in answer["texts"])


def said(text):
    return [{"event": "user", "text": text, "timestamp": None},
            {"event": "action", "name": "action_listen", "timestamp": None}]


@pytest.mark.parametrize("lang,text", [
    ("en", "not sure if it's the one on valley road or the downtown one?"),
    ("es", "no se si el de del valle o el del downtown?"),
])
async def test_the_same_words_twice_at_the_facility_question_are_its_answer(tracker, domain, lang, text):
    built = tracker(text=text, intent="ask_faq", active_loop="vine_form", events=said(text),
                    slots={"language": lang, "requested_slot": "facility"})
    events, dispatcher = await run(FORMS["vine_form"], built, domain)
    assert any(e.get("name") == "facility" and e.get("value") for e in events)  # not the same answer again


@pytest.mark.parametrize("lang,text", [("en", "sorry my English, I don't understand"), ("es", "Perdon, no comprendo")])
async def test_the_same_confusion_twice_is_not_explained_the_same_way_again(tracker, domain, lang, text):
    built = tracker(text=text, intent="explain_status", active_loop="vnp_form", events=said(text),
                    slots={"language": lang, "requested_slot": "offender_name"})
    events, dispatcher = await run(FORMS["vnp_form"], built, domain)
    assert sent(dispatcher) != expected(lang, "clarify_offender_name")
    assert SlotSet("offender_name", None) in events and any(e.get("name") == "bad_attempts" for e in events)


# Confusion said twice in the same words at the same question: still confusion, never the answer.
TWICE = {"en": ["huh?", "sorry I no understand, can you say it more easy?", "what?"],
         "es": ["mande?", "¿Eh? No entendí", "no le entiendo nada"]}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form,slot", [("vine_form", "facility"), ("vnp_form", "offender_country"),
                                       ("vine_form", "offender_ref"), ("vnp_form", "offender_dob")])
async def test_confusion_said_twice_is_never_stored_as_the_answer(tracker, domain, lang, form, slot):
    for text in TWICE[lang]:
        before = [{"event": "user", "text": text, "parse_data": {}, "input_channel": "rest", "timestamp": None},
                  {"event": "bot", "text": "…", "timestamp": None}]
        built = tracker(text=text, intent="explain_status", active_loop=form, events=before,
                        slots={"language": lang, "requested_slot": slot, "bad_attempts": 1,
                               "contact_channel": "sms"})
        assert faq.is_confused(text)
        events, dispatcher = await run(FORMS[form], built, domain)
        stored = [e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == slot]
        assert text not in stored and not any(text.lower() in str(value).lower() for value in stored), events
        # not the explanation that already did not help: the question put plainly, its "not sure", or a way out
        assert sent(dispatcher) != expected(lang, f"clarify_{slot}")


@pytest.mark.parametrize("lang,text", [("en", "I have to go"), ("en", "sorry gotta go"),
                                       ("es", "me tengo que ir"),
                                       ("es", "mejor lo dejo para el sábado que viene mi nieta a ayudarme")])
async def test_having_to_go_leaves_the_form_without_storing_anything(tracker, domain, lang, text):
    built = tracker(text=text, intent="inform", active_loop="vine_form",
                    slots={"language": lang, "requested_slot": "facility"})
    events, dispatcher = await run(FORMS["vine_form"], built, domain)
    assert SlotSet("requested_slot", None) in events
    assert not [e for e in events if e.get("name") == "facility" and e.get("value")]
    assert sent(dispatcher) == expected(lang, "form_left")


@pytest.mark.parametrize("lang,text", [("en", "either one is fine"), ("en", "whatever works for you"),
                                       ("es", "me da igual"), ("es", "el que sea")])
async def test_no_preference_by_text_message_keeps_this_number(tracker, domain, lang, text):
    built = tracker(text=text, intent="inform", active_loop="vine_form", channel="twilio",
                    slots={"language": lang, "requested_slot": "contact_channel"})
    events, dispatcher = await run(FORMS["vine_form"], built, domain)
    assert SlotSet("contact_channel", "sms") in events
    assert sent(dispatcher) == expected(lang, "contact_channel_default_sms")


@pytest.mark.parametrize("lang,text", [("en", "hmm idk about that"), ("es", "pues no se que decirle")])
async def test_unclear_answers_about_the_channel_by_text_message_never_end_the_sign_up(tracker, domain, lang, text):
    built = tracker(text=text, intent="inform", active_loop="vine_form", channel="twilio",
                    slots={"language": lang, "requested_slot": "contact_channel", "bad_attempts": 2})
    events, dispatcher = await run(FORMS["vine_form"], built, domain)
    assert SlotSet("contact_channel", "sms") in events and SlotSet("requested_slot", None) not in events
    assert sent(dispatcher) == expected(lang, "contact_channel_default_sms")


async def test_no_preference_on_the_web_still_asks(tracker, domain):
    built = tracker(text="either one", intent="inform", active_loop="vine_form",
                    slots={"language": "en", "requested_slot": "contact_channel"})
    events, dispatcher = await run(FORMS["vine_form"], built, domain)
    assert not [e for e in events if e.get("name") == "contact_channel" and e.get("value")]


@pytest.mark.parametrize("lang,text", [("es", "español"), ("es", "sigamos en español por favor"),
                                       ("en", "english please")])
async def test_a_bare_request_for_the_language_in_use_is_never_the_name(tracker, domain, lang, text):
    hint = {"entity": "language_hint", "value": lang, "role": "requested"}
    built = tracker(text=text, intent="inform", active_loop="vine_form", entities=[hint],
                    slots={"language": lang, "requested_slot": "offender_ref"})
    events, dispatcher = await run(FORMS["vine_form"], built, domain)
    assert events == [SlotSet("offender_ref", None)]
    assert sent(dispatcher) == expected(lang, "language_kept")


@pytest.mark.parametrize("lang,text", [("en", "I don't want any of them"), ("es", "no quiero ninguno")])
async def test_refusing_every_channel_is_not_a_choice_of_this_number(tracker, domain, lang, text):
    built = tracker(text=text, intent="inform", active_loop="vine_form", channel="twilio",
                    slots={"language": lang, "requested_slot": "contact_channel"})
    events, dispatcher = await run(FORMS["vine_form"], built, domain)
    assert SlotSet("contact_channel", "sms") not in events


@pytest.mark.parametrize("lang,text", [("en", "the ICE processing center in Conroe, Joe Corley I think"),
                                       ("es", "en el centro de detención de inmigración de Otay Mesa")])
async def test_an_ice_detention_center_named_in_a_state_sign_up_is_said_to_be_vnps(tracker, domain, lang, text):
    built = tracker(text=text, intent="inform", active_loop="vine_form",
                    slots={"language": lang, "requested_slot": "facility", "registering": "vine"})
    events, dispatcher = await run(FORMS["vine_form"], built, domain)
    assert any(e.get("name") == "facility" and e.get("value") for e in events)
    assert sent(dispatcher) == expected(lang, "facility_is_ice")


@pytest.mark.parametrize("lang,text", [("en", "Harris County jail downtown"), ("es", "la cárcel del condado de Dallas")])
async def test_a_jail_named_in_a_state_sign_up_says_nothing_more(tracker, domain, lang, text):
    built = tracker(text=text, intent="inform", active_loop="vine_form",
                    slots={"language": lang, "requested_slot": "facility", "registering": "vine"})
    events, dispatcher = await run(FORMS["vine_form"], built, domain)
    assert sent(dispatcher) == []


@pytest.mark.parametrize("lang,text", [("es", "sorry no entiendo, puede en español?"),
                                       ("en", "sorry i dont understand, can you say it in english?")])
async def test_not_understanding_in_the_language_in_use_explains_the_question_and_moves_on(tracker, domain, lang,
                                                                                           text):
    # Once answered only "yes, in Spanish" and asked again, 24 times in a row: the question itself was what
    # the person did not understand. It is explained, counted, and after the third time left to this number.
    hint = {"entity": "language_hint", "value": lang, "role": "requested"}
    slots = {"language": lang, "requested_slot": "contact_channel", "bad_attempts": 0}
    seen = []
    for _ in range(3):
        built = tracker(text=text, intent="inform", active_loop="vine_form", entities=[hint], channel="twilio",
                        slots=slots)
        events, dispatcher = await run(FORMS["vine_form"], built, domain)
        slots = {**slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
        seen.append([m["text"] for m in sent(dispatcher)])
        if slots.get("contact_channel"):
            break
    assert len(seen[0]) >= 2  # "yes, in this language" and the question in other words
    assert slots.get("contact_channel") == "sms"  # left to the number the person writes from


@pytest.mark.parametrize("lang,text,state", [
    # "arrested in Reno, so I guess he's in Nevada jail", then the facility: "Utah County Jail" names where he is
    ("en", "Utah County Jail", "UT"),
    ("en", "Utah County jail, Spanish Fork", "UT"),
    ("es", "la cárcel del condado de Utah", "UT"),
    ("es", "Rikers", "NY"),
])
async def test_a_facility_of_one_other_state_moves_the_state(tracker, domain, lang, text, state):
    built = tracker(text=text, intent="inform", active_loop="vine_form",
                    slots={"language": lang, "requested_slot": "facility", "registering": "vine", "state": "NV"})
    events, _ = await run(FORMS["vine_form"], built, domain)
    assert SlotSet("facility", " ".join(text.split())) in events
    assert SlotSet("state", state) in events


@pytest.mark.parametrize("lang,text", [
    # a county of that name in several states, or no place at all: the state given stays
    ("en", "Orange County Jail"), ("en", "Washington County jail"), ("es", "la cárcel del condado de Washington"),
    ("en", "Nevada County jail"), ("en", "the county jail downtown"), ("es", "la cárcel de Davidson County"),
    # the same state
    ("en", "Washoe County jail"),
])
async def test_a_facility_without_one_other_state_keeps_the_state(tracker, domain, lang, text):
    built = tracker(text=text, intent="inform", active_loop="vine_form",
                    slots={"language": lang, "requested_slot": "facility", "registering": "vine", "state": "NV"})
    events, _ = await run(FORMS["vine_form"], built, domain)
    assert any(e.get("name") == "facility" and e.get("value") for e in events)
    assert not [e for e in events if e.get("event") == "slot" and e.get("name") == "state"]


@pytest.mark.parametrize("text", ["Harris County jail", "Suffolk County Jail", "Fulton County jail",
                                  "Nassau County Jail in Yulee", "Duval County jail"])
def test_a_county_jail_whose_county_is_in_several_states_names_no_state(text):
    from actions.forms.registration import facility_state

    assert facility_state(text) is None


@pytest.mark.parametrize("lang,text", [("es", "Español"), ("es", "español por favor"), ("en", "English please")])
async def test_a_language_request_said_twice_is_never_the_name(tracker, domain, lang, text):
    hint = {"entity": "language_hint", "value": lang, "role": "requested"}
    for form, slot in (("vine_form", "offender_ref"), ("vnp_form", "offender_name")):
        built = tracker(text=text, intent="inform", active_loop=form, entities=[hint],
                        slots={"language": lang, "requested_slot": slot},
                        events=[{"event": "user", "text": text}, {"event": "bot", "text": "…"}])
        events, dispatcher = await run(FORMS[form], built, domain)
        assert not [e for e in events if e.get("name") == slot and e.get("value")]


# --- "si" = "if" with a question at the offer; an answer not understood is never a no ------------------

@pytest.mark.parametrize("lang,text", [
    ("es", "si me registro alguien de la corte me va a llamar? no quiero tener que ir a declarar"),
    ("es", "si me inscribo, ¿me van a llamar de la fiscalía?"),
    ("en", "if I sign up will the court call me? I don't want to have to testify"),
])
@pytest.mark.parametrize("intent", ["affirm", "ask_faq", "inform"])
async def test_an_if_question_at_the_offer_is_answered_and_the_offer_kept(tracker, domain, lang, text, intent):
    built = tracker(text=text, intent=intent, slots={"language": lang, "stage": "offered:vine", "program": "vine"})
    events, dispatcher = await run(ActionGuide(), built, domain)
    assert not [e for e in events if e.get("name") == "registering" and e.get("value")]
    seen = sent(dispatcher)
    assert expected(lang, "faq_no_obligation")[0] in seen and seen[-1] == expected(lang, "offer_register")[0]


@pytest.mark.parametrize("lang,text", [("en", "the weather is nice"), ("es", "hace buen tiempo")])
async def test_an_answer_not_understood_twice_at_the_offer_is_not_a_no(tracker, domain, lang, text):
    built = tracker(text=text, intent="nlu_fallback",
                    slots={"language": lang, "stage": "offered:vine", "program": "vine", "clarify_count": 1})
    events, dispatcher = await run(ActionGuide(), built, domain)
    assert sent(dispatcher) == expected(lang, "offer_left_open")
    assert SlotSet("stage", None) not in events  # the offer stays open
    assert {"en": "won't sign you up", "es": "no le inscribo"}[lang] not in sent(dispatcher)[0]["text"]
    yes = tracker(text={"en": "yes", "es": "sí"}[lang], intent="affirm",
                  slots={"language": lang, "stage": "offered:vine", "program": "vine", "clarify_count": 2})
    events, _ = await run(ActionGuide(), yes, domain)
    assert SlotSet("registering", "vine") in events
