"""SMS channel for Twilio's messaging webhook, in the shape of Rasa's own channels.

Unlike Rasa's built-in Twilio channel it checks X-Twilio-Signature against the configured public URL
(403 otherwise), keeps "¡", "¿" and accents intact, and sends asynchronously. Buttons become numbered
choices ("Reply 1 for ..."), answered by the number or the words. Replies are split so that each SMS
stays within a few segments (GSM-7 or, for most Spanish text, UCS-2). Opt-out words (STOP, STOPALL,
UNSUBSCRIBE, CANCEL, END, QUIT; BAJA, ALTO, PARAR, CANCELAR) record an opt-out, pause every
subscription of the number and get exactly one confirmation; START/UNSTOP lift it; HELP/AYUDA help.
Nothing is ever sent to an opted-out number.

Settings (environment; the channel is on when TWILIO_ACCOUNT_SID is set): TWILIO_ACCOUNT_SID,
TWILIO_AUTH_TOKEN, TWILIO_FROM (the sending number) or TWILIO_MESSAGING_SERVICE_SID,
TWILIO_PUBLIC_URL (the exact URL Twilio posts to, used to check signatures), TWILIO_API_URL (tests).
"""

from __future__ import annotations

import logging
import os
import re
from xml.sax.saxutils import escape as xml_escape
from collections import OrderedDict
from urllib.parse import parse_qs
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.segments import encoding, segments  # noqa: F401  (re-exported)
from bot.channels.socketio import message_language
from bot.messages import render
from bot.nlu.language import detect
from bot.nlu.text import normalize
from bot.safety import gate

logger = logging.getLogger(__name__)

PREFIX = "sms:"  # conversation ids of this channel: "sms:<number>"


def number_of(recipient_id: Text) -> str:
    return recipient_id[len(PREFIX):] if recipient_id.startswith(PREFIX) else recipient_id

OPT_OUT = {"stop": "en", "stopall": "en", "unsubscribe": "en", "cancel": "en", "end": "en", "quit": "en",
           "baja": "es", "alto": "es", "parar": "es", "cancelar": "es"}
OPT_IN = {"start": "en", "unstop": "en", "yes": "en"}
HELP = {"help": "en", "info": "en", "ayuda": "es"}
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
MAX_SEGMENTS = 4          # per SMS we send; Twilio would join up to 10, but long texts read badly
REMEMBERED_CHOICES = 10_000

def keyword(text: str) -> str:
    """A message reduced to one word for the opt-out check ("Stop!" -> "stop", "BAJA." -> "baja")."""
    return normalize(text).replace(" ", "")


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "primera": 1, "primero": 1, "segunda": 2, "segundo": 2, "tercera": 3,
             "tercero": 3, "cuarta": 4, "cuarto": 4, "quinta": 5, "quinto": 5}
_ORDINAL_FILLER = frozenset("the one option choice number please pls el la lo opcion numero porfa por favor "
                            "i want quiero".split())


def ordinal(text: str) -> Optional[int]:
    """The place a message names and nothing else ("the second one", "la segunda": 2), or None. ("The
    last one" is not read here: the last choice is often "All of them".)"""
    words = [w for w in normalize(text).split() if w not in _ORDINAL_FILLER]
    return _ORDINALS.get(words[0]) if len(words) == 1 else None


def split_sms(text: str, max_segments: int = MAX_SEGMENTS) -> List[str]:
    """Split a reply into messages of at most `max_segments` segments each, preferring a line, then
    a sentence, then a word boundary; segments are measured, so emoji and GSM extension characters
    (which take more room) are counted right."""
    parts: List[str] = []
    rest = text.strip()
    while rest and segments(rest) > max_segments:
        low, high = 1, len(rest)
        while low < high:  # the longest prefix that fits
            middle = (low + high + 1) // 2
            if segments(rest[:middle]) <= max_segments:
                low = middle
            else:
                high = middle - 1
        window = rest[:low]
        cut = -1
        for separator in ("\n", ". ", "? ", " "):
            cut = window.rfind(separator)
            if cut > low // 3:
                cut += len(separator)
                break
        if cut <= low // 3:
            cut = low
        parts.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        parts.append(rest)
    return parts


