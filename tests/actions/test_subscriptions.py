"""In-chat subscription commands: action_list_subscriptions, action_cancel_subscription, action_any_news."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from rasa_sdk.events import SlotSet

from actions.slots import pending_choice_events
from actions.subscriptions import (
    ActionAnswerWhichSubscription, ActionAnyNews, ActionCancelSubscription, ActionChangeQuietHours,
    ActionListSubscriptions,
)
from bot.store import Contact, OffenderDetails
from bot.store.models import status_events
from tests.actions.support import LANGS, OWNER, expected, ent, run, sent

# How each of the two subscriptions below is listed, per language.
LABELS = {
    "en": ["#1 State notification (VINE): John Smith, this chat",
           "#2 Deportation (ICE VNP): Juan Pérez, +1******0143 (waiting for the code)"],
    "es": ["#1 Notificación estatal (VINE): John Smith, este chat",
           "#2 Deportación (VNP de ICE): Juan Pérez, +1******0143 (esperando el código)"],
}
# The same, as named in a reply (no "#1": it is not a choice to answer with).
SHORT = {lang: [label.split(" ", 1)[1] for label in labels] for lang, labels in LABELS.items()}


def cancelled(lang, place):
    """The reply that the subscription at `place` (0 or 1) was cancelled."""
    return expected(lang, ("subscription_cancelled_one", {"subscription": SHORT[lang][place]}))


@pytest.fixture
async def two(action_store):
    """#1 VINE on this chat (active), #2 VNP by SMS (waiting for its code); and one of another chat."""
    add = action_store.create_subscription
    await add(OWNER, "vine", OffenderDetails(name="John Smith", state="TX"), Contact("web"), "en", None,
              "America/Chicago", False)
    await add(OWNER, "vnp", OffenderDetails(name="Juan Pérez", country="MX"), Contact("sms", "+12025550143"), "es",
              None, "America/Chicago", True)
    await add("someone-else", "vns", OffenderDetails(number="A123456"), Contact("web"), "en", None, "America/New_York",
              False)
    return action_store


async def ids(store, owner=OWNER):
    return [view.id for view in await store.list_subscriptions(owner)]


# --- list ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
async def test_list_none(tracker, domain, action_store, lang):
    events, dispatcher = await run(ActionListSubscriptions(), tracker(intent="list_subscriptions", slots={"language": lang}), domain)
    assert sent(dispatcher) == expected(lang, "no_subscriptions") and events == []


@pytest.mark.parametrize("lang", LANGS)
async def test_list_some_only_of_this_chat(tracker, domain, two, lang):
    events, dispatcher = await run(ActionListSubscriptions(), tracker(intent="list_subscriptions", slots={"language": lang}), domain)
    items = "\n".join(f"• {label}" for label in LABELS[lang])
    assert sent(dispatcher) == expected(lang, ("subscription_list", {"items": items})) and events == []


async def test_cancelled_subscriptions_are_not_listed(tracker, domain, two):
    await two.cancel(OWNER, 1)
    _, dispatcher = await run(ActionListSubscriptions(), tracker(intent="list_subscriptions"), domain)
    assert sent(dispatcher) == expected("en", ("subscription_list", {"items": f"• {LABELS['en'][1]}"}))


# --- cancel ----------------------------------------------------------------------------------

async def cancel(tracker, domain, text, lang="en", entities=()):
    built = tracker(text=text, intent="cancel_subscription", entities=entities, slots={"language": lang})
    return await run(ActionCancelSubscription(), built, domain)


@pytest.mark.parametrize("lang,text,entities", [
    ("en", "/cancel_subscription", [ent("subscription_ref", "2")]),  # the button payload
    ("es", "/cancel_subscription", [ent("subscription_ref", "2")]),
    ("en", "cancel number 2", []),
    ("es", "cancelar la #2", []),
])
async def test_cancel_one_by_id(tracker, domain, two, lang, text, entities):
    events, dispatcher = await cancel(tracker, domain, text, lang, entities)
    assert sent(dispatcher) == cancelled(lang, 1)
    assert events == []
    assert await ids(two) == [1]
    assert await ids(two, "someone-else") == [3]


