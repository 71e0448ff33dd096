"""action_guide, action_fallback and action_human_handoff."""

from __future__ import annotations

import pytest
import yaml
from rasa_sdk.events import SlotSet

from actions.triage import ActionFallback, ActionGuide, ActionHumanHandoff
from bot import directory, reference
from tests.actions.support import LANGS, expected, run, sent, slot_sets

GUIDE = ActionGuide()


def services(code, lang):
    """The catalog message with a state's corrections victim services, from data/directory/."""
    doc = directory.state_services(code)["corrections_victim_services"]
    values = {"service_name": doc[f"name_{lang}"], "service_url": doc["url"]}
    if doc.get("phone"):
        return ("state_services_phone", {**values, "service_phone": doc["phone"]})
    return ("state_services", values)


def own_program(code, lang, state_name):
    own = directory.state_services(code)["own_notification_program"]
    return ("state_own_program", {"state_name": state_name, "program_name": own["name"], "program_url": own["url"]})


def texas(lang):
    """Texas's contacts: TDCJ's own notification system (IVSS), then its victim services office."""
    return [own_program("TX", lang, reference.state_name("TX", lang)), services("TX", lang)]


async def guide(tracker, domain, **kwargs):
    return await run(GUIDE, tracker(**kwargs), domain)


# --- explaining a program --------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
async def test_vine_with_texas_contacts_and_offer(tracker, domain, lang):
    events, dispatcher = await guide(tracker, domain, intent="inform", slots={"language": lang, "program": "vine", "state": "TX"})
    assert sent(dispatcher) == expected(lang, "program_vine", *texas(lang), "safety_line", "offer_register")
    assert "+1-800-848-4284" in sent(dispatcher)[2]["text"]  # the TDCJ victim services line
    assert events == slot_sets(stage="offered:vine", clarify_count=0, registering=None)


@pytest.mark.parametrize("lang", LANGS)
async def test_a_prison_taken_as_the_states_says_a_federal_one_is_another_program(tracker, domain, lang):
    # "he's in prison in Texas", no federal word: VINE (most prisons are the states'), and the reply says so
    _, dispatcher = await guide(tracker, domain, intent="inform", slots={
        "language": lang, "program": "vine", "state": "TX", "custody_facts": ["prison"]})
    assert sent(dispatcher) == expected(
        lang, "program_vine", "vine_assumed_state_prison", *texas(lang), "safety_line", "offer_register")
    assert ("federal" in sent(dispatcher)[1]["text"]) and ("prison" in sent(dispatcher)[1]["text"] or
                                                            "prisión" in sent(dispatcher)[1]["text"])


@pytest.mark.parametrize("lang", LANGS)
async def test_a_state_prison_said_as_such_needs_no_such_line(tracker, domain, lang):
    _, dispatcher = await guide(tracker, domain, intent="inform", slots={
        "language": lang, "program": "vine", "state": "TX", "custody_facts": ["state"]})
    assert sent(dispatcher) == expected(lang, "program_vine", *texas(lang), "safety_line", "offer_register")


@pytest.mark.parametrize("lang,state_name", [("en", "Washington"), ("es", "Washington")])
async def test_vine_with_state_own_program_and_services(tracker, domain, lang, state_name):
    _, dispatcher = await guide(tracker, domain, intent="inform", slots={"language": lang, "program": "vine", "state": "WA"})
    assert sent(dispatcher) == expected(
        lang, "program_vine", own_program("WA", lang, state_name), services("WA", lang), "safety_line", "offer_register")


OWN_PROGRAM_STATES = sorted(
    code for code in yaml.safe_load((directory.DIRECTORY_DIR / "state_services.yml").read_text())["states"]
    if directory.state_services(code).get("own_notification_program")
)


def test_own_program_states_include_the_surveyed_ones():
    # Issue 9 item 8: every state whose prisons notify through a system of their own.
    assert {"AL", "AZ", "CA", "CT", "GA", "ID", "IN", "MA", "MN", "NC", "OR", "PA", "SD", "TX", "VA", "WA", "WI",
            "WY"} <= set(OWN_PROGRAM_STATES)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", OWN_PROGRAM_STATES)
async def test_vine_names_every_state_own_program(tracker, domain, lang, code):
    _, dispatcher = await guide(tracker, domain, intent="inform",
                                slots={"language": lang, "program": "vine", "state": code})
    state_name = reference.state_name(code, lang)
    assert state_name
    own = directory.state_services(code)["own_notification_program"]
    texts = [m["text"] for m in sent(dispatcher)]
    assert expected(lang, own_program(code, lang, state_name))[0]["text"] in texts
    assert any(own["name"] in text and own["url"] in text for text in texts)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("state", [None, "VT"])
