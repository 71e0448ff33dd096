"""A terminal chat with the running assistant over its REST channel (`make shell`).

Buttons are shown numbered; typing the number sends the button's payload.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
import uuid


def send(url: str, sender: str, message: str) -> list:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (local server)
        return json.load(response)


def main() -> int:
    url = f"http://localhost:{os.environ.get('RASA_PORT', '5005')}/webhooks/rest/webhook"
    sender = f"shell-{uuid.uuid4().hex[:12]}"
    print("Type a message (Ctrl-D to leave). Escribe un mensaje (Ctrl-D para salir).")
    buttons: list = []
    for line in sys.stdin:
        text = line.strip()
        if text.isdigit() and 0 < int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        try:
            replies = send(url, sender, text)
        except urllib.error.URLError:
            print("The assistant is not answering. Is `make run` running?", file=sys.stderr)
            return 1
        buttons = []
        for reply in replies:
            if reply.get("text"):
                print(f"bot> {reply['text']}")
            for button in reply.get("buttons") or []:
                buttons.append(button)
                print(f"     [{len(buttons)}] {button['title']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
