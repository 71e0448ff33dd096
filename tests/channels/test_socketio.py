"""The web chat's socket.io output: every text says the language it is written in, so the page's own
words can follow the conversation (bot/web/static/chat.js)."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from bot.channels.socketio import SocketIOOutput, message_language
from bot.messages import render, say

DOMAIN = yaml.safe_load(open("domain.yml", encoding="utf-8"))


class FakeSio:
    """Records what would be emitted to the browser."""

    def __init__(self) -> None:
        self.emitted: List[Tuple[str, Dict[str, Any], str]] = []

    async def emit(self, event: str, data: Dict[str, Any], room: str) -> None:
        self.emitted.append((event, data, room))


def variation(name: str, lang: str) -> Dict[str, Any]:
    """A domain response's variation in `lang`, as Rasa's NLG hands it to the output channel."""
    for candidate in DOMAIN["responses"][name]:
        conditions = {c["name"]: c["value"] for c in candidate.get("condition") or []}
        if conditions.get("language", "en") == lang:
            return {**candidate, "utter_action": name}
    raise AssertionError(f"{name} has no {lang} variation")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_domain_response_is_marked_with_its_variations_language(lang):
    assert message_language(variation("utter_greet", lang)) == lang


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_message_composed_by_an_action_is_marked_with_its_language(lang):
    dispatcher = CollectingDispatcher()
    say(dispatcher, lang, "human")
    [message] = dispatcher.messages
    assert message["text"] == render("human", lang)["text"]
    assert message_language(message) == lang


def test_a_message_that_names_no_language_is_not_marked():
    # the safety answer in both languages when the person's language is unknown; a bare text
    assert message_language({"language": None}) is None
    assert message_language({}) is None
    assert message_language({"language": "fr"}) is None


async def test_the_browser_receives_the_language_with_each_paragraph_and_the_buttons():
    sio = FakeSio()
    output = SocketIOOutput(sio, "bot_uttered")
    await output.send_response("room-1", variation("utter_greet", "es"))
    texts = [data for _, data, _ in sio.emitted]
    assert texts and all(data["metadata"] == {"language": "es"} for data in texts)
    assert texts[0]["text"].startswith("Hola.")
    assert [b["title"] for b in texts[-1]["quick_replies"]][-1] == "No sé"
    assert {room for _, _, room in sio.emitted} == {"room-1"}


async def test_a_text_without_a_language_goes_out_unmarked():
    sio = FakeSio()
    await SocketIOOutput(sio, "bot_uttered").send_text_message("room-1", "If you are in danger, call 911.")
    [(_, data, _)] = sio.emitted
    assert data == {"text": "If you are in danger, call 911."}
