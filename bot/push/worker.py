"""The dispatcher as a service: `python -m bot.push.worker` runs it in a process of its own (with
PostgreSQL several can run side by side; each claims rows the others skip). `make run` starts the
same thing inside its own process (bot/run.py).

Configuration (environment):
  DATABASE_URL, BOT_VAR_DIR          the store (as everywhere else; bot/settings.py)
  RASA_URL, RASA_JWT_SECRET          where delivered messages are appended to conversations
  TELEGRAM_TOKEN, TELEGRAM_API_URL   Telegram (off without a token)
  TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_URL
  PUSH_SMS_FROM                      the numbers status messages go out from, comma-separated (a pool:
                                     each number has its own limit); default TWILIO_FROM, or
                                     TWILIO_MESSAGING_SERVICE_SID (then PUSH_SMS_RATE is the service's)
  SMTP_HOST, SMTP_PORT=587, SMTP_STARTTLS=1, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_CA_FILE,
  SMTP_TIMEOUT=30, SMTP_CONNECTIONS=4 e-mail (off without SMTP_HOST; bot/push/smtp.py)
  WEB_PUBLIC_URL                     the web service as people reach it, for e-mails' unsubscribe links
                                     (default http://localhost:$WEB_PORT)
  PUSH_TELEGRAM_RATE=30  PUSH_TELEGRAM_CHAT_RATE=1  PUSH_SMS_RATE=1 (segments/s per number)
  PUSH_EMAIL_RATE=5  PUSH_WEB_RATE=100  PUSH_HEADROOM=0.98  PUSH_LEASE_SECONDS=60  PUSH_MAX_ATTEMPTS=6
  PUSH_BACKOFF_SECONDS=2  PUSH_MAX_IN_FLIGHT=256 (rows held per channel)  PUSH_UVLOOP=1
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import sys
from datetime import timedelta
from typing import Awaitable, Callable, Dict, Mapping, Optional, Tuple

from bot.push.dispatcher import ChannelLimits, Dispatcher

logger = logging.getLogger(__name__)


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name)
    try:
        return float(value) if value else default
    except ValueError:
        raise SystemExit(f"{name} must be a number") from None


def sms_pool(env: Mapping[str, str]) -> list:
    pool = [n.strip() for n in (env.get("PUSH_SMS_FROM") or "").split(",") if n.strip()]
    return pool or [env.get("TWILIO_MESSAGING_SERVICE_SID") or env.get("TWILIO_FROM", "")]


def limits_from_env(env: Mapping[str, str]) -> Dict[str, ChannelLimits]:
    from bot.channels.segments import segments

    headroom = _number(env, "PUSH_HEADROOM", 0.98)
    return {
        "telegram": ChannelLimits(_number(env, "PUSH_TELEGRAM_RATE", 30.0),
                                  per_recipient=_number(env, "PUSH_TELEGRAM_CHAT_RATE", 1.0), headroom=headroom),
        "sms": ChannelLimits(_number(env, "PUSH_SMS_RATE", 1.0), lanes=sms_pool(env), cost=segments,
                             headroom=headroom),
        "email": ChannelLimits(_number(env, "PUSH_EMAIL_RATE", 5.0), headroom=headroom),
        "web": ChannelLimits(_number(env, "PUSH_WEB_RATE", 100.0), headroom=headroom),
    }


def web_public_url(env: Mapping[str, str]) -> str:
    """The web service's address as people reach it (e-mails link to its unsubscribe page)."""
    return env.get("WEB_PUBLIC_URL") or f"http://localhost:{env.get('WEB_PORT') or 8080}"


async def start(rasa_url: str, jwt_secret: str, env: Optional[Mapping[str, str]] = None,
                store=None) -> Tuple[Dispatcher, Callable[[], Awaitable[None]]]:
    """A running dispatcher for the channels that are configured, and a function that stops it
    (it finishes what it holds and marks it)."""
    import aiohttp

    from bot.push.senders import RasaConversations, sms_sender, telegram_sender, web_sender
    from bot.push.smtp import EmailSender, SmtpSettings, unsubscribe_links
    from bot.settings import settings
    from bot.store import Store

    env = os.environ if env is None else env
    smtp = SmtpSettings.from_env(env)  # before anything is opened: a bad setting stops here
    own_store = store is None
    if own_store:
        store = Store.from_url(settings().database_url, var_dir=settings().var_dir)
        await store.init()
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200))
    conversations = RasaConversations(rasa_url, jwt_secret, session)
    senders = {"web": web_sender(conversations)}
    if env.get("TELEGRAM_TOKEN"):
        senders["telegram"] = telegram_sender(session, env["TELEGRAM_TOKEN"],
                                              env.get("TELEGRAM_API_URL") or "https://api.telegram.org/bot")
    if env.get("TWILIO_ACCOUNT_SID"):
        senders["sms"] = sms_sender(session, env["TWILIO_ACCOUNT_SID"], env.get("TWILIO_AUTH_TOKEN", ""),
                                    sms_pool(env), env.get("TWILIO_API_URL") or "https://api.twilio.com")
    email = None
    if smtp is not None:
        email = senders["email"] = EmailSender(smtp, unsubscribe_links(store, web_public_url(env)))
    dispatcher = Dispatcher(store, senders, limits=limits_from_env(env), followup=conversations.followup,
                            lease=timedelta(seconds=_number(env, "PUSH_LEASE_SECONDS", 60.0)),
                            max_attempts=int(_number(env, "PUSH_MAX_ATTEMPTS", 6)),
                            base_backoff=_number(env, "PUSH_BACKOFF_SECONDS", 2.0),
                            max_in_flight=int(_number(env, "PUSH_MAX_IN_FLIGHT", 256)))
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run(stop))

    async def shutdown() -> None:
        stop.set()
        await task
        await session.close()
        if email is not None:
            await email.close()
        if own_store:
            await store.close()

    return dispatcher, shutdown


async def main() -> int:
    from bot.run import jwt_secret

    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopping.set)
    dispatcher, shutdown = await start(os.environ.get("RASA_URL", "http://127.0.0.1:5005"), jwt_secret())
    # Each message makes short-lived objects by the dozen; with the default thresholds the collector
    # keeps rescanning everything loaded at start (measured with bench/fanout.py: a third of the
    # CPU). What exists now is frozen out of the scans, and young collections run less often.
    gc.freeze()
    gc.set_threshold(100_000, 20, 100)
    print(f"dispatcher running: {', '.join(sorted(dispatcher.senders))}", flush=True)
    await stopping.wait()
    await shutdown()
    return 0


def event_loop_policy() -> None:
    """uvloop (already installed with Rasa, whose server runs on it) when PUSH_UVLOOP is not 0."""
    if os.environ.get("PUSH_UVLOOP", "1") != "0":
        try:
            import uvloop
        except ImportError:
            return
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


if __name__ == "__main__":
    event_loop_policy()
    sys.exit(asyncio.run(main()))
