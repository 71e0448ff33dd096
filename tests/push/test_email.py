"""E-mail through the dispatcher to a real SMTP server on loopback (tests/fakes/smtp_server.py):
status messages and verification codes arrive in the person's language, as plain text and HTML,
with RFC 8058 unsubscribe headers and an opaque link; a 5xx reply makes the row dead at once, a 4xx
one is retried and then sent; the relay's STARTTLS and login are used; the channel keeps its pace;
no address reaches a log or the stored error."""

from __future__ import annotations

import asyncio
import base64
import logging
import re

import pytest

from bot.push.dispatcher import ChannelLimits, Dispatcher, PermanentFailure
from bot.push.smtp import EmailSender, SmtpSettings, unsubscribe_links
from bot.store import Contact, OffenderDetails
from tests.fakes.smtp_server import FakeRelay
from tests.push.test_dispatcher import release, subscribe
from tests.push.test_pipeline import run_until

SENDER = "Victim notifications <notify@example.org>"
BASE = "https://notify.example.org"


@pytest.fixture
def relay(tmp_path):
    fake = FakeRelay(tmp_path).start()
    yield fake
    fake.stop()


def email_sender(relay, store, **settings):
    options = dict(host="127.0.0.1", port=relay.port, sender=SENDER, starttls=False, timeout=5)
    options.update(settings)
    return EmailSender(SmtpSettings(**options), unsubscribe_links(store, BASE))


def dispatcher(store, sender, rate=1000.0, **kwargs):
    return Dispatcher(store, {"email": sender}, limits={"email": ChannelLimits(rate, headroom=1.0)},
                      base_backoff=0.0, **kwargs)


async def deliveries(store):
    async with store.engine.connect() as conn:
        rows = await conn.exec_driver_sql("SELECT state, attempts, last_error FROM deliveries ORDER BY id")
        return [tuple(row) for row in rows]


def link_of(received):
    header = received.message["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">")
    return header[1:-1]


async def test_status_messages_arrive_in_each_persons_language_as_text_and_html(sqlite_store, relay):
    store = sqlite_store
    await subscribe(store, "web:e1", "email", "ana.lopez@example.com", "es")
    await subscribe(store, "web:e2", "email", "Bob.Smith@Example.com", "en")
    await store.record_event(release(), "sig-1")
    sender = email_sender(relay, store)
    assert await dispatcher(store, sender).run_once() == 2
    await sender.close()
    by_to = {r.recipients[0]: r for r in relay.wait_for(2)}
    spanish, english = by_to["ana.lopez@example.com"], by_to["bob.smith@example.com"]

    assert spanish.sender == "notify@example.org" and spanish.message["To"] == "ana.lopez@example.com"
    assert spanish.message["Subject"] == "Urgente: cambio en la custodia"  # no name in a subject
    assert spanish.message["Content-Language"] == "es"
    assert "Pat Doe salió en libertad hoy de Harris County Jail" in spanish.part("plain")
    assert "Pat Doe salió en libertad hoy de Harris County Jail" in spanish.part("html")
    assert '<html lang="es">' in spanish.part("html")
    assert "Para dejar de recibir estos correos" in spanish.part("plain")
    assert english.message["Subject"] == "Urgent: custody status change"
    assert "Pat Doe was released today from Harris County Jail" in english.part("plain")
    assert "To stop these e-mails" in english.part("plain") and "Stop these e-mails" in english.part("html")

    for received in (spanish, english):
        # RFC 8058: an HTTPS link and the one-click header; the same link in both parts.
        link = link_of(received)
        assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(re.escape(BASE) + r"/unsubscribe/[A-Za-z0-9_-]{100,}", link)
        assert link in received.part("plain") and f'href="{link}"' in received.part("html")
        assert received.message["Auto-Submitted"] == "auto-generated"
    # The links carry neither the address, nor the offender, nor a readable id.
    links = [link_of(spanish), link_of(english)]
    assert links[0] != links[1]
    for link in links:
        token = link.rsplit("/", 1)[1]
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))  # what decoding the link reveals
        for secret in ("ana.lopez", "bob.smith", "example.com", "Pat Doe", "s:1:", "s:2:"):
            assert secret not in link and secret.encode() not in raw
    assert await store.delivery_states() == {"sent": 2}


