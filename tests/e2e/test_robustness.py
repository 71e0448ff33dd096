"""Bad input never breaks a conversation: a clear reply in the person's language, no 5xx, and
nothing half-written in the store."""

from __future__ import annotations

import asyncio

import pytest

from bot.store import Store

BAD_INPUTS = [
    "",                                            # empty
    "   ",                                         # blank
    "a" * 10_000,                                  # 10,000 characters
    "🙂🙂😡😭",                                       # emoji only
    "<script>alert('x')</script>",                 # markup
    "'; DROP TABLE subscriptions; --",             # SQL-looking text
    "Robert'); DELETE FROM outbox;--",
    "мой бывший в тюрьме 他在监狱 في السجن",           # mixed scripts
    "\u0000\u202e\ufeffhello",                     # control and bidi characters
    "/inform{\"custody\": ",                       # a broken button payload
    "{{program}} ${HOME} %s %(x)s",                # template-looking text
]


async def _count(assistant) -> int:
    store = Store.from_url(assistant.database_url, key=assistant.data_key)
    try:
        await store.init()
        async with store.engine.connect() as conn:
            from sqlalchemy import text

            subs = (await conn.execute(text("SELECT COUNT(*) FROM subscriptions"))).scalar_one()
            outbox = (await conn.execute(text("SELECT COUNT(*) FROM outbox"))).scalar_one()
            return subs + outbox
    finally:
        await store.close()


@pytest.mark.parametrize("message", BAD_INPUTS)
@pytest.mark.parametrize("opening,lang", [("hi, my ex is in county jail in texas", "en"),
                                          ("hola, mi ex está en la cárcel del condado en texas", "es")])
def test_bad_input_in_triage_and_in_a_form(assistant, sender, message, opening, lang):
    assistant.say(sender, opening)
    replies = assistant.say(sender, message)          # asserts HTTP 200
    assert replies and all(r.get("text") for r in replies)
    assert assistant.slots(sender)["language"] == lang
    # the same input where the form expects a name
    assistant.say(sender, "yes" if lang == "en" else "sí")
    before = asyncio.run(_count(assistant))
    replies = assistant.say(sender, message)
    assert replies and all(r.get("text") for r in replies)
    assert assistant.slots(sender)["language"] == lang
    assert asyncio.run(_count(assistant)) == before  # nothing written by a bad answer
    assistant.say(sender, "cancel" if lang == "en" else "cancelar")


def test_api_requires_a_valid_token(assistant, sender):
    assistant.say(sender, "hello")
    assert assistant.get(f"/conversations/{sender}/tracker")[0] == 401
    assert assistant.get(f"/conversations/{sender}/tracker", token="not-a-jwt")[0] == 401
    import jwt

    forged = jwt.encode({"user": {"username": "x", "role": "admin"}}, "a-different-secret-of-32-bytes-or-more", algorithm="HS256")
    assert assistant.get(f"/conversations/{sender}/tracker", token=forged)[0] == 401
    status, tracker = assistant.get(f"/conversations/{sender}/tracker", token=assistant.token())
    assert status == 200 and {"program", "state", "language"} <= set(tracker["slots"])


def test_action_server_smoke(assistant):
    import json
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{assistant.action_port}/health", timeout=10) as response:
        assert json.load(response)["status"] == "ok"
    with urllib.request.urlopen(f"http://127.0.0.1:{assistant.action_port}/actions", timeout=10) as response:
        names = {a["name"] for a in json.load(response)}
    import yaml
    from pathlib import Path

    domain = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
    assert set(domain["actions"]) <= names  # every custom action of the domain is served
