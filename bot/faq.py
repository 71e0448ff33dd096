"""Questions and asides in the middle of a sign-up: which of the short FAQ's topics a message asks
about, whether it is a question at all, and whether the person wants to leave ("forget it").

The forms call these before storing an answer: a name field accepts almost any words, so without
them "wait what is VINE?" would be stored as a person and "actually no... forget it" as a name.
Pure functions with explicit English and Spanish tables, on the folded text (bot.nlu.text.normalize:
lowercase, no accents, no punctuation), so SMS spelling ("q es vine", "quien ve mi numero") matches
too. Nothing here logs the text: it may be personal data.
"""

from __future__ import annotations

import re
from typing import List

from bot.nlu.text import normalize

# The FAQ's topics, in the order their answers are given when one message asks two things.
TOPICS = ("vine", "vns", "vnp", "anonymity", "immigration", "contact", "cost", "messages", "stop")
MAX_ANSWERS = 2


def _any(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_PEOPLE = (r"mom|mother|mum|dad|father|parents|family|husband|wife|partner|kids|children|son|daughter|"
           r"boyfriend|girlfriend|sister|brother|roommate|boss|mama|madre|papa|padre|familia|esposo|esposa|"
           r"pareja|hijos|hijas|hijo|hija|novio|novia|hermana|hermano|suegra|suegro|jefe|jefa")
_CONTACT_WORDS = (r"number|phone|cell|email|e mail|address|contact|info|information|details|data|"
                  r"messages|texts|emails|alerts|notifications|numero|telefono|celular|correo|datos|"
                  r"informacion|mensajes|avisos")
_PROGRAM_NAMES = {"vine": r"vine|vinelink|vine link",
                  "vns": r"vns|victim notification system|sistema de notificacion a victimas",
                  "vnp": r"vnp|victim notification program|programa de notificacion a victimas|ice program|"
                         r"programa de ice"}
_WHAT_IS = (r"(?:what|wat|wut|wht)\s+(?:is|s|are|r|does|do)|whats|explain|tell me about|"
            r"(?:que|q|k)\s+(?:es|son|significa|significan|quiere decir|hace|hacen)|"
            r"para que sirve|explica\w*")


def _program(names: str) -> re.Pattern:
    return _any(rf"\b(?:{_WHAT_IS})\b(?:\s+\w+){{0,3}}\s+(?:{names})\b",
                rf"\b(?:{names})\b(?:\s+\w+){{0,2}}\s+"
                r"(?:mean|means|stand for|stands for|significa|quiere decir)\b")


_TOPIC_PATTERNS = {
    # The person's own immigration status (never the offender's deportation: "deport him" is triage).
    "immigration": _any(
        r"\bdeports?\s+me\b", r"\b(?:i|ill|im)\s+(?:\w+\s+)?(?:be|get|getting|being)\s+deported\b",
        r"\bmy\s+(?:own\s+)?(?:immigration\s+|legal\s+)?(?:status|papers|visa|green card|citizenship)\b",
        r"\bi\s*a?m\s+(?:not\s+(?:a\s+)?(?:citizen|legal|documented)|undocumented|illegal)\b",
        r"\bi\s+(?:dont|do not)\s+have\s+(?:papers|documents|a visa|legal status|status|a green card)\b",
        r"\b(?:do|does)\s+(?:i|you)\s+(?:need|have)\s+to\s+be\s+(?:a\s+)?(?:citizen|legal|documented|"
        r"resident)\b",
        r"\bme\s+(?:pueden|puede|van a|va a|podrian|podria|iban a|vayan a)\s+deportar\b",
        r"\bdeportar(?:me|nos)\b",
        r"\bme\s+deport(?:en|an|aran|arian)\b",
        r"\breportar(?:me|nos)\b.{0,20}\b(?:migra|migracion|inmigracion|ice)\b",
        r"\b(?:mi|mis)\s+(?:estatus|estado|situacion|status)\s+(?:migratori[oa]|legal|de inmigracion)\b",
        r"\bmis\s+papeles\b", r"\bno\s+tengo\s+(?:papeles|documentos|estatus|visa|green card)\b",
        r"\b(?:soy|estoy)\s+(?:indocumentad[oa]|ilegal|sin papeles)\b",
        r"\bno\s+soy\s+(?:ciudadan[oa]|legal|residente)\b",
        r"\b(?:tengo|hay)\s+que\s+ser\s+(?:ciudadan[oa]|residente|legal)\b",
    ),
    # Who sees the person's contact and the messages (someone at home, the service, anyone).
    "contact": _any(
        rf"\b(?:who|whom)\b.{{0,25}}\b(?:see|sees|read|reads|access|look at|has|gets|"
        rf"get)\b.{{0,25}}\b(?:{_CONTACT_WORDS})\b",
        rf"\bmy\s+(?:{_PEOPLE})\b.{{0,30}}\b(?:see|read|find out|know|notice|look)\b",
        rf"\b(?:anyone|anybody|someone|somebody|people|others|everyone)\b.{{0,25}}\b(?:see|read)\b",
        rf"\b(?:share|sharing|shared|sell|selling|give out|pass on)\b.{{0,20}}\bmy\s+(?:{_CONTACT_WORDS})\b",
        rf"\b(?:is|are)\s+my\s+(?:{_CONTACT_WORDS})\s+(?:safe|private|secure|protected|shared)\b",
        r"\bprivacy\b",
        r"\b(?:quien|quienes)\b.{0,25}\b(?:ve|ven|ver|lee|leen|leer|tiene acceso|tienen acceso|mira|miran)\b",
        rf"\b(?:mi|mis)\s+(?:{_PEOPLE})\b.{{0,30}}\b(?:ver|ve|vea|vean|leer|lee|lea|enterar|entera|saber|"
        rf"sabe)\b",
        r"\b(?:alguien|nadie|otra persona|otros)\b.{0,25}\b(?:ver|ve|vea|leer|lee|lea)\b",
        rf"\b(?:compart|vend|pas)\w*\b.{{0,20}}\b(?:mi|mis)\s+(?:{_CONTACT_WORDS})\b",
        rf"\b(?:mi|mis)\s+(?:{_CONTACT_WORDS})\b.{{0,20}}\b(?:segur|privad|protegid|compart)\w*",
        r"\bprivacidad\b",
    ),
    # Whether the offender can learn of the sign-up.
    "anonymity": _any(
        r"\b(?:anonymous|anonymously|anonymity|confidential|"
        r"anonim[oa]|anonimamente|anonimato|confidencial)\b",
        r"\b(?:will|would|does|do|can|could|is|gonna|might)\b.{0,20}\b(?:he|she|they|him|her|offender|abuser|"
        r"attacker|ex|defendant|inmate)\b.{0,25}\b(?:know|find out|found out|learn|see|notified|told|hear|"
        r"informed)\b",
        r"\b(?:will|would|does|do|can|could|are|is)\b.{0,40}\b(?:tell|notify|inform|warn|alert)\s+(?:him|her|"
        r"them)\b",
        r"\b(?:se|lo|la)\s+(?:va a|van a|puede|pueden|podria)\s+(?:enterar|saber|dar cuenta)\b",
        r"\bse\s+(?:entera|enteran|enteraria|da cuenta)\b",
        r"\ble\s+(?:avisan|van a avisar|dicen|van a decir|informan|notifican|avisa)\b",
    ),
    # Costs. Single words such as "price" are surnames too, so the English needs a question around them.
    "cost": _any(
        r"\b(?:does|do|will|would|is|are|it|this|that|anything|there|any)\b.{0,15}\b(?:cost|costs|fee|fees|"
        r"charge|price)\b",
        r"\bcosts?\s+(?:anything|money|me|something)\b", r"\bcharge(?:d)?\s+(?:me|you|for|anything)\b",
        r"\bhow much\s+(?:is it|is this|does it|does this|do you)\b", r"\bfree of charge\b",
        r"\b(?:is|it|this|service|messages|texts|vine|registration|registering)\s+(?:it\s+)?"
        r"(?:really\s+|totally\s+|completely\s+)?free\b",
        r"\b(?:do|will|would|must|have to|need to|gotta)\s+(?:i\s+)?(?:have to\s+|need to\s+)?pay\b",
        r"\b(?:cuesta|cuestan|costo|coste|cobran|cobra|cobrar|cobro|tarifa|gratis|gratuit[oa])\b",
        r"\b(?:tengo|hay|debo)\s+que\s+pagar\b", r"\bpagar\s+(?:algo|por)\b",
    ),
    "stop": _any(
        r"\bhow\s+(?:do|can|would|will|could)\s+i\s+(?:stop|cancel|unsubscribe|opt out|quit|turn off|end)\b",
        r"\bcan\s+i\s+(?:stop|cancel|unsubscribe|opt out|quit)\b",
        r"\bhow\s+to\s+(?:stop|cancel|unsubscribe|opt out)\b",
        r"\b(?:stop|cancel|unsubscribe)\b.{0,30}\b(?:later|anytime|any time|whenever|if i want)\b",
        r"\bcomo\s+(?:me\s+)?(?:doy de baja|dejo de recibir|cancelo|paro|detengo|quito|desinscribo|"
        r"desuscribo|salgo)\b",
        r"\bpuedo\s+(?:cancelar|darme de baja|dejar de recibir|parar|salirme)\b",
        r"\bcomo\s+(?:cancelar|darme de baja|dejar de recibir|parar)\b",
        r"\b(?:cancelar|darme de baja|dejar de recibir)\b.{0,30}\b(?:despues|luego|cuando quiera|mas "
        r"adelante)\b",
    ),
    "messages": _any(
        r"\bwhat\s+(?:kind|kinds|type|types|sort)\s+of\s+(?:messages|texts|alerts|notifications|updates|"
        r"news)\b",
        r"\bwhat\s+(?:will|would|do|does)\s+(?:the\s+|your\s+|these\s+|those\s+)?(?:messages|texts|alerts|"
        r"notifications)"
        r"\s+(?:say|mean|tell|look like|contain)\b",
        r"\bwhat\s+(?:will|would)\s+(?:you|u)\s+(?:send|text|tell)\b",
        r"\bwhat\s+(?:messages|alerts|notifications)\b",
        r"\bwhat\s+(?:will|would|do)\s+i\s+(?:get|receive|be told)\b",
        r"\bque\s+(?:tipo|clase)\s+de\s+(?:mensajes|avisos|notificaciones|alertas)\b",
        r"\bque\s+(?:mensajes|avisos|notificaciones|alertas)\b",
        r"\bque\s+(?:dicen|dira|diran|significan|van a decir)\s+(?:los\s+)?(?:mensajes|avisos|"
        r"notificaciones)\b",
        r"\bque\s+(?:me\s+)?(?:van a|va a|vas a)\s+(?:mandar|enviar|avisar|decir)\b",
        r"\bque\s+(?:voy a|va a)\s+recibir\b",
    ),
    **{name: _program(names) for name, names in _PROGRAM_NAMES.items()},
}


# "Why do you need that?" at the contact question: what the number or address is for.
_WHY_CONTACT = _any(
    r"^(?:but\s+|pero\s+|y\s+)?(?:why|how come|por que|para que)$",
    r"\bwhy\b.{0,30}\b(?:need|want|ask|asking|have|give|need to know)\b",
    r"\bwhy\s+(?:my|the|your|a|that|this)?\s*(?:number|phone|email|e mail|address|contact|info)\b",
    r"\bwhat\b.{0,30}\b(?:need|want|use)\b.{0,20}\bfor\b", r"\bwhat\s+(?:is|s)\s+(?:it|that|this)\s+for\b",
    r"\bpara\s+que\b.{0,30}\b(?:quiere|quieren|quieres|necesita|necesitan|necesitas|pide|piden|pides|ocupa|"
    r"ocupan|ocupas|sirve|usan|usa|va a usar|van a usar)\b",
    r"\bpor\s*que\b.{0,30}\b(?:quiere|quieren|quieres|necesita|necesitan|necesitas|pide|piden|pides|ocupa|"
    r"ocupan|tengo que dar|le doy|les doy|debo dar)\b",
)


def asks_why_contact(text: str) -> bool:
    """True for "why do you need that?", "what do you need my number for", "¿para qué quiere mi número?",
    "¿por qué necesitan mi correo?"."""
    return bool(_WHY_CONTACT.search(normalize(text)))


def topics(text: str) -> List[str]:
    """The FAQ topics `text` asks about, in TOPICS order, at most MAX_ANSWERS. A bare program name asked
    as a question ("VINE?") asks what it is."""
    folded = normalize(text)
    found = [topic for topic in TOPICS if _TOPIC_PATTERNS[topic].search(folded)]
    if not found and "?" in text:
        found = [name for name, names in _PROGRAM_NAMES.items() if re.fullmatch(rf"(?:{names})", folded)]
    return found[:MAX_ANSWERS]


# Words that open a clause without changing what it is ("wait, what is...", "oye, ¿quién...").
_ASIDES = frozenset("wait ok okay um uh umm hmm actually so and but sorry hey oh also then espera oye oiga "
                    "pero y perdon disculpe bueno pues ah ay mira entonces tambien".split())
_WH_EN = frozenset("what whats wat wut who whos whom why how hows when where which".split())
_WH_ES = re.compile(r"^\s*(?:qué|quién|quiénes|cómo|cuándo|dónde|cuál|cuáles|cuánto|cuánta|cuántos|cuántas|"
                    r"por qué)\b", re.IGNORECASE)
_AUX_EN = frozenset("will would can could do does did is are am should shall may might has have".split())
_SUBJECTS_EN = frozenset("he she they i you it my this that anyone anybody someone somebody there the we u "
                         "his her them".split())
_CLAUSES = re.compile(r"[.,;:!?¿¡…\n]+")


def is_question(text: str) -> bool:
    """A clause of `text` asks something: it opens with a question word ("what", "¿quién", "qué"), an
    English auxiliary before its subject ("will he", "can I"), or "¿". Names never do: "Will Smith"
    has no subject after "will"; Spanish without accents or "¿" is left to the topics and the intent."""
    if not any(ch.isalpha() for ch in text):
        return False  # "¿¿??" asks nothing: the form's own example for a bad answer fits it better
    if "¿" in text:
        return True
    for clause in _CLAUSES.split(text):
        words = normalize(clause).split()
        while words and words[0] in _ASIDES:
            words = words[1:]
        if not words:
            continue
        if words[0] in _WH_EN or _WH_ES.match(_strip_asides(clause)):
            return True
        if words[0] in _AUX_EN and len(words) > 1 and words[1] in _SUBJECTS_EN:
            return True
    return False


def _strip_asides(clause: str) -> str:
    """The clause as written (accents kept) without the aside words that open it."""
    words = clause.split()
    while words and normalize(words[0]) in _ASIDES:
        words = words[1:]
    return " ".join(words)


# Leaving the sign-up: the whole clause is one of these, with fillers around it ("actually no... forget it").
_LEAVE_FILLERS = (r"oh|ok|okay|um|uh|actually|wait|no|nah|nope|sorry|just|please|hmm|you know what|"
                  r"on second thought|lol|then|thanks|ay|ah|mira|mejor|pues|oye|espera|sabe que|sabes que|"
                  r"perdon|"
                  r"disculpe|bueno|por favor|gracias|entonces|asi|ya")
_LEAVE = re.compile(
    rf"^(?:(?:{_LEAVE_FILLERS})\s+)*(?:"
    r"forget it|forget about it|forget this|forget that|forget the whole thing|never ?mind|nvm|"
    r"i(?: ve)? changed my mind|i (?:dont|do not) want to(?: do this| do it| sign up| continue| go on)?"
    r"(?: anymore| any more)?|i (?:dont|do not) want this(?: anymore)?|not anymore|leave it|drop it|lets "
    r"stop|"
    r"olvidalo|olvidelo|olvidenlo|olvida eso|olvide eso|olvidate|olvidese|olvidate de eso|olvidese de eso|"
    r"ya no quiero(?: hacer esto| inscribirme| registrarme| seguir| continuar| nada| esto)?|ya no me "
    r"interesa|"
    r"dejalo|dejelo|dejemoslo|cambie de opinion)"
    rf"(?:\s+(?:{_LEAVE_FILLERS}))*$"
)


def wants_to_leave(text: str) -> bool:
    """The person says to drop the sign-up: "forget it", "never mind", "olvídalo", "ya no quiero" as a
    clause of its own. "Never mind the name, it's 12345" is a correction, not a goodbye."""
    return any(_LEAVE.match(normalize(clause)) for clause in _CLAUSES.split(text) if normalize(clause))
