"""The fact extractor's checks on the intent classifier's small-talk guesses (bot/nlu/component.py).

A place or a custody answer classified as "yes", "bye" or "switch to English" would start a sign-up,
end the conversation or change its language; these checks make such a guess an answer instead.
"""

from __future__ import annotations

import pytest

from bot.nlu.component import (
    _faq_question, _switch_without_a_language, _unasked_switch, _yes_no_first, unbelievable_small_talk,
)
from bot.nlu.language import detect
from bot.nlu.text import normalize


def _intent_read(text: str, intent: str, **safety) -> str:
    """The intent the fact extractor leaves, for a message carrying the channels' safety metadata."""
    from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.component import FactExtractor
    from bot.nlu.facts import matcher

    extractor = FactExtractor.__new__(FactExtractor)
    extractor._matcher = matcher()
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}, ENTITIES: [],
                            "metadata": {"safety": {"kind": None, "answered": False, **safety}}})
    extractor.process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize("intent,text,believed", [
    ("affirm", "yes please", True),
    ("affirm", "sí, claro", True),
    ("affirm", "ok", True),
    ("affirm", "harris county", False),   # an answer to "where?", not a yes to "sign up?"
    ("affirm", "condado de Harris", False),
    ("deny", "no thanks", True),
    ("deny", "ahorita no", True),
    ("deny", "el estatal", False),
    ("goodbye", "bye", True),
    ("goodbye", "nevada", False),          # a first message naming a state is not a goodbye
    ("greet", "hola buenas", True),
    ("greet", "oregon", False),
    ("thank", "gracias", True),
    ("inform", "harris county", True),     # other intents are not checked
])
def test_small_talk_needs_its_words(intent, text, believed):
    assert unbelievable_small_talk(intent, normalize(text)) is not believed


@pytest.mark.parametrize("intent,text,switch", [
    ("switch_to_english", "que bueno, mi inglés es muy malo jaja", False),
    ("switch_to_spanish", "my spanish is not so good, my mom speaks it", False),
    ("switch_to_english", "english please", True),
    ("switch_to_spanish", "en español", True),
])
def test_a_switch_must_be_asked_for(intent, text, switch):
    assert _unasked_switch(intent, detect(text)) is not switch


@pytest.mark.parametrize("intent,text,answer", [
    ("switch_to_spanish", "Edwin Josue Castellanos Murillo", True),   # a name, in answer to "his full name?"
    ("switch_to_english", "John Michael Carter", True),
    ("switch_to_spanish", "en español por favor", False),
    ("switch_to_english", "can we do this in English", False),
    ("inform", "Edwin Josue Castellanos Murillo", False),              # other intents are not checked
])
def test_a_switch_in_a_message_naming_no_language_is_an_answer(intent, text, answer):
    assert _switch_without_a_language(intent, normalize(text)) is answer


@pytest.mark.parametrize("intent,text,forced", [
    # issue 9: small talk that starts with yes or no is a yes or a no (actions/triage.py reads what to)
    ("thank", "Yes, we would appreciate that.", "affirm"),
    ("thank", "Sí, muchas gracias, quiero que me avisen", "affirm"),
    ("out_of_scope", "Sí, regístrela a ella, yo le leo los correos", "affirm"),
    ("greet", "yes hello, please do", "affirm"),
    ("thank", "No gracias, ya me llegan las cartas por correo, con eso estoy bien", "deny"),
    ("goodbye", "no thanks, bye", "deny"),
    ("out_of_scope", "no, how do I put money on his commissary", None),  # a no is not forced from these
    ("thank", "thank you so much", None),
    ("thank", "gracias, no sé qué haría sin esto", None),
    ("inform", "yes he is in federal prison", None),   # answers keep their intent
    ("ask_faq", "yes but is it free?", None),          # questions are answered first
])
def test_yes_or_no_first_outranks_small_talk(intent, text, forced):
    assert _yes_no_first(intent, text) == forced


@pytest.mark.parametrize("intent,text,question,forced", [
    # at the sign-up offer or the read-back, a message that starts with yes / no answers it
    ("list_subscriptions", "Si. La sobreviviente ya dio su consentimiento.", "offer", "affirm"),
    ("out_of_scope", "Yes, although I'm not good with computers", "offer", "affirm"),
    ("request_notification", "No, I'd rather call them myself", "confirm", "deny"),
    ("list_subscriptions", "no, mejor luego lo hago yo", "offer", "deny"),
    # elsewhere, or for the intents that keep their meaning, the classifier's reading stands
    ("list_subscriptions", "Si. La sobreviviente ya dio su consentimiento.", "quiet_hours", None),
    ("cancel", "no, cancel everything", "confirm", None),
])
def test_a_yes_or_no_first_answers_a_yes_or_no_question(intent, text, question, forced):
    assert _yes_no_first(intent, text, question) == forced


