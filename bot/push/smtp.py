"""E-mail delivery over SMTP (aiosmtplib), as one of the dispatcher's senders.

The dispatcher paces e-mail like the other channels (PUSH_EMAIL_RATE) and hands each message here;
this module composes it (bot/push/mail.py) and sends it through the relay named by the SMTP_*
settings, over a few kept-open connections. What the relay answers decides what becomes of the row:

- a 5xx reply to MAIL, RCPT or DATA is final (RFC 5321: the same request would fail again): the
  row is dead at once (PermanentFailure);
- a 4xx reply, a dropped connection, a timeout, a refused login or TLS failure is retried with the
  dispatcher's backoff (TransientFailure, whose reason carries the reply code only).

Relays often echo the address in their reply text, so no reply text is kept or logged: only codes.
"""

from __future__ import annotations

import asyncio
import email.errors
import ipaddress
import logging
import ssl
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import Any, Callable, Dict, List, Mapping, Optional

import aiosmtplib

from bot.push.dispatcher import PermanentFailure, TransientFailure
from bot.push.mail import compose, needs_smtputf8, to_bytes

logger = logging.getLogger(__name__)

# delivery -> the address of its unsubscribe link
LinkMaker = Callable[[Dict[str, Any]], str]


def _flag(value: Optional[str], default: bool) -> bool:
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how e-mail is sent (the SMTP_* environment variables)."""

    host: str
    sender: str
    port: int = 587
    starttls: bool = True
    username: str = ""
    password: str = field(default="", repr=False)
    ca_file: Optional[str] = None
    timeout: float = 30.0
    connections: int = 4

    @property
    def implicit_tls(self) -> bool:
        """Port 465 speaks TLS from the first byte (RFC 8314); STARTTLS is for the others."""
        return self.port == 465

    @property
    def envelope_sender(self) -> str:
        return parseaddr(self.sender)[1]

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Optional["SmtpSettings"]:
        """None when SMTP_HOST is not set (e-mail is off). Stops with a clear message on a setting
        that cannot work, naming the setting, never its value."""
        host = (env.get("SMTP_HOST") or "").strip()
        if not host:
            return None
        sender = (env.get("SMTP_FROM") or "").strip()
        if "@" not in parseaddr(sender)[1]:
            raise SystemExit('SMTP_FROM must be an address, e.g. "Victim notifications <notify@example.org>"')
        try:
            port = int(env.get("SMTP_PORT") or 587)
            timeout = float(env.get("SMTP_TIMEOUT") or 30)
            connections = int(env.get("SMTP_CONNECTIONS") or 4)
        except ValueError:
            raise SystemExit("SMTP_PORT, SMTP_TIMEOUT and SMTP_CONNECTIONS must be numbers") from None
        settings = cls(host=host, sender=sender, port=port, starttls=_flag(env.get("SMTP_STARTTLS"), True),
                       username=env.get("SMTP_USER") or "", password=env.get("SMTP_PASSWORD") or "",
                       ca_file=env.get("SMTP_CA_FILE") or None, timeout=timeout,
                       connections=max(1, connections))
        encrypted = settings.starttls or settings.implicit_tls
        if settings.password and not encrypted and not _loopback(host):
            raise SystemExit("SMTP_PASSWORD is set but SMTP_STARTTLS=0: the password would cross the network "
                             "in clear. Turn STARTTLS on (or use port 465), or relay through a local server.")
        return settings


def _reply(error: aiosmtplib.SMTPResponseException) -> Exception:
    """A reply of the relay, as the dispatcher's failure: 5xx final, anything else retried."""
    stage = {aiosmtplib.SMTPSenderRefused: "MAIL", aiosmtplib.SMTPRecipientRefused: "RCPT",
             aiosmtplib.SMTPDataError: "DATA"}.get(type(error), "command")
    reason = f"SMTP {error.code} to {stage}"
    if 500 <= error.code < 600:
        return PermanentFailure(reason)
    return TransientFailure(reason)