async def test_vine_without_directory_entry_has_no_contacts(tracker, domain, lang, state):
    _, dispatcher = await guide(tracker, domain, intent="inform", slots={"language": lang, "program": "vine", "state": state})
    assert sent(dispatcher) == expected(lang, "program_vine", "safety_line", "offer_register")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("program", ["vns", "vnp"])
async def test_vns_and_vnp_never_show_state_contacts(tracker, domain, lang, program):
    events, dispatcher = await guide(tracker, domain, intent="inform",
                                     slots={"language": lang, "program": program, "state": "TX"})
    assert sent(dispatcher) == expected(lang, f"program_{program}", "safety_line", "offer_register")
    assert events == slot_sets(stage=f"offered:{program}", clarify_count=0, registering=None)


@pytest.mark.parametrize("lang", LANGS)
async def test_two_programs(tracker, domain, lang):
    events, dispatcher = await guide(tracker, domain, intent="inform",
                                     slots={"language": lang, "program": "vine", "also_program": "vnp", "state": "TX"})
    assert sent(dispatcher) == expected(
        lang, "two_programs", "program_vine", *texas(lang), "program_vnp", "safety_line", "offer_register")
    assert events == slot_sets(stage="offered:vine", clarify_count=0, registering=None)


@pytest.mark.parametrize("lang", LANGS)
async def test_program_already_offered_adds_the_state_contacts(tracker, domain, lang):
    # "It's in Texas" after VINE was explained: only the new contacts, then a plain yes/no question (the
    # offer itself is not made twice in a row, issue 9).
    events, dispatcher = await guide(tracker, domain, intent="inform",
                                     slots={"language": lang, "program": "vine", "state": "TX", "stage": "offered:vine"})
    assert sent(dispatcher) == expected(lang, *texas(lang), "offer_yes_no")
    assert events == slot_sets(clarify_count=1, registering=None)


@pytest.mark.parametrize("lang", LANGS)
async def test_program_already_offered_other_intent_asks_plainly(tracker, domain, lang):
    events, dispatcher = await guide(tracker, domain, text="hmm", intent="request_notification",
                                     slots={"language": lang, "program": "vine", "state": "TX", "stage": "offered:vine"})
    assert sent(dispatcher) == expected(lang, "offer_yes_no")
    assert events == slot_sets(clarify_count=1, registering=None)


# --- answers to the offer --------------------------------------------------------------------

@pytest.mark.parametrize("lang,text", [("en", "yes"), ("es", "sí")])
@pytest.mark.parametrize("program", ["vine", "vns", "vnp"])
async def test_yes_after_the_offer_starts_registering(tracker, domain, lang, text, program):
    events, dispatcher = await guide(tracker, domain, text=text, intent="affirm",
                                     slots={"language": lang, "program": program, "stage": f"offered:{program}"})
    assert sent(dispatcher) == expected(lang, "registration_intro")
    assert events == slot_sets(registering=program, stage=None, bad_attempts=0)


async def test_yes_to_the_second_program_offer_registers_that_program(tracker, domain):
    # After a VINE sign-up, stage is offered:vnp while program is still vine.
    events, _ = await guide(tracker, domain, text="yes", intent="affirm",
                            slots={"program": "vine", "also_program": "vnp", "stage": "offered:vnp"})
    assert events == slot_sets(registering="vnp", stage=None, bad_attempts=0)


@pytest.mark.parametrize("lang,text", [("en", "not now"), ("es", "ahora no")])
async def test_no_after_the_offer(tracker, domain, lang, text):
    events, dispatcher = await guide(tracker, domain, text=text, intent="deny",
                                     slots={"language": lang, "program": "vine", "stage": "offered:vine"})
    assert sent(dispatcher) == expected(lang, "not_now")
    assert events == slot_sets(stage=None, clarify_count=0, registering=None)


@pytest.mark.parametrize("lang,text", [("en", "sign me up"), ("es", "inscribirme")])
async def test_register_intent_with_a_known_program(tracker, domain, lang, text):
    events, dispatcher = await guide(tracker, domain, text=text, intent="register", slots={"language": lang, "program": "vns"})
    assert sent(dispatcher) == expected(lang, "registration_intro")
    assert events == slot_sets(registering="vns", stage=None, bad_attempts=0)


