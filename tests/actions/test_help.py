"""The right help for the harm (issue 9, item 6): the harm's own line, an acknowledgement before the
facts, a person to call whenever one is asked for, never the same paragraph twice in a row; and a county
jail never given the state prison agency as its contact (item 8). Both languages; the assertions read
the text the person sees."""

from __future__ import annotations

import pytest

from actions.triage import ActionFallback, ActionGuide, ActionHumanHandoff
from bot.messages import render
from tests.actions.support import LANGS, run, sent

NDVH = "1-800-799-7233"
# The harm's line, by what the person wrote, in each language: (message, language, number, name).
HARMS = [
    ("he raped me and he gets out next month", "en", "1-800-656-4673", "National Sexual Assault Hotline"),
    ("mi ex me violó y sale el mes que viene", "es", "1-800-656-4673", "Línea Nacional de Agresión Sexual"),
    ("the man who sold my daughter online is getting out", "en", "1-888-373-7888",
     "National Human Trafficking Hotline"),
    ("el tratante que me vendió va a salir", "es", "1-888-373-7888", "Línea Nacional contra la Trata"),
    ("my stepdad abused me when i was 9 and now he's out", "en", "1-800-422-4453", "Childhelp"),
    ("tengo 14 años y el novio de mi mamá sale de la cárcel", "es", "1-800-422-4453", "Childhelp"),
    ("my daughter was murdered and the man who did it gets out", "en", "1-888-818-7662",
     "Parents Of Murdered Children"),
    ("mataron a mi hijo y el asesino sale pronto", "es", "1-888-818-7662", "Parents Of Murdered Children"),
    ("i want to kill myself when he gets out", "en", "988", "988 Suicide & Crisis Lifeline"),
    ("ya no quiero vivir si él sale", "es", "988", "988 Línea de Prevención del Suicidio"),
    ("I'm Native and my ex is in the county jail", "en", "1-844-762-8483", "StrongHearts Native Helpline"),
    ("soy indígena y mi ex está en la cárcel", "es", "1-844-762-8483", "StrongHearts Native Helpline"),
]


def texts(dispatcher):
    return [m["text"] for m in sent(dispatcher)]


async def said(action, tracker, domain, text, lang, intent="inform", events=(), **slots):
    """The texts `action` sends after the person wrote `text` (slots: language plus `slots`)."""
    built = tracker(text=text, intent=intent, slots={"language": lang, **slots}, events=list(events))
    _, dispatcher = await run(action, built, domain)
    return texts(dispatcher)


@pytest.mark.parametrize("text,lang,number,name", HARMS)
async def test_talk_to_a_person_gives_the_harms_own_line(tracker, domain, text, lang, number, name):
    everything = " ".join(await said(ActionHumanHandoff(), tracker, domain, text, lang, "human_handoff"))
    assert number in everything and name in everything
    if number != "1-844-762-8483":
        assert NDVH not in everything  # not always the domestic-violence hotline
    assert "911" in everything


@pytest.mark.parametrize("lang", LANGS)
async def test_a_harm_told_earlier_in_the_conversation_still_chooses_the_line(tracker, domain, lang):
    earlier = [{"event": "user", "text": "he raped me" if lang == "en" else "me violó", "timestamp": None}]
    lines = await said(ActionHumanHandoff(), tracker, domain, "/human_handoff", lang, "human_handoff",
                       earlier)
    assert "1-800-656-4673" in " ".join(lines)


@pytest.mark.parametrize("text,lang,ack", [
    ("my daughter was murdered and the man who did it gets out in March", "en",
     "I'm so sorry about your daughter."),
    ("mataron a mi hija y el que lo hizo sale en marzo", "es", "Siento muchísimo lo de su hija."),
    ("he raped me, he is in state prison in Texas", "en", "It was not your fault."),
    ("me violó, está en una prisión estatal de Texas", "es", "No fue su culpa."),
])
async def test_the_acknowledgement_comes_before_the_facts(tracker, domain, text, lang, ack):
    lines = await said(ActionGuide(), tracker, domain, text, lang, program="vine", state="TX")
    assert ack in lines[0]
    assert lines[1] == render("program_vine", lang)["text"]
    assert not any(word in lines[0].lower() for word in ("why", "por qué", "should have", "debió"))


@pytest.mark.parametrize("lang", LANGS)
async def test_the_guide_offers_the_harms_line_after_the_facts(tracker, domain, lang):
    text = "my daughter was murdered" if lang == "en" else "asesinaron a mi hija"
    lines = await said(ActionGuide(), tracker, domain, text, lang)
    assert "1-888-818-7662" in lines[-1] and NDVH not in " ".join(lines)