MAX_MESSAGES = 2          # per turn: one answer arrives as at most two text messages
_LINK = re.compile(r"https?://[^\s)\]]+[^\s)\].,;:]")
_SAFETY_LINE = re.compile(r"\b(911|988)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _fits(text: str) -> bool:
    return segments(text) <= MAX_SEGMENTS


def compose(texts: List[str], language: str = "en") -> List[str]:
    """One turn's replies as at most MAX_MESSAGES text messages of at most MAX_SEGMENTS segments each.

    When everything fits, it is sent whole. Otherwise the last reply (usually the question, with its
    numbered choices) and every 911/988 line are kept in full, and the other replies are cut to their
    first sentences, followed by "More: <link>" with the first web address that was left out (or the
    first one in the replies), so that the rest can be read there."""
    texts = [t.strip() for t in texts if t and t.strip()]
    whole = "\n\n".join(texts)
    if not whole or len(split_sms(whole)) <= MAX_MESSAGES:
        return split_sms(whole) if whole else []
    last, earlier = texts[-1], texts[:-1]
    safety = [t for t in earlier if _SAFETY_LINE.search(t)]
    rest = [t for t in earlier if t not in safety]
    second = "\n\n".join(safety + [last])
    carried: List[str] = []
    if not _fits(second):
        second, carried = last, safety
    links = [link for t in rest for link in _LINK.findall(t)]
    sentences = [sentence for t in rest for sentence in _SENTENCE_END.split(t) if sentence.strip()]
    kept: List[str] = []
    for sentence in sentences:
        if not _fits(_first(kept + [sentence], carried, links, language)):
            break
        kept.append(sentence)
    shown = " ".join(kept)
    left_out = [link for link in links if link not in shown]
    first = _first(kept, carried, left_out or links, language) if len(kept) < len(sentences) else \
        "\n\n".join([" ".join(kept)] + carried)
    return [part for text in (first, second) for part in split_sms(text)]


def _first(kept: List[str], carried: List[str], links: List[str], language: str) -> str:
    more = [render("sms_more", language, link=links[0])["text"]] if links else []
    return "\n\n".join([" ".join(kept)] * bool(kept) + carried + more)


def safety_twiml(texts: List[str]) -> str:
    """A TwiML response that sends each text as its own message (Twilio splits long ones)."""
    body = "".join(f"<Message>{xml_escape(text)}</Message>" for text in texts)
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>'


def choice_lines(text: str, buttons: List[Dict[Text, Any]], language: Optional[str] = None) -> str:
    """The reply with its buttons as numbered choices, in the reply's language."""
    lang = language or detect(text).language or "en"
    lines = [render("sms_choice", lang, number=i, title=b["title"])["text"] for i, b in enumerate(buttons, 1)]
    return text + "\n" + "\n".join(lines)


class _Store:
    """The subscription store, opened on first use in the Rasa server's event loop."""

    _store = None

    @classmethod
    async def get(cls):
        if cls._store is None:
            from bot.settings import settings
            from bot.store import Store

            store = Store.from_url(settings().database_url, var_dir=settings().var_dir)
            await store.init()
            cls._store = store
        return cls._store


class TwilioSender:
    """Sends SMS through Twilio's REST API without blocking the server, never to an opted-out number."""

    def __init__(self, account_sid: str, auth_token: str, sender: str, api_url: Optional[str] = None) -> None:
        self._credentials = (account_sid, auth_token)
        self._api_url = api_url
        self._client = None
        self.sender = sender

    @property
    def client(self):
        """Twilio's client on its aiohttp transport, made in the server's event loop on first use."""
        if self._client is None:
            from twilio.http.async_http_client import AsyncTwilioHttpClient
            from twilio.rest import Client

            # Twilio gives up on our webhook after 15 s: a send must not wait longer than that.
            self._client = Client(*self._credentials, http_client=AsyncTwilioHttpClient(timeout=10))
            if self._api_url:
                self._client.api.base_url = self._api_url
        return self._client

    async def send(self, to: str, body: str, even_if_opted_out: bool = False) -> None:
        to = number_of(to)
        store = await _Store.get()
        for part in split_sms(body):
            # Checked before every part: a STOP may arrive while a long reply is going out.
            if not even_if_opted_out and await store.is_opted_out("sms", to):
                logger.info("an SMS to an opted-out number was not sent")
                return
            kwargs = {"messaging_service_sid": self.sender} if self.sender.startswith("MG") else {"from_": self.sender}
            try:
                await self.client.messages.create_async(to=to, body=part, **kwargs)
            except Exception as error:  # Twilio's errors carry the number: log the code only
                code = getattr(error, "code", None)
                logger.warning("an SMS could not be sent (%s)", code or type(error).__name__)
                if code == 21610:  # Twilio says the number unsubscribed (STOP handled by Twilio itself)
                    await store.opt_out("sms", to)
                return


class TwilioOutput(OutputChannel):
    """Replies to one phone number."""

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    def __init__(self, sender: TwilioSender, choices: "OrderedDict[str, List[Dict[Text, Any]]]",
                 buffered: bool = False) -> None:
        self.sender = sender
        self.choices = choices
        # With `buffered`, the replies to one message are kept until flush() sends them as at most
        # MAX_MESSAGES texts (compose()); without, each is sent as it comes (a reply in the background).
        self.buffered = buffered
        self.pending: List[Tuple[Text, str, Optional[str]]] = []

    async def _out(self, recipient_id: Text, text: Text, language: Optional[str]) -> None:
        if self.buffered:
            self.pending.append((recipient_id, text, language))
        else:
            await self.sender.send(recipient_id, text)

    async def flush(self) -> None:
        """Send what the buffered replies to one message add up to, in the replies' language."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        recipient = pending[0][0]
        languages = [lang for _, _, lang in pending if lang]
        language = languages[-1] if languages else (detect(pending[-1][1]).language or "en")
        for part in compose([text for _, text, _ in pending], language):
            await self.sender.send(recipient, part)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        self.choices.pop(recipient_id, None)  # a later "1" must not pick an old choice
        await self._out(recipient_id, text, message_language(kwargs))

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        self.choices[recipient_id] = list(buttons)
        self.choices.move_to_end(recipient_id)
        while len(self.choices) > REMEMBERED_CHOICES:
            self.choices.popitem(last=False)
        await self._out(recipient_id, choice_lines(text, buttons, message_language(kwargs)),
                        message_language(kwargs))

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self._out(recipient_id, image, None)


class TwilioInput(InputChannel):
    """Receives SMS from Twilio's messaging webhook."""

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TwilioInput":
        credentials = credentials or {}
        env = os.environ.get
        return cls(
            account_sid=credentials.get("account_sid") or env("TWILIO_ACCOUNT_SID", ""),
            auth_token=credentials.get("auth_token") or env("TWILIO_AUTH_TOKEN", ""),
            sender=credentials.get("sender") or env("TWILIO_MESSAGING_SERVICE_SID") or env("TWILIO_FROM", ""),
            public_url=credentials.get("public_url") or env("TWILIO_PUBLIC_URL", ""),
            api_url=credentials.get("api_url") or env("TWILIO_API_URL") or None,
        )

    def __init__(self, account_sid: str, auth_token: str, sender: str, public_url: str,
                 api_url: Optional[str] = None) -> None:
        from twilio.request_validator import RequestValidator

        missing = [name for name, value in (("TWILIO_ACCOUNT_SID", account_sid), ("TWILIO_AUTH_TOKEN", auth_token),
                                            ("TWILIO_FROM", sender), ("TWILIO_PUBLIC_URL", public_url)) if not value]
        if missing:
            raise ValueError(f"the SMS channel needs {', '.join(missing)}")
        self.validator = RequestValidator(auth_token)
        self.public_url = public_url
        self.sender = TwilioSender(account_sid, auth_token, sender, api_url)
        self.choices: "OrderedDict[str, List[Dict[Text, Any]]]" = OrderedDict()
        # The language of each number's last opt-out word (a START answers in it when nothing else says).
        self.keyword_language: "OrderedDict[str, str]" = OrderedDict()

    def _chosen(self, number: str, body: str) -> str:
        """"2", "the second one" or the words of a numbered choice become that choice's payload."""
        offered = self.choices.get(PREFIX + number) or []
        text = body.strip().rstrip(".")
        if text.isascii() and text.isdigit() and 1 <= int(text) <= len(offered):
            return str(offered[int(text) - 1]["payload"])
        for button in offered:
            if normalize(text) == normalize(str(button["title"])):
                return str(button["payload"])
        place = ordinal(text)
        if place and place <= len(offered):
            return str(offered[place - 1]["payload"])
        return body

    async def _keyword(self, number: str, body: str,
                       known_language: Callable[[], Awaitable[Optional[str]]]) -> Optional[Tuple[str, str]]:
        """Handle STOP/START/HELP and their Spanish words. Returns (message key, language) to send.

        The answer is in the person's language. A Spanish word (BAJA, AYUDA) says it; STOP, START and
        HELP are the carriers' words, which Spanish speakers use too: for them it is the conversation's
        language, else that of the number's subscriptions, else that of its last opt-out word."""
        word = keyword(body)
        store = await _Store.get()
        if word in OPT_OUT:
            # One confirmation: a STOP from a number already opted out gets none.
            if not await store.opt_out("sms", number):
                return "", ""
            lang = "es" if OPT_OUT[word] == "es" else await known_language() or "en"
            self._remember(number, lang)
            return "sms_opted_out", lang
        if word in OPT_IN and await store.is_opted_out("sms", number):
            await store.opt_in("sms", number)
            return "sms_opted_in", await known_language() or self.keyword_language.get(number) or OPT_IN[word]
        if word in HELP:
            return "sms_help", "es" if HELP[word] == "es" else await known_language() or HELP[word]
        return None

    def _remember(self, number: str, lang: str) -> None:
        self.keyword_language[number] = lang
        self.keyword_language.move_to_end(number)
        while len(self.keyword_language) > REMEMBERED_CHOICES:
            self.keyword_language.popitem(last=False)

    @staticmethod
    async def _language_of(request: Request, number: str) -> Optional[str]:
        """The language of the person writing from `number`, if the assistant knows it."""
        try:
            agent = getattr(request.app.ctx, "agent", None)
            tracker = await agent.tracker_store.retrieve(PREFIX + number) if agent else None
            spoken = tracker.get_slot("language") if tracker else None
            if spoken in ("en", "es"):
                return spoken
            views = await (await _Store.get()).list_subscriptions(f"sms:{PREFIX}{number}")
            written = [view.language for view in views if view.language in ("en", "es")]
            return written[-1] if written else None
        except Exception as error:  # the confirmation itself must still go out
            logger.warning("the language of an SMS conversation could not be read (%s)", type(error).__name__)
            return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        twilio_webhook = Blueprint("twilio_sms_webhook", __name__)

        @twilio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @twilio_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            # Parsed here rather than with request.form, which drops empty fields that Twilio signs
            # (FromCity=, FromZip=...): the signature would never match.
            params = {key: values[0] for key, values in parse_qs(request.body.decode("utf-8", "replace"),
                                                                  keep_blank_values=True).items()}
            signature = request.headers.get("X-Twilio-Signature", "")
            if not signature or not self.validator.validate(self.public_url, params, signature):
                return response.json({"error": "forbidden"}, status=403)
            number, body = params.get("From", ""), params.get("Body", "")
            if not number:
                return response.json({"error": "no sender"}, status=400)
            try:
                answer = await self._keyword(number, body, lambda: self._language_of(request, number))
            except Exception as error:
                # An opt-out must never be lost: a 500 lets Twilio retry or alert.
                # the type only: a traceback could carry the message text or the number
                logger.error("an SMS keyword could not be recorded (%s)", type(error).__name__)
                return response.text(EMPTY_TWIML, content_type="text/xml", status=500)
            safety = gate.check(PREFIX + number, body) if answer is None else None
            if safety is not None:
                # Danger is answered in the webhook's own response (TwiML), so the answer does not
                # depend on Twilio's REST API, the store or Rasa; Rasa then reads the message in the
                # background. Also for a number that opted out: the person wrote to us first.
                message = UserMessage(body, TwilioOutput(self.sender, self.choices), PREFIX + number,
                                      input_channel=self.name())
                gate.mark(message, safety)
                await gate.hand_on(on_new_message, message, wait=0)
                return response.text(safety_twiml(safety["texts"]), content_type="text/xml")
            try:
                if answer is not None:
                    key, lang = answer
                    if key:  # the one message an opt-out gets: its confirmation
                        await self.sender.send(number, render(key, lang)["text"], even_if_opted_out=True)
                elif not await (await _Store.get()).is_opted_out("sms", number):
                    output = TwilioOutput(self.sender, self.choices, buffered=True)
                    message = UserMessage(self._chosen(number, body), output, PREFIX + number,
                                          input_channel=self.name())
                    if message.text == body:  # read by the safety layer above, and not danger
                        gate.mark(message, None)
                        relief = gate.help_arrived(PREFIX + number, body)  # "ya llegó la policía"
                        for text in (relief or {}).get("texts", ()):
                            await output.send_text_message(PREFIX + number, text, language=relief["language"])
                    try:
                        await on_new_message(message)
                    finally:
                        await output.flush()
            except Exception as error:
                # the type only: a traceback could carry the message text or the number
                logger.error("an SMS could not be handled (%s)", type(error).__name__)
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return twilio_webhook
