"""Facts in a message that decide the notification program: custody words, agencies, states, danger.

A blank spaCy pipeline per language carries an EntityRuler built from data/reference/; before
matching, words that look like misspellings of a known term ("califronia", "fedral", "carcle")
are replaced by that term. Everything here is pure and deterministic, so it is tested without Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from rapidfuzz import fuzz, process
from spacy.util import filter_spans

from bot import reference
from bot.nlu.language import ES
from bot.nlu.text import normalize
from bot.safety import model as safety

STATE_FACT, FEDERAL_FACT, ICE_FACT, PRISON_FACT = "state", "federal", "ice", "prison"
ICE_CUSTODY_FACT = "ice_custody"
# A jail holds him (a county's or a city's: "the Butler County jail", "la cárcel del condado de Webb"): with a federal
# case, the federal detainee a county jail houses, whose jail VINE covers. Kept beside "state", never instead of it.
JAIL_FACT = "jail"
VINE, VNS, VNP = "vine", "vns", "vnp"

# Spanish "para acá" said short: "pa ca", "pa' ca", "pa'ca".
# Only the lowercase word: "se lo llevaron para CA" is California.
_HERE = re.compile(r"\b(?i:pa|para|por)\s*'?\s*ca\b")
# A run of capitals right after a word ("OH MY GOD"): shouting, not a state code.
_CAPITALS_AFTER = re.compile(r"[\s,!.?]*[A-Z]{2,}\b")
# Two-letter codes that are also everyday words in English or Spanish ("in", "me", "la", "mi"):
# they count as a state only when written in capitals inside a message that is not all capitals.
WORDLIKE_CODES = frozenset("in or me oh ok hi id de la al pa co ma mi va ne mo ms as gu mp vi wa ga sc".split())

# Everyday words that sit close to a term and must never be "corrected" into it.
_PROTECTED = frozenset(
    """
    country countries counter counting courts counts courtney stated states estate status
    statue station prisoner prisoners federico ricely police polices jailed jails places
    there their these those where which while would could should about after again against
    because before being below between during through under until other people really
    ciudad cuando donde porque quiero quiere tienen estado estados estaba estuvo
    carcel carceles presos preso presa presidente person personal texto texts mexico mexicano
    mexicana miami maine maria mario marco mariana dallas austin washington georgia jordan
    virginia carolina indiana dakota florida regina victor victoria martin martina
    indian marine colocado montage montana federico general several personas tenes
    acusa acuso acusaron acusado acusada causa mueven mueve movieron mover moved
    movido movida movidos movidas staying stayed stays
    marianne loretta loreto peking milano
    terminar termino termine terminaron terminado terminada termina terminan terminen terminate
    reported report reporting reports reportar reporte reporto
    attic attics
    montan monta montar montaron montado montada montamos fresnos adelante montanas montanosa montanoso
    emigracion emigrasion emigrar emigro emigrante emigrantes
    presion presiones
    """.split()
)


_NEGATORS = frozenset("not no isnt wasnt aint never nunca ni tampoco".split())


# "it's state", "creo que es federal": the short answer after a little filler.
_FILLER = re.compile(r"^(yes |yeah |si |i think |i believe |creo que |pienso que )?(its |it is |it was |es |era |fue )?(a |an |un |una )?")


def _sound(word: str) -> str:
    """A key under which Spanish spellings that sound alike meet (b/v, z/s, ll/y, silent h)."""
    key = word.replace("b", "v").replace("z", "s").replace("ll", "y").replace("ce", "se").replace("ci", "si")
    return key[1:] if key.startswith("h") else key


def _negated(tokens: list[str], start: int) -> bool:
    """True when one of the two words before a term negates it ("not the feds", "no es federal"), and
    no new clause starts in between ("ya no, ahora lo tiene inmigración")."""
    before = tokens[max(0, start - 3):start]  # "not in the county jail"
    for i, token in enumerate(before):
        if token in _NEGATORS and all(t in _NEGATION_FILLER for t in before[i + 1:]):
            return True
    return False


def _no_longer(tokens: list[str], start: int, end: int) -> bool:
    """"not at Rikers anymore", "ya no está en el condado": the denial says it is over, not that it never was."""
    after, before = tokens[end:end + 2], tokens[max(0, start - 4):start]
    return "anymore" in after or after == ["any", "more"] or "longer" in before \
        or any(before[i:i + 2] == ["ya", "no"] for i in range(len(before) - 1))


# Words that may stand between a negator and what it denies ("not the feds", "no es federal").
_NEGATION_FILLER = frozenset("the a an in at its it is was el la los las es un una en de del al".split())


@dataclass
class Facts:
    """What one message says that matters for triage."""

    custody: set[str] = field(default_factory=set)
    states: list[str] = field(default_factory=list)
    danger: bool = False
    # The whole message answers "state or federal?" ("state", "it's federal"): replaces an earlier answer.
    answer: Optional[str] = None
    # Facts the message denies ("not the feds", "no es federal"): they are withdrawn.
    negated: set[str] = field(default_factory=set)
    # Facts told as over while the message also says what holds now: they do not decide.
    past: set[str] = field(default_factory=set)
    # Facts told only as over ("he was on federal supervised release, that ended"): all there is to go
    # on for now, until a later message says what holds now.
    only_past: set[str] = field(default_factory=set)
    # A jail holds him now, named beside a federal case ("the DEA arrested him and they're holding him at the Butler
    # County jail"): the county jail that houses a federal detainee (JAIL_FACT).
    jail: bool = False
    # The outcome the person says they care about (one of GOALS), if any.
    goal: Optional[str] = None
    # The goal was read from a phrase of priority ("all I want is…"), which off-topic questions use too.
    goal_by_priority: bool = False
    # The state comes only from a town named in passing ("en la mesa", "in Dublin"), not from a state,
    # a county, a facility or a code: it does not replace a state known from those.
    state_weak: bool = False
    # No place of his named, only the person's own ("I'm in Dearborn", "vivo en Reno"): where they live, used only
    # when nothing else is known of where he is.
    home_state: Optional[str] = None

    @property
    def state(self) -> Optional[str]:
        """The state the message names; with several, the last one (usually where he is now)."""
        return self.states[-1] if self.states else None


GOAL_RELEASE = "goal_release"  # "I don't care about deportation, I need to know when he leaves the jail"
GOAL_REMOVAL = "goal_removal"  # "I only care whether they deport him"
GOAL_STATE = "goal_state"  # "he has a federal case too, but the state case is the one I care about"
GOAL_FEDERAL = "goal_federal"  # "lo que yo quiero saber es lo del caso federal"
GOALS = frozenset({GOAL_RELEASE, GOAL_REMOVAL, GOAL_STATE, GOAL_FEDERAL})


_COUNTY_WORDS = frozenset(("county", "parish", "condado", "parroquia", "co"))


def _a_countys_name(tokens: list[str], span) -> bool:
    """The span is the name of a county: "Lexington County", "el condado de Lexington"."""
    return (span.end < len(tokens) and tokens[span.end] in _COUNTY_WORDS) or \
        tokens[max(0, span.start - 2):span.start] in (["condado", "de"], ["county", "of"])


# Words around a place's name in a message that only names it ("the one downtown on 4th st").
_PLACE_FILLER = frozenset("""en in at the el la los las de del of a on by near cerca downtown centro st street calle
    ave avenue rd road blvd and y jail jails county condado city ciudad prison prision facility center centre
    detention correctional corrections unit carcel parish parroquia one uno una main metro state estatal""".split())
# Words of a question about a jail, never a small town's name beside it.
_NOT_A_PLACE = frozenset("""commissary comisaria comisariato visiting visitation visit visits visita visitas visitar
    horario horarios hours money dinero deposit depositar phone telefono call calls llamada llamadas llamar mail correo
    job jobs trabajo trabajos""".split())
_STREET_NO = re.compile(r"\d+(?:st|nd|rd|th|a|va|ta)?")
_MARSHALS = re.compile(r"\b(marshals?|marshal service|usms|alguaciles)\b")
# "MDC" and "metropolitan detention center" are the Bureau of Prisons' (Brooklyn, Los Angeles, Guaynabo), except in
# Albuquerque: the Bernalillo County Metropolitan Detention Center is the county's jail.
_MDC_TERMS = frozenset({"mdc", "metropolitan detention center"})
_ALBUQUERQUE = re.compile(r"\b(albuquerque|alburquerque|abq|burque|bernalillo|new mexico|nuevo mexico)\b")
_FEDERAL_MDC_PLACE = re.compile(r"\b(brooklyn|los angeles|guaynabo|puerto rico|sunset park|new york|nueva york|nyc)\b")
_COUNTY_CASE = re.compile(r"\b(county|condado|parish)\b.{0,40}\b(charges|cargos|warrant|orden|case|caso|court|corte|"
                          r"jail|carcel)\b|\b(charges|cargos|warrant|orden|case|caso|court|corte|jail|carcel)\b"
                          r".{0,30}\b(county|condado|parish)\b|\bstate (charges|warrant|case)\b")


_COUNTY_JAIL = re.compile(r"\b(county|condado|parish|city|ciudad|local|municipal)\b|\b(jail|detention center)\b.+|.+\b(jail)\b")
_JAIL_WORDS = re.compile(r"\b(jail|jails|carcel|detention|detencion|lockup|booking|bartolinas)\b")


def decide_program(custody: Iterable[str]) -> tuple[Optional[str], Optional[str]]:
    """Program and second program from every custody fact that holds now.

    Federal facts win over jail words: federal defendants are often held in county jails, and the county
    jail that only houses a federal (or an ICE) prisoner is where that custody is held, not a second
    program. ICE is the current or the next custodian whenever it is named (a hold, a detainer, "then ICE
    takes him"), so VNP leads and the state or federal program comes second, unless the person says the
    release is what they care about.
    """
    facts = set(custody)
    current = VNS if FEDERAL_FACT in facts else VINE if STATE_FACT in facts else None
    if ICE_CUSTODY_FACT in facts:
        # ICE holds him now: the jail or prison is behind him, and his release or removal is VNP's.
        return VNP, None
    if facts & {ICE_FACT, GOAL_REMOVAL}:
        # The release, or the state or federal case that holds him, is what the person cares about.
        cares = GOAL_RELEASE in facts or (current == VINE and GOAL_STATE in facts) or \
            (current == VNS and GOAL_FEDERAL in facts)
        if current and cares and GOAL_REMOVAL not in facts:
            return current, VNP
        return VNP, current
    if {STATE_FACT, FEDERAL_FACT} <= facts and facts & {GOAL_STATE, GOAL_FEDERAL}:
        # Two cases, one state and one federal, and the person says which one matters to them.
        return (VINE, VNS) if GOAL_STATE in facts else (VNS, VINE)
    # A federal case whose defendant a county jail holds (the Marshals' prisoner "at the Harrison County jail
    # waiting on federal court"): the federal case is the custody; the jail only houses him (JAIL_FACT stays a
    # fact, never a second program). A police officer or a state probation beside it adds nothing.
    return current, None


# Facts told as over ("he finished his state sentence", "estuvo en una prisión federal"): when the
# same message names where the person is now or goes next, the past facts do not decide.
_PAST_MARKERS = frozenset(
    """
    was were used served serving completed completing finished finishing before previously formerly
    ago last already released paroled
    estuvo estaba estuve estuvimos cumplio cumplir termino terminar salio salir fue anteriormente antes
    """.split()
)
# A marker further back than one of these words belongs to another clause.
_CLAUSE_BREAKS = frozenset(
    # "hes"/"shes": "now we're told he's being charged federally" ("we're" folds into "were")
    "now ahora then luego and y but pero is are hes shes esta estan currently actualmente today hoy next will va van "
    "after despues when cuando so entonces".split()
)
_IMMIGRATION = r"(deport|remov|migra|ice\b|inmigracion|immigration)"
_GOAL_RELEASE = re.compile(
    r"\b(dont|do not|doesnt|does not|no)( really| me| le| nos| really even)? (care|matter|importa|interesa|preocupa)s?\b"
    r".{0,40}\b" + _IMMIGRATION
    + r"|\b" + _IMMIGRATION + r"\w*\b.{0,40}\b(no me (importa|interesa|preocupa)|dont care|doesnt matter|"
    r"not what im asking|not what i care about|no es lo que (pregunto|quiero))"
)
_REMOVAL_WORDS = (
    r"(deport|remov|sa\w+ del pais|sale del pais|mand\w+ (a|pa|para|pal) su pais|regres\w+ (a|pa|para) su pais|"
    r"send \w+ back|sent back|out of the country|leaves? the country)"
)
_GOAL_REMOVAL = re.compile(
    r"\b(only|just|solo|nomas|nada mas|unicamente|lo que)\b.{0,40}\b(care|want to know|wanna know|need to know|"
    r"importa|interesa|quiero saber|me preocupa)\b.{0,40}\b" + _REMOVAL_WORDS
    + r"|\b(care|importa|interesa|matters?)\b.{0,25}\b(if|whether|si|que|that|about)\b.{0,20}\b" + _REMOVAL_WORDS
)
# What the person cares most about is the release or the court case ("lo que más me importa es saber
# cuándo sale de la prisión", "what matters to me is the trial here"), with no removal word between.
_CARES_ABOUT = (
    r"(lo que (mas )?(me|nos) (importa|interesa|preocupa)|(me|nos) (importa|interesa|preocupa) mas|"
    r"a mi me (importa|interesa)|what (i|we) (really |most |mostly )?care about|what matters( to me| most)?|"
    r"i (mostly|mainly|really|only|just) care about|i care (more|most) about|most important( to me)? is)"
)
_CARES_RELEASE = re.compile(
    r"\b" + _CARES_ABOUT + r"\b(?:(?!deport|remov|migra|inmigr|immigr|pais|country).){0,40}?\b"
    r"(sale|salga|salida|suelten|sueltan|release|gets? out|leaves? (the )?(prison|jail|county)|comes out|"
    r"juicio|trial|corte|court|parole|junta|audiencia|hearing|condena|sentenc\w*)\b(?! del pais| of the country)"
)


# "sorry, it's Kansas not Missouri", "perdón, me equivoqué, es prisión estatal": the message corrects
# an earlier answer, so what it names replaces what was said before.
CORRECTION = re.compile(
    r"\b(sorry|my bad|oops|i mean|i meant|no wait|wait no|actually|correction|perdon|perdona|me equivoque|"
    r"me confundi|quise decir|en realidad|mejor dicho|no no)\b"
)


# ICE holds him now, said in any words: an immigration word beside a word of holding or taking
# ("they turned him over to immigration", "the ICE facility in Bakersfield", "ICE lo recogió en la
# puerta", "lo entregaron a la migra"), unless the clause speaks of a hold, a detainer or the future
# ("ICE has a hold on him", "ICE will pick him up when he gets out").
_IMMIGRATION_WORD = r"(ice|immigration|inmigracion|migra|migracion)"
_PERSON_HELD = (
    r"((has|have|had|took|picked|detained|arrested|holding|held|grabbed|got|turned|handed|transferred|released|"
    r"gave|sent|moved) (him|her|them)|(lo|la|los|las) (tiene|tienen|tenia|tenian|agarro|agarraron|recogio|agarra|agarran|"
    r"recoge|recogen|lleva|llevan|"
    r"recogieron|detuvo|detuvieron|entrego|entregaron|paso|pasaron|mando|mandaron|traslado|trasladaron|llevaron)"
    r"|se (lo|la|los) (llevo|llevaron)"
    r"|(entregado|entregada|detenido|detenida|transferido|transferida) (a|por))"
)
_ICE_HOLDS = re.compile(
    r"\b" + _IMMIGRATION_WORD + r"( \w+){0,2} (custody|detention|facility|jail|lockup|processing center|detention center)\b"
    # "inmigración en Broward, el centro de transición": the center where immigration holds him
    r"|\b" + _IMMIGRATION_WORD + r"( \w+){0,3} (el |un )?centro de (detencion|transicion|procesamiento)\b"
    r"|\b(custody|detention|detencion|custodia|carcel|centro de detencion|centro de procesamiento|centro de transicion|"
    r"processing center|detention center|jail)( de| of| by)?( la)? " + _IMMIGRATION_WORD + r"\b"
    r"|\b" + _PERSON_HELD + r"\b( \w+){0,4} (a |to |by |por )?(la )?" + _IMMIGRATION_WORD + r"\b"
    r"|\b" + _IMMIGRATION_WORD + r"( \w+){0,2} " + _PERSON_HELD + r"\b"
    # "ICE picked up my ex after he finished his time": the sentence done, ICE holds him
    r"|\b" + _IMMIGRATION_WORD + r" (picked up|took|detained|arrested|grabbed) (my|her|the) \w+ (after|when|once|as soon as) "
    r"(he|she) (finished|did|served|completed|got out|was released|left)\b"
    # "es de inmigración ese lugar", "ese lugar es de ICE", "El Paso Processing Center, el de inmigración", "that
    # place is an ICE one": the place where he is belongs to immigration
    r"|\b(es|is) (de |of |an |a )?" + _IMMIGRATION_WORD + r"( \w+)? (ese|este|aquel) (lugar|centro|sitio)\b"
    r"|\b(ese|este|aquel) (lugar|centro|sitio) (es|esta) (de |con )?(la )?" + _IMMIGRATION_WORD + r"\b"
    r"|\b(el|la) de (la )?" + _IMMIGRATION_WORD + r"\b|\bthe " + _IMMIGRATION_WORD + r" (one|place|facility)\b"
    r"|\b(that|this|the) (place|facility|center) is (an |a )?" + _IMMIGRATION_WORD + r"\b"
    # "ahora está con inmigración en Jena", "he's with ICE now"
    r"|\b(esta|estan|sigue|anda|he s|hes|he is|she s|shes|she is|now) (ahora |now |ya )?(con|with) (la )?" + _IMMIGRATION_WORD + r"\b"
    # "cuando acabe le toca inmigracion", "then it's ICE's turn"
    r"|\ble toca (a )?(la )?" + _IMMIGRATION_WORD + r"\b|\b" + _IMMIGRATION_WORD + r"s? turn\b"
)
_NOT_HELD_YET = re.compile(
    r"\b(hold|holds|detainer|will|gonna|going to|va a|van a|iba a|cuando salga|when he gets out|when she gets out|"
    r"orden de (la )?(ice|inmigracion|migra|migracion)|once he|after the (jail|prison)(?= (ice|immigration|la migra)\b)|"
    # "después de la cárcel, inmigración viene por él" (the clause starts after "después")
    r"de la (carcel|prision)(?= (ice|inmigracion|migracion|la migra)\b)|after (he|she)(?! (finished|did|served|completed|got out|was released|left|cumplio|termino))|despues de que|al salir|if|si lo|si la|could|podria|might|"
    r"cuando (termine|acabe|cumpla|lo suelten)|when (he|she) (finishes|is done|is released)|al terminar|al final de)\b"
)


_IMMIGRATION_PRESENT = re.compile(r"\b" + _IMMIGRATION_WORD + r"\b")


def _clauses(norm: str) -> list[str]:
    return re.split(r"\b(?:but|pero|and then|y luego|then|despues|after that)\b", norm)


def ice_holds_now(norm: str) -> bool:
    """One sentence (normalised) says ICE holds the person now (see _ICE_HOLDS); a chain's next step ("después
    se lo lleva ICE", see _ICE_AFTER) is ICE to come, not ICE now."""
    norm = _ICE_AFTER.sub(" ", norm)
    return any(_ICE_HOLDS.search(c) and not _NOT_HELD_YET.search(c) for c in _clauses(norm))


# ICE takes him next, said as a hold, an order or a taking to come: "he have a hold from inmigracion",
# "inmigración tiene una orden para recogerlo", "then immigration takes him", "immigration is picking him up".
_ICE_NEXT = re.compile(
    r"\b(hold|holds|detainer|detainers|orden|order|warrant)( \w+){0,3} (de|from|for|by|of|del|para)( la| the)? "
    + _IMMIGRATION_WORD + r"\b"
    r"|\b" + _IMMIGRATION_WORD + r"( \w+){0,3} (hold|holds|detainer|orden|order)\b"
    r"|\b" + _IMMIGRATION_WORD + r"( is| will| gonna| going to| supposed to| suppose to| are| is going to)?"
    r"( \w+)? (take|takes|taking|pick|picks|picking|get|gets|getting|grab|grabs|grabbing|come for|comes for|"
    r"coming for|deport|deports|deporting) (him|her|them)\b(?! (from|away from) (me|us))"
    r"|\b(se (lo|la) (lleva|van a llevar|va a llevar)|(lo|la) (recoge|recogen|va a recoger|van a recoger|agarra|"
    r"va a agarrar|van a agarrar))( \w+){0,2} (la )?" + _IMMIGRATION_WORD + r"\b"
)


# A custody chain that ends with immigration: "ahorita en prisión del estado, y después inmigración", "y luego
# inmigración", "y de ahí a migración", "state prison now, then immigration". Not "después de inmigración"
# (after immigration) nor immigration's court or papers.
_ICE_AFTER = re.compile(
    r"\b(despues|luego|de ahi|de alli|then|after that|afterwards|next)"
    r"( (a|pa|para|con|to|goes to|va a|pasa a|pasa con|lo pasan a|la pasan a|lo mandan a|la mandan a|lo entregan a|"
    r"la entregan a|se (lo|la) lleva|se (lo|la) llevan|se (lo|la) va a llevar|(lo|la) (agarra|recoge|recogen)|"
    r"(lo|la) van a (pasar|mandar|entregar) a|(lo|la) va a (agarrar|recoger)|"
    r"(lo|la) (pasan|mandan|entregan)))?( la| el| the)? " + _IMMIGRATION_WORD
    + r"\b(?! (court|corte|judge|juez|lawyer|abogad\w*|office|oficina|papers|papeles|case|caso|hearing|audiencia|status|estatus))"
)


# A hold or a detainer of immigration ("tiene hold de inmigración", "ICE put a hold on him", "tiene orden de ICE").
_ICE_DETAINER = re.compile(
    r"\b(hold|holds|detainer|detainers|orden|order)( \w+){0,3} (de|from|for|by|of|del|para)( la| the)? "
    + _IMMIGRATION_WORD + r"\b"
    r"|\b" + _IMMIGRATION_WORD + r"( \w+){0,3} (hold|holds|detainer|detainers|orden|order)\b"
    r"|\b(detainer|detainers)\b"
)
# Words saying somebody holds him now, somewhere: "he's in Huntsville", "ahí lo tienen", "lo arrestaron".
_HELD_SOMEWHERE = re.compile(
    r"\b(he s|hes|he is|she s|shes|she is|esta|sigue|sits|sitting)( now| ahora| still| todavia| ahorita)? (in|en|at)\b"
    r"|\b(lo|la) (tiene|tienen|arrestaron|arresto|detuvieron|detuvo|encerraron|metieron)\b"
    r"|\b(they have|they got|they re holding|theyre holding|holding|arrested|locked up|booked)( him| her)?\b"
)


def ice_takes_next(norm: str) -> bool:
    """One sentence says ICE will take the person ("cuando termine lo agarra inmigración", "ICE will pick
    him up when he gets out", "he has a hold from immigration", "y después inmigración"): ICE is the next
    custodian."""
    return any((_ICE_HOLDS.search(c) and _NOT_HELD_YET.search(c)) or _ICE_NEXT.search(c) for c in _clauses(norm)) \
        or _ICE_AFTER.search(norm) is not None


_STREET_NUMBER = re.compile(r"^\d+(st|nd|rd|th|a|va|ta)?$")
_PLACE_PREFIX = re.compile(r"^(in|en|from|de|near|cerca de) ")
_COUNTY_ABBREVIATION = re.compile(r"\b(cnty|cty)\b")  # "cook cnty"
_COUNTY_WORD = re.compile(r"county|parish|cnty|cty|co", re.IGNORECASE)
# A place name before one of these is a street ("Montana Ave", "California Street", "Texas Blvd").
_STREET_SUFFIXES = frozenset("ave avenue av st street blvd boulevard rd road dr drive hwy highway pkwy parkway "
                             "ln lane ct court pl way ter terrace".split())
# "afuera del bar en Federal Boulevard": a street, not a federal case.
_FEDERAL_STREET = re.compile(
    r"\bfederal (blvd|boulevard|street|st|ave|avenue|way|road|rd|hwy|highway|square|plaza|heights|hill|drive|dr)\b")
# The state terms of data/reference/custody_terms.yml that speak of a bond or bail.
_BOND_TERMS = frozenset(
    "out on bond|bonded out|made bail|made bond|out on bail|salio bajo fianza|salio con fianza".split("|"))


# "yo vivo en Kansas City", "I moved to Ohio": where the person lives, not where he is held.
_OWN_PLACE = re.compile(
    r"\b(i live|i living|i ?m living|i am living|we live|i moved|we moved|i stay|i ?m from|i am from|"
    r"i ?m back|i am back|i ?m here|i am here|i ?m home|i am home|"
    r"(yo )?vivo|vivimos|me mude|nos mudamos|me vine|soy de|somos de|estoy aqui|estamos aqui|"
    # where the person is staying: "staying with my daughter in Delaware", "we're in Houston", "yo estoy en
    # Chicago", "me voy a casa de mi hermana en Washington", "I'm actually in Texas now"
    r"(i ?m |i am |we ?re |we are |been )?staying( with (my|a|our|his|her) \w+)?|we ?re|we are|yo estoy|"
    r"i ?m|i am|estoy|estamos|me estoy quedando|me (voy|fui|ire|pueda ir) a|(en )?(la )?casa de (mi|mis|su) \w+|"
    # someone of theirs: "my sister lives in Houston", "mi hermana vive en Houston"
    r"(lives|live|vive|viven|stays|esta viviendo|is living)|"
    # where he threatens to come back to, not where he is held: "he said he'll come back to Alabama", "dice que va
    # a volver a Texas" (not "lo van a regresar a Texas": a transfer)
    r"(come|comes|coming|came) back|(?<!\blo )(?<!\bla )(?<!\blo va a )(?<!\blo van a )(?<!\bla va a )(?<!\bla van a )"
    r"(volver|vuelva|vuelve|volvera|venir|venga|viene|vendra|regresar|regrese|regresara)"
    r")( (actually|now|currently|ahora|ahorita|ya|realmente|temporarily|right now|en realidad))*"
    # "I moved to my mom's in Idaho", "me mudé a casa de mi mamá en Idaho", "estoy con mi tía en Tucson"
    r"( (to|at|with|a|con|donde)( casa de| la casa de)? (my|mi|mis|our|nuestra|nuestro|a|una|un) \w+( s)?)?"
    r"( (in|en|to|a|pa|para|at|over|out|here|aqui|alla|home|back|now|ahora))*( the| el| la)?$"
)
# "he's in prison there", "está preso allá": the place named before, said again.
_THERE = re.compile(r"\b(there|over there|alla|alli|ahi)\b")


# Coming back to face a court is a transfer in custody: "they're bringing him back to Texas to face the charges",
# "he's coming back to Harris County for trial", "va a regresar a Texas para el juicio".
_TO_FACE = frozenset("face facing trial court charges charge warrant extradited extradition juicio corte cargos "
                     "audiencia hearing juez judge county condado parish".split())
_COMING_BACK = re.compile(r"\b(come|comes|coming|came) back|\b(volver|vuelva|vuelve|volvera|venir|venga|viene|vendra|"
                          r"regresar|regrese|regresara)\b")


def _own_place(tokens: list[str], start: int, end: int) -> bool:
    """The place at tokens[start:end] is where the person (or someone of theirs) lives or is, or where he
    threatens to come back to: not where he is held."""
    before = " ".join(tokens[max(0, start - 8):start])
    if _OWN_PLACE.search(before) is None:
        return False
    return not (_COMING_BACK.search(before) and _TO_FACE.intersection(tokens[end:end + 5]))


def _place_negated(tokens: list[str], start: int, spanish: bool = False) -> bool:
    """"not Missouri", "ni en Texas", "no el de California", "no en Missouri", in Spanish "Missouri no Kansas":
    the place is denied."""
    if _kind_denied_there(tokens[max(0, start - 7):start]):
        return True
    before = tokens[max(0, start - 3):start]
    return bool(before) and (
        before[-1] in ("not", "ni", "nor", "isnt")
        # Spanish "Missouri no Kansas", "Maine, no Oregon" (English "Oklahoma, no, Texas" corrects itself; a
        # leading "no, Texas" answers a question)
        or (spanish and before[-1] == "no" and len(before) >= 2 and before[-2] not in ("que", "si", "ok", "okay"))
        # a street corner, not the state: "la de la 26 y California", "26th and California"
        or (len(before) >= 2 and before[-1] in ("y", "and") and _STREET_NUMBER.match(before[-2]) is not None)
        or before[-2:] in (["no", "es"], ["not", "at"], ["no", "esta"])
        or before[-2:] in (["not", "in"], ["no", "en"], ["ni", "en"])
        or (len(before) == 3 and before[0] == "no" and before[1] in ("el", "la", "los", "las") and before[2] == "de")
        # "ya no está en Arkansas", "he's not in Texas anymore", "isn't at Rikers no more"
        or (len(before) == 3 and before[0] in ("no", "not", "isnt", "aint") and before[2] in ("en", "in", "at"))
    )


# Words between a denial and the place it denies: "not the federal one in Colorado", "no la federal de Colorado".
_DENIED_KIND_FILLER = frozenset("""the a an one ones federal state estatal fed feds prison prisons prision jail carcel
    pen penal penitentiary county condado el la los las uno una de del en in at es esta is""".split())
_DENIED_KIND = frozenset("federal state estatal feds fed prison prision jail carcel county condado one uno una".split())


def _kind_denied_there(before: list[str]) -> bool:
    """A denial of a kind of custody that ends at the place ("not the federal one in Colorado", "no la federal de
    Colorado"): that place is denied too. Only with a word of kind in between (short denials are _place_negated's)."""
    for i in range(len(before) - 1, -1, -1):
        if before[i] in ("not", "no", "ni", "nor", "isnt"):
            rest = before[i + 1:]
            return len(rest) >= 2 and all(t in _DENIED_KIND_FILLER for t in rest) and \
                any(t in _DENIED_KIND for t in rest) and rest[-1] in ("in", "en", "de", "at", "del")
        if before[i] not in _DENIED_KIND_FILLER:
            return False
    return False


_CITY_BEFORE = frozenset("in en from near desde at".split())
_COUNTY_AFTER = frozenset("county parish cnty co".split())


def _in_context(span, tokens: list[str]) -> bool:
    """A GeoNames name counts only where it reads as a place: a city after "in", "en", "near",
    "cerca de"... or before its state's code; a county before "county" or after "condado de"."""
    before = tokens[max(0, span.start - 2):span.start]
    after = tokens[span.end:span.end + 1]
    if span.label_ == "COUNTY":
        return bool(after and after[0] in _COUNTY_AFTER) or before in (["condado", "de"], ["parroquia", "de"]) \
            or before[-1:] == ["condado"]
    return bool(before and before[-1] in _CITY_BEFORE) or before == ["cerca", "de"] or \
        bool(after and after[0] == span.id_.lower())


# Words before a code in capitals that make it a place ("in PA", "desde OH", "de LA").
_CODE_PREPOSITIONS = frozenset("in en from de desde near del outside".split())
# Codes that are pronouns or possessives in capitals ("wants ME to", "el papá de MI hija"): a state only at a clause's end
# or before a word of place.
_PRONOUN_CODES = frozenset({"ME", "MI"})
_CODE_CLAUSE_END = re.compile(r"\s*($|[.,;:!?)\n-]|(and|y|but|pero|now|ahora|state|county|jail|prison|area|carcel|"
                              r"prision|condado)\b)", re.IGNORECASE)
# Two-letter codes that, typed alone in capitals, are more often a word than a state ("OK", "HI", "OH").
_BARE_CODE_WORDS = frozenset({"OK", "HI", "OH"})

# The person's own immigration status, papers or fear for themselves ("yo no tengo papeles, ¿no me va a buscar la
# migra?", "my U visa is pending, will ICE see this", "could I get deported"): no fact about his custody.
_OWN_IMMIGRATION = re.compile(
    r"\b(my|mi|mis|our|nuestros?|nuestras?)( own| u| t| green| work| tourist| student| immigration| pending| propi[oa]s?)?"
    r" (papers|papeles|visa|visas|status|estatus|green card|residencia|residency|asylum|asilo|daca|permiso|"
    r"work permit|documentos|documents|citizenship|ciudadania|case|caso de (inmigracion|migracion|asilo)|"
    r"check in|checkin|cita|appointment|interview|entrevista)\b"
    r"|\b(yo |nosotros )?(no )?(tengo|tenemos) (papeles|documentos|visa|estatus|status|permiso|residencia|seguro social)\b"
    r"|\b(i|we) (dont |do not |dont even )?(have|got) (no )?(papers|documents|status|a visa|visa|green card|legal status)\b"
    r"|\b(im|i m|i am|we re|we are|soy|estoy|somos|yo soy) (undocumented|illegal|indocumentad[oa]s?|ilegal(es)?|"
    r"sin papeles|not a citizen|no ciudadan[oa])\b"
    r"|\b(me|nos) ((va|van|vaya|vayan|puede|pueden|podria|podrian) (a )?)?(buscar|deportar|agarrar|detener|reportar|"
    r"encontrar|llevar|sacar|quitar|ver)\b"
    r"|\b(me|nos) (deporten|deportan|busquen|buscan|agarren|agarran|reporten|reportan|lleven|detengan)\b"
    r"|\b(deport|report|find|arrest|detain|come for|come after|coming for|coming after|pick up|see|know about|"
    r"track) (me|us)\b"
    r"|\b(i|we) (could|might|will|would|can|get|gets|be)( be| get)? (deported|detained|picked up|reported)\b"
)
# Words that make the same clause about him after all ("ICE has him, and I have my papers"): then it counts.
_ABOUT_HIM_TOO = frozenset("him he hes his lo le ex husband esposo marido novio boyfriend".split())


def _own_immigration(tokens: list[str], start: int, end: int, whole: bool = False) -> bool:
    """The immigration word at tokens[start:end] (or the whole sentence) speaks of the person's own status."""
    window = tokens if whole else tokens[max(0, start - 8):end + 6]
    return _OWN_IMMIGRATION.search(" ".join(window)) is not None and not _ABOUT_HIM_TOO.intersection(window)


# Deportation said in other words: "lo van a mandar pa su país", "que lo regresen a su tierra", "lo sacan del país",
# "will they kick him out of the country", "send him back to Guatemala".
_HOME_COUNTRIES = (r"(mexico|guatemala|honduras|el salvador|salvador|nicaragua|colombia|venezuela|cuba|haiti|ecuador|"
                   r"peru|republica dominicana|dominican republic|jamaica|brasil|brazil)")
_REMOVAL_SAID = re.compile(
    r"\b(mand|regres|devolv|devuelv|envi|deport)\w* (de vuelta )?(a|pa|para|pal) (su|sus) (pais|tierra|patria)\b"
    r"|\b(sac|saq|ech|corr)\w* del pais\b"
    r"|\b(lo|la|los|las) (\w+ ){0,3}(mand|regres|devuelv|devolv|deport)\w* (de vuelta )?(a|pa|para) " + _HOME_COUNTRIES + r"\b"
    r"|\b(kick|kicks|kicked|kicking|throw|throws|thrown|threw|send|sends|sent|sending|ship|ships|shipped|shipping|"
    r"take|takes|taking|put|puts) (him|her|them) (out of|back to) (the |this |his |her |their )?"
    r"(country|home country|homeland|pais)\b"
    r"|\b(send|sends|sent|sending|ship|ships|shipped|shipping) (him|her|them) back (home\b|to " + _HOME_COUNTRIES + r"\b)"
)
# Federal words that a state's supervision after prison shares: Illinois' "mandatory supervised release" is parole.
_STATE_SUPERVISION_TWINS = frozenset({"supervised release", "libertad supervisada"})
_STATE_CORRECTIONS = re.compile(
    r"\b(department of corrections?|dept of corrections?|departamento de correcci\w+|state parole|parole board|"
    r"mandatory supervised release|[a-z]{0,4}doc|doccs|tdcj|cdcr)\b")
# Federal agencies that arrest people whose case may still be the county's or the state's.
_ARRESTING_AGENCY = re.compile(
    r"fbi|f b i|efebiai|efe bi ai|el efe bi ai|dea|atf|hsi|homeland security investigations|"
    r"investigaciones de seguridad nacional|secret service|servicio secreto|irs|irs ci|irs criminal investigation|"
    r"postal inspectors?|postal inspection( service)?|us postal inspection|inspeccion postal|inspectores postales|"
    r"inspector postal|us marshal[ls]?|marshals|marshal service|alguacil(es)? federal(es)?")
# Who prosecutes the case, said as the county's or the state's.
_STATE_PROSECUTION = re.compile(
    r"\b(fiscal(ia)? (del|de) (condado|distrito|estado)|fiscal estatal|county (prosecutor|attorney|da)|"
    r"district attorney|the da|da s office|das office|state (charges|case|prosecutors?|attorney)|states attorney|"
    r"commonwealths? attorney|cargos estatales|caso (estatal|del estado|del condado)|county case|"
    r"(countys|county s|das|da s|states) case|"
    r"the case (\w+ ){0,8}is (the |with the |with )?(countys|county|states|state|das|da)|"
    r"el caso (\w+ ){0,10}(es|lo lleva|lo tiene|esta con) (del|de la|el|la) (condado|estado|fiscal|fiscalia))\b")
# "the case is the county prosecutor's", "el caso es del fiscal del condado": whose case it is, said outright.
_CASE_IS_THE_STATES = re.compile(
    r"\b(the case (\w+ ){0,8}is (the |with the |with )?(countys|county|states|state|das|da|district attorneys)|"
    r"el caso (\w+ ){0,10}(es|lo lleva|lo tiene|esta con) (del|de la|el|la) (condado|estado|fiscal|fiscalia)|"
    r"(its|it s|it is) (a |only a |just a |the )?(state|states|countys|county|das|da s|district attorneys) case|"
    r"es (un )?caso (estatal|del estado|del condado))\b")


# "serving" after "is"/"currently" is a sentence under way ("he is serving time at Wasco"), not over.
_UNDER_WAY = frozenset("serving completing finishing".split())
# A hand-over names who holds him from then on ("después de cumplir lo pasó a ICE", "after his sentence
# they handed him to immigration"): a past marker before it dates the sentence, not the new custody.
_HANDED_OVER = frozenset(
    """
    paso pasaron mando mandaron entrego entregaron transfirio transfirieron trasladaron traslado llevaron
    handed transferred turned sent moved shipped
    """.split()
)
_NOW_AUXILIARIES = frozenset("is s hes shes currently still now".split())
_DURATION = re.compile(r"^(\d+|time|like|about|around|almost|over|a|an|one|two|three|four|five|six|seven|eight|nine|ten|his|her|some|several|"
                       r"years|months)$")


def _past(tokens: list[str], start: int) -> bool:
    """True when a past marker stands before the term in its clause ("he was in federal prison")."""
    window = tokens[max(0, start - 6):start]
    for i in range(len(window) - 1, -1, -1):
        token = window[i]
        if token in _HANDED_OVER:
            return False
        if token == "did" and i + 1 < len(window) and _DURATION.match(window[i + 1]):
            return True  # "he did 2 yrs in state prison", "did time at Norco": a sentence served
        if token in _PAST_MARKERS:
            return not (token in _UNDER_WAY and i > 0 and window[i - 1] in _NOW_AUXILIARIES)
        if token in _CLAUSE_BREAKS or (token == "s" and i and window[i - 1] in ("he", "she")):
            return False  # "he s" is how the tokenizer splits "hes"
    return False


# What the person does not care about is the jail or the release: the removal is what matters
# ("solo quiero saber si lo deportan, lo de la cárcel ya no me importa").
_NOT_ABOUT_JAIL = re.compile(
    r"\b(carcel|jail|prison|prision|county|condado|sentence|condena|release|salida)\b"
    r"(?:(?!ice|migra|deport|inmigr|immigr).){0,15}\b(ya )?"
    r"(no me (importa|interesa|preocupa)|dont care|doesnt matter|i dont care)"
    # not "en la cárcel del condado, no me importa si lo deportan": what follows is what does not matter
    r"(?! (si|if|whether|that|que|about|de|lo de)\b)"
    r"|\b(dont|do not|no me) (really )?(care|importa|interesa|preocupa)\w*( about| de| lo de| when| cuando| if| si)?"
    r"(?:(?! (?:ice|migra|deport\w*|inmigracion|immigration)\b)( \w+)){0,4}? "
    r"(carcel|jail|prison|prision|release|salida|county|condado)\b"
)


# The person says what comes first for them ("what keeps me up at night is…", "the thing I need most
# is…", "lo único que quiero es…", "yo necesito saber es…"); the outcome named after it is the goal.
_PRIORITY = re.compile(
    r"\b(what keeps me up( at night)?|what (i|we) (really |most |mostly |mainly )?(care|worry) about|"
    r"what matters( to me| most)?|the (one |only |main )?thing (i|we) (need|want|care about)( most)?|"
    r"what (i|we) (need|want)( to know)? (most )?is|all (i|we) (want|care about|need)|"
    r"(i|we) (only|mostly|mainly) (want|need|care)|(mostly|mainly|right now|honestly) (i|we) (just |only )?"
    r"(want|need|care)|(my|our) (main|biggest|only|real) (concern|worry|question|fear) is|"
    r"(i|we) care (more |most )?about|most important( to me| thing)?|the (one|case) (i|we) care about|"
    r"lo (unico|que mas|que) (que )?(yo )?(me |nos )?(importa|interesa|preocupa|quiero|necesito|queremos)|"
    r"(yo )?solo (quiero|queremos|me interesa|me importa|necesito)|(yo )?(necesito|quiero) saber es|"
    r"(me|nos) (importa|interesa|preocupa) (mas|solo|nomas)|a mi (solo |nomas )?me (importa|interesa)|"
    r"nomas (quiero|queremos)|lo que me quita el sueno|lo mas importante( para (mi|nosotros|nosotras))?( es)?|"
    r"(my|our) (top |main |first |biggest )?priority( is)?|(mi|nuestra) (mayor |primera )?prioridad( es)?|"
    r"(el|la|lo) que (mas )?(me|nos) (importa|interesa|preocupa)|"
    # "tiene hold de ICE pero yo quiero saber cuándo es su audiencia", "but I need to know when he leaves"
    r"(pero|but) (yo |i )?(quiero|necesito|want|need)( to know| saber)?)\b"
)
# "I need to know the day San Quentin lets him go. That's what matters to me.": the goal was the sentence before.
_PRIORITY_AFTER = re.compile(
    r"\b(thats|that is|this is) (what matters|all i care about|what i care about|the main thing|what i need)"
    r"|\beso es lo (unico )?que (me|nos) (importa|interesa|preocupa)"
    # "the federal one is what I'm worried about", "that's my priority"
    r"|\b(is|are) (what|the one|the thing) (im|i m|i am|were|we re|i|we) (most |really )?(worried|care|concerned|scared) about"
    r"|\b(thats|that is) (my|our) (priority|main concern|biggest worry)|\b(esa|eso) es (mi|nuestra) prioridad"
    # "him leaving Angola first and foremost, that's what keeps me up", "que lo deporten, mas que nada"
    r"|\b(thats|that is|this is) what keeps (me|us) up|\beso es lo que (me|nos) quita el sueno"
    r"|\b(first and foremost|above all|more than anything|most of all|mas que nada|sobre todo|antes que nada)\b"
    # "Quiero que me avisen el día que lo suelten del penal, eso es lo principal"
    r"|\b(eso|esto) es lo (principal|mas importante)\b|\b(thats|that is|this is) the (main|most important) thing\b"
    # "The prison part matters most to me", "eso es lo que más me importa"
    r"|\b(matters?|counts?) (the )?most\b|\b(es|son) lo (que )?mas (me |nos )?(importa|importante)\b"
)
_OUTCOME_REMOVAL = re.compile(
    r"\b(deport\w*|remov\w*|sent back|send (him|her) back|out of (this|the) country|free in this country|"
    r"(mand|regres|devolv|devuelv|envi)\w* (de vuelta )?(a|pa|para|pal) su (pais|tierra|patria)|lo deporten|la deporten|"
    r"fuera del pais|(sac|saq|ech)\w* del pais|kick (him|her) out|"
    r"en este pais|immigration|inmigracion|migra|ice|"
    # not released here, taken away: "a mí me importa que no lo suelten aquí, que se lo lleven", "I don't want him
    # let out here"
    r"no (lo|la) (suelten|sueltan|dejen salir|dejen libre)( \w+){0,2} (aqui|aca)|(que )?se (lo|la) lleven|"
    r"(not|never) (be )?(released|let out|let go|set free) here|(dont|do not) want (him|her) (released|let out|out|free) here|"
    r"(dont|do not|not|never) (let|release|set) (him|her)( out| go| free| loose)? here)\b"
)
_OUTCOME_RELEASE = re.compile(
    r"\b(release\w*|gets? out|let (him|her) out|lets? (him|her) go|leaves?|leaving|walks? out|free|parole\w*|"
    r"sale|salga|salida|suelten|sueltan|soltar\w*|libertad|termina la sentencia|termine (la|su) (sentencia|condena)|"
    r"upstate|transfer\w*|moved?|hearing|trial|juicio|audiencia|court|corte|sentencing|sentencia|"
    r"termin(a|e|ar) (en|su|la|de)|"
    # the custody itself: "the prison part", "lo de la cárcel", "when he's out of the pen", "finish every day of it"
    r"(prison|jail|pen|penitentiary|carcel|prision|penal|sentence|condena) (part|side|thing)|"
    r"(parte|lo) de la (carcel|prision|condena|sentencia)|out of (the )?(pen|prison|jail|penitentiary|county)|"
    r"(he s|hes|he is|she s|shes|she is) out(?! of (this|the|his|her) country)|finish(es)? (every day|all|his time|her time|his sentence|her sentence|"
    r"the sentence)|serves? (every day|all of|his full|her full|the full|his whole|her whole)|"
    r"cumpla (toda )?(su|la) (condena|sentencia))\b"
)
_OUTCOME_CASE = re.compile(r"\b(el |la |lo )?(state|estatal|del estado|federal|the feds|los federales)\b( case| one| charges)?")
# "I only care about Cobb County": a county's case is the state's.
_OUTCOME_COUNTY = re.compile(r"\b(county|condado|parish)\b")
# "que cuando salga lo deporten", "when he gets out I want him deported": a time, not the outcome.
_WHEN_OUT = re.compile(
    r"\b(cuando|when|after|once|despues de que|en cuanto) (he |she |el |ella |lo )?"
    r"(salga|sale|gets out|get out|is released|leaves|termine|finishes|sueltan|suelten)\b")
# "I want to know when he leaves Coffield", "quiero saber cuándo sale de la prisión": the time asked for is the outcome.
_ASKS_WHEN = re.compile(r"\b(know|find out|hear|told|tell me|notify me|let me know|saber|avisen|avisar|avisarme|"
                        r"enterarme|decirme|dia|day|date|fecha)( is| es)?\s*$")
# Not trusting ICE to hold him, or immigration being beside the point, puts the release first.
# Wanting him to answer for it here first ("no quiero que lo deporten antes de que pague aquí lo que hizo", "yo
# quiero q pague aqui, q no lo saquen antes", "I don't want him deported before he does his time") puts the case
# that holds him now first.
_PAY_HERE_FIRST = re.compile(
    r"\b(no quiero|no queremos|i dont want|i do not want|we dont want)\s+(que\s+)?(lo |la |him |her |them )?"
    r"(deport\w*|saquen|manden|regresen|sent back|removed)\b.{0,40}\b(antes|before|until|hasta|sin que|without)\b"
    r"|\b(quiero|queremos|want (him|her) to)\s+(que\s+)?(pague|paguen|pay|serve|cumpla)\b.{0,30}\b(aqui|here|primero|first)\b"
)
_DISTRUST_ICE = re.compile(
    r"\b(dont|do not|cant|can not|never) trust (ice|immigration|that|them|the hold|it)\b"
    r"|\b(no (le )?(confio|creo) (en )?(ice|la migra|inmigracion|eso))\b"
    r"|\b(lo de )?(inmigracion|la migra|ice|deportacion)\b.{0,15}\b(me da igual|me vale|no me importa)\b"
    r"|\b(me da igual|me vale|no me importa( mucho| tanto)?|i dont (really |much )?care|i do not care|doesnt matter( to me)?|"
    r"i dont care (much|as much|that much)) (si|if|whether) "
    r"(lo |la |he |she |hes |he is |he gets |they )?(deport\w*|remov\w*|sent back)"
)


def _outcome(text: str, last: bool = False, lead: str = "") -> Optional[str]:
    """The goal an outcome phrase names: the first (or the last) of removal, release or one case. `lead` is what
    comes right before the text ("pero yo quiero saber")."""
    found = []
    text = _WHEN_OUT.sub(lambda m: m.group(0) if _ASKS_WHEN.search(lead + text[:m.start()]) else " " * len(m.group(0)),
                         text)
    for pattern, value in ((_OUTCOME_REMOVAL, GOAL_REMOVAL), (_OUTCOME_RELEASE, GOAL_RELEASE)):
        found += [(match.start(), value) for match in pattern.finditer(text)]
    case = _OUTCOME_CASE.search(text)
    # "the state case", "lo del caso federal", "el del estado" (a case named, not a custody word)
    if case and (case.group(1) or case.group(3)):
        found.append((case.start(), GOAL_FEDERAL if case.group(2) in ("federal", "the feds", "los federales")
                      else GOAL_STATE))
    county = _OUTCOME_COUNTY.search(text)
    if county:
        found.append((county.start(), GOAL_STATE))
    return (max(found) if last else min(found))[1] if found else None


def _caso(norm: str) -> str:
    """"el caso federal" / "el caso del estado" read as "federal case" / "state case"."""
    return re.sub(r"\bcaso (federal|estatal|del estado)\b", lambda m: f"{m.group(1)} case", norm)


def stated_goal(norm: str) -> Optional[str]:
    """The outcome named right after a phrase of priority, or right before "that's what matters"."""
    norm = _caso(norm)
    for match in _PRIORITY.finditer(norm):
        value = _outcome(norm[match.end():match.end() + 80], lead=norm[match.start():match.end()])
        if value:
            return value
    for match in _PRIORITY_AFTER.finditer(norm):
        value = _outcome(norm[max(0, match.start() - 80):match.start()], last=True)
        if value:
            return value
    return None


# The removal named after the custody's own events, as what comes on top: "we want to know about the trial and the
# sentence, and also that he gets deported after", "quiero saber del juicio y la sentencia, y también si lo deportan
# después". The order of interest puts the case that holds him first.
_REMOVAL_ALSO = re.compile(
    r"\b(want|need|like|wanna|quiero|queremos|necesito|necesitamos)( to| de)?( know| saber| hear| be told| enterarme)?"
    r"(?P<first>( \w+){1,14}?),? (and also|and then also|and as well|y tambien|y ademas|as well as|also|ademas)"
    r"( \w+){0,6} (deport\w*|remov\w*|sent back|send (him|her) back|lo deporten|la deporten|lo deportan|la deportan)\b")


def goal(norm: str) -> tuple[Optional[str], bool]:
    """The outcome the person says they care about, if they say it, and whether it was read from a
    phrase of priority (stated_goal) rather than from words about custody or removal."""
    norm = re.sub(r"\b(?:q|k)\b", "que", norm)  # "lo q quiero saber es si le dan parole"
    if _NOT_ABOUT_JAIL.search(norm):
        return GOAL_REMOVAL, False
    stated = stated_goal(norm)
    if stated:
        return stated, True
    also = _REMOVAL_ALSO.search(norm)
    if also and _outcome(also.group("first")) == GOAL_RELEASE:
        return GOAL_RELEASE, False
    if _GOAL_RELEASE.search(norm) or _DISTRUST_ICE.search(norm) or _PAY_HERE_FIRST.search(norm):
        return GOAL_RELEASE, False
    if _GOAL_REMOVAL.search(norm):
        return GOAL_REMOVAL, False
    if _CARES_RELEASE.search(norm):
        return GOAL_RELEASE, False
    return None, False


_CITIES_NAMED_AFTER_STATES = {
    "kansas city": None, "kansas city kansas": "KS", "kansas city missouri": "MO", "kansas city mo": "MO",
    "kansas city ks": "KS", "michigan city": "IN", "nevada city": "CA", "missouri city": "TX",
    "arkansas city": "KS", "indiana pa": "PA", "california md": "MD",
}


def _phrases() -> dict[str, list[tuple[str, str]]]:
    """label -> [(phrase, id)] for the EntityRuler."""
    terms = reference.custody_terms()
    groups = {
        "FACT": [
            (p, kind)
            for kind in (STATE_FACT, FEDERAL_FACT, ICE_FACT, ICE_CUSTODY_FACT, PRISON_FACT)
            for p in terms[kind]
        ]
    }
    # Facilities people name ("Parchman", "FCI Dublin", "Adelanto"): their kind of custody and state.
    facility_fact = {"state": STATE_FACT, "federal": FEDERAL_FACT, "ice": ICE_CUSTODY_FACT}
    groups["FACT"] += [(name, facility_fact[kind]) for name, kind, _ in reference.facilities()]
    place_rows = [(name, code) for name, _, code in reference.facilities()]
    for state in reference.states().values():
        names = [state.name_en, state.name_es, *state.aliases]
        if state.ambiguous_name:
            # "Washington" alone may be the city or D.C.; "Georgia" the country. Only qualified forms count.
            bare = {state.name_en.lower(), state.name_es.lower()}
            names = [n for n in names if n.lower() not in bare]
            names += [f"{prefix} {b}" for b in bare for prefix in ("in", "en", "from", "de", "near", "cerca de")]
            names += [f"{state.name_en} state", f"state of {state.name_en}", f"estado de {state.name_es}"]
        place_rows += [(n, state.code) for n in names]
    for name, code, ambiguous in reference.places():
        if ambiguous:
            place_rows += [(f"{prefix} {name}", code) for prefix in ("in", "en", "from", "de", "near", "cerca de")]
            place_rows += [(f"{name} {code.lower()}", code), (f"{name} county", code), (f"condado de {name}", code)]
        else:
            place_rows.append((name, code))
    # "Orleans Parish", "la parroquia de Orleans": only Louisiana has parishes.
    place_rows += [(row, "LA") for name in reference.gazetteer()["parishes"]
                   for row in (f"{name} parish", f"parroquia de {name}")]
    # Cities named after another state: the longer name wins over the state's ("Kansas City" is not
    # Kansas; it is in Missouri and in Kansas, so it names no state on its own).
    place_rows += [(name, code or "") for name, code in _CITIES_NAMED_AFTER_STATES.items()]
    groups["PLACE"] = place_rows
    # Where each facility is ("Hazelton" of "USP Hazelton", "Port Isabel" of "Port Isabel Service
    # Processing Center"): read only beside custody of the same kind ("la USP de Hazelton", "ICE has
    # him in Port Isabel"), never on their own.
    groups["SITE"] = [(site, f"{kind}:{code}") for site, kind, code in facility_sites()]
    # GeoNames' cities and counties that belong to one state; FactMatcher reads them in context only.
    gazetteer = reference.gazetteer()
    groups["CITY"] = gazetteer["cities"]
    groups["COUNTY"] = gazetteer["counties"]
    # Phrases of one or two letters once normalised ("l.a." -> "la") are everyday words: dropped.
    return {
        label: [(normalize(p), ident) for p, ident in rows if len(normalize(p)) > 2 or label == "FACT"]
        for label, rows in groups.items()
    }


# Words that name the kind of a facility rather than where it is.
_GENERIC_FACILITY_WORDS = frozenset(
    """
    fci usp fcc adx fdc mdc mcc fmc fpc smu spc cdf ipc federal correctional correction corrections
    institution institute penitentiary prison prisons complex detention center centre processing service
    facility unit units state county jail ice contract medical camp the of maximum security regional
    transitional transicion annex immigration centro de del detencion el la los las high low medium women womens
    mens men satellite supermax administrative united states metropolitan city jails main north south
    east west central
    """.split()
)


# Sites that are everyday words or surnames once the generic words are gone ("El Paso" -> "paso",
# "Adams County" -> "adams").
_SITE_STOP = frozenset(["lake", "valle", "paso", "palma", "adams", "baker", "caroline", "forrest", "winn", "for prisoners"])


def facility_sites() -> list[tuple[str, str, str]]:
    """(site, kind, state) for each federal or ICE facility name once its generic words are gone:
    "FCI Herlong" -> "herlong". Sites of three letters or fewer, and state names, are left out.
    State prisons and jails are named by their own names ("Parchman", "Rikers"); the towns they sit
    in are too often towns of other states as well."""
    state_names = {normalize(n) for st in reference.states().values() for n in (st.name_en, st.name_es, *st.aliases)}
    rows = set()
    exact = reference.exact_facility_names()
    for name, kind, code in reference.facilities():
        if kind == "state" or name.lower() in exact:
            continue
        words = [w for w in normalize(name).split() if w not in _GENERIC_FACILITY_WORDS]
        site = " ".join(words)
        if len(site) >= 4 and not site.isdigit() and site not in state_names and site not in _SITE_STOP:
            rows.add((site, kind, code))
    return sorted(rows)


# A message this short that names a county (or a federal or ICE facility's site) is a reply to
# "where is he held?".
_SHORT_REPLY_WORDS = 6
_SHORT_SITE_REPLY_WORDS = 8
_SITE_CONTEXT = {"federal": {FEDERAL_FACT}, "ice": {ICE_FACT, ICE_CUSTODY_FACT}}


# "el centro de detención de Stewart", "the detention center in Lumpkin": a facility's site named after a
# word for a facility is that facility.
_FACILITY_WORDS = re.compile(r"\b(detention center|detention facility|centro de detencion|processing center|"
                             r"penitentiary|penitenciaria|correctional (center|institution|facility))( (de|del|in|en|at))?$")


def _facility_word_before(tokens: list[str], start: int) -> bool:
    return _FACILITY_WORDS.search(" ".join(tokens[max(0, start - 4):start])) is not None


def _county_name_words(words: list[str]) -> set[int]:
    """Indices of the words that make a county's name before "county"/"parish" or after "condado de"
    ("davidson" in "davidson county", "san juan" in "condado de san juan"), any county of any state."""
    table = reference.county_states()
    found: set[int] = set()
    for i, word in enumerate(words):
        if word in ("county", "parish"):
            spans = [(i - n, i) for n in (3, 2, 1)]
        elif word == "de" and i and words[i - 1] in ("condado", "parroquia"):
            spans = [(i + 1, i + 1 + n) for n in (3, 2, 1)]
        else:
            continue
        for start, end in spans:
            if start >= 0 and end <= len(words) and " ".join(words[start:end]) in table:
                found |= set(range(start, end))
                break
    return found


def _counties_named(words: list[str]) -> list[frozenset[str]]:
    """The states of each county a message names ("wayne county": MI, NY, OH, ...)."""
    table = reference.county_states()
    named = _county_name_words(words)
    found, run = [], []
    for i in range(len(words) + 1):
        if i in named:
            run.append(words[i])
        elif run:
            found.append(table.get(" ".join(run), frozenset()))
            run = []
    return found


def county_state(norm: str) -> Optional[str]:
    """The one state of the counties a (normalised) message names ("utah county jail": UT; "la cárcel del
    condado de Harris": TX); None when it names none, or a county of that name exists in several states ("Orange
    County", "Washington County", "Davidson County") or the counties named lie in different states."""
    words = norm.split()
    table = reference.county_states()
    named = _county_name_words(words)
    states: set[str] = set()
    run: list[str] = []
    for i in range(len(words) + 1):
        if i in named:
            run.append(words[i])
            continue
        if run:
            states |= table.get(" ".join(run), frozenset({"?", "??"}))
            run = []
    return next(iter(states)) if len(states) == 1 else None


# ---- Program cues: who holds him now or next, said in ways the custody terms alone misread. ----------------------

# A question is not a fact: "released on mandatory supervised release. Is that federal??", "is it federal or state?",
# "¿es federal?". The kind asked about is taken out of the message before matching (a question mark is required).
_KIND_QUESTION = re.compile(
    r"(?i)¿?\s*\b(?:is|was|would|could|isn'?t|wasn'?t|are|does|do)\s+(?:that|this|it|he|she|they|the case|the charges?|"
    r"the prison|that prison|this prison|that place|the place)\s+(?:mean\s+(?:it'?s|he'?s|its|hes)\s+)?(?:a\s+|an\s+)?"
    r"(?:federal|state|fed)(?:\s+or\s+(?:a\s+)?(?:federal|state))?(?:\s+(?:one|prison|case|thing|crime|charges?|place|"
    r"facility|level))?\s*\?+"
    r"|¿?\s*\b(?:es|era|ser[aá]|ser[ií]a)\s+(?:eso\s+|esa\s+|ese\s+|el caso\s+|un caso\s+|la prisi[oó]n\s+|la c[aá]rcel\s+)?"
    r"(?:federal|estatal|del estado)(?:\s+o\s+(?:federal|estatal|del estado))?\s*\?+"
    # whether he is held at all: "is he locked up still?", "¿sigue preso?"
    r"|¿?\s*\b(?:is|was)\s+(?:he|she)\s+(?:still\s+)?(?:locked up|in jail|in prison|incarcerated|behind bars|in custody)"
    r"(?:\s+still)?\s*\?+"
    r"|¿?\s*\b(?:sigue|est[aá])\s+(?:preso|presa|encerrado|encerrada|en la c[aá]rcel|en prisi[oó]n)"
    r"(?:\s+todav[ií]a|\s+a[uú]n)?\s*\?+")

# ICE ruled out: "he's a citizen", "ICE has nothing to do with it", "nobody said anything about ICE", "es ciudadano",
# "migración no tiene nada que ver", "no tiene nada de inmigración". (Not "he's a Mexican citizen", "not a citizen".)
_IMM = r"(ice|immigration|inmigracion|migracion|la migra|deportation|deportacion)"
_ICE_RULED_OUT = re.compile(
    r"\b(he s|hes|he is|she s|shes|she is|he was|she was|he s been|hes been|she s been|shes been|he has been|"
    r"she has been|both are|they re|theyre|they are)( a| an)?( us| u s| american| united states| natural born)?"
    # a citizen of the U.S. only ("a citizen of Honduras", "she's a citizen but he isn't" rule nothing out)
    r" citizens?\b(?! of (?!(the )?(us|u s|usa|united states|america)\b))(?! but (he|she|him|her) (isnt|is not|s not|isn t|aint|wasnt|was not|not)\b)"
    r"|(?<!\bno )(?<!\bni )\b(el |ella )?(es|era) ciudadan[oa]s?( americano| americana| estadounidense| de aqui|"
    r" de (los )?estados unidos)?\b(?! de (?!(aqui|aca|este pais|(los )?estados unidos|usa|eeuu)\b))"
    # "es ciudadano mexicano", "ciudadana hondureña": another country's ("pero él no": the other one is not)
    r"(?! (mexican|hondure|guatemal|salvadore|cuban|venezolan|colombian|nicaraguens|costarricens|panamen|peruan|"
    r"ecuatorian|dominican|puertorriquen|brasilen|chilen|argentin|bolivian|paraguay|uruguay|haitian|jamaiquin|"
    r"canadiens|chin|indi|rus|ucranian|extranjer|de otro|de otra)\w*)(?!(?<=a) pero (el|ellos) no\b)"
    r"|\b" + _IMM + r"( people| agents| folks)?( has| have| had| is| s| was)? (nothing|no part|no involvement|not involved|not part)"
    r"( to do)?( with)?\b|\b(nothing|nada) (to do )?(with|que ver con) " + _IMM + r"\b"
    r"|\b" + _IMM + r" no (tiene|tienen|tuvo) nada que ver\b|\bno (tiene|hay) nada de " + _IMM + r"\b"
    r"|\b(nobody|no one|noone|nadie)( has| ever)? (said|says|mentioned|told (me|us)|dijo|ha dicho|menciono|nos dijo|"
    r"me dijo)( anything| nothing| nada)?( about| de| sobre)? " + _IMM + r"\b"
    r"|\b(doesnt|does not|dont|do not) have (an |a |any )?(ice|immigration) (hold|detainer)\b"
    r"|\b(ice|immigration) (isnt|is not|wasnt|was not|arent|are not) (involved|part of (it|this))\b")
# "no tiene hold de inmigración": read only where the "no" is not an answer of its own ("¿es ciudadano? no, tiene hold
# de inmigración", "ella es ciudadana pero él no, tiene hold de ICE"), which the normalised text no longer shows.
_NO_HOLD_ES = re.compile(r"\bno (tiene|hay) (ningun |ningún )?(hold|detainer|orden) (de|del) (ice|inmigracion|migracion|"
                         r"la migra)\b")
_NO_AS_ANSWER = re.compile(r"(?i)\bno\s*[,.;:!?…]+\s*(tiene|hay)\b")
# Deportation waved away by the person ("i dont really care about that part", "no me importa si lo deportan"): with no
# hold, order or custody of immigration said in the same message, the removal is not a program's.
_ICE_DISMISSED = re.compile(
    r"\b(dont|do not|doesnt|does not)( really| even| honestly)? (care|matter)( about| of)?"
    r"( that part| this part| that| this| it| the deport\w*( part| thing| stuff)?| deport\w*| the immigration"
    r"( part| thing| stuff)?| immigration| ice| (if|whether) (he|she|they) (gets? |are |is )?(deport\w*|remov\w*)\w*"
    r"( him| her)?( or not)?)\b(?! (as|that|so|too) much| much)"
    r"|\bno (me|nos) (importa|interesa|preocupa)n?(?! (tanto|mucho))( eso| esa parte| si (lo|la) deport\w*( o no)?| lo de "
    r"(la )?(deportacion|inmigracion|migracion|migra|ice))\b")
# Removal said as a possibility ("i heard he might get deported", "tal vez lo deporten"): no more than that.
_ICE_SPECULATION = re.compile(
    r"\b(might|may|could|maybe|possibly|perhaps|puede que|tal vez|quizas|quiza|a lo mejor|podria|podrian)"
    r"( \w+){0,4}? (deport\w*|remov\w*|ice|immigration|inmigracion|migra\w*)\b")
_HOLD_WORDS = re.compile(r"\b(holds?|detainers?|orden de (deportacion|remocion|ice|inmigracion|migracion)|orden|"
                         r"(deportation|removal) order)\b")
_ICE_WORDS = re.compile(r"\b(deport\w*|remov\w*|ice|immigration|inmigracion|migra\w*|detainer\w*)\b")

# The county or state handed the case over, or took it back, from the federal agents: "the feds handed it over to the
# prosecutor", "los federales le pasaron el caso al fiscal del condado".
# (Prosecutors named alone are no cue: the FBI hands every federal case to prosecutors, the U.S. Attorney's; and a county
# jail he is turned over to only houses him: "the marshals turned him over to the county jail until his federal trial".)
_STATE_RECEIVER = (r"(state|county|local|locals)(?! (jail|jails|lockup|detention|facility))|das?|district attorney|"
                   r"county attorney|county prosecutors?|local prosecutors?|states attorney|state prosecutors?")
_HANDED_TO_STATE = re.compile(
    r"\b(handed|turned|gave|passed)( it| the case| him| her| the charges| everything)?( back| over)? to (the )?"
    r"(" + _STATE_RECEIVER + r")\b"
    r"|\b(sent|kicked|transferred|referred) (it|the case|the charges)( back| over)? to (the )?(" + _STATE_RECEIVER + r")\b"
    r"|\b(le |les )?(pasaron|paso|entregaron|entrego|mandaron|mando|regresaron|regreso|devolvieron|devolvio)"
    r"( el caso| los cargos| todo)? (al|a la|a los) (estado|condado|fiscal del (condado|estado|distrito)|"
    r"fiscalia del (condado|estado|distrito)|fiscales (locales|estatales|del condado|del estado)|locales)\b")
# A federal district named ("Southern District of New York", "la Fiscalía del distrito sur de Nueva York", "SDNY"): the
# U.S. Attorney's and the federal court's, whatever "fiscalía del distrito" alone would say.
_FEDERAL_DISTRICT = re.compile(
    r"\b(southern|northern|eastern|western|middle|central) district of\b|\b(sdny|edny|ndny|wdny)\b"
    r"|\bdistrito (sur|norte|este|oeste|medio|central) (de|del)\b")
_DISTRICT_STATE_TERMS = frozenset({"fiscalia del distrito", "fiscal del distrito", "fiscal de distrito", "district court of",
                                   "fiscal", "la fiscalia"})

# Immigration holds him now in a jail that only houses him for it ("held for ICE", "only there on the ICE hold now"), or
# his sentence is done ("he already did his state time", "ya cumplió su condena", "le dieron orden de deportación
# después de la cárcel"): ICE's custody, and the jail is no second program.
_HELD_FOR_ICE = re.compile(
    # (not "we are waiting for ICE to pick him up": the jail holds him until then, and its release is told too)
    r"\b(held|holding|detained|kept|housed|sitting)( \w+){0,3} (for|on behalf of) (ice|immigration|la migra)\b"
    r"|\bonly (there|here|held|in jail|at the jail|in that jail|in the jail|in county)( now)? (on|for|because of) "
    r"(the |an |a )?(ice|immigration)\b"
    r"|\b(lo|la) tienen( \w+){0,3} (para|por) (ice|inmigracion|la migra|migracion)\b"
    r"|\b(detenido|detenida) para (ice|inmigracion|la migra|migracion)\b"
    # "he's been paroled to ICE", "they released her into immigration custody" (not "will be paroled to ICE")
    r"|\b(been|was|were|got|they|he s|hes|she s|shes) (parole|paroled|released|discharged|handed over|turned over|transferred)"
    r"( straight| directly| right)? (to|into) (the |an )?(ice|immigration|la migra)\b"
    r"|\bsolo (esta|lo tienen|la tienen)( \w+){0,3} por (el |la )?(hold|orden|detainer)( de)? (ice|inmigracion|migracion|"
    r"la migra)\b")
# "es un centro de ICE", "it's an immigration facility": the place named is immigration's.
_ICE_PLACE = re.compile(
    r"\b(es|is|its|it s) (un|una|a|an) (centro|center|facility|place|lugar|carcel|jail|prision|detention center)"
    r"( de| of)?( la)? (ice|immigration|inmigracion|migracion|la migra)\b"
    r"|\b(es|is|its|it s) (un|una|a|an) (ice|immigration) (center|facility|place|jail|detention center)\b")
_SENTENCE_DONE = re.compile(
    r"\b(already|ya)( \w+)? (did|done|served|finished|completed|cumplio|termino|hizo|pago) (his|her|su)( state| county|"
    r" jail| prison| estatal)? (time|sentence|tiempo|condena|sentencia)\b"
    r"|\b(did|served|finished|completed) (his|her) (state|county|jail|prison) (time|sentence)\b"
    r"|\b(le dieron|recibio|got|was given|received) (una |la |an |the )?(orden de deportacion|deportation order|"
    r"removal order|orden de remocion|final order of removal) (despues de|after) (la |the |su |his |her )?"
    r"(carcel|jail|prison|prision|condena|sentence)\b")


def kind_question_removed(text: str) -> str:
    """The message without a question about the kind of custody ("Is that federal??")."""
    return _KIND_QUESTION.sub(" ", text)


def apply_program_cues(facts: Facts, corrected: str, state_terms: set[str], text: str = "") -> bool:
    """Adjust the custody facts of one message (normalised and corrected; `text` as written) by the program cues above.
    True when the message waves deportation away (then no goal of removal is read from it either)."""
    dismissed = False
    ruled_out = _ICE_RULED_OUT.search(corrected) or (_NO_HOLD_ES.search(corrected) and not _NO_AS_ANSWER.search(text))
    rest = _NO_HOLD_ES.sub(" ", _ICE_RULED_OUT.sub(" ", corrected))
    if ruled_out and _HOLD_WORDS.search(rest) and _ICE_WORDS.search(rest):
        # a hold, detainer or order of immigration told besides ("nobody told me about ICE until yesterday, now he has
        # an immigration detainer"): what the message says now stands
        ruled_out = None
    if ruled_out:
        # a citizen is in no immigration custody either ("the Joe Corley place, but he's a Marshals prisoner there, he's
        # a citizen")
        facts.custody -= {ICE_FACT, ICE_CUSTODY_FACT}
        facts.negated |= {ICE_FACT, ICE_CUSTODY_FACT}
        dismissed = True
    elif ICE_FACT in facts.custody and _ICE_DISMISSED.search(corrected):
        rest = _ICE_SPECULATION.sub(" ", _ICE_DISMISSED.sub(" ", corrected))
        if not _ICE_WORDS.search(rest):
            facts.custody.discard(ICE_FACT)
            dismissed = True
    if _HANDED_TO_STATE.search(corrected):
        facts.custody.discard(FEDERAL_FACT)
        facts.negated.add(FEDERAL_FACT)
        facts.custody.add(STATE_FACT)
        facts.negated.discard(STATE_FACT)
    if _FEDERAL_DISTRICT.search(corrected):
        facts.custody.add(FEDERAL_FACT)
        facts.negated.discard(FEDERAL_FACT)
        if state_terms and state_terms <= _DISTRICT_STATE_TERMS:
            facts.custody.discard(STATE_FACT)
    if (facts.custody | facts.negated) & {ICE_FACT, ICE_CUSTODY_FACT} or _ICE_WORDS.search(corrected):
        if _HELD_FOR_ICE.search(corrected) or _ICE_PLACE.search(corrected) or \
                (_SENTENCE_DONE.search(corrected) and _ICE_WORDS.search(corrected)):
            facts.custody.discard(ICE_FACT)
            facts.custody.add(ICE_CUSTODY_FACT)
            facts.negated -= {ICE_FACT, ICE_CUSTODY_FACT}
    return dismissed


class FactMatcher:
    """Finds facts in messages. Build once (it compiles spaCy pipelines), call `match` per message."""

    def __init__(self) -> None:
        import spacy

        phrases = _phrases()
        fact_patterns = [{"label": "FACT", "pattern": p, "id": i} for p, i in phrases["FACT"]]
        place_patterns = [{"label": "PLACE", "pattern": p, "id": i} for p, i in phrases["PLACE"]]
        gazetteer_patterns = [{"label": label, "pattern": p, "id": i} for label in ("CITY", "COUNTY")
                              for p, i in phrases[label]]
        site_patterns = [{"label": "SITE", "pattern": p, "id": i} for p, i in phrases["SITE"]]
        self._pipelines = {}
        for lang in ("en", "es"):
            # Facts and places are matched separately: "fiscal del condado de broward" holds both a
            # fact ("fiscal del condado") and a place ("condado de broward") that overlap.
            nlp = spacy.blank(lang)
            nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"}).add_patterns(fact_patterns)
            nlp.add_pipe(
                "span_ruler", config={"spans_key": "places", "phrase_matcher_attr": "LOWER"}
            ).add_patterns(place_patterns)
            nlp.add_pipe(
                "span_ruler", name="gazetteer", config={"spans_key": "gazetteer", "phrase_matcher_attr": "LOWER"}
            ).add_patterns(gazetteer_patterns)
            nlp.add_pipe(
                "span_ruler", name="sites", config={"spans_key": "sites", "phrase_matcher_attr": "LOWER"}
            ).add_patterns(site_patterns)
            self._pipelines[lang] = nlp
        # Misspellings are corrected towards custody terms and state names only: correcting towards
        # city names pulls everyday words into places ("settled" -> seattle, "trampa" -> tampa).
        state_words = {
            normalize(n) for st in reference.states().values() for n in (st.name_en, st.name_es, *st.aliases)
        }
        exact = {normalize(n) for n in reference.exact_facility_names()}
        self._vocabulary = sorted(
            {
                w
                for phrase in [p for p, _ in phrases["FACT"] if normalize(p) not in exact] + sorted(state_words)
                for w in phrase.split()
                if len(w) >= 4 and w.isalpha()
            }
        )
        # The words of facilities matched only as written are left as they are, never corrected.
        self._vocabulary_set = frozenset(self._vocabulary) | {w for n in exact for w in n.split()}
        # Spanish spellings that sound the same ("nueba" for "nueva", "cárzel" for "cárcel").
        self._by_sound = {_sound(w): w for w in self._vocabulary}
        # A town's own name is never "corrected" into a custody term ("Delano" into the Adelanto ICE center).
        self._towns = frozenset(name for name, _ in reference.gazetteer()["cities"] if " " not in name)
        # Names of several words ("crown point", "council bluffs"): their words are not corrected either ("point" had
        # become "points").
        self._town_phrases = frozenset(name for name, _ in reference.gazetteer()["cities"] if " " in name)
        self._codes = frozenset(reference.states())
        # A whole message that is a state's name ("georgia" in answer to "which state?") is that state.
        self._bare_state_names = {
            normalize(name): s.code for s in reference.states().values() for name in (s.name_en, s.name_es, *s.aliases)
        }
        self._bare_places = {normalize(name): code for name, code, _ in reference.places()}
        # The one-word names of data/reference/places.yml ("nashville", "memphis") are places too: never corrected
        # into a facility's word ("nashville" had become "asheville").
        self._big_places = frozenset(name for name in self._bare_places if " " not in name)
        short = reference.custody_terms()["short_answers"]
        self._short_answers = {
            normalize(answer): (STATE_FACT if kind == "state" else FEDERAL_FACT)
            for kind, answers in short.items()
            for answer in answers
        }

    def only_places(self, norm: str) -> bool:
        """The (normalised) message names a place of custody and nothing else ("hennepin county jail en
        minneapolis"): said in answer to where he is, even unasked; "visiting hours at hennepin county jail" says
        more. One word unknown here is allowed: a small town's name ("Philipsburg PA")."""
        words = norm.split()
        if _NOT_A_PLACE.intersection(words):
            return False  # "davidson county jail commissary", "nashville jail visiting hours": about the jail
        counties = _county_name_words(words)
        other = [w for i, w in enumerate(words) if w not in _PLACE_FILLER and not _STREET_NO.fullmatch(w) and
                 w.upper() not in self._codes and w not in self._vocabulary_set and w not in self._towns and
                 w not in self._big_places and i not in counties]
        return len(words) <= 12 and len(other) <= (1 if len(words) >= 4 else 0)

    def correct(self, text: str) -> str:
        """Replace words that look like misspelled terms by the term ("pensilvania" -> "pennsylvania")."""
        out = []
        words = text.split()
        for i, word in enumerate(words):
            # A county's own name is corrected only for a slip of one letter ("harriss county"): a name of
            # many states ("Franklin County") is not another county ("Rankin County", Mississippi).
            named_county = (i + 1 < len(words) and _COUNTY_WORD.fullmatch(words[i + 1].strip(".,;:!?"))) or \
                (i >= 2 and words[i - 2] in ("condado", "parroquia", "county") and words[i - 1] in ("de", "of"))
            in_town_name = any(" ".join(words[j:j + n]) in self._town_phrases
                               for n in (2, 3) for j in range(max(0, i - n + 1), i + 1))
            if len(word) >= 5 and word.isalpha() and word not in self._vocabulary_set and word not in _PROTECTED \
                    and word not in self._towns and word not in self._big_places and not in_town_name:
                same_sound = None if named_county else self._by_sound.get(_sound(word))
                best = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio,
                                          score_cutoff=90 if named_county else 85)
                if same_sound:
                    word = same_sound
                elif best is not None:
                    word = best[0]
            out.append(word)
        return " ".join(out)

    def _codes_in(self, original: str) -> list[str]:
        """State codes typed as codes. Word-like codes ("IN", "ME") count only in capitals, and not
        when the whole message is in capitals; other codes count in any case ("tx", "NJ")."""
        found = []
        shouting = original.upper() == original
        original = _HERE.sub(" ", original)  # "viene pa' ca": here, not California
        for match in re.finditer(r"\b[A-Za-z]{2}\b", original):
            token = match.group(0)
            code = token.upper()
            if code not in self._codes:
                continue
            if token.lower() in WORDLIKE_CODES:
                # A word in capitals inside a run of capitals is shouting, not a code ("OH MY GOD").
                shouted = _CAPITALS_AFTER.match(original, match.end()) is not None
                if token != code or shouting or shouted or not self._code_in_place(original, match):
                    continue
                found.append("CA" if code == "LA" else code)  # "in LA" is Los Angeles far more often than Louisiana
            elif token in (code, token.lower()):
                found.append(code)
        return found

    def _code_in_place(self, original: str, match: re.Match) -> bool:
        """A word-like code in capitals ("IN", "ME", "OR") is a state only where it is used as one: after a place's
        preposition ("in PA", "desde OH", "de LA"), after a city ("Bangor ME", "Portland, OR"), or as a short answer
        ("it's PA"); "my mom wants ME to get the texts", "the ex of MI hija" are words. "ME" and "MI" (the pronoun,
        Spanish "my") count only at the end of a clause or before a word of place ("Bangor ME jail")."""
        code = match.group(0)
        before = re.findall(r"[A-Za-z']+", original[:match.start()])[-2:]
        gap = original[:match.start()].rstrip()
        ends = _CODE_CLAUSE_END.match(original, match.end()) is not None
        if code in _PRONOUN_CODES and not ends:
            return False
        if not before:
            return False
        last = before[-1].lower()
        if last in _CODE_PREPOSITIONS or before == ["cerca", "de"]:
            return True
        if last.replace("'", "") in ("its", "is", "es", "esta") and code not in _PRONOUN_CODES:
            return len(original.split()) <= 4  # "it's PA", "es PA"
        city = before[-1]
        # a town the gazetteer knows ("Bangor ME"), or a word in capitals set off by a comma as towns are ("Smallville,
        # IN"); a word in capitals alone before the code is as often a verb typed in title case ("Please Help ME",
        # "Text ME", "i cant Log IN")
        named = city[:1].isupper() and city[1:].islower() and (
            gap.endswith(city + ",") or (gap.endswith(city) and last in reference.us_town_names()))
        return named or (last in self._towns or last in self._big_places)

    @staticmethod
    def _sites(doc, tokens: list[str], custody: set[str], own_ends: set[int],
               reply: bool = False, spanish: bool = False) -> list[tuple[int, str]]:
        """States of facility sites named beside custody of their kind, or in a short reply ("port isabel",
        "lo tienen en Stewart"), when that names one state."""
        by_site: dict[tuple[int, int], set[str]] = {}
        # A reply counts without custody words only when it names none (then its kind is unknown).
        reply = reply and not custody & {FEDERAL_FACT, ICE_FACT, ICE_CUSTODY_FACT}
        for span in doc.spans["sites"]:
            kind, code = span.id_.split(":")
            if _a_countys_name(tokens, span):
                continue  # "lexington county jail": a county's name, not FMC Lexington
            if any(o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in doc.spans["places"]):
                continue  # "the Dawson County jail in Lexington": a word of a longer name, not FMC Lexington
            in_context = reply or custody & _SITE_CONTEXT[kind] or _facility_word_before(tokens, span.start)
            if in_context and not _place_negated(tokens, span.start, spanish) and span.end not in own_ends:
                by_site.setdefault((span.start_char, span.end_char), set()).add(code)
        return [(start, codes.pop()) for (start, _), codes in sorted(by_site.items()) if len(codes) == 1]

    def match(self, text: str, language: Optional[str] = None) -> Facts:
        """Facts of one message."""
        norm = _COUNTY_ABBREVIATION.sub("county", normalize(text))
        facts = Facts()
        if not norm:
            return facts
        facts.danger = safety.pattern_kind(norm) is not None
        if _KIND_QUESTION.search(text):
            text = kind_question_removed(text)  # "Is that federal??" asks; it does not tell
            norm = _COUNTY_ABBREVIATION.sub("county", normalize(text))
        short = _FILLER.sub("", norm)
        if short in self._short_answers:
            facts.answer = self._short_answers[short]
            facts.custody.add(facts.answer)
        if norm in self._bare_state_names:
            facts.states.append(self._bare_state_names[norm])
        elif text.strip(" .!?,") in self._codes and text.strip(" .!?,") not in _BARE_CODE_WORDS:
            # "PA" alone, in answer to "which state?" or to correct one: the state, though "pa" is also a word
            facts.states.append(text.strip(" .!?,"))
        elif norm in self._bare_places:
            # "charlotte" or "sacramento" alone, in answer to "where?": the place, even if held back
            facts.states.append(self._bare_places[norm])
        corrected = self.correct(_FEDERAL_STREET.sub(r"\1", norm))
        doc = self._pipelines[ES if language == ES else "en"](corrected)
        tokens = [t.text for t in doc]
        past = set()
        state_terms, federal_terms = set(), set()
        # "he's in MDC, bernalillo county", "lo tienen en el MDC de albuquerque": the county's jail. Other federal
        # words ("caso federal", "the feds") still make it a federal case held there.
        county_mdc = _ALBUQUERQUE.search(corrected) is not None and not _FEDERAL_MDC_PLACE.search(corrected)
        county_mdc_at: list[int] = []  # where the MDC read as the county's is named: New Mexico
        jail_terms: list[str] = []  # words of a jail that holds him now
        previous = None  # (end, kind, status) of the term before: "the county" + "jail" is one term
        for ent in doc.ents:
            kind = ent.ent_id_
            if kind in (ICE_FACT, ICE_CUSTODY_FACT) and _own_immigration(tokens, ent.start, ent.end):
                continue  # "yo no tengo papeles, ¿me va a buscar la migra?": the person's own status, not his custody
            if county_mdc and kind == FEDERAL_FACT and ent.text in _MDC_TERMS:
                kind = STATE_FACT
                county_mdc_at.append(ent.start_char)
            negated = _negated(tokens, ent.start)
            if previous and previous[0] == ent.start and previous[1] == kind:
                status = previous[2]  # "not in the county jail anymore": "jail" goes with "the county"
            elif negated and _no_longer(tokens, ent.start, ent.end):
                status = "past"
            elif negated:
                status = "negated"
            elif _past(tokens, ent.start) or tokens[ent.end:ent.end + 2] in (["from", "before"], ["de", "antes"]):
                status = "past"
            else:
                status = "now"
            previous = (ent.end, kind, status)
            if status == "past":
                # "he's not at Rikers anymore": it held once, not now; "he might be on federal probation from
                # before", "tiene probation federal de antes": an old case
                past.add(kind)
            elif status == "negated":
                facts.negated.add(kind)
            else:
                facts.custody.add(kind)
                if kind == STATE_FACT and _JAIL_WORDS.search(ent.text) and \
                        "federal" not in tokens[max(0, ent.start - 1):ent.end + 1] and \
                        not {"que", "which", "what", "vez", "instead"} & set(tokens[max(0, ent.start - 3):ent.start]):
                    # not "la cárcel federal", "the federal jail", "no sé en qué cárcel", "en vez de cárcel"
                    jail_terms.append(ent.text)
                    if ent.end < len(tokens) and tokens[ent.end] in ("condado", "county", "parish"):
                        jail_terms.append(tokens[ent.end])  # "la carcel del" + "condado"
                if kind == STATE_FACT:
                    state_terms.add(ent.text)
                elif kind == FEDERAL_FACT:
                    federal_terms.add(ent.text)
        # "la DEA lo arrestó pero el caso lo llevó el fiscal del condado, no federal": what the message
        # denies outright is more specific than what it implies.
        facts.custody -= facts.negated
        past -= facts.negated
        # Sentence by sentence ("they have him at the ICE facility. I need to know if..."), and only
        # when an immigration word is there at all: most messages pay nothing for it.
        if ICE_CUSTODY_FACT not in facts.negated and _IMMIGRATION_PRESENT.search(corrected):
            sentences = [self.correct(normalize(part)) for part in re.split(r"[.!?;\n]+", text)]
            sentences = [sentence for sentence in sentences if not _own_immigration(sentence.split(), 0, 0, whole=True)]
            if any(ice_holds_now(sentence) for sentence in sentences):
                facts.custody.add(ICE_CUSTODY_FACT)
            elif ICE_FACT not in facts.negated and any(ice_takes_next(sentence) for sentence in sentences):
                facts.custody.add(ICE_FACT)
        if ICE_FACT in facts.custody and not facts.custody & {STATE_FACT, FEDERAL_FACT, ICE_CUSTODY_FACT} and \
                STATE_FACT not in facts.negated and _ICE_DETAINER.search(corrected) and \
                (PRISON_FACT in facts.custody or _HELD_SOMEWHERE.search(corrected)):
            # "he's in Huntsville ... ICE put a hold on him", "Raiford, ahí lo tienen y tiene detainer": a detainer is
            # lodged with the jail or prison that holds him now; with no federal word, that is the state's or the
            # county's (VINE), and ICE takes him next.
            facts.custody.add(STATE_FACT)
            facts.custody.discard(PRISON_FACT)
        removal = _REMOVAL_SAID.search(corrected)
        if removal and ICE_FACT not in facts.negated and not _negated(tokens, len(corrected[:removal.start()].split())):
            # "si lo van a mandar pa su país", "will they kick him out of the country": deportation, as "deportar"
            facts.custody.add(ICE_FACT)
        if federal_terms and federal_terms <= _STATE_SUPERVISION_TWINS and _STATE_CORRECTIONS.search(corrected):
            # "parole (mandatory supervised release) del Illinois Department of Corrections": a state's supervision
            # after prison, whatever it is called, is the state's, not federal supervised release.
            facts.custody.discard(FEDERAL_FACT)
            facts.custody.add(STATE_FACT)
        elif federal_terms and all(_ARRESTING_AGENCY.fullmatch(term) for term in federal_terms) and \
                _STATE_PROSECUTION.search(corrected):
            # "lo arrestó la DEA en la redada pero el caso es del fiscal del condado": the agency that arrested him
            # does not make the case federal; who prosecutes it decides.
            facts.custody.discard(FEDERAL_FACT)
            facts.custody.add(STATE_FACT)
        elif not federal_terms and _CASE_IS_THE_STATES.search(corrected):
            # "the case is the county prosecutor's" said after "the FBI arrested him": withdraws an arrest's "federal"
            facts.negated.add(FEDERAL_FACT)
        if federal_terms and all(_MARSHALS.search(term) for term in federal_terms) and \
                (STATE_FACT in facts.custody or _COUNTY_CASE.search(corrected)):
            # "US marshals caught him in reno but they're sending him back to Sacramento county to face the
            # charges": the Marshals also catch people wanted on a state's warrant; the county's case holds him.
            facts.custody.discard(FEDERAL_FACT)
            facts.custody.add(STATE_FACT)
        if facts.custody & {ICE_FACT, ICE_CUSTODY_FACT} and state_terms and state_terms <= _BOND_TERMS:
            # "ICE detained him; will they let him out on bond?": an immigration bond, not a jail's.
            facts.custody.discard(STATE_FACT)
        ice_dismissed = apply_program_cues(facts, corrected, state_terms, text)
        if facts.custody - {PRISON_FACT}:
            facts.past = past - facts.custody  # custody changed hands: what holds now decides
        else:
            facts.only_past = past - facts.custody
            facts.custody |= past  # only the past is told: it is all there is to go on
        facts.goal, facts.goal_by_priority = goal(corrected)
        if ice_dismissed and facts.goal == GOAL_REMOVAL:
            facts.goal, facts.goal_by_priority = None, False
        kinds = facts.custody & {STATE_FACT, FEDERAL_FACT}
        if facts.answer is None and len(kinds) == 1 and CORRECTION.search(corrected):
            facts.answer = next(iter(kinds))  # replaces the earlier "state" or "federal"
        located: list[tuple[int, str]] = [(start, "NM") for start in county_mdc_at]
        county_named = False
        # A place that directly follows the person's own ("yo vivo en Kansas City Missouri") is theirs too.
        own_ends: set[int] = set()
        own_located: list[tuple[int, str]] = []  # (token end, state) of the person's own places
        every_place = list(doc.spans["places"]) + list(doc.spans["gazetteer"]) + list(doc.spans["sites"])
        for span in sorted(every_place, key=lambda sp: sp.start):
            if _own_place(tokens, span.start, span.end) or span.start in own_ends:
                own_ends.add(span.end)
                if span.id_ in self._codes and not _place_negated(tokens, span.start, language == ES) and \
                        not (span.label_ == "COUNTY" and not _in_context(span, tokens)):
                    # ("I'm in Dearborn" is the Michigan city, not Dearborn County, Indiana)
                    own_located.append((span.end, span.id_))
        towns: set[int] = set()  # start of places known only as a town named in passing
        small_towns: set[int] = set()  # those of them from GeoNames (not data/reference/places.yml)
        named_states: set[str] = set()  # states named outright ("Maryland", "en Texas")
        for span in filter_spans(doc.spans["places"]):
            if _place_negated(tokens, span.start, language == ES) or span.end in own_ends or not span.id_:
                continue
            if span.end < len(tokens) and tokens[span.end] in _STREET_SUFFIXES:
                continue  # "a tax preparer on Montana Ave in El Paso": a street
            if span.start and tokens[span.start - 1] in ("condado", "parroquia") and tokens[span.start] == "de":
                continue  # "el condado de Washington": a county of that name, not the state
            bare = _PLACE_PREFIX.sub("", span.text)
            if span.end < len(tokens) and tokens[span.end] in ("county", "parish") and bare in self._bare_state_names:
                # "Nevada County jail" is California's or Arkansas's, "Indiana County" Pennsylvania's, "Utah County"
                # Utah's, "la cárcel de Washington County" one of thirty states': a county named after a state is
                # where its county is, when that is one state, and never the state it is named after.
                codes = reference.county_states().get(bare, frozenset())
                if len(codes) == 1:
                    located.append((span.start_char, next(iter(codes))))
                    county_named = True
                continue
            if span.end < len(tokens) and tokens[span.end] in ("county", "parish") and bare in reference.city_names():
                # "Torrance County" is New Mexico's, not Torrance, California: a city's name before "county" is a
                # county's, in the city's state only when that state has a county of the name ("Dallas County").
                codes = reference.county_states().get(bare, frozenset())
                if codes and span.id_ not in codes:
                    if len(codes) == 1:
                        located.append((span.start_char, next(iter(codes))))
                        county_named = True
                    continue
            located.append((span.start_char, span.id_))
            if _PLACE_PREFIX.sub("", span.text) in self._bare_state_names:
                named_states.add(span.id_)
            if _PLACE_PREFIX.sub("", span.text) in reference.city_names():
                towns.add(span.start_char)
            county_named |= any(word in span.text for word in ("county", "condado", "parish", "parroquia"))
        # A town inside a longer known name ("Stafford" in "Stafford Creek Corrections Center", "Lowell" in
        # "Lowell Correctional") is part of that name, not a place of its own.
        longest = filter_spans(list(doc.spans["places"]) + list(doc.spans["gazetteer"]))
        for span in doc.spans["gazetteer"]:
            if any(o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in longest):
                continue
            if span.end < len(tokens) and tokens[span.end] in _STREET_SUFFIXES:
                continue
            if span.label_ == "CITY" and _a_countys_name(tokens, span):
                continue  # "Lexington County" is South Carolina's county, not Lexington, Kentucky
            if (_in_context(span, tokens) and not _place_negated(tokens, span.start, language == ES)
                    and span.end not in own_ends):
                located.append((span.start_char, span.id_))
                county_named |= span.label_ == "COUNTY"
                if span.label_ != "COUNTY":
                    towns.add(span.start_char)
                    small_towns.add(span.start_char)
        located += self._sites(doc, tokens, facts.custody | past | facts.negated, own_ends,
                               reply=len(norm.split()) <= _SHORT_SITE_REPLY_WORDS, spanish=language == ES)
        site_kinds: dict[int, set[str]] = {}
        for span in doc.spans["sites"]:
            if (_facility_word_before(tokens, span.start)
                    and not _place_negated(tokens, span.start, language == ES)):
                site_kinds.setdefault(span.start, set()).add(span.id_.split(":")[0])
        for kinds in site_kinds.values():
            # Only a site of one kind, and only when no jail or prison of the state is named already.
            if len(kinds) == 1 and STATE_FACT not in facts.custody:
                facts.custody.add(FEDERAL_FACT if kinds == {"federal"} else ICE_CUSTODY_FACT)
        if county_named and facts.custody == {PRISON_FACT}:
            # "locked up in Cook County": custody in a named county is the county jail.
            facts.custody.add(STATE_FACT)
            facts.jail = True
        elif (county_named and not (facts.custody or past or facts.negated)
              and len(norm.split()) <= _SHORT_REPLY_WORDS):
            # A short reply that names a county ("la de King County, en Seattle", "harris county") says
            # where he is held: the county jail.
            facts.custody.add(STATE_FACT)
        # Only a county's jail named beside the federal case itself ("the DEA arrested him and they're holding him at
        # the Butler County jail", "lo tienen en la cárcel del condado de Webb"): a jail named before the federal case
        # came ("he's in the county jail" ... "now the feds took it over") may well be behind him, and a bare "jail"
        # may be the federal one.
        facts.jail = {STATE_FACT, FEDERAL_FACT} <= facts.custody and bool(jail_terms) and (
            county_named or any(_COUNTY_JAIL.search(term) for term in jail_terms))
        # Codes typed as codes ("TX", "N.C.") come from the original text, case intact.
        for code in self._codes_in(re.sub(r"\b([A-Za-z])\.([A-Za-z])\.?", r"\1\2", text)):
            pos = norm.find(code.lower())
            typed = re.search(r"\b" + code.lower() + r"\b", norm)
            if typed and _OWN_PLACE.search(" ".join(norm[:typed.start()].split()[-8:])):
                continue  # "we moved to TX", "estoy en NC ahora"
            located.append((pos if pos >= 0 else len(norm), code))
        # A state, county, facility or code outranks a town named in passing ("está en la cárcel del
        # condado Harris, la del centro, en San Jacinto") unless the town is named beside custody (the
        # court's "la corte federal de Detroit"); among those, a place named beside custody that
        # holds now ("ICE took him to Folkston georgia", "la corte federal de Detroit") outranks one named
        # elsewhere in the story ("after he did 2 yrs in jacksonville florida", "amenazas desde Ohio"):
        # the last of the strongest kind decides.
        # (A bare kind word is no anchor: "the case was federal in boston but they sent him there".)
        anchors = [(ent.start_char, ent.end_char) for ent in doc.ents
                   if ent.ent_id_ in facts.custody and ent.text not in _BARE_KINDS]
        anchors += [(span.start_char, span.end_char) for span in doc.spans["sites"]]

        def beside_custody(start: int) -> bool:
            return any(begin - _BESIDE_CHARS <= start <= end + _BESIDE_CHARS for begin, end in anchors)

        if named_states:
            # "la cárcel del condado de Montgomery, en Maryland, en Clarksburg": a state named outright outranks a
            # small town (GeoNames') of another state; Clarksburg is in Maryland too.
            located = [item for item in located if item[0] not in small_towns or item[1] in named_states]
        def moved(start: int) -> int:
            where = doc.char_span(start, start + 1, alignment_mode="expand") if start < len(corrected) else None
            return _movement(tokens, where.start) if where is not None else 0

        # Where he came or was moved from is not where he is ("me siguió de Oregon hasta acá", "they moved him from FCI
        # Victorville to somewhere else").
        located = [item for item in located if moved(item[0]) != ORIGIN]
        # Counties of several states named in the message ("the Montgomery County jail"): a town of a state that has
        # no county of the name is another town of that name (Clarksburg, West Virginia), named in passing.
        shared_counties = [codes for codes in _counties_named(tokens) if len(codes) > 1]

        def beside_held(start: int, code: str) -> bool:
            """The town is named beside custody (not beside its own facility's name: "Atlanta" of "USP Atlanta") and
            agrees with the counties named."""
            return all(code in codes for codes in shared_counties) and any(
                begin - _BESIDE_CHARS <= start <= end + _BESIDE_CHARS and not begin <= start < end
                for begin, end in held_at)

        # Words of a place that holds him (not an agency, "the FBI worked it near Gallup", nor a court: _movement)
        held_at = [(ent.start_char, ent.end_char) for ent in doc.ents
                   if ent.ent_id_ in facts.custody and _HOLDING_PLACE.search(ent.text)]
        held_at += [(span.start_char, span.end_char) for span in doc.spans["sites"]]

        ranked = sorted(located, key=lambda item: (item[0] not in towns or beside_custody(item[0]), moved(item[0]),
                                                   beside_custody(item[0]), item[0]))
        if not ranked and facts.custody and len({code for _, code in own_located}) == 1 and \
                any(_THERE.search(" ".join(tokens[end:])) for end, _ in own_located):
            # "i live in Vermont, he's in prison there", "vivo en Texas y él está preso allá": their place, said again
            ranked = [(len(norm), own_located[0][1])]
        facts.states += [code for _, code in ranked]
        homes = {code for _, code in own_located}
        if not facts.states and len(homes) == 1 and not _CAME.intersection(tokens) and not _UNKNOWN.search(corrected):
            # (not "yo estoy en Iowa pero a él lo movieron", "I'm in Iowa, I don't know where they have him")
            facts.home_state = next(iter(homes))
        # Weak: the state comes only from towns named in passing (not beside custody) or places told as where he was
        # before ("convicted in Las Cruces", "federal court in Albuquerque"), never from a place he is held in.
        final = [start for start, code in ranked if ranked and code == ranked[-1][1]]
        facts.state_weak = bool(ranked) and not facts.states[:-len(ranked)] and all(
            (start in towns and not beside_held(start, ranked[-1][1])) or moved(start) < 0 for start in final)
        if ranked and not facts.states[:-len(ranked)] and not facts.custody - past - {PRISON_FACT}:
            # "ya cumplió en Texas", "he did his time in Florida": where a sentence was served, in a message that
            # names no custody of now, does not replace where he is known to be held.
            where = doc.char_span(ranked[-1][0], ranked[-1][0] + 1, alignment_mode="expand")
            if where is not None and _past(tokens, where.start):
                facts.state_weak = True
        return facts


