"""What happened to the person, read from their own words, so that the help offered fits the harm.

The hotlines differ by harm (data/directory/programs.yml, `hotlines`): a rape is RAINN's, trafficking
the National Human Trafficking Hotline's, child abuse Childhelp's, a murdered loved one POMC's,
thoughts of suicide 988's, a Native survivor StrongHearts'; anything else keeps the National Domestic
Violence Hotline. This module only reads words (English and Spanish, explicit tables); the danger
decision stays with bot.safety.model. Nothing here is logged or stored.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Optional, Tuple

from bot.nlu.text import normalize

SELF_HARM, SEXUAL_ASSAULT, TRAFFICKING, CHILD_ABUSE, HOMICIDE, NATIVE = (
    "self_harm", "sexual_assault", "trafficking", "child_abuse", "homicide", "native")
# The order help is offered in when several apply: thoughts of suicide first, identity last (a Native
# survivor of a rape hears RAINN's line and then StrongHearts').
ORDER = (SELF_HARM, SEXUAL_ASSAULT, TRAFFICKING, CHILD_ABUSE, HOMICIDE, NATIVE)

# Loved ones, as written after "my" / "mi", with the Spanish word as it is displayed (accents back).
RELATIONS_EN = (
    "daughter", "son", "child", "baby", "boy", "girl", "brother", "sister", "mother", "mom", "father",
    "dad", "husband", "wife", "partner", "boyfriend", "girlfriend", "grandson", "granddaughter",
    "grandmother", "grandma", "grandfather", "grandpa", "nephew", "niece", "cousin", "uncle", "aunt",
    "friend", "fiance", "fiancee", "stepson", "stepdaughter",
)
RELATIONS_ES = {
    "hija": "hija", "hijo": "hijo", "hijita": "hijita", "hijito": "hijito", "nena": "nena", "nene": "nene",
    "nina": "niña", "nino": "niño", "bebe": "bebé", "hermano": "hermano", "hermana": "hermana",
    "madre": "madre", "mama": "mamá", "padre": "padre", "papa": "papá", "esposo": "esposo",
    "esposa": "esposa", "marido": "marido", "pareja": "pareja", "novio": "novio", "novia": "novia",
    "nieto": "nieto", "nieta": "nieta", "abuela": "abuela", "abuelo": "abuelo", "sobrino": "sobrino",
    "sobrina": "sobrina", "primo": "primo", "prima": "prima", "tio": "tío", "tia": "tía",
    "amigo": "amigo", "amiga": "amiga",
}
_REL_EN = "|".join(RELATIONS_EN)
_REL_ES = "|".join(RELATIONS_ES)

# Spanish "violar"/"violación" also means violating an order or parole: not a rape then.
_NOT_A_RAPE = (r"(?! (la|su|sus|las|el|una|de la|de su|a la|a su) ?(orden|ordenes|libertad|probatoria"
               r"|condicion|condiciones|parole|probation|restriccion|ley|reglas|proteccion))")
_PATTERNS = {
    SEXUAL_ASSAULT: re.compile(
        r"\b(rape|raped|raping|rapist|sexual(ly)? (assault|assaulted|abuse|abused)|molest\w*|"
        r"date rape|forced himself on|agresion sexual|asalto sexual|abuso sexual|abus\w* sexualmente|"
        r"violada|violado|violador|violadores|"
        r"(me|la|lo|le|nos|las|los) violo" + _NOT_A_RAPE + r"|(me|la|lo|le|nos|las"
        r"|los) violaron" + _NOT_A_RAPE +
        r"|violacion" + _NOT_A_RAPE + r"|viola(ba|ron)? a (mi|mis|nuestra|nuestro))\b"),
    TRAFFICKING: re.compile(
        r"\b((human|sex|labor) trafficking|trafficked|trafficker|traffickers|trafficking (me|her|him"
        r"|them|my)|"
        r"sold me (to|for|online|out)|sold (her|him|them) (to|for|online)|sold (my|our) (" + _REL_EN + r")|"
        r"pimp|pimped|pimping|trata de personas|trata de blancas|tratante|tratantes|"
        r"explotacion sexual|explotacion laboral|me vendio|me vendieron|vendio a mi|vendieron a mi|la vendio|"
        r"lo vendio|padrote|proxeneta|lenon)\b"),
    CHILD_ABUSE: re.compile(
        r"\b(child abuse|abusing (my|our) (kids|children|son|daughter|kid|child)|"
        r"(abused|molested|hurt|hurting|beat|beating|touched|touching) (my|our) (kids|children|son"
        r"|daughter|kid|child|"
        r"little (boy|girl|one|ones)|stepson|stepdaughter|grandson|granddaughter)|"
        r"(abuse|abused) me when i was (a kid|little|a child|\d+)|when i was (a kid|little"
        r"|a little (boy|girl))|"
        r"(i m|im|i am) (1[0-7]|[6-9])( years old| yrs old| yo)?$|(i m|im|i am) (1[0-7]|[6-9]) and|"
        r"abuso infantil|maltrato infantil|abuso de menores|abuso sexual infantil|"
        r"(abuso|abusaba|abusaron|toco|tocaba|golpea|golpeaba|pega|pegaba|maltrata|maltrataba) (a"
        r"|de)? ?(mi|mis|nuestr\w*) "
        r"(hija|hijo|hijos|hijas|nina|nino|ninos|ninas|nieta|nieto|bebe|chiquit\w*)|"
        r"cuando (yo )?era (nina|nino|chiquit\w*|pequen\w*|menor)|tengo (1[0-7]|[6-9]) anos)\b"),
    HOMICIDE: re.compile(
        r"\b((murdered|killed|shot and killed|stabbed to death) (my|our) (" + _REL_EN + r")|"
        r"(my|our) (" + _REL_EN + r")( \w+){0,2} (was|got|were)( \w+){0,3} (murdered|killed"
        r"|shot dead|stabbed to death)|"
        r"(murdered|killed) (him|her|them)|homicide|murderer of (my|our)|(who|that|man|guy"
        r"|person) (killed|murdered) (my|our)|"
        r"(asesinaron|mataron|mato|asesino) a (mi|nuestr\w*) (" + _REL_ES + r")|"
        r"(mi|nuestr\w*) (" + _REL_ES + r")( \w+){0,2} (fue|murio) asesinad\w*|(lo|la) (mataron|asesinaron)|"
        r"homicidio|asesino de (mi|nuestr\w*)|el que mato a (mi|nuestr\w*))\b"),
    SELF_HARM: re.compile(
        r"\b(suicid\w*|kill myself|killing myself|end my life|ending my life|want to die|wanna die"
        r"|dont want to live|"
        r"do not want to live|dont want to be alive|hurt myself|hurting myself|"
        r"quitarme la vida|matarme|suicidarme|no quiero vivir|quiero morir\w*"
        r"|ya no quiero estar aqui|hacerme dano)\b"),
    NATIVE: re.compile(
        r"\b(native american|alaska native|american indian|indigenous|tribal|my tribe|our tribe|"
        r"on the rez|on the reservation|native (woman|women|man|men|survivor|girl|boy|person|people"
        r"|family|relative)|"
        r"(i m|im|i am) native|soy nativ\w*|indigena|indigenas|mi tribu|nuestra tribu|en la reserva\w*|"
        r"navajo|lakota|ojibwe|cherokee|apache|hopi|tohono oodham|dakota sioux)\b"),
}
# Drugs and guns are trafficked too: "he is in for drug trafficking" is no one's trafficking.
_DRUG_TRAFFICKING = re.compile(r"\b(drug|drugs|gun|guns|arms|weapons|narcotics|fentanyl|cocaine"
                               r"|meth) trafficking\b")


def harms(text: Optional[str]) -> Tuple[str, ...]:
    """The harms a message names, in ORDER."""
    if not text or text.startswith("/"):
        return ()
    norm = _DRUG_TRAFFICKING.sub(" ", normalize(text))
    return tuple(h for h in ORDER if _PATTERNS[h].search(norm))


def merge(*groups: Iterable[str]) -> Tuple[str, ...]:
    """Harms from several messages, once each, in ORDER."""
    found = {h for group in groups for h in group}
    return tuple(h for h in ORDER if h in found)


def loved_one(text: Optional[str], language: str) -> Optional[str]:
    """The loved one a homicide message names ("my daughter" -> "daughter", "mi tía" -> "tía"), in the
    reply's language when the message was written in it; None otherwise."""
    norm = normalize(text or "")
    if language == "es":
        found = re.search(r"\b(mi|nuestr[oa]s?) (" + _REL_ES + r")\b", norm)
        return RELATIONS_ES[found.group(2)] if found else None
    found = re.search(r"\b(my|our) (" + _REL_EN + r")\b", norm)
    return found.group(2) if found else None


