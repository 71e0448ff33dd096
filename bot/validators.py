"""Pure parsers for the answers a victim gives while registering for offender notifications.

Each ``parse_*`` function takes the raw message (English or Spanish) and returns a normalised value,
or None when the answer is not usable, so that the caller re-asks with an example. Nothing here does
I/O, touches the network (e-mail deliverability is not checked) or logs the text: it is personal data.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers
from babel import Locale
from email_validator import EmailNotValidError, validate_email
from rapidfuzz import fuzz, process

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|gov|edu|io|ly|co|me|info|us|mx)\b", re.I)
_POLITE = re.compile(r"\b(?:please|thanks|thank you|por favor|gracias)\b")
_EMAIL_CANDIDATE = re.compile(r"[^\s<>()\[\]{},;:\"'“”‘’]+@[^\s<>()\[\]{},;:\"'“”‘’]+")


def _fold(text: str, keep: str = "") -> str:
    """Lowercase, accent-free ("Sí" -> "si"), apostrophes dropped, other punctuation but `keep` -> spaces."""
    text = unicodedata.normalize("NFKD", (text or "").lower().replace("’", "").replace("'", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9%s]+" % re.escape(keep), " ", text).split())


def looks_like_junk(text: str) -> bool:
    """True for empty text, no letters or digits (emoji, punctuation), markup tags, or > 2000 chars."""
    too_long_or_markup = len(text or "") > 2000 or bool(_MARKUP.search(text or ""))
    return not (text or "").strip() or too_long_or_markup or not any(ch.isalnum() for ch in text)


_UNKNOWN = frozenset((
    "not sure|unsure|dont know|do not know|idk|no idea|have no idea|no clue|dunno|unknown|not known|pass|"
    "skip|skip it|skip this|cant remember|dont remember|forgot|no se|no sabemos|ni idea|no tengo idea|"
    "no tengo ni idea|no estoy seguro|no estoy segura|desconocido|desconocida|saltar|saltar esto|omitir|"
    "no recuerdo|no me acuerdo").split("|"))
_HEDGES = frozenset("um uh eh hmm pues sorry honestly really realmente todavia yet actually la verdad lo "
                    "siento i im am yo muy very".split())


def is_unknown(text: str) -> bool:
    """True when the person does not know ("not sure", "idk", "no sé", "ni idea", "skip", "saltar")."""
    return " ".join(w for w in _fold(text).split() if w not in _HEDGES) in _UNKNOWN


_ANSWERS = {phrase: answer for answer, phrases in (
    (True, "yes|y|yeah|yea|yep|yup|sure|ok|okay|k|correct|thats right|right|confirm|confirmed|sign me up|"
           "of course|absolutely|definitely|please do|si|claro|claro que si|correcto|dale|esta bien|vale|"
           "de acuerdo|okey|por supuesto|afirmativo|asi es|eso es|exacto|confirmo|andale|inscribeme"),
    (False, "no|n|nope|nah|not now|not yet|no thanks|no thank you|not really|no way|never mind|negative|"
            "nada|no gracias|ahora no|todavia no|por ahora no|no por ahora|para nada|nel|mejor no"),
) for phrase in phrases.split("|")}


def parse_yes_no(text: str) -> bool | None:
    """True/False for a yes/no answer. The whole text must be yes/no phrases and politeness ("sí, claro",
    "no no, gracias"), all agreeing; anything else ("no sé", "yes but cancel") -> None."""
    words, votes, i = _fold(text).split(), set(), 0
    while i < len(words):  # the longest known phrase at each place: "no thank you" before "no"
        phrase = next((p for j in range(min(len(words), i + 3), i, -1)
                       if (p := " ".join(words[i:j])) in _ANSWERS or _POLITE.fullmatch(p)), None)
        if phrase is None:
            return None
        if phrase in _ANSWERS:  # politeness ("gracias", "please") casts no vote
            votes.add(_ANSWERS[phrase])
        i += len(phrase.split())
    return votes.pop() if len(votes) == 1 else None


_CHANNELS = {p: channel for channel, phrases in {
    "sms": "sms|text|texts|texting|text me|txt|text message|text messages|mensaje de texto|texto|textos|"
           "mensajes de texto|celular|cell|cell phone|cellphone|mobile|phone|telefono|message|messages|"
           "mensaje|mensajes",
    "email": "email|e mail|emails|mail|correo|correo electronico|correos|gmail",
    "telegram": "telegram|telegrama",
    "web": "web|this chat|here|aqui|este chat|chat|website|web site|pagina|pagina web|sitio web|online|"
           "en linea",
}.items() for p in phrases.split("|")}
_NEGATIONS, _VIA = ("not", "never", "nunca", "sin", "dont"), ("by", "via", "through", "por", "con")
_VAGUE = frozenset("here aqui chat phone telefono message messages mensaje mensajes online".split())
_CHANNEL_RE = re.compile(r"\b(?:%s)\b" % "|".join(sorted(_CHANNELS, key=len, reverse=True)))
_TYPO_TARGETS = [p for p in _CHANNELS if len(p) >= 4 and " " not in p and p not in _VAGUE]


def parse_channel(text: str) -> str | None:
    """'sms', 'email', 'telegram' or 'web'. A named channel beats a vague word ("here", "phone"),
    "not by email" is skipped, two named channels -> None; typos ("emial") go through rapidfuzz."""
    folded = _fold(text)
    named, vague, matches = set(), set(), list(_CHANNEL_RE.finditer(folded))
    for match in matches:
        before = folded[: match.start()].split()[-2:]  # "not email", "not by email", "sin correo"
        if before and (before[-1] in _NEGATIONS or before[0] in _NEGATIONS and before[-1] in _VIA):
            continue
        (vague if match.group() in _VAGUE else named).add(_CHANNELS[match.group()])
    for found in (named, vague):
        if found:
            return found.pop() if len(found) == 1 else None
    if matches:  # only negated channels: "not telegram"
        return None
    typos = {_CHANNELS[hit[0]] for word in folded.split() if len(word) >= 4
             if (hit := process.extractOne(word, _TYPO_TARGETS, scorer=fuzz.ratio, score_cutoff=80))}
    return typos.pop() if len(typos) == 1 else None


def parse_phone(text: str, default_region: str = "US") -> str | None:
    """E.164 form of the one valid number in the text ("(202) 555-0143", "mi número es +52 55 1234 5678")."""
    if not text or len(text) > 200:
        return None
    numbers = [m.number for m in phonenumbers.PhoneNumberMatcher(text, default_region)]
    if not numbers and not re.search(r"[^\W\d_]", text):  # no letters, so no "1-800-FLOWERS": the digits
        try:
            numbers = [phonenumbers.parse(re.sub(r"[^\d+]", "", text), default_region)]
        except phonenumbers.NumberParseException:
            return None
    found = {phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
             for n in numbers if phonenumbers.is_valid_number(n)}
    return found.pop() if len(found) == 1 else None


def parse_email(text: str) -> str | None:
    """Normalised form of the one address in the text ("it's maria@example.com"); syntax check only."""
    candidates = {c.strip(".!?¡¿") for c in _EMAIL_CANDIDATE.findall(text or "")}
    if len(candidates) != 1 or len(text) > 400:
        return None
    try:
        return validate_email(candidates.pop(), check_deliverability=False).normalized
    except EmailNotValidError:
        return None


_OFFENDER_LABELS = frozenset("""his her their its it is he she name named called number num no nr id inmate
    booking case docket register registration reg tdcj bop cdcr doc ice usms jail prison prisoner offender
    sid spn anumber alien and se llama llamado llamada nombre su es numero reo preso presa registro caso
    expediente mi my unknown desconocido ex husband wife boyfriend girlfriend partner esposo esposa novio
    novia pareja reserva recluso reclusa interno interna""".split())
_PARTICLES = frozenset("de del la las los el y e and of the da di do dos van von le du".split())


def parse_offender_ref(text: str) -> dict | None:
    """{"name", "number"} from "John Smith", "A123456", "Juan Pérez, booking #2023-004512". One token with
    3+ digits (letters, dashes allowed) is the number; other words minus filler ("his name is", "TDCJ") are
    the name, title-cased if typed in one case. Markup, URLs, symbols, > 120 chars, "not sure" -> None."""
    if not text or len(text) > 120 or looks_like_junk(text) or _URL.search(text) or is_unknown(text):
        return None
    numbers, words = set(), []
    for token in (raw.strip(";:!?\"“”()[]{}") for raw in text.replace("#", " ").split()):
        if sum(ch.isdigit() for ch in token) >= 3 and re.fullmatch(r"[A-Za-z0-9-]+", token.strip(".,")):
            numbers.add(token.strip(".,-").upper())
        elif any(ch.isdigit() for ch in token) or not any(ch.isalpha() for ch in token):
            continue  # "2nd", "-", an emoji
        elif not re.fullmatch(r"(?:[^\W\d_]|['’.,-])+", token):
            return None  # "@", "$", "<b>": not part of a name
        elif _fold(token) not in _OFFENDER_LABELS:
            words.append(token)
    kept = [i for i, word in enumerate(words) if _fold(word) not in _PARTICLES]  # no "y", "el" at the ends
    name = " ".join(words[kept[0]:kept[-1] + 1]).strip(" ,.") if kept else ""  # "Smith, J." keeps its comma
    if len(numbers) > 1 or len(name) > 80:
        return None
    if name.islower() or name.isupper():  # "juan de la cruz" -> "Juan de la Cruz"
        name = " ".join(w.lower() if i and w.lower() in _PARTICLES else w
                        for i, w in enumerate(name.title().split()))
    name, number = (name if sum(ch.isalpha() for ch in name) >= 2 else None), next(iter(numbers), None)
    return {"name": name, "number": number} if name or number else None


_COUNTRY_ALIASES = {  # other names and demonyms ("new mexico" is a US state, not Mexico)
    "US": "usa|us|u s|u s a|united states of america|america|eeuu|ee uu|eua|new mexico|nuevo mexico|american|"
          "americano|americana|estadounidense",
    "MX": "mexican|mexicano|mexicana|estados unidos mexicanos",
    "GB": "uk|england|great britain|inglaterra|gran bretana", "KR": "korea|corea",
    "SV": "salvador|salvadoran|salvadorean|salvadoreno|salvadorena",
    "GT": "guatemalan|guatemalteco|guatemalteca", "HN": "honduran|hondureno|hondurena",
    "DO": "dominican|dominicano|dominicana", "CO": "colombian|colombiano|colombiana",
    "CU": "cuban|cubano|cubana", "VE": "venezuelan|venezolano|venezolana", "NI": "nicaraguan|nicaraguense",
    "CA": "canadian|canadiense", "EC": "ecuadorian|ecuatoriano|ecuatoriana",
    "HT": "haitian|haitiano|haitiana", "PE": "peruvian|peruano",
    "BR": "brazilian|brasileno|brasilena", "TR": "turkey",
}
_COUNTRY_FILLER = frozenset("i im am a an the from in of de del el la los soy naci born country pais citizen "
                            "my mi is es live vivo".split())


@lru_cache(maxsize=1)
def _country_names() -> tuple[dict[str, str], re.Pattern]:
    """Folded country name (Babel, English then Spanish), alias or demonym -> ISO 3166 alpha-2 code,
    and a pattern finding the longest of them at each place in a sentence ("corea del sur", not "corea")."""
    names = {}
    for language in ("en", "es"):
        for code, name in Locale(language).territories.items():
            if re.fullmatch(r"[A-Z]{2}", code) and code not in ("EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"):
                names.setdefault(_fold(name), code)
    for code, aliases in _COUNTRY_ALIASES.items():
        names.update(dict.fromkeys(aliases.split("|"), code))
    long_names = sorted((n for n in names if len(n) >= 3), key=len, reverse=True)  # "us" only on its own
    return names, re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, long_names)))


def parse_country(text: str) -> str | None:
    """ISO alpha-2 code of the one country named ("méxico", "soy salvadoreña", "usa" -> "US");
    typos within rapidfuzz ratio 85 ("Guatamala"); two different countries -> None."""
    (names, pattern), folded = _country_names(), _fold(text)
    core = " ".join(w for w in folded.split() if w not in _COUNTRY_FILLER)
    if not folded or len(folded) > 80 or core in names:
        return names.get(core)
    codes, words = {names[found] for found in pattern.findall(folded)}, folded.split()
    if not codes:
        grams = {core} | {" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words))}
        codes = {names[hit[0]] for gram in grams if len(gram) >= 5
                 if (hit := process.extractOne(gram, list(names), scorer=fuzz.ratio, score_cutoff=85))}
    return codes.pop() if len(codes) == 1 else None


_NO_QUIET_HOURS = frozenset((
    "no|none|nope|no thanks|no thank you|not needed|no need|any time|anytime|any time is fine|whenever|"
    "no quiet hours|ninguna|ninguno|no gracias|nada|a cualquier hora|cualquier hora|cuando sea").split("|"))
_MERIDIEM = {w: kind for kind, words in {
    "am": "am|a m|in the morning|morning|de la manana|en la manana|de la madrugada",
    "pm": "pm|p m|in the evening|evening|in the afternoon|de la tarde",
    "night": "at night|de la noche|en la noche|por la noche", "24h": "h|hrs",
}.items() for w in words.split("|")}
_TIME = r"(?:(?:las|la|the)\s+)?(\d{1,2})(?::(\d{2}))?\s*(%s)?\b" % "|".join(
    re.escape(w) for w in sorted(_MERIDIEM, key=len, reverse=True))
_RANGE = re.compile(r"%s\s*(?:-|to|until|till|thru|through|and|a|hasta|y)\s*%s" % (_TIME, _TIME))


def _hour(hour: int, kind: str | None) -> int | None:
    """24-hour clock hour for a written hour and its am/pm/night marker, or None when impossible."""
    if kind in (None, "24h"):
        return hour if hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    if kind == "night":  # "10 de la noche" = 22, "12 at night" = 0, "2 de la noche" = 2
        return 0 if hour == 12 else hour + 12 if hour >= 6 else hour
    return hour % 12 + (12 if kind == "pm" else 0)


def parse_quiet_hours(text: str) -> tuple[str, str] | str | None:
    """("22:00", "07:00") for "10pm-7am", "22-7", "de 10 de la noche a 7 de la mañana"; "none" for
    no/ninguna/any time. An unmarked start ("10 to 7", "de 10 a 7") is evening unless the end says pm."""
    folded = " ".join(_POLITE.sub(" ", _fold(text)).split())  # "no, thank you", "no, any time is fine"
    if {folded, folded.removeprefix("no "), _fold(text)} & _NO_QUIET_HOURS:
        return "none"
    prepared = _fold((text or "").replace("–", "-").replace("—", "-"), keep=".:-")
    prepared = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", prepared).replace(".", " ")  # "p.m." -> "pm"
    for words, clock in (("noon|mediodia", "12 pm"), ("midnight|medianoche", "12 am")):
        prepared = re.sub(rf"\b(?:{words})\b", clock, prepared)
    matches = list(_RANGE.finditer(prepared))
    if len(matches) != 1 or len(prepared) > 120:
        return None
    h1, m1, mark1, h2, m2, mark2 = matches[0].groups()
    kind1, kind2 = _MERIDIEM.get(mark1), _MERIDIEM.get(mark2)
    start, end = _hour(int(h1), kind1), _hour(int(h2), kind2)
    if kind1 is None and start is not None and start <= 12 and not h1.startswith("0") and kind2 != "pm":
        start = _hour(start, "night")
    m1, m2 = int(m1 or 0), int(m2 or 0)
    if start is None or end is None or max(m1, m2) > 59 or (start, m1) == (end, m2):
        return None
    return f"{start:02d}:{m1:02d}", f"{end:02d}:{m2:02d}"


# USPS code|name|districts (N, S, E, W, C, M; "-" = a single one)|other spellings (court citations, Spanish)
_STATE_ROWS = """AL|Alabama|NMS|ala; AK|Alaska|-|; AZ|Arizona|-|ariz; AR|Arkansas|EW|ark;
    CA|California|NECS|cal,calif; CO|Colorado|-|colo; CT|Connecticut|-|conn; DE|Delaware|-|del;
    DC|District of Columbia|-|washington dc,distrito de columbia; FL|Florida|NMS|fla; GA|Georgia|NMS|;
    HI|Hawaii|-|haw,hawai; ID|Idaho|-|; IL|Illinois|NCS|ill; IN|Indiana|NS|ind; IA|Iowa|NS|;
    KS|Kansas|-|kan; KY|Kentucky|EW|; LA|Louisiana|EMW|luisiana; ME|Maine|-|; MD|Maryland|-|;
    MA|Massachusetts|-|mass; MI|Michigan|EW|mich; MN|Minnesota|-|minn; MS|Mississippi|NS|miss,misisipi;
    MO|Missouri|EW|misuri; MT|Montana|-|mont; NE|Nebraska|-|neb; NV|Nevada|-|nev;
    NH|New Hampshire|-|nuevo hampshire; NJ|New Jersey|-|nueva jersey; NM|New Mexico|-|nuevo mexico;
    NY|New York|NSEW|nueva york; NC|North Carolina|EMW|carolina del norte;
    ND|North Dakota|-|dakota del norte; OH|Ohio|NS|; OK|Oklahoma|NEW|okla; OR|Oregon|-|;
    PA|Pennsylvania|EMW|penn,pensilvania; RI|Rhode Island|-|; SC|South Carolina|-|carolina del sur;
    SD|South Dakota|-|dakota del sur; TN|Tennessee|EMW|tenn; TX|Texas|NSEW|tex,tejas; UT|Utah|-|;
    VT|Vermont|-|; VA|Virginia|EW|; WA|Washington|EW|wash; WV|West Virginia|NS|wva,virginia occidental;
    WI|Wisconsin|EW|wis,wisc; WY|Wyoming|-|wyo; PR|Puerto Rico|-|; GU|Guam|-|;
    VI|the Virgin Islands|-|virgin islands,islas virgenes;
    MP|the Northern Mariana Islands|-|northern mariana islands,islas marianas del norte"""
_STATES = {code: (name, letters.strip("-"), [_fold(name), code.lower(), *filter(None, spellings.split(","))])
           for code, name, letters, spellings in (row.strip().split("|") for row in _STATE_ROWS.split(";"))}
_DIRECTIONS = {"N": "Northern north norte", "S": "Southern south sur", "E": "Eastern east este oriental",
               "W": "Western west oeste occidental", "C": "Central centro", "M": "Middle medio"}
_DIRECTION_OF = {w.lower(): letter for letter, words in _DIRECTIONS.items() for w in words.split()}
# Codes and citations that are also words ("hi", "me", "miss") count only when typed "HI" or "E.D. La.".
_LOOSE = frozenset("in me or de ok hi al la oh id ma co mi ms mo va pa vi ill ind miss wash del".split())
_STATE_COMPACT = {s.replace(" ", ""): code for code, (_, _, spellings) in _STATES.items() for s in spellings}
_STATE_WORDS = {s: code for code, (_, _, spellings) in _STATES.items() for s in spellings if s not in _LOOSE}
_STATE_RE = re.compile(r"\b(?:%s)\b" % "|".join(sorted(map(re.escape, _STATE_WORDS), key=len, reverse=True)))


def _district(code: str, letter: str | None) -> str | None:
    """Official district name, or None when the state has several and `letter` names none of them."""
    name, letters, _ = _STATES[code]
    place = name if code == "DC" else f"District of {name}"
    if not letters:  # one district for the whole state: a direction is geography, not a court
        return place
    swap = {"C": "M", "M": "C"}.get(letter or "", "?")  # "distrito central de Florida" = Middle District
    letter = letter if letter and letter in letters else swap if swap in letters else None
    return f"{_DIRECTIONS[letter].split()[0]} {place}" if letter else None


FEDERAL_DISTRICTS: dict[str, list[str]] = {  # state or territory -> its district courts, 94 in all
    name.removeprefix("the "): [_district(code, letter) for letter in letters or [None]]
    for code, (name, letters, _) in _STATES.items()}


def parse_federal_district(text: str) -> str | None:
    """Official name of a federal judicial district: "SD Tex", "distrito sur de texas" -> "Southern
    District of Texas"; "EDNY" -> "Eastern District of New York"; "arizona" -> "District of Arizona";
    a state with several districts and no direction ("texas") -> None."""
    folded, formal = _fold(text), "." in (text or "") or (text or "").isupper()
    joined = folded.replace(" ", "")
    if not folded or len(folded) > 120:
        return None
    if joined in _STATE_COMPACT and (formal or joined not in _LOOSE):  # "arizona", "texas", "SD", "HI"
        return _district(_STATE_COMPACT[joined], None)
    cite = re.fullmatch(r"([nsewmc]?)d([a-z]+)", joined)  # court citations: "S.D. Tex.", "EDNY", "D. Ariz."
    if cite and cite.group(2) in _STATE_COMPACT and (formal or cite.group(2) not in _LOOSE):
        return _district(_STATE_COMPACT[cite.group(2)], cite.group(1).upper() or None)
    states = {_STATE_WORDS[m] for m in _STATE_RE.findall(folded)}
    letters = {_DIRECTION_OF[w] for w in _STATE_RE.sub(" ", folded).split() if w in _DIRECTION_OF}
    if len(states) != 1 or len(letters) > 1:
        return None
    return _district(states.pop(), letters.pop() if letters else None)


def parse_verification_code(text: str) -> str | None:
    """The six-digit code ("123456", "123 456", "code: 123-456"); any other digit in the text -> None."""
    groups = re.findall(r"(?<![A-Za-z0-9])\d(?:[\s-]*\d)*(?![A-Za-z0-9])", text or "")
    digits = re.sub(r"\D", "", groups[0]) if len(groups) == 1 else ""
    return digits if len(digits) == 6 and len(re.sub(r"\D", "", text)) == 6 else None
