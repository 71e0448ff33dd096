"""Task success on whole scripted conversations (issue 9's evaluation). A benchmark, not a test.

The conversations (bench/eval/conversations/conversations_{en,es}.yml, format in the writers' brief:
persona, language, channel web|sms, opening turns, answers keyed by the question asked, asides with
expect_any, expect {program, signed_up, stored, help}) are played against the running assistant, with
a fake Twilio REST API and a loopback SMTP server (tests/fakes/) standing in for the real ones: a web
conversation over the REST channel, an sms one as texts from the person's phone through the signed
Twilio webhook. After each reply the tracker (Rasa's HTTP API, JWT) says what is asked: the form's
`requested_slot`, or before any form the triage's question (`stage`); the runner answers with the
persona's answer for it (QUESTIONS below), an aside first when one is due there, and the code the fake
Twilio or SMTP server received for that contact when a verification code is asked. Before anything is
asked it sends `custody`, then `unknown`; the opening turns are all sent first, whatever was asked after
the first (from 2026-12-07; before, those after a question were left unsaid). The offer to sign up, which the brief
has no key for, gets answers.sign_up if written, else "yes, sign me up" / "sí, inscribirme" (a refusal
must come as an aside or an answer). Where asides go when their question never comes: Script. The
conversation ends when the sign-up form (and its code form) has ended, or after 30 turns.

A conversation succeeds when all of these hold:
- program: the `program` slot equals expect.program at the end or when the sign-up was confirmed;
- signup: if signed_up, an active subscription of this conversation in the store (decrypted with the
  data key the runner generated) with the program and expect.stored's values (names and numbers case-
  and accent-insensitive, ISO dates, state for VINE (the store keeps none for VNS and VNP), channel,
  normalised address; an sms conversation's phone is the one it was played from); if not, none exists;
- asides: each aside's reply (the assistant's messages right after it) contains one of expect_any;
- help: every `help` number appears somewhere in the assistant's replies.

    python -m bench.conversations [--set DIR] [--out bench/results] [--limit N] [--only ID,ID]

Failures (id, criteria, every exchange shortened) go to <out>/conversations-failures.json.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml
from babel import Locale
from cryptography.fernet import Fernet

from bench.routing import warm_up
from bot.launcher import ROOT, Server, start_assistant
from bot.store.crypto import Cipher, normalize_address
from bot.store.models import CODE_WINDOW_MINUTES, CODES_PER_WINDOW, VERIFICATION_MESSAGES
from tests.fakes.smtp_server import FakeRelay
from tests.fakes.twilio_api import FakeTwilio, post_webhook

SET = ROOT / "bench" / "eval" / "conversations"
MAX_TURNS = 30
CODE = "verification_code"
# What the assistant asks (a requested slot, or the triage's stage before any form) -> the brief's key.
QUESTIONS = {
    "offender_ref": "offender_ref", "offender_name": "offender_name", "offender_dob": "offender_dob",
    "offender_country": "offender_country", "state": "state",
    "facility": "facility", "federal_district": "federal_district", "contact_channel": "contact_channel",
    "contact_address": "contact_address", "quiet_hours": "quiet_hours", "confirm": "confirm",
    "verification_code": CODE,
    "offender_dob_choices": "offender_dob_choice",  # "12 July or 7 December?": the date in words
    "stage:asked_custody": "custody",
    "stage:offered": "sign_up",  # "Would you like me to sign you up?": not a key of the brief
    "stage:which_field": "unknown",  # the correction menu ("What do you want to change?")
}
# The brief has no answer for the sign-up offer; a person who came to be notified says yes.
SIGN_UP, NO = {"en": "yes, sign me up", "es": "sí, inscribirme"}, {"en": "no", "es": "no"}
CRITERIA = ("program", "signup", "asides", "help")
_CODE = re.compile("(?:" + "|".join(re.escape(t.split("{code}")[0]) for t in VERIFICATION_MESSAGES.values())
                   + r")(\d+)")


# --- the pure parts: what to say next, and whether the conversation succeeded ---------------------

def question(slots: Dict[str, Any], active_loop: Optional[str]) -> Optional[str]:
    """The brief's key of what the assistant asks now (None: nothing)."""
    if active_loop and slots.get("requested_slot"):
        if slots["requested_slot"] == "offender_dob" and slots.get("offender_dob_choices"):
            return QUESTIONS["offender_dob_choices"]
        return QUESTIONS.get(slots["requested_slot"], "unknown")
    stage = slots.get("stage") or ""
    if stage.startswith("offered:"):
        return QUESTIONS["stage:offered"]
    return QUESTIONS.get(f"stage:{stage}") if stage else None


