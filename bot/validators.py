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
_POLITE = re.compile(r"\b(?:please|thanks|thank you|thanks so much|thank you so much|por favor|gracias|"
                     r"muchas gracias|mil gracias)\b")
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
    "no recuerdo|no me acuerdo|nose|nose bien|ns").split("|"))
_HEDGES = frozenset("um uh eh hmm pues sorry honestly really realmente todavia yet actually la verdad lo "
                    "siento i im am yo muy very".split())


def is_unknown(text: str) -> bool:
    """True when the person does not know ("not sure", "idk", "no sé", "ni idea", "skip", "saltar")."""
    return " ".join(w for w in _fold(text).split() if w not in _HEDGES) in _UNKNOWN


# Said of oneself or of someone else ("she doesn't know", "ella dice que no sabe", "no saben").
_SAYS_UNKNOWN = re.compile(
    r"\b(?:(?:i\s+)?(?:dont|do not|doesnt|does not|didnt|did not)\s+(?:really\s+)?(?:know|remember)|not sure|"
    r"no idea|idk|dunno|no clue|cant remember|"
    r"(?:yo\s+)?no\s+(?:lo\s+|la\s+)?(?:se|sabe|saben|sabemos|recuerdo|recuerda|recuerdan|me acuerdo|"
    r"se acuerda)|ni idea|no (?:tengo|tiene|tienen|tenemos) (?:ni )?idea|no estoy segur[oa]|desconozco|"
    r"unknown|desconocid[oa]|nose|no c)\b")  # "no c el dia": texted "no sé"

# An age instead of a date ("tiene como 25", "maybe 50 years", "he's 40ish", "unos 35 años"): the date is not
# known, and the age is not kept.
_AN_AGE = re.compile(
    r"\b\d{2}\s*(?:ish|years?|yrs?|yo|anos|ano)\b|\b(?:about|around|maybe|like|roughly|approximately|prob|probably|"
    r"como|unos|tendra|tiene|he s|hes|he is|she s|shes|edad de|age)\s+(?:like\s+|como\s+|unos\s+)?\d{2}\b")


def gives_an_age(text: str) -> bool:
    """The answer gives an age, not a date of birth."""
    return bool(_AN_AGE.search(_fold(text)))


def says_unknown(text: str) -> bool:
    """True when the person says they don't know, also with more words ("I don't know his exact birthday,
    he's 33", "no sé la fecha, tendrá unos 35 años"). For a field whose own answer was not found in it."""
    return is_unknown(text) or bool(_SAYS_UNKNOWN.search(_fold(text)))


# A read-back confirmed in other words: what is said of it ("looks right", "everything good", "todo está
# correcto") in any of these combinations.
_YES_SUBJECTS_EN = ("", "its", "it is", "thats", "that is", "this is", "that looks", "that sounds",
                    "it looks",
                    "everything", "everything is", "everything looks", "everything sounds", "all", "all is",
                    "all looks", "it all looks", "looks", "sounds", "looks all", "yes all", "yes everything")
_YES_STATES_EN = ("good", "correct", "right", "fine", "great", "perfect", "ok", "okay", "accurate", "alright")
_YES_SUBJECTS_ES = ("", "esta", "todo", "todo esta", "esta todo", "todo se ve", "se ve", "eso esta",
                    "si esta",
                    "todo muy", "si todo", "si todo esta", "todo bien", "todo va", "va todo")
_YES_STATES_ES = ("bien", "correcto", "correcta", "perfecto", "en orden", "muy bien")
_YES_SAID_OF_IT = "|".join(" ".join(filter(None, (subject, state)))
                           for subjects, states in ((_YES_SUBJECTS_EN, _YES_STATES_EN),
                                                    (_YES_SUBJECTS_ES, _YES_STATES_ES))
                           for subject in subjects for state in states)
_ANSWERS = {phrase: answer for answer, phrases in (
    (True, "yes|y|yeah|yea|yep|yup|sure|ok|okay|k|correct|thats right|right|confirm|confirmed|sign me up|"
           "of course|absolutely|definitely|please do|si|claro|claro que si|correcto|dale|esta bien|vale|"
           "de acuerdo|okey|por supuesto|afirmativo|asi es|eso es|exacto|confirmo|andale|inscribeme|conforme|"
           # issue 9: a read-back confirmed in everyday words
           "confirmado|todo correcto|todo bien|ta bien|perfecto|perfect|looks good|sounds good|all good|"
           "thats correct|that is correct|that is right|yes correct|"
           # spoken and texted yeses ("ye", "yah", "simón", "ajá", "sale", "va", "oki", "así mero")
           "ye|yeh|yah|yas|yee|yess|yesh|yeap|yeas|uh huh|mhm|mmhm|kk|okk|oki|okie|okis|oka|alright|"
           "all right|"
           "aight|sure thing|you bet|yes sir|yes maam|simon|sip|sipi|aja|sale|sale pues|va|va pues|orale|"
           "bueno|listo|asi mero|eso mero|eso si|si senor|si senora|si pues|pues si|eso mismo|exactamente|"
           "exactly|bet|say less|yessir|yes lord|si mija|si mijo|"
           # "that's it", "go ahead", "do it": the details are the ones, go on
           "thats it|that is it|yes thats it|thats the one|thats them|go ahead|go for it|do it|lets do it|"
           "lets do this|lets go|proceed|please proceed|adelante|hagalo|hazlo|hagale|dele|"
           # radio and service yeses ("affirmative", "roger", "10-4", "copy that"), "by all means", "esta bn"
           "affirmative|roger|roger that|copy|copy that|10 4|ten four|by all means|yes please|esta bn|ta bn|"
           "yes maam|yes mam|si senorita|orale pues|andale pues|dale pues|claro que si|"
           # a yes said with a hedge: "i guess so", "creo que sí", "supongo que sí"
           "i guess|i guess so|guess so|i think so|think so|i suppose|i suppose so|i believe so|"
           "supongo|supongo que si|creo que si|eso creo|pienso que si|yo creo que si|" + _YES_SAID_OF_IT),
    (False, "no|n|nope|nah|not now|not yet|no thanks|no thank you|not really|no way|never mind|negative|"
            "nada|no gracias|ahora no|todavia no|por ahora no|no por ahora|para nada|nel|mejor no|"
            "i guess not|i think not|guess not|creo que no|supongo que no|pues no|nel pastel|naw|nop"),
) for phrase in phrases.split("|")}
# Words that are a yes in one language only: "ya" is English for yes but Spanish for "already".
_ANSWERS_IN = {"en": {"ya": True, "yaa": True}, "es": {}}
# Letters held for emphasis: "yesss", "siii", "nooo", "okkk", "yeahhh".
_HELD = ((re.compile(r"^y+e+s+$"), "yes"), (re.compile(r"^s+i+$"), "si"), (re.compile(r"^n+o+$"), "no"),
         (re.compile(r"^o+k+$"), "ok"), (re.compile(r"^y+e+a+h+$"), "yeah"), (re.compile(r"^y+u+p+$"), "yup"),
         (re.compile(r"^y+e+p+$"), "yep"))


def _unheld(word: str) -> str:
    return next((plain for held, plain in _HELD if held.match(word)), word)


def parse_yes_no(text: str, lang: str | None = None) -> bool | None:
    """True/False for a yes/no answer. The whole text must be yes/no phrases and politeness ("sí, claro",
    "no no, gracias"), all agreeing; anything else ("no sé", "yes but cancel") -> None. `lang` adds the
    words that are a yes in that language only ("ya" in English)."""
    answers = {**_ANSWERS, **_ANSWERS_IN.get(lang or "", {})}
    words, votes, i = [_unheld(w) for w in _fold(text).split()], set(), 0
    while i < len(words):  # the longest known phrase at each place: "no thank you" before "no"
        phrase = next((p for j in range(min(len(words), i + 4), i, -1)
                       if (p := " ".join(words[i:j])) in answers or _POLITE.fullmatch(p)), None)
        if phrase is None:
            return None
        if phrase in answers:  # politeness ("gracias", "please") casts no vote
            votes.add(answers[phrase])
        i += len(phrase.split())
    return votes.pop() if len(votes) == 1 else None



# --- Yes or no said first, with more words after it (issue 9) ----------------------------------------
# At the sign-up offer and the read-back, "Sí por favor, quiero que me avisen" or "yes i need to know next
# time" answer the question although parse_yes_no (the whole message) does not read them.
# An opening word before the yes or no: "Bueno, sí, pero…", "well yes", "ok no".
_OPENER = re.compile(r"^(?:(?:oh|ah|ay)\s+(?!no\b)|(?:well|bueno|pues|este|mm+|hm+|um+|entonces|ok|okay)\s+(?=\S))")
_YES_FIRST = re.compile(
    r"^(?:yes+|yeah|yea|yep|yup|sure|ok|okay|okey|of course|absolutely|definitely|please do|please|si+|sip|"
    r"claro|dale|vale|de acuerdo|por supuesto|andale|orale|correcto|exacto|perfecto|perfect|confirmado|"
    r"confirmo|asi es|eso es|esta bien|ta bien|todo bien|todo correcto|looks good|sounds good|all good|thats right|"
    r"thats correct|that is right|that is correct|correct|right(?! now)|eso mismo|"
    # issue 9, the benchmark's yeses: said first, with more words after them
    r"ye|yeh|yah|yas|yess+|alright|all right|aja|oki|okis|asi mero|thats it|that is it|go ahead|"
    r"do it|i guess so|i think so|creo que si|supongo que si|esta correcto|todo esta bien|todo esta correcto|"
    r"affirmative|afirmativo|roger|copy that|10 4|ten four|by all means|esta bn|ta bn|"
    r"(?:everything|it all|all)\s+(?:is\s+|looks\s+|sounds\s+)?(?:good|correct|right|fine|ok|okay)|"
    r"(?:looks|sounds)\s+(?:right|correct|fine|great|ok|okay))\b")
_NO_FIRST = re.compile(r"^(?:no+|nah|nope|not now|not yet|not right now|not today|nel|ahorita no|ahora no|"
                       r"todavia no|por ahora no|mejor no)\b")
# "no sé", "no entiendo", "no problem" start with "no" without saying no.
_NOT_A_NO = re.compile(r"^no (?:se|sabe|sabemos|lo se|entiendo|entendi|comprendo|problem|problemo|worries|"
                       r"i mean|quiero decir|way i)\b")
