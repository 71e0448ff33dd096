"""Issue 9, personas: confusion said in other words, with no question waiting and no status message ever
sent, gets what was just said put simply (never "nothing to explain"); answers to the custody question
that the classifiers took for a mention, a correction or out of scope are answers (en/es)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk.events import SlotSet

from actions.slots import ValidateSlotMappings
from actions.status import ActionExplainStatus
from actions.triage import ActionFallback, ActionGuide
from bot import faq
from tests.actions.support import LANGS, ent, expected, run, sent

PERSONAS = {
    "en": ["sorry what do u mean", "I'm sorry honey I don't understand", "I dont know much about this stuff",
           "can you say it another way", "k?"],
    "es": ["no le entendi, me lo dice otra vez?", "repítame la pregunta por favor", "Ay no sé, yo de eso no entiendo", "no le entiendo bien, no se mucho leer",
           "Disculpe, no le entiendo bien. Yo no sé mucho de estas cosas del teléfono.",
           "¿me lo puede decir de otra forma?", "¿qué significa eso?", "estoy perdida"],
}
ANSWERS = {
    "en": ["no sé", "i dont know", "not sure", "I do not know where he is",
           "is there another way to sign up?", "he is in another state", "k", "kk"],
    "es": ["no sé", "no sé nada", "no se donde esta", "no se el numero", "¿hay otra forma de inscribirme?",
           "es más fácil por teléfono?", "mi perro perdido"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_confusion_in_other_words_is_recognised_and_answers_are_not(lang):
    for text in PERSONAS[lang]:
        assert faq.is_confused(text), text
    for text in ANSWERS[lang]:
        assert not faq.is_confused(text), text


def replied(name):
    return [{"event": "action", "name": name, "timestamp": None},
            {"event": "bot", "text": "...", "timestamp": None}]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reply", ["utter_goodbye", "action_answer_faq", None])
async def test_lost_with_nothing_waiting_and_no_status_gets_it_put_simply(tracker, domain, lang, reply):
    for text in PERSONAS[lang]:
        built = tracker(text=text, intent="explain_status", events=replied(reply) if reply else (),
                        slots={"language": lang})
        events, dispatcher = await run(ActionExplainStatus(), built, domain)
        assert sent(dispatcher) == expected(lang, "clarify_recap"), text
        assert events == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("program", ["vine", "vns", "vnp"])
async def test_lost_after_a_program_was_explained_gets_it_put_simply(tracker, domain, lang, program):
    # The offer was declined ("not now": stage cleared); then "I don't understand": the program in plain
    # words, the sign-up and a person offered, and nothing changes.
    built = tracker(text=PERSONAS[lang][1], intent="explain_status", events=replied("action_guide"),
                    slots={"language": lang, "program": program, "stage": None})
    events, dispatcher = await run(ActionExplainStatus(), built, domain)
    assert sent(dispatcher) == expected(lang, f"clarify_recap_{program}")
    assert [b["payload"] for b in sent(dispatcher)[0]["buttons"]] == ["/register", "/human_handoff"]
    # the recap ends by offering the sign-up again: a plain "yes" next answers it
    assert [e for e in events if e.get("name") == "stage"] == [{"event": "slot", "timestamp": None,
                                                               "name": "stage", "value": f"offered:{program}"}]


@pytest.mark.parametrize("lang,text", [("en", "Sorry, I don't understand"), ("es", "no le entiendo bien")])
@pytest.mark.parametrize("action,intent", [
    (ActionFallback(), "nlu_fallback"), (ActionGuide(), "request_notification"), (ActionGuide(), "inform"),
])
async def test_lost_gets_the_same_plain_words_whatever_the_intent(tracker, domain, lang, text, action,
                                                                   intent):
    built = tracker(text=text, intent=intent, events=replied("utter_goodbye"), slots={"language": lang})
    events, dispatcher = await run(action, built, domain)
    assert sent(dispatcher) == expected(lang, "clarify_recap")
    assert [e for e in events if e["name"] != "registering"] == []  # the conversation stays where it was


@pytest.mark.parametrize("lang,text", [("en", "what does the notification mean?"),
                                       ("es", "¿qué significa el aviso?")])
async def test_a_question_about_a_status_message_itself_is_told_none_came_yet(tracker, domain, lang, text):
    built = tracker(text=text, intent="explain_status", slots={"language": lang})
    _, dispatcher = await run(ActionExplainStatus(), built, domain)
    assert sent(dispatcher) == expected(lang, "status_none_to_explain")


@pytest.mark.parametrize("lang", LANGS)
async def test_the_waiting_question_still_comes_first(tracker, domain, lang):
    built = tracker(text=PERSONAS[lang][0], intent="explain_status", events=replied("action_guide"),
                    slots={"language": lang, "stage": "asked_custody"})
    _, dispatcher = await run(ActionExplainStatus(), built, domain)
    assert sent(dispatcher) == expected(lang, "clarify_custody")


# --- the custody question answered -------------------------------------------------------------------

ASKED = {"language": "en", "stage": "asked_custody", "clarify_count": 1}
# (text, intent and entities as bot/nlu/component.py gives them, facts kept, program, state)
CUSTODY_ANSWERS = [
    ("en", "MDOC, Ionia Correctional Facility", "correct",
     [ent("custody", "state", "mention"), ent("us_state", "MI", "mention")], ["state"], "vine", "MI"),
    ("en", "Orleans parish, the justice center on Perdido", "inform", [ent("custody", "state")], ["state"],
     "vine", None),
    ("en", "ICE, Moshannon Valley Processing Center, Philipsburg PA", "nlu_fallback",
     [ent("custody", "ice", "mention"), ent("custody", "ice_custody", "mention"),
      ent("us_state", "PA", "mention")], ["ice", "ice_custody"], "vnp", "PA"),
    ("en", "the Hillside detention center", "nlu_fallback", [], ["state"], "vine", None),
    ("en", "an immigration detention center", "nlu_fallback", [], ["ice_custody"], "vnp", None),
    ("es", "Centro de detención de Adelanto, California", "nlu_fallback",
     [ent("custody", "ice_custody", "mention"), ent("us_state", "CA", "mention")], ["ice_custody"], "vnp",
     "CA"),
    ("es", "en el centro de detención de la ciudad", "nlu_fallback", [], ["state"], "vine", None),
    ("es", "lo tiene inmigración, en un centro de detención", "nlu_fallback", [], ["ice_custody"], "vnp",
     None),
    ("es", "la penitenciaría federal", "out_of_scope", [ent("custody", "federal", "mention")], ["federal"],
     "vns", None),
]


@pytest.mark.parametrize("lang,text,intent,found,facts,program,state", CUSTODY_ANSWERS)
async def test_at_the_custody_question_custody_words_are_kept_as_facts(tracker, domain, lang, text, intent,
                                                                       found, facts, program, state):
    built = tracker(text=text, intent=intent, entities=found, events=replied("action_guide"),
                    slots={**ASKED, "language": lang, "language_locked": True})
    events, _ = await run(ValidateSlotMappings(), built, domain)
    assert SlotSet("custody_facts", facts) in events
    assert SlotSet("program", program) in events
    if state:
        assert SlotSet("state", state) in events


@pytest.mark.parametrize("lang,text", [("en", "I don't understand, but ICE has him at Moshannon Valley"),
                                       ("es", "no entiendo, pero está en la cárcel del condado")])
async def test_at_the_custody_question_an_answer_said_with_confusion_counts(tracker, domain, lang, text):
    built = tracker(text=text, intent="explain_status", entities=[ent("custody", "ice_custody")],
                    events=replied("action_guide"), slots={**ASKED, "language": lang})
    from actions.clarify import explain_question
    from rasa_sdk.executor import CollectingDispatcher

    assert explain_question(CollectingDispatcher(), built) is None


@pytest.mark.parametrize("lang,text", [("en", "ICE, Moshannon Valley Processing Center, Philipsburg PA"),
                                       ("es", "Centro de detención de Adelanto, California")])
async def test_the_fallback_hands_an_answer_to_the_custody_question_to_triage(tracker, domain, lang, text):
    built = tracker(text=text, intent="nlu_fallback", entities=[ent("custody", "ice_custody", "mention")],
                    events=replied("action_guide"),
                    slots={**ASKED, "language": lang, "custody_facts": ["ice_custody"], "program": "vnp"})
    events, dispatcher = await run(ActionFallback(), built, domain)
    assert sent(dispatcher)[0] == expected(lang, "program_vnp")[0]
    assert SlotSet("stage", "offered:vnp") in events


@pytest.mark.parametrize("lang,text", [
    ("en", "how do I put money on my cousin's commissary at the county jail?"),
    ("es", "¿cómo le deposito dinero a mi primo en la cárcel del condado?"),
])
async def test_custody_named_in_passing_elsewhere_is_still_out_of_scope(tracker, domain, lang, text):
    built = tracker(text=text, intent="nlu_fallback", entities=[ent("custody", "state", "mention")],
                    events=replied("utter_goodbye"), slots={"language": lang})
    _, dispatcher = await run(ActionFallback(), built, domain)
    assert sent(dispatcher) == expected(lang, "out_of_scope")


def _extract(text: str, intent: str):
    from bot.nlu.component import FactExtractor
    from bot.nlu.facts import matcher

    extractor = FactExtractor.__new__(FactExtractor)
    extractor._matcher = matcher()
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}, ENTITIES: []})
    extractor.process([message])
    return message.get(INTENT)["name"], message.get(ENTITIES)


@pytest.mark.parametrize("text,lang", [("visiting hours at the Moshannon Valley Processing Center", "en"),
                                       ("horario de visitas del centro de detención de Adelanto", "es")])
def test_custody_words_taken_as_a_mention_go_to_the_fallback_not_straight_to_out_of_scope(text, lang):
    # The fact extractor cannot see the conversation: action_fallback decides (answer or out of scope).
    for intent in ("inform", "out_of_scope"):
        name, found = _extract(text, intent)
        assert name == "nlu_fallback"
        assert any(e["entity"] == "custody" and e.get("role") == "mention" for e in found)


@pytest.mark.parametrize("text,lang", [("ICE, Moshannon Valley Processing Center, Philipsburg PA", "en"),
                                       ("Centro de detención de Adelanto, California", "es")])
def test_a_message_that_only_names_a_place_of_custody_is_an_answer(text, lang):
    # Named alone, the place is where he is, asked or not ("hennepin county jail en minneapolis" as a first
    # message once left the program empty)
    for intent in ("inform", "out_of_scope"):
        name, found = _extract(text, intent)
        assert name == "inform"
        assert not any(e["entity"] == "custody" and e.get("role") == "mention" for e in found)


@pytest.mark.parametrize("lang,text,answer", [
    ("en", "ICE has him at Moshannon Valley", True),
    ("en", "how do I put money on his commissary at the county jail", False),
    ("es", "en la cárcel del condado de Harris", True),
    ("es", "¿cuál es el horario de visitas en la prisión federal?", False),
])
async def test_after_the_greeting_an_answer_counts_and_a_question_does_not(tracker, domain, lang, text,
                                                                          answer):
    from actions import custody_answer

    built = tracker(text=text, intent="nlu_fallback", entities=[ent("custody", "state", "mention")],
                    events=replied("utter_greet"), slots={"language": lang})
    assert custody_answer.is_answer(built) is answer


@pytest.mark.parametrize("lang,text", [("en", "what"), ("es", "¿qué?"), ("en", "?")])
async def test_not_understanding_while_a_sign_up_is_paused_offers_to_go_on(tracker, domain, lang, text):
    # After a danger answer paused the sign-up at the read-back, "what" got the general recap twenty times in
    # a row by SMS; it is told the sign-up is on hold, and a yes takes it up again
    from actions.clarify import explain_question

    built = tracker(text=text, intent="nlu_fallback", slots={"language": lang, "paused_form": "vine",
                                                               "program": "vine"})
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    events = explain_question(dispatcher, built)
    assert sent(dispatcher) == expected(lang, "form_paused_go_on")
    assert events == [SlotSet("stage", "offered:vine")]


@pytest.mark.parametrize("lang,text", [("es", "Bueno, sí, pero explíqueme primero eso del VINE que me mencionaron"),
                                       ("en", "yes, but first explain what VINE is")])
async def test_a_yes_said_with_a_question_at_the_offer_answers_it_and_starts_the_sign_up(tracker, domain, lang, text):
    # the question was answered and the offer made again, twenty-seven times, to a person who had said yes
    from actions.faq import ActionAnswerFaq

    built = tracker(text=text, intent="ask_faq", slots={"language": lang, "program": "vine", "stage": "offered:vine"})
    events, dispatcher = await run(ActionAnswerFaq(), built, domain)
    assert "registration_intro" in [m.get("response") for m in dispatcher.messages] or \
        any(e == SlotSet("registering", "vine") for e in events)
    assert SlotSet("registering", "vine") in events


@pytest.mark.parametrize("lang,text", [("es", "¿qué es VINE?"), ("en", "what is VINE?")])
async def test_a_question_at_the_offer_is_answered_and_the_offer_made_again(tracker, domain, lang, text):
    from actions.faq import ActionAnswerFaq

    built = tracker(text=text, intent="ask_faq", slots={"language": lang, "program": "vine", "stage": "offered:vine"})
    events, dispatcher = await run(ActionAnswerFaq(), built, domain)
    assert SlotSet("registering", "vine") not in events
    assert sent(dispatcher)[-1] == expected(lang, "offer_register")[0]


@pytest.mark.parametrize("lang,text", [("es", "si me inscribo, ¿él se va a enterar?"), ("es", "si lo deportan, ¿me avisan?")])
async def test_spanish_if_at_the_offer_is_not_a_yes(tracker, domain, lang, text):
    # a second reading found these started the sign-up without a yes
    from actions.faq import ActionAnswerFaq

    built = tracker(text=text, intent="ask_faq", slots={"language": lang, "program": "vine", "stage": "offered:vine"})
    events, dispatcher = await run(ActionAnswerFaq(), built, domain)
    assert SlotSet("registering", "vine") not in events


async def test_a_paused_sign_up_taken_up_again_is_no_longer_paused(tracker, domain):
    built = tracker(text="yes", intent="affirm", slots={"language": "en", "program": "vine", "stage": "offered:vine",
                                                        "paused_form": "vine"})
    events, _ = await run(ActionGuide(), built, domain)
    assert SlotSet("registering", "vine") in events and SlotSet("paused_form", None) in events
