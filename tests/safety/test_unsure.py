"""Unsure danger (issue 8): the danger answer goes out first either way; only a pattern or a classifier at
SURE or above pauses the conversation for the crisis follow-up. Below it the message is also answered as
what else it says (a question, an answer to the form), so a false alarm does not hold the sign-up hostage
("Im sorry I dont understand the question" once got 988 twenty times in a row)."""

from __future__ import annotations

import itertools

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety import gate, model
from tests.safety.test_model import _Fixed

_ids = itertools.count()
@pytest.mark.parametrize("text", [
    "is this the same as the other program my coworker told me about",
    "¿esto es lo mismo que el otro programa que me dijo mi compañera?",
])
@pytest.mark.parametrize("probability,sure", [(0.6, False), (0.79, False), (0.85, True), (0.99, True)])
def test_the_classifier_alone_is_sure_only_from_SURE(text, probability, sure):
    assessment = model.DangerModel(_Fixed(probability)).assess(text)
    assert assessment.danger and assessment.sure is sure


@pytest.mark.parametrize("text", ["he has a gun pointed at me right now",
                                  "tiene una pistola y me está apuntando ahorita mismo"])
def test_a_pattern_is_always_sure(text):
    assessment = model.DangerModel(_Fixed(0.01)).assess(text)
    assert assessment.danger and assessment.by_pattern and assessment.sure


def _nlu(text: str, intent: str, safety: dict):
    from bot.nlu.component import FactExtractor
    from bot.nlu.facts import matcher

    extractor = FactExtractor.__new__(FactExtractor)
    extractor._matcher = matcher()
    ranking = [{"name": intent, "confidence": 0.6}, {"name": "ask_faq", "confidence": 0.3}]
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.6}, INTENT_RANKING_KEY: ranking,
                            ENTITIES: [], "metadata": {"safety": safety}})
    extractor.process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize("text", ["will he find out that i signed up", "¿él se va a enterar de que me inscribí?"])
def test_after_an_unsure_danger_answer_the_message_is_read_as_what_it_says(text):
    unsure = {"kind": "violence", "answered": True, "sure": False, "language": None}
    assert _nlu(text, "ask_faq", unsure) == "ask_faq"
    assert _nlu(text, "crisis", unsure) == "ask_faq"  # the intent classifier's own "crisis" is not the decision
    sure = dict(unsure, sure=True)
    assert _nlu(text, "ask_faq", sure) == "crisis"


@pytest.mark.parametrize("text,lang", [("is this the same thing as the state one?", "en"),
                                       ("¿esto es lo mismo que lo del estado?", "es")])
def test_the_gate_answers_unsure_danger_first_and_tells_rasa_it_was_unsure(monkeypatch, text, lang):
    monkeypatch.setattr(gate, "assess", lambda text, question=None: model.Assessment("violence", 0.5, False, (), False))
    sender = f"test-unsure-{next(_ids)}"
    answer = gate.check(sender, text)
    assert answer["sure"] is False and "911" in answer["texts"][0].split(".")[0]

    class Incoming:
        sender_id, metadata = sender, {}

    message = Incoming()
    gate.mark(message, answer)
    assert message.metadata["safety"]["answered"] is True and message.metadata["safety"]["sure"] is False


@pytest.mark.parametrize("text", ["maine state prison warren. 12 years for the fire he set with me and the kids inside",
                                  "está en la cárcel del condado de Milwaukee, me amenazó con un cuchillo en la fiesta"])
def test_after_an_unsure_danger_answer_custody_facts_are_kept(text):
    # the classifier's "crisis" is not the decision, and what the message says of custody is the rest of it
    unsure = {"kind": "violence", "answered": True, "sure": False, "language": None}
    assert _nlu(text, "crisis", unsure) == "inform"


class _NumpyClassifier(_Fixed):
    """The real classifier answers with numpy arrays: what the gate derives from them must travel in JSON."""

    def predict_proba(self, texts):
        import numpy

        return numpy.array(super().predict_proba(texts))


@pytest.mark.parametrize("probability", [0.6, 0.95])
def test_the_gates_decision_travels_to_the_action_server_as_json(monkeypatch, probability):
    # numpy's bool once went into the message's metadata: Rasa could not send the tracker to the action
    # server, and every message answered by the classifier alone was dropped after the safety answer
    import json

    danger_model = model.DangerModel(_NumpyClassifier(probability))
    monkeypatch.setattr(gate, "assess", lambda text, question=None: danger_model.assess(text, question))
    sender = f"test-unsure-{next(_ids)}"
    answer = gate.check(sender, "is this the same thing as the other program my friend told me about")

    class Incoming:
        sender_id, metadata = sender, {}

    message = Incoming()
    gate.mark(message, answer)
    assert json.loads(json.dumps(message.metadata))["safety"]["sure"] is (probability >= model.SURE)


