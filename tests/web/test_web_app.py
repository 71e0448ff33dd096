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
    for path in ("/static/chat.js", "/static/chat.css", "/vendor/socket.io.min.js", "/vendor/axe.min.js",
                 "/neutral"):
        response = await client.get(path)
        assert response.status == 200, path
    # axe-core is there for the accessibility check; the page itself does not load it
    assert "axe" not in await (await client.get("/")).text()
    assert (await client.get("/vendor/debug.js")).status == 404  # only the packages named in app.VENDOR
    script = await (await client.get("/static/chat.js")).text()
    assert "innerHTML" not in script  # messages are shown as text, never as HTML
    assert "localStorage" not in script and "document.cookie" not in script


async def test_no_listing_and_no_escape_from_static(client):
    from yarl import URL

    assert (await client.get("/static/")).status in (403, 404)
    # sent as written (not normalised by the client), so the server sees the ".." itself
    for raw in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py"):
        response = await client.session.get(client.make_url("/").join(URL(raw, encoded=True)))
        assert response.status in (403, 404), raw
        assert "create_app" not in await response.text()


async def test_error_pages_carry_the_security_headers(client):
    response = await client.get("/no-such-page")
    assert response.status == 404 and "Content-Security-Policy" in response.headers


def test_quick_exit_address_must_be_plain(monkeypatch):
    for bad in ("javascript:alert(1)", "//evil.example", "data:text/html,x"):
        monkeypatch.setenv("QUICK_EXIT_URL", bad)
        with pytest.raises(ValueError):
            WebConfig.from_env()
    monkeypatch.setenv("QUICK_EXIT_URL", "https://www.weather.gov")
    assert WebConfig.from_env().exit_url == "https://www.weather.gov"
