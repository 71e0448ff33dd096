"""Pure parsers for the answers a victim gives while registering for offender notifications.

Each ``parse_*`` function takes the raw message (English or Spanish) and returns a normalised value,
or None when the answer is not usable, so that the caller re-asks with an example. Nothing here does
I/O, touches the network (e-mail deliverability is not checked) or logs the text: it is personal data.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

import phonenumbers
from babel import Locale
from email_validator import EmailNotValidError, validate_email
from rapidfuzz import fuzz, process

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|gov|edu|io|ly|co|me|info|us|mx)\b", re.I)


def _fold(text: str) -> str:
    """Lowercase, accent-free form with apostrophes dropped and other punctuation turned into spaces."""
    text = unicodedata.normalize("NFKD", (text or "").lower())
    text = re.sub(r"[’'`´]", "", "".join(ch for ch in text if not unicodedata.combining(ch)))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _phrases(*groups: str) -> frozenset[str]:
    return frozenset(p.strip() for group in groups for p in group.split("|"))


def looks_like_junk(text: str) -> bool:
    """True for empty text, text without letters or digits (emoji, punctuation), markup, or > 2000 chars."""
    if not text or not text.strip() or len(text) > 2000 or _MARKUP.search(text):
        return True
    return not any(ch.isalnum() for ch in text)


_UNKNOWN = _phrases(
    "not sure|unsure|dont know|do not know|idk|no idea|no clue|dunno|unknown|not known|skip|skip it|pass",
    "skip this|skip this one|cant remember|dont remember|forgot|no se|no sabemos|ni idea|no tengo idea",
    "no estoy seguro|no estoy segura|desconocido|desconocida|saltar|saltar esto|omitir|no recuerdo|no me acuerdo",
)
_HEDGES = frozenset("um uh eh hmm pues sorry honestly really realmente todavia yet actually la verdad lo siento i im am yo muy very".split())


def is_unknown(text: str) -> bool:
    """True when the person says they do not know ("not sure", "idk", "no sé", "ni idea", "skip", ...)."""
    return " ".join(w for w in _fold(text).split() if w not in _HEDGES) in _UNKNOWN


_YES = _phrases(
    "yes|y|yeah|yea|yep|yup|sure|ok|okay|k|correct|thats right|right|confirm|confirmed|sign me up|of course",
    "absolutely|definitely|please do|si|claro|claro que si|correcto|dale|esta bien|de acuerdo|vale|okey",
    "por supuesto|afirmativo|asi es|eso es|exacto|confirmo|andale|sale|inscribeme|registrame",
)
_NO = _phrases(
    "no|n|nope|nah|not now|not yet|no thanks|no thank you|not really|no way|never mind|negative",
    "nada|no gracias|ahora no|todavia no|por ahora no|no por ahora|para nada|nel|mejor no",
)
_POLITE = re.compile(r"\b(?:please|thanks|thank you|por favor|gracias)\b")


def parse_yes_no(text: str) -> bool | None:
    """True/False for a yes/no answer; every clause ("sí, claro", "no, gracias") must agree, else None."""
    votes = set()
    for clause in re.split(r"[,.;:!?¡¿\n]+", text or ""):
        phrase = _fold(clause)
        if phrase not in _YES and phrase not in _NO:
            phrase = " ".join(_POLITE.sub(" ", phrase).split())
            if not phrase:
                continue
        if phrase not in _YES and phrase not in _NO:
            return None
        votes.add(phrase in _YES)
    return votes.pop() if len(votes) == 1 else None


_CHANNEL_WORDS = {
    "sms": "sms|text|texts|texting|text me|txt|text message|text messages|mensaje de texto|mensajes de texto|texto|"
    "textos|celular|cell|cell phone|cellphone|mobile|phone|telefono|message|messages|mensaje|mensajes",
    "email": "email|e mail|emails|mail|correo|correo electronico|correos|gmail",
    "telegram": "telegram|telegrama",
    "web": "web|this chat|here|aqui|este chat|chat|website|web site|pagina|pagina web|sitio web|online|en linea",
}
_CHANNELS = {p: ch for ch, words in _CHANNEL_WORDS.items() for p in words.split("|")}
_WEAK = frozenset("here aqui chat phone telefono message messages mensaje mensajes online".split())
_CHANNEL_RE = re.compile(r"\b(?:%s)\b" % "|".join(sorted(_CHANNELS, key=len, reverse=True)))
_NEGATIONS = frozenset("not never nunca sin dont".split())


def parse_channel(text: str) -> str | None:
    """'sms', 'email', 'telegram' or 'web'; a named channel beats vague words ("here", "phone"); typos ok."""
    folded = _fold(text)
    strong, weak = set(), set()
    for match in _CHANNEL_RE.finditer(folded):
        if _NEGATIONS.intersection(folded[: match.start()].split()[-2:]):
            continue  # "not by email"
        (weak if match.group() in _WEAK else strong).add(_CHANNELS[match.group()])
    for found in (strong, weak):
        if found:
            return found.pop() if len(found) == 1 else None
    choices = [p for p in _CHANNELS if len(p) >= 4 and " " not in p and p not in _WEAK]
    fuzzy = {_CHANNELS[hit[0]] for word in folded.split() if len(word) >= 4
             if (hit := process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=80))}
    return fuzzy.pop() if len(fuzzy) == 1 else None


def parse_phone(text: str, default_region: str = "US") -> str | None:
    """E.164 form of the one valid phone number in the text ("(202) 555-0143", "+52 55 1234 5678")."""
    if not text or len(text) > 200:
        return None
    numbers = [m.number for m in phonenumbers.PhoneNumberMatcher(text, default_region)]
    if not numbers and not re.search(r"[^\W\d_]", text):  # digits only, oddly spaced: try them whole
        try:
            numbers = [phonenumbers.parse(re.sub(r"[^\d+]", "", text), default_region)]
        except phonenumbers.NumberParseException:
            return None
    found = {phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
             for n in numbers if phonenumbers.is_valid_number(n)}
    return found.pop() if len(found) == 1 else None


_EMAIL_CANDIDATE = re.compile(r"[^\s<>()\[\]{},;:\"'“”‘’]+@[^\s<>()\[\]{},;:\"'“”‘’]+")


def parse_email(text: str) -> str | None:
    """Normalised address of the one e-mail in the text ("it's maria@example.com"); syntax only."""
    if not text or len(text) > 400:
        return None
    candidates = {c.strip(".!?¡¿") for c in _EMAIL_CANDIDATE.findall(text)}
    if len(candidates) != 1:
        return None
    try:
        return validate_email(candidates.pop(), check_deliverability=False).normalized
    except EmailNotValidError:
        return None


_OFFENDER_LABELS = frozenset("""his her their its it is he she name named called number num no nr id inmate booking case
    docket register registration reg tdcj bop cdcr doc ice usms jail prison prisoner offender sid spn anumber alien
    and se llama llamado llamada nombre su es numero reo preso presa registro caso expediente mi my unknown desconocido
    ex husband wife boyfriend girlfriend partner esposo esposa novio novia pareja""".split())
_PARTICLES = frozenset("de del la las los el y e and of the da di do dos van von le du".split())


def _title(name: str) -> str:
    words = name.title().split()
    return " ".join(w.lower() if i and w.lower() in _PARTICLES else w for i, w in enumerate(words))


def parse_offender_ref(text: str) -> dict | None:
    """{"name", "number"} from "John Smith", "A123456", "TDCJ 01234567", "Juan Pérez, booking #2023-004512".

    A token with at least three digits is the number (only one allowed); the other words, minus
    filler like "his name is"/"se llama", are the name. Markup, URLs, symbols or > 120 chars -> None.
    """
    if not text or len(text) > 120 or looks_like_junk(text) or _URL.search(text) or is_unknown(text):
        return None
    numbers, words = set(), []
    for raw in text.replace("#", " ").split():
        token = raw.strip(".,;:!?\"“”()[]{}")
        if sum(ch.isdigit() for ch in token) >= 3 and re.fullmatch(r"[A-Za-z0-9-]+", token):
            numbers.add(token.strip("-").upper())
        elif any(ch.isdigit() for ch in token) or not any(ch.isalpha() for ch in token):
            continue  # "2nd", "-", emoji
        elif not re.fullmatch(r"(?:[^\W\d_]|['’.-])+", token):
            return None  # "@", "$", "<b>" and similar do not belong in a name
        elif _fold(token) not in _OFFENDER_LABELS:
            words.append(token)
    while words and _fold(words[0]) in _PARTICLES:
        words.pop(0)
    while words and _fold(words[-1]) in _PARTICLES:
        words.pop()
    name = " ".join(words) or None
    if len(numbers) > 1 or (name and len(name) > 80):
        return None
    if name and sum(ch.isalpha() for ch in name) < 2:
        name = None
    if name and (name.islower() or name.isupper()):
        name = _title(name)
    number = numbers.pop() if numbers else None
    return {"name": name, "number": number} if name or number else None


_MONTHS = {name: i for i, names in enumerate((
    "january enero", "february febrero", "march marzo", "april abril", "may mayo", "june junio", "july julio",
    "august agosto", "september septiembre setiembre", "october octubre", "november noviembre",
    "december diciembre"), start=1) for name in names.split()}


def _month(word: str) -> int | None:
    hits = {n for name, n in _MONTHS.items() if len(word) >= 3 and name.startswith(word)}
    return hits.pop() if len(hits) == 1 else None


def _birth_date(year: int, month: int, day: int, today: date) -> date | None:
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return born if born <= today and 10 <= age <= 110 else None


def parse_dob(text: str, today: date | None = None) -> date | None:
    """Date of birth: 03/14/1985, 3-14-85 (month first, US style), 14/03/1985 (day > 12), 1985-03-14,
    "March 14 1985", "14 de marzo de 1985". Must not be in the future; age must be 10-110."""
    today = today or date.today()
    if not text or len(text) > 100:
        return None
    iso = re.findall(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", text)
    numeric = re.findall(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b", text)
    if len(iso) + len(numeric) > 1:
        return None
    if iso:
        year, month, day = map(int, iso[0])
        return _birth_date(year, month, day, today)
    if numeric:
        first, second, year_text = numeric[0]
        month, day = (int(second), int(first)) if int(first) > 12 >= int(second) else (int(first), int(second))
    else:
        folded = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th|ro|o)\b", r"\1", _fold(text))
        months = {m for w in folded.split() if w.isalpha() and (m := _month(w))}
        digits = [w for w in folded.split() if w.isdigit()]
        if len(months) != 1 or len(digits) != 2:
            return None
        month = months.pop()
        day_text, year_text = digits if len(digits[0]) <= 2 and len(digits[1]) in (2, 4) else digits[::-1]
        if len(day_text) > 2 or len(year_text) not in (2, 4):
            return None
        day = int(day_text)
    if len(year_text) == 4:
        return _birth_date(int(year_text), month, day, today)
    century_guesses = (_birth_date(c + int(year_text), month, day, today) for c in (2000, 1900))
    return next((d for d in century_guesses if d), None)


_NOT_COUNTRIES = frozenset("EU EZ UN ZZ QO XA XB".split())
_COUNTRY_ALIASES = {
    "US": "usa|us|u s|u s a|united states of america|america|estados unidos de america|eeuu|ee uu|eua|new mexico|"
    "nuevo mexico|american|americano|americana|estadounidense",
    "GB": "uk|england|great britain|inglaterra|gran bretana", "KR": "korea|corea", "MM": "burma|birmania|myanmar",
    "CI": "ivory coast|costa de marfil", "TR": "turkey", "CZ": "czech republic|republica checa",
    "NL": "holland|holanda", "PS": "palestine|palestina", "HK": "hong kong", "MX": "mexican|mexicano|mexicana",
    "SV": "salvador|salvadoran|salvadorean|salvadoreno|salvadorena",
    "GT": "guatemalan|guatemalteco|guatemalteca", "HN": "honduran|hondureno|hondurena", "CU": "cuban|cubano|cubana",
    "DO": "dominican|dominicano|dominicana", "CO": "colombian|colombiano|colombiana", "NI": "nicaraguan|nicaraguense",
    "VE": "venezuelan|venezolano|venezolana", "PE": "peruvian|peruano|peruana", "HT": "haitian|haitiano|haitiana",
    "EC": "ecuadorian|ecuatoriano|ecuatoriana", "BR": "brazilian|brasileno|brasilena", "CA": "canadian|canadiense",
}
_COUNTRY_FILLER = frozenset("i im am a an the from in of de del el la soy naci born country pais citizen of my mi is es".split())


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded country name (Babel, English and Spanish), alias or demonym -> ISO 3166 alpha-2 code."""
    names = {}
    for language in ("en", "es"):
        for code, name in Locale(language).territories.items():
            if re.fullmatch(r"[A-Z]{2}", code) and code not in _NOT_COUNTRIES:
                names.setdefault(_fold(name), code)
    for code, aliases in _COUNTRY_ALIASES.items():
        names.update((alias, code) for alias in aliases.split("|"))
    return names


