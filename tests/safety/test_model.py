"""The danger assessment (bot/safety/model.py) and the answer it leads to, in English and Spanish.

Each kind of danger is answered with its number in the first sentence (911; 988 for thoughts of
suicide); a negated danger word is not an emergency on its own; every pattern of
data/reference/danger_terms.yml earns its place by matching danger written by the training writers.
"""

from __future__ import annotations

import functools
import re

import pytest

from bot.nlu.text import normalize
from bot.safety import gate, model

FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def first_sentence(text: str) -> str:
    return FIRST_SENTENCE.split(text, maxsplit=1)[0]


# (text, kind): one per kind and language, including indirect wording without "danger" or "911".
DANGER = [
    ("he's at the door right now and he has a gun", "violence"),
    ("está afuera de mi casa y me va a matar", "violence"),
    ("he kicked the back door in, I'm hiding in the closet", "violence"),
    ("se metió a la casa, estoy escondida en el baño", "violence"),
    ("I want to kill myself", "self_harm"),
    ("ya no quiero vivir", "self_harm"),
    ("i took a bunch of pills", "self_harm_attempt"),
    ("me tomé un montón de pastillas", "self_harm_attempt"),
    ("he stabbed me and i can't breathe", "medical"),
    ("me pegó en la cabeza y no puedo respirar", "medical"),
]

# (text, kind): the signs added after the 2026-12 blind measurement (an escape, being looked for, "it's
# happening now", a way to die named as an urge, goodbye letters, not expecting to live to a date).
SIGNS = [
    ("the news says he escaped from the county jail, I'm home alone", "violence"),
    ("dicen que se fugó del penal, estoy sola con los niños", "violence"),
    ("his cousin is asking around where I live", "violence"),
    ("anda preguntando dónde vivo", "violence"),
    ("the same knocking as before. it's happening now", "violence"),
    ("está pasando ahorita, los mismos golpes en la ventana", "violence"),
    ("every day I want to step in front of a train", "self_harm"),
    ("pienso en tirarme del puente de camino al trabajo", "self_harm"),
    ("I wrote letters to my kids tonight", "self_harm"),
    ("ya escribí mi carta para mis hijos", "self_harm"),
    ("i dont think ill make it to christmas", "self_harm"),
    ("no creo que llegue a navidad", "self_harm"),
    # after the blind sets of 2026-12-07 (dev_e): SMS shorthand, someone else's words or acts, blood
    ("he on da way rn, said u better b home", "violence"),
    ("me escribió que más te vale estar en la casa cuando llegue", "violence"),
    ("my daughter says she'll kill herself if he comes back", "self_harm"),
    ("mi hija dice que se va a matar si él sale", "self_harm"),
    ("she gave away all her clothes and her phone today", "self_harm"),
    ("hoy regaló toda su ropa a sus primas", "self_harm"),
    ("my friend took a whole bottle of sleeping pills", "self_harm_attempt"),
    ("mi prima se tomó un frasco de pastillas", "self_harm_attempt"),
    ("my shirt is soaked through where he cut me", "medical"),
    ("estoy empapada de sangre", "medical"),
    ("they sent me a video of my son tied up", "violence"),
    ("a mi hijo lo tienen amarrado, me mandaron un video", "violence"),
    ("we can't wake him up after they beat him", "medical"),
    ("no lo podemos despertar desde que le pegaron", "medical"),
    # after dev_g (2026-12-07): a child writing that a parent is hurt now, a child taken by force, a farewell
    # written only so someone knows, someone trying to drown the person
    ("daddy is hitting mommy again, im in my room", "violence"),
    ("mi papá le está pegando a mi mamá ahorita", "violence"),
    ("he grabbed my son out of the yard and threw him in his truck", "violence"),
    ("agarró a mi hija afuera de la escuela y se fue en su camioneta", "violence"),
    ("i just wanted someone to know before", "self_harm"),
    ("solo quería que alguien supiera", "self_harm"),
    ("me quiere ahogar en la tina", "violence"),
    ("he's trying to drown me in the bathtub", "violence"),
    # after en9-/es9-: a threat posted or sent on release, life judged not worth it today
    ("he got out today and already tagged my street on facebook", "violence"),
    ("me mandó un audio: ya salí, ya sabes lo que sigue", "violence"),
    ("me pregunto si vale la pena, y hoy me respondí que no", "self_harm"),
    ("honestly life is not worth living anymore", "self_harm"),
]


