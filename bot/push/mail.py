"""E-mails as the person reads them: a plain-text and an HTML part in the person's language, with a
working unsubscribe (the List-Unsubscribe and List-Unsubscribe-Post headers of RFC 8058, and a link
in the text). Pure functions: bot/push/smtp.py sends what they build.

The wording around the news comes from bot/messages.yml; the news itself is the status message of
bot/events/templates.yml (or the verification code's text), exactly as the other channels send it.
Subjects name no one, since a subject shows on a lock screen.
"""

from __future__ import annotations

import html
import re
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from bot.messages import render

URGENT_TYPES = frozenset({"release", "escape"})
_CODE = re.compile(r"\b(\d{6})\b")


def _text(key: str, language: str, **values: str) -> str:
    return render(key, language, **values)["text"]


def subject(language: str, event_type: str | None = None) -> str:
    """The subject: a verification code (no event type), urgent news, or other news."""
    if event_type is None:
        return _text("email_subject_code", language)
    return _text("email_subject_urgent" if event_type in URGENT_TYPES else "email_subject_status", language)


def plain_body(text: str, language: str, unsubscribe_url: str, code: bool) -> str:
    footer = _text("email_footer_code" if code else "email_footer_status", language)
    stop = _text("email_unsubscribe_line", language, url=unsubscribe_url)
    return f"{text}\n\n--\n{footer}\n{stop}\n"


def html_body(text: str, language: str, title: str, unsubscribe_url: str, code: bool) -> str:
    """The same message in HTML; every value is escaped. Inline styles only: mail clients drop
    style sheets."""
    news = html.escape(text)
    if code:  # the code large and spaced out, easy to read and copy
        news = _CODE.sub(r'<strong style="font-size:24px;letter-spacing:3px">\1</strong>', news, count=1)
    footer = html.escape(_text("email_footer_code" if code else "email_footer_status", language))
    link = html.escape(_text("email_unsubscribe_link", language))
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head>\n"
        f'<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;'
        f'background:#fff">\n'
        f'<p style="font-size:17px;line-height:1.5;max-width:40em">{news}</p>\n'
        f'<hr style="border:0;border-top:1px solid #c9c9c9;max-width:40em;margin-left:0">\n'
        f'<p style="font-size:14px;line-height:1.5;color:#555;max-width:40em">{footer}</p>\n'
        f'<p style="font-size:14px"><a href="{html.escape(unsubscribe_url, quote=True)}" '
        f'style="color:#1a56b3">{link}</a></p>\n'
        f"</body>\n</html>\n"
    )


def compose(*, sender: str, to: str, language: str, text: str, unsubscribe_url: str,
            event_type: str | None = None) -> EmailMessage:
    """One e-mail: the status message of `event_type`, or a verification code when it is None."""
    language = language if language in ("en", "es") else "en"
    code = event_type is None
    title = subject(language, event_type)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = title
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or "localhost")
    # An automatic message (RFC 3834): out-of-office replies are not sent back to it.
    message["Auto-Submitted"] = "auto-generated"
    # RFC 8058: a mail client may offer "unsubscribe" and POST "List-Unsubscribe=One-Click" to the link.
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(plain_body(text, language, unsubscribe_url, code), charset="utf-8")
    message.add_alternative(html_body(text, language, title, unsubscribe_url, code), subtype="html",
                            charset="utf-8")
    message["Content-Language"] = language  # after the parts: setting them clears Content-* headers
    return message


# Header lines may be up to 998 characters (RFC 5322): with the usual 78, Python would turn the long
# link of List-Unsubscribe into RFC 2047 encoded words, which mail clients do not read as a link.
# Bodies are already encoded (quoted-printable, short lines) when the parts are set.
_SMTP = policy.SMTP.clone(max_line_length=998)
_SMTPUTF8 = policy.SMTPUTF8.clone(max_line_length=998)


def needs_smtputf8(address: str) -> bool:
    """An address with non-ASCII characters can only travel with SMTPUTF8 (RFC 6531)."""
    return not address.isascii()


def to_bytes(message: EmailMessage, utf8: bool = False) -> bytes:
    """The message as it goes over SMTP (CRLF line ends)."""
    return message.as_bytes(policy=_SMTPUTF8 if utf8 else _SMTP)