@pytest.mark.parametrize("text,question", [
    # a question about how the messages come is the FAQ's, not a change of contact or a listing
    ("Is there a way for her to get notices by regular mail or a phone call instead?", True),
    ("¿puedo cambiar mi número más adelante?", True),
    # the requests themselves
    ("change my number to 202-555-0143", False),
    ("cambiar mi número de contacto", False),
])
def test_a_question_about_the_messages_is_not_an_account_request(text, question):
    assert _faq_question(text) is question


@pytest.mark.parametrize("text,believed", [
    ("I am not going to do anything, I just feel very alone", False),
    ("Si. La sobreviviente ya dio su consentimiento.", False),
    ("my subscriptions", True),
    ("mis suscripciones", True),
    ("what am I signed up for?", True),
])
def test_my_subscriptions_needs_words_about_sign_ups(text, believed):
    assert unbelievable_small_talk("list_subscriptions", normalize(text)) is not believed


def test_every_my_subscriptions_example_has_words_about_sign_ups():
    import yaml

    from bot.nlu.text import normalize as fold

    for lang in ("en", "es"):
        blocks = yaml.safe_load(open(f"data/nlu/{lang}/subscriptions.yml", encoding="utf-8"))["nlu"]
        examples = [line[2:] for block in blocks if block.get("intent") == "list_subscriptions"
                    for line in block["examples"].splitlines() if line.startswith("- ")]
        assert examples and not [e for e in examples if unbelievable_small_talk("list_subscriptions", fold(e))]


@pytest.mark.parametrize("intent,text,faq", [
    ("out_of_scope", "Do you need my immigration papers? I dont have status yet, my lawyer is doing the T visa", True),
    ("out_of_scope", "¿Necesitan mis papeles de inmigración? Todavía no tengo estatus", True),
    ("any_news", "¿Y esto cuánto cuesta? Porque a mí ya me sacaron bastante dinero, no estoy para pagar más nada", True),
    ("stop_these", "does it cost anything to stop the messages later?", True),
    ("correct", "Her number may change — she uses prepaid. Can she update it later?", True),
    ("correct", "wait, my number is wrong, it is 202-555-0115", False),
    ("out_of_scope", "what time does the DMV open on saturday?", False),
    ("out_of_scope", "¿a qué hora abre la oficina del DMV el sábado?", False),
])
def test_a_question_of_the_faq_is_answered_even_when_the_classifier_says_out_of_scope(intent, text, faq):
    from tests.actions.test_confusion_custody import _extract

    assert (_extract(text, intent)[0] == "ask_faq") is faq


@pytest.mark.parametrize("intent,text,answer", [
    ("list_subscriptions", "LA CARCEL DE MECKLENBURG COUNTY, LA DE 4TH STREET", True),
    ("cancel_subscription", "the county jail in Mecklenburg, the one on 4th street", True),
    ("cancel_subscription", "cancel my alerts about the Mecklenburg county jail", False),
    ("list_subscriptions", "¿qué avisos tengo de la cárcel de Mecklenburg?", False),
])
def test_a_place_of_custody_without_words_about_sign_ups_is_an_answer(intent, text, answer):
    from tests.actions.test_confusion_custody import _extract

    assert (_extract(text, intent)[0] == "inform") is answer


@pytest.mark.parametrize("text", ["my husband is in lmdc. the lady at court said i could sign up for something",
                                  "mi esposo está en LMDC, en la corte me dijeron que podía inscribirme para que me avisen"])
def test_custody_beside_a_wish_to_sign_up_is_a_request_not_a_mention(text):
    from tests.actions.test_confusion_custody import _extract

    intent, found = _extract(text, "out_of_scope")
    custody = [e for e in found if e["entity"] == "custody"]
    assert intent == "inform" and custody and all(e.get("role") != "mention" for e in custody)


@pytest.mark.parametrize("text,answer", [
    ("hennepin county jail en minneapolis", True),
    ("the one downtown on 4th st, the county jail in phoenix", True),
    ("louisville metro department of corrections downtown", True),
    ("visiting hours at hennepin county jail", False),
    ("how do I put money on commissary at hennepin county jail", False),
])
def test_a_message_that_only_names_a_place_of_custody_says_where_he_is(text, answer):
    # a first message such as "hennepin county jail en minneapolis" was read as a mere mention: no program
    from tests.actions.test_confusion_custody import _extract

    _, found = _extract(text, "out_of_scope")
    roles = [e.get("role") for e in found if e["entity"] == "custody"]
    assert roles and (("mention" not in roles) is answer)


