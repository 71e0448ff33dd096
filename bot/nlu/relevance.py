"""Is a message about being notified of an offender's custody? (issue 8: no false triage)

Custody words alone do not make a request: "visiting hours at the federal prison", "my ICE
check-in", "my federal tax refund" name custody without asking about the person who did harm. A
binary classifier (bot/textclf.py) trained on data/relevance/ (requests and off-topic questions full
of custody words, own sentences written for this project) and on the assistant's intents (requests,
facts and status questions are relevant, out_of_scope is not) gives the probability that a message
is about an offender's custody. The fact extractor asks it only when a message carries custody
words; below THRESHOLD the facts are marked as a mere mention, and actions/slots.py keeps them only
when the conversation is already about an offender's custody.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import List, Tuple

import yaml

from bot import textclf

ROOT = Path(__file__).resolve().parents[2]
RELEVANT, OFF_TOPIC = "relevant", "off_topic"
THRESHOLD = float(os.environ.get("BOT_RELEVANCE_THRESHOLD", "0.45"))
# Intents whose examples are about an offender's custody, and the one that is not.
# (`inform` is left out: most of its examples are form answers such as names, with no custody words.)
_RELEVANT_INTENTS = {"request_notification", "register", "any_news", "ask_whereabouts"}
_OFF_TOPIC_INTENTS = {"out_of_scope"}


def _yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def training_examples() -> List[Tuple[str, str]]:
    rows: List[Tuple[str, str]] = []
    for path in sorted((ROOT / "data" / "relevance").glob("*.yml")):
        data = _yaml(path)
        rows += [(str(t), RELEVANT) for t in data.get("relevant") or ()]
        rows += [(str(t), OFF_TOPIC) for t in data.get("off_topic") or ()]
        rows += [(str(r["text"]), RELEVANT if r.get("program") else OFF_TOPIC)
                 for r in data.get("routing") or () if isinstance(r, dict) and r.get("text")]
    for path in sorted((ROOT / "data" / "nlu").glob("*/*.yml")):
        for block in _yaml(path).get("nlu") or ():
            intent = block.get("intent")
            label = RELEVANT if intent in _RELEVANT_INTENTS else OFF_TOPIC if intent in _OFF_TOPIC_INTENTS else None
            if label is None:
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    rows.append((re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", r"\1\2", line[2:]), label))
    return rows


@lru_cache(maxsize=1)
def _pipeline():
    return textclf.load_or_train("relevance", training_examples, (Path(__file__),), word_ngrams=(1, 3))


@lru_cache(maxsize=512)
def probability(text: str) -> float:
    """P(the message is about an offender's custody). 1.0 if the classifier cannot be used: a missed
    refusal is better than a person who asked being turned away."""
    from bot.nlu.text import normalize

    try:
        pipeline = _pipeline()
        index = list(pipeline.classes_).index(RELEVANT)
        return float(pipeline.predict_proba([normalize(text)])[0][index])
    except Exception:
        return 1.0


# The message names the person who did harm as such: harm done to the writer or their family ("for
# choking me", "que abusó de mi hija", "who killed my son"), a word for that person ("my abuser",
# "mi agresor", "my ex"), or fear of his release. Custody words beside it are about him, whatever
# the classifier says.
_HARM_VERBS = (
    r"(hurt|hit|hits|beat|beats|beaten|raped|rape|abused|abuse|molested|touched|attacked|assaulted|stabbed|shot|"
    r"choked|choking|strangled|strangling|kidnapped|trafficked|killed|murdered|robbed|stole|scammed|threatened|"
    r"stalked|stalking|hurting|beating|hitting|drowned|burned|poisoned|pushed|kicked|punched|slapped|drugged|groomed|"
    r"exploited|defrauded|tortured|harassed|pimped|shooting|shot up|firing|fired|broke into|set fire to|burglarized|"
    r"broke|fractured|injured|wounded|mugged|jumped|bit|smashed|dragged)"
)
_HARM_VERBS_ES = (
    r"(golpeo|golpeaba|pego|pegaba|violo|violaba|abuso|abusaba|toco|tocaba|ataco|apuñalo|apunalo|disparo|"
    r"ahorco|ahorcaba|estrangulo|secuestro|mato|asesino|(?<!un )(?<!el )(?<!del )(?<!de )(?<!por )robo|estafo|"
    r"amenazo|amenazaba|acosaba|acoso|lastimo|"
    r"maltrataba|maltrato|trafico|quemaba|quemo|ahogo|envenen\w*|empujo|pateo|pateaba|drogo|torturo|exploto|"
    r"asalto|asaltaron|asaltaba|quebro|rompio|fracturo|hirio|mordio|arrastro|"
    # said of "them" ("a mi mamá le pegaron y le robaron la cartera", "me asaltaron", "lo mataron")
    r"pegaron|golpearon|robaron|violaron|mataron|apunalaron|dispararon|balacearon|atacaron|lastimaron|"
    r"secuestraron|estafaron|amenazaron|hirieron|abusaron)"
)
_NAMED_HARM = re.compile(
    r"\b" + _HARM_VERBS + r"( \w+)? (me|my|us|our|mine|the baby|the kids|the children|her baby|our baby)\b"
    r"|\b(me|my|mi|mis|nos|a mi|de mi)( \w+)? " + _HARM_VERBS_ES + r"\b"
    r"|\b" + _HARM_VERBS_ES + r" (a|de) (mi|mis|nuestra|nuestro)\b"
    r"|\b" + _HARM_VERBS_ES + r"( \w+)? (mi|mis)\b"
    # someone writing for another: "her ex is in ICE detention", "he beat her in Fort Worth", "su agresor", "la golpeó"
    r"|\b" + _HARM_VERBS + r" her\b|\b(la|las|lo|le|les) " + _HARM_VERBS_ES + r"\b|\b" + _HARM_VERBS_ES + r" a (ella|el)\b"
    r"|\b(her|his|their|su|sus) (ex|abuser|abusers|agresor|agresora|attacker|rapist|violador|stalker|acosador|trafficker|"
    r"tratante|ex husband|ex boyfriend|exesposo|ex esposo|exnovio|ex novio|expareja|ex pareja)\b"
    # someone under an order to stay away: "tengo un acosador con orden de alejamiento", "I have a stalker"
    r"|\b(i have|i ve got|ive got|tengo|hay) (a|an|un|una) (stalker|acosador|acosadora|abuser|agresor)\b"
    r"|\b(con|tiene|has|with|under) (a |an |una |un )?(restraining order|protective order|protection order|"
    r"no contact order|orden de alejamiento|orden de proteccion|orden de restriccion)\b"
    r"|\b(my|mi) (ex|abuser|agresor|agresora|attacker|atacante|rapist|violador|stalker|acosador|trafficker|tratante|"
    r"ex husband|ex wife|ex boyfriend|ex girlfriend|exesposo|ex esposo|exnovio|ex novio|expareja|ex pareja)\b"
    # "my husband's murderer", "our son's killer", "the killer of my daughter" ("el asesino de mi hijo" is above)
    r"|\b(my|our)( \w+)?( s)? (murderer|killer)\b|\b(murderer|killer) of (my|our)\b"
    r"|\b(what|lo que) (he|she|they|me|le|nos) (did|hizo|hicieron)\b"
    # "él me hizo cosas de chiquita", "he did things to me"
    r"|\b(me|nos|le) (hizo|hacia|hicieron|hacian) cosas\b|\b(did|does|was doing) (things|stuff) to (me|us|her)\b"
    # the charge named as the harm: "he's in the county detention center for DV", "preso por violencia domestica"
    r"|\b(for|on|por) (a |an |the )?(dv|domestic violence|domestic assault|violencia domestica|violencia familiar|"
    r"assaulting me|golpearme|pegarme|abusar de mi|violarme)\b"
)
# Fear of his release: "tengo mucho miedo, sale de la cárcel la semana que viene", "I'm terrified he
# gets out in May" (fear alone may be the writer's own case: "I'm scared they keep me at my check-in").
_FEAR = re.compile(
    r"\b(im|i am|i m|were|we are) (so |really |very |still )?(scared|afraid|terrified|frightened)\b"
    r"|\b(tengo|tenemos) (mucho |tanto )?(miedo|panico|terror)\b|\bme da (mucho )?miedo\b"
    r"|\b(estoy|estamos) (muy )?(asustada|asustado|aterrada|aterrado)\b"
)
_HIS_RELEASE = re.compile(
    r"\b(he|she|hes|shes|he s|she s) (gets|get|is getting|will get|comes|is coming|is) (out|released)\b"
    r"|\b(his|her) release\b|\b(sale|salga|saldra|lo sueltan|la sueltan|lo suelten|la suelten|lo liberan|la liberan)\b"
)


def _names_harm(norm: str) -> bool:
    return bool(_NAMED_HARM.search(norm) or (_FEAR.search(norm) and _HIS_RELEASE.search(norm)))


@lru_cache(maxsize=512)
def names_harm(text: str) -> bool:
    """The message names harm done to the writer or theirs, the one who did it, or fear of his release."""
    from bot.nlu.text import normalize

    return _names_harm(normalize(text))


# Police named as the only custody word beside harm ("someone stole my wallet, do I need a police report for the
# DMV?", "if I call the police about my car will they ask for my papers?"): the person's own dealings with the
# police, unless the classifier reads more than this. (Five-fold cross-validation of the training data at 58009e9:
# held out, no request naming harm with police alone scored below 0.4; 4 of 6 such look-alikes did below 0.3.)
POLICE_ONLY_FLOOR = float(os.environ.get("BOT_RELEVANCE_POLICE_ONLY_FLOOR", "0.3"))


# A theft or a break-in told ("stole my wallet", "broke into my car", "me robaron la bici"): the harm a police
# report is for.
_THEFT = re.compile(r"\b(stole|robbed|broke into|burglarized|swiped|jacked|me robaron|se robaron|me robo|nos robaron|"
                    r"se metieron a|robaron|robo|rompieron)\b")


def harm_overrides(text: str, p_relevant: float, police_only: bool = False) -> bool:
    """Whether harm named in a message that carries custody words makes it about the one who did it, whatever
    the classifier read (p_relevant): always, except a theft or a break-in told beside police as the only
    custody word, that the classifier reads as the person's own matter (below POLICE_ONLY_FLOOR). Harm to a
    person ("me pegó en el carro y lo agarró la policía") always counts."""
    from bot.nlu.text import normalize

    if not names_harm(text):
        return False
    if not police_only or p_relevant >= POLICE_ONLY_FLOOR:
        return True
    return _names_harm(_THEFT.sub(" ", normalize(text)))
