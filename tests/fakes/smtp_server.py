"""A real SMTP server on a loopback port (aiosmtpd), standing in for the operator's mail relay.

It keeps every message it accepts (parsed, with its envelope and arrival time) and answers as told:
`refuse(address, "550 5.1.1 ...")` makes the next RCPT (or, with at="DATA", the next DATA) for that
address get that reply, as many `times` as asked. With `tls=True` it offers STARTTLS with a
self-signed certificate for 127.0.0.1 (`ca_file` for the client) and requires it; with `login` it
requires AUTH with that user and password, as relays on port 587 do.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import ipaddress
import ssl
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bot.launcher import free_port


@dataclass
class Received:
    sender: str
    recipients: List[str]
    message: EmailMessage
    at: float = field(default_factory=time.monotonic)

    def part(self, subtype: str) -> str:
        """The text of the text/plain ("plain") or text/html ("html") part."""
        return self.message.get_body(preferencelist=(subtype,)).get_content()


def self_signed(directory: Path) -> Tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, written to `directory`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = directory / "relay.crt", directory / "relay.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


class FakeRelay:
    def __init__(self, directory: Optional[Path] = None, tls: bool = False,
                 login: Optional[Tuple[str, str]] = None, port: Optional[int] = None) -> None:
        self.port = port or free_port()
        self.received: List[Received] = []
        self.sessions = 0  # connections that said EHLO
        self.logins: List[str] = []
        self._replies: Dict[Tuple[str, str], List[str]] = {}
        self._lock = threading.Lock()
        self.login = login
        self.ca_file: Optional[Path] = None
        kwargs = {}
        if tls:
            cert_file, key_file = self_signed(directory)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert_file, key_file)
            self.ca_file = cert_file
            kwargs.update(tls_context=context, require_starttls=True)
        if login:
            kwargs.update(authenticator=self._authenticate, auth_required=True, auth_require_tls=tls)
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port, **kwargs)

    def refuse(self, address: str, reply: str, at: str = "RCPT", times: int = 1) -> None:
        with self._lock:
            self._replies.setdefault((at, address.lower()), []).extend([reply] * times)

    def reply_for(self, at: str, address: str) -> Optional[str]:
        with self._lock:
            queue = self._replies.get((at, address.lower()))
            return queue.pop(0) if queue else None

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword)
              and (auth_data.login.decode(), auth_data.password.decode()) == self.login)
        if ok:
            self.logins.append(auth_data.login.decode())
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself

    def wait_for(self, count: int, timeout: float = 10.0) -> List[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return self.received
            time.sleep(0.02)
        raise AssertionError(f"the relay got {len(self.received)} messages, expected {count}")

    def start(self) -> "FakeRelay":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()


class _Handler:
    def __init__(self, relay: FakeRelay) -> None:
        self.relay = relay

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.relay.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.relay.reply_for("RCPT", address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            reply = self.relay.reply_for("DATA", address)
            if reply:
                return reply
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        self.relay.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 2.0.0 Message accepted for delivery"
