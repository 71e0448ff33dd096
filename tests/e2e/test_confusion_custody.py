"""Issue 9 personas against the running assistant: answers to the custody question that the classifiers
heard as a correction, a mention or out of scope are answers; confusion with nothing waiting and no status
message sent gets what was said put simply, never "nothing to explain" (en/es)."""

from __future__ import annotations

import pytest

from tests.e2e.test_conversations import EN, ES, said

ABOUT_HIM = {EN: "the man who sold my daughter online", ES: "el hombre que abusó de mi hija por internet"}
FEDERAL = {EN: "it went to federal court in Las Vegas", ES: "se fue a la corte federal de Las Vegas"}


@pytest.mark.parametrize("lang,answer,program,state", [
    (EN, "MDOC, Ionia Correctional Facility", "vine", "MI"),
    (EN, "Orleans parish, the justice center on Perdido", "vine", None),
    (EN, "ICE, Moshannon Valley Processing Center, Philipsburg PA", "vnp", "PA"),
    (ES, "Centro de detención de Adelanto, California", "vnp", "CA"),
    (ES, "en la cárcel de la parroquia de Orleans", "vine", None),
])
def test_the_custody_question_is_answered_in_the_persons_words(assistant, sender, lang, answer, program,
                                                                 state):
    assert said(assistant.texts(sender, ABOUT_HIM[lang]), "ask_custody", lang)
    replies = assistant.texts(sender, answer)
    assert said(replies, f"program_{program}", lang), replies
    slots = assistant.slots(sender)
    assert (slots["program"], slots["stage"]) == (program, f"offered:{program}")
    if state:
        assert slots["state"] == state


@pytest.mark.parametrize("lang,confused", [
    (EN, "I'm sorry honey I don't understand"),
    (ES, "Disculpe, no le entiendo bien. Yo no sé mucho de estas cosas del teléfono."),
])
def test_lost_after_saying_no_gets_the_program_put_simply(assistant, sender, lang, confused):
    assistant.texts(sender, ABOUT_HIM[lang])
    assistant.texts(sender, FEDERAL[lang])
    assistant.texts(sender, "no")
    replies = assistant.texts(sender, confused)
    assert said(replies, "clarify_recap_vns", lang), replies
    assert not said(replies, "status_none_to_explain", lang)
    assert assistant.slots(sender)["program"] == "vns"