async def test_a_verification_code_arrives_by_email_and_verifies_the_sign_up(sqlite_store, relay):
    store = sqlite_store
    created = await store.create_subscription(
        "web:e3", "vnp", OffenderDetails(name="Pat Doe", dob="1980-01-02"),
        Contact("email", "carla@example.com"), "es", None, "America/Chicago", verify=True,
        conversation="web:e3")
    sender = email_sender(relay, store)
    d = dispatcher(store, sender)
    assert [await d.send_code(code) for code in await store.claim_codes(10, channels=("email",))] == ["sent"]
    await sender.close()
    [received] = relay.wait_for(1)
    assert received.recipients == ["carla@example.com"]
    assert received.message["Subject"] == "Su código de verificación"
    assert f"Tu código de verificación es {created.code}" in received.part("plain")
    assert created.code in received.part("html") and '<html lang="es">' in received.part("html")
    assert "Si no fue usted" in received.part("plain")  # what to do if someone else typed the address
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (await store.verify_code("web:e3", created.code)).outcome == "verified"


async def test_the_running_dispatcher_sends_codes_and_status_messages_by_email(sqlite_store, relay):
    store = sqlite_store
    await subscribe(store, "web:e4", "email", "dee@example.com", "en")
    created = await store.create_subscription(
        "web:e5", "vine", OffenderDetails(number="A1"), Contact("email", "eve@example.com"), "en", None,
        "America/Chicago", verify=True, conversation="web:e5")
    await store.record_event(release(), "sig-1")
    sender = email_sender(relay, store)
    d = dispatcher(store, sender)
    stop = asyncio.Event()
    task = asyncio.create_task(d.run(stop, idle=0.05))
    try:
        received = await asyncio.to_thread(relay.wait_for, 2)
    finally:
        stop.set()
        await task
        await sender.close()
    by_to = {r.recipients[0]: r for r in received}
    assert created.code in by_to["eve@example.com"].part("plain")
    assert "was released today" in by_to["dee@example.com"].part("plain")


async def test_a_permanent_refusal_is_dead_at_once_and_no_address_is_kept_or_logged(sqlite_store, relay,
                                                                                     caplog):
    store = sqlite_store
    await subscribe(store, "web:e6", "email", "gone.user@example.com", "en")
    await subscribe(store, "web:e7", "email", "full.box@example.com", "en")
    await store.record_event(release(), "sig-1")
    relay.refuse("gone.user@example.com", "550 5.1.1 <gone.user@example.com>: Recipient address rejected")
    relay.refuse("full.box@example.com", "554 5.7.1 Message for full.box@example.com rejected", at="DATA")
    caplog.set_level(logging.DEBUG)
    sender = email_sender(relay, store)
    assert await dispatcher(store, sender).run_once() == 2
    await sender.close()
    assert relay.received == []
    assert sorted(await deliveries(store)) == [("dead", 1, "SMTP 550 to RCPT"),
                                               ("dead", 1, "SMTP 554 to DATA")]
    stats = await store.delivery_stats()
    assert stats["deliveries"]["email"] == {"dead": 2}
    # What this process logs (the fake relay's own "mail.log" stands for another machine's log)
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail.log"))
    assert "delivery" in ours or "SMTP" in ours or ours == ""
    assert "gone.user" not in ours and "full.box" not in ours and "example.com" not in ours


async def test_a_transient_refusal_is_retried_then_sent(sqlite_store, relay):
    store = sqlite_store
    await subscribe(store, "web:e8", "email", "greylisted@example.com", "es")
    await store.record_event(release(), "sig-1")
    relay.refuse("greylisted@example.com", "451 4.7.1 Try again later")
    relay.refuse("greylisted@example.com", "452 4.2.2 Mailbox over quota, try later", at="DATA")
    sender = email_sender(relay, store)
    d = dispatcher(store, sender)
    assert await d.run_once() == 1
    assert await deliveries(store) == [("failed", 1, "SMTP 451 to RCPT")]
    assert await d.run_once() == 1
    assert await deliveries(store) == [("failed", 2, "SMTP 452 to DATA")]
    assert await d.run_once() == 1
    await sender.close()
    [received] = relay.wait_for(1)
    assert "salió en libertad" in received.part("plain")
    assert [state for state, _, _ in await deliveries(store)] == ["sent"]
    assert relay.sessions == 1  # one connection served the three tries