@pytest.mark.parametrize("text,lang", [
    ("CAN I JUST CALL SOMEBODY", "en"),
    ("can I talk to a person", "en"),
    ("puedo hablar con alguien", "es"),
    ("¿CON QUIÉN PUEDO HABLAR?", "es"),
])
async def test_asking_for_a_person_is_never_i_didnt_understand(tracker, domain, text, lang):
    answer = " ".join(await said(ActionFallback(), tracker, domain, text, lang, "nlu_fallback"))
    assert NDVH in answer and "911" in answer
    assert render("fallback", lang)["text"] not in answer
    assert ("Puede hablar con una persona" if lang == "es" else "You can talk with an advocate") in answer


@pytest.mark.parametrize("lang", LANGS)
async def test_the_same_fallback_is_not_sent_twice_in_a_row(tracker, domain, lang):
    before = [{"event": "bot", "text": render("fallback", lang)["text"], "timestamp": None}]
    lines = await said(ActionFallback(), tracker, domain, "zzz qq", lang, "nlu_fallback", before)
    assert lines == [render("fallback_again", lang)["text"]]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_deportation_case_gets_ices_victim_line(tracker, domain, lang):
    lines = await said(ActionHumanHandoff(), tracker, domain, "/human_handoff", lang, "human_handoff",
                       program="vnp")
    assert "1-855-488-6423" in " ".join(lines) and "https://www.ice.gov/voice" in " ".join(lines)


AZ_SERVICES = "corrections.az.gov/office-chief-staff/victim-services/victim-rights"


@pytest.mark.parametrize("text,lang", [
    ("he's in the county jail in Phoenix", "en"),
    ("está en la cárcel del condado de Maricopa", "es"),
])
async def test_a_county_jail_is_not_given_the_state_prison_agency_as_its_contact(tracker, domain, text, lang):
    lines = await said(ActionGuide(), tracker, domain, text, lang, program="vine", state="AZ")
    # the victim services line (Arizona's own notification program, on the same site, comes first)
    services = next(t for t in lines if AZ_SERVICES in t)
    assert services.startswith("For state prisons" if lang == "en" else "Para prisiones estatales")


@pytest.mark.parametrize("text,lang", [
    ("he's in the county jail in Phoenix", "en"),
    ("está en la cárcel del condado de Maricopa", "es"),
])
async def test_a_county_jail_is_told_the_prisons_own_program_is_for_prisons(tracker, domain, text, lang):
    from bot import directory

    own = directory.state_services("AZ")["own_notification_program"]
    lines = await said(ActionGuide(), tracker, domain, text, lang, program="vine", state="AZ")
    line = next(t for t in lines if own["url"] in t)
    assert line.startswith("If he goes on to a state prison" if lang == "en" else "Si después lo pasan a una prisión")


@pytest.mark.parametrize("lang", LANGS)
async def test_a_state_prison_gets_its_agency_plainly(tracker, domain, lang):
    text = "he's in state prison in Arizona" if lang == "en" else "está en una prisión estatal de Arizona"
    lines = await said(ActionGuide(), tracker, domain, text, lang, program="vine", state="AZ")
    # the victim services line (Arizona's own notification program, on the same site, comes first)
    services = next(t for t in lines if AZ_SERVICES in t)
    assert not services.startswith(("For state prisons", "Para prisiones estatales"))


@pytest.mark.parametrize("lang", LANGS)
async def test_what_a_release_means_adds_the_harms_line(tracker, domain, lang):
    from rasa_sdk.executor import CollectingDispatcher

    from actions.status import explain

    earlier = [{"event": "user", "text": "mataron a mi hijo" if lang == "es" else "he murdered my son",
                "timestamp": None}]
    dispatcher = CollectingDispatcher()
    event = {"type": "release", "program": "vine", "details": {}, "occurred_at": None, "text": ""}
    built = tracker(text="what does that mean", slots={"language": lang}, events=earlier)
    explain(dispatcher, built, lang, event)
    assert "1-888-818-7662" in " ".join(texts(dispatcher))


@pytest.mark.parametrize("lang", LANGS)
async def test_asking_for_a_person_twice_does_not_repeat_the_paragraphs(tracker, domain, lang):
    before = [
        {"event": "user", "text": "can I talk to a person", "timestamp": None},
        {"event": "bot", "text": render("human", lang)["text"], "timestamp": None},
    ]
    lines = await said(ActionHumanHandoff(), tracker, domain, "CAN I JUST CALL SOMEBODY", lang, "human_handoff",
                       before)
    # 988 was not offered before: it comes once, after the short reminder; never a third time
    assert lines == [render("human_again", lang)["text"], render("talk_988", lang)["text"]] and "911" in lines[0]
    before += [{"event": "user", "text": "CAN I JUST CALL SOMEBODY", "timestamp": None}] + [
        {"event": "bot", "text": line, "timestamp": None} for line in lines]
    lines = await said(ActionHumanHandoff(), tracker, domain, "please a real person", lang, "human_handoff", before)
    assert render("talk_988", lang)["text"] not in lines
