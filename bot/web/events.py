"""POST /v1/events: authenticated intake of custody and case events from sources.

Each source has its own key. A request is accepted only with a valid HMAC-SHA256 signature over
"<timestamp>.<body>" inside the replay window, and each signature only once; otherwise 401 and
nothing is stored. A valid request with an invalid event gets 400 naming the field. A source that
sends the same event again (same source and id) gets the first result back, and nothing new.
"""

from __future__ import annotations

import json

from aiohttp import web

from bot.events.schema import problem
from bot.events.signing import signature_ok

SOURCE_KEYS = web.AppKey("source_keys", dict)
STORE = web.AppKey("store", object)


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def post_event(request: web.Request) -> web.Response:
    source = request.headers.get("X-Event-Source", "")
    key = request.app[SOURCE_KEYS].get(source)
    body = await request.read()
    signature = request.headers.get("X-Event-Signature", "")
    if not key or not signature_ok(key, request.headers.get("X-Event-Timestamp", ""), body, signature):
        return _error(401, "unauthorized: unknown source, bad signature or stale timestamp")
    try:
        event = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _error(400, "body: not valid JSON")
    reason = problem(event)
    if reason:
        return _error(400, reason)
    if event["source"] != source:
        return _error(400, "source: does not match X-Event-Source")
    from bot.store.repository import Replayed

    try:
        result = await request.app[STORE].record_event(event, signature)
    except Replayed:
        return _error(401, "unauthorized: this request was already received")
    body = {"status": "duplicate" if result.duplicate else "accepted", "event_id": result.event_id,
            "matched": result.matched, "held_for_review": result.held_for_review}
    return web.json_response(body, status=200 if result.duplicate else 202)


OPERATOR_SECRET = web.AppKey("operator_secret", str)


async def get_stats(request: web.Request) -> web.Response:
    """Delivery counts by channel and state, review queue, latency percentiles. Operators only:
    a JWT (HS256) signed with the same secret as Rasa's HTTP API (RASA_JWT_SECRET)."""
    import jwt

    secret = request.app[OPERATOR_SECRET]
    header = request.headers.get("Authorization", "")
    token = header[7:] if header.startswith("Bearer ") else ""
    try:
        if not secret or not token:
            raise jwt.InvalidTokenError("missing")
        jwt.decode(token, secret, algorithms=["HS256"])
    except jwt.InvalidTokenError:
        return _error(401, "unauthorized")
    return web.json_response(await request.app[STORE].delivery_stats())


def add_routes(app: web.Application) -> None:
    app.router.add_post("/v1/events", post_event)
    app.router.add_get("/v1/stats", get_stats)
