"""Rasa NLU component: adds triage facts, the language of the message and danger signs.

It runs after the intent classifier and may override its intent in three cases, because for these
a deterministic answer is safer than a learned one: signs of immediate danger (-> crisis), an
explicit request for the other language (-> switch_to_*), a bare "cancel"/"cancelar", and a request
for a person to talk to (-> human_handoff).
Danger is decided by bot.safety.model (a classifier for danger alone, with the patterns), the same
decision the channels' safety layer made before the message reached Rasa.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.harm import asks_for_a_person
from bot.nlu import language as lang
from bot.nlu import relevance
from bot.nlu.facts import CORRECTION, matcher
from bot.nlu.text import normalize
from bot.safety.model import assess, model as safety_model
from bot.safety import context as safety_context

EXTRACTOR = "FactExtractor"
# How sure the relevance classifier must be before a message without custody words, which the
# intent classifier found out of scope, is taken as the start of a request about an offender.
GUIDE_THRESHOLD = 0.8
MAX_CHARS = 2000
# The police as custody words (data/reference/custody_terms.yml): the agency, not a place that holds anyone.
_POLICE = re.compile(r"\b(state police|police department|departamento de policia|police|policia|policias|cops?|"
                     r"sheriffs office|sheriffs?|sherif|sherrif|state troopers?|highway patrol|patrulla estatal)\b")
# A message that corrects an earlier answer ("sorry, it's federal not state") is an answer up to this many words.
_ANSWER_WORDS = 14
_CANCEL_WORDS = frozenset(
    normalize(w)
    for w in (
        "cancel", "cancel it", "cancel that", "cancel please", "stop", "stop it", "never mind", "nevermind",
        "forget it", "quit", "cancelar", "cancela", "cancelalo", "cancélalo", "olvídalo", "olvidalo", "ya no",
        "déjalo", "dejalo", "basta", "alto",
        # What the bot itself tells people to say (multiword, so that on SMS it is not an opt-out word)
        "cancel the sign-up", "cancel the signup", "cancel sign up", "cancelar la inscripción",
        "cancelar la inscripcion", "cancelar inscripción",
    )
)


# Quiet hours named: "change my quiet hours to 9pm-8am" is about quiet hours, not the contact
# (issue 9), whatever the classifier heard in "change my".
_QUIET_HOURS = re.compile(r"\b(quiet hours?|quiet time|horas? de silencio|horario de silencio|do not disturb|"
                          r"no molestar)\b")
_NOT_QUIET_HOURS = frozenset({"change_contact", "cancel_subscription", "list_subscriptions", "nlu_fallback",
                              "out_of_scope"})


# What each small-talk intent needs to hear before it is believed: "cook cnty" after "would you like
# to sign up?" is not a yes, "tennessee" as a first message not a goodbye. Without such a word, a
# message classified as one of these is an answer (inform).
_SMALL_TALK_MARKERS = {
    "affirm": re.compile(
        r"\b(yes|yeah|yea|yep|yup|ya|yas|sure|ok|okay|k|kk|please|pls|plz|go ahead|sign me up|do it|of course|"
        r"absolutely|definitely|alright|right|correct|si|sii|sip|claro|dale|va|vale|bueno|orale|porfa|favor|"
        r"acuerdo|esta bien|okey|okis|simon|aja|exacto|inscribeme|hazlo|afirmativo|perfecto|listo|let s|lets|"
        r"uh huh|mhm|mmhm|yes+|oki|okk|fine|good)\b"),
    "deny": re.compile(
        r"\b(no|nope|nah|not|never|later|dont|do not|nunca|luego|despues|nel|tampoco|ahorita no|gracias)\b"),
    "greet": re.compile(
        r"\b(hi|hello|hey|hola|ola|buenas|buenos|good morning|good afternoon|good evening|yo|sup|saludos|que tal|"
        r"howdy|hiya)\b"),
    "goodbye": re.compile(
        r"\b(bye|goodbye|see you|later|adios|chao|chau|hasta|nos vemos|cuidate|take care|goodnight|night|"
        r"buenas noches|thats all|eso es todo)\b"),
    "thank": re.compile(r"\b(thank|thanks|thx|ty|tysm|gracias|grax|appreciate|agradezco|bendiga|bless)\b"),
    # "my subscriptions" needs words about sign-ups: "I just feel very alone" once got "You have no active
    # subscriptions".
    "list_subscriptions": re.compile(
        r"\b(subscri\w*|suscri\w*|inscri\w*|sign ?ups?|signed|register\w*|registr\w*|alerts?|avisos?|"
        r"notifications?|notificaciones?|messages|mensajes|list|lista|following|siguiendo|am i|tengo|recibo|set up|"
        r"apunte|apuntado|apuntada|"
        r"my|mis|mine)\b"),
}


# A short message that starts by saying where "he" or "she" is ("she's at FCI Aliceville", "está en
# la FCI de Herlong", "primero estaba en la cárcel de la ciudad") continues a conversation about
# that person: an answer, not a question that merely names custody.
_ABOUT_HIM = re.compile(
    r"^(and |y |well |bueno |pues |primero |first |now |ahora |ahorita |ya |no |yes |si |sorry |perdon )?"
    r"(he|she|hes|shes|he is|she is|he was|she was|they have him|they have her|they got him|"
    r"esta|estaba|estuvo|lo tienen|la tienen|lo tenian|la tenian|lo llevaron|la llevaron|"
    r"lo mandaron|la mandaron|lo pasaron|la pasaron|lo trasladaron|la trasladaron)\b"
)


def _unasked_switch(intent: Optional[str], guess) -> bool:
    """A switch the classifier heard but the words do not ask for (requests are matched by
    lang.requested_switch before this), written confidently in the language it would leave."""
    left = {"switch_to_english": lang.ES, "switch_to_spanish": lang.EN}.get(intent or "")
    return bool(left and guess.confident and guess.language == left)


_LANGUAGE_WORDS = re.compile(r"\b(english|ingles|spanish|espanol|castellano|idioma|language|lengua)\b")


def _switch_without_a_language(intent: Optional[str], norm: str) -> bool:
    """A switch the classifier heard in a message that names no language at all ("Edwin Josue Castellanos
    Murillo" in answer to "what is his full name?"): an answer, not a request."""
    return intent in ("switch_to_english", "switch_to_spanish") and not _LANGUAGE_WORDS.search(norm)


def unbelievable_small_talk(intent: Optional[str], norm: str) -> bool:
    marker = _SMALL_TALK_MARKERS.get(intent or "")
    return bool(marker and norm and not marker.search(norm))


# Words that do ask to cancel (a plain answer to the open question heard as "cancel" without them is the answer).
_SAYS_CANCEL = re.compile(r"\b(cancel\w*|stop|quit|forget (it|about it)|never ?mind|olvid\w*|ya no quiero|dejalo|"
                          r"basta|no quiero seguir|i dont want (this|to do this))\b")
# Requests about one's own sign-ups: a question about the FAQ's topics that the classifier heard as one of
# these is the question, answered by the FAQ.
_ACCOUNT_INTENTS = frozenset({"change_contact", "list_subscriptions", "change_quiet_hours", "cancel_subscription"})
# Intents a question of the FAQ is answered under instead: the account's ("Is there a way for her to get notices
# by mail instead?") and "out of scope" ("Do you need my immigration papers? I don't have status yet" once got
# "I can't help with that").
_FAQ_OVER = _ACCOUNT_INTENTS | {"out_of_scope", "any_news", "stop_these", "correct"}
# Custody named beside a wish to sign up ("my husband is in lmdc. the lady at court said i could sign up for
# something"): a request, whatever the relevance classifier reads.
_ASKS_TO_SIGN_UP = re.compile(
    # to be told, not any sign-up ("is this where I sign up for the police academy" is not one)
    r"\b(sign (me |us |her |him )up\b(?! for (the )?(police|academy|class|classes|school|job|jobs|program at))|sign up "
    r"(for (something|this|it|that|alerts|notifications|texts|messages|updates)|to (be notified|get (alerts|notified|"
    r"texts|messages|updates)))|inscribirme para (que me avisen|recibir|los avisos)|get notified|be notified|notify me|"
    r"me avisen|avisarme|recibir (los )?avisos|get (the )?(alerts|notifications))\b")
# A wish to be told when he gets out ("¿Nos pueden avisar cuando salga?", "can you let me know when he's released"):
# with a place of custody named, a request to be notified, not a question about what the messages say.
_ASKS_TO_BE_TOLD_OF_RELEASE = re.compile(
    r"\b(let (me|us) know|tell (me|us)|notify (me|us)|alert (me|us)|text (me|us)|warn (me|us)|call (me|us)|"
    r"(get|be) (told|notified|alerted|warned|a text|an alert|a call|a message)|"
    r"avis\w*|notific\w*|(me|nos) (pueden |podrian |puede |podria |van a )?(decir|dicen|informar|informan|"
    r"mandar un mensaje|escribir|llamar))\b"
    r".{0,30}\b(when|once|if|before|the day|cuando|si|el dia que|antes de que|en cuanto|apenas)\b.{0,20}\b"
    r"(gets? out|is released|released|is let out|leaves|goes free|is out|comes out|"
    r"salga|sale|saldra|lo suelten|la suelten|lo sueltan|la sueltan|lo liberen|la liberen|quede libre|este libre)\b"
    # "cuando salga el cheque": something else comes out
    r"(?! (el|la|los|las|un|una|mi|su|sus) (?!carcel|prision|penal|cana|pinta|tambo|jail|prison|county|condado))")
# Questions that ask where the person is, or about the program, whatever else they say: not forced.
_REQUEST_OVER = frozenset({"ask_faq", "out_of_scope", "nlu_fallback", "ask_help", "any_news", "inform"})
# Words a request about one's own sign-ups has (the subscription, its contact, its hours, stopping it).
_ACCOUNT_WORDS = re.compile(
    r"\b(subscri\w*|suscri\w*|inscri\w*|sign ?ups?|signed|register\w*|registr\w*|alerts?|avisos?|notifications?|"
    r"notificaciones?|messages|mensajes|cancel\w*|stop|unsubscribe|baja|parar|dejar de|contact|contacto|number|"
    r"numero|phone|telefono|celular|email|correo|quiet|silencio|hours|horas|change|cambiar|update|actualizar)\b")


# Help has come or the person is safe now ("ya llegó la patrulla", "the cops got here", "estoy a salvo"), and they ask
# for the notifications ("sí quiero que me avisen", "sign me up"); nothing says the danger goes on.
_HELP_CAME = re.compile(
    r"\b((police|cops|officers?|deputies|sheriff|patrol|squad car|ambulance|paramedics|help|policia|policias|patrulla|"
    r"patrullas|sheriff|ambulancia|ayuda|oficiales) (already |just |finally |ya )?(are here|is here|came|arrived|got here|"
    r"showed up|took him|have him|llego|llegaron|vino|vinieron|esta aqui|estan aqui|se lo llevo|se lo llevaron)|"
    r"ya (llego|llegaron|vino|vinieron|esta aqui|estan aqui) (la |el |los |las )?(policia|policias|patrulla|patrullas|"
    r"sheriff|ambulancia|ayuda|oficiales)|se lo llevaron|lo arrestaron|lo detuvieron|they (took|arrested|got) him|"
    r"(im|i am|i m|we are|we re|were) (safe|ok|okay) now|(ya )?(estoy|estamos) (a salvo|bien|segura|seguro|seguros|"
    r"seguras)( ya)?)\b")
_WANTS_THE_MESSAGES = re.compile(
    r"\b((si |yes |ya )?(quiero|queremos|quisiera) (que me avisen|que nos avisen|los avisos|los mensajes|inscribirme|"
    r"registrarme|que me notifiquen|saber cuando salga)|avisenme|inscribame|inscribeme|"
    r"(i |we )?(still )?(want|wanna|would like) (to (sign up|be notified|get (the )?(alerts|messages|notifications|texts))|"
    r"the (alerts|messages|notifications|texts))|sign me up|notify me|let me know when)\b")
_STILL_IN_DANGER = re.compile(
    r"\b(still (here|outside|there|at the door|banging|yelling)|sigue (aqui|afuera|ahi|en la puerta|gritando|tocando)|"
    r"todavia (esta|sigue)|gun|pistola|arma|knife|cuchillo|bleeding|sangr\w*|hurt|herid[oa]|no (me )?puedo respirar|"
    r"cant breathe|se escapo|got away|ran off|se fue corriendo)\b")


def safe_and_wants_the_messages(norm: str) -> bool:
    """Help has come or the person is safe, and they ask for the notifications, with no word of danger going on."""
    return bool(_HELP_CAME.search(norm) and _WANTS_THE_MESSAGES.search(norm) and not _STILL_IN_DANGER.search(norm))


def _only_confusion(text: str) -> bool:
    from bot import faq

    return faq.only_confusion(text) and not re.search(r"\b(help|ayuda|ayudeme|ayudame)\b", normalize(text))


def _faq_question(text: str) -> bool:
    from bot import faq

    return faq.is_question(text) and bool(faq.topics(text))


# Small talk a message starting with yes or no is not, whatever else it says.
_YES_OVER = frozenset({"thank", "greet", "goodbye", "ask_help", "out_of_scope"})
_NO_OVER = frozenset({"thank", "greet", "goodbye"})


# At a yes-or-no question (the sign-up offer, the read-back) a message that starts with a yes or a no answers
# it, whatever else the classifier heard in it ("Si. La sobreviviente ya dio su consentimiento." once read as
# "my subscriptions"); only these keep their own meaning there.
YES_NO_QUESTIONS = frozenset({"offer", "confirm"})
_KEPT_AT_YES_NO = frozenset({"affirm", "deny", "cancel", "stop", "crisis", "human_handoff", "switch_to_english",
                             "switch_to_spanish"})


def _yes_no_first(intent: Optional[str], text: str, question: Optional[str] = None) -> Optional[str]:
    """"affirm" / "deny" for a message of these intents (any intent at a yes-or-no question) that starts with a
    yes / a no; else None."""
    at_yes_no = question in YES_NO_QUESTIONS and intent not in _KEPT_AT_YES_NO
    if intent not in _YES_OVER and not at_yes_no:
        return None
    from bot import validators

    answer = validators.leading_yes_no(text)
    if answer is True:
        return "affirm"
    if answer is False and (intent in _NO_OVER or at_yes_no):
        return "deny"
    return None


_FILLER_WORDS = frozenset("its it is my the es mi el la number numero email correo phone telefono code codigo".split())


def _faq_topics(text: str) -> List[str]:
    from bot import faq

    return faq.topics(text)


def _names_a_contact(text: str) -> bool:
    """A phone number or an e-mail address is in the message, typed or said in words."""
    from bot import validators

    return len(text) <= 300 and bool(validators.pick_phone(text)[0] or validators.pick_email(text)[0])


def _is_contact_value(text: str) -> bool:
    from bot import validators

    if len(text) > 300:
        return False
    text = validators.spoken_email(validators.spoken_phone(text))  # said in words: "four oh eight ..."
    if len(text) > 80 or len(text.split()) > 6:
        return False
    value = validators.parse_email(text) or validators.parse_verification_code(text) or validators.parse_phone(text)
    if not value:
        return False
    # Essentially just the value ("it's 202 555 0143"), not "change my email to ...".
    rest = [w for w in normalize(re.sub(r"\S*@\S*|[\d()+\-. ]{6,}", " ", text)).split() if w not in _FILLER_WORDS]
    return len(rest) <= 1


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class FactExtractor(GraphComponent):
    """Deterministic triage facts for each message (see bot/nlu/facts.py)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "FactExtractor":
        return cls()

    def __init__(self) -> None:
        self._matcher = matcher()
        # Load (or train, when their data changed) the danger and relevance classifiers now, at model
        # load or `rasa train`, rather than on the first person's message.
        safety_model()
        relevance.probability("warm up")

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process(message)
        return messages

    def _process(self, message: Message) -> None:
        text: Optional[str] = message.get(TEXT)
        if not text or text.startswith("/"):
            return
        # Longer messages are not read further: the junk check rejects them, and matching a
        # 200 KB message would hold the server for a second.
        text = text[:MAX_CHARS]
        guess = lang.detect(text)
        facts = self._matcher.match(text, guess.language)
        # Custody words without a request about an offender ("visiting hours at the federal prison",
        # "my ICE check-in") are a mere mention: actions/slots.py keeps them only when the
        # conversation is already about an offender's custody. Short answers ("federal") are answers.
        # A message of three words or fewer that names custody ("USP Atlanta", "angola", "FCI Terminal
        # Island") carries nothing else to be about: it is an answer, as "federal" is.
        norm = normalize(text)
        # ("actually", "no wait" inside a long question -- "how often do you actually go", "can police actually kick
        # me out" -- make no answer: a short message, or one that starts by correcting, is one.)
        answer_like = ((facts.answer is not None and (len(norm.split()) <= _ANSWER_WORDS or
                                                      CORRECTION.search(" ".join(norm.split()[:4])) is not None))
                       or len(norm.split()) <= 3
                       or (facts.goal is not None and not facts.goal_by_priority)
                       or (len(norm.split()) <= 12 and _ABOUT_HIM.match(norm) is not None)
                       or (bool(facts.custody) and self._matcher.only_places(norm)))
        p_relevant = relevance.probability(text) if (facts.custody or facts.negated) and not answer_like else 1.0
        decided = (message.get("metadata") or {}).get("safety")  # the channels' safety layer (bot/safety/gate.py)
        answered = isinstance(decided, dict) and decided.get("answered") is True
        # A person in danger who names a jail ("SE ESCAPÓ DE LA CÁRCEL DE HIDALGO COUNTY Y VIENE PARA MI CASA")
        # is telling about the one who hurts them: custody words are facts, never a mere mention.
        asks_to_be_told = _ASKS_TO_BE_TOLD_OF_RELEASE.search(norm) is not None
        # Harm named or a wish to be told of a release overrides the classifier, except harm beside police alone
        # that the classifier reads as the person's own matter: "someone stole my wallet, do I need a police
        # report for the DMV?" (relevance.harm_overrides).
        police_only = p_relevant < relevance.THRESHOLD and relevance.names_harm(text) and \
            self._police_only(norm, facts, guess.language)
        overridden = relevance.harm_overrides(text, p_relevant, police_only) or asks_to_be_told
        mention = p_relevant < relevance.THRESHOLD and not overridden and not answered and \
            not _ASKS_TO_SIGN_UP.search(norm)
        entities = list(message.get(ENTITIES, []))
        entities += [
            self._entity("custody", fact, "mention" if mention else "answer" if fact == facts.answer
                         else "past" if fact in facts.only_past else None)
            for fact in sorted(facts.custody)
        ]
        if facts.jail:
            # a jail holds him now: beside a federal case, VINE comes second (bot/nlu/facts.py decide_program)
            entities.append(self._entity("custody", "jail", "mention" if mention else None))
        entities += [self._entity("custody", fact, "negated") for fact in sorted(facts.negated - facts.custody)]
        # Facts told as over, beside what holds now ("finished his state sentence, now ICE has him"):
        # withdrawn like a denial, so that the current or next custodian decides.
        entities += [self._entity("custody", fact, "negated") for fact in sorted(facts.past)]
        if facts.goal:
            entities.append(self._entity("custody", facts.goal, "mention" if mention else None))
        if facts.state:
            entities.append(self._entity("us_state", facts.state, "mention" if mention
                                         else "town" if facts.state_weak else None))
        elif facts.home_state and not mention:
            # only where the person lives: actions/slots.py keeps it when no state is known yet
            entities.append(self._entity("us_state", facts.home_state, "home"))
        # About the person who did harm, custody words or not ("the man who sold my daughter online"):
        # what follows in the conversation is about him too.
        about_him = not mention and len(norm.split()) >= 4 and (
            relevance.names_harm(text) or relevance.probability(text) >= GUIDE_THRESHOLD)
        if about_him:
            entities.append(self._entity("topic", "offender"))
        if guess.language:
            entities.append(self._entity("language_hint", guess.language, "confident" if guess.confident else "weak"))
        switch = lang.requested_switch(text)
        if switch:
            entities.append(self._entity("language_hint", switch, "requested"))
        message.set(ENTITIES, entities, add_to_output=True)

        forced = None
        # Unsure danger (bot/safety/model.py SURE): the safety layer answered it already; the conversation
        # goes on with what the message says besides, instead of pausing for the crisis follow-up.
        danger = answered and decided.get("sure", True) is not False if isinstance(decided, dict) \
            else assess(text).danger
        intent_name = (message.get(INTENT) or {}).get("name")
        if not danger and intent_name == "crisis":
            # The intent classifier's own reading of danger is not the decision: the safety layer's is
            # (read with the question the conversation has open). "he's not in one, he's on probation"
            # and "baltimore central booking" once got the crisis follow-up again and again.
            ranked = [r for r in message.get(INTENT_RANKING_KEY) or () if r.get("name") not in ("crisis", None)]
            name = ranked[0]["name"] if ranked else "inform"
            if answered and (facts.custody or facts.states):
                # Unsure danger, answered already, with custody facts ("maine state prison warren… he's trying
                # to get out early"): the facts are the rest of the message, as the crisis path would keep them.
                name = "inform"
            message.set(INTENT, {"name": name, "confidence": 1.0}, add_to_output=True)
        if danger and answered and safe_and_wants_the_messages(norm):
            # "ya llamé al 911, ya llegó la patrulla. sí quiero que me avisen": the safety layer has answered (911
            # first); help has come and the person asks for the notifications. The sign-up goes on, instead of the
            # crisis follow-up again (a person who said it six times got the same paragraph six times).
            forced = "request_notification"
        elif danger:
            # The same decision as the channels' safety layer (bot/safety/gate.py), which has
            # answered with 911 or 988 already: Rasa adds the follow-up (utter_crisis).
            forced = "crisis"
        elif switch and isinstance(decided, dict) and decided.get("question") not in (None, "offer", "custody") and \
                decided.get("language") == switch:
            # "Text, in Spanish if possible" at a form's question in a conversation already in Spanish: the
            # answer it carries, not a second announcement of a switch already made (that loop lost a sign-up).
            forced = "inform"
        elif switch and isinstance(decided, dict) and decided.get("language") == switch and \
                "languages" in _faq_topics(text):
            # "¿me pueden poner con alguien que hable k'iche'? o más despacio en español" in a conversation held in
            # Spanish asks for another language: what languages there are, not "we go on in Spanish" again.
            forced = "ask_faq"
        elif switch:
            forced = "switch_to_spanish" if switch == lang.ES else "switch_to_english"
        elif norm in _CANCEL_WORDS:
            forced = "cancel"
        elif (message.get(INTENT) or {}).get("name") == "cancel" and isinstance(decided, dict) and \
                safety_context.answers(decided.get("question"), text) and not _SAYS_CANCEL.search(norm):
            # "It don't matter" at the quiet-hours question is its answer (no quiet hours), not "cancel": a
            # sign-up was thrown away after every other answer had been given
            forced = "inform"
        elif (message.get(INTENT) or {}).get("name") in _ACCOUNT_INTENTS and (facts.custody or facts.states) and \
                not _ACCOUNT_WORDS.search(norm):
            # "LA CARCEL DE MECKLENBURG COUNTY, LA DE 4TH STREET" heard as a request about one's sign-ups got "You
            # have no subscriptions" 28 times: a place of custody without a word about sign-ups is an answer.
            forced = "inform"
        elif (message.get(INTENT) or {}).get("name") in _ACCOUNT_INTENTS and facts.custody and not mention and \
                relevance.names_harm(text) and not _names_a_contact(text) and \
                (not isinstance(decided, dict) or decided.get("question") in (None, "custody", "offer")):
            # "inspector postal me dio este numero. me robaron cheques del correo. el tipo ya ta en fci tucson" got
            # the contact form as a first message ("este número" is the service's): harm done and where he is held,
            # with no address or number of one's own, start a request, whatever account word it carries.
            forced = "inform"
        elif facts.custody - {"prison"} and not mention and asks_to_be_told and \
                (message.get(INTENT) or {}).get("name") in _REQUEST_OVER and \
                (not isinstance(decided, dict) or decided.get("question") in (None, "custody", "offer")):
            # "El weón que lo hizo está preso en la cárcel de Davidson County. ¿Nos pueden avisar cuando salga?" got
            # only the FAQ on what the messages say: a place of custody and a wish to be told of his release are a
            # request to be notified, guided to its program.
            forced = "request_notification"
        elif (message.get(INTENT) or {}).get("name") in _FAQ_OVER and _faq_question(text):
            # "Is there a way for her to get notices by regular mail or a phone call instead?" asks how the
            # messages come; it changes no one's contact (and there may be no sign-up yet to change).
            forced = "ask_faq"
        elif (message.get(INTENT) or {}).get("name") in _ACCOUNT_INTENTS and isinstance(decided, dict) and \
                decided.get("question") == "offer" and (_faq_question(text) or "?" in text or "¿" in text):
            # A question at the sign-up offer ("Is it a problem that I'm registering instead of my father?") read
            # as "change my contact" started the contact form for sign-ups that did not exist, lost the offer and
            # ended in "You have no active subscriptions": a question there is answered, and the offer stays.
            forced = "ask_faq"
        elif (message.get(INTENT) or {}).get("name") == "ask_help" and _only_confusion(text):
            # "what" / "huh" / "?" after the bot's last words is not understanding them (explained where they
            # were, a paused sign-up offered again), not a request for the list of what the service does
            forced = "nlu_fallback"
        elif asks_for_a_person(text):
            # "CAN I JUST CALL SOMEBODY", "puedo hablar con alguien": a person to call, in any form.
            forced = "human_handoff"
        elif (message.get(INTENT) or {}).get("name") == "human_handoff" and (facts.custody or facts.states):
            # The classifier's guess without the words that ask for a person, on a message with custody facts
            # ("baltimore central booking, he hasn't seen a judge yet"): an answer about where he is, or, as a
            # mere mention, the fallback that takes it as the answer when the custody question is open.
            forced = "nlu_fallback" if mention else "inform"
        elif (message.get(INTENT) or {}).get("name") in _NOT_QUIET_HOURS and _QUIET_HOURS.search(norm):
            forced = "change_quiet_hours"
        elif isinstance(decided, dict) and decided.get("question") in ("contact_address", "contact_channel") and \
                _names_a_contact(text):
            # "wait, that's wrong, it's (970) 555-0168" while the contact is being asked: the answer, corrected,
            # not the change menu for a sign-up that is not finished
            forced = "inform"
        elif _is_contact_value(text):
            # An e-mail address, a phone number or a code is an answer, never "cancel" or "greet"
            # (character n-grams of "canary@…" once looked like "cancel").
            forced = "inform"
        elif yes_or_no := _yes_no_first((message.get(INTENT) or {}).get("name"), text,
                                        decided.get("question") if isinstance(decided, dict) else None):
            # "Yes, we would appreciate that." is a yes, not thanks; "No gracias, ya me llegan las cartas"
            # a no (issue 9). What it says yes or no to is decided by the action (actions/triage.py).
            forced = yes_or_no
        elif unbelievable_small_talk((message.get(INTENT) or {}).get("name"), norm):
            forced = "inform"
        elif _unasked_switch((message.get(INTENT) or {}).get("name"), guess) or \
                _switch_without_a_language((message.get(INTENT) or {}).get("name"), norm):
            # "que bueno, mi inglés es muy malo" names English without asking for it.
            forced = "inform"
        elif (facts.custody or (facts.states and len(norm.split()) <= 4)) and not mention and \
                (message.get(INTENT) or {}).get("name") in ("out_of_scope", "nlu_fallback"):
            # "my wife's attacker got 15 years in a state pen in missouri, how do we stay updated" is
            # not out of scope: the facts say it is about custody. Guide rather than refuse.
            forced = "inform"
        elif about_him and not facts.custody and \
                (message.get(INTENT) or {}).get("name") in ("out_of_scope", "nlu_fallback"):
            # "the man who sold my daughter online": no custody word yet. Ask where he is rather than
            # say "I can't help with that".
            forced = "inform"
        elif mention and p_relevant < relevance.THRESHOLD / 2 and len(text.split()) >= 3 and \
                (message.get(INTENT) or {}).get("name") in ("inform", "request_notification", "register", "nlu_fallback"):
            # "how do I put money on my cousin's commissary at the county jail?": an honest "not
            # something I can help with", not a triage question -- unless the conversation has just asked
            # where the person is held, which only the actions can see: nlu_fallback below.
            forced = "out_of_scope"
        if (forced or (message.get(INTENT) or {}).get("name")) == "out_of_scope" and mention and \
                (facts.custody or facts.states):
            # Custody words taken as a mere mention: action_fallback answers "out of scope" as before, or,
            # when the custody question is open, takes them as its answer (actions/custody_answer.py).
            forced = "nlu_fallback"
        if forced:
            message.set(INTENT, {"name": forced, "confidence": 1.0}, add_to_output=True)

    def _police_only(self, norm: str, facts, language: Optional[str]) -> bool:
        """Police are the only custody word ("do I need a police report?"): without them no custody is named."""
        if not facts.custody or not _POLICE.search(norm):
            return False
        return not self._matcher.match(_POLICE.sub(" ", norm), language).custody

    @staticmethod
    def _entity(name: str, value: str, role: Optional[str] = None) -> Dict[str, Any]:
        entity: Dict[str, Any] = {"entity": name, "value": value, "extractor": EXTRACTOR}
        if role:
            entity["role"] = role
        return entity