# "yes but not now", "sí pero ahorita no": a yes taken back.
# ("Sí, por favor, aunque no sé manejar mucho la computadora" is a yes: a "no" after "aunque" is not one.)
_TAKEN_BACK = re.compile(
    r"\b(?:but|pero|aunque|though)\b.*\b(?:not now|not yet|not today|not right now|later|luego|despues|wait|"
    r"espere|espera|ahorita no|ahora no|todavia no|no ahorita|no ahora|no todavia|por ahora no|no por ahora|"
    r"dont want|do not want|no quiero|not sure|no estoy segur[oa])\b")
_WANTS_TO_KNOW = re.compile(
    r"\b(?:quiero|queremos|quisiera|necesito|necesitamos|me gustaria|nos gustaria|i want|we want|i need|"
    r"we need|i d like|id like|we d like|i would like|we would like|want to|need to)\b.{0,40}?"
    r"\b(?:saber|sepa|me avisen|nos avisen|le avisen|avisen|avisarme|enterarme|inscrib\w*|registr\w*|know|"
    r"be told|be notified|notified|notifications?|sign (?:me|us|her|him|them) up|signed up|updates?|avisos?|"
    r"notificaciones?)\b"
    r"|\b(?:sign (?:me|us|her|him|them) up|avisenme|aviseme|inscribame|inscribeme|inscribala|inscribalo|"
    r"registreme|registrela|registrelo|let me know|keep me (?:posted|updated|informed)|notify me)\b")
_DOES_NOT_WANT = re.compile(r"\b(?:dont|do not|no)\s+(?:really\s+)?(?:want|need|quiero|necesito|quisiera)\b")


# Spanish "si" without its accent or a comma opening a clause is "if" ("si me inscribo, ¿él se va a enterar?",
# "si lo deportan, ¿me avisan?"), not a yes.
_CONDITIONAL_SI = re.compile(r"^(?:y\s+|oiga\s+|pero\s+)?si\s+(?:me|lo|la|le|les|los|las|se|el|él|ella|ellos|yo|usted|"
                             r"ustedes|mi|mis|no|tengo|tiene|hay|es|esta|está|salgo|sale|me\s+\w+)\b")


def conditional_si(text: str) -> bool:
    """The message opens with "si" = "if" and a clause ("si me registro, ¿me van a llamar?")."""
    return bool(_CONDITIONAL_SI.match(text.strip().lower()))


def leading_yes_no(text: str, lang: str | None = None) -> bool | None:
    """True/False when the message is a yes/no (parse_yes_no) or starts with one ("Sí, regístrela a ella",
    "No gracias, ya me llegan las cartas"); a yes taken back ("yes but not now") and a "no" that is not
    one ("no sé", "no entiendo") -> None."""
    plain = parse_yes_no(text, lang)
    if plain is not None:
        return plain
    norm = _fold(text)
    opened = _OPENER.sub("", norm)
    if opened != norm and not _NOT_A_NO.match(opened) and (_NO_FIRST.match(opened) or _YES_FIRST.match(opened)):
        norm = opened
    if _NO_FIRST.match(norm):
        return None if _NOT_A_NO.match(norm) else False
    if _YES_FIRST.match(norm):
        if conditional_si(text) and ("?" in text or "¿" in text):
            # "si me registro alguien de la corte me va a llamar?": a question about signing up, not a yes
            return None
        return None if _TAKEN_BACK.search(norm) and not _WANTS_TO_KNOW.search(norm) else True
    reported = _REPORTED.search(norm)
    if reported and "?" not in text and not _ASKED_BEFORE.search(norm[:reported.start()]):
        # "Le leí todo y dice que está bien", "she says yes": an answer given for the person being helped
        return parse_yes_no(reported.group(1), lang)
    return None


# "what happens if I say no", "y si me dicen que no": a question about an answer, not one.
_ASKED_BEFORE = re.compile(r"\b(?:what|why|how|if|when|whether|si|que pasa|y si|cuando|por que|porque)\b")
_REPORTED = re.compile(r"\b(?:says|said|say|dice|dijo|dicen|dijeron|responde|respondio)\s+"
                       r"(?:que\s+|that\s+|its\s+|it s\s+|it is\s+|thats\s+)?(.+)$")


def wants_to_be_told(text: str) -> bool:
    """The words ask to be told or signed up ("quiero saber cuando tenga corte", "keep me posted")."""
    norm = _fold(text)
    return bool(_WANTS_TO_KNOW.search(norm)) and not _DOES_NOT_WANT.search(norm)


def offer_answer(text: str, lang: str | None = None) -> bool | None:
    """The answer to "shall I sign you up?": a yes or no said first, else a request to be told; None when
    the message says neither."""
    answer = leading_yes_no(text, lang)
    if answer is None and wants_to_be_told(text):
        return True
    return answer

# "otherwise yes", "everything else is fine", "lo demás está bien": a yes to all but what the sentence before
# it restated.
_REST_IS = re.compile(
    r"^(?:(?:and|but|y|pero)\s+)?(?:otherwise|other than that|apart from that|aside from that|besides that|"
    r"everything else(?: is)?|the rest(?: is)?|all else(?: is)?|else|lo demas|por lo demas|todo lo demas|"
    r"de ahi en fuera|fuera de eso|aparte de eso|lo otro|el resto)\s+(?:(?:esta|estan|es|is|looks|se ve)\s+)?")


def yes_among(text: str, lang: str | None = None) -> bool:
    """A clear yes said as one of the message's sentences, the others restating a detail ("The number is
    1098342, yes. All good", "el apellido lleva ñ, Villaseñor. lo demás está bien"): no sentence says no,
    takes the yes back or asks a question. Which details the other sentences restate is for the caller."""
    if "?" in text or "¿" in text or _TAKEN_BACK.search(_fold(text)):
        return False
    answers = [parse_yes_no(_REST_IS.sub("", _fold(part)), lang) for part in re.split(r"[.,;!\n]+|\s[-–—]\s", text)
               if _fold(part)]
    return True in answers and False not in answers


_CHANNELS = {p: channel for channel, phrases in {
    "sms": "sms|text|texts|texting|text me|txt|text message|text messages|mensaje de texto|texto|textos|"
           "this number|same number|my number|this phone number|este numero|mismo numero|mi numero|a este numero|"
           "mensajes de texto|celular|cell|cell phone|cellphone|mobile|phone|telefono|message|messages|"
           "mensaje|mensajes|msj|msjs|msg|msgs|mensajito|mensajitos|textito|textitos|txts|sms",
    "email": "email|e mail|emails|mail|correo|correo electronico|correos|gmail",
    "telegram": "telegram|telegrama",
    "web": "web|this chat|here|aqui|este chat|chat|website|web site|pagina|pagina web|sitio web|online|"
           "en linea",
}.items() for p in phrases.split("|")}
_NEGATIONS, _VIA = ("not", "never", "nunca", "sin", "dont"), ("by", "via", "through", "por", "con")
_VAGUE = frozenset("here aqui chat phone telefono message messages mensaje mensajes online".split())
_CHANNEL_RE = re.compile(r"\b(?:%s)\b" % "|".join(sorted(_CHANNELS, key=len, reverse=True)))
_TYPO_TARGETS = [p for p in _CHANNELS if len(p) >= 4 and " " not in p and p not in _VAGUE]


_NEGATED_AFTER = re.compile(  # "EMAIL DONT WORK GOOD HERE", "el correo no me llega"
    r"^\s+(?:(?:just|really|usually|often|sometimes|always)\s+)?(?:dont|doesnt|do not|does not|isnt|is not|wont|cant|never|no|nunca)\s+(?:really\s+)?"
    r"(?:me\s+)?(?:work|works|working|come|comes|arrive|arrives|reach|reaches|get|gets|good|funciona|funcionan|"
    r"sirve|sirven|llega|llegan|check|checks|revis\w*)\b")
_NEGATION_BRIDGE = frozenset("by via through por con my mi el la use check have tengo uso reviso want quiero "
                             "like read leo really".split())
_CORRECTION = re.compile(r"\b(?:actually|i mean|rather|instead|make it|wait|quiero decir|en realidad|mas bien|"
                         r"o sea|perdon)\b|(?<!\blo )(?<!\bes )(?<!\bis )(?<!\bbe )\b(?:mejor|better)\b")
_PREFERRED_AFTER = re.compile(r"^\s+(?:(?:is|es|would|be|seria|sera|please|por favor|lo|the|as|como|message|"
                              r"messages|electronico)\s+){0,3}(?:first|best|better|preferred|preferably|primero|"
                              r"mejor|preferiblemente|de preferencia)\b")
# "then email" ("if only one then email"), "entonces correo": the one asked for after the conditions.
_PREFERRED_BEFORE = frozenset("prefer prefiero preferably preferiblemente mainly mostly first primero mejor "
                              "best then entonces".split())
# "email please", "correo porfa": the channel asked for, over one named only to explain why ("email please, my
# phone changes a lot", "correo porfa, mi celular lo cambio seguido").
_REQUESTED_AFTER = re.compile(r"^\s+(?:(?:is|es|would be|seria|is fine|esta bien|then|entonces)\s+)?"
                              r"(?:please|pls|plz|por favor|porfa|porfis|porfavor)\b")


def _preferred_before(folded: str, match: re.Match) -> bool:
    """"prefer text", "prefiero por correo", "mejor el correo", "email first" is _PREFERRED_AFTER."""
    words = folded[: match.start()].split()
    while words and words[-1] in _VIA + ("el", "la", "the", "a", "un", "mi", "my", "es", "is", "seria", "sera"):
        words.pop()
    return bool(words) and words[-1] in _PREFERRED_BEFORE


def _negated(folded: str, match: re.Match) -> bool:
    """"not email", "not by email", "sin correo", "no email", "I don't check my email", "email dont work"."""
    words = folded[: match.start()].split()
    for at in range(len(words) - 1, max(len(words) - 5, -1), -1):  # the four words before it
        if words[at] in _NEGATIONS or words[at] == "no":
            # "both if you can, if not email", "los dos, si no, correo": the channel to use otherwise; but "Sí, no
            # tengo correo" opens with a yes
            otherwise = at > 0 and words[at - 1] in ("if", "si") and not (words[at - 1] == "si" and at == 1)
            return not otherwise
        if words[at] not in _NEGATION_BRIDGE:
            break
    return bool(_NEGATED_AFTER.match(folded[match.end():]))


