"""In-chat subscription commands: action_list_subscriptions, action_cancel_subscription, action_any_news."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from actions.subscriptions import ActionAnyNews, ActionCancelSubscription, ActionListSubscriptions
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
    assert sent(dispatcher) == expected(lang, ("subscriptions_cancelled", {"count": 1})) and events == []
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
    assert sent(dispatcher) == expected(lang, ("subscriptions_cancelled", {"count": 1}))
    assert await ids(two) == [1]


@pytest.mark.parametrize("lang,text", [("en", "stop my messages"), ("es", "cancelar mi suscripción")])
async def test_the_only_subscription_needs_no_number(tracker, domain, two, lang, text):
    await two.cancel(OWNER, 2)
    _, dispatcher = await cancel(tracker, domain, text, lang)
    assert sent(dispatcher) == expected(lang, ("subscriptions_cancelled", {"count": 1}))
    assert await ids(two) == []


@pytest.mark.parametrize("lang,all_of_them", [("en", "All of them"), ("es", "Todas")])
@pytest.mark.parametrize("text,entities", [("cancel my subscription", []), ("cancel 99", []),
                                           ("/cancel_subscription", [ent("subscription_ref", "3")])])
async def test_ambiguous_or_unknown_asks_with_buttons(tracker, domain, two, lang, all_of_them, text, entities):
    # #3 belongs to another chat: it is neither cancelled nor offered.
    events, dispatcher = await cancel(tracker, domain, text, lang, entities)
    buttons = [{"title": label, "payload": f'/cancel_subscription{{"subscription_ref": "{i}"}}'}
               for i, label in enumerate(LABELS[lang], start=1)]
    buttons.append({"title": all_of_them, "payload": '/cancel_subscription{"subscription_ref": "all"}'})
    assert sent(dispatcher) == [{"text": expected(lang, "ask_which_subscription")[0]["text"], "buttons": buttons}]
    assert events == []
    assert await ids(two) == [1, 2] and await ids(two, "someone-else") == [3]


@pytest.mark.parametrize("lang", LANGS)
async def test_cancel_with_nothing_to_cancel(tracker, domain, action_store, lang):
    _, dispatcher = await cancel(tracker, domain, "cancel all", lang)
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