async def test_a_relay_that_does_not_answer_is_retried_then_given_up(sqlite_store, relay):
    store = sqlite_store
    await subscribe(store, "web:e9", "email", "ivy@example.com", "en")
    await store.record_event(release(), "sig-1")
    relay.stop()  # nothing listens on the port any more
    sender = email_sender(relay, store)
    d = dispatcher(store, sender, max_attempts=2)
    await d.run_once()
    [(state, attempts, error)] = await deliveries(store)
    assert (state, attempts) == ("failed", 1) and error.startswith("SMTP cannot connect")
    await d.run_once()
    assert [state for state, _, _ in await deliveries(store)] == ["dead"]
    relay.start = lambda: None  # already stopped; the fixture's stop must not fail
    relay.stop = lambda: None


async def test_a_relay_restart_between_messages_costs_no_attempt(sqlite_store, tmp_path):
    store = sqlite_store
    first = FakeRelay(tmp_path).start()
    sender = email_sender(first, store)
    await subscribe(store, "web:e10", "email", "jo@example.com", "en")
    await store.record_event(release("e1"), "sig-1")
    d = dispatcher(store, sender)
    await d.run_once()
    first.wait_for(1)
    first.stop()  # the kept connection dies with it
    second = FakeRelay(tmp_path, port=first.port).start()
    try:
        await store.record_event(release("e2"), "sig-2")
        await d.run_once()
        second.wait_for(1)
    finally:
        await sender.close()
        second.stop()
    assert [(state, attempts) for state, attempts, _ in await deliveries(store)] == [("sent", 0), ("sent", 0)]


async def test_starttls_and_login_are_used_and_a_wrong_password_is_retried(sqlite_store, tmp_path):
    store = sqlite_store
    relay = FakeRelay(tmp_path, tls=True, login=("bot", "s3cret-pass")).start()
    try:
        await subscribe(store, "web:e11", "email", "kim@example.com", "en")
        await store.record_event(release("e1"), "sig-1")
        untrusted = email_sender(relay, store, starttls=True, username="bot", password="s3cret-pass")
        await dispatcher(store, untrusted).run_once()  # a certificate no CA vouches for: no password sent
        [(state, _, error)] = await deliveries(store)
        assert (state, error) == ("failed", "SMTP TLS failed") and relay.logins == []
        wrong = email_sender(relay, store, starttls=True, ca_file=str(relay.ca_file), username="bot",
                             password="not-it")
        await dispatcher(store, wrong).run_once()
        [(state, _, error)] = await deliveries(store)
        assert (state, error) == ("failed", "SMTP login refused (535)")
        right = email_sender(relay, store, starttls=True, ca_file=str(relay.ca_file), username="bot",
                             password="s3cret-pass")
        await dispatcher(store, right).run_once()
        await right.close()
        [received] = relay.wait_for(1)
    finally:
        relay.stop()
    assert received.recipients == ["kim@example.com"] and relay.logins == ["bot"]
    assert [state for state, _, _ in await deliveries(store)] == ["sent"]


async def test_a_relay_without_starttls_is_not_used_when_starttls_is_required(sqlite_store, relay):
    store = sqlite_store
    await subscribe(store, "web:e12", "email", "lee@example.com", "en")
    await store.record_event(release(), "sig-1")
    sender = email_sender(relay, store, starttls=True)
    await dispatcher(store, sender).run_once()
    assert relay.received == []
    [(state, _, error)] = await deliveries(store)
    assert state == "failed" and "STARTTLS" in error


async def test_email_keeps_the_channels_pace(sqlite_store, relay):
    store = sqlite_store
    for n in range(6):
        await subscribe(store, f"web:p{n}", "email", f"p{n}@example.com", "en")
    await store.record_event(release(), "sig-1")
    sender = email_sender(relay, store)
    handed = []

    async def paced(delivery, text):
        handed.append(asyncio.get_running_loop().time())
        await sender(delivery, text)

    d = Dispatcher(store, {"email": paced}, limits={"email": ChannelLimits(10.0, headroom=1.0)},
                   base_backoff=0.0)
    await run_until(d, store, lambda: _all_sent(store, 6))
    await sender.close()
    assert len(relay.wait_for(6)) == 6
    # Six messages at 10/s are handed to the relay 0.1 s apart (unpaced, within a few milliseconds).
    # The hand-over times are the dispatcher's own; arrival times at the relay are not asserted,
    # since a slow first connection on a busy machine can bunch arrivals the dispatcher spaced.
    gaps = [b - a for a, b in zip(handed, handed[1:])]
    assert len(handed) == 6 and min(gaps) >= 0.09, gaps


async def _all_sent(store, count):
    return (await store.delivery_states()).get("sent", 0) >= count