MONTHS = {"en": "January February March April May June July August September October November December",
          "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"}


def in_words(iso: str, lang: str) -> str:
    """An ISO date as a person asked which of two readings they meant says it: "July 12, 1990"."""
    year, month, day = (int(part) for part in str(iso).split("-"))
    name = MONTHS[lang].split()[month - 1]
    return f"{day} de {name} de {year}" if lang == "es" else f"{name} {day}, {year}"


@dataclass
class Script:
    """The person's side of one conversation: `next(asked, code)` is what they say now, and the aside
    it is (or None). An aside comes once, before the answer to its question; one at `custody` also at
    the sign-up offer when custody was never asked, and any aside still unsaid before the `confirm`
    answer, so that each is said once the form is reached. A question answered before an aside and asked
    again within the two turns after it (a correction: "wait, my number is wrong, it's …") gets that
    aside's words once more, not the first answer the aside corrected."""

    conversation: Dict[str, Any]
    opening: List[str] = field(default_factory=list)
    asides: List[Dict[str, Any]] = field(default_factory=list)
    custody_said: bool = False
    answered: set = field(default_factory=set)
    # the last aside's text, what was answered before it, and for how many more turns it may be repeated
    correcting: Tuple[str, set, int] = ("", frozenset(), 0)

    def __post_init__(self) -> None:
        self.opening = list(self.conversation.get("opening") or [])
        self.asides = list(self.conversation.get("asides") or [])

    @property
    def language(self) -> str:
        return self.conversation.get("language", "en")

    def answer(self, key: str) -> str:
        answers = self.conversation.get("answers") or {}
        value = answers.get(key) if key in answers else None
        if isinstance(value, bool):  # an unquoted yes/no in the YAML
            value = {True: SIGN_UP, False: NO}[value][self.language].split(",")[0]
        if key == "sign_up":
            return str(value or SIGN_UP[self.language])
        if value is None and key in _SAME_PERSON:  # a person who knows his name answers either question with it
            value = answers.get(_SAME_PERSON[key])
        return str(value or answers.get("unknown") or "?")

    def _aside_due(self, asked: str) -> Optional[Dict[str, Any]]:
        due = {"confirm": {a.get("at") for a in self.asides}, "sign_up": {"custody", "sign_up"}}
        return next((a for a in self.asides if a.get("at") in due.get(asked, {asked})), None)

    def next(self, asked: Optional[str], code: Optional[str] = None) -> Tuple[str, Optional[Dict[str, Any]]]:
        if self.opening:
            # The person's opening messages are all said, whatever the assistant asked after the first: someone
            # typing their story in two or three texts sends them all (a veiled wish to die in the second one was
            # never said when the first got the offer to sign up, and the help it needed could not be measured).
            return self.opening.pop(0), None
        if asked is None:
            asked = "unknown" if self.custody_said else "custody"
        self.custody_said = self.custody_said or asked == "custody"
        aside = self._aside_due(asked)
        if aside is not None:
            self.asides.remove(aside)
            self.correcting = (aside["text"], set(self.answered), 2)
            return aside["text"], aside
        text, before, turns = self.correcting
        self.correcting = (text, before - {asked}, turns - 1)
        if asked in before and turns > 0:  # once: the person repeats the correction
            return text, None
        self.answered.add(asked)
        if asked == CODE:
            return code or self.answer("unknown"), None
        dob = ((self.conversation.get("expect") or {}).get("stored") or {}).get("offender_dob")
        if asked == "offender_dob_choice":  # the person knows which date they meant
            return (in_words(dob, self.language) if dob else self.answer("unknown")), None
        return self.answer(asked), None


# The two questions about who the messages are about: whichever the writer answered, the person gives it.
_SAME_PERSON = {"offender_ref": "offender_name", "offender_name": "offender_ref"}


def fold(text: Any) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def contains(reply: str, word: Any) -> bool:
    """Whether `word` is in `reply`, case- and accent-insensitively; a space at its edge must be there
    too ("no " is not in "know")."""
    word = str(word)
    wanted = (" " if word[:1].isspace() else "") + fold(word) + (" " if word[-1:].isspace() else "")
    return wanted.strip() != "" and wanted in f" {fold(reply)} "