# --- clarifying questions --------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
async def test_at_most_two_clarifying_questions(tracker, domain, lang):
    first, d1 = await guide(tracker, domain, intent="request_notification", slots={"language": lang})
    assert sent(d1) == expected(lang, "ask_custody")
    assert first == slot_sets(stage="asked_custody", clarify_count=1, registering=None)
    second, d2 = await guide(tracker, domain, intent="inform", slots={"language": lang, "stage": "asked_custody", "clarify_count": 1})
    assert sent(d2) == expected(lang, "ask_custody")
    assert second == slot_sets(stage="asked_custody", clarify_count=2, registering=None)
    third, d3 = await guide(tracker, domain, intent="inform", slots={"language": lang, "stage": "asked_custody", "clarify_count": 2})
    assert sent(d3) == expected(lang, "dont_know_custody")
    assert third == slot_sets(stage=None, clarify_count=0, registering=None)


@pytest.mark.parametrize("lang,text", [("en", "I don't know"), ("es", "no sé")])
async def test_dont_know_gets_the_general_answer(tracker, domain, lang, text):
    events, dispatcher = await guide(tracker, domain, text=text, intent="dont_know",
                                     slots={"language": lang, "stage": "asked_custody", "clarify_count": 1})
    assert sent(dispatcher) == expected(lang, "dont_know_custody")
    assert events == slot_sets(stage=None, clarify_count=0, registering=None)


@pytest.mark.parametrize("lang", LANGS)
async def test_prison_asks_state_or_federal(tracker, domain, lang):
    events, dispatcher = await guide(tracker, domain, intent="inform", slots={"language": lang, "custody_facts": ["prison"]})
    assert sent(dispatcher) == expected(lang, "ask_state_or_federal")
    assert events == slot_sets(stage="asked_custody", clarify_count=1, registering=None)


async def test_affirm_without_an_offer_asks_about_custody(tracker, domain):
    events, dispatcher = await guide(tracker, domain, text="yes", intent="affirm")
    assert sent(dispatcher) == expected("en", "ask_custody")
    assert events[-1] == SlotSet("registering", None)


# --- fallback and human handoff --------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text,key", [("🙂🙂🙂", "input_unreadable"), ("<b>hi</b>", "input_unreadable"),
                                      ("purple elephants dance", "fallback")])
async def test_fallback(tracker, domain, lang, text, key):
    events, dispatcher = await run(ActionFallback(), tracker(text=text, slots={"language": lang}), domain)
    assert sent(dispatcher) == expected(lang, key)
    assert events == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "slots,extra",
    [
        ({}, []),
        ({"program": "vns", "state": "TX"}, ["human_vns"]),  # the VNS line, not the state's
        ({"program": "vine", "state": "TX"}, ["tx"]),
        ({"state": "TX"}, ["tx"]),
        ({"program": "vine", "state": "VT"}, []),
    ],
)
async def test_human_handoff(tracker, domain, lang, slots, extra):
    events, dispatcher = await run(ActionHumanHandoff(), tracker(intent="human_handoff", slots={"language": lang, **slots}), domain)
    extra = [c for e in extra for c in (texas(lang) if e == "tx" else [e])]
    assert sent(dispatcher) == expected(lang, "human", "talk_988", *extra)
    assert "1-800-799-7233" in sent(dispatcher)[0]["text"]
    assert events == []


# --- issue 9: yes and no at the offer in the person's words, whatever the classifier said -------------

OFFER_YES = [
    ("es", "Sí por favor, quiero que me avisen", "inform"),
    ("es", "si pero ahorita estoy asustada, si quiero q me avisen", "nlu_fallback"),
    ("es", "si, quiero saber cuando tenga corte y si lo vuelven a arrestar", "request_notification"),
    ("es", "Sí, regístrela a ella, yo le leo los correos", "inform"),
    ("es", "Sí, por favor, a nombre de ella", "inform"),
    ("es", "claro que sí, avíseme", "affirm"),
    ("es", "quiero que me avisen cuando salga", "inform"),
    ("en", "yes i need to know next time", "inform"),
    ("en", "Yes, we would appreciate that.", "affirm"),  # "thank" before the component made it affirm
    ("en", "of course, please do", "out_of_scope"),
    ("en", "yeah keep me posted", "nlu_fallback"),
    ("en", "ok sign her up", "inform"),
]
OFFER_NO = [
    ("es", "No gracias, ya me llegan las cartas por correo, con eso estoy bien", "inform"),
    ("es", "ahorita no, gracias", "inform"),
    ("es", "no, mejor después", "nlu_fallback"),
    ("en", "nah im good for now", "inform"),
    ("en", "not now, maybe later", "request_notification"),
    ("en", "no thanks, i already get letters", "affirm"),
]