def parse_country(text: str) -> str | None:
    """ISO alpha-2 code from a country name or demonym in English or Spanish ("méxico", "salvadoreña", "usa")."""
    folded, names = _fold(text), _country_names()
    if not folded or len(folded) > 80:
        return None
    core = " ".join(w for w in folded.split() if w not in _COUNTRY_FILLER)
    if core in names:
        return names[core]
    words, codes, i = folded.split(), set(), 0
    while i < len(words):  # longest known name at each position ("corea del sur" before "corea")
        for n in range(min(5, len(words) - i), 0, -1):
            gram = " ".join(words[i:i + n])
            if len(gram) >= 3 and gram in names:
                codes.add(names[gram])
                i += n
                break
        else:
            i += 1
    if not codes:  # typos: "guatamala", "hondurass"
        grams = {core} | {" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words))}
        codes = {names[hit[0]] for gram in grams if len(gram) >= 5
                 if (hit := process.extractOne(gram, list(names), scorer=fuzz.ratio, score_cutoff=85))}
    return codes.pop() if len(codes) == 1 else None


_NO_QUIET_HOURS = _phrases(
    "no|none|nope|no thanks|no thank you|not needed|no need|any time|anytime|any time is fine|whenever",
    "no quiet hours|ninguna|ninguno|no gracias|nada|a cualquier hora|cualquier hora|cuando sea|no hace falta",
)
_MERIDIEM = {"am": "am", "a m": "am", "in the morning": "am", "morning": "am", "de la manana": "am",
             "en la manana": "am", "de la madrugada": "am", "pm": "pm", "p m": "pm", "in the evening": "pm",
             "evening": "pm", "in the afternoon": "pm", "de la tarde": "pm", "at night": "night",
             "de la noche": "night", "en la noche": "night", "por la noche": "night", "h": "24", "hrs": "24"}
_TIME = r"(?:(?:las|la|the)\s+)?(\d{1,2})(?::(\d{2}))?\s*(%s)?\b" % "|".join(
    re.escape(k) for k in sorted(_MERIDIEM, key=len, reverse=True))
_RANGE = re.compile(r"%s\s*(?:-|to|until|till|thru|through|and|a|hasta|y)\s*%s" % (_TIME, _TIME))


def _hour(hour: int, meridiem: str | None) -> int | None:
    if meridiem in ("am", "pm", "night") and not 1 <= hour <= 12:
        return None
    if meridiem == "am":
        return hour % 12
    if meridiem == "pm":
        return hour % 12 + 12
    if meridiem == "night":  # "10 de la noche" = 22:00, "12 at night" = 00:00, "2 de la noche" = 02:00
        return 0 if hour == 12 else hour + 12 if hour >= 6 else hour
    return hour if hour <= 23 else None


def parse_quiet_hours(text: str) -> tuple[str, str] | str | None:
    """("22:00", "07:00") for "10pm-7am", "22-7", "de 10 de la noche a 7 de la mañana"; "none" for no/ninguna.

    An unmarked start from 6 to 11 ("10 to 7", "de 10 a 7") is read as evening unless the end says pm.
    """
    folded = _fold(text)
    if folded in _NO_QUIET_HOURS or " ".join(_POLITE.sub(" ", folded).split() or ["?"]) in _NO_QUIET_HOURS:
        return "none"
    prepared = unicodedata.normalize("NFKD", (text or "").lower())
    prepared = "".join(ch for ch in prepared if not unicodedata.combining(ch))
    prepared = re.sub(r"\ba\.\s?m\b\.?", "am", re.sub(r"\bp\.\s?m\b\.?", "pm", prepared))
    prepared = re.sub(r"\b(?:noon|mediodia)\b", "12 pm", re.sub(r"\b(?:midnight|medianoche)\b", "12 am", prepared))
    prepared = " ".join(re.sub(r"[^a-z0-9:\s-]+", " ", re.sub(r"[–—]", "-", prepared)).split())
    matches = list(_RANGE.finditer(prepared))
    if len(matches) != 1 or len(prepared) > 120:
        return None
    h1, m1, mer1, h2, m2, mer2 = matches[0].groups()
    kind1, kind2 = _MERIDIEM.get(mer1 or ""), _MERIDIEM.get(mer2 or "")
    start, end = _hour(int(h1), kind1), _hour(int(h2), kind2)
    if kind1 is None and not h1.startswith("0") and start is not None and start <= 12 and kind2 != "pm":
        start = 0 if start == 12 else start + 12 if start >= 6 else start  # "10 to 7" means 10 at night
    minutes = (int(m1 or 0), int(m2 or 0))
    if start is None or end is None or max(minutes) > 59 or (start, minutes[0]) == (end, minutes[1]):
        return None
    return f"{start:02d}:{minutes[0]:02d}", f"{end:02d}:{minutes[1]:02d}"


_DISTRICT_TABLE = {  # USPS code: (name, court abbreviations, districts as N/M/S/E/W/C letters; "" = one district)
    "AL": ("Alabama", "ala", "NMS"), "AK": ("Alaska", "", ""), "AZ": ("Arizona", "ariz", ""),
    "AR": ("Arkansas", "ark", "EW"), "CA": ("California", "cal calif", "NECS"), "CO": ("Colorado", "colo", ""),
    "CT": ("Connecticut", "conn", ""), "DE": ("Delaware", "del", ""), "DC": ("District of Columbia", "", ""),
    "FL": ("Florida", "fla", "NMS"), "GA": ("Georgia", "ga", "NMS"), "HI": ("Hawaii", "haw", ""),
    "ID": ("Idaho", "", ""), "IL": ("Illinois", "ill", "NCS"), "IN": ("Indiana", "ind", "NS"),
    "IA": ("Iowa", "", "NS"), "KS": ("Kansas", "kan", ""), "KY": ("Kentucky", "ky", "EW"),
    "LA": ("Louisiana", "la", "EMW"), "ME": ("Maine", "me", ""), "MD": ("Maryland", "md", ""),
    "MA": ("Massachusetts", "mass", ""), "MI": ("Michigan", "mich", "EW"), "MN": ("Minnesota", "minn", ""),
    "MS": ("Mississippi", "miss", "NS"), "MO": ("Missouri", "mo", "EW"), "MT": ("Montana", "mont", ""),
    "NE": ("Nebraska", "neb", ""), "NV": ("Nevada", "nev", ""), "NH": ("New Hampshire", "", ""),
    "NJ": ("New Jersey", "", ""), "NM": ("New Mexico", "", ""), "NY": ("New York", "", "NSEW"),
    "NC": ("North Carolina", "", "EMW"), "ND": ("North Dakota", "", ""), "OH": ("Ohio", "", "NS"),
    "OK": ("Oklahoma", "okla", "NEW"), "OR": ("Oregon", "or", ""), "PA": ("Pennsylvania", "pa penn", "EMW"),
    "RI": ("Rhode Island", "", ""), "SC": ("South Carolina", "", ""), "SD": ("South Dakota", "", ""),
    "TN": ("Tennessee", "tenn", "EMW"), "TX": ("Texas", "tex", "NSEW"), "UT": ("Utah", "", ""),
    "VT": ("Vermont", "vt", ""), "VA": ("Virginia", "va", "EW"), "WA": ("Washington", "wash", "EW"),
    "WV": ("West Virginia", "wva", "NS"), "WI": ("Wisconsin", "wis wisc", "EW"), "WY": ("Wyoming", "wyo", ""),
    "PR": ("Puerto Rico", "", ""), "GU": ("Guam", "", ""), "VI": ("the Virgin Islands", "", ""),
    "MP": ("the Northern Mariana Islands", "", ""),
}
_STATES_ES = {"tejas": "TX", "nueva york": "NY", "nuevo mexico": "NM", "nueva jersey": "NJ", "nuevo hampshire": "NH",
              "carolina del norte": "NC", "carolina del sur": "SC", "dakota del norte": "ND", "dakota del sur": "SD",
              "pensilvania": "PA", "luisiana": "LA", "misisipi": "MS", "misuri": "MO", "virginia occidental": "WV",
              "hawai": "HI", "islas virgenes": "VI", "virgin islands": "VI", "islas marianas del norte": "MP",
              "northern mariana islands": "MP", "distrito de columbia": "DC", "washington dc": "DC"}
_DIRECTION_WORDS = {"N": "northern north norte", "S": "southern south sur", "E": "eastern east este oriental oriente",
                    "W": "western west oeste occidental poniente", "C": "central centro", "M": "middle mid medio"}
_DIRECTIONS = {w: letter for letter, words in _DIRECTION_WORDS.items() for w in words.split()}
_DIRECTION_NAMES = {"N": "Northern", "S": "Southern", "E": "Eastern", "W": "Western", "C": "Central", "M": "Middle"}
_AMBIGUOUS_STATE_WORDS = frozenset("in me or de ok hi al la oh id ma co mi ms mo ne va pa ga ill ind miss wash del vi".split())


def _district(code: str, letter: str | None) -> str | None:
    name, _, letters = _DISTRICT_TABLE[code]
    place = name if code == "DC" else f"District of {name}"
    if not letters:  # one district for the whole state: a direction is geography, not a court
        return place
    if letter and letter not in letters:
        letter = {"C": "M", "M": "C"}.get(letter) if {"C": "M", "M": "C"}.get(letter, "") in letters else None
    return f"{_DIRECTION_NAMES[letter]} {place}" if letter else None


FEDERAL_DISTRICTS: dict[str, list[str]] = {
    name.removeprefix("the "): [_district(code, letter) for letter in letters or [None]]
    for code, (name, _, letters) in _DISTRICT_TABLE.items()
}


@lru_cache(maxsize=1)
def _state_keys() -> tuple[dict[str, str], dict[str, str]]:
    """(names usable inside a sentence, every spelling incl. "tex"/"ny" for compact forms like "sdtex") -> code."""
    words = {_fold(name): code for code, (name, _, _) in _DISTRICT_TABLE.items()} | _STATES_ES
    words["the virgin islands"] = "VI"
    compact = {key.replace(" ", ""): code for key, code in words.items()}
    for code, (_, abbreviations, _) in _DISTRICT_TABLE.items():
        for key in [code.lower(), *abbreviations.split()]:
            compact[key] = code
            if key not in _AMBIGUOUS_STATE_WORDS:
                words.setdefault(key, code)
    return words, compact


def parse_federal_district(text: str) -> str | None:
    """Official district name: "SD Tex"/"distrito sur de texas" -> "Southern District of Texas", "EDNY" ->
    "Eastern District of New York", "arizona" -> "District of Arizona". A state with several districts
    and no direction ("texas") -> None."""
    folded = _fold(text)
    if not folded or len(folded) > 120:
        return None
    words, compact = _state_keys()
    joined = folded.replace(" ", "")
    if joined in compact:
        return _district(compact[joined], None)
    short = re.fullmatch(r"([nsewmc]?)d(?:of)?([a-z]+)", joined)
    if short and short.group(2) in compact:  # court citation style: "S.D. Tex.", "EDNY", "D. Ariz.", "DDC"
        return _district(compact[short.group(2)], short.group(1).upper() or None)
    pattern = r"\b(?:%s)\b" % "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    states = {words[m] for m in re.findall(pattern, folded)}
    rest = re.sub(pattern, " ", folded).split()
    letters = {_DIRECTIONS[w] for w in rest if w in _DIRECTIONS}
    if len(states) != 1 or len(letters) > 1:
        return None
    return _district(states.pop(), letters.pop() if letters else None)


def parse_verification_code(text: str) -> str | None:
    """The six-digit code ("123456", "123 456", "code: 123-456"); any other digit in the text -> None."""
    groups = re.findall(r"(?<![A-Za-z0-9])\d(?:[\s-]*\d)*(?![A-Za-z0-9])", text or "")
    digits = re.sub(r"\D", "", groups[0]) if len(groups) == 1 else ""
    return digits if len(digits) == 6 and len(re.sub(r"\D", "", text)) == 6 else None
