"""Personal data stays out of logs and is encrypted at rest.

A registration with canary values (an offender name, a phone number, an e-mail, a booking number)
runs through the real servers; the servers' log (INFO and above, as `make run` logs) and the raw
database files (the subscription store and Rasa's conversation store) must not contain any of them.
"""

from __future__ import annotations

import re
from pathlib import Path

CANARY_NAME = "Zebulon Quaxworth"
CANARY_NUMBER = "ZQ7788123"
CANARY_PHONE_DIGITS = "2025550187"
CANARY_EMAIL = "canary.zq@example.org"


def test_registration_leaves_no_personal_data_in_logs_or_database(assistant, sender):
    conversation = [
        "my ex is in the county jail in dallas texas", "yes", f"{CANARY_NAME} {CANARY_NUMBER}", "not sure",
        "text message", "(202) 555-0187", "no", "yes",
    ]
    for message in conversation:
        replies = assistant.texts(sender, message)
    codes = [re.search(r"\b(\d{6})\b", replies).group(1)]
    assistant.say(sender, codes[0])
    # then the contact changes to an e-mail address, verified with a second code
    assistant.say(sender, "change my contact")
    assistant.say(sender, "email")
    replies = assistant.texts(sender, CANARY_EMAIL)
    codes.append(re.search(r"\b(\d{6})\b", replies).group(1))
    assistant.say(sender, codes[1])
    listing = assistant.texts(sender, "my subscriptions")
    assert "c***@example.org" in listing  # the change took effect, shown masked

    log = assistant.log_path.read_text(errors="replace")
    for canary in (CANARY_NAME, "Zebulon", "Quaxworth", CANARY_NUMBER, CANARY_PHONE_DIGITS, "555-0187",
                   CANARY_EMAIL, *codes):
        assert canary not in log, "personal data reached the servers' log"

    # neither the subscription store nor the conversation store (Rasa's tracker store) holds them in clear
    store = Path(assistant.database_url.split("///", 1)[1]).read_bytes()
    conversations = Path(assistant.env["TRACKER_DB"]).read_bytes()
    assert len(conversations) > 10_000  # the conversation was stored there
    for database in (store, conversations):
        for canary in (CANARY_NAME, "Quaxworth", CANARY_NUMBER, CANARY_PHONE_DIGITS, "555-0187", CANARY_EMAIL):
            assert canary.encode() not in database, "personal data stored in clear"
    assert sender.encode() not in conversations  # conversation ids are hashed (an SMS id is a phone number)