def _phone_digits(text: str) -> str:
    return re.sub(r"(?<=\d)[\s\-.()/]+(?=\d)", "", text)


def mentions(replies: str, number: str) -> bool:
    """Whether a phone line (e.g. "988", "1-800-799-7233") appears in the replies, however it is spaced."""
    flat, wanted = _phone_digits(replies), _phone_digits(str(number))
    return wanted in flat or (wanted.startswith("1") and len(wanted) == 11 and wanted[1:] in flat)


def stored_mismatches(expected: Dict[str, Any], program: str, row: Dict[str, Any],
                      asked: Optional[set] = None) -> List[str]:
    """The expect.stored fields the subscription row (decrypted) does not hold, by name. A date of birth
    the assistant never asked for and did not store is not held against it (the state and federal forms
    ask for the offender's name or number; the writers knew the date from their persona)."""
    wrong = [] if row.get("program") == program else ["program"]
    names = {fold(row.get("offender_name")), fold(row.get("offender_number"))}
    for key, value in (expected or {}).items():
        if key == "offender_dob" and asked is not None and key not in asked and not row.get(key):
            continue
        if key == "offender_name":
            ok = fold(value) == fold(row.get("offender_name"))
        elif key == "offender_ref":
            ok = fold(value) in names or fold(value).replace(" ", "") in {n.replace(" ", "") for n in names}
        elif key == "offender_dob":
            ok = str(value) == str(row.get("offender_dob"))
        elif key == "state":  # the store keeps a state for the state programs only
            ok = program != "vine" or str(value).upper() == str(row.get("state") or "").upper()
        elif key == "offender_country":  # kept as ISO alpha-2
            ok = country_code(value) == row.get("offender_country")
        elif key == "contact_channel":
            ok = value == row.get("channel")
        elif key == "contact_address":
            channel = expected.get("contact_channel") or row.get("channel")
            ok = _normalised(channel, value) == row.get("contact")
        else:
            continue  # facility, district: free text, not compared
        if not ok:
            wrong.append(key)
    return wrong


def country_code(name: Any) -> str:
    """Two letters, or a country's name in English or Spanish (Babel's), as ISO alpha-2: "México" -> "MX"."""
    text = str(name).strip()
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.upper()
    return next((code for lang in ("en", "es") for code, known in Locale(lang).territories.items()
                 if fold(known) == fold(text)), text)


def _normalised(channel: str, address: Any) -> Optional[str]:
    try:
        return normalize_address(channel, str(address))
    except ValueError:
        return str(address)


@dataclass
class Outcome:
    """What one played conversation left behind."""

    programs: List[Optional[str]]  # the program slot at the end and when the sign-up was confirmed
    subscriptions: List[Dict[str, Any]]  # this conversation's subscriptions, decrypted, not cancelled
    aside_replies: List[Tuple[Dict[str, Any], str]]  # (aside, the replies right after it)
    replies: str  # every reply, joined
    exchanges: List[Tuple[str, str]] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)  # what the runner saw go wrong, for the failure report
    asked: Optional[set] = None  # the questions the assistant asked (the brief's keys)


def judge(conversation: Dict[str, Any], outcome: Outcome) -> Dict[str, str]:
    """The criteria that failed, each with a short reason ({} when the conversation succeeded)."""
    expect, failed = conversation.get("expect") or {}, {}
    if expect.get("program") not in outcome.programs:
        failed["program"] = f"program {outcome.programs[0]!r}, expected {expect.get('program')!r}"
    active = [s for s in outcome.subscriptions if s.get("status") == "active"]
    if expect.get("signed_up"):
        if not active:
            waiting = " (one waits for its code)" if outcome.subscriptions else ""
            failed["signup"] = "no active subscription" + waiting
        else:
            wrong = stored_mismatches(expect.get("stored") or {}, expect.get("program"), active[-1], outcome.asked)
            if wrong:
                failed["signup"] = "stored values differ: " + ", ".join(wrong)
    elif outcome.subscriptions:
        failed["signup"] = f"{len(outcome.subscriptions)} subscription(s) created; the person gave up"
    unanswered = [a["text"] for a in conversation.get("asides") or []
                  if a["text"] not in {aside["text"] for aside, _ in outcome.aside_replies}]
    missed = [aside["text"] for aside, reply in outcome.aside_replies
              if not any(contains(reply, word) for word in aside.get("expect_any") or [])]
    if missed or unanswered:
        failed["asides"] = "; ".join([f"not answered: {t!r}" for t in missed]
                                     + [f"never said (its question and the confirmation never came): {t!r}"
                                        for t in unanswered])
    help_missing = [n for n in expect.get("help") or [] if not mentions(outcome.replies, n)]
    if help_missing:
        failed["help"] = "not given: " + ", ".join(map(str, help_missing))
    return failed