@pytest.mark.parametrize("env, complaint", [
    # no sender address
    ({"SMTP_HOST": "smtp.example.org"}, "SMTP_FROM"),
    # a password that would travel in clear to another machine
    ({"SMTP_HOST": "smtp.example.org", "SMTP_FROM": "n@example.org", "SMTP_STARTTLS": "0",
      "SMTP_PASSWORD": "hunter2-secret"}, "SMTP_PASSWORD"),
    ({"SMTP_HOST": "smtp.example.org", "SMTP_FROM": "n@example.org", "SMTP_PORT": "five"}, "SMTP_PORT"),
])
def test_settings_that_cannot_work_stop_with_a_clear_message(env, complaint):
    with pytest.raises(SystemExit) as stop:
        SmtpSettings.from_env(env)
    assert complaint in str(stop.value) and "hunter2" not in str(stop.value)


def test_settings_from_the_environment():
    assert SmtpSettings.from_env({}) is None  # e-mail off
    settings = SmtpSettings.from_env({"SMTP_HOST": "smtp.example.org", "SMTP_USER": "bot",
                                      "SMTP_PASSWORD": "pw", "SMTP_FROM": "Avisos <avisos@example.org>"})
    assert (settings.port, settings.starttls, settings.envelope_sender) == (587, True, "avisos@example.org")
    assert "pw" not in repr(settings)
    # a local relay may take a password without TLS: it never crosses the network
    local = SmtpSettings.from_env({"SMTP_HOST": "127.0.0.1", "SMTP_FROM": "n@example.org",
                                   "SMTP_STARTTLS": "0", "SMTP_PASSWORD": "pw", "SMTP_PORT": "2525"})
    assert (local.port, local.starttls) == (2525, False)


async def test_the_worker_process_sends_email_when_smtp_is_configured(tmp_path, relay):
    """`python -m bot.push.worker` with the SMTP_* settings: a code and a status message arrive, and
    the links point at WEB_PUBLIC_URL."""
    import os
    import signal
    import subprocess
    import sys

    from cryptography.fernet import Fernet

    from bot.launcher import free_port
    from bot.store import Store

    key, db = Fernet.generate_key(), tmp_path / "bot.db"
    store = Store.from_url(f"sqlite+aiosqlite:///{db}", key=key)
    await store.init()
    await subscribe(store, "web:w1", "email", "wes@example.com", "es")
    created = await store.create_subscription(
        "web:w2", "vine", OffenderDetails(number="Z9"), Contact("email", "wu@example.com"), "en", None,
        "America/Chicago", verify=True, conversation="web:w2")
    await store.record_event(release(), "sig-1")
    env = dict(os.environ, DATABASE_URL=f"sqlite+aiosqlite:///{db}", BOT_DATA_KEY=key.decode(),
               SMTP_HOST="127.0.0.1", SMTP_PORT=str(relay.port), SMTP_STARTTLS="0", SMTP_FROM=SENDER,
               WEB_PUBLIC_URL="https://help.example.org", RASA_URL=f"http://127.0.0.1:{free_port()}",
               RASA_JWT_SECRET="s" * 32, LOG_LEVEL="ERROR")
    for name in ("TELEGRAM_TOKEN", "TWILIO_ACCOUNT_SID"):
        env.pop(name, None)
    process = subprocess.Popen([sys.executable, "-m", "bot.push.worker"], env=env, stdout=subprocess.PIPE,
                               text=True)
    try:
        assert process.stdout.readline().strip() == "dispatcher running: email, web"
        received = await asyncio.to_thread(relay.wait_for, 2, 20.0)
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
    finally:
        if process.poll() is None:
            process.kill()
    by_to = {r.recipients[0]: r for r in received}
    assert created.code in by_to["wu@example.com"].part("plain")
    assert "salió en libertad" in by_to["wes@example.com"].part("plain")
    assert all(link_of(r).startswith("https://help.example.org/unsubscribe/") for r in received)
    assert await store.delivery_states() == {"sent": 1}
    await store.close()


async def test_an_address_that_cannot_go_in_a_header_is_refused_without_quoting_it(sqlite_store, relay):
    sender = email_sender(relay, sqlite_store)
    delivery = {"channel": "email", "contact": "x@example.com\r\nBcc: y@example.com", "language": "en",
                "kind": "verification_code", "verification_id": 1}
    with pytest.raises(PermanentFailure) as refusal:
        await sender(delivery, "Your verification code is 123456.")
    assert "example.com" not in str(refusal.value) and relay.received == []