def read_channels(text: str) -> list[str]:
    """The channels an answer leaves to choose from, in the order written: a negated one is out ("text,
    email dont work here"); after a correction ("email... no actually text", "mejor por correo") only what
    comes after it counts; a channel marked first or best ("email first", "prefiero texto") wins. A named
    channel beats a vague word ("here", "phone"); typos ("emial") go through rapidfuzz."""
    folded = _fold(text)
    matches = list(_CHANNEL_RE.finditer(folded))
    kept = [m for m in matches if not _negated(folded, m)]
    corrections = list(_CORRECTION.finditer(folded))
    if corrections:
        after = [m for m in kept if m.start() >= corrections[-1].end()]
        kept = after or kept
    preferred = [m for m in kept if _PREFERRED_AFTER.match(folded[m.end():]) or _preferred_before(folded, m)
                 or (m is kept[0] and _REQUESTED_AFTER.match(folded[m.end():]))]  # not "text and email please"
    kept = preferred if len({_CHANNELS[m.group()] for m in preferred}) == 1 else kept
    named = [m.group() for m in kept if m.group() not in _VAGUE] or [m.group() for m in kept]
    if named:
        return list(dict.fromkeys(_CHANNELS[word] for word in named))
    if matches:  # only negated channels: "not telegram"
        return []
    typos = [_CHANNELS[hit[0]] for word in folded.split() if len(word) >= 4
             if (hit := process.extractOne(word, _TYPO_TARGETS, scorer=fuzz.ratio, score_cutoff=80))]
    return list(dict.fromkeys(typos))


_ASKING_FOR = re.compile(r"\b(?:please|pls|plz|por favor|porfa|porfis|porfavor|then|entonces|prefer|prefiero|"
                         r"if only one|si solo uno|si es solo uno|si nomas uno)\b")


def channel_asked_for(text: str) -> str | None:
    """The one channel a message asks for in so many words ("email please, I change phones a lot", "if you
    can do both, if only one then email", "por correo por favor"), else None: read as the answer even when
    the words also name a question's topic (both channels, a phone that changes)."""
    channels = read_channels(text)
    return channels[0] if len(channels) == 1 and _ASKING_FOR.search(_fold(text)) else None


def parse_channel(text: str) -> str | None:
    """'sms', 'email', 'telegram' or 'web' when the answer leaves one channel (read_channels), else None."""
    channels = read_channels(text)
    return channels[0] if len(channels) == 1 else None


# --- Phone numbers and e-mail addresses said in words (dictation) ---------------------------------------
# "four oh eight five five five zero one two nine", "cuatro cero ocho, cincuenta y cinco...", "big d dot
# okafor at example dot com", "maria punto lopez arroba example punto com". The words are written out as
# digits or as an address inside the text, so that parse_*/pick_* read them like typed ones.

_DIGIT_WORDS = {w: str(d) for d, words in enumerate((
    "zero oh o cero", "one uno", "two dos", "three tres", "four cuatro", "five cinco", "six seis",
    "seven siete", "eight ocho", "nine nueve")) for w in words.split()}
_TEEN_WORDS = {w: str(n) for n, words in enumerate((
    "ten diez", "eleven once", "twelve doce", "thirteen trece", "fourteen catorce", "fifteen quince",
    "sixteen dieciseis", "seventeen diecisiete", "eighteen dieciocho", "nineteen diecinueve"), start=10)
    for w in words.split()}
_TEEN_WORDS.update({"veinti" + unit: str(20 + n) for n, unit in enumerate(
    "uno dos tres cuatro cinco seis siete ocho nueve".split(), start=1)})
_TENS_WORDS = {w: n for n, words in enumerate((
    "twenty veinte", "thirty treinta", "forty fourty cuarenta", "fifty cincuenta", "sixty sesenta",
    "seventy setenta", "eighty ochenta", "ninety noventa"), start=2) for w in words.split()}
_HUNDRED_WORDS = {"cien": 1, "ciento": 1, **{w: n for n, w in enumerate(
    "doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos novecientos".split(),
    start=2)}}
_REPEAT_WORDS = {"double": 2, "doble": 2, "triple": 3}
_NUMBER_WORDS = (set(_DIGIT_WORDS) | set(_TEEN_WORDS) | set(_TENS_WORDS) | set(_HUNDRED_WORDS)
                 | set(_REPEAT_WORDS) | {"hundred", "and", "y"})
_PHONE_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_PHONE_GAP = re.compile(r"[\s,.\-–—()/]*")  # what may stand between the parts of one number


def _unit(word: str | None) -> str | None:
    """The digit 1-9 a word names ("five", "cinco"), else None."""
    digit = _DIGIT_WORDS.get(word or "")
    return digit if digit and digit != "0" else None


def _number_chunks(words: list[str]) -> list[tuple[str, int, int]] | None:
    """The digits said by words (folded) and digit groups, as (digits, first index, end index) chunks;
    None when a word cannot be read as part of a number ("and" between two numbers)."""
    chunks, i = [], 0
    while i < len(words):
        word, nxt = words[i], words[i + 1] if i + 1 < len(words) else None
        if word.isdigit():
            chunks.append((word, i, i + 1))
            i += 1
        elif word in _REPEAT_WORDS and nxt is not None and (nxt in _DIGIT_WORDS or re.fullmatch(r"\d", nxt)):
            chunks.append((_DIGIT_WORDS.get(nxt, nxt) * _REPEAT_WORDS[word], i, i + 2))
            i += 2
        elif (word in _HUNDRED_WORDS) or (_unit(word) and nxt == "hundred"):
            hundreds = _HUNDRED_WORDS.get(word) or int(_DIGIT_WORDS[word])
            j = i + 1 if word in _HUNDRED_WORDS else i + 2
            if j < len(words) and words[j] == "and":  # "four hundred and eight"
                j += 1
            rest, j = _two_digits(words, j) if word != "cien" else (None, j)
            if rest is None:  # "eight hundred", "cien": nothing after it
                rest, j = "00", (i + 1 if word in _HUNDRED_WORDS else i + 2)
            chunks.append((f"{hundreds}{int(rest):02d}", i, j))
            i = j
        elif word in _DIGIT_WORDS or word in _TEEN_WORDS or word in _TENS_WORDS:
            digits, j = _two_digits(words, i)
            chunks.append((digits, i, j))
            i = j
        else:
            return None
    return chunks


def _two_digits(words: list[str], i: int) -> tuple[str | None, int]:
    """The one or two digits said from words[i]: "five", "fifteen", "fifty five", "fifty-five", "cincuenta
    y cinco", "veinticinco", "sesenta"; (None, i) when words[i] says none of them."""
    word = words[i] if i < len(words) else ""
    if word in _DIGIT_WORDS:
        return _DIGIT_WORDS[word], i + 1
    if word in _TEEN_WORDS:
        return _TEEN_WORDS[word], i + 1
    if word in _TENS_WORDS:
        after = words[i + 1:i + 3]
        if after and _unit(after[0]):
            return f"{_TENS_WORDS[word]}{_unit(after[0])}", i + 2
        if len(after) == 2 and after[0] == "y" and _unit(after[1]):
            return f"{_TENS_WORDS[word]}{_unit(after[1])}", i + 3
        return f"{_TENS_WORDS[word]}0", i + 1
    return None, i


def _is_phone_digits(digits: str) -> bool:
    return len(digits) == 10 or (len(digits) == 11 and digits[0] == "1")


def _said_numbers(words: list[str]) -> list[tuple[int, int, str]]:
    """The (first index, end index, digits) of the phone numbers said in a run of number words and digits:
    the whole run when it gives 10 digits (11 with a leading one); else its parts between "and"/"y"/"o"
    ("or" in Spanish), or the run without a first lone word ("oh, two zero two..."). Runs of digits only
    are left to phonenumbers."""
    def whole(lo: int, hi: int) -> tuple[int, int, str] | None:
        chunks = _number_chunks(words[lo:hi])
        if not chunks:
            return None
        tries = [chunks]
        if len(chunks) > 1 and chunks[0][2] - chunks[0][1] == 1 and not words[lo + chunks[0][1]].isdigit():
            tries.append(chunks[1:])  # "oh, two zero two ...", "the new one, two zero two ..."
        for kept in tries:
            digits = "".join(c[0] for c in kept)
            spoken = any(not words[lo + k].isdigit() for c in kept for k in range(c[1], c[2]))
            if kept and spoken and _is_phone_digits(digits):
                return lo + kept[0][1], lo + kept[-1][2], digits
        return None

    found = whole(0, len(words))
    if found:
        return [found]
    cuts = [k for k, w in enumerate(words) if w in ("and", "y", "o")]
    results, lo = [], 0
    for cut in cuts + [len(words)]:
        part = whole(lo, cut) if cut > lo else None
        if part:
            results.append(part)
        lo = cut + 1
    return results


def spoken_phone(text: str) -> str:
    """The text with a phone number said in words written in digits, unchanged when there is none:
    "four oh eight five five five zero one two nine" -> "408 555 0129"; "two one four, five five five, oh
    one six two" -> "214 555 0162"; "408 five five five 0129", "double five", "cinco cincuenta y cinco",
    "uno dos cero dos ..." (a leading one: "1 202 555 0143"). Only a whole number said this way (10
    digits, or 11 with a leading one/uno) is written: "one more thing", "no tengo uno" stay as they are."""
    tokens = list(_PHONE_TOKEN.finditer(text or ""))
    folded = [_fold(t.group()) for t in tokens]
    pieces, done, i = [], 0, 0
    while i < len(tokens):
        if folded[i] not in _NUMBER_WORDS and not folded[i].isdigit():
            i += 1
            continue
        j = i + 1
        while (j < len(tokens) and (folded[j] in _NUMBER_WORDS or folded[j].isdigit())
               and _PHONE_GAP.fullmatch(text[tokens[j - 1].end():tokens[j].start()])):
            j += 1
        for lo, hi, digits in _said_numbers(folded[i:j]):
            grouped = f"{digits[:-10]} {digits[-10:-7]} {digits[-7:-4]} {digits[-4:]}".strip()
            pieces += [text[done:tokens[i + lo].start()], grouped]
            done = tokens[i + hi - 1].end()
        i = j
    return "".join(pieces) + (text or "")[done:] if pieces else text


_AT_WORDS = frozenset("at arroba @".split())
_EMAIL_MARKS = {"dot": ".", "period": ".", "punto": ".", ".": ".", "underscore": "_", "_": "_",
                "subrayado": "_", "dash": "-", "hyphen": "-", "guion": "-", "-": "-"}
