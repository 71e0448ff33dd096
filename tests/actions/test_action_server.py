"""The action server's view: every action of domain.yml is registered from the `actions` package,
and a request goes through rasa_sdk's executor (JSON tracker in, validated events and messages out)."""

from __future__ import annotations

import json

import pytest
from rasa_sdk.executor import ActionExecutor

from tests.actions.support import ent, expected


@pytest.fixture(scope="module")
def executor():
    server = ActionExecutor()
    server.register_package("actions")  # what `rasa run actions --actions actions` does
    return server


def test_every_domain_action_is_served(executor, domain):
    custom = {a for a in domain["actions"] if a.startswith(("action_", "validate_"))}
    assert custom <= set(executor.actions), sorted(custom - set(executor.actions))


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_a_request_round_trip(executor, tracker, domain, lang):
    state = tracker(text="x", intent="inform", slots={"language": lang, "program": "vnp"},
                    entities=[ent("us_state", "TX")]).current_state()
    call = json.loads(json.dumps({"next_action": "action_guide", "sender_id": state["sender_id"],
                                  "tracker": state, "domain": domain}, default=str))
    response = await executor.run(call)
    assert [e["name"] for e in response["events"]] == ["stage", "clarify_count", "registering"]
    assert [r["text"] for r in response["responses"]] == [
        m["text"] for m in expected(lang, "program_vnp", "safety_line", "offer_register")]