# --- the live parts ----------------------------------------------------------------------------------

TWILIO_SID, TWILIO_TOKEN, TWILIO_FROM = "AC" + "1" * 32, "bench-conversations-token", "+12025550100"
TWILIO_PUBLIC_URL = "https://sms.example.org/webhooks/twilio/webhook"


class Channels:
    """The fake Twilio and the loopback SMTP server, and the environment that points the assistant at them."""

    def __init__(self) -> None:
        self.twilio = FakeTwilio(TWILIO_SID, TWILIO_TOKEN).start()
        self.relay = FakeRelay().start()
        self.env = {"TWILIO_ACCOUNT_SID": TWILIO_SID, "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
                    "TWILIO_FROM": TWILIO_FROM, "TWILIO_PUBLIC_URL": TWILIO_PUBLIC_URL,
                    "TWILIO_API_URL": self.twilio.api_url,
                    "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(self.relay.port), "SMTP_STARTTLS": "0",
                    "SMTP_FROM": "Notifications <notify@example.org>"}

    def mark(self) -> Tuple[int, int]:
        """How many messages the fakes have received so far (for `code_for`'s `since`)."""
        return len(self.twilio.delivered), len(self.relay.received)

    def code_for(self, address: str, since: Tuple[int, int], timeout: float = 30.0) -> Optional[str]:
        """The newest verification code sent to `address` (a phone or an e-mail) after `since`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            texts = [body for _, to, _, body in self.twilio.delivered[since[0]:] if to == address]
            texts += [r.part("plain") for r in self.relay.received[since[1]:]
                      if address.lower() in (x.lower() for x in r.recipients)]
            codes = [m.group(1) for m in map(_CODE.search, texts) if m]
            if codes:
                return codes[-1]
            time.sleep(0.2)
        return None

    def stop(self) -> None:
        self.twilio.stop()
        self.relay.stop()


class WebLine:
    """A conversation over the REST channel: `line(text)` returns the replies."""

    def __init__(self, server: Server, sender: str) -> None:
        self.server, self.sender = server, sender

    def __call__(self, text: str) -> List[str]:
        return [m.get("text") or "" for m in self.server.say(self.sender, text)]

    def late(self) -> List[str]:
        return []


class SmsLine:
    """Texts from the person's phone through the signed Twilio webhook: `line(text)` returns the answer in
    the webhook's own response (a danger answer comes there), `late()` what Twilio was asked to send since."""

    def __init__(self, server: Server, channels: Channels, number: str) -> None:
        self.server, self.twilio, self.number, self.before = server, channels.twilio, number, 0

    def __call__(self, text: str) -> List[str]:
        self.before = len(self.twilio.to(self.number))
        status, twiml = post_webhook(self.server.rasa_port, self.number, text, TWILIO_FROM, TWILIO_SID,
                                     TWILIO_TOKEN, TWILIO_PUBLIC_URL)
        if status != 200:
            raise AssertionError(f"the Twilio webhook answered {status}")
        return [html.unescape(m) for m in re.findall(r"<Message>(.*?)</Message>", twiml, re.S)]

    def late(self) -> List[str]:
        return self.twilio.to(self.number)[self.before:]


def listening(events: List[Dict[str, Any]], users: int) -> bool:
    """Whether the tracker's events hold `users` messages of the person and end with the bot listening."""
    heard = sum(e.get("event") == "user" for e in events)
    return heard >= users and bool(events) and events[-1].get("name") == "action_listen"


def settled(server: Server, sender: str, users: int, timeout: float = 10.0) -> Dict[str, Any]:
    """The tracker once Rasa has handled the person's `users`-th message and listens again (after a danger
    answer the channel may answer before Rasa is done; an SMS keyword never reaches Rasa: the timeout)."""
    deadline = time.monotonic() + timeout
    while True:
        tracker = server.tracker(sender)
        if listening(tracker.get("events") or [], users):
            return tracker
        if time.monotonic() > deadline:
            return {**tracker, "unsettled": True}
        time.sleep(0.2)