_EMAIL_PAIRS = {("guion", "bajo"): "_", ("guion", "abajo"): "_", ("barra", "baja"): "_",
                ("under", "score"): "_", ("at", "sign"): "@", ("at", "symbol"): "@", ("dot", "com"): ".com",
                ("punto", "com"): ".com"}
_TLDS = frozenset("com org net edu gov mil us mx io co info me biz es ca uk ar cl pe gt sv hn ni cr pa pr ve "
                  "ec bo py uy cu".split())
# Words before an address that are not part of it: "my email is ...", "es ...", "I work at ...".
_NOT_LOCAL = frozenset("""daughter son wife husband mom mother mama dad father papa sister brother friend aunt uncle
    grandma grandmother abuela abuelo hija hijo esposa esposo mami madre padre hermana hermano amiga amigo tia tio
    novia novio
    is es its it my mi mine email emails mail e correo electronico address adress
    direccion the el la los las to use usa usen uses send sent envie envia envien manda mande mandar
    enviar escribe escriba escribir write and y or o but pero new nuevo nueva old viejo vieja please por
    favor me us nos a al que thats that this eso esto este esta seria sera would be will was were era
    fue his her su our nuestro try prueba call text contact reach con i im ill yes si ok okay sure claro
    yeah um uh eh pues bueno like just only solo now ahora look go visit see check find search work
    works worked working trabajo trabaja trabajar estoy estamos live lives living vivo vive stay stays
    am are at arroba sign symbol here aqui there alli ya also tambien then luego de del for para in en
    on""".split())


def _email_tokens(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, folded word, ends a clause) for each word; "." "_" "-" "@" kept inside words."""
    tokens = []
    for m in re.finditer(r"[^\s,;:!?¡¿()\[\]{}\"“”<>]+", text):
        raw = m.group()
        word = unicodedata.normalize("NFKD", raw.lower().replace("'", "").replace("’", ""))
        word = re.sub(r"[^a-z0-9._+@-]", "", "".join(ch for ch in word if not unicodedata.combining(ch)))
        stripped = word.rstrip(".")
        end = m.end() - (len(raw) - len(raw.rstrip(".…")))
        clause_end = stripped != word or bool(re.match(r"\s*[,;:!?()\[\]{}\"“”<>]", text[m.end():]))
        if stripped:
            tokens.append((m.start(), end, stripped, clause_end))
    return tokens


def _email_items(words: list[str]) -> list[tuple[str, int]]:
    """The words as (piece, words used): the marks said become ".", "_", "-", "@" ("guion bajo" is one)."""
    items, i = [], 0
    while i < len(words):
        pair = tuple(words[i:i + 2])
        if pair in _EMAIL_PAIRS:  # "dot com" is a mark and a word: (".", 2), ("com", 0)
            items += [(".", 2), ("com", 0)] if _EMAIL_PAIRS[pair] == ".com" else [(_EMAIL_PAIRS[pair], 2)]
            i += 2
            continue
        word = words[i]
        if word in ("dotcom", "puntocom"):
            items += [(".", 1), ("com", 0)]
        else:
            items.append(("@" if word in _AT_WORDS else _EMAIL_MARKS.get(word, word), 1))
        i += 1
    return items


def _local_part(items: list[tuple[str, int]], stops: list[bool]) -> int:
    """How many items before the "at" are the local part: back to a word that leads up to an address
    ("is", "es", "my email"), a clause end or another "at". Names said apart join ("big d" -> "bigd"), at most
    two whole words and spelled letters between marks; 0 when the words are not an address."""
    taken, words_here = 0, []
    for k in range(len(items) - 1, -1, -1):
        piece = items[k][0]
        if piece == "@" or stops[k]:
            break
        if piece in ".-_":
            words_here = []
        else:
            if not re.fullmatch(r"[a-z0-9+]+(?:[._-][a-z0-9+]+)*", piece):
                break
            follows_mark = k + 1 < len(items) and items[k + 1][0] in ".-_"
            if piece in _NOT_LOCAL and not (len(piece) == 1 and follows_mark):
                break
            words_here.append(piece)
            if sum(len(w) > 1 for w in words_here) > 2:
                return 0
        taken += 1
    while taken and items[len(items) - taken][0] in ".-_":  # "dot maria ..." does not start with a mark
        taken -= 1
    return taken


def _domain(items: list[tuple[str, int]], stops: list[bool]) -> int:
    """How many items after the "at" make a domain ending in a known top-level name ("example dot com",
    "correo punto com punto mx", "gmail.com"); 0 when they do not."""
    label = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*")
    if not items or not label.fullmatch(items[0][0]):
        return 0
    joined, best, k = items[0][0], 0, 1
    while True:
        if "." in joined and joined.rsplit(".", 1)[1] in _TLDS:
            best = k
        if not (k + 1 < len(items) and not stops[k - 1] and items[k][0] in ".-"
                and label.fullmatch(items[k + 1][0])):
            return best
        joined += items[k][0] + items[k + 1][0]
        k += 2


def spoken_email(text: str) -> str:
    """The text with an e-mail address said in words written as one, unchanged when there is none:
    "big d dot okafor at example dot com" -> "bigd.okafor@example.com"; "maria punto lopez arroba example
    punto com" -> "maria.lopez@example.com"; "juan underscore perez at gmail dot com", "guion bajo",
    "guion"/"dash"/"hyphen", "at sign". The domain must end in a known top-level name said after "dot" or
    "punto" (com, org, net, edu, gov, us, mx...), so "I'll be at home" stays as it is; the words that lead up
    to the address ("my email is", "es", "I work at") are left out of it. Written in lower case, accents
    dropped."""
    if not text or "@" in text and _EMAIL_CANDIDATE.search(text):
        return text
    tokens = _email_tokens(text)
    words = [t[2] for t in tokens]
    items, starts, k = [], [], 0
    for piece, used in _email_items(words):
        items.append((piece, used))
        starts.append(k)
        k += used
    ends = [starts[n] + used - 1 for n, (_, used) in enumerate(items)]  # the item's last word
    stops = [tokens[end][3] for end in ends]  # a clause ends after it
    pieces, done = [], 0
    for at in (n for n, (piece, _) in enumerate(items) if piece == "@"):
        local = _local_part(items[:at], [stops[n] for n in range(at)])
        if not local or stops[at - 1] or stops[at]:
            continue
        domain = _domain(items[at + 1:], stops[at + 1:])
        if not domain:
            continue
        first, last = at - local, at + domain
        address = "".join(p for p, _ in items[first:last + 1])
        try:
            address = validate_email(address, check_deliverability=False).normalized
        except EmailNotValidError:
            continue
        start, end = tokens[starts[first]][0], tokens[ends[last]][1]
        if start < done:
            continue
        pieces += [text[done:start], address]
        done = end
    return "".join(pieces) + text[done:] if pieces else text


def parse_phone(text: str, default_region: str = "US") -> str | None:
    """E.164 form of the one valid number in the text ("(202) 555-0143", "mi número es +52 55 1234 5678"),
    also said in words ("four oh eight five five five zero one two nine", spoken_phone)."""
    if not text or len(text) > 200:
        return None
    text = spoken_phone(text)
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
    """Normalised form of the one address in the text ("it's maria@example.com"), also said in words
    ("maria punto lopez arroba example punto com", spoken_email); syntax check only."""
    if not text or len(text) > 400:
        return None
    text = spoken_email(text)
    candidates = {c.strip(".!?¡¿") for c in _EMAIL_CANDIDATE.findall(text or "")}
    if len(candidates) != 1 or len(text) > 400:
        return None
    try:
        return validate_email(candidates.pop(), check_deliverability=False).normalized
    except EmailNotValidError:
        return None


_NEW_CUES = re.compile(r"\b(?:new|newer|use|use this|now|current|correct|right one|instead|this is|"
                       r"nuevo|nueva|usa|use|usen|este es|esta es|ahora|actual|correcto|correcta|mejor)\b", re.I)
_OLD_CUES = re.compile(r"\b(?:old|older|former|previous|used to|not anymore|no longer|viejo|vieja|anterior|"
                       r"antiguo|antigua|ya no)\b", re.I)


_CLAUSE_END = re.compile(r"[,;!?]|\.(?=\s|$)|\b(?:but|pero|and|or)\b|\s[yo]\s", re.I)


# Words of a mistake owned up to ("that's wrong", "me equivoqué"), beside _CORRECTION and the new/old cues.
_MISTAKE = re.compile(r"\b(?:wrong|sorry|mistake|typo|mixed up|mix it up|espera|espere|mal|equivoqu\w*|"
                      r"perdon)\b")


def corrects_itself(text: str) -> bool:
    """The answer corrects or replaces one given before ("oh wait that's my old number, new one is …",
    "perdón, me equivoqué, es el …"): the value kept is said back."""
    folded = _fold(text)
    return any(cue.search(folded) for cue in (_CORRECTION, _NEW_CUES, _OLD_CUES, _MISTAKE))


def _pick_marked(text: str, found: list[tuple[int, int, str]]) -> str | None:
    """Of several values found at (start, end): the one a cue word nearest to it marks new ("use ...",
    "este es el nuevo"), else the last one not marked old; None when there are none."""
    values = list(dict.fromkeys(value for _, _, value in found))
    if len(values) <= 1:
        return values[0] if values else None
    marks: dict[str, set[str]] = {value: set() for value in values}
    cuts = [0, *(m.start() for m in _CLAUSE_END.finditer(text)), len(text)]
    for kind, cues in (("new", _NEW_CUES), ("old", _OLD_CUES)):
        for cue in cues.finditer(text):
            # the values in the cue's own clause ("the new one is X"), else all of them; then the nearest
            start = max(cut for cut in cuts if cut <= cue.start())
            end = min(cut for cut in cuts if cut >= cue.end())
            near = [f for f in found if start <= f[0] < end] or found
            nearest = min(near, key=lambda f: min(abs(cue.start() - f[1]), abs(f[0] - cue.end())))
            marks[nearest[2]].add(kind)
    new = [value for value in values if "new" in marks[value]]
    if len(new) == 1:
        return new[0]
    not_old = [value for value in values if "old" not in marks[value]]
    return (not_old or values)[-1]


def pick_phone(text: str, default_region: str = "US") -> tuple[str | None, int]:
    """The number meant in a sentence with one or more ("202-555-0143 is old, use 202-555-0199"): the one
    marked new, else the last; and how many different numbers there were. Numbers said in words count
    (spoken_phone)."""
    if not text or len(text) > 400:
        return None, 0
    text = spoken_phone(text)
    found = [(m.start, m.end, phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164))
             for m in phonenumbers.PhoneNumberMatcher(text, default_region) if phonenumbers.is_valid_number(m.number)]
    if not found:
        return parse_phone(text, default_region), 1
    return _pick_marked(text, found), len({value for _, _, value in found})


def pick_email(text: str) -> tuple[str | None, int]:
    """The address meant in a sentence with one or more ("x@a.org is our old one, use y@b.com"): the one
    marked new, else the last; and how many different addresses there were. Addresses said in words
    count (spoken_email)."""
    if not text or len(text) > 400:
        return None, 0
    text = spoken_email(text)
    found = []
    for match in _EMAIL_CANDIDATE.finditer(text):
        try:
            value = validate_email(match.group().strip(".!?¡¿"), check_deliverability=False).normalized
        except EmailNotValidError:
            continue
        found.append((match.start(), match.end(), value))
    return _pick_marked(text, found), len({value for _, _, value in found})


_OFFENDER_LABELS = frozenset("""his her their its it is he she name named called number num no nr id inmate
    booking case docket register registration reg tdcj bop cdcr doc ice usms jail prison prisoner offender
    sid spn anumber alien and se llama llamado llamada nombre su es numero reo preso presa registro caso
    expediente mi my unknown desconocido ex husband wife boyfriend girlfriend partner esposo esposa novio
    novia pareja reserva recluso reclusa interno interna book tdoc din nysid idoc kdoc mdoc gdc odrc ddoc
    adoc fdoc dcj jid dob ndoc ais nro""".split())
# Departments of corrections and their numbers by their letters ("NDOC", "WADOC", "CDCR", "FDC", "TDCJ", "NCDPS"):
# labels, never a name ("NDOC 1098342" is a number, not a person called Ndoc).
_AGENCY = re.compile(r"(?:[a-z]{1,2}doc|[a-z]{1,2}dcr?|[a-z]dcj|[a-z]{2}dps)")


def _is_label(word: str) -> bool:
    """A folded word that labels a number or the person ("number", "inmate", "TDCJ", "NDOC"), never a name."""
    return word in _OFFENDER_LABELS or bool(_AGENCY.fullmatch(word))


_PARTICLES = frozenset("de del la las los el y e and of the da di do dos van von le du".split())


# Words that lead up to a name ("el principal es Marcus Tillery", "the main one is Kyle", "his name is…"):
# everything up to a verb such as "es" / "is" / "se llama" is dropped when it is only words like these.
_NAME_LEAD = _OFFENDER_LABELS | frozenset("""the el la los las this that thats who whos one ones guy man woman
    person tipo hombre mujer senor senora main principal first primero primer primera other otro otra oldest
    older mayor de del of full completo real verdadero did it hurt me que quien me lo hizo nomas nada mas solo
    solamente only just i know knew se yo sabemos all todo acusado acusada defendant suspect sospechoso
    sospechosa agresor agresora abuser attacker perpetrator defendants on in en letter paper papers carta papel
    documento document notice aviso""".split())
_NAME_VERBS = frozenset("is es was era fue llama llamaba named called hes shes its names".split())


def strip_name_lead(text: str) -> str:
    """The text without the words before a name: "el principal es Marcus Deshawn Tillery" -> "Marcus
    Deshawn Tillery", "se llama Juan", "his name is John"; unchanged when what leads is not only filler."""
    tokens = (text or "").split()
    for i in range(min(len(tokens) - 1, 6), -1, -1):
        lead = [_fold(token) for token in tokens[:i + 1]]
        if lead[-1] in _NAME_VERBS and all(not word or word in _NAME_LEAD | _NAME_VERBS or _is_label(word)
                                           for word in lead):
            return " ".join(tokens[i + 1:])
    return text


