"""Replies to a delivered status message: action_explain_status, action_whereabouts, action_stop_these
and action_answer_stop, in English and Spanish, with and without a status in the conversation."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

import actions.common
from actions.slots import pending_stop_events
from actions.status import (ActionAnswerStop, ActionExplainStatus, ActionStopThese, ActionWhereabouts, day,
                            last_event)
from bot.events.schema import EVENT_TYPES
from bot.messages import render
from bot.store import Contact, OffenderDetails
from tests.actions.support import LANGS, OWNER, ent, expected, run, sent

SAFETY = render("safety_line", "en")["text"]


def status(kind="release", sub=1, program="vine", details=None, occurred_at="2026-11-29T21:12:00Z", text=""):
    """The `last_event` slot as the dispatcher sets it (bot/push/senders.py)."""
    return {"type": kind, "subscription_id": sub, "program": program, "details": details or {},
            "occurred_at": occurred_at, "text": text}


def texts(dispatcher):
    return [m["text"] for m in sent(dispatcher)]


@pytest.fixture
async def subs(action_store):
    """#1 VINE about John Smith and #2 VNP about Juan Pérez in this chat; #3 in another chat."""
    add = action_store.create_subscription
    await add(OWNER, "vine", OffenderDetails(name="John Smith", state="TX"), Contact("web"), "en", None,
              "America/Chicago", False)
    await add(OWNER, "vnp", OffenderDetails(name="Juan Pérez", country="MX"), Contact("web"), "es", None,
              "America/Chicago", False)
    await add("web:someone-else", "vine", OffenderDetails(name="Kim Other", state="TX"), Contact("web"), "en", None,
              "America/Chicago", False)
    return action_store


async def active(store, owner=OWNER):
    return [view.id for view in await store.list_subscriptions(owner)]


# --- the slot as the actions read it -----------------------------------------------------------

def test_last_event_is_checked_and_normalised(tracker):
    raw = {"type": "made_up", "subscription_id": "7", "program": "xyz", "details": {"facility": " Dallas ", "x": 1},
           "occurred_at": "2026-11-29T21:12:00Z", "text": 5}
    assert last_event(tracker(slots={"last_event": raw})) == {
        "type": "other", "subscription_id": 7, "program": None, "details": {"facility": "Dallas"},
        "occurred_at": "2026-11-29T21:12:00Z", "text": ""}


def test_a_conversation_with_only_last_status_still_has_its_type(tracker):
    # Conversations whose messages came before the dispatcher set last_event.
    assert last_event(tracker(slots={"last_status": "escape"}))["type"] == "escape"
    assert last_event(tracker(slots={"last_status": "escape"}))["subscription_id"] is None
    assert last_event(tracker(slots={"last_status": "nonsense"})) is None
    assert last_event(tracker()) is None


@pytest.mark.parametrize("value,lang,shown", [
    ("2026-12-10T09:00:00Z", "en", "December 10, 2026"),
    ("2026-12-10T09:00:00-06:00", "es", "10 de diciembre de 2026"),
    ("2026-12-10", "en", "December 10, 2026"),
    ("next week", "en", None),  # not a date: left out rather than guessed
    (None, "es", None),
])
def test_dates_in_words(value, lang, shown):
    assert day(value, lang) == shown


# --- "what does that mean?" ------------------------------------------------------------------------

async def explain(tracker, domain, lang, event=None, **kwargs):
    slots = {"language": lang, **({"last_event": event} if event else {}), **kwargs.pop("slots", {})}
    return await run(ActionExplainStatus(), tracker(text="what does that mean?", intent="explain_status",
                                                    slots=slots, **kwargs), domain)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", [k for k in EVENT_TYPES if k != "other" and not k.startswith("court_hearing")])