@pytest.mark.parametrize("text,kind", SIGNS)
def test_signs_of_danger_said_without_the_obvious_words(text, kind):
    assert model.pattern_kind(normalize(text)) == kind


@pytest.mark.parametrize("text,kind", DANGER)
def test_each_kind_is_recognised(text, kind):
    assessment = model.assess(text)
    assert assessment.danger
    assert assessment.kind == kind or (kind == "medical" and assessment.kind in ("medical", "violence"))


@pytest.mark.parametrize("text,kind", DANGER)
def test_the_answer_opens_with_the_emergency_number(text, kind):
    language = "es" if any(c in text for c in "áéíóúñ") or " la " in text or " mi " in text else "en"
    answer = gate.messages_for(model.assess(text), language)[0]
    opening = first_sentence(answer)
    if kind == "self_harm":
        assert "988" in opening and "911" in opening  # 988 now; 911 if an attempt is under way
    else:
        assert "911" in opening


@pytest.mark.parametrize("text", [
    "I'm not in danger right now but I'm scared, he gets out of county jail next week",
    "ya le dije que NO estoy en peligro, solo quiero saber cuándo sale",
    "my federal tax refund is late, who do I call",
    "he abused me for years, he's in county jail now",
    "me golpeaba hace años, ahora está en la cárcel del condado",
    "what are the visiting hours at the state prison?",
])
def test_distress_or_history_is_not_an_emergency(text):
    assert not model.assess(text).danger


def test_a_negated_pattern_does_not_decide_alone():
    assert model.pattern_kind(normalize("i am in danger now")) == "violence"
    assert model.pattern_kind(normalize("i am not in danger now")) is None


@pytest.mark.parametrize("text,kind", [
    ("years ago he told me in court he'd kill me when he gets out. that was 2014. when is his release date", None),
    ("hace años me amenazaba con un cuchillo, ahora está preso en Huntsville", None),
    ("I keep dreaming he's in the house with a knife", None),
    # Something happening now still decides, even in a story about the past.
    ("he got out in 2019 and he is outside my door right now", "violence"),
    ("me pegaba hace años y ahorita está afuera de mi casa", "violence"),
])
def test_a_story_told_in_the_past_is_not_decided_by_a_pattern(text, kind):
    assert model.pattern_kind(normalize(text)) == kind


def test_a_long_story_with_the_danger_at_the_end_is_danger():
    story = ("My ex did three years at the state prison for what he did to me. I moved to another city, "
             "changed my number, started over, and I wanted to sign up for the alerts in case he gets out. "
             "But he is standing outside my apartment right now.")
    assert model.assess(story).kind == "violence"


@functools.lru_cache(maxsize=1)
def _training_danger():
    # Read once for all the patterns (reading the training data takes seconds).
    return tuple(normalize(t) for t, label in model.training_examples() if label != model.NONE)


@pytest.mark.parametrize("kind,pattern", [(k, p.pattern) for k, ps in model.patterns().items() for p in ps])
def test_each_pattern_matches_danger_written_by_the_writers(kind, pattern):
    compiled = re.compile(pattern)
    assert any(compiled.search(text) for text in _training_danger()), f"{kind}: {pattern} matches no danger example"


def test_unknown_language_gets_both_languages():
    answers = gate.messages_for(model.Assessment("violence", 1.0, True), None)
    assert len(answers) == 2 and "911" in first_sentence(answers[0]) and "911" in first_sentence(answers[1])