@pytest.mark.parametrize("lang,text,entities", [
    ("en", "cancel all of them", []),
    ("es", "cancelar todas", []),
    ("en", "/cancel_subscription", [ent("subscription_ref", "all")]),
])
async def test_cancel_all(tracker, domain, two, lang, text, entities):
    _, dispatcher = await cancel(tracker, domain, text, lang, entities)
    assert sent(dispatcher) == expected(lang, ("subscriptions_cancelled", {"count": 2}))
    assert await ids(two) == []
    assert await ids(two, "someone-else") == [3]  # only this chat's


@pytest.mark.parametrize("lang,text", [("en", "cancel number 2, that's all"), ("es", "cancela la 2, eso es todo")])
async def test_a_number_with_a_closing_all_cancels_only_that_one(tracker, domain, two, lang, text):
    _, dispatcher = await cancel(tracker, domain, text, lang)
    assert sent(dispatcher) == cancelled(lang, 1)
    assert await ids(two) == [1]


@pytest.mark.parametrize("lang,text", [("en", "stop my messages"), ("es", "cancelar mi suscripción")])
async def test_the_only_subscription_needs_no_number(tracker, domain, two, lang, text):
    await two.cancel(OWNER, 2)
    _, dispatcher = await cancel(tracker, domain, text, lang)
    assert sent(dispatcher) == cancelled(lang, 0)
    assert await ids(two) == []


@pytest.mark.parametrize("lang,all_of_them", [("en", "All of them"), ("es", "Todas")])
@pytest.mark.parametrize("text,entities", [("cancel my subscription", []), ("cancel 99", []),
                                           ("/cancel_subscription", [ent("subscription_ref", "3")])])
async def test_ambiguous_or_unknown_asks_with_buttons(tracker, domain, two, lang, all_of_them, text, entities):
    # #3 belongs to another chat: it is neither cancelled nor offered.
    events, dispatcher = await cancel(tracker, domain, text, lang, entities)
    # the buttons carry no "#1": by SMS they become numbered lines, and two numbers on a line confuse
    buttons = [{"title": label, "payload": f'/cancel_subscription{{"subscription_ref": "{i}"}}'}
               for i, label in enumerate(SHORT[lang], start=1)]
    buttons.append({"title": all_of_them, "payload": '/cancel_subscription{"subscription_ref": "all"}'})
    assert sent(dispatcher) == [{"text": expected(lang, "ask_which_subscription")[0]["text"], "buttons": buttons}]
    assert events == [SlotSet("subscription_choice", "cancel")]
    assert await ids(two) == [1, 2] and await ids(two, "someone-else") == [3]


@pytest.mark.parametrize("lang", LANGS)
async def test_cancel_with_nothing_to_cancel(tracker, domain, action_store, lang):
    _, dispatcher = await cancel(tracker, domain, "cancel all", lang)
    assert sent(dispatcher) == expected(lang, "no_subscriptions")


# --- which one, by name, place, number or program (issue 9: text channels have no buttons) ----------

@pytest.mark.parametrize("lang,text,gone", [
    ("en", "cancel the one about Juan", 2), ("es", "cancela la de Juan Pérez", 2),
    ("en", "stop the alerts about john smith", 1), ("es", "ya no quiero avisos sobre John", 1),
    ("en", "cancel the second one", 2), ("es", "cancela la segunda", 2),
    ("en", "cancel the ICE one", 2), ("es", "cancela la de deportación", 2),
])
async def test_cancel_by_name_place_or_program(tracker, domain, two, lang, text, gone):
    _, dispatcher = await cancel(tracker, domain, text, lang)
    assert sent(dispatcher) == expected(lang, ("subscription_cancelled_one",
                                                 {"subscription": SHORT[lang][gone - 1]}))
    assert await ids(two) == [3 - gone]


def answering(tracker, text, lang, intent="inform"):
    """The next message after "which one should I cancel?"."""
    return tracker(text=text, intent=intent, slots={"language": lang, "subscription_choice": "cancel"})


