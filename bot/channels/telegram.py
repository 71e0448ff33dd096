"""Telegram channel on python-telegram-bot, in the shape of Rasa's own channels.

Two modes: a webhook (Telegram calls POST /webhooks/telegram/webhook; the X-Telegram-Bot-Api-Secret-Token
header is checked in constant time, 403 otherwise) and long polling, for deployments without a public
HTTPS address. Buttons become inline keyboards; a button press is answered and its payload sent on;
/start, /help, /language and /stop are commands; an update seen before is not processed again; long
replies are split at Telegram's limit. The conversation id is the chat id, and nothing else about
the person is kept.

Settings (environment; the channel is on when TELEGRAM_TOKEN is set): TELEGRAM_TOKEN,
TELEGRAM_MODE (webhook | polling, default polling), TELEGRAM_WEBHOOK_SECRET (required for webhook),
TELEGRAM_WEBHOOK_URL (the public address to register with Telegram; optional),
TELEGRAM_API_URL (default https://api.telegram.org/bot; tests point it at a fake server).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.safety.gate import safety_first

logger = logging.getLogger(__name__)
# httpx logs every request URL at INFO, and a Bot API URL contains the bot's token.
logging.getLogger("httpx").setLevel(logging.WARNING)

PREFIX = "tg:"  # conversation ids of this channel: "tg:<chat id>", never confused with another channel's


def chat_of(recipient_id: Text) -> int:
    return int(recipient_id[len(PREFIX):] if recipient_id.startswith(PREFIX) else recipient_id)

MAX_MESSAGE = 4096  # Telegram's limit for one text message
SEEN_UPDATES = 2048  # how many update ids are remembered to drop repeats

COMMANDS = {
    "/start": "/greet",
    "/help": "/ask_help",
    "/stop": "/cancel_subscription",
    "/language es": "/switch_to_spanish",
    "/language en": "/switch_to_english",
    "/idioma es": "/switch_to_spanish",
    "/idioma en": "/switch_to_english",
}
LANGUAGE_CHOICE = "Language / Idioma"
LANGUAGE_BUTTONS = [{"title": "English", "payload": "/switch_to_english"},
                    {"title": "Español", "payload": "/switch_to_spanish"}]


def split_message(text: str, limit: int = MAX_MESSAGE) -> List[str]:
    """Split a long reply at a paragraph, else a line, else a word, each part within the limit.
    Empty or blank text gives no part (Telegram refuses empty messages)."""
    parts: List[str] = []
    rest = text.strip()
    while len(rest) > limit:
        for separator in ("\n\n", "\n", " "):
            cut = rest.rfind(separator, 0, limit)
            if cut > limit // 4:
                break
        else:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def make_bot(token: str, api_url: Optional[str] = None):
    """A python-telegram-bot Bot with its rate limiter (it waits out 429 retry_after, 3 tries)."""
    from telegram.ext import AIORateLimiter, ExtBot

    return ExtBot(
        token,
        base_url=api_url or "https://api.telegram.org/bot",
        rate_limiter=AIORateLimiter(max_retries=3),
    )


class TelegramOutput(OutputChannel):
    """Sends the bot's replies to one Telegram chat."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    def __init__(self, bot: Any, long_payloads: Optional[Dict[str, str]] = None) -> None:
        self.bot = bot
        self.long_payloads = long_payloads if long_payloads is not None else {}

    def _callback_data(self, payload: str) -> str:
        """Telegram allows 64 bytes of callback data; a longer payload travels as a short key."""
        if len(payload.encode()) <= 64:
            return payload
        key = f"#p{abs(hash(payload)) % 10**12}"
        self.long_payloads[key] = payload
        return key

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in split_message(text):
            await self.bot.send_message(chat_id=chat_of(recipient_id), text=part)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        from telegram import InlineKeyboardButton, InlineKeyboardMarkup

        parts = split_message(text) or ["…"]
        for part in parts[:-1]:
            await self.bot.send_message(chat_id=chat_of(recipient_id), text=part)
        # One button per row reads well on a phone.
        keyboard = [
            [InlineKeyboardButton(str(b["title"])[:64], callback_data=self._callback_data(str(b["payload"])))]
            for b in buttons
        ]
        await self.bot.send_message(chat_id=chat_of(recipient_id), text=parts[-1],
                                    reply_markup=InlineKeyboardMarkup(keyboard))

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, image)