async def test_each_status_is_explained(tracker, domain, lang, kind):
    events, dispatcher = await explain(tracker, domain, lang, status(kind))
    want = [f"status_meaning_{kind}"] + (["safety_line"] if kind in ("release", "escape", "ice_release") else [])
    assert sent(dispatcher) == expected(lang, *want)
    assert events == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["release", "escape", "ice_release"])
async def test_out_of_custody_explanations_carry_911_and_the_hotline(tracker, domain, lang, kind):
    _, dispatcher = await explain(tracker, domain, lang, status(kind))
    everything = " ".join(texts(dispatcher))
    assert "911" in everything and "1-800-799-7233" in everything


@pytest.mark.parametrize("lang,when,court", [("en", " for December 10, 2026", " at Dallas County Court"),
                                             ("es", " para el 10 de diciembre de 2026", " en Dallas County Court")])
@pytest.mark.parametrize("kind", ["court_hearing_scheduled", "court_hearing_changed"])
async def test_a_hearing_is_explained_with_its_date_and_court(tracker, domain, lang, when, court, kind):
    event = status(kind, details={"court": "Dallas County Court", "date": "2026-12-10T15:00:00Z"})
    _, dispatcher = await explain(tracker, domain, lang, event)
    assert sent(dispatcher) == expected(lang, (f"status_meaning_{kind}", {"when": when, "at_court": court}))


@pytest.mark.parametrize("lang", LANGS)
async def test_a_hearing_without_details_reads_without_gaps(tracker, domain, lang):
    _, dispatcher = await explain(tracker, domain, lang, status("court_hearing_scheduled"))
    assert sent(dispatcher) == expected(lang, ("status_meaning_court_hearing_scheduled", {"when": "", "at_court": ""}))


@pytest.mark.parametrize("lang", LANGS)
async def test_other_news_is_quoted_and_who_can_explain_it_follows(tracker, domain, lang):
    event = status("other", program="vns", text="Plea hearing moved to the afternoon docket.")
    _, dispatcher = await explain(tracker, domain, lang, event)
    assert sent(dispatcher) == expected(lang, ("status_meaning_other", {"text": "Plea hearing moved to the afternoon docket."}),
                                        "status_more_vns")


@pytest.mark.parametrize("lang", LANGS)
async def test_other_news_without_text(tracker, domain, lang):
    _, dispatcher = await explain(tracker, domain, lang, status("other", program="vnp"))
    assert sent(dispatcher) == expected(lang, "status_meaning_other_blank", "status_more_vnp")


@pytest.mark.parametrize("lang", LANGS)
async def test_no_status_yet_and_nothing_said_gets_what_this_is_put_simply(tracker, domain, lang):
    # Issue 9: never "nothing to explain" when nothing was sent and nothing asked: what this assistant does.
    events, dispatcher = await explain(tracker, domain, lang)
    assert sent(dispatcher) == expected(lang, "clarify_recap")
    buttons = [b["payload"] for b in sent(dispatcher)[0]["buttons"]]
    assert buttons == ["/request_notification", "/human_handoff"]
    assert events == []


@pytest.mark.parametrize("lang,text", [("en", "what does the notification mean?"),
                                       ("es", "¿qué significa el aviso?")])
async def test_no_status_yet_asked_about_a_status_message_says_so(tracker, domain, lang, text):
    built = tracker(text=text, intent="explain_status", slots={"language": lang})
    events, dispatcher = await run(ActionExplainStatus(), built, domain)
    assert sent(dispatcher) == expected(lang, "status_none_to_explain")
    assert [b["payload"] for b in sent(dispatcher)[0]["buttons"]] == ["/any_news", "/list_subscriptions", "/human_handoff"]
    assert events == []


def replied(name):
    """The bot's reply before the person's message, as the tracker's events show it."""
    return [{"event": "action", "name": name, "timestamp": None},
            {"event": "bot", "text": "...", "timestamp": None}]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reply,stage", [("utter_greet", None), ("utter_help", None)])
