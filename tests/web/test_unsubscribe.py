"""The unsubscribe link of a real e-mail (sent through the dispatcher to the loopback SMTP server)
works without a login: opening it asks in the person's language, with a button; the button, or a
mail client's RFC 8058 one-click POST, stops the e-mails and nothing more is sent; a code e-mail's
link drops the sign-up it was for; an old link cannot stop messages that now go to another address;
a cut, altered or made-up link gets a clear page in both languages, never a server error."""

from __future__ import annotations

import re

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from cryptography.fernet import Fernet

from bot.push.dispatcher import ChannelLimits, Dispatcher
from bot.push.smtp import EmailSender, SmtpSettings, unsubscribe_links
from bot.store import Contact, OffenderDetails, Store
from bot.web.app import WebConfig, create_app
from tests.fakes.smtp_server import FakeRelay
from tests.push.test_dispatcher import release, subscribe

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def relay(tmp_path):
    fake = FakeRelay(tmp_path).start()
    yield fake
    fake.stop()


@pytest.fixture
async def web(sqlite_store):
    app = create_app(WebConfig(socket_url="http://localhost:5105", exit_url="/neutral"), store=sqlite_store,
                     source_keys={}, operator_secret="x" * 32)
    async with TestClient(TestServer(app)) as client:
        yield client


@pytest.fixture
async def browser():
    """An ordinary HTTP client, as a browser or a mail client follows the e-mail's absolute link."""
    async with aiohttp.ClientSession() as session:
        yield session


async def send_all(store, relay, web, codes=False):
    """Everything queued for e-mail goes to the relay; links point at the test web service."""
    settings = SmtpSettings(host="127.0.0.1", port=relay.port, sender="Avisos <avisos@example.org>",
                            starttls=False, timeout=5)
    sender = EmailSender(settings, unsubscribe_links(store, str(web.make_url(""))))
    dispatcher = Dispatcher(store, {"email": sender}, limits={"email": ChannelLimits(1000.0)},
                            base_backoff=0.0)
    if codes:
        for code in await store.claim_codes(10, channels=("email",)):
            await dispatcher.send_code(code)
    await dispatcher.run_once()
    await sender.close()


def link_in_text(received):
    """The link a person clicks: the one in the plain-text part."""
    return re.search(r"https?://\S+/unsubscribe/\S+", received.part("plain")).group(0)


async def status(store, owner):
    return [view.status for view in await store.list_subscriptions(owner, include_cancelled=True)]


@pytest.mark.parametrize("language, question, button, done", [
    ("es", "¿Quiere dejar de recibir estos correos?", "Sí, dejar de recibir estos correos", "Listo."),
    ("en", "Do you want to stop these e-mails?", "Yes, stop these e-mails", "Done."),
])
async def test_the_link_in_a_status_email_asks_then_stops_the_emails(sqlite_store, relay, web, browser,
                                                                      language, question, button, done):
    store = sqlite_store
    await subscribe(store, "web:u1", "email", "ana@example.com", language)
    await store.record_event(release("e1"), "sig-1")
    await send_all(store, relay, web)
    [received] = relay.wait_for(1)
    link = link_in_text(received)
    assert link == received.message["List-Unsubscribe"][1:-1]

    page = await browser.get(link)  # what a mail scanner or a click does: nothing changes yet
    body = await page.text()
    assert page.status == 200 and f'<html lang="{language}">' in body
    assert question in body and button in body and "911" in body
    form = re.search(r'<form class="confirm" method="post" action="([^"]+)">', body)
    assert form and link.endswith(form.group(1))
    assert await status(store, "web:u1") == ["active"]
    assert "ana@example.com" not in body and "Pat Doe" not in body  # the page names no one

    confirmed = await web.post(form.group(1), data=ONE_CLICK)  # the button
    assert confirmed.status == 200 and done in await confirmed.text()
    assert await status(store, "web:u1") == ["cancelled"]

    await store.record_event(release("e2"), "sig-2")  # later news: nothing is sent any more
    await send_all(store, relay, web)
    assert len(relay.received) == 1
    again = await browser.get(link)  # the link keeps answering
    already = {"en": "already stopped", "es": "ya están cancelados"}[language]
    assert again.status == 200 and already in await again.text()