@pytest.mark.parametrize("text,forced", [("what", True), ("¿qué?", True), ("huh", True), ("?", True),
                                         ("help", False), ("ayuda", False), ("what can you do", False)])
def test_not_understanding_is_not_a_request_for_help(text, forced):
    from tests.actions.test_confusion_custody import _extract

    assert (_extract(text, "ask_help")[0] == "nlu_fallback") is forced


@pytest.mark.parametrize("text", ["Is this where I sign up for the police academy",
                                  "Cómo saco el reporte policial de un robo en mi casa para el seguro? Fue en Pomona"])
def test_a_sign_up_for_something_else_or_ones_own_police_report_stays_a_mention(text):
    # read after en13-/es13- were measured: these were triaged into VINE
    from tests.actions.test_confusion_custody import _extract

    _, found = _extract(text, "out_of_scope")
    assert all(e.get("role") == "mention" for e in found if e["entity"] == "custody")


@pytest.mark.parametrize("text,intent", [("It don't matter", "inform"), ("no importa", "inform"),
                                         ("forget it, cancel", "cancel")])
def test_an_answer_to_the_open_question_is_not_cancel(text, intent):
    # "It don't matter" at the quiet-hours question had thrown a finished sign-up away
    assert _intent_read(text, "cancel", question="quiet_hours") == intent


@pytest.mark.parametrize("text,state", [
    # sent unasked, after an off-topic first message: it got "Lo siento, no puedo ayudarle con eso"
    ("Davidson County, Nashville, la cárcel del sheriff", "TN"),
    ("Davidson County jail, Nashville, the sheriff's jail", "TN"),
    ("la cárcel del sheriff de Davidson County en Nashville", "TN"),
    ("Shelby County jail in Memphis", "TN"),
    ("Chuckawalla Valley State Prison", "CA"),
])
def test_a_message_that_names_a_custody_place_is_custody_information(text, state):
    from tests.actions.test_confusion_custody import _extract

    for intent in ("out_of_scope", "nlu_fallback", "inform"):
        name, found = _extract(text, intent)
        custody = [e for e in found if e["entity"] == "custody"]
        assert name == "inform"
        assert custody and all(e.get("role") != "mention" for e in custody)
        assert [e["value"] for e in found if e["entity"] == "us_state"] == [state]


@pytest.mark.parametrize("text", [
    "how do I put money on my cousin's commissary at the county jail",
    "visiting hours at Davidson County jail",
    "¿a qué hora son las visitas en la cárcel del condado?",
    "¿dónde se deposita dinero para un preso en la cárcel de Davidson County?",
    "what are the visiting hours at the Davidson County jail in Nashville",
    "Davidson County jail commissary",
    "horario de visitas cárcel Davidson County Nashville",
])
def test_off_topic_questions_about_a_named_jail_stay_off_topic(text):
    from tests.actions.test_confusion_custody import _extract

    name, found = _extract(text, "out_of_scope")
    assert name == "nlu_fallback"  # action_fallback: out of scope unless the custody question is open
    assert all(e.get("role") == "mention" for e in found if e["entity"] == "custody")


@pytest.mark.parametrize("text", [
    "El weón que lo hizo está preso en la cárcel de Davidson County. ¿Nos pueden avisar cuando salga?",
    "El que le pegó a mi mamá está en la cárcel del condado de Shelby, ¿me avisan cuando lo suelten?",
    "The guy who did it is locked up in the Davidson County jail. Can you let us know when he gets out?",
    "he's in the Shelby County jail, can you text me when he is released?",
])
def test_a_wish_to_be_told_of_his_release_from_a_named_jail_is_a_request(text):
    # it got only the FAQ on which messages are sent, and no program
    from tests.actions.test_confusion_custody import _extract

    for intent in ("ask_faq", "out_of_scope", "inform"):
        name, found = _extract(text, intent)
        assert name == "request_notification"
        assert "state" in [e["value"] for e in found if e["entity"] == "custody" and e.get("role") != "mention"]


