"""The web service: the page, its assets from this origin only, the security headers."""

from __future__ import annotations

import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.web.app import WebConfig, create_app


@pytest.fixture
async def client():
    app = create_app(WebConfig(socket_url="http://localhost:5105", exit_url="/neutral"))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def test_page_loads_everything_from_its_own_origin(client):
    response = await client.get("/")
    assert response.status == 200
    page = await response.text()
    # every script and stylesheet is a path on this server
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources)
    assert 'data-socket-url="http://localhost:5105"' in page
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert "connect-src 'self' http://localhost:5105 ws://localhost:5105" in policy
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


async def test_quick_exit_first_in_focus_order_and_safety_note(client):
    page = await (await client.get("/")).text()
    first_control = re.search(r"<(button|input|a)\b[^>]*>", page).group(0)
    assert 'id="exit"' in first_control
    assert "call 911" in page


async def test_widget_and_client_library_are_served(client):
    for path in ("/static/chat.js", "/static/chat.css", "/vendor/socket.io.min.js", "/neutral"):
        response = await client.get(path)
        assert response.status == 200, path
    script = await (await client.get("/static/chat.js")).text()
    assert "innerHTML" not in script  # messages are shown as text, never as HTML
    assert "localStorage" not in script and "document.cookie" not in script


async def test_no_listing_and_no_escape_from_static(client):
    assert (await client.get("/static/")).status in (403, 404)
    assert (await client.get("/static/../app.py")).status in (403, 404)
