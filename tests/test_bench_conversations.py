"""The conversation runner's pure parts (bench/conversations.py): which question the tracker shows, what
the person says to it, and the judgement of a played conversation. The live suite is a benchmark."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.conversations import (
    CODE, QUESTIONS, Outcome, Script, contains, in_words, judge, listening, mentions, question,
    shared_contacts, stored_mismatches,
)

SAMPLES = Path(__file__).parent / "fixtures" / "conversations"
CONVERSATION = {
    "id": "t-1", "language": "en", "channel": "web",
    "opening": ["my ex is in county jail", "in texas"],
    "answers": {"custody": "county jail", "offender_ref": "Casey Example", "state": "Texas",
                "confirm": "yes", "unknown": "no idea"},
    "asides": [{"at": "offender_ref", "text": "will he know?", "expect_any": ["not", "no "]}],
    "expect": {"program": "vine", "signed_up": True, "help": ["988"],
               "stored": {"offender_ref": "Casey Example", "state": "TX", "contact_channel": "sms",
                          "contact_address": "(312) 555-0147"}},
}
ROW = {"program": "vine", "status": "active", "state": "TX", "channel": "sms", "contact": "+13125550147",
       "offender_name": "casey  EXAMPLE", "offender_number": None, "offender_dob": None,
       "offender_country": None}


def test_every_form_slot_of_the_domain_has_its_question():
    domain = yaml.safe_load((Path(__file__).parents[1] / "domain.yml").read_text(encoding="utf-8"))
    asked = {slot for form in domain["forms"].values() for slot in form["required_slots"]}
    assert asked <= set(QUESTIONS)


@pytest.mark.parametrize("slots,loop,key", [
    ({"requested_slot": "offender_ref"}, "vine_form", "offender_ref"),
    ({"requested_slot": "verification_code"}, "verify_form", CODE),
    ({"requested_slot": "something_new"}, "vine_form", "unknown"),
    ({"requested_slot": "offender_ref"}, None, None),  # a leftover requested_slot outside a form
    ({"requested_slot": "offender_dob", "offender_dob_choices": ["1990-07-12", "1990-12-07"]}, "vnp_form",
     "offender_dob_choice"),
    ({"stage": "offered:vns"}, None, "sign_up"),
    ({"stage": "asked_custody"}, None, "custody"),
    ({"stage": "which_field"}, None, "unknown"),
    ({}, None, None),
])
def test_question_read_from_the_tracker(slots, loop, key):
    assert question(slots, loop) == key


def test_the_tracker_is_read_once_rasa_listens_again():
    user, listen = {"event": "user", "text": "hi"}, {"event": "action", "name": "action_listen"}
    bot = {"event": "bot", "text": "hello"}
    assert listening([listen, user, bot, listen], 1)
    assert not listening([listen, user, bot], 1)  # still at work
    assert not listening([listen, user, bot, listen], 2)  # the second message not handled yet


def answering(conversation):
    """A script past its opening turns: what it answers to each question."""
    script = Script(conversation)
    script.opening.clear()
    return script


def test_opening_then_custody_then_unknown_before_any_question():
    script = Script(CONVERSATION)
    said = [script.next(None)[0] for _ in range(5)]
    assert said == ["my ex is in county jail", "in texas", "county jail", "no idea", "no idea"]


def test_every_opening_turn_is_said_even_when_a_question_came_after_the_first():
    script = Script(CONVERSATION)
    assert script.next(None) == ("my ex is in county jail", None)
    assert script.next("sign_up") == ("in texas", None)
    assert script.next("sign_up") == ("yes, sign me up", None)


def test_an_aside_comes_once_before_the_answer_at_its_question():
    script = Script(CONVERSATION)
    script.opening.clear()
    assert script.next("offender_ref") == ("will he know?", CONVERSATION["asides"][0])
    assert script.next("offender_ref") == ("Casey Example", None)
    assert script.next("offender_ref") == ("Casey Example", None)


def test_answers_for_code_sign_up_and_unanswered_questions():
    script = answering(CONVERSATION)
    script.opening.clear()
    assert script.next(CODE, "123456") == ("123456", None)
    assert script.next(CODE, None) == ("no idea", None)  # no code arrived
    assert script.next("federal_district") == ("no idea", None)
    assert script.next("sign_up") == ("yes, sign me up", None)
    assert answering({**CONVERSATION, "language": "es"}).next("sign_up")[0] == "sí, inscribirme"


def test_an_aside_whose_question_never_comes_is_said_before_the_confirmation():
    early = {**CONVERSATION, "asides": [
        {"at": "custody", "text": "is it free?", "expect_any": ["free"]},
        {"at": "facility", "text": "who sees my number?", "expect_any": ["no"]}]}
    script = answering(early)
    assert script.next("sign_up")[0] == "is it free?"  # custody was never asked: at the sign-up offer
    assert script.next("sign_up")[0] == "yes, sign me up"
    assert script.next("confirm")[0] == "who sees my number?"
    assert script.next("confirm")[0] == "yes"


def test_a_question_asked_again_after_a_correction_gets_the_correction():
    corrected = {**CONVERSATION, "asides": [
        {"at": "confirm", "text": "wait, my number is wrong, it's 202-555-0115", "expect_any": ["0115"]}]}
    script = answering(corrected)
    assert script.next("contact_address")[0] == "no idea"  # no answer written: unknown
    assert script.next("confirm")[0].startswith("wait, my number is wrong")
    assert script.next("contact_address") == ("wait, my number is wrong, it's 202-555-0115", None)
    assert script.next("confirm")[0] == "yes"
    assert script.next("offender_ref")[0] == "Casey Example"  # not answered before the aside: as written


def test_a_question_asked_long_after_an_aside_gets_its_answer():
    script = answering(CONVERSATION)
    script.next("state")
    script.next("offender_ref")  # the aside
    script.next("offender_ref")
    script.next("confirm")
    assert script.next("state")[0] == "Texas"  # two turns on: not a correction any more


def test_which_of_two_dates_is_answered_in_words():
    vnp = {**CONVERSATION, "language": "es", "expect": {"stored": {"offender_dob": "1990-07-12"}}}
    assert answering(vnp).next("offender_dob_choice")[0] == "12 de julio de 1990"
    assert in_words("1985-03-14", "en") == "March 14, 1985"
    assert answering(CONVERSATION).next("offender_dob_choice")[0] == "no idea"  # no date in expect


def outcome(**changes) -> Outcome:
    values = dict(programs=["vine", "vine"], subscriptions=[dict(ROW)],
                  aside_replies=[(CONVERSATION["asides"][0], "No, he is NOT told.")],
                  replies="If you think of suicide, call or text 9 8 8.")
    values.update(changes)
    return Outcome(**values)


def test_a_good_conversation_succeeds():
    assert judge(CONVERSATION, outcome()) == {}


def test_each_criterion_fails_on_its_own():
    assert set(judge(CONVERSATION, outcome(programs=["vns", None]))) == {"program"}
    assert set(judge(CONVERSATION, outcome(programs=["vns", "vine"]))) == set()  # right at sign-up
    assert set(judge(CONVERSATION, outcome(subscriptions=[]))) == {"signup"}
    waiting = [{**ROW, "status": "pending_verification"}]
    assert set(judge(CONVERSATION, outcome(subscriptions=waiting))) == {"signup"}
    off_topic = [(CONVERSATION["asides"][0], "VINE is free.")]
    assert set(judge(CONVERSATION, outcome(aside_replies=off_topic))) == {"asides"}
    assert set(judge(CONVERSATION, outcome(aside_replies=[]))) == {"asides"}  # never reached its question
    assert set(judge(CONVERSATION, outcome(replies="Call 911."))) == {"help"}


def test_giving_up_must_leave_nothing_stored():
    gave_up = {**CONVERSATION, "expect": {**CONVERSATION["expect"], "signed_up": False}}
    assert judge(gave_up, outcome(subscriptions=[])) == {}
    assert set(judge(gave_up, outcome())) == {"signup"}


@pytest.mark.parametrize("change,wrong", [
    ({}, []),
    ({"program": "vns"}, ["program"]),
    ({"offender_name": "Casey Exemple"}, ["offender_ref"]),
    ({"offender_name": None, "offender_number": "casey example"}, []),
    ({"state": "NM"}, ["state"]),
    ({"channel": "email", "contact": "c@example.com"}, ["contact_channel", "contact_address"]),
    ({"contact": "+13125550148"}, ["contact_address"]),
])
def test_stored_values_are_compared_normalised(change, wrong):
    assert stored_mismatches(CONVERSATION["expect"]["stored"], "vine", {**ROW, **change}) == wrong


def test_names_dates_and_numbers_compare_the_written_way():
    stored = {"offender_name": "José Hernández", "offender_dob": "1990-07-12", "offender_ref": "A-123 456"}
    row = {**ROW, "program": "vnp", "offender_name": "jose hernandez", "offender_number": "A123456",
           "offender_dob": "1990-07-12", "state": None}
    assert stored_mismatches(stored, "vnp", row) == []
    assert stored_mismatches({"offender_dob": "1990-12-07"}, "vnp", row) == ["offender_dob"]
    assert stored_mismatches({"state": "TX"}, "vnp", row) == []  # the store keeps no state for VNP
    mexican = {**row, "offender_country": "MX"}
    for country in ("MX", "mx", "Mexico", "México"):
        assert stored_mismatches({"offender_country": country}, "vnp", mexican) == []
    assert stored_mismatches({"offender_country": "Guatemala"}, "vnp", mexican) == ["offender_country"]


def test_a_date_never_asked_is_not_held_against_the_sign_up_unless_stored_wrong():
    row = {**ROW, "offender_dob": None}
    assert stored_mismatches({"offender_dob": "1990-07-12"}, "vine", row, asked={"offender_ref"}) == []
    assert stored_mismatches({"offender_dob": "1990-07-12"}, "vine", row, asked={"offender_dob"}) == ["offender_dob"]
    wrong = {**ROW, "offender_dob": "1990-12-07"}
    assert stored_mismatches({"offender_dob": "1990-07-12"}, "vine", wrong, asked=set()) == ["offender_dob"]


@pytest.mark.parametrize("reply,word,found", [
    ("No, he is NOT told.", "not", True),
    ("No, he is not told.", "no ", True),
    ("He won't know.", "no ", False),  # the space counts: "no " is not in "know"
    ("Es GRATIS.", "gratis", True),
    ("No cuesta nada", "no cuesta", True),
    ("Su número está protegido", "numero", True),
    ("anything", "  ", False),
])
def test_expected_words_are_found_without_case_or_accents(reply, word, found):
    assert contains(reply, word) is found


def test_unquoted_yes_in_the_yaml_is_said_as_yes():
    script = answering({**CONVERSATION, "asides": [], "answers": {**CONVERSATION["answers"], "confirm": True}})
    assert script.next("confirm")[0] == "yes"
    spanish = {**CONVERSATION, "language": "es", "asides": [], "answers": {"confirm": True}}
    assert answering(spanish).next("confirm")[0] == "sí"


@pytest.mark.parametrize("replies,number,found", [
    ("Call 988.", "988", True),
    ("National DV Hotline: 1-800-799-7233", "800.799.7233", True),
    ("Call (800) 799-7233", "1-800-799-7233", True),
    ("Call 911 now", "988", False),
])
def test_help_numbers_are_found_however_spaced(replies, number, found):
    assert mentions(replies, number) is found


def test_the_samples_follow_the_writers_format():
    for lang in ("en", "es"):
        text = (SAMPLES / f"conversations_{lang}.yml").read_text("utf-8")
        conversations = yaml.safe_load(text)["conversations"]
        assert len(conversations) == 3
        for conversation in conversations:
            assert conversation["language"] == lang and conversation["channel"] in ("web", "sms")
            assert conversation["expect"]["program"] in ("vine", "vns", "vnp")
            assert {a["at"] for a in conversation["asides"]} <= set(conversation["answers"]) | {"custody"}


def test_contacts_written_in_more_conversations_than_codes_allow_are_named():
    def person(address, channel="web", contact_channel="sms"):
        return {"channel": channel, "expect": {"stored": {"contact_channel": contact_channel,
                                                          "contact_address": address}}}
    conversations = [person("(312) 555-0147") for _ in range(3)] + [person("312-555-0147")]
    conversations += [person("(312) 555-0147", channel="sms")] + [person("a@example.com", "web", "email")] * 2
    assert shared_contacts(conversations) == {"+13125550147": 4}
