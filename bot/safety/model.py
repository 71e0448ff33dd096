"""Danger assessment: a classifier trained for danger alone, combined with the danger patterns.

Every message is read for four kinds of danger (violence or a threat now, thoughts of suicide, a
suicide attempt under way, a medical emergency after an assault). The decision is built for recall:
a message is danger when any pattern of data/reference/danger_terms.yml matches, or when the
classifier's probability that it is not "none" reaches THRESHOLD on the whole message, or
WINDOW_THRESHOLD on one of its sentences (a long story can end with "he's at the door now"). A wrong 911 line costs a
sentence; a missed one can cost a life.

The classifier (bot/textclf.py: character and word n-grams, logistic regression) is trained on
data/safety/ (own sentences, written for this project by separate writers), with the assistant's
other training examples (data/nlu/, data/relevance/) as "none"; it is kept in models/safety.joblib.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import yaml

from bot import faq, textclf
from bot.nlu.text import normalize
from bot.safety import context

ROOT = Path(__file__).resolve().parents[2]
SAFETY_DATA = ROOT / "data" / "safety"
PATTERN_FILE = ROOT / "data" / "reference" / "danger_terms.yml"

NONE, VIOLENCE, SELF_HARM, ATTEMPT, MEDICAL = "none", "violence", "self_harm", "self_harm_attempt", "medical"
KINDS = (VIOLENCE, SELF_HARM, ATTEMPT, MEDICAL)
# Probability of "some danger" above which a message is answered as danger. Chosen for recall on
# held-out folds of the training data (bench/safety_cv.py prints recall and false alarms per value).
THRESHOLD = float(os.environ.get("BOT_DANGER_THRESHOLD", "0.4"))
# A sentence read on its own has lost its context ("mi ex me violaba" before ", ahora está preso";
# "he raped me" before "when I was 12"), so it must be surer than the whole message to decide.
WINDOW_THRESHOLD = float(os.environ.get("BOT_DANGER_WINDOW_THRESHOLD", "0.9"))
# A sentence decides alone only when the whole message leans at least this much towards danger: a
# grieving or angry message whose one sentence reads like danger out of context ("yo tuve que pagar mi
# terapia, mis medicinas") is not an emergency. On held-out folds of the training data (5,790 danger
# messages) this lost one and spared 49 of 7,986 hard negatives a false alarm.
WINDOW_FLOOR = float(os.environ.get("BOT_DANGER_WINDOW_FLOOR", "0.1"))
# ...except the last sentence when it is all but certain: a long story that ends "A veces pienso que para qué
# sigo aquí si ya no está mi niño" ends with what the person feels now (the whole read 0.09, that sentence 1.0).
LAST_SURE = float(os.environ.get("BOT_DANGER_LAST_SURE", "0.98"))
# The classifier's probability from which a danger answer (without a pattern) also pauses the conversation
# for the crisis follow-up; below it the message is answered as danger and then as what else it says.
SURE = float(os.environ.get("BOT_DANGER_SURE", "0.8"))
# A message that parses as the answer to the open question ("Yes, she would like that. She's sitting here with
# me") is sure danger only from this probability ("ok i took like 30 tylenol an hour ago" at the read-back is).
ANSWER_SURE = 0.9
# A message that parses as the answer to the open question is decided by the patterns alone up to this many words
# ("PA", "y", "esta bn", "aqui": the classifier gave some of them 1.0); beyond, the classifier at ANSWER_LONG_THRESHOLD.
ANSWER_WORDS = 4
ANSWER_LONG_THRESHOLD = 0.95
# Sentences shorter than this are not scored on their own ("ok.", "yes.").
_MIN_WINDOW_WORDS = 3
_SENTENCES = re.compile(r"(?<=[.!?\n;])\s+")
_CLAUSES = re.compile(r"[.!?\n;,]+")


@dataclass(frozen=True)
class Assessment:
    """What the safety layer concluded about one message."""

    kind: Optional[str]  # one of KINDS, or None
    score: float  # the classifier's highest probability of danger over the windows
    by_pattern: bool
    # Other kinds whose probability is high enough to deserve their own line in the answer.
    also: Tuple[str, ...] = ()
    # A pattern, or the classifier at SURE or above. When unsure, the danger answer still goes out first,
    # and the conversation is not paused: the person's message is answered as well (issue 8: "when unsure
    # whether a message signals danger, answer it as danger and keep the program available").
    sure: bool = True

    @property
    def danger(self) -> bool:
        return self.kind is not None


def _yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@lru_cache(maxsize=1)
def patterns() -> Dict[str, List[re.Pattern]]:
    """kind -> compiled patterns, from data/reference/danger_terms.yml."""
    table = _yaml(PATTERN_FILE)
    return {kind: [re.compile(p) for p in table.get(kind) or ()] for kind in KINDS}


# A negation just before a match ("I'm not in danger", "ya le dije que no estoy en peligro") takes the
# pattern out of the decision; the classifier, trained on such sentences, still reads the message.
# "my heart pounding like he's in the room", "como si estuviera aquí": a comparison, not a fact.
_NEGATED = re.compile(r"\b(not|never|no|isnt|arent|wasnt|werent|dont|doesnt|didnt|aint|nunca|ni|tampoco)( \w+)? ?$"
                      r"|\b(as if|as though|como si|(pounding|racing|feeling|feels|felt|feel|siento) like)( \w+)? ?$")


# "no, he's here right now": a no that answers the question asked, not a negation of what follows it.
_ANSWERING_NO = frozenset(("no", "nope", "nah", "no no"))


def _matches(pattern: re.Pattern, norm: str) -> bool:
    return any(norm[:m.start()].strip() in _ANSWERING_NO or not _NEGATED.search(norm[max(0, m.start() - 30):m.start()])
               for m in pattern.finditer(norm))


# A story told in the past ("he said he'd kill me when he gets out, that was 2014", "me amenazaba con
# un cuchillo hace años", "I dream he's in the house") names dangerous things that are not happening
# now: such a message is decided by the classifier, trained on these stories, and not by a pattern
# alone, unless it also says that something is happening now.
_PAST = re.compile(
    r"\b(19[5-9]\d|20[0-2]\d)\b|\b(years?|months?|weeks?|yrs?|mos?|wks?) ago\b|\bused to\b|\bback (then|in|when)\b"
    r"|\blast (year|summer|winter|spring|fall|month|week)\b|\bwhen i was\b|\b(from|back) when\b|\b(el|del) (mes|ano) pasado\b|\bat (the |his )?(trial|sentencing|hearing)\b"
    r"|\b(dream|dreams|dreaming|dreamt|dreamed|nightmares?)\b|\bhace (\w+ ){0,2}(anos|meses|tiempo|semanas)\b"
    r"|\b(el|hace un) ano pasado\b|\bcuando (yo )?(era|tenia)\b|\ben el juicio\b|\b(sueno|sone|pesadillas?)\b"
    r"|\b(me|lo) (amenazaba|pegaba|golpeaba|seguia|ahorcaba)\b"
    # "it's been 3 years", "it's been like a year": told from a distance of time
    r"|\b(its|it s|it has) been (like |about |almost |over |nearly )?(\d+|a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|a few|a couple|several) (years?|months?|weeks?|yrs?)\b"
)
_NOW = re.compile(
    r"\bright now\b|\brn\b|\btonight\b|\bas we speak\b"
    r"|\bjust (now|got|texted|called|showed|broke"
    r"|(?!wanted|needed|wondered|realized|learned|hoped|decided|started|moved|finished|ended|turned)\w+ed)\b"
    r"|\bstill (standing|sitting|parked|waiting|outside|at (the|my) door)\b|(?<!\bim )(?<!\bi am )(?<!\bi m )\bstill (here|there|out there)\b"
    r"|\b(\d+|a few|few|a couple of|a couple|couple|two|three|five|ten|fifteen|twenty|thirty) (min|mins|minutes) ago\b"
    r"|\bhace (\d+|unos|un par de|como) (min|mins|minutos)\b|\bsigue (afuera|aqui|parado|esperando|en la puerta)\b"
    r"|\b(ahora|ahorita|orita) mismo\b|\bahorita\b|\borita\b|\ben este (momento|instante)\b|\besta noche\b"
    r"|\bacaba(n)? de\b|\bhappening (again )?(right )?now\b|\besta pasando (ahorita|ahora)\b"
)


# Words that date one sentence, never a whole message ("he's at my door, last time he came he had a gun" is now):
# "thats where he found me that time", "last time he got out he found me in two weeks".
_PAST_SENTENCE = re.compile(r"\bthat time\b|\b(the )?last time (he|she|they)\b")


# A date that goes with his arrest, release or deportation dates that custody, not what the message tells around
# it: "cops arrested him last month for the same thing" after "beat me with a belt buckle. covered in blood", "lo
# deportaron a El Salvador en 2022 y ahora está parado en la esquina del parque" are not stories of the past.
_CUSTODY_DATED = re.compile(
    r"\b(arrested|released|deported|paroled|locked (him|her|them) up|let (him|her|them) (out|go)|got out|bonded out"
    r"|bailed out|picked (him|her|them) up|(lo|la|los) (arrestaron|soltaron|deportaron|detuvieron|agarraron|sacaron)"
    r"|salio)\b( \w+){0,6}? (last (year|month|week|summer|winter|spring|fall)|(19[5-9]\d|20[0-2]\d)"
    r"|(\w+ )?(years?|months?|weeks?|yrs?|mos?|wks?) ago|hace (\w+ ){0,2}(anos|meses|semanas)|(el|del) (mes|ano) pasado)\b")


def told_as_past(norm: str) -> bool:
    # "not in danger rn": the words that say the person is safe say nothing about now.
    return bool(_PAST.search(_CUSTODY_DATED.sub(" ", norm))) and not _NOW.search(_SAID_SAFE.sub(" ", norm))


# The person says outright that they are not in danger now: the classifier must then be sure of the
# whole message, and no sentence decides alone (a pattern, such as "he's at the door", still decides).
_SAID_SAFE = re.compile(
    r"\bnot in (any )?danger( right now| rn| now| at the moment)?\b"
    r"|\bno (estoy|estamos|esta) en (ningun )?peligro( ahorita| ahora| en este momento)?\b|\b(im|i am|i m|we are|were) safe\b"
    r"|\b(estoy|estamos) a salvo\b|\b(estoy|estamos) (segura|seguro|seguros|seguras)\b"
    r"|\b(im|i am|i m|were|we are) (ok|okay|fine|alright|all right)( now| right now)?\b"
    r"|\b(ya )?(estoy|estamos) (bien|tranquila|tranquilo)( ahorita| ahora)?\b"
    r"|\b(i dont|i do not|i dont really) feel (like im |like i am )?(in danger|unsafe)\b|\bno me siento en peligro\b"
    r"|\b(i aint|im not|i am not) (scared|afraid) (of him|of her|of them)?\b|\bno (le|les) tengo miedo\b"
    # someone else is safe, nobody is coming or threatening, he cannot reach the person
    r"|\b(shes|she is|hes|he is|theyre|they are|the kids are|my kids are) (safe|ok|okay|fine|alright)( now)?\b"
    r"|\b(nobody|no one|noone|nobodys|no ones)( is| s)? (coming|threatening|threatened|here)\b"
    r"|\b(he|she|they) (didnt|did not|never) threaten\b|\b(he|she|they) (cant|cannot|can not) (get to|reach|get near|hurt) (me|us)\b"
    r"|\b(im|i am|i m) in a (good|better|safe) place\b|\b(not|never) (gonna|going to) hurt (anybody|anyone|nobody)\b"
    # the person says they will not hurt themselves ("no voy a hacerme nada, solo es raro vivir asi")
    # (not when it is only for now: "no me voy a hacer nada ahorita", "not gonna hurt myself yet")
    r"|\b(im |i am |i m )?(not|never) (gonna|going to) (hurt|harm|do anything to|kill) myself\b"
    r"(?! (right now|rn|yet|for now|today|tonight|now))|\b(im|i am|i m) not suicidal\b"
    r"|\bno (me voy a hacer|voy a hacerme) (nada|dano)\b(?! (ahorita|ahora|orita|por ahora|todavia|hoy|esta noche))"
    r"|\bno (me voy a|voy a) (matar|quitar la vida)\b(?! (ahorita|ahora|orita|por ahora|todavia|hoy|esta noche))"
    # "I don't think I'm in danger right now", "nothing is happening right now", "ya estoy en mi casa, tranquila"
    r"|\b(i )?(dont|do not) think (im|i am|i m|we re|were) in (any )?danger\b|\bnothing (is |s )?happening( right)? now\b"
    r"|\bno (esta|estan) pasando nada\b|\b(ya )?estoy en (mi|la) casa,? (tranquila|tranquilo|a salvo)\b"
    r"|\b(ella|el|ellos|ellas|los ninos|mis hijos) (ya )?(esta|estan) (a salvo|bien|segura|seguro|seguros|seguras)\b"
    r"|\bnadie (me|la|lo|nos) (ha )?(amenazado|amenaza|esta amenazando)\b|\b(estoy|estamos) (sana|sano|sanos|sanas)\b"
    # "no one is hurting me right now, i promise", "nadie me está lastimando ahorita"
    r"|\b(nobody|no one|noone)( is| s)? (hurting|hitting|touching|bothering|after) (me|us)( right now| rn| now)?\b"
    r"|\bnadie (me|nos) (esta )?(lastimando|pegando|haciendo dano|molestando)( ahorita| ahora)?\b"
    # the wish to die denied in the same breath: "no quiero morirme ni nada, solo necesito sacarlo", "no es que me
    # quiera morir", "not that I want to die", "I don't want to die or anything"
    r"|\bno quiero morir(me)? ni nada\b|\bno es que (me )?quiera morir(me)?\b|\bno es que (me )?quiera matar\b"
    r"|\bnot that i (want|wanna) (to )?die\b|\bi (dont|do not) (want|wanna) (to )?die or anything\b"
    r"|\bno voy a hacer nada,? (mi (terapeuta|consejera|psicologa|psicologo)|lo prometo|se lo prometo|te lo prometo)\b"
    r"|\b(im|i am|i m) not (going|gonna) to do anything,? (i promise|promise|my therapist)\b"
)


# "PTSD is kicking my butt today", "this class is killing me": idioms, not violence (the classifier still reads them).
_IDIOMS = re.compile(r"\b(kicking|kicked|kicks|kick) (my|our|your) (butt|behind|booty|tail|rear)\b")


def _first_kind(norm: str) -> Optional[str]:
    # "No estoy en peligro ahora mismo": the words that say so are not a sign of danger.
    norm = _IDIOMS.sub(" ", _SAID_SAFE.sub(" ", norm))
    for kind in (ATTEMPT, MEDICAL, SELF_HARM, VIOLENCE):
        if any(_matches(p, norm) for p in patterns()[kind]):
            return kind
    return None


def pattern_kind(norm: str, sentences: Iterable[str] = (), clauses: Iterable[str] = ()) -> Optional[str]:
    """The kind of the first pattern group that matches the normalised text (attempts and medical
    emergencies first: they need 911 before anything else); None for a story told in the past, or when
    every sentence that matches on its own is told in the past ("when i was little he used to choke me
    until i passed out. tonight is the first time i typed it": "tonight" does not make the choking now)."""
    if told_as_past(norm):
        return None
    kind = _first_kind(norm)
    if kind is not None:
        matching = [s for s in sentences if _first_kind(s) is not None]
        if matching and all(told_as_past(s) for s in matching):
            return None
        # The clauses that match on their own, each dated by its own words ("that time", "last time he")
        dated = [c for c in clauses if _first_kind(c) is not None]
        if dated and all(_PAST_SENTENCE.search(c) and not _NOW.search(c) for c in dated):
            return None
    return kind


SAID_SAFE_THRESHOLD = 0.75
# A story told in the past with no sign of now ("two years ago he robbed me at gunpoint, I still can't sit
# with my back to a door") must be surer to be answered as danger. On the four read development sets
# (1,190 danger and 880 distress messages) 0.6 lost no danger message and spared 10 false alarms.
PAST_THRESHOLD = float(os.environ.get("BOT_DANGER_PAST_THRESHOLD", "0.6"))
# One or two words ("ok", "texas") give the classifier too little to go on: short cries for help are
# patterns ("help", "auxilio", "kms"). Three words ("no me llegó", "ya no puedo") are read, a little surer.
# Four to seven words ("the sky is blue" at the read-back got 0.52 medical) need a little more, less with
# each word: on the read development sets (1,520 danger, 1,100 distress and 2,918 ordinary messages: routing
# turns and form answers) this lost no danger message and flagged 5 fewer ordinary ones.
SHORT_THRESHOLDS = {1: 0.9, 2: 0.9, 3: 0.6, 4: 0.6, 5: 0.55, 6: 0.5, 7: 0.45}
MAX_CHARS = 2000
# The classifier's inverse regularisation. On the read development sets dev_a..dev_e (1,520 danger and
# 1,100 distress messages) 16 kept recall (1,518) and cut false alarms from 72 to 62 against 8; 32 lost
# three Spanish danger messages (bench/safety_dev.py and the sweep noted in README.md).
SAFETY_C = float(os.environ.get("BOT_SAFETY_C", "16"))


def windows(text: str) -> List[str]:
    """The whole message and its sentences (normalised), each scored on its own."""
    whole = normalize(text)
    parts = [normalize(p) for p in _SENTENCES.split(text) if p and p.strip()]
    parts = [p for p in parts if len(p.split()) >= _MIN_WINDOW_WORDS and p != whole]
    return [whole] + parts


# --- training data ------------------------------------------------------------------------------


def _nlu_examples() -> Iterable[Tuple[str, str]]:
    """The assistant's own training examples: crisis examples are danger, every other intent none."""
    for path in sorted((ROOT / "data" / "nlu").glob("*/*.yml")):
        for block in _yaml(path).get("nlu") or ():
            if "intent" not in block:
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if not line.startswith("- "):
                    continue
                text = re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", r"\1\2", line[2:])
                if block["intent"] == "crisis":
                    yield text, pattern_kind(normalize(text)) or VIOLENCE
                else:
                    yield text, NONE


def training_examples() -> List[Tuple[str, str]]:
    """(text, label) pairs: data/safety/, data/relevance/ (none) and data/nlu/."""
    rows: List[Tuple[str, str]] = []
    for path in sorted(SAFETY_DATA.glob("*.yml")):
        for label, texts in _yaml(path).items():
            label = NONE if label == "not_danger" else label
            if label not in KINDS and label != NONE:
                continue
            rows += [(str(t), label) for t in texts or ()]
    for path in sorted((ROOT / "data" / "relevance").glob("*.yml")):
        data = _yaml(path)
        for key in ("relevant", "off_topic"):
            rows += [(str(t), NONE) for t in data.get(key) or ()]
        rows += [(str(r["text"]), NONE) for r in data.get("routing") or () if isinstance(r, dict) and r.get("text")]
    rows += list(_nlu_examples())
    seen = set()
    unique = []
    for text, label in rows:
        key = normalize(text)
        if key and key not in seen:
            seen.add(key)
            unique.append((text, label))
    return unique


def train(rows: Optional[List[Tuple[str, str]]] = None):
    return textclf.fit(rows if rows is not None else training_examples())


class DangerModel:
    """The trained classifier plus the patterns; `assess(text)` for one message."""

    def __init__(self, pipeline, threshold: float = THRESHOLD, window_threshold: float = WINDOW_THRESHOLD) -> None:
        self.pipeline = pipeline
        self.threshold = threshold
        self.window_threshold = window_threshold
        self.labels = list(pipeline.classes_)

    def probabilities(self, texts: List[str]) -> List[Dict[str, float]]:
        return [dict(zip(self.labels, row)) for row in self.pipeline.predict_proba(texts)]

    def assess(self, text: str, question: Optional[str] = None) -> Assessment:
        """`question`: the one the conversation has open (bot/safety/context.py), when known."""
        parts = windows(text)
        if not parts or not parts[0]:
            return Assessment(None, 0.0, False)
        found = pattern_kind(parts[0], [normalize(p) for p in _SENTENCES.split(text) if p and p.strip()],
                             [normalize(c) for c in _CLAUSES.split(text) if c and c.strip()])
        scored = self.probabilities(parts)
        said_safe = _SAID_SAFE.search(parts[0]) is not None
        past = told_as_past(parts[0])
        threshold = max(self.threshold, SAID_SAFE_THRESHOLD) if said_safe else \
            max(self.threshold, PAST_THRESHOLD) if past else self.threshold
        words = len(parts[0].split())
        if words in SHORT_THRESHOLDS:
            threshold = max(threshold, SHORT_THRESHOLDS[words])
        answering = False  # the message parses as the answer to the open question (see `sure` below)
        if faq.only_confusion(text) or (context.answers(question, text) and words <= ANSWER_WORDS):
            # A plain answer to the open question, or only "sorry, I don't understand": only a pattern can
            # make it danger.
            threshold = 1.01
        elif context.answers(question, text):
            # A longer message that also parses as the answer ("ya no me importa nada… solo quiero dormir para
            # siempre" reads as "no quiet hours"): the classifier decides when it is all but sure.
            threshold = max(threshold, ANSWER_LONG_THRESHOLD)
        elif context.longer_answer(question, text):
            threshold = max(threshold, context.LONGER_ANSWER_THRESHOLD)
            answering = context.parses(question, text)
        elif context.names_a_place(question, text):
            threshold = max(threshold, context.PLACE_THRESHOLD)
        elif context.free_text(question, text):
            threshold = max(threshold, context.FREE_TEXT_THRESHOLD)
        elif context.form_sentence(question, text) and \
                scored[0].get(SELF_HARM, 0.0) + scored[0].get(ATTEMPT, 0.0) < \
                scored[0].get(VIOLENCE, 0.0) + scored[0].get(MEDICAL, 0.0):
            # Never for a message that leans towards thoughts of suicide: "Is there a painless way. asking for me",
            # "God forgive me but I cant keep doing this" get 988 at any question (bench/safety_context.py).
            threshold = max(threshold, context.FORM_SENTENCE_THRESHOLD)
        # The whole message at its threshold, each sentence at the (higher) window threshold.
        # A sentence told in the past ("He raped me when I was 13.") cannot decide on its own.
        # In a message told as a story of the past ("He said he'd kill me. That was four years ago.")
        # a sentence has lost the words that date it; only the last one, where a story says what is
        # happening now ("...and he's still standing on my porch"), may decide alone.
        whole = 1.0 - scored[0].get(NONE, 0.0)
        last = len(parts) - 1
        deciding = [p for i, p in enumerate(scored)
                    if (i == 0 and 1.0 - p.get(NONE, 0.0) >= threshold)
                    or (i > 0 and (i == last or not past) and not said_safe and not told_as_past(parts[i])
                        and (whole >= WINDOW_FLOOR or (i == last and 1.0 - p.get(NONE, 0.0) >= LAST_SURE))
                        and 1.0 - p.get(NONE, 0.0) >= max(threshold, self.window_threshold))]
        best: Dict[str, float] = {kind: max(p.get(kind, 0.0) for p in (deciding or scored)) for kind in KINDS}
        score = max(max(p.get(kind, 0.0) for p in scored) for kind in KINDS)
        model_kind = max(KINDS, key=lambda k: best.get(k, 0.0)) if deciding else None
        kind = found or model_kind
        if found and model_kind and found == VIOLENCE and model_kind != VIOLENCE and best[model_kind] >= 0.5:
            kind = model_kind  # "he stabbed me and I'm bleeding a lot": the medical answer comes first
        if kind is None:
            return Assessment(None, score, False)
        also = tuple(k for k in KINDS if k != kind and (best.get(k, 0.0) >= 0.25 or k == found))
        # A Python bool (it travels in JSON). An answer to the open question read as danger by the classifier
        # alone ("Yes, she would like that. She's sitting here with me and said yes.") is answered as danger and
        # still taken as the answer.
        top = max(best.values())
        sure = bool(found is not None or (top >= SURE and not (answering and top < ANSWER_SURE)))
        return Assessment(kind, score, found is not None, also, sure)


def load_or_train() -> DangerModel:
    """The classifier from models/safety.joblib if it was trained on the current data, else a new one."""
    return DangerModel(textclf.load_or_train("safety", training_examples, (Path(__file__),), C=SAFETY_C))


@lru_cache(maxsize=1)
def model() -> DangerModel:
    """The process-wide model (loading takes about a second, training a few)."""
    return load_or_train()


def assess(text: str, question: Optional[str] = None) -> Assessment:
    """Danger in one message (`question`: the one the conversation has open, see bot/safety/context.py). Never raises: if the classifier cannot be used, the patterns decide.
    A message longer than MAX_CHARS is read by its beginning and its end (a 200 KB message would hold
    the server and fill the cache; a long story often ends with what is happening now)."""
    text = text or ""
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS // 2] + "\n" + text[-(MAX_CHARS // 2):]
    return _assess(text, question)


@lru_cache(maxsize=512)
def _assess(text: str, question: Optional[str]) -> Assessment:
    # Cached: the channel and the NLU pipeline read the same message one after the other.
    try:
        return model().assess(text or "", question)
    except Exception:
        kind = pattern_kind(normalize(text or ""))
        return Assessment(kind, 1.0 if kind else 0.0, kind is not None)


def main() -> None:
    """`python -m bot.safety.model`: train (if the data changed) and print a summary."""
    current = model()
    print(json.dumps({"model": "models/safety.joblib", "labels": current.labels,
                      "threshold": current.threshold}))


if __name__ == "__main__":
    main()