def subscriptions_of(server: Server, conversation_id: str) -> List[Dict[str, Any]]:
    """The conversation's subscriptions that are not cancelled, decrypted with the runner's data key."""
    cipher = Cipher(server.env["BOT_DATA_KEY"])
    path = server.env["DATABASE_URL"].split("///", 1)[1]
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM subscriptions WHERE status != 'cancelled' ORDER BY id").fetchall()
    found = []
    for row in rows:
        if cipher.decrypt(row["conversation_enc"]) != conversation_id:
            continue
        found.append({"program": row["program"], "status": row["status"], "state": row["state"],
                      "channel": row["channel"], "contact": cipher.decrypt(row["contact_enc"]),
                      "offender_name": cipher.decrypt(row["offender_name_enc"]),
                      "offender_number": cipher.decrypt(row["offender_number_enc"]),
                      "offender_dob": cipher.decrypt(row["offender_dob_enc"]),
                      "offender_country": row["offender_country"]})
    return found


def phone_for(conversation: Dict[str, Any], used: set) -> str:
    """The person's phone for an sms conversation: the one they wrote, unless another conversation has it."""
    stored = (conversation.get("expect") or {}).get("stored") or {}
    written = _normalised("sms", stored.get("contact_address"))
    number = written if written and written.startswith("+") and written not in used else None
    draw = random.Random(str(conversation.get("id")))  # the same numbers in every run
    while number is None or number in used:
        number = f"+1202555{draw.randint(1000, 9999)}"
    used.add(number)
    return number


def play(server: Server, channels: Channels, conversation: Dict[str, Any], used: set) -> Tuple[Outcome, str]:
    """One conversation, turn by turn; returns what it left behind and the phone it was played from."""
    phone = ""
    if conversation.get("channel") == "sms":
        phone = phone_for(conversation, used)
        sender = f"sms:{phone}"
        line: Any = SmsLine(server, channels, phone)
    else:
        sender = f"conv-{conversation['id']}-{uuid.uuid4().hex[:8]}"
        line = WebLine(server, sender)
    script, started = Script(conversation), channels.mark()
    asked, code, form_seen, at_confirm, contact, code_missed = None, None, False, None, "", False
    aside_replies, exchanges, notes = [], [], []
    tracker: Dict[str, Any] = {"slots": {}}
    for turn in range(1, MAX_TURNS + 1):
        text, aside = script.next(asked, code)
        answered = line(text)
        tracker = settled(server, sender, turn)
        if tracker.get("unsettled"):
            notes.append(f"turn {turn}: Rasa had not finished after 10 s")
        replies = "\n".join(answered + line.late())
        exchanges.append((text, replies))
        if aside is not None:
            aside_replies.append((aside, replies))
        slots, loop = tracker["slots"], (tracker.get("active_loop") or {}).get("name")
        if asked == "confirm":
            at_confirm = slots.get("program")
        form_seen = form_seen or bool(loop)
        asked = question(slots, loop)
        if form_seen and not loop and not slots.get("paused_form") and asked in (None, "sign_up"):
            break  # the form (sign-up, then its code) has ended, one way or the other
        contact = slots.get("contact_address") or contact  # the sign-up clears it when the code is sent
        # A code that did not come within 30 s will not come a turn later: after one such wait, look only briefly
        # (a conversation held by the per-contact code limit once took 264 s)
        code = channels.code_for(contact, started, timeout=5.0 if code_missed else 30.0) if asked == CODE else None
        if asked == CODE and code is None:
            code_missed = True
            notes.append(f"turn {turn + 1}: no verification code arrived at the fake Twilio/SMTP server")
    outcome = Outcome([tracker["slots"].get("program"), at_confirm], subscriptions_of(server, sender),
                      aside_replies, "\n".join(r for _, r in exchanges), exchanges, notes, set(script.answered))
    return outcome, phone


def shorten(text: str, size: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1] + "…"