@pytest.mark.parametrize("lang,text,intent", OFFER_YES)
async def test_offer_yes_in_words_starts_the_form(tracker, domain, lang, text, intent):
    events, dispatcher = await guide(tracker, domain, text=text, intent=intent,
                                     slots={"language": lang, "program": "vine", "stage": "offered:vine"})
    assert sent(dispatcher) == expected(lang, "registration_intro")
    assert {"event": "slot", "name": "registering", "value": "vine", "timestamp": None} in events
    # An intent without a rule for the form (anything but affirm/register) has the form run next.
    follow = [e for e in events if e.get("event") == "followup"]
    assert follow == ([] if intent == "affirm"
                      else [{"event": "followup", "name": "vine_form", "timestamp": None}])


@pytest.mark.parametrize("lang,text,intent", OFFER_NO)
async def test_offer_no_in_words_is_not_now(tracker, domain, lang, text, intent):
    events, dispatcher = await guide(tracker, domain, text=text, intent=intent,
                                     slots={"language": lang, "program": "vine", "stage": "offered:vine"})
    assert sent(dispatcher) == expected(lang, "not_now")
    assert events == slot_sets(stage=None, clarify_count=0, registering=None)


@pytest.mark.parametrize("lang,text,intent", [("en", "yes we would appreciate that", "nlu_fallback"),
                                              ("es", "Sí, por favor, a nombre de ella", "nlu_fallback"),
                                              ("es", "No gracias, ya me llegan las cartas", "nlu_fallback")])
async def test_fallback_reads_the_offer_answer(tracker, domain, lang, text, intent):
    fallback = ActionFallback()
    events, dispatcher = await run(fallback, tracker(text=text, intent=intent, slots={
        "language": lang, "program": "vns", "stage": "offered:vns"}), domain)
    said_yes = not text.startswith("No")
    assert sent(dispatcher) == expected(lang, "registration_intro" if said_yes else "not_now")


@pytest.mark.parametrize("lang,unclear", [("en", ["hmm", "idk maybe", "my sister too maybe"]),
                                          ("es", ["mmm", "no sé, tal vez", "mi hermana también tal vez"])])