def test_the_classifier_never_stops_a_message(monkeypatch):
    def broken():
        raise RuntimeError("no model")

    model._assess.cache_clear()
    monkeypatch.setattr(model, "model", broken)
    try:
        assert model.assess("he is breaking in right now").danger  # the patterns still answer
        assert not model.assess("hello").danger
    finally:
        model._assess.cache_clear()


@pytest.mark.parametrize("text,danger", [
    ("ahorita no estoy en peligro pero tengo mucho miedo, sale la semana que viene", False),
    ("I'm safe now at my sister's, I just want to know when he gets out", False),
    ("I'm not in danger but he's outside my door right now", True),  # what is happening wins
])
def test_said_safe_needs_more_than_the_classifier(text, danger):
    assert model.assess(text).danger is danger


@pytest.mark.parametrize("text", [
    "Nobody is coming, the door is locked and my sister is here. I'm just shaking.",
    "She's safe now and he can't get to her, I just can't stop thinking about it",
    "nadie me ha amenazado, estoy sana, solo me da miedo pensar en cuando salga",
    "mis hijos ya están a salvo, pero yo no duermo pensando en lo que pasó",
])
def test_safety_said_of_oneself_or_of_others_counts_as_said_safe(text):
    assert model._SAID_SAFE.search(normalize(text))


@pytest.mark.parametrize("text,past", [
    ("back when it all happened i took pills. that was years ago and im glad im still here", True),
    ("years ago he beat me and now he is still here in the parking lot", False),
])
def test_im_still_here_is_being_alive_not_him_being_here(text, past):
    assert model.told_as_past(normalize(text)) is past


@pytest.mark.parametrize("text,danger", [
    ("no sé", False), ("ok", False), ("texas", False), ("sí", False), ("este chat", False),
    ("help", True), ("ayuda", True), ("auxilio", True), ("kms", True),
])
def test_one_or_two_words(text, danger):
    assert model.assess(text).danger is danger


def test_a_huge_message_is_read_by_its_beginning_and_end():
    filler = "we talked about the case and the paperwork for a long time. " * 4000  # about 240 KB
    assert model.assess(filler + "and now he is breaking in through the back door").kind == "violence"
    assert not model.assess(filler).danger


class _Fixed:
    """A stand-in classifier that gives every text the same probabilities."""

    classes_ = ["none", "violence", "self_harm", "self_harm_attempt", "medical"]

    def __init__(self, danger: float) -> None:
        self.row = [1.0 - danger, danger, 0.0, 0.0, 0.0]

    def predict_proba(self, texts):
        return [self.row for _ in texts]


@pytest.mark.parametrize("story,now", [
    ("two years ago he robbed me at gunpoint and I still can't sit with my back to a door",
     "two years ago he robbed me at gunpoint and he is back right now"),
    ("hace dos años me asaltó con una pistola y todavía no puedo sentarme de espaldas a la puerta",
     "hace dos años me asaltó con una pistola y ahorita mismo volvió"),
])
def test_a_story_of_the_past_must_be_surer_than_a_message_about_now(story, now):
    unsure = model.DangerModel(_Fixed(0.5))
    assert not unsure.assess(story).danger  # 0.5 is below the threshold for a story told in the past
    assert unsure.assess(now).danger  # ...but above the threshold for a message that says now
    assert model.DangerModel(_Fixed(0.7)).assess(story).danger


@pytest.mark.parametrize("text", ["no me llegó", "never got it"])
def test_three_words_must_be_surer_than_a_longer_message(text):
    # "no me llegó" at the code step is not a cry for help; "ya no puedo" (the classifier sure) still is
    assert not model.DangerModel(_Fixed(0.5)).assess(text).danger
    assert model.DangerModel(_Fixed(0.7)).assess(text).danger
    assert model.DangerModel(_Fixed(0.5)).assess(text + " and more words here").danger


