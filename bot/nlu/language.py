"""Which language a message is written in (English or Spanish), and explicit requests to switch.

Short messages are where statistical detectors fail, so the decision combines marker words
(function words that are frequent in one language and rare in the other) with py3langid, whose
model ships inside the wheel. Names, numbers and e-mail addresses carry no vote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from bot.nlu.text import normalize

EN, ES = "en", "es"

_ES_MARKERS = frozenset(
    """
    el la los las un una unos unas del al que de en y o pero porque por para con sin sobre mi mis
    tu su sus es esta estan estoy esto eso ese esa son ser fue era hay muy mas ya no si tambien
    como cuando donde quien cual cuanto lo le les te se nos yo ella ellos usted ustedes
    hola buenas buenos dias tardes noches gracias favor ayuda ayudeme ayudame necesito quiero
    quisiera saber puedo puede pueden tengo tiene tienen hijo hija esposo esposa novio novia
    marido papa mama hermano hermana carcel prision preso presa salga salio sale cuando avisen
    aviso avisar registrarme registrar estado condado migra deportado deportaron fiscal corte
    miedo nada nadie algo todo todos ahora hoy manana ayer aqui alli donde sabe se hace
    dijeron dijo estaba sera seria hizo hacer vez despues antes hasta desde entre contra mucho
    poco bueno malo claro vale okey pues entonces sigue siguen seguir llamar llame numero
    correo telefono cancelar cancela olvidalo espanol ingles habla hablas hablo
    """.split()
)

_EN_MARKERS = frozenset(
    """
    the an and or but because for with without about my your his her their our is are was were
    be been being am im its it this that these those there here what when where who which how
    why do does did dont didnt cant wont will would should could can i you he she they we him
    them us hi hello hey thanks thank please help want wanted know need get got out released
    release jail prison county state federal case court when if of to in on at from by up
    just still yet not no yes yeah ok okay sure sign signed notify notified notification
    news update updates talk someone anyone person scared afraid today tomorrow yesterday
    husband wife boyfriend girlfriend ex son daughter brother sister mom dad baby daddy
    english spanish speak locked arrested deported cancel stop never mind have has had
    """.split()
)

# Tokens that look like one language but are normal in both (names of places, program words).
_NEUTRAL = frozenset("a me ex ok ice vine vns vnp fbi dea atf da us no".split()
                     # words of custody places that Spanish speakers use as they are ("Cook County", "el jail de
                     # DeKalb", "greenville county detention center"): a place named says nothing of the language
                     + "county jail detention center correctional facility fci usp fdc mdc fpc parish corrections "
                       "processing institution penitentiary".split())

_SWITCH_ES = re.compile(
    r"^(please |por favor )?(en |in )?(espanol|spanish|castellano)( please| por favor| pls| plz)?$"
    r"|\b(habla|hablas|hablan|speak|speaks|talk|hablar|hablemos|sigamos|seguir|continuar|cambiar|cambia|switch|change|prefer|prefiero|mejor|keep|continue|pls|please|plz|porfa|puedes|puede|pueden|podemos|podrian|can|could)"
    r"\b.*\b(espanol|spanish)\b"
    # "can you send them in spanish", "me los pueden mandar en español": the language right after
    r"|\b(send|write|come|manden|mandar|mandan|envien|enviar|escriban|escribir|llegar|llegan)\b(?: \w+){0,3}? "
    r"(in|en) (espanol|spanish)\b"
    r"|\b(in|en) (spanish|espanol) if (you can|possible|u can)\b"
    r"|\bno (hablo|entiendo|se) (ingles|english)\b|\bi speak spanish\b|\bi (dont|do not) speak english\b"
    r"|\bonly (speak )?spanish\b|\bsolo (hablo )?espanol\b|\bespanol por favor\b|\b(spanish|espanol) (pls|please|plz|porfa|if possible)\b"
)
_SWITCH_EN = re.compile(
    r"^(please |por favor )?(en |in )?(ingles|english)( please| por favor| pls| plz)?$"
    r"|\b(habla|hablas|hablan|speak|speaks|talk|hablar|hablemos|sigamos|seguir|continuar|cambiar|cambia|switch|change|respond|answer|write|reply|prefer|prefiero|mejor|keep|continue|puedes|puede|pueden|podemos|podrian|can|could)"
    r"\b.*\b(ingles|english)\b"
    r"|\b(send|come|manden|mandar|mandan|envien|enviar|escriban|escribir|llegar|llegan)\b(?: \w+){0,3}? "
    r"(in|en) (ingles|english)\b"
    r"|\b(in|en) (english|ingles) if (you can|possible|u can|se puede)\b"
    r"|\b(english|ingles) (pls|please|plz|porfa|por favor|if possible)\b"
    r"|\bno (hablo|entiendo|se) (espanol|spanish)\b|\bi (dont|do not|cant|can not|cannot) (speak|read|understand) spanish\b"
    r"|\bonly (speak )?english\b|\bsolo (hablo )?ingles\b|\bingles por favor\b|\benglish please\b"
)


# Someone else who does not speak English ("mi mamá no habla inglés", "my mom doesn't speak English").
_OTHERS_NO_ENGLISH = re.compile(
    r"\bno (habla|hablan|hablamos|entiende|entienden|sabe|saben) (nada de |mucho |bien (el )?|el )?(ingles|english)\b"
    r"|\b(doesnt|does not|dont|do not|cant|cannot|can not) (really )?(speak|read|understand) (much |any )?english\b")


@dataclass(frozen=True)
class LanguageGuess:
    """A detection result. `language` is None when the message gives no usable evidence."""

    language: Optional[str]
    confident: bool


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages([EN, ES])
    return identifier


def requested_switch(text: str) -> Optional[str]:
    """The language the person explicitly asks for ("español", "in English please"), else None."""
    norm = normalize(text)
    if len(norm.split()) > 20:
        return None
    # "no hablo inglés" asks for Spanish: check the negated forms first.
    if re.search(r"\bno (hablo|entiendo|se) (ingles|english)\b|\b(dont|do not|cant|cannot) (speak|read|understand) english\b", norm):
        return ES
    # "mi mamá no habla inglés", "my mom doesn't speak English": said of someone else, it asks for nothing by itself,
    # least of all for English
    norm = _OTHERS_NO_ENGLISH.sub(" ", norm)
    if re.search(r"\bno (hablo|entiendo|se) (espanol|spanish)\b|\b(dont|do not|cant|cannot) (speak|read|understand) spanish\b", norm):
        return EN
    if _SWITCH_ES.search(norm):
        return ES
    if _SWITCH_EN.search(norm):
        return EN
    return None


@lru_cache(maxsize=1)
def _names_pattern() -> Optional[re.Pattern]:
    """The names of custody facilities (data/reference/facilities.yml): "Men's Central Jail", "Ohio Reformatory for
    Women" are names, written the same in a Spanish message; their words vote for no language."""
    from bot import reference

    names = {normalize(name) for name, _, _ in reference.facilities()}
    # English names only ("la cárcel de Bayamón" is Spanish and keeps its votes)
    names = sorted((n for n in names if len(n.split()) >= 2 and not _ES_MARKERS.intersection(n.split())),
                   key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def _without_names(norm: str) -> str:
    pattern = _names_pattern()
    return pattern.sub(" ", norm) if pattern else norm


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """Words of the names of states, of the places in data/reference/places.yml and of GeoNames' one-word towns
    ("idaho", "caldwell", "nuevo", "luisiana"): written the same in either language, they vote for neither, and a
    message of little else ("Canyon County jail en Caldwell Idaho") is no confident guess that would lock the
    conversation's language before the clear messages that follow. Marker words ("el" of "El Paso") keep their vote."""
    from bot import reference

    names = [n for st in reference.states().values() for n in (st.name_en, st.name_es, *st.aliases)]
    names += [name for name, _, _ in reference.places()]
    words = {w for name in names for w in normalize(name).split()}
    # GeoNames' one-word towns, but not the towns named like everyday words ("Va", "Este", "Cerca", "Norte", "Salt",
    # "Lake", "New", "Near"): "va a salir este mes?" must still read as Spanish, "salt lake city" as English.
    words |= {w for name, _ in reference.gazetteer()["cities"] if " " not in name
              for w in normalize(name).split() if len(w) >= 4 and w not in _EVERYDAY}
    return frozenset(words - _ES_MARKERS - _EN_MARKERS - _EVERYDAY)


_EVERYDAY = frozenset(
    "este esta esto estos cerca norte sur oeste mesa vista casa gran grande nuevo nueva loma lomas sierra bella "
    "buena alto alta bajo plata rico rica hermosa va ver sol mar paz luz mas hoy dia mes ano "
    "salt lake city new old near north south east west port mount fort falls park hill hills view "
    "spring springs river valley beach bay rock stone green white black union center centre home hope "
    "liberty independence justice mission".split())


def _without_places(tokens: list[str]) -> list[str]:
    """The tokens less the names of places, and less a county's name ("canyon" of "Canyon County")."""
    places = _place_words()
    return [t for i, t in enumerate(tokens) if t not in places and
            not (i + 1 < len(tokens) and tokens[i + 1] in ("county", "parish") and t not in _ES_MARKERS | _EN_MARKERS)]


def detect(text: str) -> LanguageGuess:
    """Guess the language of one message."""
    tokens = [t for t in _without_names(normalize(text)).split() if t.isalpha()]
    tokens = [t for t in _without_places(tokens) if t not in _NEUTRAL]
    if not tokens or set(tokens) == {"yo"}:
        # "yo" alone is a greeting in English slang as much as "I" in Spanish: no guess
        return LanguageGuess(None, False)
    es_votes = sum(t in _ES_MARKERS for t in tokens)
    en_votes = sum(t in _EN_MARKERS for t in tokens)
    # Spanish-only letters and punctuation are strong evidence.
    if re.search(r"[ñ¿¡]|[áéíóú]", text.lower()):
        es_votes += 2
    if es_votes == en_votes == 0 and len(tokens) < 3:
        return LanguageGuess(None, False)
    margin = es_votes - en_votes
    if abs(margin) >= 2 or (abs(margin) >= 1 and len(tokens) <= 3):
        lang = ES if margin > 0 else EN
        return LanguageGuess(lang, abs(margin) >= 2 or len(tokens) >= 2)
    # Close call: ask the statistical model, on the original text (it uses accents).
    lang, prob = _identifier().classify(text)
    if margin and ((margin > 0) != (lang == ES)):
        # Markers and model disagree: trust the markers only if the model is unsure.
        if prob < 0.9:
            return LanguageGuess(ES if margin > 0 else EN, False)
    return LanguageGuess(lang, prob >= 0.9 and len(tokens) >= 3)