async def test_offer_is_never_repeated_twice_in_a_row(tracker, domain, lang, unclear):
    # Unclear: a plain yes/no question once, then how to sign up later; the offer is not made again.
    slots = {"language": lang, "program": "vine", "stage": "offered:vine", "clarify_count": 0}
    seen = []
    for text in unclear:
        events, dispatcher = await guide(tracker, domain, text=text, intent="inform", slots=slots)
        seen.append([m["text"] for m in sent(dispatcher)])
        slots = {**slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
        assert slots["registering"] is None
    from bot.messages import render
    assert seen[0] == [render("offer_yes_no", lang)["text"]]
    assert seen[1] == [render("offer_left_open", lang)["text"]]
    assert render("offer_register", lang)["text"] not in sum(seen, [])
    assert all(a != b for a, b in zip(seen, seen[1:]))
    assert slots["stage"] == "offered:vine"  # still open: a later "yes" signs up
    events, dispatcher = await guide(tracker, domain, text={"en": "yes", "es": "sí"}[lang], intent="affirm",
                                     slots=slots)
    assert sent(dispatcher) == expected(lang, "registration_intro")


@pytest.mark.parametrize("lang,text", [("en", "yes thank you"), ("es", "sí, muchas gracias")])
async def test_yes_thanks_with_no_offer_open_is_thanks(tracker, domain, lang, text):
    events, dispatcher = await guide(tracker, domain, text=text, intent="affirm",
                                     slots={"language": lang, "program": "vine", "stage": None})
    assert [m.get("response") for m in dispatcher.messages] == ["utter_welcome"]


@pytest.mark.parametrize("lang,text", [
    ("en", "ye"), ("en", "yah"), ("en", "ya"), ("en", "i guess so"), ("en", "go ahead"), ("en", "do it"),
    ("en", "sounds right"), ("es", "simon"), ("es", "sale"), ("es", "va"), ("es", "oki"),
    ("es", "creo que si"), ("es", "supongo que si"), ("es", "asi mero"),
])
async def test_everyday_yes_to_the_offer_starts_registering(tracker, domain, lang, text):
    # The benchmark's yeses (faq9), heard by the classifier as anything.
    events, dispatcher = await guide(tracker, domain, text=text, intent="nlu_fallback",
                                     slots={"language": lang, "program": "vine", "stage": "offered:vine"})
    assert sent(dispatcher) == expected(lang, "registration_intro")
    assert SlotSet("registering", "vine") in events


async def test_ya_alone_does_not_accept_the_offer_in_spanish(tracker, domain):
    events, _ = await guide(tracker, domain, text="ya", intent="nlu_fallback",
                            slots={"language": "es", "program": "vine", "stage": "offered:vine"})
    assert SlotSet("registering", "vine") not in events


@pytest.mark.parametrize("lang,text,program,who", [
    ("en", "if he gets deported can he come back? he said he would", "vnp", "help_vnp"),
    ("es", "¿Y por lo que me hizo a mí todavía lo pueden acusar? La policía nunca hizo nada.", "vns", "human_vns"),
    ("en", "i am so angry that the system just forgot about me. who do i complain to", "vns", "human_vns"),
    ("es", "y si lo deportan, ¿puede volver a entrar?", "vnp", "help_vnp"),
])
async def test_a_question_at_the_offer_gets_who_can_answer_it_and_the_offer_again(tracker, domain, lang, text,
                                                                                  program, who):
    # never "yes or no?" as if nothing had been asked: no checked answer here, who can answer for this
    # program, and the offer stays open
    events, dispatcher = await guide(tracker, domain, text=text, intent="inform",
                                     slots={"language": lang, "program": program, "stage": f"offered:{program}"})
    assert sent(dispatcher) == expected(lang, "faq_unsourced", who, "offer_register")
    assert all(e.get("name") != "registering" or e.get("value") is None for e in events)


@pytest.mark.parametrize("lang,text", [("en", "uh maybe, how long does this all take"),
                                       ("es", "mmm tal vez, y eso cuánto se tarda")])
async def test_out_of_scope_at_the_offer_keeps_the_offer_open(tracker, domain, lang, text):
    # "I'm sorry, I can't help with that" 28 times in a row once stalled a conversation at the offer
    from actions.triage import ActionOutOfScope

    built = tracker(slots={"language": lang, "program": "vns", "stage": "offered:vns"}, text=text,
                    intent="out_of_scope")
    events, dispatcher = await run(ActionOutOfScope(), built, domain)
    assert sent(dispatcher) != expected(lang, "out_of_scope")
    assert sent(dispatcher)[-1]["text"] in (expected(lang, "offer_register")[0]["text"],
                                            expected(lang, "offer_yes_no")[0]["text"])


@pytest.mark.parametrize("lang,text", [("en", "how do I apply for a federal job?"),
                                       ("es", "¿cómo aplico para un trabajo federal?")])
async def test_out_of_scope_without_an_offer_is_still_out_of_scope(tracker, domain, lang, text):
    from actions.triage import ActionOutOfScope

    built = tracker(slots={"language": lang}, text=text, intent="out_of_scope")
    events, dispatcher = await run(ActionOutOfScope(), built, domain)
    assert sent(dispatcher) == expected(lang, "out_of_scope") and events == []


@pytest.mark.parametrize("lang,text", [
    ("es", "Hola, a mi mamá le pegaron y le robaron la cartera en el estacionamiento del Walmart. Tiene 70 años."),
    ("en", "somebody mugged my dad outside the laundromat and broke his glasses, he's 81"),
])
async def test_a_crime_told_without_custody_is_never_out_of_scope(tracker, domain, lang, text):
    # once answered "Lo siento, no puedo ayudarle con eso": where the person who did it is now is asked
    from actions.triage import ActionOutOfScope

    built = tracker(slots={"language": lang}, text=text, intent="out_of_scope")
    events, dispatcher = await run(ActionOutOfScope(), built, domain)
    assert sent(dispatcher) != expected(lang, "out_of_scope")
    assert any(e.get("name") == "stage" and e.get("value") == "asked_custody" for e in events)


@pytest.mark.parametrize("lang,text", [("en", "uh maybe, how long does it take"),
                                       ("es", "mmm a lo mejor, cuánto tiempo toma esto")])
async def test_the_same_question_again_at_the_offer_is_not_answered_with_the_same_paragraph(tracker, domain, lang,
                                                                                            text):
    # once the same answer 29 times in a row: the second time, the offer is asked plainly
    from actions.triage import ActionGuide

    slots = {"language": lang, "program": "vns", "stage": "offered:vns", "clarify_count": 0}
    first = tracker(text=text, intent="ask_faq", slots=slots)
    _, dispatcher = await run(ActionGuide(), first, domain)
    once = [m["text"] for m in sent(dispatcher)]
    again = tracker(text=text, intent="ask_faq", slots=slots,
                    events=[{"event": "user", "text": text}, {"event": "bot", "text": once[-1]}])
    _, dispatcher = await run(ActionGuide(), again, domain)
    assert [m["text"] for m in sent(dispatcher)] == [m["text"] for m in expected(lang, "offer_yes_no")]
    assert once != [m["text"] for m in expected(lang, "offer_yes_no")]