@pytest.mark.parametrize("text,sure", [("the sky is blue", 0.58), ("mi perro es café", 0.58),
                                       ("the building is RNDC i think", 0.49)])
def test_four_to_seven_words_need_a_little_more(text, sure):
    # a short answer in a form is read with a little more care than a story; sure danger still decides
    assert not model.DangerModel(_Fixed(sure)).assess(text).danger
    assert model.DangerModel(_Fixed(0.65)).assess(text).danger


@pytest.mark.parametrize("text", [
    # where he lives now or what he does now and then is not at the door now
    "no está en ninguna cárcel, está afuera con probation",
    "ahora me entero que él también está aquí en Houston, no sé dónde",
    "tengo miedo de que sea como su papá, a veces me pega cuando se enoja",
    # the past, at a distance of time ("for breaking into my house", "it's been 3 years")
    "he got probation for breaking into my house and sitting on my bed",
    "I kept his old voicemails where he threatens to kill me. It's been 3 years.",
])
def test_where_he_lives_or_what_happens_now_and_then_is_not_a_pattern_emergency(text):
    assert model.pattern_kind(normalize(text)) is None


@pytest.mark.parametrize("text", [
    "I'm not going to hurt myself, I just feel empty",
    "no voy a hacerme nada, solo es raro vivir así",
    "I don't think I'm in danger right now, I'm just on edge",
    "nothing is happening right now, that's my fear",
    "ya estoy en mi casa, tranquila, pero me siento fatal",
    "no one is hurting me right now. i just feel really alone",
    "nadie me está lastimando ahorita, solo quería contarlo",
    "me pongo a llorar en el baño del trabajo, no quiero morirme ni nada, solo necesito sacarlo",
    "no es que me quiera morir, pero no tengo ganas de nada",
    "not that I want to die, I'm just so tired of all of it",
])
def test_saying_they_will_not_hurt_themselves_counts_as_said_safe(text):
    assert model._SAID_SAFE.search(normalize(text))


@pytest.mark.parametrize("text", ["Im sorry I dont understand the question", "didnt get it", "sorry what?",
                                  "perdón mija no le entiendo a la pregunta", "no entiendo, ¿qué me pregunta?"])
def test_only_not_understanding_is_never_danger_by_the_classifier(text):
    # "Im sorry I dont understand the question" at the channel question once got 988, then 988 again for
    # every later message of the conversation: not understanding says nothing about danger
    assert not model.DangerModel(_Fixed(0.99)).assess(text).danger


@pytest.mark.parametrize("text", ["i dont understand why im still alive", "no entiendo nada, ya no quiero vivir",
                                  "I don't understand, he is at my door right now"])
def test_not_understanding_with_more_said_is_read_as_usual(text):
    assert model.DangerModel(_Fixed(0.99)).assess(text).danger


@pytest.mark.parametrize("text,kind", [
    ("salio hoy de la prision, su hermana me escribio q va directo a buscarme, llega en unas horas", "violence"),
    ("he got out this morning and his cousin says he's headed here to find me", "violence"),
    ("hoy me mandó foto de mi casa con 'ya llegue'", "violence"),
    ("he just texted me a photo of my house", "violence"),
    ("mi nieta tiene quemaduras en las manos, se las puso en la estufa, está llorando muchísimo", "medical"),
    ("my son has burns all over his arm from the iron, he won't stop crying", "medical"),
])
def test_on_the_way_a_photo_of_home_and_burns_are_danger_by_pattern(text, kind):
    assert model.pattern_kind(normalize(text)) == kind


@pytest.mark.parametrize("text", ["no, he is here right now", "nope he's outside my door", "no, está afuera de mi casa"])
def test_a_no_that_answers_the_question_does_not_negate_the_danger_after_it(text):
    # "Are there hours when you don't want messages?" - "no, he's here right now"
    assert model.pattern_kind(normalize(text)) == "violence"


