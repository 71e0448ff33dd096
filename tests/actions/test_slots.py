"""action_validate_slot_mappings: the language, the custody facts, the program(s) and the state."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.slots import ValidateSlotMappings
from tests.actions.support import apply, ent, run, slot_sets

ACTION = ValidateSlotMappings()


async def mapped(tracker, domain, **kwargs):
    events, dispatcher = await run(ACTION, tracker(**kwargs), domain)
    assert dispatcher.messages == []  # this action never speaks
    return events


# --- language --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text", [("en", "my ex is in jail in Texas"), ("es", "mi ex está en la cárcel en Texas")])
async def test_confident_hint_sets_and_locks_the_language(tracker, domain, lang, text):
    events = await mapped(tracker, domain, text=text, intent="inform",
                          entities=[ent("language_hint", lang, "confident")])
    assert events == slot_sets(language=lang, language_locked=True)


@pytest.mark.parametrize("lang,text", [("en", "hi"), ("es", "hola")])
async def test_weak_hint_sets_without_locking(tracker, domain, lang, text):
    events = await mapped(tracker, domain, text=text, intent="greet", entities=[ent("language_hint", lang, "weak")])
    assert events == slot_sets(language=lang)


async def test_weak_hint_for_the_current_language_changes_nothing(tracker, domain):
    events = await mapped(tracker, domain, text="hola", intent="greet", slots={"language": "es"},
                          entities=[ent("language_hint", "es", "weak")])
    assert events == []


async def test_confident_hint_locks_a_language_a_weak_hint_already_set(tracker, domain):
    # "hola" set Spanish unlocked; a Spanish sentence only adds the lock.
    events = await mapped(tracker, domain, text="está en la cárcel", slots={"language": "es"},
                          entities=[ent("language_hint", "es", "confident")])
    assert events == slot_sets(language_locked=True)


@pytest.mark.parametrize("locked,hint", [("en", "es"), ("es", "en")])
@pytest.mark.parametrize("role", ["confident", "weak"])
async def test_a_locked_language_ignores_detection(tracker, domain, locked, hint, role):
    events = await mapped(tracker, domain, text="ok", slots={"language": locked, "language_locked": True},
                          entities=[ent("language_hint", hint, role)])
    assert events == []


@pytest.mark.parametrize("locked,wanted,text", [("en", "es", "en español por favor"), ("es", "en", "in English please")])
async def test_requested_language_switches_even_when_locked(tracker, domain, locked, wanted, text):
    events = await mapped(tracker, domain, text=text, slots={"language": locked, "language_locked": True},
                          entities=[ent("language_hint", wanted, "requested"), ent("language_hint", locked, "confident")])
    assert events == slot_sets(language=wanted, language_locked=True)


@pytest.mark.parametrize("intent,locked,wanted", [("switch_to_spanish", "en", "es"), ("switch_to_english", "es", "en")])
async def test_switch_intent_switches_even_when_locked(tracker, domain, intent, locked, wanted):
    # A button payload (/switch_to_spanish) carries no entity: the intent alone decides.
    events = await mapped(tracker, domain, text=f"/{intent}", intent=intent,
                          slots={"language": locked, "language_locked": True})
    assert events == slot_sets(language=wanted, language_locked=True)


async def test_no_hint_no_language_event(tracker, domain):
    assert await mapped(tracker, domain, text="12345", intent="inform") == []


# --- custody facts and programs --------------------------------------------------------------

def custody(*values):
    return [ent("custody", v) for v in values]


@pytest.mark.parametrize(
    "known,program,also,new,facts,events",
    [
        # First fact of each kind.
        ([], None, None, ["state"], ["state"], {"program": "vine"}),
        ([], None, None, ["federal"], ["federal"], {"program": "vns"}),
        ([], None, None, ["ice"], ["ice"], {"program": "vnp"}),
        ([], None, None, ["ice_custody"], ["ice_custody"], {"program": "vnp"}),
        # Federal wins over state, whichever comes first.
        (["state"], "vine", None, ["federal"], ["federal", "state"], {"program": "vns"}),
        (["federal"], "vns", None, ["state"], ["federal", "state"], {}),
        # ...and a jail that only houses the federal detainee adds no second program.
        ([], None, None, ["federal", "state", "jail"], ["federal", "jail", "state"], {"program": "vns"}),
        (["federal", "jail", "state"], "vns", None, ["ice_custody"], ["federal", "ice_custody", "jail", "state"],
         {"program": "vnp"}),
        # State + ICE: ICE is the next custodian, VNP leads and VINE is the second program (issue 8).
        (["state"], "vine", None, ["ice"], ["ice", "state"], {"program": "vnp", "also_program": "vine"}),
        (["ice"], "vnp", None, ["state"], ["ice", "state"], {"also_program": "vine"}),
        (["federal"], "vns", None, ["ice"], ["federal", "ice"], {"program": "vnp", "also_program": "vns"}),
        # Already in ICE custody: VNP alone (the jail or prison is behind him).
        (["ice", "state"], "vnp", "vine", ["ice_custody"], ["ice", "ice_custody", "state"], {"also_program": None}),
        # "I only care whether they deport him" / "I need to know when he leaves the jail"
        (["ice", "state"], "vnp", "vine", ["goal_release"], ["goal_release", "ice", "state"],
         {"program": "vine", "also_program": "vnp"}),
        (["state"], "vine", None, ["goal_removal"], ["goal_removal", "state"], {"program": "vnp", "also_program": "vine"}),
        # "Prison" alone decides nothing; once state or federal is known it is dropped.
        ([], None, None, ["prison"], ["prison"], {}),
        (["prison"], None, None, ["state"], ["state"], {"program": "vine"}),
        (["prison"], None, None, ["federal"], ["federal"], {"program": "vns"}),
        # Two facts in one message.
        ([], None, None, ["state", "ice"], ["ice", "state"], {"program": "vnp", "also_program": "vine"}),
    ],
)
async def test_custody_facts_accumulate_and_decide_the_program(tracker, domain, known, program, also, new, facts, events):
    got = await mapped(tracker, domain, text="...", intent="inform", entities=custody(*new),
                       slots={"custody_facts": known or None, "program": program, "also_program": also})
    assert got == [SlotSet("custody_facts", facts)] + slot_sets(**events)


async def test_facts_accumulate_over_turns(tracker, domain):
    # "He's in prison" -> "a state prison" -> "and ICE has a hold on him", each turn seeing the last one's slots.
    slots = {}
    for fact, program, also in [("prison", None, None), ("state", "vine", None), ("ice", "vnp", "vine")]:
        events = await mapped(tracker, domain, text="...", intent="inform", entities=custody(fact), slots=slots)
        slots = apply(slots, events)
        assert (slots.get("program"), slots.get("also_program")) == (program, also)
    assert slots["custody_facts"] == ["ice", "state"]


async def test_a_fact_already_known_changes_nothing(tracker, domain):
    got = await mapped(tracker, domain, text="county jail", entities=custody("state"),
                       slots={"custody_facts": ["state"], "program": "vine"})
    assert got == []


async def test_unknown_custody_values_are_ignored(tracker, domain):
    assert await mapped(tracker, domain, text="?", entities=custody("moon_base")) == []


# --- state -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["he is in county jail in Texas", "está en la cárcel del condado en Texas"])
async def test_state_and_custody_from_one_message(tracker, domain, text):
    got = await mapped(tracker, domain, text=text, intent="inform",
                       entities=[ent("custody", "state"), ent("us_state", "TX")])
    assert got == [SlotSet("custody_facts", ["state"]), SlotSet("program", "vine"), SlotSet("state", "TX")]


async def test_the_last_state_named_wins(tracker, domain):
    got = await mapped(tracker, domain, text="moved from Ohio to Texas",
                       entities=[ent("us_state", "OH"), ent("us_state", "TX")], slots={"state": "OH"})
    assert got == slot_sets(state="TX")


async def test_same_state_again_changes_nothing(tracker, domain):
    assert await mapped(tracker, domain, text="Texas", entities=[ent("us_state", "TX")], slots={"state": "TX"}) == []


async def test_state_is_left_to_the_form_that_asks_for_it(tracker, domain):
    # The form's validation sets the state and counts bad answers; the global mapping stays out.
    got = await mapped(tracker, domain, text="Texas", entities=[ent("us_state", "TX")],
                       slots={"requested_slot": "state"}, active_loop="vine_form")
    assert got == []


@pytest.mark.parametrize("text,entities_", [
    ("Montana Jones", [ent("us_state", "MT")]),          # a name, not a state
    ("FCI Miami", [ent("custody", "federal"), ent("us_state", "FL")]),  # a facility, not a new fact
])
async def test_answers_to_other_sign_up_questions_are_not_triage_facts(tracker, domain, text, entities_):
    got = await mapped(tracker, domain, text=text, entities=entities_,
                       slots={"requested_slot": "offender_ref", "state": "TX", "custody_facts": ["state"],
                              "program": "vine"}, active_loop="vine_form")
    assert got == []


async def test_language_and_triage_events_together(tracker, domain):
    got = await mapped(tracker, domain, text="lo tiene ICE", intent="inform",
                       entities=[ent("language_hint", "es", "confident"), ent("custody", "ice")])
    assert got == [SlotSet("language", "es"), SlotSet("language_locked", True),
                   SlotSet("custody_facts", ["ice"]), SlotSet("program", "vnp")]


# --- a conversation about the person who did harm ----------------------------------------------

async def test_custody_words_after_a_message_about_him_count(tracker, domain):
    # "the man who sold my daughter online" (no custody word) -> "the FBI has it, not sure" judged a mere mention
    slots = {}
    events = await mapped(tracker, domain, text="the man who sold my daughter online", intent="inform",
                          entities=[ent("topic", "offender")], slots=slots)
    slots = apply(slots, events)
    assert slots.get("about_offender") is True
    events = await mapped(tracker, domain, text="the FBI has it, not sure", intent="inform",
                          entities=[ent("custody", "federal", role="mention")], slots=slots)
    assert apply(slots, events).get("program") == "vns"


async def test_a_mere_mention_without_such_a_message_sets_nothing(tracker, domain):
    got = await mapped(tracker, domain, text="visiting hours at the federal prison?", intent="inform",
                       entities=[ent("custody", "federal", role="mention")], slots={})
    # Nothing is decided; the words are only held for the next message.
    assert got == [SlotSet("mentioned_facts", ["federal"])]


@pytest.mark.parametrize("first,first_state,second", [
    ("a question about the federal prison at Terminal Island", "CA",
     "the man who stole my pension is there, he was my financial adviser"),
    ("una pregunta sobre la prisión federal de Terminal Island", "CA",
     "ahí está el que me robó la pensión, era mi asesor financiero"),
])
async def test_an_earlier_mention_counts_when_the_next_message_is_about_him(tracker, domain, first, first_state, second):
    slots = {}
    events = await mapped(tracker, domain, text=first, intent="out_of_scope", slots=slots,
                          entities=[ent("custody", "federal", role="mention"), ent("us_state", first_state, role="mention")])
    slots = apply(slots, events)
    assert slots.get("program") is None and slots.get("state") is None
    events = await mapped(tracker, domain, text=second, intent="inform", slots=slots, entities=[ent("topic", "offender")])
    slots = apply(slots, events)
    assert (slots.get("program"), slots.get("state")) == ("vns", "CA")
    assert not slots.get("mentioned_facts")


@pytest.mark.parametrize("first,second,third", [
    ("visiting hours at the federal prison?", "what time is it in Denver", "the man who hurt me, I need to know about him"),
    ("¿horario de visitas en la prisión federal?", "¿qué hora es en Denver?", "el hombre que me hizo daño, necesito saber de él"),
])
async def test_an_earlier_mention_is_held_for_one_message_only(tracker, domain, first, second, third):
    slots = {}
    for text, intent, entities_ in ((first, "out_of_scope", [ent("custody", "federal", role="mention")]),
                                    (second, "out_of_scope", []),
                                    (third, "inform", [ent("topic", "offender")])):
        slots = apply(slots, await mapped(tracker, domain, text=text, intent=intent, slots=slots, entities=entities_))
    assert slots.get("program") is None


@pytest.mark.parametrize("first,second", [
    ("He was on federal supervised release but that ended last year.",
     "Now he's in the Knox County jail on new charges, the DA has it"),
    ("mi violador terminó su sentencia federal en Florence, Colorado",
     "pero ahora lo trajeron a la cárcel del condado de Pueblo por otro caso del estado"),
])
async def test_custody_told_only_as_over_gives_way_to_what_holds_now(tracker, domain, first, second):
    slots = {}
    slots = apply(slots, await mapped(tracker, domain, text=first, intent="inform", slots=slots,
                                      entities=[ent("custody", "federal", role="past")]))
    assert slots.get("program") == "vns"  # all there is to go on, for now
    slots = apply(slots, await mapped(tracker, domain, text=second, intent="inform", slots=slots,
                                      entities=[ent("custody", "state")]))
    assert (slots.get("program"), slots.get("also_program")) == ("vine", None)


@pytest.mark.parametrize("first,second", [
    ("he used to be in federal prison", "yes he is still federal, they moved him to another BOP prison"),
    ("estuvo en una prisión federal", "sí, sigue en la federal, lo cambiaron de prisión"),
])
async def test_custody_told_as_over_and_then_as_now_counts_as_now(tracker, domain, first, second):
    slots = {}
    slots = apply(slots, await mapped(tracker, domain, text=first, intent="inform", slots=slots,
                                      entities=[ent("custody", "federal", role="past")]))
    slots = apply(slots, await mapped(tracker, domain, text=second, intent="inform", slots=slots,
                                      entities=[ent("custody", "federal")]))
    assert slots.get("program") == "vns" and not slots.get("past_facts")


@pytest.mark.parametrize("text", ["tengo las pastillas aquí en la mesa", "my sister drove me over from Mesa"])
async def test_a_town_named_in_passing_does_not_replace_a_known_state(tracker, domain, text):
    got = await mapped(tracker, domain, text=text, entities=[ent("us_state", "CA", role="town")],
                       slots={"state": "AZ", "custody_facts": ["state"], "program": "vine"})
    assert got == []


@pytest.mark.parametrize("text", ["sorry, I meant Mesa, it's in Arizona", "perdón, me equivoqué, es en Mesa"])
async def test_a_town_in_a_correction_replaces_the_state(tracker, domain, text):
    got = await mapped(tracker, domain, text=text, entities=[ent("us_state", "AZ", role="town")],
                       slots={"state": "CA", "custody_facts": ["state"], "program": "vine"})
    assert got == slot_sets(state="AZ")


@pytest.mark.parametrize("text", ["he is in the jail in Mesa", "está en la cárcel de Mesa"])
async def test_a_town_names_the_state_when_none_is_known(tracker, domain, text):
    got = await mapped(tracker, domain, text=text, entities=[ent("us_state", "AZ", role="town")],
                       slots={"custody_facts": ["state"], "program": "vine"})
    assert got == slot_sets(state="AZ")


@pytest.mark.parametrize("locked,hint,text", [("en", "es", "el que me pegó está afuera, lo agarraron en Cicero"),
                                              ("es", "en", "he is outside my door, they caught him in Cicero")])
async def test_danger_answered_by_the_safety_layer_may_change_a_locked_language(tracker, domain, locked, hint, text):
    # Someone in danger may write in their first language; the safety layer answered in it, unsure or not
    # ("Cook County" locked English, then a Spanish message of danger: the conversation went on in English)
    answered = {"safety": {"kind": "violence", "answered": True, "sure": False, "language": hint}}
    events = await mapped(tracker, domain, text=text, intent="inform", metadata=answered,
                          slots={"language": locked, "language_locked": True},
                          entities=[ent("language_hint", hint, "confident")])
    assert events == slot_sets(language=hint)
    events = await mapped(tracker, domain, text=text, intent="inform",
                          slots={"language": locked, "language_locked": True},
                          entities=[ent("language_hint", hint, "confident")])
    assert events == []  # without danger, the locked language stays


# --- whole conversations, read by the fact extractor (routing12) -------------------------------------------------

async def _converse(tracker, domain, turns):
    """Slots after each message is read by the fact extractor and the slots are mapped, as in the running bot."""
    from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.component import FactExtractor
    from bot.nlu.facts import matcher

    extractor = FactExtractor.__new__(FactExtractor)
    extractor._matcher = matcher()
    slots = {}
    for text in turns:
        message = Message(data={TEXT: text, INTENT: {"name": "inform", "confidence": 0.9}, ENTITIES: []})
        extractor.process([message])
        events = await mapped(tracker, domain, text=text, intent=message.get(INTENT)["name"],
                              entities=message.get(ENTITIES), slots=slots)
        slots = apply(slots, events)
    return slots


@pytest.mark.parametrize("turns,program,also,state,language", [
    # an ICE hold on a man a county jail or a state prison holds: VNP, and VINE second
    (["my ex got arrested in Houston for hitting me and the detective said he has an immigration hold",
      "so first he gets out of the county jail and then ICE takes him?"], "vnp", "vine", "TX", "en"),
    (["el condado de Travis lo tiene, en Austin, y tiene orden de ICE", "lo que quiero saber es si lo deportan"],
     "vnp", "vine", "TX", "es"),
    # a federal case held in a county jail: VNS; the jail only houses the federal prisoner (no second program)
    (["the FBI arrested the man who robbed me and they're holding him at the Hinds County jail",
      "my lawyer said it's a federal case"], "vns", None, "MS", "en"),
    (["lo agarraron los de la DEA y lo tienen en la cárcel del condado de Hidalgo", "me secuestró en 2021"],
     "vns", None, "TX", "es"),
    # hard negatives: the jail is behind him once the federal prison has him; a jail named before the federal case
    (["the FBI arrested him and he's in the Hinds County jail", "he's not in the county jail anymore, they moved him to FCI Yazoo City"],
     "vns", None, "MS", "en"),
    (["está en la cárcel del condado de Harris", "ahora resulta que los federales se lo llevaron"], "vns", None, "TX", "es"),
    # the release from prison is what matters: VINE first
    (["he's at Coffield, the Texas state prison, and ICE has a detainer on him",
      "I mostly want to know when he leaves Coffield because my kids live close by"], "vine", "vnp", "TX", "en"),
    (["está en la prisión de Florence en Arizona, la del estado, y tiene hold de ICE",
      "lo que más me importa es saber cuándo sale de la prisión"], "vine", "vnp", "AZ", "es"),
    # hard negatives: the county jail is only the past; ICE holds him now
    (["he did his time in the Harris County jail, now ICE has him", "I want to know if they deport him"],
     "vnp", None, "TX", "en"),
    (["ya cumplió en la cárcel del condado de Harris y ahora lo tiene inmigración", "quiero saber si lo deportan"],
     "vnp", None, "TX", "es"),
    # where a sentence was served, told after where he is now, does not move the state
    (["lo tiene inmigración en el Otero County Processing Center, en Nuevo México", "ya cumplió en Texas"],
     "vnp", None, "NM", "es"),
    (["ICE has him at the Otero County Processing Center in New Mexico", "he did his time in Texas before that"],
     "vnp", None, "NM", "en"),
    # hard negative: a state of now does
    (["he's in the county jail in Oklahoma", "sorry, he's in Texas"], "vine", None, "TX", "en"),
    # a Spanish message naming an English facility stays Spanish, and a mother without English asks for no switch
    (["mi hermana fue asesinada por su novio y él está en el Men's Central Jail en Los Angeles",
      "somos de Guatemala, mi mamá no habla inglés"], "vine", None, "CA", "es"),
])
async def test_whole_conversations_give_the_programs_state_and_language(tracker, domain, turns, program, also,
                                                                      state, language):
    slots = await _converse(tracker, domain, turns)
    assert (slots.get("program"), slots.get("also_program"), slots.get("state"), slots.get("language")) == \
        (program, also, state, language)


@pytest.mark.parametrize("turns,program,also,state,language", [
    # where the person moved or is now does not replace where he is held
    (["my ex is at the Spokane county jail", "i moved to my moms in Idaho"], "vine", None, "WA", "en"),
    (["mi ex está en la cárcel del condado de Spokane", "yo me mudé a casa de mi mamá en Idaho"], "vine", None, "WA",
     "es"),
    (["the person who molested me is in prison in Arkansas", "Cummins Unit",
      "I'm actually in Texas now but it happened in Pine Bluff"], "vine", None, "AR", "en"),
    # nor does where he threatens to come back to
    (["he's in the state prison in Jena, Louisiana", "he told my cousin he'll come back to Alabama"], "vine", None,
     "LA", "en"),
    (["está en la prisión estatal en Jena, Luisiana", "le dijo a mi primo que va a volver a Alabama"], "vine", None,
     "LA", "es"),
    # a state answered later corrects one inferred from a city's name; a state denied is not it
    (["my rapist gets parole from SCI", "sorry its called Phoenix", "PA"], "vine", None, "PA", "en"),
    (["a mi violador le van a dar parole en SCI", "perdón, se llama Phoenix", "Pensilvania"], "vine", None, "PA", "es"),
    (["lo tienen en la cárcel de Torrance County, no el de California eh",
      "el centro de detención en Estancia, Nuevo México"], "vine", None, "NM", "es"),
    (["he's in the Torrance County jail, not the one in California"], "vine", None, "NM", "en"),
    # Illinois' mandatory supervised release is the state's parole
    (["he's on mandatory supervised release with the Illinois Department of Corrections"], "vine", None, "IL", "en"),
    (["mi agresor salió de la prisión", "está en parole (mandatory supervised release le dicen) del Illinois "
      "Department of Corrections"], "vine", None, "IL", "es"),
    # the person's own papers asked about during a VINE case leave the program alone
    (["my ex is in the Harris County jail", "My U visa is still pending. If I put my info here does immigration see it"],
     "vine", None, "TX", "en"),
    (["mi ex está en la cárcel del condado de Harris",
      "una pregunta yo no tengo papeles no me va a buscar la migra por esto verdad"], "vine", None, "TX", "es"),
    # deportation said in other words is what the person cares about
    (["está en la cárcel del condado de Harris", "Lo unico q quiero saber es si lo van a mandar pa su pais"],
     "vnp", "vine", "TX", "es"),
    (["he's in the Harris County jail", "all I want to know is if they kick him out of the country"],
     "vnp", "vine", "TX", "en"),
    # the county's prosecution decides over the federal agency that arrested him
    (["Lo arrestó la DEA en la redada pero el caso de lo que me hizo a mi es del fiscal del condado",
      "está en la cárcel David L Moss en Tulsa"], "vine", None, "OK", "es"),
    (["the FBI arrested him in a raid", "the case is the county prosecutor's, he's in the Tulsa County jail"],
     "vine", None, "OK", "en"),
    # a first message of place names decides no language; the Spanish that follows does
    (["Canyon County jail en Caldwell Idaho", "él me golpeó y quiero saber cuándo sale"], "vine", None, "ID", "es"),
    (["Canyon County jail en Caldwell Idaho", "he hit me and I want to know when he gets out"], "vine", None, "ID",
     "en"),
])
async def test_routing_classes_across_turns(tracker, domain, turns, program, also, state, language):
    slots = await _converse(tracker, domain, turns)
    assert (slots.get("program"), slots.get("also_program"), slots.get("state"), slots.get("language")) == \
        (program, also, state, language)


@pytest.mark.parametrize("turns,program,also,state,language", [
    # 1. immigration ruled out after it came up
    (["the man who stabbed my son is in the Polk County jail in Iowa", "people keep asking about deportation",
      "he was born in Des Moines, he's a citizen, ICE has nothing to do with him"], "vine", None, "IA", "en"),
    (["el que apuñaló a mi hijo está en la cárcel del condado de Polk en Iowa", "todos preguntan si lo van a deportar",
      "nació en Des Moines, es ciudadano, migración no tiene nada que ver"], "vine", None, "IA", "es"),
    # 2. which of two the person cares about: the custody of now first, or the removal first
    (["my rapist is at the Oregon State Penitentiary and immigration put a detainer on him",
      "every year of that sentence counts. The prison side matters most to us"], "vine", "vnp", "OR", "en"),
    (["el que me violó está en la Oregon State Penitentiary y tiene hold de inmigración",
      "para mí lo más importante es saber cuándo sale de la prisión"], "vine", "vnp", "OR", "es"),
    (["the man who trafficked me is at FCI Aliceville, federal case, and he's from Guatemala",
      "I'd like to hear about the appeal and the sentencing, and also if he gets deported after"], "vns", "vnp", "AL",
     "en"),
    (["el que me trajo engañada está en la FCI Aliceville por un caso federal, y después lo van a deportar",
      "a mí me importa que no lo suelten aquí, que se lo lleven"], "vnp", "vns", "AL", "es"),
    # 3. a question about the kind is no answer
    (["he's being paroled from Stateville on mandatory supervised release", "is that federal?"], "vine", None, "IL",
     "en"),
    (["lo sueltan de Stateville con libertad supervisada obligatoria", "¿es federal?"], "vine", None, "IL", "es"),
    # 4. the case handed over in time; a federal district named
    (["the FBI picked up the man who robbed my store in Muncie",
      "now the feds handed the case over to the county prosecutor and he's in the Delaware County jail in Indiana"],
     "vine", None, "IN", "en"),
    (["mi caso es federal, me robaron la identidad", "lo lleva la Fiscalía del distrito este de Nueva York, en Brooklyn"],
     "vns", None, "NY", "es"),
    # 5. a prison named in a state, no federal word: the state's (the reply says a federal prison is another program)
    (["the man who hurt me is in prison in Alabama", "he attacked me in Mobile"], "vine", None, "AL", "en"),
    (["el que me lastimó está preso en Alabama", "me atacó en Mobile"], "vine", None, "AL", "es"),
    (["el q me golpeo esta en el ACI", "en Rhode Island"], "vine", None, "RI", "es"),
    # 6. a county jail that holds him only for immigration, his state time done: VNP alone
    (["the man who attacked me is in the Cumberland County jail in Maine",
      "he's only there on the ICE hold now, he already served his state sentence"], "vnp", None, "ME", "en"),
    (["el que me atacó está en la cárcel del condado de Cumberland en Maine",
      "ya cumplió su condena, solo lo tienen ahí por el hold de inmigración"], "vnp", None, "ME", "es"),
])
async def test_program_cues_over_whole_conversations(tracker, domain, turns, program, also, state, language):
    slots = await _converse(tracker, domain, turns)
    assert (slots.get("program"), slots.get("also_program"), slots.get("state"), slots.get("language")) == \
        (program, also, state, language)


@pytest.mark.parametrize("turns", [
    ["he's in prison"],
    ["está en la prisión"],
])
async def test_a_prison_with_no_state_still_asks(tracker, domain, turns):
    slots = await _converse(tracker, domain, turns)
    assert slots.get("program") is None and slots.get("custody_facts") == ["prison"]


@pytest.mark.parametrize("text", ["I'm in Dearborn. I want to be told the minute he's out",
                                  "estoy en Dearborn, quiero saber en cuanto salga"])
async def test_where_the_person_lives_names_the_state_only_when_none_is_known(tracker, domain, text):
    facts = {"custody_facts": ["state"], "program": "vine"}
    got = await mapped(tracker, domain, text=text, entities=[ent("us_state", "MI", role="home")], slots=facts)
    assert got == slot_sets(state="MI")
    got = await mapped(tracker, domain, text=text, entities=[ent("us_state", "MI", role="home")],
                       slots={**facts, "state": "OH"})
    assert got == []


@pytest.mark.parametrize("text", ["they extradited him to the county jail in Birmingham",
                                  "lo extraditaron a la cárcel del condado en Birmingham"])
async def test_a_town_beside_custody_replaces_an_earlier_state(tracker, domain, text):
    got = await mapped(tracker, domain, text=text, entities=[ent("custody", "state"), ent("us_state", "AL")],
                       slots={"state": "GA", "custody_facts": ["state"], "program": "vine"})
    assert SlotSet("state", "AL") in got


@pytest.mark.parametrize("first,second", [
    ("I'm writing for my grandmother. Police in Sarasota arrested a guy.",
     "now they say he's charged federally and he's in jail"),
    ("vivo en un albergue en Reno, mi esposo está en la cárcel de Washoe County",
     "me dijeron que tiene hold de migración, quiero saber cuándo sale de la cárcel"),
])
async def test_the_place_of_a_mention_counts_when_the_next_message_names_custody(tracker, domain, first, second):
    slots = {}
    events = await mapped(tracker, domain, text=first, intent="inform", slots=slots,
                          entities=[ent("custody", "state", role="mention"), ent("us_state", "NV", role="mention")])
    slots = apply(slots, events)
    assert slots.get("state") is None
    events = await mapped(tracker, domain, text=second, intent="inform", slots=slots,
                          entities=[ent("custody", "state"), ent("topic", "offender")])
    slots = apply(slots, events)
    assert slots.get("state") == "NV" and not slots.get("mentioned_facts")