async def test_a_mail_clients_one_click_post_stops_at_once(sqlite_store, relay, web, browser):
    store = sqlite_store
    await subscribe(store, "web:u2", "email", "bo@example.com", "en")
    await subscribe(store, "web:u2", "email", "bo@example.com", "en", number="B2")  # a second sign-up stays
    await store.record_event(release("e1"), "sig-1")
    await send_all(store, relay, web)
    [received] = relay.wait_for(1)
    header = received.message["List-Unsubscribe"][1:-1]
    # RFC 8058: POST to the List-Unsubscribe address with this body, no cookies, no login.
    response = await browser.post(header, data="List-Unsubscribe=One-Click",
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status == 200 and "No more e-mails will be sent for this sign-up" in await response.text()
    assert await status(store, "web:u2") == ["cancelled", "active"]
    second = await browser.post(header, data="List-Unsubscribe=One-Click",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert second.status == 200 and "already stopped" in await second.text()


async def test_the_link_in_a_code_email_drops_that_sign_up(sqlite_store, relay, web, browser):
    store = sqlite_store
    created = await store.create_subscription(
        "web:u3", "vine", OffenderDetails(number="A1"), Contact("email", "cy@example.com"), "es", None,
        "America/Chicago", verify=True, conversation="web:u3")
    await send_all(store, relay, web, codes=True)
    [received] = relay.wait_for(1)
    assert created.code in received.part("plain")
    link = link_in_text(received)
    assert "¿Quiere dejar de recibir estos correos?" in await (await browser.get(link)).text()
    assert "Listo." in await (await browser.post(link, data=ONE_CLICK)).text()
    # Someone else typed this address: the sign-up is gone, its code no longer works, no new code goes out.
    assert await store.list_subscriptions("web:u3", include_cancelled=True) == []
    assert (await store.verify_code("web:u3", created.code)).outcome == "no_pending"
    assert await store.resend_code("web:u3") is None


async def test_an_old_link_cannot_stop_messages_that_now_go_elsewhere(sqlite_store, relay, web, browser):
    store = sqlite_store
    await subscribe(store, "web:u4", "email", "old.box@example.com", "en")
    await store.record_event(release("e1"), "sig-1")
    await send_all(store, relay, web)
    old_link = link_in_text(relay.wait_for(1)[0])
    await store.change_contact("web:u4", Contact("email", "new.box@example.com"), "en", verify=False)
    page = await (await browser.get(old_link)).text()
    assert "already stopped" in page and "<form" not in page
    await browser.post(old_link, data=ONE_CLICK)
    assert await status(store, "web:u4") == ["active"]  # whoever reads the old mailbox cannot cancel


async def valid_token(store):
    return store.unsubscribe_token("subscription", 1, "en", "x@example.com")


def altered(token):
    middle = len(token) // 2
    return token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1:]


@pytest.mark.parametrize("make_path", [
    lambda token: "/unsubscribe",                                   # no token at all
    lambda token: "/unsubscribe/",                                  # empty
    lambda token: "/unsubscribe/hello",                             # made up
    lambda token: "/unsubscribe/" + token[:40],                     # cut short in a mail client
    lambda token: "/unsubscribe/" + altered(token),                 # one character changed
    lambda token: "/unsubscribe/" + token + "/extra/../../etc",     # junk after it
    lambda token: "/unsubscribe/" + "A" * 5000,                     # absurdly long
    lambda token: "/unsubscribe/%00%ff%fe" + token,                 # bytes that are not text
    lambda token: "/unsubscribe/" + Store.from_url("sqlite+aiosqlite://", key=Fernet.generate_key())
    .unsubscribe_token("subscription", 1, "en", "x@example.com"),  # sealed with another deployment's key
])
@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_a_bad_link_gets_a_clear_page_in_both_languages(sqlite_store, web, make_path, method):
    path = make_path(await valid_token(sqlite_store))
    response = await web.request(method, path, data=ONE_CLICK if method == "POST" else None)
    body = await response.text()
    assert response.status == 400, body
    assert "This link does not work" in body and "Este enlace no funciona" in body
    assert '<section lang="en">' in body and '<section lang="es">' in body
    assert "Traceback" not in body and "<form" not in body
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


async def test_a_bad_link_puts_the_browsers_language_first(web):
    response = await web.get("/unsubscribe/nope", headers={"Accept-Language": "es-MX,es;q=0.9"})
    body = await response.text()
    assert body.index("Este enlace no funciona") < body.index("This link does not work")
    assert '<html lang="es">' in body


async def test_a_database_that_fails_gets_a_try_again_page_not_a_trace(tmp_path):
    store = Store.from_url(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", key=Fernet.generate_key())
    await store.init()
    token = store.unsubscribe_token("subscription", 1, "es", "x@example.com")
    app = create_app(WebConfig(socket_url="http://localhost:5105", exit_url="/neutral"), store=store,
                     source_keys={}, operator_secret="x" * 32)
    await store.close()
    for name in ("bot.db", "bot.db-wal", "bot.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)  # the tables are gone: every query fails
    async with TestClient(TestServer(app)) as client:
        for method in ("GET", "POST"):
            response = await client.request(method, f"/unsubscribe/{token}")
            body = await response.text()
            assert response.status == 503 and "inténtelo de nuevo" in body and "Traceback" not in body
    await store.close()