class TelegramInput(InputChannel):
    """Receives Telegram updates by webhook or long polling."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramInput":
        credentials = credentials or {}
        return cls(
            token=credentials.get("token") or os.environ.get("TELEGRAM_TOKEN", ""),
            mode=credentials.get("mode") or os.environ.get("TELEGRAM_MODE", "polling"),
            webhook_secret=credentials.get("webhook_secret") or os.environ.get("TELEGRAM_WEBHOOK_SECRET", ""),
            webhook_url=credentials.get("webhook_url") or os.environ.get("TELEGRAM_WEBHOOK_URL", ""),
            api_url=credentials.get("api_url") or os.environ.get("TELEGRAM_API_URL") or None,
        )

    def __init__(self, token: str, mode: str = "polling", webhook_secret: str = "", webhook_url: str = "",
                 api_url: Optional[str] = None) -> None:
        if not token:
            raise ValueError("the Telegram channel needs TELEGRAM_TOKEN")
        if mode not in ("webhook", "polling"):
            raise ValueError("TELEGRAM_MODE must be 'webhook' or 'polling'")
        if mode == "webhook" and not webhook_secret:
            raise ValueError("the Telegram webhook needs TELEGRAM_WEBHOOK_SECRET")
        self.mode = mode
        self.webhook_secret = webhook_secret
        self.webhook_url = webhook_url
        self.bot = make_bot(token, api_url)
        self._ready: Optional[asyncio.Task] = None
        self._seen: "OrderedDict[int, None]" = OrderedDict()
        self._poller: Optional[asyncio.Task] = None
        self._long_payloads: Dict[str, str] = {}

    # --- shared ------------------------------------------------------------------------------

    async def _initialized(self) -> None:
        if self._ready is None:
            self._ready = asyncio.ensure_future(self.bot.initialize())
        try:
            await self._ready
        except Exception:
            self._ready = None  # Telegram was unreachable: try again next time
            raise

    def _first_time(self, update_id: int) -> bool:
        """Telegram may deliver an update twice (retries, a restart): handle each id once."""
        if update_id in self._seen:
            return False
        self._seen[update_id] = None
        while len(self._seen) > SEEN_UPDATES:
            self._seen.popitem(last=False)
        return True

    async def handle_update(self, data: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        from telegram import Update

        await self._initialized()
        update = Update.de_json(data, self.bot)
        if update is None or not self._first_time(update.update_id):
            return
        output = TelegramOutput(self.bot, self._long_payloads)
        if update.callback_query is not None:
            query = update.callback_query
            try:
                await self.bot.answer_callback_query(query.id)  # stops the button's spinner
            except Exception:
                logger.warning("a button press could not be acknowledged")
            if query.message is None or not query.data or query.message.chat.type != "private":
                return
            chat_id, text = query.message.chat.id, self._long_payloads.get(query.data, query.data)
        elif update.message is not None and update.message.text is not None:
            if update.message.chat.type != "private":
                return  # groups: notifications about an offender must not go to a whole group
            chat_id, text = update.message.chat.id, update.message.text
        else:
            return  # edits, stickers, photos: nothing to answer
        command = text.strip().split("@")[0].lower() if text.startswith("/") else None
        if command == "/language" or command == "/idioma":
            await output.send_text_with_buttons(f"{PREFIX}{chat_id}", LANGUAGE_CHOICE, LANGUAGE_BUTTONS)
            return
        if command is not None and command in COMMANDS:
            text = COMMANDS[command]
        elif command is not None and not any(text.startswith(p) for p in _PAYLOAD_PREFIXES):
            text = text[1:]  # an unknown command is read as words, not as an intent
        await on_new_message(UserMessage(text, output, f"{PREFIX}{chat_id}", input_channel=self.name()))

    # --- the blueprint -------------------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)
        # Danger is answered before Rasa runs (bot/safety/gate.py), in webhook and polling mode.
        on_new_message = safety_first(on_new_message)

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "mode": self.mode})

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.mode != "webhook":
                return response.json({"error": "this bot uses long polling"}, status=404)
            given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            if not hmac.compare_digest(given.encode(), self.webhook_secret.encode()):
                return response.json({"error": "forbidden"}, status=403)
            data = request.json
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return response.json({"error": "not a Telegram update"}, status=400)
            try:
                await self.handle_update(data, on_new_message)
            except Exception as error:
                # Telegram retries on errors; the update id is remembered, so nothing runs twice.
                # the type only: a traceback could carry the message text or the number
                logger.error("a Telegram update could not be handled (%s)", type(error).__name__)
            return response.json({"ok": True})

        @telegram_webhook.listener("after_server_start")
        async def start(app: Any, loop: Any) -> None:
            if self.mode == "polling":
                self._poller = asyncio.ensure_future(self._poll(on_new_message))
            elif self.webhook_url:
                # Telegram being down must not stop the server (web chat and SMS still work).
                try:
                    await self._initialized()
                    await self.bot.set_webhook(self.webhook_url, secret_token=self.webhook_secret,
                                               allowed_updates=["message", "callback_query"])
                except Exception:
                    logger.exception("the Telegram webhook could not be registered; set it again later")

        @telegram_webhook.listener("before_server_stop")
        async def stop(app: Any, loop: Any) -> None:
            if self._poller is not None:
                self._poller.cancel()
            await self.bot.shutdown()

        return telegram_webhook

    async def _poll(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """Long polling: ask Telegram for updates, handle them one by one, never give up."""
        offset: Optional[int] = None
        delay = 1.0
        webhook_cleared = False
        while True:
            try:
                await self._initialized()
                if not webhook_cleared:
                    await self.bot.delete_webhook()  # a webhook left from earlier would make polling fail
                    webhook_cleared = True
                updates = await self.bot.get_updates(offset=offset, timeout=25,
                                                     allowed_updates=["message", "callback_query"])
                delay = 1.0
                for update in updates:
                    offset = update.update_id + 1
                    try:
                        await self.handle_update(update.to_dict(), on_new_message)
                    except Exception as error:
                        # the type only: a traceback could carry the message text or the number
                        logger.error("a Telegram update could not be handled (%s)", type(error).__name__)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("Telegram polling failed; retrying in %.0f s", delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60.0)


# Button payloads of the bot itself start with "/" too ("/affirm", "/inform{...}"): they pass as they are.
_PAYLOAD_PREFIXES = (
    "/affirm", "/deny", "/dont_know", "/inform", "/correct", "/cancel", "/request_notification",
    "/list_subscriptions", "/human_handoff", "/switch_to_", "/greet", "/ask_help",
)
