"""Shape of the per-state directory entries (data/directory/state_services.yml): every state's own
notification program has a name, an official address, its source and the day it was checked."""

from __future__ import annotations

import re

import pytest
import yaml

from bot import directory
from tests.test_messages import OFFICIAL

STATES = yaml.safe_load((directory.DIRECTORY_DIR / "state_services.yml").read_text())["states"]
OWN = {code: entry["own_notification_program"] for code, entry in STATES.items()
       if "own_notification_program" in entry}


def test_there_are_state_own_programs():
    assert len(OWN) >= 18


@pytest.mark.parametrize("code", sorted(OWN))
def test_own_program_entry_is_sourced(code):
    own = OWN[code]
    assert own["name"].strip()
    assert OFFICIAL.match(own["url"]), own["url"]
    assert re.match(r"^https?://", own["source"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", own["checked"])
    assert own["checked_how"].strip()
    assert set(own) <= {"name", "name_es", "url", "phone", "source", "checked", "checked_how"}


@pytest.mark.parametrize("code", sorted(STATES))
def test_state_codes_are_known(code):
    from bot import reference
    assert reference.state_name(code, "en") and reference.state_name(code, "es")