# When a message tells a move ("arrested in Georgia, extradited to Alabama", "lo tenían en Lubbock pero lo extraditaron
# a Nuevo México", "they have him in Jena louisiana, he did his time in Texas first"), the place he was moved to or is
# held in now outranks the place he was before: where he was arrested, convicted, held once, or came from.
_MOVED_TO = frozenset("""extradited extradite extraditing transferred transfered transferring transfer moved shipped
    sent took taken brought transported relocated extraditaron extraditado extradito extraditar trasladaron trasladado
    traslado trasladar pasaron mandaron mando llevaron llevo movieron cambiaron
    mandarlo llevarlo pasarlo trasladarlo extraditarlo moverlo""".split())  # the corrector's forms of "mandaron"
_HELD_NOW = frozenset("now currently ahora ahorita actualmente today hoy have has holding housed tienen".split())
_HELD_BEFORE = frozenset("""had tenian tenia tuvieron arrested caught arrest convicted sentenced picked followed
    first primero arrestaron arresto agarraron agarro detuvieron condenaron condeno sentenciaron sentencio siguio persiguio""".split())
_EARLIER_AFTER = frozenset("first before antes primero originally estaba estuvo was were had tenian tenia".split())
_CAME = _MOVED_TO | frozenset("followed siguio persiguio came vino vinieron trajeron trajo brought escapo escaped".split())
_HOLDING_PLACE = re.compile(r"\b(jail|jails|prison|prisons|prision|carcel|penitentiary|penitenciaria|pen|penal|detention|"
                            r"detencion|correctional|correccional|facility|unit|center|centro|lockup|county|condado|"
                            r"parish|ice|migra|usp|fci|fdc|mdc|adx|cdcr|tdcj|doc|reformatory|workhouse|stockade)\b")
