"""The web chat in a real browser: Debian's Chromium driven by Playwright.

A person registers in English and another in Spanish (with button clicks), the quick exit leaves
nothing to go back to, and no request leaves this machine. A screenshot of each run is kept in
artifacts/ (not committed).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.messages import render

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