def hotline_keys(found: Iterable[str]) -> List[str]:
    """Directory keys (`hotlines` in programs.yml) for the harms found; the NDVH when none."""
    keys = {SELF_HARM: "suicide_crisis_lifeline", SEXUAL_ASSAULT: "sexual_assault",
            TRAFFICKING: "trafficking", CHILD_ABUSE: "child_abuse", HOMICIDE: "homicide", NATIVE: "native"}
    chosen = [keys[h] for h in ORDER if h in set(found)]
    return chosen or ["ndvh"]


# "CAN I JUST CALL SOMEBODY", "can I talk to a person", "puedo hablar con alguien", "quiero hablar con
# una persona real": always answered with a person to call, never "I didn't understand".
_A_PERSON = re.compile(
    r"\b((call|talk to|talk with|speak to|speak with|chat with|reach|get) (somebody|someone|a person|a human|"
    r"a real person|an actual person|a live person|a real human|an advocate|a counselor|anyone|a counselor)|"
    r"(real|actual|live) (person|human)|human please|"
    r"(is there|are there|theres) (someone|somebody|anyone) (i can|to) (call|talk)|"
    r"(hablar|platicar|llamar|comunicarme) (con|a) (alguien|una persona|un humano|un ser humano|"
    r"una persona de verdad|un asesor|una asesora|un consejero|una consejera)|persona real|"
    r"(a quien|con quien) (puedo|podria|le puedo) (llamar|hablar)|hay alguien (con quien|a quien)|"
    r"numero (para|al que) (llamar|hablar))\b")


def asks_for_a_person(text: Optional[str]) -> bool:
    """The message asks for a person to talk to (English or Spanish, any capitals)."""
    return bool(text) and not text.startswith("/") and _A_PERSON.search(normalize(text)) is not None