# "Demarcus Jones creo que es Demarcus Tyrone Jones", "John Smith, I mean John Smyth": the name said last.
# "They call him Boo but his real name is Cedric Lewis", "su nombre real es…": a real name says it again too.
_SAID_AGAIN = re.compile(r"\b(?:creo que es|creo que se llama|o sea|mejor dicho|quiero decir|i think (?:it s|its|it is|"
                         r"his name is|hes)|i mean|actually(?: it s| its| it is)?|"
                         r"(?:real|legal|true|actual) name(?: is| s)?|"
                         r"(?:su |el )?nombre (?:real|verdadero|legal)(?: es)?|(?:su|el) nombre es)\s+",
                         re.IGNORECASE)
# A sentence after the name ("Tyrell Antonio Gaines. El booking number no lo tengo aquí.") is not the name.
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})[.!]\s+(?=\S)")


_DICTATED = re.compile(r"(?:\s+(?:punto|period|coma|comma|full stop))+\s*$", re.IGNORECASE)


# "…Jesse Gutierrez, no sé más", "…that's all I know": what closes a name is not part of it.
_ALL_I_KNOW = re.compile(
    r"[\s,;.]*(?:y |and |but |pero )?(?:no se (?:nada )?mas|no se nada mas|nada mas|es todo|eso es todo|no se el resto|"
    r"that[’']?s all(?: i know)?|that s all(?: i know)?|that is all(?: i know)?|"
    r"i don[’']?t know (?:the rest|more|anything else)|no se (?:sus|su) (?:apellidos?|fecha))[\s.!]*$", re.IGNORECASE)


# A name spelled out after it ("Denise Marie Carrillo c a r r i l l o", "Nguyen, N-G-U-Y-E-N"): the letters are
# not more of the name.
_SPELLED = re.compile(r"(?:[\s,.:;(-]+[A-Za-zÑñ](?![A-Za-zÑñ])){3,}[)\s.]*$")  # one way to split: no backtracking


# A label and a colon before the name ("with the name: …", "nombre:", "su nombre completo:").
_NAME_LABEL = re.compile(r"\b(?:name|names|nombre|nombres|nombre completo|full name|se llama|named)\s*:\s*"
                         # "el papel que me dio el sheriff dice Ramon Ochoa Beltran", "the letter says …"
                         r"|\b(?:papel|papeles|paper|paperwork|letter|carta|documento|document|hoja|notice|aviso|"
                         r"report|reporte|citation|citacion|form|formulario)\b[^.;:!?]{0,40}?\b(?:dice|decia|says|"
                         r"said|reads|shows|pone|trae)\s+(?:que\s+)?(?:se llama\s+|el nombre (?:es\s+)?|his name is\s+|"
                         r"the name\s+(?:is\s+)?)?", re.I)


# A number corrected in the same answer ("8012476... no espera, 8012467", "1234567, sorry I mean 1234576"): from the
# first number to the correction word is dropped, so that the later number is the one read.
_NUMBER_CORRECTED = re.compile(
    r"(?<![\w-])[A-Za-z0-9-]*\d[A-Za-z0-9-]*[\s.,;:!…-]*(?:(?:oops|oh|uh|um|ay|eh)[\s.,;:!…-]+)?"
    r"(?:no,?\s+)?(?:wait|sorry|i mean|actually|espera|espere|perd[oó]n|digo|mejor dicho|quiero decir|o sea)\b"
    r"(?:[\s.,;:!…-]+(?!\d)[\w’']+){0,4}?[\s.,;:!…#-]+(?=[A-Za-z]{0,3}\d)", re.IGNORECASE)
# Where one sentence ends and the next begins ("… completo... Tanner algo. Dejeme buscar. Tanner J. Kowalski"): after
# a word, not after an initial ("J. Kowalski").
_SENTENCES = re.compile(r"(?<=[^\W\d_]{2})(?:[.!?]+|…)\s+(?=\S)")


def _without_corrected_numbers(text: str) -> str:
    """The text without a number the writer corrected in it (_NUMBER_CORRECTED)."""
    for _ in range(3):
        match = _NUMBER_CORRECTED.search(text)
        if not match or not _is_number(match.group().split()[0].strip(".,;:!…")):
            break
        text = f"{text[:match.start()]}{text[match.end():]}"
    return text


def _last_whole_name(text: str) -> str | None:
    """After filler sentences ("No me acuerdo del nombre completo... Tanner algo. Dejeme buscar. Tanner J.
    Kowalski"), the last sentence that is a whole name typed with capitals: two or more capitalised words, with
    initials and particles; None when the text is in one case or has no such sentence after the first."""
    if text.islower() or text.isupper():
        return None
    sentences = [part.strip(" .,!?…") for part in _SENTENCES.split(text)]
    for sentence in reversed(sentences[1:]):
        tokens = strip_name_lead(sentence.rsplit(":", 1)[-1]).split()  # "Found it: Darnell R. Hughes"
        names = [t for t in tokens if len(t.strip(".,")) > 1 and t[0].isupper() and t.strip(".,").isalpha()]
        others = [t for t in tokens if t not in names and _fold(t) not in _PARTICLES
                  and not re.fullmatch(r"[A-Z]\.?", t)]
        if len(names) >= 2 and not others and not any(_fold(t) in _function_words() | _OFFENDER_LABELS
                                                      for t in names if _fold(t) not in _NAME_LIKE):
            return " ".join(tokens)
    return None


def _first_naming(text: str) -> str:
    """The part of an answer that names the person: what follows a restatement, else the first sentence.
    Punctuation dictated to a phone ("... Ibarra Soto punto") is not part of it."""
    text = _SPELLED.sub("", _ALL_I_KNOW.sub("", _DICTATED.sub("", text)))
    last = _last_whole_name(text)
    if last:
        return last
    said = list(_SAID_AGAIN.finditer(text.replace("'", " ").replace("’", " ")))
    if said:
        after = text[said[-1].end():].strip(" .,!")
        if sum(ch.isalpha() for ch in after) >= 4 and len(after.split()) >= 2:
            return after
    labelled = _NAME_LABEL.search(text)
    if labelled and len(text[labelled.end():].split()) >= 2:
        return text[labelled.end():].strip()  # "una carta … con el nombre: Dustin Wayne Pruitt"
    parts = _SENTENCE_END.split(text, maxsplit=1)
    if len(parts) == 2 and len(strip_name_lead(parts[0]).split()) >= 2:
        if _NAMED_AGAIN.search(_fold(parts[1])) and not _NAMED_AGAIN.search(_fold(parts[0])):
            return parts[1]  # "Su número de preso no lo sé. Se llama Mauricio Alexander Portillo Hernández"
        first, second = _fold(parts[0]).split(), _fold(parts[1]).split()
        if len(second) >= len(first) and len("".join(second)) > len("".join(first)) and second[:1] == first[:1] \
                and second[-1:] == first[-1:]:
            return parts[1]  # "jamal t brooks. jamal terrell brooks": said again, in full
        return parts[0]
    return text


