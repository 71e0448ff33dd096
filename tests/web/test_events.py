"""POST /v1/events: only signed, fresh, first-time requests from known sources are accepted;
invalid events get a 400 that names the field; a resent event returns the first result."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer
from cryptography.fernet import Fernet

from bot.events.schema import EVENT_SCHEMA
from bot.events.signing import sign
from bot.store import Store
from bot.web.app import WebConfig, create_app

KEYS = {"jail-a": "key-of-jail-a-0123456789", "dao-b": "key-of-dao-b-9876543210"}
EVENT = {"source": "jail-a", "id": "evt-1", "program": "vine", "offender": {"id": "A123456"},
         "type": "release", "occurred_at": "2026-11-29T15:12:00-06:00", "details": {"facility": "County Jail"}}


@pytest.fixture
async def setup(tmp_path):
    store = Store.from_url(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", key=Fernet.generate_key())
    await store.init()
    app = create_app(WebConfig(), store=store, source_keys=KEYS)
    async with TestClient(TestServer(app)) as client:
        yield client, store
    await store.close()


def signed(event, source="jail-a", key=None, timestamp=None, body=None):
    body = body if body is not None else json.dumps(event).encode()
    timestamp = timestamp if timestamp is not None else int(time.time())
    return body, {"X-Event-Source": source, "X-Event-Timestamp": str(timestamp),
                  "X-Event-Signature": sign(key or KEYS[source], timestamp, body), "Content-Type": "application/json"}


async def test_a_signed_event_is_accepted_once_and_a_resend_gets_the_first_result(setup):
    client, store = setup
    body, headers = signed(EVENT)
    first = await client.post("/v1/events", data=body, headers=headers)
    assert first.status == 202
    accepted = await first.json()
    # the source sends it again (a new request, a new signature): same result, nothing new stored
    body, headers = signed(EVENT, timestamp=int(time.time()) + 1)
    again = await client.post("/v1/events", data=body, headers=headers)
    assert again.status == 200
    assert (await again.json()) == {**accepted, "status": "duplicate"}
    assert await store.event_count() == 1


@pytest.mark.parametrize("case", ["unsigned", "wrong key", "unknown source", "stale", "future", "tampered body"])
async def test_unauthenticated_requests_are_refused_and_store_nothing(setup, case):
    client, store = setup
    body, headers = signed(EVENT)
    if case == "unsigned":
        headers.pop("X-Event-Signature")
    elif case == "wrong key":
        body, headers = signed(EVENT, key="not-the-key")
    elif case == "unknown source":
        headers["X-Event-Source"] = "someone-else"
    elif case == "stale":
        body, headers = signed(EVENT, timestamp=int(time.time()) - 3600)
    elif case == "future":
        body, headers = signed(EVENT, timestamp=int(time.time()) + 3600)
    elif case == "tampered body":
        body = body.replace(b"A123456", b"B999999")
    response = await client.post("/v1/events", data=body, headers=headers)
    assert response.status == 401
    assert await store.event_count() == 0


async def test_a_replayed_request_is_refused(setup):
    client, store = setup
    body, headers = signed(EVENT)
    assert (await client.post("/v1/events", data=body, headers=headers)).status == 202
    replay = await client.post("/v1/events", data=body, headers=headers)  # the very same request
    assert replay.status == 401
    assert await store.event_count() == 1


@pytest.mark.parametrize("change,field", [
    ({"type": "releesed"}, "type"),
    ({"occurred_at": "yesterday"}, "occurred_at"),
    ({"program": "state"}, "program"),
    ({"offender": {}}, "offender"),
    ({"offender": {"name": "John Doe", "dob": "1980-02-30"}}, "offender.dob"),
    ({"type": "other"}, "text"),
    ({"surprise": 1}, "(the event)"),
    ({"source": "dao-b"}, "source"),
])
async def test_malformed_events_get_400_naming_the_field(setup, change, field):
    client, store = setup
    event = {**EVENT, **change}
    body, headers = signed(event)
    response = await client.post("/v1/events", data=body, headers=headers)
    assert response.status == 400
    assert (await response.json())["error"].startswith(field)
    assert "John Doe" not in (await response.text())  # the message names the field, not the value
    assert await store.event_count() == 0


async def test_not_json_is_a_400(setup):
    client, _ = setup
    body, headers = signed(None, body=b"{not json")
    response = await client.post("/v1/events", data=body, headers=headers)
    assert response.status == 400 and (await response.json())["error"].startswith("body")


def test_openapi_describes_the_same_event_schema():
    document = yaml.safe_load((Path(__file__).resolve().parents[2] / "bot" / "web" / "openapi.yaml").read_text())
    published = document["components"]["schemas"]["Event"]
    assert published == {k: v for k, v in EVENT_SCHEMA.items() if k != "$schema"}
    assert set(document["paths"]["/v1/events"]["post"]["responses"]) == {"200", "202", "400", "401"}


async def test_stats_need_an_operator_token_and_count_deliveries(tmp_path):
    import jwt

    from bot.store import Contact, OffenderDetails

    store = Store.from_url(f"sqlite+aiosqlite:///{tmp_path / 'stats.db'}", key=Fernet.generate_key())
    await store.init()
    await store.create_subscription("web:a", "vine", OffenderDetails(number="A123456"), Contact("web"), "en", None,
                                    "America/Chicago", verify=False, conversation="a")
    secret = "operator-secret-0123456789abcdef0123"
    app = create_app(WebConfig(), store=store, source_keys=KEYS, operator_secret=secret)
    async with TestClient(TestServer(app)) as client:
        body, headers = signed(EVENT)
        assert (await client.post("/v1/events", data=body, headers=headers)).status == 202
        assert (await client.get("/v1/stats")).status == 401
        forged = jwt.encode({"user": {"role": "admin"}}, "another-secret-of-enough-length-000", algorithm="HS256")
        assert (await client.get("/v1/stats", headers={"Authorization": f"Bearer {forged}"})).status == 401
        token = jwt.encode({"user": {"role": "admin"}}, secret, algorithm="HS256")
        response = await client.get("/v1/stats", headers={"Authorization": f"Bearer {token}"})
        assert response.status == 200
        stats = await response.json()
        assert stats["deliveries"] == {"web": {"queued": 1}} and stats["held_for_review"] == 0
        # a delivery that could not be made is listed for the operator, with its error and event
        [delivery] = await store.claim_deliveries(10, timedelta(seconds=30))
        await store.delivery_failed(delivery["id"], "ConnectionError", None)
        stats = await (await client.get("/v1/stats", headers={"Authorization": f"Bearer {token}"})).json()
        assert stats["deliveries"] == {"web": {"dead": 1}}
        [dead] = stats["dead"]
        assert dead["error"] == "ConnectionError" and dead["event"]["source"] == EVENT["source"]
        assert "A123456" not in json.dumps(stats)  # the offender's number is not shown
    await store.close()