_COURT = frozenset("court courts courthouse corte tribunal juzgado".split())
_NOT_BEFORE = frozenset("already last ago serving".split())  # "he's already at", "last week": not a place left
_FROM = frozenset("from desde".split())
_UNKNOWN = re.compile(r"\b(no se|no sabemos|no sabe|dont know|don t know|do not know|not sure|no idea|ni idea)\b")
_SUBJECTS = frozenset("he hes shes she they theyre el ella ellos".split())
_OBJECT_WORDS = frozenset("lo la le los las me se nos him her them me us all the way over".split())
_PLACE_PREFIXES = frozenset("in en from desde near cerca de".split())


ORIGIN = -2  # _movement: the place he came from or was moved from; never where he is held


def _movement(tokens: list[str], index: int) -> int:
    """+1 for a place told as where he was moved to or is held now; -1 for one told as where he was before (arrested,
    convicted, held once, tried: "he did his time in Texas first", "lo tenían en Lubbock", "federal court in
    Albuquerque"); ORIGIN for where he came or was moved from ("followed me from Oregon", "de Oregon hasta acá", "they
    moved him from FCI Victorville"); 0 otherwise. tokens[index] is the place's first token (a preposition matched
    with the place's own name counts as before it)."""
    if index + 1 < len(tokens) and tokens[index] in _PLACE_PREFIXES:
        index += 2 if tokens[index:index + 2] == ["cerca", "de"] else 1  # "en reno", "from georgia", "cerca de nome"
    before = tokens[max(0, index - 10):index]
    if before and before[-1] in _FROM | {"de"}:
        clause = []
        for token in reversed(before[:-1]):
            if token in _CLAUSE_BREAKS:
                break
            clause.append(token)
        verb = next((token for token in clause if token not in _OBJECT_WORDS), None)
        if (before[-1] in _FROM and _CAME.intersection(clause)) or verb in _CAME:
            # "they transferred him to Kentucky from Ohio", "followed me all the way from Arizona", "me siguió de
            # Oregon", "lo trasladaron de Texas" (not "lo trasladaron a la cárcel de Harris": where he went)
            return ORIGIN
    if _COURT.intersection(before[-3:]):
        return -1  # where he was tried; where he is held outranks it
    following = []
    for token in tokens[index + 1:index + 4]:
        if token in _CLAUSE_BREAKS:
            break
        following.append(token)
    if _EARLIER_AFTER.intersection(following):
        return -1  # "he did his time in Texas first", "la USP de Atlanta, ahí estaba"
    for i in range(len(before) - 1, -1, -1):
        token = before[i]
        if token in _MOVED_TO or token in _HELD_NOW:
            return 1
        if token in _HELD_BEFORE or token in _PAST_MARKERS and token not in _NOT_BEFORE:
            return -1  # "they had him in", "lo tenían en", "primero estuvo preso en", "he was in"
        if token in _SUBJECTS:
            # a new clause or sentence ("... was released to ICE. He's at Prairieland"), or "now he's at"
            return 1 if i and before[i - 1] in _HELD_NOW else 0
        if token in _CLAUSE_BREAKS:
            return 0
    return -1 if _past(tokens, index) else 0


# How near (in characters of the normalised text) a place must be to a custody word to count as beside it.
_BESIDE_CHARS = 30
_BARE_KINDS = frozenset({"federal", "state", "estatal", "federales", "the feds", "feds", "los federales"})


@lru_cache(maxsize=1)
def matcher() -> FactMatcher:
    """The process-wide matcher (building it takes about a second)."""
    return FactMatcher()