async def test_no_status_right_after_where_is_the_person_held_explains_the_programs(tracker, domain, lang, reply, stage):
    # "No entiendo" right after "where is the person held?": the plain answer "I don't know" gets.
    events, dispatcher = await explain(tracker, domain, lang, events=replied(reply),
                                       slots={"stage": stage, "clarify_count": 1})
    assert sent(dispatcher) == expected(lang, "dont_know_custody")
    assert events == [SlotSet("stage", None), SlotSet("clarify_count", 0)]


@pytest.mark.parametrize("reply,stage", [
    ("action_list_subscriptions", "asked_custody"),  # the question was asked, but something else came since
    ("utter_goodbye", None),
])
async def test_no_status_after_anything_else_puts_it_simply(tracker, domain, reply, stage):
    _, dispatcher = await explain(tracker, domain, "en", events=replied(reply), slots={"stage": stage})
    assert sent(dispatcher) == expected("en", "clarify_recap")


@pytest.mark.parametrize("lang", LANGS)
async def test_no_status_but_custody_facts_are_triage(tracker, domain, lang):
    _, dispatcher = await explain(tracker, domain, lang, slots={"program": "vns"}, entities=[ent("custody", "federal")])
    assert sent(dispatcher) == expected(lang, "program_vns", "safety_line", "offer_register")


# --- "where is he now?" ------------------------------------------------------------------------------

async def where(tracker, domain, lang, event=None, **slots):
    slots = {"language": lang, **({"last_event": event} if event else {}), **slots}
    return await run(ActionWhereabouts(), tracker(text="where is he now?", intent="ask_whereabouts", slots=slots),
                     domain)


def as_of(lang, body_key, **values):
    """The one message: how old the news is, then what it said."""
    date = {"en": "November 29, 2026", "es": "29 de noviembre de 2026"}[lang]
    return {"text": f"{render('status_where_as_of', lang, date=date)['text']} {render(body_key, lang, **values)['text']}"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["transfer", "return_to_custody", "ice_custody"])
async def test_a_named_facility_is_where_the_person_is(tracker, domain, lang, kind):
    events, dispatcher = await where(tracker, domain, lang, status(kind, details={"facility": "Huntsville Unit"}))
    assert sent(dispatcher) == [as_of(lang, f"status_where_{kind}_at", facility="Huntsville Unit")]
    assert events == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["transfer", "return_to_custody"])
async def test_a_move_without_a_facility_points_to_who_knows(tracker, domain, lang, kind):
    _, dispatcher = await where(tracker, domain, lang, status(kind))
    assert sent(dispatcher) == [as_of(lang, f"status_where_{kind}"), *expected(lang, "status_more_vine")]


async def test_the_states_own_contacts_follow_when_the_state_is_known(tracker, domain):
    _, dispatcher = await where(tracker, domain, "en", status("transfer"), state="TX")
    assert "+1-800-848-4284" in texts(dispatcher)[-1]  # TDCJ victim services, from data/directory/


@pytest.mark.parametrize("lang,from_facility", [("en", " from Dallas County Jail"), ("es", " de Dallas County Jail")])
@pytest.mark.parametrize("kind", ["release", "escape"])
async def test_out_of_custody_says_we_do_not_know_where_and_gives_911(tracker, domain, lang, from_facility, kind):
    _, dispatcher = await where(tracker, domain, lang, status(kind, details={"facility": "Dallas County Jail"}))
    assert sent(dispatcher) == [as_of(lang, f"status_where_{kind}", from_facility=from_facility),
                                *expected(lang, "safety_line")]
    assert "911" in texts(dispatcher)[-1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["removed", "death", "ice_release", "ice_custody"])
async def test_deportation_death_and_ice(tracker, domain, lang, kind):
    _, dispatcher = await where(tracker, domain, lang, status(kind, program="vnp"))
    want = [as_of(lang, f"status_where_{kind}")] + (expected(lang, "safety_line") if kind == "ice_release" else [])
    assert sent(dispatcher) == want