def run(server: Server, channels: Channels, conversations: List[Dict[str, Any]], used: set) -> Dict[str, Any]:
    """Plays the conversations; `used` holds the phones played from so far (one conversation each)."""
    counts = {c: [0, 0] for c in CRITERIA}
    failures, successes = [], 0
    for conversation in conversations:
        expect, began = conversation.get("expect") or {}, time.monotonic()
        outcome, phone = play(server, channels, conversation, used)
        if phone and conversation.get("channel") == "sms":  # the contact is the phone it was played from
            stored = dict(expect.get("stored") or {})
            if stored.get("contact_channel", "sms") == "sms":
                stored["contact_address"] = phone
            conversation = {**conversation, "expect": {**expect, "stored": stored}}
        failed = judge(conversation, outcome)
        applicable = {"program": True, "signup": True, "asides": bool(conversation.get("asides")),
                      "help": bool(expect.get("help"))}
        for criterion in CRITERIA:
            counts[criterion][1] += applicable[criterion]
            counts[criterion][0] += applicable[criterion] and criterion not in failed
        successes += not failed
        print(f"  {conversation['id']}: {'ok' if not failed else 'FAILED ' + ', '.join(failed)} "
              f"({len(outcome.exchanges)} turns, {time.monotonic() - began:.0f} s)", flush=True)
        if failed:
            failures.append({"id": conversation["id"], "channel": conversation.get("channel", "web"),
                             "failed": failed, "turns": len(outcome.exchanges), "notes": outcome.notes,
                             "exchanges": [{"person": shorten(p, 300), "assistant": shorten(a, 300)}
                                           for p, a in outcome.exchanges]})
    return {"success": (successes, len(conversations)), "criteria": counts, "failures": failures}


def shared_contacts(conversations: List[Dict[str, Any]]) -> Dict[str, int]:
    """Addresses that get a code (phones and e-mails given on the web) written in more conversations than
    the store sends codes to one contact in its window: the later ones may wait for a code in vain."""
    seen: Dict[str, int] = {}
    for conversation in conversations:
        stored = (conversation.get("expect") or {}).get("stored") or {}
        channel = stored.get("contact_channel")
        web = conversation.get("channel") != "sms"
        if web and channel in ("sms", "email") and stored.get("contact_address"):
            address = _normalised(channel, stored["contact_address"]) or ""
            seen[address] = seen.get(address, 0) + 1
    return {address: n for address, n in seen.items() if n > CODES_PER_WINDOW}


def load(folder: Path, lang: str, limit: Optional[int]) -> List[Dict[str, Any]]:
    path = folder / f"conversations_{lang}.yml"
    if not path.exists():
        return []
    return (yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"] or [])[:limit]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=str(SET), help="folder with conversations_{en,es}.yml")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--limit", type=int, default=None, help="at most N conversations per language")
    parser.add_argument("--only", default="", help="comma-separated conversation ids to play (a second look)")
    args = parser.parse_args(argv)
    sets = {lang: load(Path(args.set), lang, args.limit) for lang in ("en", "es")}
    if args.only:
        wanted = set(args.only.split(","))
        sets = {lang: [c for c in conversations if c["id"] in wanted] for lang, conversations in sets.items()}
    if not any(sets.values()):
        print(f"No conversations_en.yml or conversations_es.yml with conversations in {args.set}")
        return 2

    for address, count in shared_contacts(sets["en"] + sets["es"]).items():
        print(f"Note: {address} is the contact in {count} conversations; the store sends one contact at most "
              f"{CODES_PER_WINDOW} codes in {CODE_WINDOW_MINUTES} minutes.")
    work = Path(tempfile.mkdtemp(prefix="bench-conversations-"))
    channels = Channels()
    print("Starting the assistant...", flush=True)
    server = start_assistant(work / "assistant", Fernet.generate_key().decode(), uuid.uuid4().hex * 2,
                             dev_mode=False, extra_env=channels.env)
    try:
        warm_up(server)
        results, used = {}, set()
        for lang, conversations in sets.items():
            print(f"{lang}: {len(conversations)} conversations", flush=True)
            results[lang] = run(server, channels, conversations, used)
    finally:
        server.stop()
        channels.stop()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "conversations-failures.json"
    failures = {lang: r["failures"] for lang, r in results.items()}
    path.write_text(json.dumps(failures, indent=2, ensure_ascii=False))
    print(f"\nTask success on {args.set}\n")
    print("| language | task success | " + " | ".join(CRITERIA) + " |")
    print("|---|---|" + "---|" * len(CRITERIA))
    for lang, r in results.items():
        (ok, total), counts = r["success"], r["criteria"]
        cells = " | ".join(f"{h}/{n}" for h, n in (counts[c] for c in CRITERIA))
        print(f"| {lang} | {ok}/{total} = {ok / max(1, total):.1%} | {cells} |")
    print("\nFailures:")
    for lang, r in results.items():
        for f in r["failures"]:
            print(f"  {f['id']}: " + "; ".join(f"{k}: {v}" for k, v in f["failed"].items()))
    print(f"Details: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
