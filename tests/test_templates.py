"""Every event type has a status message in English and Spanish, a short SMS version that fits in
two segments, and the safety line where the news is a release or an escape."""

from __future__ import annotations

import re

import pytest

from bot.channels.sms import segments
from bot.events.schema import EVENT_TYPES
from bot.events.templates import render_status, templates
from tests.test_messages import _directory_contacts

DETAILS = {"facility": "Harris County Jail", "court": "the 208th District Court", "date": "December 3, 2026"}


def test_every_event_type_has_all_four_versions():
    assert set(templates()) == set(EVENT_TYPES)
    for kind, versions in templates().items():
        assert set(versions) == {"en", "es", "sms_en", "sms_es"}, kind
        assert versions["en"] != versions["es"]


@pytest.mark.parametrize("kind", EVENT_TYPES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_messages_render_with_and_without_details(kind, lang):
    full = render_status(kind, lang, name="John Doe", details=DETAILS, text="hearing moved to a new courtroom")
    bare = render_status(kind, lang)
    assert "{" not in full and "{" not in bare
    assert "John Doe" in full and "John Doe" not in bare
    if kind in ("release", "escape"):
        assert "911" in full  # the safety line
    sms = render_status(kind, lang, name="John Doe", details=DETAILS, text="hearing moved", sms=True)
    assert segments(sms) <= 2, f"{kind}/{lang}: {segments(sms)} segments"


def test_numbers_in_status_messages_are_in_the_directory():
    phones, _ = _directory_contacts()
    for versions in templates().values():
        for text in versions.values():
            for phone in re.findall(r"\d{1}-\d{3}-\d{3}-\d{4}|\b911\b", text):
                digits = re.sub(r"\D", "", phone)
                assert (digits[1:] if len(digits) == 11 else digits) in phones
