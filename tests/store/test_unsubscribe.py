"""What an e-mail's unsubscribe link stops, on SQLite and PostgreSQL: the subscription a status
e-mail was about; the sign-up or the contact change a code e-mail was for; never anything that now
goes to another address; and twice is the same as once. The token itself is opaque and sealed."""

from __future__ import annotations

import base64

from bot.store import Contact, OffenderDetails

OWNER = "web:links"


async def sign_up(store, address, verify, number="A1", language="en"):
    return await store.create_subscription(OWNER, "vine", OffenderDetails(name="Pat Doe", number=number),
                                           Contact("email", address), language, None, "America/Chicago",
                                           verify=verify, conversation=OWNER)


def target(store, kind, ident, address, language="en"):
    return store.read_unsubscribe_token(store.unsubscribe_token(kind, ident, language, address))


async def statuses(store):
    return [view.status for view in await store.list_subscriptions(OWNER, include_cancelled=True)]


async def test_a_status_emails_link_cancels_that_subscription_once(store):
    created = await sign_up(store, "Ana@Example.com", verify=False)
    other = await sign_up(store, "ana@example.com", verify=False, number="B2")
    link = target(store, "subscription", created.subscription_id, "ana@example.com", "es")
    assert link.language == "es" and "ana" not in repr(link)
    assert await store.unsubscribe_pending(link)
    assert await store.unsubscribe(link) == 1
    assert await statuses(store) == ["cancelled", "active"] and other.subscription_id
    assert not await store.unsubscribe_pending(link)
    assert await store.unsubscribe(link) == 0


async def test_a_code_emails_link_deletes_the_waiting_sign_up(store):
    created = await sign_up(store, "bo@example.com", verify=True)
    [code] = await store.claim_codes(10, channels=("email",))
    link = target(store, "verification", code["verification_id"], "bo@example.com")
    assert await store.unsubscribe(link) == 1
    assert await statuses(store) == []
    assert (await store.verify_code(OWNER, created.code)).outcome == "no_pending"


async def test_a_contact_change_codes_link_closes_the_change_or_stops_it_once_made(store):
    await sign_up(store, "first@example.com", verify=False)
    await store.change_contact(OWNER, Contact("email", "second@example.com"), "en", verify=True)
    [code] = await store.claim_codes(10, channels=("email",))
    link = target(store, "verification", code["verification_id"], "second@example.com")
    assert await store.unsubscribe(link) == 1  # the change is closed; the subscription keeps its address
    assert await statuses(store) == ["active"] and not await store.pending_verification(OWNER)

    created = await store.change_contact(OWNER, Contact("email", "third@example.com"), "en", verify=True)
    [code] = await store.claim_codes(10, channels=("email",))
    assert (await store.verify_code(OWNER, created.code)).outcome == "verified"
    link = target(store, "verification", code["verification_id"], "third@example.com")
    assert await store.unsubscribe(link) == 1  # made: the subscriptions now at that address stop
    assert await statuses(store) == ["cancelled"]


async def test_a_link_stops_nothing_that_goes_elsewhere_now(store):
    created = await sign_up(store, "old@example.com", verify=False)
    link = target(store, "subscription", created.subscription_id, "old@example.com")
    await store.change_contact(OWNER, Contact("sms", "+12025550123"), "en", verify=False)
    assert not await store.unsubscribe_pending(link)
    assert await store.unsubscribe(link) == 0
    assert await statuses(store) == ["active"]
    assert not await store.unsubscribe_pending(target(store, "subscription", 999, "old@example.com"))


def test_tokens_are_opaque_and_sealed(store):
    token = store.unsubscribe_token("subscription", 7, "en", "ana@example.com")
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert b"ana@example.com" not in raw and b"s:7:" not in raw and len(token) < 200
    assert store.read_unsubscribe_token(token).ident == 7
    again = store.unsubscribe_token("subscription", 7, "en", "ana@example.com")
    assert again != token  # never the same twice
    for bad in ("", "x" * 80, token[:-2], token.swapcase(), token + "==", None):
        assert store.read_unsubscribe_token(bad) is None