# What others call the person is not their name: "…, le dicen el Flaco", "Dwayne Carter aka Lil D", "goes by".
# Matched on folded words; what stands before the mark (who calls him so, or the name) is judged on its own.
_NICKNAME = re.compile(
    r"\b(?:(?:(?:his|her|their|the|sus|la) )?(?:friends|homies|boys|people|family|everybody|everyone|they|we|"
    r"amigos|compas|gente|familia|todos) )?(?:call|calls|called|calling) (?:him|her)\b|"
    r"\b(?:a ?k ?a|also known as|better known as|known as|goes by|go by|went by|going by|nick ?named|"
    r"nick ?names?|"
    r"street name|alias|(?:le|les|lo|la) (?:dicen|disen|decian|desian|dice|decimos|deciamos|llaman|llamaban|"
    r"apodan|apodaban|pusieron)|apodad[oa]|apodo|sobrenombre|(?:mejor )?conocid[oa] como|"
    r"(?:lo|la) (?:conocen|conocian) como)\b")
_NAMED_AGAIN = re.compile(r"\b(?:name is|name s|names|nombre es|se llama)\b")  # "… call him Boo his name is"
_QUOTED = re.compile(r'["“][^"“”]{1,40}["”]')
_SPOKEN_COMMA = re.compile(r"\s+(?:coma|comma)\s+(?=\S)", re.IGNORECASE)  # "Marco Ruiz coma le dicen Flaco"
_OPENERS = frozenset("but pero y".split())  # "… but his name is …": what starts a clause before its lead
# Function words that are also names (Will, May, Dan, Mia, Han, Grande, Mayor…) count as name words.
_NAME_LIKE = frozenset("""will may dan mia han son tan well still call front last first even due back top side
    sola an so
    largo claro mayor bueno buena salvo grande gran nuevo nueva dias mas""".split())
_CONTRACTIONS = frozenset("""dont didnt doesnt cant wont havent hasnt hadnt isnt wasnt arent im ive id hes
    shes thats theres idk dunno aint gonna gotta""".split())


@lru_cache(maxsize=1)
def _function_words() -> frozenset:
    """English and Spanish function words (spaCy's stop-word lists, folded), less those that are names."""
    from spacy.lang.en.stop_words import STOP_WORDS as english
    from spacy.lang.es.stop_words import STOP_WORDS as spanish

    folded = {part for word in english | spanish for part in _fold(word).split() if len(part) > 1}
    return frozenset(folded | _CONTRACTIONS) - _NAME_LIKE - _OFFENDER_LABELS - (_PARTICLES - {"the"})


def _capitalised(tokens: list[str]) -> set[int]:
    """The indexes of the words written with a capital in text typed in mixed case ("Smith, Will", "Wei Lo"):
    name words whatever they mean. The first word is one only when every word has a capital ("Lo, Andrew")."""
    words = [(i, [ch for ch in token if ch.isalpha()]) for i, token in enumerate(tokens)]
    words = [(i, letters) for i, letters in words if letters]
    if all(letter.isupper() for _, letters in words for letter in letters):
        return set()  # all capitals: nothing to tell
    every = all(letters[0].isupper() for _, letters in words)
    return {i for n, (i, letters) in enumerate(words)
            if len(letters) > 1 and letters[0].isupper() and (n or every)}


def _word_kind(token: str, capitalised: bool) -> str:
    """"name" for a word that can be part of a name, "function" for a function word ("I", "no tengo", "the",
    "me lo dio"), "neutral" for labels ("number", "su"), particles ("de la"), initials and numbers."""
    parts = _fold(token).split()
    if any(ch.isdigit() for ch in token) or not parts:
        return "neutral"
    if capitalised:
        return "name"
    kinds = set()
    for part in parts:
        if len(part) == 1 and part != "i" or _is_label(part) or part in _PARTICLES - {"the"}:
            kinds.add("neutral")
        elif part in _function_words() or part == "i":
            kinds.add("function")
        else:
            kinds.add("name")
    return "name" if "name" in kinds else "function" if "function" in kinds else "neutral"


def _clauses(tokens: list[str]) -> list[tuple[int, int, bool]]:
    """(start, end, follows_a_number) of each clause: a clause ends after a comma, a semicolon or a number and
    before "but" / "pero"."""
    clauses, start = [], 0
    for i, token in enumerate(tokens):
        if i > start and _fold(token) in ("but", "pero"):
            clauses.append((start, i))
            start = i
        if token.endswith((",", ";")) or _is_number(token.strip(";:!?\"“”()[]{}")):
            clauses.append((start, i + 1))
            start = i + 1
    clauses.append((start, len(tokens)))
    return [(a, b, a > 0 and _is_number(tokens[a - 1].strip(";:!?\"“”()[]{}"))) for a, b in clauses if b > a]


def _is_number(token: str) -> bool:
    return sum(ch.isdigit() for ch in token) >= 3 and bool(re.fullmatch(r"[A-Za-z0-9-]+", token.strip(".,")))


def _naming_run(tokens: list[str], start: int, end: int, after_number: bool,
                capitalised: set[int]) -> list[int]:
    """The indexes of tokens[start:end] that name the person. A name holds no function words: what follows
    it is cut when it is a clause ("Isaiah Benavidez I dont have a number", "… from the DA gave it to me": at
    least a third of its words function words), and the whole run is dropped when it has as many function
    words as name words ("no se el otro apellido", "I dont have a number"); function words before a kept
    name go ("for John Smith"). After a number a clause with any function word is dropped ("R48213 lo saqué
    de la carta", "… la muchacha del fiscal me lo dio": where the number came from)."""
    kinds = [_word_kind(tokens[i], i in capitalised) for i in range(start, end)]
    if after_number and "function" in kinds:
        return []
    first_name = next((k for k, kind in enumerate(kinds) if kind == "name"), None)
    if first_name is not None:
        cut = next((k for k in range(first_name, len(kinds)) if kinds[k] == "function"), len(kinds))
        tail = kinds[cut:]
        if tail and 2 * tail.count("function") >= tail.count("name"):
            kinds = kinds[:cut]
    functions, names = kinds.count("function"), kinds.count("name")
    if functions and functions >= names:
        return []
    first_name = next((k for k, kind in enumerate(kinds) if kind == "name"), len(kinds))
    return [start + k for k, kind in enumerate(kinds) if k >= first_name or kind != "function"]  # "for John"


def _naming_words(tokens: list[str]) -> set[int]:
    """The indexes of the tokens that name the person: clause by clause, without a lead ("but his name is"), a
    nickname ("le dicen el Flaco", "aka Lil D", "they call him Boo") or a clause that is not a name."""
    capitalised = _capitalised(tokens)
    runs = [_naming_clause(tokens, start, end, after_number, capitalised)
            for start, end, after_number in _clauses(tokens)]
    if any(len(run & capitalised) >= 2 for run in runs):
        # Typed in mixed case with a whole name in capitals: a clause without a capital is not the name ("Brandon
        # Esquivel Treviño, el número de la policía no lo tengo a la mano, nomás el nombre").
        runs = [run for run in runs if run & capitalised]
    return set().union(*runs) if runs else set()


def _naming_clause(tokens: list[str], start: int, end: int, after_number: bool, capitalised: set[int]) -> set[int]:
    """The indexes of the tokens of one clause that name the person (see _naming_words)."""
    named: set[int] = set()
    while start < end and _fold(tokens[start]) in _OPENERS:
        start += 1
    start = end - len(strip_name_lead(" ".join(tokens[start:end])).split())
    token_at = [i for i in range(start, end) for _ in _fold(tokens[i]) + " "]  # of each folded character
    folded = "".join(_fold(tokens[i]) + " " for i in range(start, end))
    mark = _NICKNAME.search(folded)
    if not mark:
        return set(_naming_run(tokens, start, end, after_number, capitalised))
    named.update(_naming_run(tokens, start, token_at[mark.start()], after_number, capitalised))
    again = list(_NAMED_AGAIN.finditer(folded, mark.end()))
    if again:  # "they call him Boo his name is Cedric Lewis"
        named.update(_naming_run(tokens, token_at[again[-1].end() - 1] + 1, end, after_number,
                                 capitalised))
    return named


# Words of the writer speaking of themselves: never in a name.
_FIRST_PERSON = frozenset("i im myself yo estoy cant dont didnt".split())
# Spanish verbs of the writer ("no quiero escribir su nombre", "prefiero no poner el nombre").
_FIRST_PERSON_ES = frozenset("quiero prefiero puedo quisiera deseo".split())
# Openers before the first-person word ("sorry im crying").
_SORRY = frozenset("sorry ok okay um uh oh well lo siento perdon perdone ay honestly".split())
# "my ex", "my uncle Ray": who he is to the writer, said before his name (the name leads, and family words).
_MY_PERSON = _NAME_LEAD | frozenset("stepdad stepfather father dad uncle brother cousin son neighbor exs exes "
                                    "landlord boss coach pastor names".split())


def _speaks_of_oneself(clause: str) -> bool:
    """The answer opens by speaking of the writer ("sorry im crying", "my vision is blurry"), not a name: a
    first-person word first, or "my" before anything but who he is to them ("my ex John Smith")."""
    folded = _fold(clause).split()
    while folded and folded[0] in _SORRY:
        folded = folded[1:]
    if not folded:
        return False
    if folded[0] == "no" and len(folded) > 2 and folded[1] in _FIRST_PERSON_ES:
        return True  # "no quiero escribir su nombre", "no puedo poner su nombre"
    if folded[0] in _FIRST_PERSON_ES and len(folded) > 2 and folded[1] in ("no", "mejor", "escribir", "poner", "dar"):
        return True  # "prefiero no poner el nombre", "quisiera no dar su nombre"
    if folded[0] in _FIRST_PERSON:
        # "i believe its Ray Gomez", "i think Ray Gomez": a hedge before the name
        return not (len(folded) > 1 and folded[1] in ("think", "believe", "guess", "thought", "creo", "pienso"))
    return len(folded) > 2 and folded[0] == "my" and folded[1] not in _MY_PERSON


