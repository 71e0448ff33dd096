"""The project's own web service (default http://localhost:8080/): the chat page, its assets, the
push pipeline's event intake, and the unsubscribe page that e-mails link to.

Everything the page loads comes from this origin: the widget, its stylesheet and socket.io-client
(installed from the npm registry at set-up time into node_modules/). The Content-Security-Policy
says so, and allows connections only to this origin and the Rasa server's socket.io endpoint.
axe-core (a development package, for the accessibility check of tests/e2e/test_browser.py) is
served the same way when installed; the page itself never loads it.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from aiohttp import web

STATIC_DIR = Path(__file__).resolve().parent / "static"
CONFIG = web.AppKey("config", "WebConfig")
ROOT = Path(__file__).resolve().parents[2]
# The npm packages served under /vendor/, from node_modules/ (package.json).
VENDOR = {
    "socket.io.min.js": ROOT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js",
    "axe.min.js": ROOT / "node_modules" / "axe-core" / "axe.min.js",
}


@dataclass(frozen=True)
class WebConfig:
    """Where the page's socket connects, and where the quick exit goes."""

    socket_url: str = "http://localhost:5005"
    exit_url: str = "/neutral"

    @classmethod
    def from_env(cls) -> "WebConfig":
        rasa_port = os.environ.get("RASA_PORT", "5005")
        exit_url = os.environ.get("QUICK_EXIT_URL", "/neutral")
        # A neutral page of this site by default; a deployment may choose e.g. a weather site, but
        # only a plain web address: anything else would make the quick exit fail silently.
        if not (re.match(r"^https?://[^\s\"'<>]+$", exit_url) or re.match(r"^/(?!/)[^\s\"'<>]*$", exit_url)):
            raise ValueError("QUICK_EXIT_URL must be an http(s) address or a path starting with '/'")
        return cls(socket_url=os.environ.get("RASA_PUBLIC_URL", f"http://localhost:{rasa_port}"), exit_url=exit_url)


def content_security_policy(config: WebConfig) -> str:
    socket = urlsplit(config.socket_url)
    origin = f"{socket.scheme}://{socket.netloc}"
    websocket = f"{'wss' if socket.scheme == 'https' else 'ws'}://{socket.netloc}"
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            f"connect-src 'self' {origin} {websocket}",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


@web.middleware
async def security_headers(request: web.Request, handler):
    try:
        response = await handler(request)
    except web.HTTPException as error:  # 404s and 503s carry the same headers
        response = error
    config: WebConfig = request.app[CONFIG]
    response.headers.setdefault("Content-Security-Policy", content_security_policy(config))
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"  # nothing of the chat stays in the browser's cache
    return response


async def chat_page(request: web.Request) -> web.Response:
    config: WebConfig = request.app[CONFIG]
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{SOCKET_URL}}", html.escape(config.socket_url, quote=True))
    page = page.replace("{{EXIT_URL}}", html.escape(config.exit_url, quote=True))
    return web.Response(text=page, content_type="text/html", charset="utf-8")


async def neutral_page(request: web.Request) -> web.Response:
    return web.FileResponse(STATIC_DIR / "neutral.html")


async def vendor_file(request: web.Request) -> web.StreamResponse:
    path = VENDOR[request.match_info["name"]]
    if not path.exists():
        raise web.HTTPServiceUnavailable(text=f"{path.parent.name} is not installed: run `make run` (npm ci)")
    return web.FileResponse(path, headers={"Content-Type": "application/javascript"})


def _store_context(store):
    """Opens the subscription store for the app's lifetime (or uses the one given, in tests)."""

    async def context(app: web.Application):
        from bot.web.events import STORE

        if store is not None:
            app[STORE] = store
            yield
            return
        from bot.settings import settings
        from bot.store import Store

        opened = Store.from_url(settings().database_url, var_dir=settings().var_dir)
        await opened.init()
        app[STORE] = opened
        yield
        await opened.close()

    return context


async def openapi(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(Path(__file__).with_name("openapi.yaml"), headers={"Content-Type": "application/yaml"})


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def create_app(config: Optional[WebConfig] = None, store=None, source_keys=None,
               operator_secret: Optional[str] = None) -> web.Application:
    """The web service. Routes: /, /neutral, /static/*, /vendor/{socket.io,axe}.min.js, /health,
    /v1/events (event intake), /v1/openapi.yaml, /unsubscribe/<token> (e-mails' unsubscribe link)."""
    from bot.events.signing import load_source_keys
    from bot.web import events, unsubscribe

    app = web.Application(middlewares=[security_headers], client_max_size=64 * 1024)
    app[CONFIG] = config or WebConfig.from_env()
    app[events.SOURCE_KEYS] = source_keys if source_keys is not None else load_source_keys()
    app[events.OPERATOR_SECRET] = operator_secret if operator_secret is not None else os.environ.get("RASA_JWT_SECRET", "")
    app.cleanup_ctx.append(_store_context(store))
    events.add_routes(app)
    unsubscribe.add_routes(app)
    app.router.add_get("/v1/openapi.yaml", openapi)
    app.router.add_get("/", chat_page)
    # Without JavaScript the form posts here: nothing is read, the page is shown again (the message
    # never lands in a URL or the browser history).
    app.router.add_post("/", chat_page)
    app.router.add_get("/neutral", neutral_page)
    app.router.add_get("/health", health)
    app.router.add_get("/vendor/{name:" + "|".join(re.escape(name) for name in VENDOR) + "}", vendor_file)
    app.router.add_static("/static/", STATIC_DIR, show_index=False, follow_symlinks=False)
    return app