async def test_ice_custody_without_a_facility_names_the_notification_program(tracker, domain):
    _, dispatcher = await where(tracker, domain, "en", status("ice_custody", program="vnp"))
    assert "https://www.dhs.gov/victim-notification-program" in texts(dispatcher)[0]


@pytest.mark.parametrize("lang,when", [("en", " for December 10, 2026"), ("es", " para el 10 de diciembre de 2026")])
@pytest.mark.parametrize("kind", ["court_hearing_scheduled", "court_hearing_changed", "sentencing"])
async def test_court_news_is_not_a_move(tracker, domain, lang, when, kind):
    event = status(kind, program="vns", details={"date": "2026-12-10"})
    _, dispatcher = await where(tracker, domain, lang, event)
    assert sent(dispatcher) == [as_of(lang, "status_where_court", when=when, at_court=""),
                                *expected(lang, "status_more_vns")]


@pytest.mark.parametrize("lang", LANGS)
async def test_other_news_quoted_without_a_date(tracker, domain, lang):
    event = status("other", text="Case reassigned to another judge.", occurred_at=None)
    _, dispatcher = await where(tracker, domain, lang, event)
    body = render("status_where_other", lang, text="Case reassigned to another judge.")["text"]
    assert sent(dispatcher)[0] == {"text": f"{render('status_where_as_of_undated', lang)['text']} {body}"}
    assert sent(dispatcher)[1:] == expected(lang, "status_more_vine")


@pytest.mark.parametrize("lang,none_yet", [("en", "no updates yet"), ("es", "todavía no hay novedades")])
async def test_no_status_says_what_we_know_then_the_latest_news(tracker, domain, subs, lang, none_yet):
    _, dispatcher = await where(tracker, domain, lang)
    assert texts(dispatcher)[0] == render("status_where_unknown", lang)["text"]
    assert texts(dispatcher)[1].count(none_yet) == 2  # "any news?" for each of the two subscriptions
    assert "Kim Other" not in texts(dispatcher)[1]


@pytest.mark.parametrize("lang", LANGS)
async def test_no_status_and_no_subscriptions(tracker, domain, action_store, lang):
    _, dispatcher = await where(tracker, domain, lang)
    assert sent(dispatcher) == expected(lang, "status_where_unknown", "no_subscriptions")


# --- "stop these" ------------------------------------------------------------------------------------

async def stop_these(tracker, domain, lang, event=None, text="stop sending me these"):
    slots = {"language": lang, **({"last_event": event} if event else {})}
    return await run(ActionStopThese(), tracker(text=text, intent="stop_these", slots=slots), domain)


async def answer(tracker, domain, lang, intent, pending="1"):
    built = tracker(text="yes" if intent == "affirm" else "no", intent=intent,
                    slots={"language": lang, "stop_pending": pending, "last_event": status(sub=1)})
    return await run(ActionAnswerStop(), built, domain)


@pytest.mark.parametrize("lang,yes,no", [("en", "Yes, stop them", "No, keep them"),
                                         ("es", "Sí, dejar de recibirlos", "No, seguir recibiéndolos")])
async def test_stop_asks_first_and_stops_nothing_yet(tracker, domain, subs, lang, yes, no):
    events, dispatcher = await stop_these(tracker, domain, lang, status(sub=1))
    assert sent(dispatcher) == [{
        "text": render("status_stop_confirm", lang, subscription="#1 John Smith")["text"],
        "buttons": [{"title": yes, "payload": "/affirm"}, {"title": no, "payload": "/deny"}],
    }]
    assert events == [SlotSet("stop_pending", "1")]
    assert await active(subs) == [1, 2]