# The writer as the one who speaks ("I never got nothing", "me dijeron", "yo no sé"), and verbs that report what
# someone said: a sentence of these is a statement or a complaint, not a name.
_SPEAKER = frozenset("i im ive me yo".split())
_REPORTING = frozenset("said says told tells asked dijo dice dicen dijeron conto".split())


_NAME_SAID = re.compile(r"\b(?:name is|names is|name s|his name is|her name is|se llama|su nombre es|se llamaba)"
                        r"\s+\w+")
_PRONOUN_I = re.compile(r"\bI(?=\b|['’])")
_SENTENCE_OPENING = re.compile(r"(?:^|(?<=[.!?¡¿]\s))\s*\w")


def is_statement(text: str) -> bool:
    """The answer is a statement by the writer with no name in it ("his PO said I should already be getting
    stuff but I never got nothing", "me dijeron que ya me iban a avisar y nunca me llegó nada"): the writer
    speaks as "I" / "me" / "yo" in more than a few words, and no number and no name-like words are in it
    (words written with a capital in mixed-case text; in one case throughout, any word read as the name but
    a reporting verb such as "said")."""
    folded = _fold(text).split()
    if len(folded) < 6 or not _SPEAKER & set(folded) \
            or any(_is_number(token.strip(";:!?\"“”()[]{}#").strip(".,-")) for token in text.split()):
        return False
    if _NAME_SAID.search(" ".join(folded)):
        return False  # "I think his name is john smith but im not sure": a name follows its label
    ref = parse_offender_ref(text, statements=True)
    if ref is None:
        return True
    if ref.get("number"):
        return False
    words = [word.strip(".,") for word in (ref.get("name") or "").split()]
    # "I" and a sentence's first letter are capitals in any text: they do not make it mixed case
    plain = _SENTENCE_OPENING.sub(lambda m: m.group().lower(), _PRONOUN_I.sub("i", text))
    if plain.islower() or text.isupper():
        return not words or any(_fold(word) in _REPORTING for word in words)
    written = [token.strip(";:!?\"“”()[]{}.,") for token in text.split()]
    capital = [len(word) > 1 and word[:1].isupper() and not word.isupper() for word in written]
    if any(first and second for first, second in zip(capital, capital[1:])):
        return False  # "… is Terrence Alan Whitby …": a name is in it, whatever was read
    return not any(word in written and word[:1].isupper() for word in words)


# Two capitals that are part of a name (a suffix, a roman numeral), not an office like "PO", "DA", "CO".
_CAPITALS_IN_NAMES = frozenset("jr sr ii iv vi".split())


def _abbreviations(tokens: list[str]) -> set[int]:
    """The indexes of abbreviations typed in capitals in mixed-case text, which are labels or offices, not
    names: two capitals ("his PO said…", "the DA", "a CO told me"), and up to five beside a number, past
    labels ("AIS number 00299184", "CDOC# 123456"), unless a capitalised name word comes before ("Ana DIAZ
    123456", "Minh VU": a surname written in capitals)."""
    letters = [[ch for ch in token if ch.isalpha()] for token in tokens]
    if all(ch.isupper() for word in letters for ch in word) or all(ch.islower() for word in letters for ch in word):
        return set()  # one case throughout: nothing to tell

    def capitals(i: int, most: int) -> bool:  # letters only, all capitals ("PO", "AIS#", "(DA)")
        word = tokens[i].strip(";:!?\"“”()[]{}.,#")
        return 2 <= len(word) <= most and word.isalpha() and word.isupper()

    def beside_a_number(i: int) -> bool:
        for step in (-1, 1):
            at = i + step
            while 0 <= at < len(tokens) and (not letters[at] and not _is_number(tokens[at].strip("#:.,"))
                                             or _is_label(_fold(tokens[at]))):
                at += step
            if 0 <= at < len(tokens) and _is_number(tokens[at].strip(";:!?\"“”()[]{}#").strip(".,-")):
                return True
        return False

    found = set()
    for i, token in enumerate(tokens):
        folded = _fold(token)
        if not letters[i] or folded in _PARTICLES or folded in _CAPITALS_IN_NAMES:
            continue
        after_name = i > 0 and letters[i - 1] and letters[i - 1][0].isupper() and len(letters[i - 1]) > 1 \
            and not _is_label(_fold(tokens[i - 1])) and i - 1 not in found
        if (capitals(i, 2) or capitals(i, 5) and beside_a_number(i)) and not after_name:
            found.add(i)
    return found


# Words that label an offender's number ("his MDOC number is", "register #", "número de recluso", "booking no.").
_NUMBER_LABELS = frozenset("""number numbers num no nr nro nº id inmate booking register registration reg docket case
    sid spn din nysid jid tdcj bop cdcr doc tdoc idoc kdoc mdoc gdc odrc ddoc adoc fdoc ndoc dcj ais offender
    prisoner numero recluso reclusa registro expediente interno reo preso presa book""".split())
# Digits typed in groups with spaces ("9 8 4 2 1 7", "12 34 56", "60391 479"): one number when it follows a number's
# label or is the whole answer (a date or a count elsewhere in a sentence is left alone).
_SPACED_DIGITS = re.compile(r"(?<![\w-])(?:[A-Z]\s?)?\d{1,6}(?:[ ]\d{1,6})+(?![\w-])")


def _labelled(text: str, start: int) -> bool:
    """A number's label stands among the (up to four) words before `start`, or "#" right before it."""
    before = text[:start]
    if before.rstrip().endswith(("#", "nº", "No.", "no.")):
        return True
    words = [_fold(word) for word in re.findall(r"[^\W_]+", before.lower())[-4:]]
    if any(mine in ("my", "mi", "mine") and after in ("number", "numero", "phone", "cell", "telefono", "celular")
           for mine, after in zip(words, words[1:])):
        return False  # "my number is 555 0143": the writer's own
    return any(word in _NUMBER_LABELS or bool(_AGENCY.fullmatch(word)) for word in words)


def _joined_digits(text: str) -> str:
    """Digit groups with spaces joined into one number where they are one ("his MDOC number is 9 8 4 2 1 7")."""
    def join(match: re.Match) -> str:
        joined = match.group().replace(" ", "")
        if sum(ch.isdigit() for ch in joined) < 4:
            return match.group()
        alone = not re.sub(r"[\W_]", "", text[:match.start()] + text[match.end():])
        return joined if alone or _labelled(text, match.start()) else match.group()
    return _SPACED_DIGITS.sub(join, text)


def _labelled_numbers(text: str) -> set[str]:
    """The numbers of `text` that follow a number's label ("register # is 60391-479", "su número es R71390")."""
    found = set()
    for match in re.finditer(r"[A-Za-z0-9-]+", text):
        token = match.group().strip("-")
        if _is_number(token) and _labelled(text, match.start()):
            found.add(token.upper())
    return found


