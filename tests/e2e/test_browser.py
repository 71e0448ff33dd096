"""The web chat in a real browser: Debian's Chromium driven by Playwright.

A person registers in English and another in Spanish (with button clicks), the quick exit leaves
nothing to go back to, and no request leaves this machine. Links and phone numbers in the
assistant's messages can be tapped, the page's own words follow the conversation's language, and
axe-core (from npm, served by the web service) finds no serious or critical accessibility problem in
either language. A screenshot of each run is kept in artifacts/ (not committed).

Tests of the page's rendering alone use the web service without Rasa and a stand-in for
socket.io-client that lets the test play the assistant (`bot(...)`).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiohttp import web

from bot.launcher import free_port
from bot.messages import render
from bot.web.app import WebConfig, create_app

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, assistant):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")  # a phone
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    tab.requests = requests
    tab.goto(f"http://127.0.0.1:{assistant.web_port}/")
    yield tab
    context.close()
    outside = [url for url in requests if urlsplit(url).hostname not in LOCAL_HOSTS and not url.startswith("data:")]
    assert not outside, f"requests left this machine: {outside}"


# Stands in for socket.io-client: connects at once, records what the page emits, and lets the test
# send messages as the assistant would (window.__bot({...})).
FAKE_SOCKET = """
window.__sent = [];
window.io = function () {
  var handlers = {};
  var socket = {
    on: function (name, handler) { handlers[name] = handler; return socket; },
    emit: function (name, data) {
      window.__sent.push({name: name, data: data});
      if (name === "session_request") {
        setTimeout(function () { handlers.session_confirm(data.session_id); }, 0);
      }
    },
    disconnect: function () {}
  };
  window.__bot = function (message) { handlers.bot_uttered(message); };
  setTimeout(function () { handlers.connect(); }, 0);
  return socket;
};
"""


@pytest.fixture(scope="module")
def web_only():
    """The web service alone (no Rasa), on a free port, with its own event loop in a thread of its own
    (Playwright's loop runs in this one)."""
    app = create_app(WebConfig(socket_url=f"http://127.0.0.1:{free_port()}"), store=object(), source_keys={},
                     operator_secret="")
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    port = free_port()
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(10), "the web service did not start"
    yield f"http://127.0.0.1:{port}"
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


@pytest.fixture
def fake_page(browser, web_only):
    """The chat page with the assistant played by the test."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    tab.route("**/vendor/socket.io.min.js",
              lambda route: route.fulfill(body=FAKE_SOCKET, content_type="application/javascript"))
    tab.goto(web_only + "/")
    tab.wait_for_function("window.__sent.some(function (e) { return e.name === 'user_uttered'; })")
    yield tab
    context.close()
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in requests), requests


def bot(page, text: str, language: str = None) -> None:
    """The assistant sends `text` (marked with `language`, as bot/channels/socketio.py marks it)."""
    message = {"text": text}
    if language:
        message["metadata"] = {"language": language}
    count = page.locator(".msg.bot").count()
    page.evaluate("message => window.__bot(message)", message)
    page.locator(".msg.bot").nth(count).wait_for()


def serious_violations(page) -> list:
    """axe-core's serious and critical findings on the page as it is now (axe served from this origin)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url="/vendor/axe.min.js")  # a script of this origin: the CSP allows it
    results = page.evaluate("() => window.axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


PAGE_WORDS = {
    "en": {"title": "Victim notification help", "#send": "Send", "#exit": "Quick exit",
           "placeholder": "Type here and press Send", "log": "Conversation", "h1": "Find out when",
           "safety": "If you are in danger, call 911."},
    "es": {"title": "Ayuda con avisos para víctimas", "#send": "Enviar", "#exit": "Salida rápida",
           "placeholder": "Escriba aquí y pulse Enviar", "log": "Conversación", "h1": "Sepa cuándo",
           "safety": "Si está en peligro, llame al 911."},
}


def assert_page_words(page, lang: str) -> None:
    """The words of the page itself (not the conversation) are in `lang`."""
    words = PAGE_WORDS[lang]
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang)
    assert page.title() == words["title"]
    assert page.inner_text("#send") == words["#send"]
    assert page.inner_text("#exit") == words["#exit"]
    assert page.get_attribute("#message", "placeholder") == words["placeholder"]
    assert page.get_attribute("#log", "aria-label") == words["log"]
    assert page.inner_text("h1").startswith(words["h1"])
    assert page.inner_text(".safety") == words["safety"]
    assert page.get_attribute(f"#lang-{lang}", "aria-pressed") == "true"


def bot_says(page, text: str, timeout: float = 20_000) -> None:
    """Wait until a bot message contains `text`."""
    page.locator(".msg.bot", has_text=text[:60]).last.wait_for(timeout=timeout)


def type_message(page, text: str) -> None:
    page.fill("#message", text)
    page.press("#message", "Enter")


REGISTRATION = {
    "en": ("my ex is in the county jail in houston texas", "Yes, sign me up", "Jordan Example", "Not sure",
           "This chat", "No quiet hours", "Yes, sign me up"),
    "es": ("mi ex está en la cárcel del condado en houston texas", "Sí, inscribirme", "Jordán Ejemplo", "No sé",
           "Este chat", "Sin horas de silencio", "Sí, inscribirme"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_registration_in_the_browser(page, lang):
    bot_says(page, "911")  # the greeting carries the 911 line
    if lang == "es":
        page.click("#lang-es")  # the page and the conversation switch to Spanish
        assert page.locator("html").get_attribute("lang") == "es"
        bot_says(page, "seguimos en español")
    facts, accept, name, facility, channel, quiet, confirm = REGISTRATION[lang]
    type_message(page, facts)
    bot_says(page, render("program_vine", lang)["text"][:50])
    page.get_by_role("button", name=accept).last.click()
    bot_says(page, render("ask_offender_ref", lang)["text"])
    type_message(page, name)
    bot_says(page, render("ask_facility", lang)["text"])
    page.get_by_role("button", name=facility).last.click()
    bot_says(page, render("ask_contact_channel", lang)["text"])
    page.get_by_role("button", name=channel).last.click()
    bot_says(page, render("ask_quiet_hours", lang)["text"][:50])
    page.get_by_role("button", name=quiet).last.click()
    bot_says(page, name)  # the read-back shows the name
    page.get_by_role("button", name=confirm).last.click()
    subscribed = render("subscribed", lang, offender=name, contact="X")["text"].split("X")[0]
    bot_says(page, subscribed)
    # the transcript is text: markup typed by the person is shown, not run
    type_message(page, "<b>bold</b>")
    page.locator(".msg.me", has_text="<b>bold</b>").wait_for()
    assert page.locator(".msg b").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-chat-{lang}.png"), full_page=True)
    # only sessionStorage holds anything, and no cookie is set
    assert page.evaluate("window.localStorage.length") == 0
    assert page.context.cookies() == []


def test_a_reload_does_not_greet_again(page):
    bot_says(page, "911")
    greetings = page.locator(".msg.bot").count()
    page.reload()
    page.wait_for_timeout(1500)
    assert page.locator(".msg.me").count() == 0 and page.locator(".msg.bot").count() == 0  # no "hello" sent
    assert page.evaluate("window.sessionStorage.getItem('chat_session')")  # the same conversation goes on
    assert greetings > 0


def test_quick_exit_leaves_nothing_behind(page):
    bot_says(page, "911")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r".*/neutral$"))
    assert page.evaluate("window.sessionStorage.length") == 0
    page.go_back()
    assert not re.search(r":\d+/$", page.url), "the chat page is still in the history"


def test_quick_exit_button_is_first_and_always_visible(page):
    bot_says(page, "911")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "exit"
    for _ in range(8):
        type_message(page, "hello")
    page.mouse.wheel(0, 5000)  # scrolled to the bottom of a long page, the exit is still on screen
    box = page.locator("#exit").bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 844
    page.click("#exit")
    page.wait_for_url(re.compile(r".*/neutral$"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_status_message_appears_in_the_open_widget(page, assistant, lang):
    """Someone who signed up in the web chat and keeps it open sees a release the moment it is sent."""
    import random

    from bot.events.templates import render_status
    from tests.e2e.test_push import post_event, release

    number = f"B{random.randint(10**6, 10**7)}"
    bot_says(page, "911")
    if lang == "es":
        page.click("#lang-es")
        bot_says(page, "seguimos en español")
    facts, accept, name, facility, channel, quiet, confirm = REGISTRATION[lang]
    type_message(page, facts)
    page.get_by_role("button", name=accept).last.click()
    bot_says(page, render("ask_offender_ref", lang)["text"])
    type_message(page, f"{name} {number}")
    page.get_by_role("button", name=facility).last.click()
    page.get_by_role("button", name=channel).last.click()
    page.get_by_role("button", name=quiet).last.click()
    page.get_by_role("button", name=confirm).last.click()
    bot_says(page, render("subscribed", lang, offender=name, contact="X")["text"].split("X")[0])
    status, result = post_event(assistant, release(number))
    assert status == 202 and result["matched"] == 1
    expected = render_status("release", lang, name=name, details={"facility": "Dallas County Jail"})
    bot_says(page, expected)  # pushed into the open page, without the person typing anything
    # marked with the person's language, as the conversation's own messages are
    assert page.locator(".msg.bot", has_text=expected[:60]).last.get_attribute("lang") == lang


# --- links, phone numbers, markup, and the page's language, with the assistant played by the test ----

def hrefs(locator) -> list:
    return [locator.nth(i).get_attribute("href") for i in range(locator.count())]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_phone_numbers_in_a_reply_can_be_called(fake_page, lang):
    text = render("human", lang)["text"]
    bot(fake_page, text, lang)
    reply = fake_page.locator(".msg.bot").last
    # the hotline, its TTY line and 911; "text START to 88788" is a number to text, not to call
    assert hrefs(reply.locator("a")) == ["tel:+18007997233", "tel:+18007873224", "tel:911"]
    assert reply.locator("a").first.inner_text() == "1-800-799-7233"
    assert text in reply.text_content()  # the words read exactly as the assistant wrote them


@pytest.mark.parametrize("lang", ["en", "es"])
def test_web_addresses_in_a_reply_open_in_a_new_tab_without_a_referrer(fake_page, lang):
    bot(fake_page, render("program_vine", lang)["text"], lang)
    link = fake_page.locator(".msg.bot").last.locator("a")
    assert link.count() == 1
    assert link.inner_text() == "https://vinelink.vineapps.com"  # the directory's address, written "(https://…)"
    assert link.get_attribute("href") == "https://vinelink.vineapps.com/"
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
    # a screen reader says that it opens a new tab, in the page's language
    assert link.get_attribute("aria-describedby") == "new-tab-help"


def test_what_is_not_a_number_to_call_or_a_page_to_open_stays_text(fake_page):
    bot(fake_page, "Chat at 988lifeline.org. Not links: help@example.org, 202-555-0143 (an example), "
                   "A-123-456-789, 12/07/1990, case 2024-0911, ftp://example.org, javascript:alert(1).", "en")
    reply = fake_page.locator(".msg.bot").last
    assert hrefs(reply.locator("a")) == ["https://988lifeline.org/"]
    assert reply.locator("a").inner_text() == "988lifeline.org"


def test_markup_in_a_reply_stays_text(fake_page):
    evil = ('<img src=x onerror="window.__ran=1"> <a href="javascript:window.__ran=2">call</a> '
            'https://example.org/"><img src=x onerror=window.__ran=3> <script>window.__ran=4</script>')
    bot(fake_page, evil, "en")
    reply = fake_page.locator(".msg.bot").last
    assert evil in reply.text_content()
    assert reply.locator("img, script").count() == 0
    assert hrefs(reply.locator("a")) == ["https://example.org/"]  # the one real address, cut at the quote
    fake_page.wait_for_timeout(200)
    assert fake_page.evaluate("window.__ran") is None


def test_the_persons_own_message_is_never_turned_into_links(fake_page):
    type_message(fake_page, "my number is 713-555-2368, see https://example.org")
    fake_page.locator(".msg.me").last.wait_for()
    assert fake_page.locator(".msg.me a").count() == 0


def test_the_page_follows_the_language_of_the_conversation(fake_page):
    assert_page_words(fake_page, "en")
    bot(fake_page, render("human", "es")["text"], "es")  # the person wrote in Spanish; the assistant answers
    assert_page_words(fake_page, "es")
    assert fake_page.locator(".msg.bot").last.get_attribute("lang") == "es"
    # a safety answer in both languages (the person's language unknown) changes nothing
    bot(fake_page, "If you are in danger, call 911. Si está en peligro, llame al 911.")
    assert_page_words(fake_page, "es")
    # the page told the assistant nothing of its own; the person's messages carry the page's language
    type_message(fake_page, "gracias")
    fake_page.locator(".msg.me").last.wait_for()
    sent = [e["data"] for e in fake_page.evaluate("window.__sent") if e["name"] == "user_uttered"]
    assert sent[-1] == {"message": "gracias", "session_id": sent[-1]["session_id"],
                        "customData": {"language": "es"}}
    assert not any(m["message"].startswith("/switch") for m in sent)
    # a reload keeps the page in the conversation's language
    fake_page.reload()
    assert_page_words(fake_page, "es")
    bot(fake_page, render("human", "en")["text"], "en")
    assert_page_words(fake_page, "en")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_axe_finds_nothing_serious_with_links_and_buttons_on_the_page(fake_page, lang):
    bot(fake_page, render("human", lang)["text"], lang)
    bot(fake_page, render("program_vine", lang)["text"], lang)
    question = render("ask_contact_channel", lang)
    fake_page.evaluate("message => window.__bot(message)",
                       {"text": question["text"], "quick_replies": question["buttons"],
                        "metadata": {"language": lang}})
    fake_page.locator(".choices button").first.wait_for()
    assert_page_words(fake_page, lang)
    assert serious_violations(fake_page) == []


# --- the same with the real assistant ------------------------------------------------------------------

def test_a_spanish_conversation_turns_the_page_spanish_with_tappable_contacts(page):
    bot_says(page, "911")
    assert_page_words(page, "en")
    assert page.locator(".msg.bot a[href='tel:911']").count() >= 1  # the greeting's 911 can be called
    assert serious_violations(page) == []
    type_message(page, REGISTRATION["es"][0])  # Spanish, typed: the language switch is not touched
    bot_says(page, render("program_vine", "es")["text"][:50])
    assert_page_words(page, "es")
    vinelink = page.locator(".msg.bot a[href='https://vinelink.vineapps.com/']").last
    assert vinelink.get_attribute("rel") == "noopener noreferrer"
    type_message(page, "quiero hablar con una persona")
    bot_says(page, render("human", "es")["text"][:50])
    page.locator(".msg.bot a[href='tel:+18007997233']").last.wait_for()
    assert serious_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-chat-es-typed.png"), full_page=True)