@pytest.mark.parametrize("question,text", [("quiet_hours", "no, wake me up if he gets out honestly"),
                                           ("quiet_hours", "no, que me despierten si lo sueltan")])
def test_no_quiet_hours_with_a_reason_needs_a_surer_classifier(question, text):
    from bot.safety import context

    assert context.longer_answer(question, text)
    assert not model.DangerModel(_Fixed(0.6)).assess(text, question).danger
    assert model.DangerModel(_Fixed(0.95)).assess(text, question).danger  # never silenced


@pytest.mark.parametrize("text,kind", [
    ("5 months pregnant and having contractions. my husband beat me with a pipe", "medical"),
    ("I got stabbed. In the stomach. Small knife. I'm at home I don't want to call anyone", "medical"),
    ("if he ever got out I'd end it before he could get to me. friday is in 2 days", "self_harm"),
    ("parole board letter came. hearing is in april. i dont think ill be around by april", "self_harm"),
])
def test_read_in_dev_l_just_stabbed_pregnant_with_contractions_not_being_around_are_danger(text, kind):
    assert model.pattern_kind(normalize(text)) == kind


@pytest.mark.parametrize("text", ["MY BROTHER IS STABBING MY DAD", "he is choking my mom right in front of me",
                                  "mi hermano está golpeando a mi papá", "el señor donde yo cuido a la viejita me quiere forzar"])
def test_hurting_someone_now_is_danger_by_pattern(text):
    assert model.pattern_kind(normalize(text)) == "violence"


@pytest.mark.parametrize("text", ["this form is killing me lol", "my feet are killing me after that shift",
                                  "he was beating me for years before he went to prison"])
def test_idioms_and_the_past_are_not_that_pattern(text):
    assert model.pattern_kind(normalize(text)) is None


@pytest.mark.parametrize("text, danger", [
    ("PTSD is kicking my butt today, nothing happened, just a smell", False),  # an idiom, not a kick
    ("he is kicking my door right now", True),
    ("hes kicking my stomach and im pregnant", True),
])
def test_kicking_as_an_idiom_is_not_a_pattern_emergency(text, danger):
    assert (model.pattern_kind(normalize(text)) is not None) is danger


@pytest.mark.parametrize("text, danger", [
    ("my vision is kinda blurry is that bad", True),  # after a blow to the head: 911 again
    ("veo todo borroso y me duele mucho la cabeza", True),
    ("seeing double since he hit me", True),
    ("my vision is fine now, it was blurry last year", False),
])
def test_blurred_or_double_vision_now_is_a_medical_emergency(text, danger):
    assert (model.pattern_kind(normalize(text)) == "medical") is danger


@pytest.mark.parametrize("text, danger", [
    ("me secuestraron y me tienen en un cuarto, piden dinero a mi familia", True),
    ("I've been kidnapped, they're holding me in a house near the highway", True),
    ("he took my phone and he won't let me leave the apartment", True),
    ("no me dejan salir de la casa, me tienen encerrada", True),
    ("'I'm coming tonight' was all the text said, he bonded out this morning", True),
    ("esta noche voy por ti, eso me dejó en el buzón de voz", True),
    ("they are keeping me locked in the basement", True),
    ("i was kidnapped when i was 9 and he did 20 years for it", False),
    ("the ICE officer said they won't let me leave the country until my case is done", False),
])
def test_being_held_now_or_his_quoted_words_of_coming_are_danger_by_pattern(text, danger):
    assert (model.pattern_kind(normalize(text)) == "violence") is danger