def parse_offender_ref(text: str, statements: bool = False) -> dict | None:
    """{"name", "number"} from "John Smith", "A123456", "Juan Pérez, booking #2023-004512". One token with
    3+ digits (letters, dashes allowed) is the number; other words minus filler ("his name is", "TDCJ") are
    the name, title-cased if typed in one case. Only what names the person is kept, clause by clause: not a
    nickname ("Marco Ruiz, le dicen el Flaco" -> "Marco Ruiz"), nor a clause of function words ("Luis Mejía,
    no tengo su número" -> "Luis Mejía"), nor what follows a number ("R48213 me lo dio la muchacha del
    fiscal" -> number only). Markup, URLs, symbols, > 120 chars, "not sure", a statement with no name in it
    (is_statement: read as it is when `statements`) -> None."""
    if not text or len(text) > 120 or looks_like_junk(text) or _URL.search(text) or is_unknown(text):
        return None
    if not statements and is_statement(text):
        return None
    numbers, words = set(), []
    text = _joined_digits(_without_corrected_numbers(_SPOKEN_COMMA.sub(", ", text)))
    naming = strip_name_lead(_first_naming(text))
    if naming != text:  # a number said in another sentence ("I believe his number is 58231-408") counts too
        numbers = {token.strip(".,-").upper() for token in (raw.strip(";:!?\"“”()[]{}")
                                                           for raw in text.replace("#", " ").split())
                   if _is_number(token)}
        numbers = {n for n in numbers if n and n not in naming.upper()}
    if _speaks_of_oneself(re.split(r"[,;.!?]", naming, maxsplit=1)[0]):
        # "sorry im crying i cant do this rn", "my vision is kinda blurry": the person, not a name; but a number
        # given after it under its label is the answer ("i dont want to type his name. his register # is 60391-479")
        labelled = _labelled_numbers(text)
        return {"name": None, "number": labelled.pop()} if len(labelled) == 1 else None
    unquoted = _QUOTED.sub(" ", naming)  # 'Jaime "Chato" Torres': a nickname in quotes
    tokens = (unquoted if sum(ch.isalpha() for ch in unquoted) >= 2 else naming).replace("#", " ").split()
    abbreviations = _abbreviations(tokens)
    tokens = ["id" if i in abbreviations else token for i, token in enumerate(tokens)]  # a label, as "number"
    named = _naming_words(tokens)
    for at, token in enumerate(raw.strip(";:!?\"“”()[]{}") for raw in tokens):
        if _is_number(token):
            numbers.add(token.strip(".,-").upper())
        elif any(ch.isdigit() for ch in token) or not any(ch.isalpha() for ch in token):
            continue  # "2nd", "-", an emoji
        elif re.fullmatch(r"[A-Za-z]{1,4}[&/][A-Za-z]{1,4}", token):
            continue  # a label such as New York's "B&C" (book and case) number
        elif not re.fullmatch(r"(?:[^\W\d_]|['’.,-])+", token):
            return None  # "@", "$", "<b>": not part of a name
        elif at in named and not _is_label(_fold(token)):
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
    if len(codes) > 1:
        # "mexico creo, no guatemala", "not Honduras, Guatemala": a country said not to be it is out
        said_not = {names[match.group()] for match in pattern.finditer(folded)
                    if _SAID_NOT.search(folded[:match.start()])}
        codes = codes - said_not or codes
    if not codes:
        grams = {core} | {" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words))}
        codes = {names[hit[0]] for gram in grams if len(gram) >= 5
                 if (hit := process.extractOne(gram, list(names), scorer=fuzz.ratio, score_cutoff=85))}
    return codes.pop() if len(codes) == 1 else None


# Right before a country: it is said not to be it ("no guatemala", "no es de honduras", "not from mexico").
_SAID_NOT = re.compile(r"\b(?:no|not|ni|nor|isnt|wasnt)\s+(?:es\s+|is\s+|era\s+|was\s+|he s\s+|hes\s+)?"
                       r"(?:de\s+|from\s+)?$")


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


# Answers that mean "no quiet hours" however they are put: a word that says any hour is fine anywhere in
# the answer ("no, send it whenever. if he gets out I want to know at 3am", "a cualquier hora, ya no duermo").
_ANY_HOUR = re.compile(
    r"\b(?:any ?time|any hour|whenever|whatever|immediately|right away|at once|asap|straight away|"
    r"no preference|not necessary|unnecessary|no need|not needed|doesnt matter|does not matter|dont care|"
    r"no quiet hours|24 ?7|all day|day or night|cualquier hora|cualquier momento|cuando sea|de inmediato|"
    r"cuando quiera|cuando quieras|a la hora que sea|inmediatamente|enseguida|en seguida|al momento|al instante|no hace falta|no es necesario|no importa|"
    r"me da igual|da igual|sin horas|sin horario|todo el dia|de dia o de noche|lo quiero saber ya|"
    # faq9: it makes no difference, it does not apply, I don't mind ("I do not read e-mail at night, so it
    # makes no difference", "Not applicable for email", "ni modo, a cualquier hora", "me vale")
    r"(?:makes|make|making)\s+no\s+difference|no difference|(?:doesnt|does not|wont|will not|dont|do not)\s+"
    r"(?:really\s+)?(?:make a difference|make any difference|matter|apply|bother me|mind)|not applicable|"
    r"doesnt apply|n a|no matter|either way|i dont mind|dont mind|idc|who cares|not relevant|irrelevant|"
    r"whenever is fine|any time is fine|es igual|me es igual|da lo mismo|"
    r"me da lo mismo|lo que sea|como sea|no aplica|no hace diferencia|no tiene importancia|no me importa|"
    r"me vale|no me molesta|ni modo|a la hora que quieran)\b")
# Words that may surround a plain "no" ("she says no", "nah thanks", "None.").
_NO_WORDS = frozenset("no nope nah naw none nada ninguna ninguno nel not needed necessary thanks thank you "
                      "please pls gracias por favor she he says said dice dijo que ella el mi my mom mum "
                      "mother mama daughter hija son hijo i think creo quiet hours horas de silencio for "
                      "para really".split())
_NO_START = frozenset("no nope nah naw none nada ninguna ninguno nel".split())
# One end of the quiet hours: "not after 9 at night", "after 10pm nothing", "no después de las 10",
# "not before 8am", "nada antes de las 7", "until 7am", "hasta las 7".
_AFTER = r"(?:after|past|later than|from|starting|despues de|pasadas|a partir de|desde)"
_BEFORE = r"(?:before|earlier than|until|till|til|antes de|hasta)"
_ONLY = re.compile(r"\b(?:only|just|ok|okay|fine|solo|solamente|nomas|esta bien)\b")


def _end_hour(kind: str, match: re.Match) -> str | None:
    hour, minute, mark = match.groups()
    marker = _MERIDIEM.get(mark)
    if marker is None and int(hour) <= 12 and not hour.startswith("0"):
        marker = "night" if kind == "start" else "am"
    at, minute = _hour(int(hour), marker), int(minute or 0)
    return None if at is None or minute > 59 else f"{at:02d}:{minute:02d}"


def _one_end(prepared: str) -> tuple[str, str] | None:
    """("21:00", "07:00") for "not after 9 at night" (the night until 7 am); ("22:00", "08:00") for "not
    before 8am" (from 10 pm). An hour without am/pm is evening after "after" and morning before "before".
    Both ends said apart ("nothing before 8 in the morning or after 9 in the evening", "nada antes de las 7
    ni después de las 10") give both."""
    ends = [(kind, m) for kind, pattern in (("start", _AFTER), ("end", _BEFORE))
            for m in re.finditer(rf"\b{pattern}\s+{_TIME}", prepared)]
    if _ONLY.search(prepared):  # "only after 8am": messages wanted then, not quiet
        return None
    if len(ends) == 2 and {kind for kind, _ in ends} == {"start", "end"}:
        start, end = (_end_hour(kind, m) for kind, m in sorted(ends, key=lambda e: e[0] != "start"))
        return (start, end) if start and end and start != end else None
    if len(ends) != 1:
        return None
    kind, match = ends[0]
    given = _end_hour(kind, match)
    other = "07:00" if kind == "start" else "22:00"
    if given is None or given == other:
        return None
    return (given, other) if kind == "start" else (other, given)


def _prepare_times(text: str) -> str:
    prepared = _fold((text or "").replace("–", "-").replace("—", "-"), keep=".:-")
    prepared = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", prepared).replace(".", " ")  # "p.m." -> "pm"
    for words, clock in (("noon|mediodia", "12 pm"), ("midnight|medianoche", "12 am")):
        prepared = re.sub(rf"\b(?:{words})\b", clock, prepared)
    return prepared


def quiet_hours_one_end(text: str) -> tuple[str, str] | None:
    """The quiet hours when the answer gives only one end of them and no range (see _one_end)."""
    prepared = _prepare_times(text)
    if len(prepared) > 160 or _RANGE.search(prepared):
        return None
    return _one_end(prepared)


def parse_quiet_hours(text: str) -> tuple[str, str] | str | None:
    """("22:00", "07:00") for "10pm-7am", "22-7", "de 10 de la noche a 7 de la mañana"; "none" for no,
    ninguna, any time, whenever, "she says no", "a cualquier hora, ya no duermo". An unmarked start ("10 to
    7", "de 10 a 7") is evening unless the end says pm. One end only ("not after 9 at night", "not before
    8am", "no después de las 10") takes 7 am or 10 pm as the other end (quiet_hours_one_end)."""
    folded = " ".join(_POLITE.sub(" ", _fold(text)).split())  # "no, thank you", "no, any time is fine"
    if {folded, folded.removeprefix("no "), _fold(text)} & _NO_QUIET_HOURS:
        return "none"
    prepared = _prepare_times(text)
    if len(prepared) > 160:
        return None
    matches = list(_RANGE.finditer(prepared))
    if len(matches) > 1:
        return None
    if not matches:
        words = _fold(text).split()
        one_end = _one_end(prepared)  # "not after 10pm, I don't mind the rest": the hour said wins
        if one_end is None and (_ANY_HOUR.search(_fold(text)) or (set(words) <= _NO_WORDS
                                                                 and set(words) & _NO_START)):
            return "none"  # "whenever", "nah", "she says no", "dice que no"
        return one_end
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
STATE_CODES = frozenset(_STATES)
_DIRECTIONS = {"N": "Northern north norte", "S": "Southern south sur", "E": "Eastern east este oriental",
               "W": "Western west oeste occidental", "C": "Central centro", "M": "Middle medio"}
_DIRECTION_OF = {w.lower(): letter for letter, words in _DIRECTIONS.items() for w in words.split()}
# Codes and citations that are also words ("hi", "me", "miss") count only when typed "HI" or "E.D. La.".
_LOOSE = frozenset("in me or de ok hi al la oh id ma co mi ms mo va pa vi ill ind miss wash del".split())
_STATE_COMPACT = {s.replace(" ", ""): code for code, (_, _, spellings) in _STATES.items() for s in spellings}
_STATE_WORDS = {s: code for code, (_, _, spellings) in _STATES.items() for s in spellings if s not in _LOOSE}
_STATE_RE = re.compile(r"\b(?:%s)\b" % "|".join(sorted(map(re.escape, _STATE_WORDS), key=len, reverse=True)))


# Two states written as alternatives: "Kansas and Missouri", "en Texas o en Oklahoma", "TX or OK".
_BETWEEN_STATES = re.compile(r"^\s*(?:,|/|&|and|or|y|o|u|ni|or maybe|o tal vez|or in|o en|y en|and in)?\s*"
                             r"(?:(?:in|en|el|the|state of|estado de)\s+)?$")


def states_side_by_side(text: str) -> list[str]:
    """The states a message names next to each other as alternatives, in order; [] when there are none."""
    folded = _fold(text)
    found = [(m.start(), m.end(), _STATE_WORDS[m.group(0)]) for m in _STATE_RE.finditer(folded)]
    found += [(m.start(), m.end(), m.group(0).upper()) for m in re.finditer(r"\b[A-Z]{2}\b", text)
              if m.group(0) in _STATES and m.group(0).lower() not in _STATE_WORDS]
    found.sort()
    chosen: list[str] = []
    for (_, end, first), (start, _, second) in zip(found, found[1:]):
        if first != second and _BETWEEN_STATES.match(folded[end:start]):
            chosen += [code for code in (first, second) if code not in chosen]
    return chosen


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


_CITE_SHAPE = re.compile(r"[NSEWMC]?\.?\s?D\.?\s?[A-Z]")  # "EDNY", "S.D. Tex.", "D. Ariz.", "SD Tex"


def _cited_districts(text: str) -> set[str]:
    """The districts cited by their court abbreviation inside a longer answer ("EDNY (Brooklyn)", "the case
    is in SDNY"): one to three words written with a capital D, read as parse_federal_district reads them."""
    tokens = [token.strip("()[]{},;:!?\"“”") for token in (text or "").split()]
    found = set()
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            gram = " ".join(tokens[i:i + size])
            cite = re.fullmatch(r"([nsewmc]?)d([a-z]+)", _fold(gram).replace(" ", ""))
            formal = "." in gram or gram.isupper()  # "D. Me.", "DME": not the words "do me"
            if (cite and _CITE_SHAPE.match(gram) and cite.group(2) in _STATE_COMPACT
                    and (formal or cite.group(2) not in _LOOSE)):
                found.add(_district(_STATE_COMPACT[cite.group(2)], cite.group(1).upper() or None))
    return found - {None}


def districts_of(code: str) -> list[str]:
    """The federal districts of a state or territory (USPS code): one, or two to four; [] for no state."""
    if code not in _STATES:
        return []
    letters = _STATES[code][1]
    return [d for d in (_district(code, letter) for letter in letters or [None]) if d]


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
    cited = _cited_districts(text)
    if len(cited) == 1:  # "EDNY (Brooklyn)", "it's in the S.D. Tex. court"
        return cited.pop()
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
