"""/unsubscribe/<token>: the link at the bottom of every e-mail, and its RFC 8058 one-click form.

No login: the sealed token (bot/store/links.py) says what to stop, for which address, and in which
language to speak. GET only asks (mail scanners open links on their own, and a GET must not stop a
victim's notifications), with a button that POSTs; a mail client's one-click POST
("List-Unsubscribe=One-Click") stops at once. Both answer with a page in the person's language; a
link that is cut short, altered or made up gets a clear page in English and Spanish, never an error
from the server. Pages are built from bot/messages.yml, every value escaped.
"""

from __future__ import annotations

import html
import logging
from typing import Optional

from aiohttp import web

from bot.messages import render

logger = logging.getLogger(__name__)


def _t(key: str, language: str) -> str:
    return html.escape(render(key, language)["text"])


def _section(language: str, message_key: str, form_action: Optional[str] = None) -> str:
    form = ""
    if form_action is not None:
        # The same field a mail client's one-click POST carries (RFC 8058), so both requests are alike.
        form = (f'<form class="confirm" method="post" action="{html.escape(form_action, quote=True)}">'
                f'<input type="hidden" name="List-Unsubscribe" value="One-Click">'
                f'<button type="submit">{_t("unsubscribe_button", language)}</button></form>\n')
    return (f'<section lang="{language}">\n<h1>{_t("unsubscribe_title", language)}</h1>\n'
            f'<p class="safety" role="note">{_t("unsubscribe_safety", language)}</p>\n'
            f"<p>{_t(message_key, language)}</p>\n{form}</section>\n")


def page(request: web.Request, languages: tuple, message_key: str, status: int = 200,
         form_action: Optional[str] = None) -> web.Response:
    """A page in `languages` (one, or both when the link says nothing we can trust)."""
    from bot.web.app import CONFIG

    first = languages[0]
    exit_url = html.escape(request.app[CONFIG].exit_url, quote=True)
    body = "".join(_section(language, message_key, form_action) for language in languages)
    text = (f'<!doctype html>\n<html lang="{first}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="referrer" content="no-referrer">\n<meta name="robots" content="noindex">\n'
            f'<title>{_t("unsubscribe_title", first)}</title>\n'
            f'<link rel="stylesheet" href="/static/chat.css">\n</head>\n<body>\n'
            f'<header class="bar"><a id="exit" class="exit" href="{exit_url}" rel="noreferrer">'
            f'{_t("unsubscribe_exit", first)}</a></header>\n<main>\n{body}</main>\n</body>\n</html>\n')
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8",
                        headers={"X-Robots-Tag": "noindex"})


def _both(request: web.Request) -> tuple:
    """English and Spanish, the browser's preferred one first."""
    accept = request.headers.get("Accept-Language", "").strip().lower()
    return ("es", "en") if accept.startswith("es") else ("en", "es")


async def _answer(request: web.Request, act) -> web.Response:
    """Read the link's token, then `act(store, target)` -> (message key, form action or None)."""
    from bot.web.events import STORE

    store = request.app[STORE]
    target = store.read_unsubscribe_token(request.match_info.get("token", ""))
    if target is None:
        return page(request, _both(request), "unsubscribe_bad_link", status=400)
    try:
        key, form_action = await act(store, target)
    except Exception as error:  # the database, not the link: say so; the link keeps working for later
        logger.warning("unsubscribe: store unavailable (%s)", type(error).__name__)
        return page(request, (target.language,), "unsubscribe_unavailable", status=503)
    return page(request, (target.language,), key, form_action=form_action)


async def confirm(request: web.Request) -> web.Response:
    """GET: ask, with a button; nothing changes."""

    async def ask(store, target):
        if await store.unsubscribe_pending(target):
            return "unsubscribe_confirm", request.path
        return "unsubscribe_already", None

    return await _answer(request, ask)


async def unsubscribe(request: web.Request) -> web.Response:
    """POST: the page's button, or a mail client's one-click request. Doing it twice is harmless.
    The body is not read: the token is what counts."""

    async def stop(store, target):
        return ("unsubscribe_done" if await store.unsubscribe(target) else "unsubscribe_already"), None

    return await _answer(request, stop)


def add_routes(app: web.Application) -> None:
    # Any path under /unsubscribe, slashes included: a mangled link still gets the page that explains.
    for path in ("/unsubscribe", "/unsubscribe/{token:.*}"):
        app.router.add_get(path, confirm)
        app.router.add_post(path, unsubscribe)