@pytest.mark.parametrize("lang,text,intent", [
    ("en", "2", "inform"), ("es", "2", "inform"),
    ("en", "the second one", "nlu_fallback"), ("es", "la segunda", "nlu_fallback"),
    ("en", "the one about Juan", "inform"), ("es", "la de Juan", "inform"),
    # once read as a new VNS sign-up: it names the ICE (VNP) subscription
    ("en", "I want the ICE deportation one", "register"),
    ("es", "quiero la de ICE, la de deportación", "register"),
])
async def test_which_one_is_answered_without_buttons(tracker, domain, two, lang, text, intent):
    built = answering(tracker, text, lang, intent)
    events, dispatcher = await run(ActionAnswerWhichSubscription(), built, domain)
    assert sent(dispatcher) == cancelled(lang, 1)
    assert events == [SlotSet("subscription_choice", None)]
    assert await ids(two) == [1]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_number_is_the_subscriptions_own_number_before_its_place(tracker, domain, two, lang):
    await two.cancel(OWNER, None)
    add = two.create_subscription
    for name in ("Kyle Example", "Marcus Example"):  # #4 and #5
        await add(OWNER, "vine", OffenderDetails(name=name, state="TX"), Contact("web"), lang, None,
                  "America/Chicago", False)
    _, dispatcher = await run(ActionAnswerWhichSubscription(), answering(tracker, "5", lang), domain)
    assert await ids(two) == [4]
    _, dispatcher = await run(ActionAnswerWhichSubscription(), answering(tracker, "6", lang), domain)
    assert await ids(two) == [4]  # neither a number of theirs nor a place in the list: asked again
    assert sent(dispatcher)[0] == expected(lang, "which_subscription_unclear")[0]
    assert sent(dispatcher)[1]["text"] == expected(lang, "ask_which_subscription")[0]["text"]


@pytest.mark.parametrize("lang,text", [("en", "hmm what"), ("es", "mmm qué")])
async def test_an_unclear_answer_asks_again_and_keeps_waiting(tracker, domain, two, lang, text):
    events, dispatcher = await run(ActionAnswerWhichSubscription(), answering(tracker, text, lang), domain)
    assert [m["text"] for m in sent(dispatcher)] == [m["text"] for m in expected(
        lang, "which_subscription_unclear", "ask_which_subscription")]
    assert events == [SlotSet("subscription_choice", "cancel")]
    assert await ids(two) == [1, 2]


@pytest.mark.parametrize("intent,kept", [("inform", True), ("register", True), ("nlu_fallback", True),
                                         ("any_news", False), ("cancel", False), ("greet", False)])
def test_the_question_waits_for_one_answer_only(tracker, intent, kept):
    events = pending_choice_events(tracker(text="x", intent=intent, slots={"subscription_choice": "cancel"}))
    assert events == ([] if kept else [SlotSet("subscription_choice", None)])


# --- quiet hours -----------------------------------------------------------------------------

async def quiet_hours(store):
    from bot.store.models import subscriptions

    async with store.engine.connect() as conn:
        rows = (await conn.execute(subscriptions.select().order_by(subscriptions.c.id))).all()
    return {row.id: (row.quiet_start, row.quiet_end) for row in rows}


@pytest.mark.parametrize("lang,text,hours", [
    ("en", "change my quiet hours to 9pm-8am", "9 PM to 8 AM"),
    ("es", "cambia mis horas de silencio a 9pm-8am", "de 21:00 a 08:00"),
    ("es", "horas de silencio de 9 de la noche a 8 de la mañana", "de 21:00 a 08:00"),
])
async def test_quiet_hours_changed_for_every_subscription(tracker, domain, two, lang, text, hours):
    built = tracker(text=text, intent="change_quiet_hours", slots={"language": lang})
    events, dispatcher = await run(ActionChangeQuietHours(), built, domain)
    every = {"en": "all your subscriptions", "es": "todas sus suscripciones"}[lang]
    assert sent(dispatcher) == expected(lang, ("quiet_hours_changed", {"subscriptions": every,
                                                                        "hours": hours}))
    assert events == []
    assert await quiet_hours(two) == {1: ("21:00", "08:00"), 2: ("21:00", "08:00"), 3: (None, None)}


@pytest.mark.parametrize("lang,text", [("en", "quiet hours for the one about Juan 10pm to 6am"),
                                       ("es", "horas de silencio para la de Juan de 10pm a 6am")])