class EmailSender:
    """The dispatcher's sender for the "email" channel: `await sender(delivery, text)`.

    Up to `connections` messages are in the relay's hands at once, each on its own connection,
    which is kept open for the next message; a connection the relay closed while it sat idle is
    replaced once, without counting as a failure."""

    def __init__(self, settings: SmtpSettings, unsubscribe_url: LinkMaker) -> None:
        self.settings = settings
        self.unsubscribe_url = unsubscribe_url
        self._idle: List[aiosmtplib.SMTP] = []
        self._slots = asyncio.Semaphore(settings.connections)
        self._tls: Optional[ssl.SSLContext] = None
        if settings.ca_file:
            self._tls = ssl.create_default_context(cafile=settings.ca_file)

    async def __call__(self, delivery: Dict[str, Any], text: str) -> None:
        to = delivery["contact"]
        code = delivery.get("kind") == "verification_code"
        utf8 = needs_smtputf8(to)
        try:
            message = compose(sender=self.settings.sender, to=to, language=delivery.get("language") or "en",
                              text=text, unsubscribe_url=self.unsubscribe_url(delivery),
                              event_type=None if code else delivery.get("type") or "other")
            raw = to_bytes(message, utf8=utf8)
        except (ValueError, TypeError, email.errors.MessageError):
            # The error would quote the address; the store's checks make this all but impossible.
            raise PermanentFailure("address not usable in an e-mail header") from None
        await self.send(to, raw, utf8=utf8)

    async def send(self, to: str, raw: bytes, utf8: bool = False) -> None:
        options = ["SMTPUTF8"] if utf8 else []
        async with self._slots:
            client = self._idle.pop() if self._idle else None
            while True:
                reused = client is not None
                if client is None:
                    client = await self._connect()
                try:
                    await client.sendmail(self.settings.envelope_sender, [to], raw, mail_options=options)
                except aiosmtplib.SMTPServerDisconnected:
                    client = None
                    if reused:
                        continue  # the relay closed it while it was idle: once more on a new connection
                    raise TransientFailure("SMTP connection lost") from None
                except aiosmtplib.SMTPRecipientsRefused as refused:
                    self._keep(client)
                    raise _reply(refused.recipients[0]) from None
                except aiosmtplib.SMTPResponseException as error:
                    self._keep(client)
                    raise _reply(error) from None
                except aiosmtplib.SMTPNotSupported:
                    self._keep(client)
                    raise PermanentFailure("SMTP relay has no SMTPUTF8 for this address") from None
                except ValueError:  # an address aiosmtplib will not put on the wire
                    self._keep(client)
                    raise PermanentFailure("address not sendable over SMTP") from None
                except (aiosmtplib.SMTPException, OSError) as error:
                    await self._drop(client)
                    raise TransientFailure(f"SMTP {type(error).__name__}") from None
                self._idle.append(client)
                return

    async def _connect(self) -> aiosmtplib.SMTP:
        s = self.settings
        client = aiosmtplib.SMTP(hostname=s.host, port=s.port, timeout=s.timeout, use_tls=s.implicit_tls,
                                 start_tls=False, tls_context=self._tls)
        reason = None
        try:
            await client.connect()
            if s.starttls and not s.implicit_tls:
                await client.ehlo()
                if not client.supports_extension("starttls"):
                    reason = "SMTP relay offers no STARTTLS"
                else:
                    await client.starttls()
            if reason is None and s.username:
                await client.ehlo()
                if not client.supports_extension("auth"):
                    reason = "SMTP relay offers no login (AUTH)"
                else:
                    await client.login(s.username, s.password)
        except aiosmtplib.SMTPAuthenticationError as error:
            reason = f"SMTP login refused ({error.code})"
        except ssl.SSLError:
            reason = "SMTP TLS failed"
        except aiosmtplib.SMTPResponseException as error:
            reason = f"SMTP {error.code} on connect"
        except (aiosmtplib.SMTPException, OSError) as error:
            reason = f"SMTP cannot connect ({type(error).__name__})"
        if reason is None:
            return client
        # The relay or our settings, not the message: the operator needs to see it (host and port only).
        logger.warning("%s: %s:%s", reason, s.host, s.port)
        await self._drop(client)
        raise TransientFailure(reason)

    def _keep(self, client: aiosmtplib.SMTP) -> None:
        """After a refusal aiosmtplib has reset the envelope: the connection serves the next message."""
        if client.is_connected:
            self._idle.append(client)

    @staticmethod
    async def _drop(client: aiosmtplib.SMTP) -> None:
        client.close()  # no QUIT: the connection is already broken or refused us

    async def close(self) -> None:
        """Say goodbye (QUIT) on the kept connections."""
        idle, self._idle = self._idle, []
        for client in idle:
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError):
                await self._drop(client)


def unsubscribe_links(store: Any, base_url: str) -> LinkMaker:
    """The unsubscribe link of each e-mail: the web service's /unsubscribe/<token> (bot/web/unsubscribe.py).
    A code e-mail's link stops the sign-up it verifies; a status e-mail's, the subscription."""
    base = base_url.rstrip("/")

    def url(delivery: Dict[str, Any]) -> str:
        if delivery.get("kind") == "verification_code":
            kind, ident = "verification", delivery["verification_id"]
        else:
            kind, ident = "subscription", delivery["subscription_id"]
        token = store.unsubscribe_token(kind, ident, delivery.get("language") or "en", delivery["contact"])
        return f"{base}/unsubscribe/{token}"

    return url
