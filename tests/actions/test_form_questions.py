"""Questions and asides inside a form (issue 9, item 1): a question is answered and the same question
asked again, with nothing stored and no strike; "forget it" leaves the form with nothing stored; an
answer that carries two values (a name and a date of birth, a name and an A-number) keeps both."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.faq import ActionAnswerFaq
from actions.forms.registration import ValidateContactForm, ValidateVineForm, ValidateVnpForm, ValidateVnsForm
from actions.registration import ValidateVerifyForm
from tests.actions.support import expected, run, sent, slot_sets

FORMS = {form.form_name: form for form in (ValidateVineForm(), ValidateVnsForm(), ValidateVnpForm(),
                                           ValidateContactForm(), ValidateVerifyForm())}


async def answer(tracker, domain, form, slot, text, lang, intent="inform", slots=None, entities=()):
    state = {"language": lang, "requested_slot": slot, "bad_attempts": 1, **(slots or {})}
    built = tracker(text=text, intent=intent, entities=entities, slots=state, active_loop=form)
    return await run(FORMS[form], built, domain)


QUESTIONS = [
    # form, slot, (English, Spanish), the FAQ answer(s), extra slots. The first five are the issue's.
    ("vnp_form", "offender_name", ("wait what is VINE?", "espera, ¿qué es VINE?"), ["faq_vine"], {}),
    ("vine_form", "offender_ref", ("will he know I signed up?", "¿el agresor se va a enterar?"),
     ["faq_anonymity"], {}),
    ("vnp_form", "offender_name",
     ("if i sign up can they deport me?", "si me inscribo, ¿me pueden deportar a mí?"),
     ["faq_immigration"], {}),
    ("vine_form", "contact_address", ("will my mom see the texts?", "¿mi mamá va a ver los mensajes?"),
     ["faq_contact"], {"contact_channel": "sms"}),
    # "phone" would otherwise be read as the channel SMS
    ("vine_form", "contact_channel",
     ("who can see my phone number?", "¿quién puede ver mi número de teléfono?"),
     ["faq_contact"], {}),
    ("vns_form", "offender_ref", ("whats VNS", "q es vns"), ["faq_vns"], {}),
    ("vnp_form", "offender_country", ("what is the vnp", "que es el vnp"), ["faq_vnp"], {}),
    ("vine_form", "facility", ("is this free?", "ES GRATIS?"), ["faq_cost"], {}),
    ("vine_form", "quiet_hours", ("what kind of messages will i get", "que tipo de mensajes voy a recibir"),
     ["faq_messages"], {}),
    ("vnp_form", "confirm", ("how do i stop the messages later?", "¿cómo me doy de baja después?"),
     ["faq_stop"], {}),
    ("vine_form", "offender_ref", ("what is vine and is it free", "que es vine y es gratis"),
     ["faq_vine", "faq_cost"], {}),
    # a question outside the FAQ: said honestly, with what can be answered
    ("vine_form", "offender_ref", ("wait, what's a booking number?", "¿qué es un número de registro?"),
     ["faq_other"], {}),
    ("vnp_form", "offender_dob", ("why do you need that?", "¿para qué necesitan eso?"), ["faq_other"], {}),
    ("vine_form", "facility", ("tell me about the privacy stuff first", "primero lo de la privacidad"),
     ["faq_contact"], {}),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,slot,texts,answers,slots", QUESTIONS, ids=[q[2][0] for q in QUESTIONS])
async def test_a_question_is_answered_and_the_question_asked_again(tracker, domain, lang, form, slot, texts,
                                                                   answers, slots):
    text = texts[0] if lang == "en" else texts[1]
    events, dispatcher = await answer(tracker, domain, form, slot, text, lang, slots=slots)
    assert sent(dispatcher) == expected(lang, *answers)
    # Nothing stored and no strike: setting the requested slot to None makes the form ask it again.
    assert events == [SlotSet(slot, None)]


@pytest.mark.parametrize("lang,text", [("en", "tell me more about that first"),
                                       ("es", "primero digame lo otro")])
async def test_the_classifier_alone_makes_a_question(tracker, domain, lang, text):
    # No FAQ topic in the words and no question word: a sure ask_faq still keeps it out of the name.
    events, dispatcher = await answer(tracker, domain, "vnp_form", "offender_name", text, lang,
                                      intent="ask_faq")
    assert events == [SlotSet("offender_name", None)]
    assert sent(dispatcher) == expected(lang, "faq_other")


@pytest.mark.parametrize("lang,text,name", [("en", "Will Smith", "Will Smith"),
                                            ("es", "Juan Price", "Juan Price"),
                                            ("en", "John Vine", "John Vine")])
async def test_a_name_that_looks_like_a_question_is_a_name(tracker, domain, lang, text, name):
    events, dispatcher = await answer(tracker, domain, "vnp_form", "offender_name", text, lang)
    assert events == slot_sets(offender_name=name, bad_attempts=0) and dispatcher.messages == []


@pytest.mark.parametrize("lang,text", [("en", "my mom doesn't know"), ("es", "mi mamá no sabe")])
async def test_a_statement_naming_a_topic_is_tried_as_the_answer_first(tracker, domain, lang, text):
    # "who is told" is a topic, but at the date of birth this says the date is not known
    events, dispatcher = await answer(tracker, domain, "vnp_form", "offender_dob", text, lang)
    assert ("offender_dob", "unknown") in [(e["name"], e["value"]) for e in events if e.get("event") == "slot"] or \
        any(e.get("name") == "offender_dob" and e.get("value") not in (None,) for e in events)
    assert not any("faq" in str(m) for m in dispatcher.messages)


LEAVE = [("en", "actually no… forget it"), ("en", "never mind"), ("en", "i don't want to do this anymore"),
         ("es", "no… olvídalo"), ("es", "ya no quiero"), ("es", "olvídelo, gracias")]


@pytest.mark.parametrize("form,slot,slots", [
    ("vnp_form", "offender_name", {}),
    ("vine_form", "facility", {"offender_ref": {"name": "Pat Doe", "number": None}}),
    ("contact_form", "contact_address", {"contact_channel": "sms"}), ("verify_form", "verification_code", {}),
])
@pytest.mark.parametrize("lang,text", LEAVE)
async def test_forget_it_leaves_the_form_and_stores_nothing(tracker, domain, lang, text, form, slot, slots):
    events, dispatcher = await answer(tracker, domain, form, slot, text, lang, slots=slots)
    assert sent(dispatcher) == expected(lang, "form_left")
    # The form ends without the slot it asked: its submit action sees no consent and clears everything.
    assert events == slot_sets(bad_attempts=0, requested_slot=None)


@pytest.mark.parametrize("lang,text", [("en", "never mind the name, it's Pat Doe"),
                                       ("es", "ya no está en esa cárcel")])
async def test_forget_it_must_be_said_on_its_own(tracker, domain, lang, text):
    events, dispatcher = await answer(tracker, domain, "vine_form", "facility", text, lang)
    assert dispatcher.messages == [] and events[0] == SlotSet("facility", text)


TWO_VALUES = [
    # form, slot, (English, Spanish), the events
    ("vnp_form", "offender_name", ("Joseph Hernandez Ortega, born March 3, 1985",
                                   "José Luis Hernández Ortega, nació el 3 de marzo de 1985"),
     (slot_sets(offender_name="Joseph Hernandez Ortega", bad_attempts=0, offender_dob="1985-03-03"),
      slot_sets(offender_name="José Luis Hernández Ortega", bad_attempts=0, offender_dob="1985-03-03"))),
    ("vnp_form", "offender_name", ("Carlos Mendoza Rivas, A-number 123456789",
                                   "Carlos Mendoza Rivas, número A 123456789"),
     slot_sets(offender_name="Carlos Mendoza Rivas", bad_attempts=0,
               offender_ref={"name": "Carlos Mendoza Rivas", "number": "A123456789"})),
    # the number's label said with a verb: "his A-number is A 204 518 337", "su número A es A 204 518 337"
    ("vnp_form", "offender_name", ("Efrain Solis Hernandez, his A-number is A 204 518 337",
                                   "Efrain Solis Hernandez, su numero A es A 204 518 337"),
     slot_sets(offender_name="Efrain Solis Hernandez", bad_attempts=0,
               offender_ref={"name": "Efrain Solis Hernandez", "number": "A204518337"})),
    # all three at once
    ("vnp_form", "offender_name", ("Carlos Mendoza Rivas A-123-456-789 dob 07/25/1990",
                                   "Carlos Mendoza Rivas, A-123-456-789, fecha de nacimiento 25/07/1990"),
     slot_sets(offender_name="Carlos Mendoza Rivas", bad_attempts=0, offender_dob="1990-07-25",
               offender_ref={"name": "Carlos Mendoza Rivas", "number": "A123456789"})),
    # a date that reads both ways is asked once, next (as action_ask_offender_dob does)
    ("vnp_form", "offender_name", ("Juan Perez 12/07/1990", "Juan Pérez 12/07/1990"),
     (slot_sets(offender_name="Juan Perez", bad_attempts=0,
                offender_dob_choices=["1990-12-07", "1990-07-12"]),
      slot_sets(offender_name="Juan Pérez", bad_attempts=0,
                offender_dob_choices=["1990-07-12", "1990-12-07"]))),
    # the state and federal forms keep both too (the read-back shows the date)
    ("vine_form", "offender_ref", ("Carlos Mendoza Rivas, A-number 123456789",
                                   "Carlos Mendoza Rivas, número A 123456789"),
     slot_sets(offender_ref={"name": "Carlos Mendoza Rivas", "number": "A123456789"}, bad_attempts=0)),
    ("vns_form", "offender_ref", ("Joseph Hernandez Ortega, born 3/14/1985",
                                  "José Luis Hernández Ortega, nació el 14/03/1985"),
     (slot_sets(offender_ref={"name": "Joseph Hernandez Ortega", "number": None}, bad_attempts=0,
                offender_dob="1985-03-14"),
      slot_sets(offender_ref={"name": "José Luis Hernández Ortega", "number": None}, bad_attempts=0,
                offender_dob="1985-03-14"))),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,slot,texts,events", TWO_VALUES, ids=[t[2][0] for t in TWO_VALUES])
async def test_every_value_in_one_answer_is_kept(tracker, domain, lang, form, slot, texts, events):
    text = texts[0] if lang == "en" else texts[1]
    if isinstance(events, tuple):
        events = events[0] if lang == "en" else events[1]
    got, dispatcher = await answer(tracker, domain, form, slot, text, lang, slots={"registering": form[:3]})
    assert got == events and dispatcher.messages == []


@pytest.mark.parametrize("lang,text", [("en", "what code?"), ("es", "¿qué código?")])
async def test_what_code_at_the_code_step_is_left_to_the_code_form(tracker, domain, action_store, lang, text):
    # The code step answers "what code?" itself (tests/actions/test_verify_form.py); the FAQ stays out.
    events, dispatcher = await answer(tracker, domain, "verify_form", "verification_code", text, lang)
    faq = {m["text"] for key in ("faq_vine", "faq_vns", "faq_vnp", "faq_anonymity", "faq_immigration")
           for m in expected(lang, key)}
    assert sent(dispatcher) and not faq & {m.get("text") for m in sent(dispatcher)}


@pytest.mark.parametrize("lang,text,key", [
    ("en", "who can see my phone number?", "faq_contact"),
    ("es", "¿el agresor se va a enterar?", "faq_anonymity"),
    ("en", "what is this VNP", "faq_vnp"), ("es", "¿y eso qué?", "faq_other"),
])
async def test_a_question_outside_a_form(tracker, domain, lang, text, key):
    built = tracker(text=text, intent="ask_faq", slots={"language": lang})
    events, dispatcher = await run(ActionAnswerFaq(), built, domain)
    assert sent(dispatcher) == expected(lang, key) and events == []


@pytest.mark.parametrize("lang,text", [("en", "the man who sold my daughter online"),
                                       ("es", "el hombre que vendió a mi hija por internet")])
async def test_no_topic_and_no_question_is_guided_like_any_message(tracker, domain, lang, text):
    # The classifier may call a story with "who" in it a question; its words are neither.
    built = tracker(text=text, intent="ask_faq", slots={"language": lang, "about_offender": True})
    events, dispatcher = await run(ActionAnswerFaq(), built, domain)
    # What the person said is acknowledged first, and the harm's own line follows (issue 9, item 6).
    assert sent(dispatcher) == expected(lang, "ack_trafficking", "ask_custody", "help_trafficking")
    assert SlotSet("stage", "asked_custody") in events


async def test_a_topic_button(tracker, domain):
    built = tracker(text='/ask_faq{"faq_topic": "cost"}', intent="ask_faq", slots={"language": "es"},
                    entities=[{"entity": "faq_topic", "value": "cost"}])
    _, dispatcher = await run(ActionAnswerFaq(), built, domain)
    assert sent(dispatcher) == expected("es", "faq_cost")


# faq9: leaving with "I'll do it later" and a reason to stop now; going to the hospital, the ER or a doctor
# adds a line that their health comes first.
LEAVE_LATER = [
    ("en", "ugh this is too much, forget it ill do it later im at work", False),
    ("en", "ok my cousin driving me to the ER now ill do this later", True),
    ("en", "i have to go to the doctor, i'll finish this later", True),
    ("es", "olvidalo, lo hago despues cuando salga del trabajo", False),
    ("es", "voy camino a urgencias, lo hago después", True),
    ("es", "ahorita estoy manejando, lo termino más tarde", False),
]


@pytest.mark.parametrize("lang,text,health", LEAVE_LATER)
@pytest.mark.parametrize("form,slot", [("vine_form", "offender_ref"), ("vnp_form", "offender_name"),
                                       ("vine_form", "quiet_hours")])
async def test_later_with_a_reason_leaves_politely(tracker, domain, lang, text, health, form, slot):
    events, dispatcher = await answer(tracker, domain, form, slot, text, lang)
    said = ("form_left_health", "form_left") if health else ("form_left",)
    assert sent(dispatcher) == expected(lang, *said)
    assert events == slot_sets(bad_attempts=0, requested_slot=None)


# faq9: the benchmark's asides in the middle of the sign-up are answered and the same question asked again,
# nothing stored (the first one was stored as the offender's name).
BENCHMARK_ASIDES = [
    ("vine_form", "offender_ref", ("do yall tell me court dates too or just if he gets out",
                                   "ustedes me avisan de las audiencias o nomas si sale"),
     "faq_messages", {}),
    ("vnp_form", "offender_name", ("will I find out which prison they send him to",
                                   "si lo deportan me avisan antes o despues"), "faq_messages", {}),
    ("vine_form", "offender_ref", ("can my son get these too", "¿puede mi hijo recibirlos también?"),
     "faq_others", {}),
    ("vine_form", "facility", ("I'm not the victim myself, can I still sign up?",
                               "yo no soy la víctima, ¿me puedo inscribir?"), "faq_others", {}),
    ("vns_form", "offender_ref", ("what is the victim ID and PIN from my letter for?",
                                  "¿para qué es el PIN de la carta?"), "faq_victim_id", {}),
    ("vine_form", "offender_ref", ("Can I just look him up myself online?",
                                   "¿lo puedo buscar yo en internet?"), "faq_look_up", {}),
    ("vine_form", "contact_channel", ("regular mail or a phone call instead?",
                                      "¿me pueden mandar una carta por correo postal o llamarme?"),
     "faq_channels", {}),
    ("vine_form", "offender_ref", ("Is this from the government? I don't want to give my information to a "
                                   "stranger", "ustedes son del gobierno?"), "faq_who_we_are", {}),
    ("vine_form", "contact_address", ("is this for guys too?", "¿es para hombres también?"),
     "faq_who_can_use", {"contact_channel": "sms"}),
    ("vnp_form", "offender_name", ("is it ok that I'm doing this, I'm 15",
                                   "tengo 15 años, ¿está bien que haga esto?"), "faq_who_can_use", {}),
    ("vine_form", "offender_ref", ("can I speak at his sentencing", "¿puedo hablar en la audiencia de "
                                   "libertad condicional?"), "faq_heard", {}),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form,slot,texts,key,slots", BENCHMARK_ASIDES,
                         ids=[q[2][0] for q in BENCHMARK_ASIDES])
@pytest.mark.parametrize("intent", ["inform", "nlu_fallback"])
async def test_the_benchmarks_asides_are_answered(tracker, domain, lang, form, slot, texts, key, slots,
                                                  intent):
    text = texts[0] if lang == "en" else texts[1]
    events, dispatcher = await answer(tracker, domain, form, slot, text, lang, intent=intent, slots=slots)
    assert sent(dispatcher) == expected(lang, key)
    assert events == [SlotSet(slot, None)]


@pytest.mark.parametrize("lang,text", [("en", "wait, what's a booking number?"),
                                       ("es", "¿qué es un número de registro?")])
async def test_a_question_the_faq_does_not_know_names_who_can_answer(tracker, domain, lang, text):
    events, dispatcher = await answer(tracker, domain, "vine_form", "offender_ref", text, lang)
    said = sent(dispatcher)[0]["text"]
    assert {"en": "victim services office", "es": "servicios a víctimas"}[lang] in said
    assert "1-800-799-7233" in said
    assert {"en": "I can tell you what VINE", "es": "Puedo explicarle qué son"}[lang] not in said
    assert events == [SlotSet("offender_ref", None)]  # the same question is asked again


@pytest.mark.parametrize("lang,text", [
    ("en", "Will dad ever see any of the money back? Is that something you handle?"),
    ("es", "Mi abuelo pregunta si le van a regresar su dinero, ¿eso lo ven ustedes?"),
])
async def test_a_question_outside_the_faq_gets_who_can_answer_it_for_the_program(tracker, domain, lang, text):
    # Once the general line (with the domestic-violence hotline) for a federal fraud case: now the program's own
    # people who can answer it, and the same question again
    events, dispatcher = await answer(tracker, domain, "vns_form", "contact_channel", text, lang,
                                      slots={"registering": "vns", "program": "vns"})
    assert sent(dispatcher) == expected(lang, "faq_unsourced", "human_vns")
    assert events == [SlotSet("contact_channel", None)]


# --- not understanding the facility question is never a facility's name --------------------------------

@pytest.mark.parametrize("lang,text", [("en", "I'm not sure what that means"), ("en", "what do you mean"),
                                       ("en", "not sure what this is asking"),
                                       ("es", "no entiendo la pregunta"), ("es", "no sé qué significa eso"),
                                       ("es", "¿qué significa eso?")])
@pytest.mark.parametrize("intent", ["inform", "dont_know", "nlu_fallback"])
async def test_confusion_at_the_facility_question_is_explained_not_stored(tracker, domain, lang, text, intent):
    from tests.actions.test_form_corrections import VINE, at, turn

    slots = at(lang, VINE, "facility", contact_channel=None, contact_address=None, quiet_hours=None)
    slots, seen = await turn(tracker, domain, "vine_form", slots, text, intent=intent)
    assert slots["facility"] is None and slots["requested_slot"] == "facility"
    assert seen[-1] == expected(lang, "ask_facility")[0] and len(seen) == 2  # an explanation, then the question