@pytest.mark.parametrize("lang", LANGS)
async def test_yes_stops_only_the_subscription_the_message_was_about(tracker, domain, subs, lang):
    events, dispatcher = await answer(tracker, domain, lang, "affirm")
    assert sent(dispatcher) == expected(lang, ("status_stopped", {"subscription": "#1 John Smith"}))
    assert events == [SlotSet("stop_pending", None)]
    assert await active(subs) == [2]
    assert await active(subs, "web:someone-else") == [3]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("intent", ["deny", "cancel"])
async def test_no_or_never_mind_keeps_it(tracker, domain, subs, lang, intent):
    events, dispatcher = await answer(tracker, domain, lang, intent)
    assert sent(dispatcher) == expected(lang, "status_kept")
    assert events == [SlotSet("stop_pending", None)]
    assert await active(subs) == [1, 2]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_message_about_another_chats_subscription_stops_nothing(tracker, domain, subs, lang):
    # #3 belongs to someone else: neither offered nor cancelled, even if a slot named it.
    events, dispatcher = await stop_these(tracker, domain, lang, status(sub=3))
    assert sent(dispatcher) == expected(lang, "status_already_stopped")
    assert events == [SlotSet("stop_pending", None)]
    _, dispatcher = await answer(tracker, domain, lang, "affirm", pending="3")
    assert sent(dispatcher) == expected(lang, "status_already_stopped")
    assert await active(subs, "web:someone-else") == [3]


@pytest.mark.parametrize("lang", LANGS)
async def test_an_already_cancelled_subscription(tracker, domain, subs, lang):
    await subs.cancel(OWNER, 1)
    _, dispatcher = await stop_these(tracker, domain, lang, status(sub=1))
    assert sent(dispatcher) == expected(lang, "status_already_stopped")
    _, dispatcher = await answer(tracker, domain, lang, "affirm")
    assert sent(dispatcher) == expected(lang, "status_already_stopped")
    assert await active(subs) == [2]


@pytest.mark.parametrize("lang", LANGS)
async def test_without_a_status_it_is_the_cancel_command(tracker, domain, subs, lang):
    # Two subscriptions and no message to go by: the cancel command asks which one.
    events, dispatcher = await stop_these(tracker, domain, lang)
    assert texts(dispatcher) == [render("ask_which_subscription", lang)["text"]]
    assert len(sent(dispatcher)[0]["buttons"]) == 3  # #1, #2, all of them
    # the next message answers it (actions/subscriptions.py)
    assert events == [SlotSet("subscription_choice", "cancel")] and await active(subs) == [1, 2]


@pytest.mark.parametrize("lang", LANGS)
async def test_only_last_status_known_is_the_cancel_command_too(tracker, domain, subs, lang):
    built = tracker(text="stop these", intent="stop_these", slots={"language": lang, "last_status": "release"})
    _, dispatcher = await run(ActionStopThese(), built, domain)
    assert texts(dispatcher) == [render("ask_which_subscription", lang)["text"]]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_store_failure_is_said_and_the_question_closed(tracker, domain, lang):
    class Broken:
        async def list_subscriptions(self, owner):
            raise OSError("database is down")

    actions.common._store = Broken()
    events, dispatcher = await answer(tracker, domain, lang, "affirm")
    assert sent(dispatcher) == expected(lang, "service_unavailable")
    assert events == [SlotSet("stop_pending", None)]


# --- the question is answered by the very next message or not at all ------------------------------

@pytest.mark.parametrize("intent,dropped", [
    ("affirm", False), ("deny", False), ("cancel", False),  # "never mind" answers it too: keep them
    ("crisis", True), ("explain_status", True), ("inform", True), ("stop_these", True), ("nlu_fallback", True),
])
def test_anything_but_yes_or_no_drops_the_question(tracker, intent, dropped):
    events = pending_stop_events(tracker(text="x", intent=intent, slots={"stop_pending": "1"}))
    assert events == ([SlotSet("stop_pending", None)] if dropped else [])


def test_nothing_to_drop(tracker):
    assert pending_stop_events(tracker(text="what", intent="explain_status")) == []