@pytest.mark.parametrize("text", ["SE ESCAPO DE LA CARCEL DE HIDALGO COUNTY Y ME ACABA DE MANDAR MENSAJE QUE VIENE PARA "
                                  "MI CASA EN PHARR",
                                  "ESCAPED FROM THE HIDALGO COUNTY JAIL AND JUST TEXTED HE IS COMING TO MY HOUSE"])
def test_custody_named_in_danger_is_a_fact_not_a_mention(text):
    from bot.nlu.component import FactExtractor
    from bot.nlu.facts import matcher

    extractor = FactExtractor.__new__(FactExtractor)
    extractor._matcher = matcher()
    message = Message(data={TEXT: text, INTENT: {"name": "crisis", "confidence": 0.9}, ENTITIES: [],
                            "metadata": {"safety": {"kind": "violence", "answered": True, "sure": True}}})
    extractor.process([message])
    custody = [e for e in message.get(ENTITIES) if e["entity"] == "custody"]
    assert custody and all(e.get("role") != "mention" for e in custody)


@pytest.mark.parametrize("text", ["how do i make it stop if i dont want em no more",
                                  "¿y cuánto cuesta esto? ya no puedo más con tantos gastos"])
def test_a_question_about_the_service_read_as_danger_by_the_classifier_alone_is_unsure(monkeypatch, text):
    # answered as danger first, and then as the question it is (the sign-up is not paused)
    monkeypatch.setattr(gate, "assess", lambda text, question=None: model.Assessment("self_harm", 0.85, False, (), True))
    answer = gate.check(f"test-unsure-{next(_ids)}", text)
    assert answer["sure"] is False and "988" in answer["texts"][0].split(".")[0]
    # very sure, it stays sure
    monkeypatch.setattr(gate, "assess", lambda text, question=None: model.Assessment("self_harm", 0.97, False, (), True))
    assert gate.check(f"test-unsure-{next(_ids)}", text)["sure"] is True


@pytest.mark.parametrize("text", ["took the pills. i took them. everything is spinning. please tell my daughter i love her",
                                  "me ahorcó hace rato y ahora me cuesta respirar"])
def test_a_statement_that_names_a_topic_is_not_a_question_about_the_service(monkeypatch, text):
    # a second reading found these made unsure by topics that match statements ("tell my daughter", "cuesta")
    monkeypatch.setattr(gate, "assess", lambda text, question=None: model.Assessment("self_harm", 0.85, False, (), True))
    assert gate.check(f"test-unsure-{next(_ids)}", text)["sure"] is True


def test_a_pattern_stays_sure_even_in_a_question_about_the_service(monkeypatch):
    monkeypatch.setattr(gate, "assess", lambda text, question=None: model.Assessment("self_harm", 0.95, True, (), True))
    assert gate.check(f"test-unsure-{next(_ids)}", "how do i stop the texts, i want to kill myself")["sure"] is True


class _Split:
    """Danger 0.95 split over two kinds (violence 0.85) in a sentence about someone sitting here; 0.7 elsewhere."""

    classes_ = ["none", "violence", "self_harm", "self_harm_attempt", "medical"]

    def predict_proba(self, texts):
        return [[0.05, 0.85, 0.10, 0.0, 0.0] if ("sitting" in t or "sentada" in t) and "." not in t.strip(" .")
                else [0.3, 0.0, 0.7, 0.0, 0.0] for t in texts]


@pytest.mark.parametrize("question,text", [
    ("offer", "Yes, she would like that. She's sitting here with me and said yes."),
    ("offer", "Sí, ella quiere. Está aquí sentada conmigo y dijo que sí."),
])
def test_an_answer_to_the_open_question_read_as_danger_by_the_classifier_alone_is_unsure(question, text):
    # answered as danger first, and still the yes it is (a sign-up was paused for good by a sure reading)
    # as the real classifier read it: one sentence at 0.95 of danger, no kind above 0.85
    assessment = model.DangerModel(_Split()).assess(text, question)
    assert assessment.danger and not assessment.sure
    assert model.DangerModel(_Fixed(0.97)).assess(text, question).sure  # very sure of one kind: sure
    assert model.DangerModel(_Split()).assess("he is at my door right now, he has a gun", question).sure


@pytest.mark.parametrize("question,text", [("offender_name", "quiero morirme, en serio"),
                                           ("quiet_hours", "no quiero estar mas en este mundo"),
                                           ("offender_name", "he's hitting her right now")])
def test_danger_that_does_not_parse_as_the_answer_stays_sure(question, text):
    # a second reading found "quiero morirme, en serio" stored as the person's name ("Quiero Morirme")
    assert model.DangerModel(_Fixed(0.85)).assess(text, question).sure