async def test_quiet_hours_of_one_subscription(tracker, domain, two, lang, text):
    built = tracker(text=text, intent="change_quiet_hours", slots={"language": lang})
    _, dispatcher = await run(ActionChangeQuietHours(), built, domain)
    assert SHORT[lang][1] in sent(dispatcher)[0]["text"]
    assert await quiet_hours(two) == {1: (None, None), 2: ("22:00", "06:00"), 3: (None, None)}


@pytest.mark.parametrize("lang,text", [("en", "no quiet hours anymore"),
                                       ("es", "ya no quiero horas de silencio")])
async def test_quiet_hours_removed(tracker, domain, two, lang, text):
    await two.set_quiet_hours(OWNER, ("22:00", "07:00"))
    built = tracker(text=text, intent="change_quiet_hours", slots={"language": lang})
    _, dispatcher = await run(ActionChangeQuietHours(), built, domain)
    every = {"en": "all your subscriptions", "es": "todas sus suscripciones"}[lang]
    assert sent(dispatcher) == expected(lang, ("quiet_hours_removed", {"subscriptions": every}))
    assert await quiet_hours(two) == {1: (None, None), 2: (None, None), 3: (None, None)}


@pytest.mark.parametrize("lang,text", [("en", "change my quiet hours"),
                                       ("es", "cambiar mis horas de silencio")])
async def test_quiet_hours_without_hours_asks_for_them(tracker, domain, two, lang, text):
    built = tracker(text=text, intent="change_quiet_hours", slots={"language": lang})
    _, dispatcher = await run(ActionChangeQuietHours(), built, domain)
    assert sent(dispatcher) == expected(lang, "quiet_hours_which")
    assert await quiet_hours(two) == {1: (None, None), 2: (None, None), 3: (None, None)}


@pytest.mark.parametrize("lang", LANGS)
async def test_quiet_hours_without_subscriptions(tracker, domain, action_store, lang):
    built = tracker(text="change my quiet hours to 9pm-8am", intent="change_quiet_hours",
                    slots={"language": lang})
    _, dispatcher = await run(ActionChangeQuietHours(), built, domain)
    assert sent(dispatcher) == expected(lang, "no_subscriptions")


# --- any news --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,none_yet", [("en", "no updates yet"), ("es", "todavía no hay novedades")])
async def test_no_news_yet_for_each_subscription(tracker, domain, two, lang, none_yet):
    events, dispatcher = await run(ActionAnyNews(), tracker(intent="any_news", slots={"language": lang}), domain)
    items = "\n".join(f"• {label}: {none_yet}" for label in LABELS[lang])
    assert sent(dispatcher) == expected(lang, ("news", {"items": items})) and events == []


@pytest.mark.parametrize("lang,news,none_yet", [("en", "He was moved to another prison.", "no updates yet"),
                                                ("es", "Lo trasladaron a otra prisión.", "todavía no hay novedades")])
async def test_the_latest_status_in_the_persons_language(tracker, domain, two, lang, news, none_yet):
    async with two.engine.begin() as conn:
        for when, en, es in [(datetime(2026, 1, 1, tzinfo=timezone.utc), "Old news.", "Noticia vieja."),
                             (datetime(2026, 2, 1, tzinfo=timezone.utc), "He was moved to another prison.",
                              "Lo trasladaron a otra prisión.")]:
            await conn.execute(status_events.insert().values(subscription_id=1, kind="transfer", summary_en=en,
                                                             summary_es=es, occurred_at=when, created_at=when))
    _, dispatcher = await run(ActionAnyNews(), tracker(intent="any_news", slots={"language": lang}), domain)
    items = f"• {LABELS[lang][0]}: {news}\n• {LABELS[lang][1]}: {none_yet}"
    assert sent(dispatcher) == expected(lang, ("news", {"items": items}))


@pytest.mark.parametrize("lang", LANGS)
async def test_any_news_without_subscriptions(tracker, domain, action_store, lang):
    _, dispatcher = await run(ActionAnyNews(), tracker(intent="any_news", slots={"language": lang}), domain)
    assert sent(dispatcher) == expected(lang, "no_subscriptions")