@pytest.mark.parametrize("text, danger", [
    ("i get panic attacks at the store because thats where he found me that time. it was 2 yrs ago", False),
    ("Last time he got out he found me within a month. He gets out again in May.", False),
    ("i didn't do anything but call the police when he hit me and now his family hates me", False),
    ("our grandma was beaten by the caregiver we hired, she is healing now", False),
    ("I was kidnapped by him and he is up for parole next month", False),
    ("Ya me levantaron el reporte en la fiscalía", False),
    ("the DA said they are keeping me in the loop about his parole", False),
    ("my boss won't let me leave work early for the hearing", False),
    ("I'm coming tonight to the victim impact panel", False),
    # a word that dates one clause does not date the others, and compound words still count
    ("he's at my door, last time he came he had a gun", True),
    ("its that time again, he is banging on my door", True),
    ("After all these years he found me", True),
    ("he showed up at my workplace", True),
    ("he's at my doorstep", True),
    ("he found me again, he's in the parking lot right now", True),
    ("tell my mom to call the police", True),
    ("I did call the police and he is still outside", True),
    ("please call the police, he is kicking the door", True),
])
def test_told_as_past_or_a_word_inside_another_is_not_a_pattern_emergency(text, danger):
    assert model.assess(text).by_pattern is danger


@pytest.mark.parametrize("text, kind", [
    ("how many advil does it take. i dont care anymore", "self_harm"),
    ("cuantas pastillas se necesitan, ya no aguanto", "self_harm"),
    ("siento que me voy a hacer daño, no puedo parar de pensarlo", "self_harm"),
    ("he called from the jail phone saying when he gets out monday hes gonna beat me til i cant walk", "violence"),
    ("acaba de salir y esta en mi calle ahorita, lo veo", "violence"),
    ("my brother is home coughing up blood after they jumped him", "medical"),
    ("me empujo y se le ve el hueso a mi brazo", "medical"),
])
def test_pills_it_takes_a_beating_promised_on_release_his_street_and_blood_coughed_up_are_danger(text, kind):
    assert model.assess(text).kind == kind and model.assess(text).by_pattern


@pytest.mark.parametrize("text", ["how many advil can i take for the pain", "el vive en mi calle pero esta preso",
                                  "no me voy a hacer daño, tranquila, nomas estoy triste"])
def test_a_dose_asked_where_he_lives_or_a_promise_not_to_hurt_oneself_is_no_pattern(text):
    assert not model.assess(text).by_pattern


# After dev_o (2026-12-08): a threat tied to the moment the person falls asleep, a way to die asked for, covered in
# blood now, the offender standing or parked where the person or a child is; with their close not-danger counterparts.
@pytest.mark.parametrize("text, kind", [
    ("he said he'd wait till i was asleep and then kill me. it's 2am and he's in the living room", "violence"),
    ("dijo que iba a esperar a que me durmiera para matarme, sigue despierto", "violence"),
    ("whats the most painless way. not joking", "self_harm"),
    ("least painful way to die?", "self_harm"),
    ("¿hay alguna forma que no duela? es en serio", "self_harm"),
    ("cuál es la manera menos dolorosa, es para mí", "self_harm"),
    ("he hit me with a pipe and drove off. covered in blood", "medical"),
    ("me pegó con el cinto y se fue, estoy llena de sangre", "medical"),
    ("the man who hurt my daughter is standing by the playground fence right now", "violence"),
    ("ahorita está parado enfrente de la escuela de mi hijo", "violence"),
])
def test_read_in_dev_o_asleep_threats_a_painless_way_blood_and_him_near_a_child_are_danger_by_pattern(text, kind):
    assert model.pattern_kind(normalize(text)) == kind


@pytest.mark.parametrize("text", [
    "he used to wait until i fell asleep and go through my phone",
    "esperaba a que me durmiera para revisar mi celular, eso fue hace años",
    "is there a painless way to tell my kids their dad is going to prison",
    "hay alguna forma de decirle a mis hijos que no duela tanto",
    "i keep seeing my brother covered in blood when i close my eyes",
    "todavía me acuerdo de verme llena de sangre en el piso",
    "i was covered in blood that night, it was 2019",
    "he is sitting in county jail waiting for trial",
    "mi hijo está sentado en la sala haciendo la tarea",
    "whats the quickest way to sign up",
])
def test_their_counterparts_are_not_a_pattern_emergency(text):
    assert model.pattern_kind(normalize(text)) is None