@pytest.mark.parametrize("text,intent,forced", [
    # no place of custody: the FAQ's question stays a question
    ("Can you tell me what messages you send when someone is released?", "ask_faq", "ask_faq"),
    ("¿Qué mensajes mandan cuando alguien sale?", "ask_faq", "ask_faq"),
    # something else comes out
    ("me avisan cuando salga el cheque de la restitución", "ask_faq", "ask_faq"),
])
def test_a_question_about_the_messages_without_a_place_stays_a_question(text, intent, forced):
    from tests.actions.test_confusion_custody import _extract

    assert _extract(text, intent)[0] == forced


def test_a_wish_to_be_told_at_a_forms_question_is_left_to_the_form():
    text = "the Davidson County jail, let me know when he gets out"
    assert _intent_read(text, "inform", question="facility") == "inform"


@pytest.mark.parametrize("intent,text,answer", [
    ("change_contact", "ola. inspector postal me dio este numero. me robaron cheques del correo. el tipo ya ta en fci tucson",
     True),
    ("change_contact", "the victim advocate gave me this number. he robbed me at gunpoint and he's at the county jail in Tulsa",
     True),
    # one's own number given with it: the account request stands
    ("change_contact", "he beat me and he's in the county jail, change my number to 918-555-0142", False),
])
def test_harm_and_where_he_is_held_start_a_request_whatever_account_word_they_carry(intent, text, answer):
    from tests.actions.test_confusion_custody import _extract

    assert (_extract(text, intent)[0] == "inform") is answer


@pytest.mark.parametrize("text,held_in,intent", [
    ("me pueden poner con alguien que hable k'iche'? o mas despacio en español", "es", "ask_faq"),
    ("can someone talk to me in Haitian Creole? or just slower English is ok", "en", "ask_faq"),
    # asked in the other language than the one in use: the switch, as before
    ("me pueden poner con alguien que hable k'iche'? o mas despacio en español", "en", "switch_to_spanish"),
])
def test_asking_for_another_language_in_the_language_in_use_is_a_question_about_languages(text, held_in, intent):
    assert _intent_read(text, "inform", question="offer", language=held_in) == intent


@pytest.mark.parametrize("text", [
    # the person's own dealings with the police, a crime told beside them
    "somebody took my backpack off the train in Newark, do I need a police report before the school replaces my laptop",
    "se metieron a mi carro afuera del gym y me sacaron la mochila, sirve de algo poner reporte con la policia",
    "my purse got snatched at the mall, will the cops ask about my immigration status if I report it",
    "me arrebataron la bolsa en el mall, si pongo la denuncia la policia me va a preguntar por mis papeles?",
])
def test_harm_told_beside_ones_own_dealings_with_the_police_stays_a_mention(text):
    # read after en16-/es16- were measured: a theft told beside a police report was triaged into VINE
    from tests.actions.test_confusion_custody import _extract

    _, found = _extract(text, "out_of_scope")
    assert all(e.get("role") == "mention" for e in found if e["entity"] == "custody")


@pytest.mark.parametrize("text", [
    "the guy who stole my car is in the county jail in Tulsa, will someone tell me when he gets out",
    "el que se robo mi carro esta en la carcel de Tulsa, me avisan cuando salga?",
    "my ex who broke my arm is in the county jail in Tulsa, I need to know the day he gets out",
    "mi ex que me quebro el brazo esta en la carcel de Tulsa, necesito saber el dia que sale",
    "the cops have the man who robbed me at the bus stop, when does he get out",
    "la policia tiene al que me asalto en la parada, cuando sale",
])
def test_harm_named_beside_his_custody_is_a_request(text):
    from tests.actions.test_confusion_custody import _extract

    for intent in ("out_of_scope", "inform"):
        _, found = _extract(text, intent)
        custody = [e for e in found if e["entity"] == "custody"]
        assert custody and all(e.get("role") != "mention" for e in custody)


@pytest.mark.parametrize("text,answer", [
    # "actually", "no wait" in a long question make no answer to "state or federal?": the classifier reads it
    ("my landlord keeps saying the sheriff will actually come and put us out this weekend, can they do that", False),
    ("el casero dice que la policia puede sacarnos de la casa si en realidad debemos la renta de dos meses", False),
    # a short correction still is one
    ("sorry, it's actually federal", True),
    ("perdon, en realidad es estatal", True),
])
def test_only_a_short_correction_is_an_answer(text, answer):
    from tests.actions.test_confusion_custody import _extract

    _, found = _extract(text, "out_of_scope")
    roles = [e.get("role") for e in found if e["entity"] == "custody"]
    assert roles and (("answer" in roles) is answer) and (all(r == "mention" for r in roles) is not answer)