@pytest.mark.parametrize("question", [None, "offer", "confirm", "offender_name", "state", "facility", "quiet_hours"])
@pytest.mark.parametrize("text", ["is there a painless way. asking for real", "hay alguna forma que no duela?"])
def test_a_painless_way_asked_for_gets_988_first_at_any_question(question, text):
    assessment = model.assess(text, question)
    assert assessment.kind == "self_harm" and assessment.by_pattern
    language = "es" if "duela" in text else "en"
    assert "988" in first_sentence(gate.messages_for(assessment, language)[0])


@pytest.mark.parametrize("text, past", [
    # a date that goes with his arrest, release or deportation dates the custody, not the rest of the message
    ("beat me with a belt buckle. covered in blood. cops arrested him last month for the same thing", False),
    ("lo deportaron en 2022 y ahora está parado en la esquina del parque", False),
    ("he beat me with a belt years ago, I still have the scars", True),
    ("me pegaba hace años, ahora está preso", True),
])
def test_a_date_of_his_arrest_or_deportation_does_not_make_the_message_a_story_of_the_past(text, past):
    assert model.told_as_past(normalize(text)) is past


@pytest.mark.parametrize("text, danger", [
    ("me siento culpable porque fui yo la que llamé a la policía", False),
    ("yo llamé a la policía cuando me pegó y no vinieron", False),
    ("llame a la policía por favor, está aquí", True),
    ("llamen al 911", True),
])
def test_the_one_who_called_the_police_is_not_asking_to_call_them(text, danger):
    assert (model.pattern_kind(normalize(text)) is not None) is danger


@pytest.mark.parametrize("text, kind", [
    # the person, their child or family waiting somewhere is not the offender near them
    ("we are sitting in the parking lot right now waiting for his hearing to start", None),
    ("mi hija está sentada en el parque ahorita, ¿me puedo inscribir?", None),
    ("estamos sentadas en el estacionamiento ahorita esperando la audiencia", None),
    # the offender there still is
    ("her stepdad is parked outside her school right now", "violence"),
    ("the guy who hurt my sister is parked outside our street right now", "violence"),
    ("the men who jumped you are parked by the fence right now", "violence"),
    ("su padrastro está estacionado frente a la escuela ahorita", "violence"),
])
def test_who_is_standing_or_parked_there_decides_the_pattern(text, kind):
    assert model.pattern_kind(normalize(text)) == kind


@pytest.mark.parametrize("text, kind", [
    # seeing or finding someone covered in blood now is no memory
    ("i just found my brother covered in blood hes not moving", "medical"),
    ("I saw him pull up and now im covered in blood", "medical"),
    ("acabo de encontrar a mi mamá llena de sangre", "medical"),
    ("lo vi llegar y ahora estoy llena de sangre", "medical"),
    # seeing it again and again is
    ("i still see her covered in blood every night", None),
    ("todavía veo a mi hijo lleno de sangre cuando cierro los ojos", None),
])
def test_covered_in_blood_seen_now_or_remembered(text, kind):
    assert model.pattern_kind(normalize(text)) == kind


@pytest.mark.parametrize("text", ["i just found my brother covered in blood hes not moving",
                                  "acabo de encontrar a mi hermano lleno de sangre, no se mueve"])
def test_blood_found_now_gets_911_at_a_form_question(text):
    assert model.assess(text, "offender_name").danger


@pytest.mark.parametrize("text, danger", [
    # the police called and he is still there: the danger goes on ("yo llamé" is no call told here)
    ("yo llamé a la policía pero él sigue aquí", True),
    ("i called the police but hes still here", True),
    ("yo llamé a la policía cuando me pegó y no vinieron", False),
    ("i called the police last year and he was still there when they came, it was awful", False),
])
def test_called_the_police_and_he_is_still_there(text, danger):
    assert (model.pattern_kind(normalize(text)) is not None) is danger
