"""The deterministic triage: custody facts, states, danger and language, on English/Spanish pairs.

These sentences are written for the tests; the evaluation set in bench/eval/ is never used here.
"""

from __future__ import annotations

import pytest

from bot.nlu.facts import decide_program, matcher
from bot.nlu.language import detect, requested_switch


def facts(text):
    return matcher().match(text, detect(text).language)


@pytest.mark.parametrize(
    "text,custody",
    [
        ("he's in the county jail", {"state"}),
        ("está en la cárcel del condado", {"state"}),
        ("the DA is prosecuting him", {"state"}),
        ("el fiscal del distrito lleva el caso", {"state"}),
        ("the FBI arrested him", {"federal", "prison"}),  # "arrested": custody of unknown kind
        ("lo arrestó el FBI", {"federal", "prison"}),
        ("he's at FCI Dublin", {"federal"}),
        ("the U.S. Attorney's office called me", {"federal"}),
        ("la fiscalía federal me llamó", {"federal"}),
        ("they're going to deport him", {"ice"}),
        ("lo van a deportar", {"ice"}),
        ("ICE has him now", {"ice_custody"}),
        ("lo tiene la migra", {"ice_custody"}),
        ("he is in prison", {"prison"}),
        ("está en la prisión", {"prison"}),
        # typos are corrected towards the terms
        ("hes in fedral prision", {"federal", "prison"}),
        ("esta en la carsel del condado", {"state"}),
        # a negated fact does not count
        ("no its not the feds", set()),
        ("his PO is a federal probation officer", {"federal"}),
        ("está en libertad condicional federal", {"federal"}),
        ("she hasn't reported to prison yet", {"prison"}),  # "reported" is not "deported"
        ("lo han movido de prisión tres veces", {"prison"}),  # "movido" is not "removido"
        ("he's at the Douglas County Correctional Center", {"state"}),
        ("sale de la county de Riverside el lunes", {"state"}),
        ("the Commonwealth's Attorney is prosecuting him", {"state"}),
        ("he's out on bond now", {"state"}),
        ("ya salió bajo fianza", {"state"}),
        ("no es federal", set()),
        # ICE holds him now, in other words than the listed phrases
        ("they handed him over to immigration after his sentence", {"ice_custody"}),
        ("ya salió del penal y se lo llevaron los de migración", {"ice", "ice_custody"}),
        ("he's sitting in an immigration jail in Louisiana", {"ice_custody", "state"}),
        # ...but not a hold, a detainer, the future or the person's own appointment
        ("ICE put a hold on him", {"ice"}),
        ("ICE will pick him up when he gets out of the county jail", {"ice", "state"}),
        ("I have my own ICE check-in tomorrow", {"ice"}),
        # a denial outranks what another word implies
        ("the DEA arrested him but it's not federal, the county DA has it", {"prison", "state"}),
        ("ya no, ahora lo tiene inmigración", {"ice_custody"}),
        # a whole-message answer to "state or federal?"
        ("state", {"state"}),
        ("estatal", {"state"}),
    ],
)
def test_custody_facts(text, custody):
    assert facts(text).custody == custody


@pytest.mark.parametrize(
    "custody,program,also",
    [
        ({"state"}, "vine", None),
        ({"federal"}, "vns", None),
        ({"state", "federal"}, "vns", None),  # a federal case beside the state's police or probation
        # a federal defendant a county jail houses: the jail only holds the federal custody, no second program
        ({"state", "federal", "jail"}, "vns", None),
        ({"ice"}, "vnp", None),
        # ICE is the current or next custodian whenever it is named: VNP leads (issue 8)
        ({"state", "ice"}, "vnp", "vine"),  # state prison now, then ICE
        ({"federal", "ice"}, "vnp", "vns"),
        # ICE holds him now: the jail or prison he came from is behind him, his release or removal is VNP's
        ({"state", "ice", "ice_custody"}, "vnp", None),
        # ...unless the person says the release is what they care about
        ({"state", "ice", "goal_release"}, "vine", "vnp"),
        ({"state", "goal_removal"}, "vnp", "vine"),
        ({"prison"}, None, None),
        (set(), None, None),
    ],
)
def test_program_from_facts(custody, program, also):
    assert decide_program(custody) == (program, also)


@pytest.mark.parametrize(
    "text,state",
    [
        ("he's locked up in Texas", "TX"),
        ("está en Carolina del Norte", "NC"),
        ("en nueva york", "NY"),
        ("he is in NJ", "NJ"),
        ("county jail in houston", "TX"),
        ("la cárcel del condado de Maricopa", "AZ"),
        ("he's in califronia", "CA"),  # typo
        ("pensilvania", "PA"),
        ("georgia", "GA"),  # a one-word answer to "which state?"
        ("HE IS IN JAIL", None),  # all capitals: "IN" is a word, not Indiana
        ("he is in Indiana", "IN"),
        ("la cárcel de la ciudad", None),  # "la" is an article, not Louisiana
        ("mi hijo está en la cárcel", None),  # "mi" is not Michigan
        ("he moved to another country", None),  # "country" is not corrected into "county"
        # GeoNames' towns and counties of one state, read in context only
        ("he's in the jail in Immokalee", "FL"),
        ("lo tienen cerca de Hesperia", "CA"),
        ("Wyandotte County", "KS"),
        ("lo mandaron al condado de Glades", "FL"),
        ("I went for a walk in spring", None),  # a season, not Spring, Texas
        ("my grandma lives by the beach, she likes naples", None),  # no context: not Naples, Florida
        # A whole message naming a place is the answer to "where?", even a name held back elsewhere
        ("charlotte", "NC"),
        ("Sacramento", "CA"),
        # A federal or ICE facility's town beside custody of its kind
        ("lo tienen en la USP de Hazelton", "WV"),
        ("he's at the federal prison in Florence", "CO"),  # ADX/USP Florence, not the Arizona prisons
        ("ICE is holding him in Pearsall", "TX"),
        ("the state prison in Florence", None),  # a state prison there: the town alone does not say
        ("estaba en el centro de la ciudad", None),  # "el centro" is downtown, not El Centro, CA
        ("cook cnty", "IL"),
        # Where the person lives is not where he is held
        ("no sorry, Leavenworth is in Kansas, I got confused because I live in Kansas City Missouri", "KS"),
        ("vivo en Ohio pero él está preso en Texas", "TX"),
        ("he is in Kansas City Missouri", "MO"),
        ("en Salt Lake", "UT"),
        # A denied place does not count; the one meant does
        ("no wait sorry it's Kansas not Missouri", "KS"),
        ("el de Florida, no el de California", "FL"),
        ("no en Missouri, en Kansas", "KS"),
        # State prison systems by their initials; a bare Attica or Tutwiler
        ("got a letter from TDCJ about his parole", "TX"),
        ("dice CDCR que lo van a cambiar de prisión", "CA"),
        ("he's been at Attica since 2009", "NY"),
        ("la mandaron a Tutwiler", "AL"),
        ("we found mice in the attic", None),  # "attic" is not corrected into Attica
        # Spanish "pa' ca" and an all-capitals "LA" (the article) are not California
        ("dice que viene pa ca el viernes", None),
        ("se lo llevaron para CA, a una prisión del estado", "CA"),  # in capitals it is the code
        ("LO ARRESTO EL SHERIFF LA SEMANA PASADA", None),
        ("lo tienen en las Twin Towers de LA", "CA"),
        ("OH MY GOD he just pulled up outside", None),  # shouting, not Ohio
        ("DIOS MIO, ME ACABA DE LLAMAR", None),
        # A short reply naming a county, or a federal or ICE facility's site, says where he is held
        ("la de King County", "WA"),
        ("port isabel", "TX"),
        ("creo que está en Port Isabel", "TX"),
        ("my buddy Stewart and I went fishing at the lake on sunday morning", None),
        # A state prison named in Spanish word order ("prisión de Ionia"), as its English alias "Ionia prison"
        ("está en la prisión estatal de Corcoran", "CA"),
        ("ya lo van a soltar de la prision de ionia en diciembre", "MI"),
        ("he is in Ionia prison", "MI"),
    ],
)
def test_states(text, state):
    assert facts(text).state == state


@pytest.mark.parametrize(
    "text,answer",
    [
        ("sorry I meant state prison, not federal", "state"),
        ("perdón, me equivoqué, es prisión estatal", "state"),
        ("actually it's a federal case", "federal"),
        ("en realidad es federal, lo llevó el FBI", "federal"),
        ("he's in state prison", None),  # a first statement, not a correction
    ],
)
def test_a_correction_replaces_the_earlier_answer(text, answer):
    assert facts(text).answer == answer


@pytest.mark.parametrize(
    "text,goal",
    [
        ("honestly i dont care about the immigration part at all", "goal_release"),
        ("a mi no me importa la deportación, quiero saber cuándo sale", "goal_release"),
        ("cuando lo sueltan de la prisión, lo de ICE no me importa", "goal_release"),
        ("yes he has an ICE hold but that's not what I'm asking", "goal_release"),
        ("I only care whether they deport him", "goal_removal"),
        ("a mí solo me importa saber si lo deportan", "goal_removal"),
        ("solo quiero saber si lo deportan, lo de la cárcel ya no me importa", "goal_removal"),
        ("I don't care about the jail part, I want him out of the country", "goal_removal"),
        ("me interesa que lo saquen del país", "goal_removal"),
        ("he has an ICE hold", None),
        # What the person cares most about, said positively
        ("ICE has a detainer but what I care about most is the parole hearing", "goal_release"),
        ("tiene hold de inmigración pero lo que más me importa es cuándo sale de la prisión", "goal_release"),
        ("there's a detainer. I don't care when he leaves the prison, I care that he leaves the country", "goal_removal"),
        ("tiene detainer; no me importa cuándo salga de la cárcel, me importa que lo saquen del país", "goal_removal"),
        ("what matters to me is that they deport him", "goal_removal"),
        # Said in Spanish texting ("q"), as "lo principal", or as wanting him to pay here first
        ("tiene detainer. yo lo q quiero saber es si le dan parole", "goal_release"),
        ("Quiero que me avisen el día que lo suelten del penal, eso es lo principal", "goal_release"),
        ("yo quiero ir a sus cortes, no quiero q lo deporten antes de q pague aqui lo q hizo", "goal_release"),
        ("I don't want him deported before he serves his time here", "goal_release"),
    ],
)
def test_the_persons_goal(text, goal):
    assert facts(text).goal == goal


@pytest.mark.parametrize(
    "text,danger",
    [
        ("he's outside my door right now", True),
        ("está afuera de mi casa", True),
        ("he says he's going to kill me tonight", True),
        ("me va a matar", True),
        ("he has a gun and he's here", True),
        ("i'm scared he will get out next month", False),
        ("tengo miedo de que salga el próximo mes", False),
    ],
)
def test_danger(text, danger):
    assert facts(text).danger is danger


@pytest.mark.parametrize(
    "text,language",
    [
        ("my ex is in county jail and I want to know when he gets out", "en"),
        ("mi ex está en la cárcel y quiero saber cuándo sale", "es"),
        ("hola", "es"),
        ("hello", "en"),
        ("lo agarró la migra y dicen que lo van a deport", "es"),  # Spanglish, mostly Spanish
        ("necesito ayuda por favor", "es"),
    ],
)
def test_language(text, language):
    assert detect(text).language == language


@pytest.mark.parametrize(
    "text,target",
    [
        ("español", "es"),
        ("¿habla español?", "es"),
        ("spanish please", "es"),
        ("no hablo inglés", "es"),
        ("in English please", "en"),
        ("inglés por favor", "en"),
        ("i don't speak spanish", "en"),
        ("my ex is in jail in texas", None),
    ],
)
def test_explicit_language_switch(text, target):
    assert requested_switch(text) == target


@pytest.mark.parametrize(
    "text,goal",
    [
        # a phrase of priority, then the outcome (issue 8: the person's own goal decides)
        ("he has a detainer, but honestly what keeps me up at night is his parole hearing", "goal_release"),
        ("tiene orden de ICE, pero lo que me quita el sueño es la audiencia de parole", "goal_release"),
        ("the thing I need most is the day he walks out of the prison", "goal_release"),
        ("yo necesito saber es cuándo termina la sentencia federal", "goal_release"),
        ("lo único que quiero es que lo deporten, lo demás no me importa", "goal_removal"),
        ("all I want is for them to send him back to his country", "goal_removal"),
        # the outcome first, then "that's what matters"
        ("I need the date they let him out of the prison. That's what matters to me.", "goal_release"),
        ("quiero saber si lo deportan. Eso es lo que me importa.", "goal_removal"),
        # not trusting ICE to hold him puts the release first
        ("ICE has a hold on him but I don't trust that, they let people go all the time", "goal_release"),
        ("lo de la migra me da igual, quiero saber cuándo sale", "goal_release"),
        # which of two cases
        ("he has a federal gun case too, but I care about the state case", "goal_state"),
        ("lo que yo quiero saber es lo del caso federal", "goal_federal"),
        # a priority said in other words, a case named by its court or county, a time that is not the goal
        ("My priority is knowing when he goes to court, the immigration part can wait", "goal_release"),
        ("mi prioridad es saber cuándo va a corte, lo de migración después", "goal_release"),
        ("a mí solo me importa que cuando salga lo deporten", "goal_removal"),
        ("all I care about is that when he gets out they deport him", "goal_removal"),
        ("a mí el que me importa es el del estado", "goal_state"),
        ("lo que más nos importa es el federal", "goal_federal"),
        ("the federal one is what I'm worried about", "goal_federal"),
        ("right now I only care about the Cobb County case", "goal_state"),
        ("me da igual si lo deportan, necesito saber cuándo termina en la federal", "goal_release"),
        ("I don't care if they deport him, I need to know when he walks out", "goal_release"),
        # no priority said
        ("he is in the county jail and ICE has a hold on him", None),
    ],
)
def test_the_goal_said_as_a_priority(text, goal):
    assert facts(text).goal == goal


@pytest.mark.parametrize(
    "custody,program,also",
    [
        ({"state", "federal", "goal_state"}, "vine", "vns"),
        ({"state", "federal", "goal_federal"}, "vns", "vine"),
        ({"federal", "goal_state"}, "vns", None),  # one case only: the goal names nothing else
    ],
)
def test_two_cases_and_the_one_the_person_cares_about(custody, program, also):
    assert decide_program(custody) == (program, also)


@pytest.mark.parametrize(
    "text,custody",
    [
        # an immigration bond is not a jail's
        ("ICE picked him up last week, can he get out on bond?", {"ice_custody"}),
        ("lo agarró la migra, ¿puede salir bajo fianza?", {"ice_custody"}),
        ("he made bail at the county jail", {"state"}),
        # a street named Federal is not a federal case
        ("the bar on Federal Boulevard, he's in the county jail now", {"state"}),
        ("afuera del bar en Federal Blvd, está en la cárcel del condado", {"state"}),
        # a case in a state's courts
        ("también tiene un caso en el estado de Illinois", {"state"}),
        # "X Correctional" and work release are state custody
        ("he's at Five Points Correctional now", {"state"}),
        ("walked away from the work release center", {"state"}),
        # no longer there: over, not denied
        ("he's not at the county jail anymore", {"state"}),
    ],
)
def test_custody_words_in_context(text, custody):
    assert facts(text).custody == custody


def test_no_longer_is_past_not_a_denial():
    said = facts("he's not at the county jail anymore, they sent him to the state prison")
    assert "state" in said.custody and "state" not in said.negated


@pytest.mark.parametrize(
    "text,state,weak",
    [
        # where the person, or someone of theirs, is: not where he is held; a town beside the jail that holds him
        # is where he is held, not a town named in passing (it replaces an earlier state)
        ("he is in the jail in Orlando. I'm back home in Puerto Rico now", "FL", False),
        ("es la cárcel de Miami, es que mi hermana vive en Houston", "FL", False),
        # a county outranks a town named in passing
        ("la cárcel del condado de Harris, la del centro, en San Jacinto creo", "TX", False),
        ("new hampshire, not germany. the case was federal in boston but they sent him there", "NH", False),
        # only a town: weak
        ("tengo las pastillas aquí en la mesa", "CA", True),
        # where the person is staying is theirs, not his
        ("he is at the jail in Tulsa. I've been staying with my daughter in Delaware since", "OK", False),
        ("está en la cárcel de Anchorage, luego me voy a casa de mi hermana en Washington", "AK", False),  # the Anchorage jail, a facility
        # "el condado de Washington" is a county of that name, not the state
        ("está en la cárcel del condado de Washington, en Fayetteville Arkansas", "AR", False),
        # a federal prison whose site is not read as a place, matched by its full name
        ("he's at FCI Elkton", "OH", False),
        # only Louisiana has parishes (Orleans County is also in New York and Vermont)
        ("Orleans parish, the justice center on Perdido", "LA", False),
        ("está en la cárcel de la parroquia de Orleans", "LA", False),
        # a state prison shortened the way people say it
        ("vaughn correctional in smyrna. he shot my son", "DE", False),
        ("lo pasaron a Sterling Correctional", "CO", False),
    ],
)
def test_the_place_that_says_where_he_is(text, state, weak):
    said = facts(text)
    assert (said.state, said.state_weak) == (state, weak)


@pytest.mark.parametrize(
    "text,custody",
    [
        # ICE named as the next custodian in a sentence of its own
        ("he's in state prison and ICE will pick him up when he gets out", {"state", "ice"}),
        ("está en la prisión estatal. Cuando termine lo agarra inmigración", {"state", "ice"}),
        # ICE holding him now
        ("está en la prisión estatal pero ya lo agarra inmigración", {"ice_custody", "state"}),
    ],
)
def test_ice_now_or_next(text, custody):
    assert facts(text).custody == custody


@pytest.mark.parametrize(
    "text,custody",
    [
        # a facility's site after a word for a facility is that facility
        ("they moved him to the detention center in Lumpkin", {"ice_custody"}),
        ("lo tienen en el centro de detención de Stewart", {"ice_custody"}),
        # not when a county jail is what the message names
        ("he is at the county detention center in Houston", {"state"}),
    ],
)
def test_a_facility_named_by_its_site(text, custody):
    assert facts(text).custody == custody


@pytest.mark.parametrize("text", ["lo tienen en Cook County, la de la 26 y California",
                                  "he's in Cook County jail, the one at 26th and California"])
def test_a_street_corner_is_not_a_state(text):
    assert facts(text).state == "IL"


@pytest.mark.parametrize("text,state", [
    # the place named beside custody that holds now, not a place elsewhere in the story
    ("ICE took him to Folkston georgia after he did 2 yrs in jacksonville florida for beating me up", "GA"),
    ("La corte federal de Detroit lo condenó por mandarme amenazas de muerte por teléfono desde Ohio", "MI"),
    ("Pine Prairie, Louisiana. Ahí lo tiene inmigración desde marzo. Es el hombre que abusó de mí cuando yo era "
     "niña en Nashville, lo condenaron allá y cumplió 6 años en Tennessee.", "LA"),
    ("está en una prision de Texas, la Unidad Coffield cerca de Tennessee Colony", "TX"),
    # towns and words that are not the state they look like
    ("dicen q está en el corralón de Los Fresnos, eso es de la migra verdad?", "TX"),
    ("Krome. Cómo hago pa saber cuándo lo montan en el avión, pana?", "FL"),
    ("el sheriff de Palm Beach arresto al q me acosaba en el trabajo", "FL"),
])
def test_the_place_beside_custody_decides(text, state):
    assert facts(text).state == state


@pytest.mark.parametrize("text,custody", [
    ("me dijeron q cuando acabe le toca inmigracion", {"ice"}),
    ("mi ex estaba en Eloy en el centro de inmigración, lo condenaron por golpearme en Tucson", {"ice_custody"}),
    ("my husband is in the Fayette County Detention Center for DV", {"state"}),
    # "saliendo adelante" is getting by, not the Adelanto detention center
    ("gracias a Dios estamos saliendo adelante. lo tienen en la penitenciaría de McAlester", {"state"}),
])
def test_custody_in_everyday_words(text, custody):
    assert facts(text).custody == custody


def test_not_caring_much_about_deportation_puts_the_release_first():
    said = facts("no me importa mucho si lo deportan, lo q quiero saber es cuando sale de la carcel del condado")
    assert decide_program(said.custody | {said.goal})[0] == "vine"


@pytest.mark.parametrize("text,language,state", [
    # Spanish "X no Y" denies Y; English corrects itself with "no" ("Oklahoma, no, Texas")
    ("Missouri no Kansas", "es", "MO"),
    ("Maine, no Oregon", "es", "ME"),
    ("Oklahoma, no, Texas", "en", "TX"),
    ("no, Texas", "es", "TX"),
    # "las montañas" written without the tilde is not Montana
    ("en Nueva York, arriba por las montanas", "es", "NY"),
])
def test_a_place_denied_in_spanish_word_order(text, language, state):
    assert matcher().match(text, language).state == state


@pytest.mark.parametrize("text,language,program", [
    # a hand-over after a finished sentence names who holds him now
    ("lo condenaron en el condado de Passaic y después de cumplir lo pasó a ICE", "es", "vnp"),
    ("after he finished his sentence they handed him to ICE", "en", "vnp"),
    ("estuvo en la cárcel del condado Gwinnett y ahora está en el centro de detención de Stewart de inmigración",
     "es", "vnp"),
])
def test_a_hand_over_after_a_past_sentence_is_the_custody_now(text, language, program):
    assert decide_program(matcher().match(text, language).custody)[0] == program
@pytest.mark.parametrize("text,state", [
    # state prisons, county jails and Pennsylvania's SCIs added to the facilities (2026-12-07)
    ("he's at SCI Dallas", "PA"),  # the SCI, not the Texas city
    ("está en SCI-Pine Grove", "PA"),
    ("they moved him to Frackville", "PA"),
    ("lo pasaron a Mahanoy", "PA"),
    ("he's in Snake River Correctional", "OR"),
    ("está en Coyote Ridge Corrections Center", "WA"),
    ("he's at Augusta State Medical Prison", "GA"),
    ("lo tienen en Sussex I State Prison", "VA"),
    ("he's at Estrella Jail", "AZ"),
    ("está en el Erie County Holding Center", "NY"),
    ("he's at Purgatory Correctional Facility", "UT"),
    ("está en Bayside State Prison", "NJ"),
    ("he's at the Holliday Unit", "TX"),
    ("está en Ouachita River Correctional Unit", "AR"),
    ("he's in Lake Erie Correctional", "OH"),
    ("lo mandaron a Chippewa Correctional Facility", "MI"),
])
def test_more_facilities(text, state):
    said = facts(text)
    assert (said.custody, said.state, said.state_weak) == ({"state"}, state, False)


@pytest.mark.parametrize("text,state", [
    # everyday words and places the new names would otherwise pull in through the spelling corrector
    ("he works at walmart", None),  # not Waymart
    ("the holidays are hard, I can't afford a lawyer until August", None),  # Holliday, Stafford, Augusta
    ("el alcalde vino de visita, buenas noticias", None),  # Buena Vista
    ("i grew up in Pico Rivera", "CA"),  # the River units
    ("he is in jail in Zanesville", "OH"),  # not Haynesville
])
def test_new_facility_words_stay_words(text, state):
    said = facts(text)
    assert said.state == state
    assert said.custody == ({"state"} if "jail" in text else set())


@pytest.mark.parametrize("text,language,state", [
    # a town inside a facility's own name is part of the name ("Trumbull" in Ohio's Trumbull Correctional)
    ("he's at Trumbull Correctional", "en", "OH"),
    ("lo tienen en Albemarle Correctional", "es", "NC"),
])
def test_a_town_inside_a_facility_name_does_not_decide_the_state(text, language, state):
    assert matcher().match(text, language).state == state


@pytest.mark.parametrize("text,language", [
    # an immigration hold said in other words is ICE next, beside the prison that holds him now
    ("he's in Angola and has a hold from immigration", "en"),
    ("immigration has a hold on him at Angola", "en"),
    ("está en Angola y tiene orden de deportación", "es"),
])
def test_an_immigration_hold_in_other_words_is_ice_next(text, language):
    assert decide_program(matcher().match(text, language).custody) == ("vnp", "vine")


@pytest.mark.parametrize("text", [
    "he did like 2 yrs in state prison in Norco first then ICE picked him up right at the gate",
    "he did time at the county jail, now ICE has him in Adelanto",
])
def test_a_sentence_served_is_the_past(text):
    found = matcher().match(text, "en")
    assert "state" not in found.custody and found.custody & {"ice", "ice_custody"}


@pytest.mark.parametrize("text,language,goal", [
    ("I want to know about him leaving Angola first and foremost, that's what keeps me up", "en", "goal_release"),
    ("que lo deporten, más que nada", "es", "goal_removal"),
])
def test_a_priority_said_after_the_outcome(text, language, goal):
    found = matcher().match(text, language)
    assert found.goal == goal


@pytest.mark.parametrize("text,language,state", [
    ("a tax preparer on Montana Ave in El Paso stole my refund", "en", "TX"),
    ("lo arrestaron en la Texas Street de Fairfield, California", "es", "CA"),
])
def test_a_state_name_before_a_street_word_is_a_street(text, language, state):
    assert matcher().match(text, language).state == state


@pytest.mark.parametrize("text,language,state", [
    # a county's name of many states is not corrected into another county ("Franklin" is not "Rankin", MS)
    ("Ohio. Franklin County. ahí en el jail lo tienen", "es", "OH"),
    ("el condado de Franklin en Ohio", "es", "OH"),
    # a slip of one letter still is
    ("hes in the harriss county jail", "en", "TX"),
])
def test_a_county_name_is_corrected_only_for_a_slip(text, language, state):
    assert matcher().match(text, language).state == state


def test_crook_county_is_not_cook_county():
    assert matcher().match("hes in the Crook County jail", "en").state != "IL"


@pytest.mark.parametrize("text", ["yo", "yo!", "Yo yo"])
def test_yo_alone_is_no_language(text):
    # an English greeting as much as Spanish "I": an SMS "yo" once got the Spanish welcome
    assert detect(text).language is None


@pytest.mark.parametrize("text,language", [
    ("¿me los pueden mandar en inglés? mi hijo los lee", "en"),
    ("Text, in Spanish if you can", "es"),
    ("can you send them in spanish", "es"),
])
def test_asking_for_the_messages_in_a_language_asks_for_it(text, language):
    assert requested_switch(text) == language


@pytest.mark.parametrize("text,language", [
    # ICE next said as a hold, an order or a taking to come, misspelt or not
    ("he is in state prison in texas, the DA lady say he have a hold from inmigracion when he finish", "en"),
    ("state prison now, Attica. then supposedly immigration takes him", "en"),
    ("está en una prisión del estado en Illinois y dicen que inmigración tiene una orden para recogerlo", "es"),
    ("lo tienen en la cárcel del condado y cuando salga se lo lleva la migra", "es"),
])
def test_ice_next_said_as_a_hold_an_order_or_a_taking(text, language):
    assert decide_program(matcher().match(text, language).custody) == ("vnp", "vine")


@pytest.mark.parametrize("text,language", [
    ("my immigration check-in is next tuesday", "en"),
    ("immigration takes forever with my papers", "en"),
    ("tengo cita con inmigración para mi permiso de trabajo", "es"),
])
def test_immigration_words_about_ones_own_papers_are_not_ice_next(text, language):
    assert "ice" not in matcher().match(text, language).custody


@pytest.mark.parametrize("text", ["Cook County", "DeKalb jail", "greenville county detention center", "FCI Three Rivers"])
def test_a_custody_place_alone_says_nothing_of_the_language(text):
    # Spanish speakers write "Cook County" and "el jail" as they are; the conversation's language comes from what
    # they write next ("el que me pegó… lo agarraron en Cicero" stayed in English after "Cook County")
    from bot.nlu.language import detect

    assert detect(text).language is None


@pytest.mark.parametrize("text,custody", [
    ("US marshals caught him in reno but they're sending him back to Sacramento county to face the charges there",
     {"state"}),
    ("Por fin lo agarraron, fueron los US Marshals en Fresno. La orden era de la corte de Tulare County",
     {"state", "prison"}),
    ("lo arrestaron los marshals y es caso federal, pero lo tienen en la carcel del condado", {"federal", "state",
                                                                                               "prison"}),
    ("the US marshals have him", {"federal"}),
])
def test_the_marshals_catching_someone_for_a_county_is_the_countys_case(text, custody):
    assert facts(text).custody == custody


@pytest.mark.parametrize("text", ["salio de la carcel de la parroquia de jefferson y ahora esta con inmigracion en jena",
                                  "he did his time at the county and now he's with ICE"])
def test_being_with_immigration_now_is_ice_custody(text):
    assert "ice_custody" in facts(text).custody


@pytest.mark.parametrize("text,language,state", [
    ("ya lo extraditaron, está en la cárcel de Tulsa, la David L. Moss, ya no está en Arkansas", "es", "OK"),
    ("he's not in Texas anymore, they have him in Oklahoma", "en", "OK"),
])
def test_a_state_he_is_no_longer_in_is_not_his(text, language, state):
    from bot.nlu.facts import matcher

    assert matcher().match(text, language).state == state


def test_a_towns_name_is_not_corrected_into_a_custody_term():
    # "Delano" (California) once became "Adelanto" (an ICE processing center): a state case read as ICE's
    assert "ice_custody" not in facts("alfredo, me pegó en frente de mis hijos en delano el domingo").custody


@pytest.mark.parametrize("text,state", [
    ("He's being held in the Lexington County detention center until trial", "SC"),
    ("lexington county jail", "SC"),
    ("davidson county jail in nashville, they said TDOC is coming to get him", "TN"),
])
def test_a_countys_name_is_the_county_not_a_town_or_a_federal_site_elsewhere(text, state):
    assert facts(text).state == state


@pytest.mark.parametrize("text", [
    "es de inmigracion ese lugar, por Los Fresnos. el ya estuvo en la carcel 1 año por lo que me hizo",
    "Lo mandaron al El Paso Processing Center, el de inmigración",
    "that place is an ICE facility, he did his time at the county first",
])
def test_the_place_said_to_be_immigrations_is_ice_custody(text):
    assert "ice_custody" in facts(text).custody


@pytest.mark.parametrize("text,language,program,state", [
    # "MDC" in Albuquerque is the Bernalillo County Metropolitan Detention Center: the county's jail
    ("dude who attacked me at the bus stop on central is in MDC right? bernalillo county. whats his status", "en",
     "vine", "NM"),
    ("al vato lo tienen en el MDC de albuquerque", "es", "vine", "NM"),
    ("he's at the Metropolitan Detention Center in Albuquerque", "en", "vine", "NM"),
    ("está en el centro metropolitano, el MDC de Bernalillo", "es", "vine", "NM"),
    ("he was at MDC in ABQ, now he's out on bond", "en", "vine", "NM"),
    # the Bureau of Prisons' MDCs stay federal
    ("mi ex estaba en el MDC de Brooklyn... caso de la ATF", "es", "vns", "NY"),
    ("he is in MDC Brooklyn", "en", "vns", "NY"),
    ("my ex is at MDC Los Angeles", "en", "vns", "CA"),
    ("está en el MDC de Guaynabo", "es", "vns", "PR"),
    ("he's in MDC", "en", "vns", None),
    # a federal case held in Albuquerque's MDC is still federal
    ("he's at MDC in Albuquerque on a federal case", "en", "vns", "NM"),
    ("lo tienen en el MDC de albuquerque, es un caso federal", "es", "vns", "NM"),
])
def test_the_mdc_of_albuquerque_is_the_county_jail(text, language, program, state):
    found = matcher().match(text, language)
    assert decide_program(found.custody)[0] == program
    assert found.state == state


@pytest.mark.parametrize("text,language", [
    # a custody chain in Spanish: state prison now, immigration next (as English "state prison then ICE")
    ("Ahorita en prisión del estado de California, Chuckawalla Valley State Prison, y después inmigración.", "es"),
    ("Está en la cárcel del condado y luego inmigración", "es"),
    ("está en la prisión estatal, después se lo lleva ICE", "es"),
    ("está en la cárcel del condado, y de ahí a migración", "es"),
    ("ahorita en el penal del estado y después lo pasan a inmigración", "es"),
    ("state prison then ICE", "en"),
    ("he's in state prison now, after that immigration", "en"),
])
def test_a_custody_chain_that_ends_with_immigration(text, language):
    assert decide_program(matcher().match(text, language).custody) == ("vnp", "vine")


@pytest.mark.parametrize("text,language,program", [
    # told as done: ICE holds him now
    ("estuvo en la cárcel y luego se lo llevó ICE", "es", ("vnp", None)),
    # "después de inmigración" is after immigration; immigration's court is not its custody
    ("después de inmigración lo mandaron a la cárcel del condado", "es", ("vine", None)),
    ("está en la cárcel del condado y luego tiene audiencia", "es", ("vine", None)),
])
def test_a_chain_read_in_its_order(text, language, program):
    assert decide_program(matcher().match(text, language).custody) == program


@pytest.mark.parametrize("text,state", [
    ("inmigrasion en broward, el centro de transision", "FL"),
    ("lo paso inmigrasion", None),
    ("lo pasó imigracion", None),
    ("lo tiene inmigracon", None),
    ("se lo llevó migrasion", None),
    ("lo tienen en el centro de transición de Broward", "FL"),
    ("está en inmigración, en el centro de detención de Broward", "FL"),
])
def test_misspelled_immigration_custody_in_spanish(text, state):
    found = matcher().match(text, "es")
    assert decide_program(found.custody) == ("vnp", None)
    assert found.state == state


@pytest.mark.parametrize("text,language", [
    ("he's at Broward Transitional Center", "en"),
    ("ICE has him at Broward Transitional", "en"),
])
def test_broward_transitional_center_is_ice(text, language):
    found = matcher().match(text, language)
    assert decide_program(found.custody) == ("vnp", None) and found.state == "FL"


@pytest.mark.parametrize("text", [
    "la emigración de mi familia fue difícil",
    "la transición fue difícil para mi hija",
    "lo que pasó en la fiesta fue horrible",
    "la imaginación de los niños",
])
def test_words_near_immigration_stay_words(text):
    assert not matcher().match(text, "es").custody


@pytest.mark.parametrize("text,state", [
    ("Utah County Jail", "UT"),
    ("he's in the Utah County jail now in Spanish Fork", "UT"),
    ("Indiana County jail", "PA"),       # Indiana County is Pennsylvania's
    ("Nevada County jail", None),        # California's and Arkansas's, not Nevada's
    ("Texas County jail", None),         # Missouri's and Oklahoma's
    ("he is in a Nevada jail", "NV"),
])
def test_a_county_named_after_a_state_is_where_its_county_is(text, state):
    assert matcher().match(text, "en").state == state


@pytest.mark.parametrize("text,state", [
    ("utah county jail", "UT"),
    ("la carcel del condado de utah", "UT"),
    ("orange county jail", None),
    ("washington county jail", None),
    ("davidson county", None),
    ("the county jail downtown", None),
])
def test_the_one_state_of_a_county_named(text, state):
    from bot.nlu.facts import county_state

    assert county_state(text) == state


def test_a_big_city_is_not_corrected_into_a_facility_word():
    # "Nashville" had become "Asheville" (a word of "Asheville jail")
    found = matcher().match("Davidson County, Nashville, la cárcel del sheriff", "es")
    assert found.state == "TN" and "state" in found.custody


# routing12: two programs, the outcome the person cares about, named places, federal court papers, language.

def programs(said):
    """Program and second program of one message's facts, a jail that holds a federal detainee included."""
    return decide_program(said.custody | ({"jail"} if said.jail else set()))


@pytest.mark.parametrize("text,language", [
    # an ICE hold on a man a county jail or a state prison holds now: VNP first, VINE second
    ("she's in Huntsville for what she did to my son, and the lawyer told me ICE put a hold on her", "en"),
    ("they're holding him in Tulsa and immigration has a detainer on him", "en"),
    ("Raiford, en Florida, ahí lo tienen y tiene detainer, se lo van a llevar?", "es"),
    ("lo tienen en Waco y el detective dijo que tiene hold de inmigración", "es"),
    ("el condado de Travis lo tiene, y tiene orden de ICE", "es"),
])
def test_an_immigration_hold_on_a_man_held_somewhere_gives_both_programs(text, language):
    assert decide_program(matcher().match(text, language).custody) == ("vnp", "vine")


@pytest.mark.parametrize("text,language,program", [
    # hard negatives: a hold said with no one holding him now, a federal prison, custody of ICE already
    ("ICE put a hold on him", "en", ("vnp", None)),
    ("tiene hold de inmigración", "es", ("vnp", None)),
    ("he's at FCI Oakdale and ICE has a detainer on him", "en", ("vnp", "vns")),
    ("está en la prisión federal y tiene hold de inmigración", "es", ("vnp", "vns")),
    ("served his time in the Harris County jail, now ICE has him", "en", ("vnp", None)),
    ("Houston police said ICE picked up my ex after he finished his time in the county jail", "en", ("vnp", None)),
    ("ya cumplió en la cárcel del condado y ahora está en el centro de procesamiento de ICE", "es", ("vnp", None)),
])
def test_an_immigration_hold_adds_the_jail_only_when_one_holds_him(text, language, program):
    assert programs(matcher().match(text, language)) == program


@pytest.mark.parametrize("text,language", [
    # a federal case while a county jail holds him: VNS; the jail only houses the federal prisoner (no second program)
    ("the FBI arrested him and they're keeping him at the Butler County jail", "en"),
    ("the Marshals picked him up on the federal warrant and he's in the Hinds County jail until his federal hearing",
     "en"),
    ("lo agarró la DEA y lo tienen en la cárcel del condado de Hidalgo", "es"),
    ("está en la cárcel del condado de Doña Ana pero el caso es federal", "es"),
])
def test_a_federal_case_held_in_a_county_jail_is_the_federal_program_alone(text, language):
    assert programs(matcher().match(text, language)) == ("vns", None)


@pytest.mark.parametrize("text,language,program", [
    ("he's at FCI Dublin on a federal case", "en", ("vns", None)),
    ("he used to be in the county jail, now he's at USP Atlanta", "en", ("vns", None)),
    ("estuvo en la cárcel del condado, ahora está en una prisión federal", "es", ("vns", None)),
    # a federal jail, a county that dropped its case, a question of which jail: no county jail holds him
    ("the FBI caught him, he's in the federal jail in Chicago", "en", ("vns", None)),
    ("federal prison in California, for a drug case. the county dropped mine", "en", ("vns", None)),
    ("está en la cárcel federal de SeaTac", "es", ("vns", None)),
    ("el FBI lo arrestó, no sé en qué cárcel está", "es", ("vns", None)),
    # a police officer of the state, a federal prison: no jail holds him
    ("the police called the FBI and he's at FCI Dublin now", "en", ("vns", None)),
    ("lo arrestó la policía y ahora el caso es federal", "es", ("vns", None)),
    # a federal case of long ago does not make a county's case federal
    ("Wayne County jail, and I heard he might be on federal probation from before", "en", ("vine", None)),
    ("está en la cárcel del condado y tiene probation federal de antes", "es", ("vine", None)),
])
def test_a_federal_case_alone_or_over_gives_no_second_program(text, language, program):
    said = matcher().match(text, language)
    assert programs(said) == program or (said.only_past and decide_program(said.custody - said.only_past) == program)


@pytest.mark.parametrize("text,language", [
    ("I mostly want to know when he leaves Coffield, my kids live close by", "en"),
    ("what matters to me is when he gets out of prison", "en"),
    ("I want to know the day he walks out of that prison, that's what matters to me", "en"),
    ("honestly all I need to know is when he leaves the prison", "en"),
    ("lo que más me importa es saber cuándo sale de la prisión", "es"),
    ("tiene hold de ICE pero yo quiero saber cuándo es su audiencia de libertad", "es"),
    ("a mí me importa cuando lo sueltan de la prisión", "es"),
])
def test_the_release_from_prison_said_to_matter(text, language):
    assert matcher().match(text, language).goal == "goal_release"


@pytest.mark.parametrize("text,language,goal", [
    # a time, not the outcome: "when he gets out, deport him"
    ("lo que quiero es que cuando salga lo deporten", "es", "goal_removal"),
    ("all I want is that when he gets out they deport him", "en", "goal_removal"),
    ("tiene hold de ICE pero yo quiero saber si lo deportan", "es", "goal_removal"),
    ("he is in the county jail and ICE has a hold on him", "en", None),
])
def test_a_release_named_as_a_time_is_not_the_goal(text, language, goal):
    assert matcher().match(text, language).goal == goal


@pytest.mark.parametrize("text,language", [
    ("he's at Coffield, the Texas state prison, and ICE has a detainer. I mostly want to know when he leaves Coffield",
     "en"),
    ("está en la prisión de Florence en Arizona, la del estado, tiene hold de ICE pero yo quiero saber cuándo sale de "
     "la prisión", "es"),
])
def test_caring_about_the_release_puts_vine_first(text, language):
    said = matcher().match(text, language)
    assert decide_program(said.custody | {said.goal}) == ("vine", "vnp")


@pytest.mark.parametrize("text,language,state,program", [
    ("he's at Riverbend in Nashville", "en", "TN", "vine"),
    ("lo tienen en Riverbend, en Nashville", "es", "TN", "vine"),
    ("spring creek in seward", "en", "AK", "vine"),
    ("está en Spring Creek de Seward, en Alaska", "es", "AK", "vine"),
    ("ACI in cranston is where my abuser is", "en", "RI", "vine"),
    ("está en la ACI de Cranston", "es", "RI", "vine"),
    ("he's at Coffield", "en", "TX", "vine"),
    ("lo tienen en Coffield", "es", "TX", "vine"),
    ("she's in Lowell Correctional Institution", "en", "FL", "vine"),
    ("está en Lowell, la prisión de mujeres de Florida", "es", "FL", "vine"),
    ("she's at the Ohio Reformatory for Women", "en", "OH", "vine"),
    ("está en la prisión de mujeres de Marysville", "es", "OH", "vine"),
    ("está preso en Bayamón, en la 705", "es", "PR", "vine"),
    ("he's locked up at the Bayamon jail", "en", "PR", "vine"),
    ("ICE has him at Pine Prairie", "en", "LA", "vnp"),
    ("está en Pine Prairie, lo van a deportar", "es", "LA", "vnp"),
    ("lo tiene inmigración en el Otero County Processing Center", "es", "NM", "vnp"),
    ("he's in Men's Central Jail", "en", "CA", "vine"),
    ("he's in the jail in Marshalltown", "en", "IA", "vine"),
    ("en la cárcel de Marshalltown está mi ex", "es", "IA", "vine"),
    ("he's in the Dalton jail", "en", "GA", "vine"),
    ("está en la cárcel de Dalton", "es", "GA", "vine"),
    ("he's in the Dawson County jail in Lexington", "en", "NE", "vine"),
    ("lo metieron a la cárcel del condado de Dawson en Lexington", "es", "NE", "vine"),
    ("riverside jail", "en", "CA", "vine"),
    ("está en el riverside jail", "es", "CA", "vine"),
    ("el tipo está en la cárcel de Nashville", "es", "TN", "vine"),
    ("he's in the Nashville jail", "en", "TN", "vine"),
    ("he gets out of Corcoran next year", "en", "CA", "vine"),
])
def test_facilities_and_places_added_in_routing12(text, language, state, program):
    said = matcher().match(text, language)
    assert said.state == state
    assert decide_program(said.custody)[0] == program


@pytest.mark.parametrize("text,language,state", [
    # hard negatives: the words of a new name alone, elsewhere
    ("I live in Pembroke Pines and he's in the county jail", "en", None),
    ("he's in the Dawson County jail", "en", None),  # Dawson County: GA, MT, NE, TX
])
def test_the_new_names_do_not_spill_over(text, language, state):
    assert matcher().match(text, language).state == state


@pytest.mark.parametrize("text,language,state", [
    ("prison in Florence, the one in Arizona, state prison, not the federal one in Colorado", "en", "AZ"),
    ("la de Arizona, la estatal, no la federal de Colorado", "es", "AZ"),
    ("la cárcel del condado de Montgomery, en Maryland, en Clarksburg", "es", "MD"),
    ("the Montgomery County jail in Clarksburg, Maryland", "en", "MD"),
    # hard negatives: a town alone still names its state; a denial of a kind elsewhere denies no place
    ("he's in the county jail in Clarksburg", "en", "WV"),
    ("not federal, he's in the state prison in Colorado", "en", "CO"),
])
def test_a_state_named_outright_and_a_denied_one(text, language, state):
    assert matcher().match(text, language).state == state


@pytest.mark.parametrize("text,language,program", [
    ("the paperwork they gave me says United States District Court", "en", "vns"),
    ("his case is in U.S. District Court in Omaha", "en", "vns"),
    ("el papel dice Corte de Distrito de los Estados Unidos", "es", "vns"),
    ("dice corte federal de distrito", "es", "vns"),
    # hard negatives: a state's district court
    ("the paperwork says district court", "en", None),
    ("his case is in the 185th District Court in Houston", "en", None),
    ("dice corte de distrito del condado de Harris", "es", "vine"),
])
def test_the_federal_district_court_is_federal(text, language, program):
    assert decide_program(matcher().match(text, language).custody)[0] == program


@pytest.mark.parametrize("text", [
    "mi hermana fue asesinada por su novio y él está en el Men's Central Jail en Los Angeles",
    "mi ex está en el Ohio Reformatory for Women",
    "el que me violó está en el Riverbend Maximum Security Institution",
])
def test_english_facility_names_do_not_make_a_spanish_message_english(text):
    assert detect(text).language == "es"


@pytest.mark.parametrize("text,target", [
    ("somos de Guatemala, mi mamá no habla inglés", None),
    ("my mom doesn't speak English", None),
    ("mi mamá no habla inglés, ¿pueden hablar en español?", "es"),
    # hard negatives: the person's own language
    ("no hablo inglés", "es"),
    ("I don't speak English", "es"),
])
def test_someone_else_not_speaking_english_asks_for_no_english(text, target):
    assert requested_switch(text) == target


@pytest.mark.parametrize("text,language,weak", [
    ("ya cumplió en Texas", "es", True),
    ("he did his time in Florida", "en", True),
    ("he's in Texas", "en", False),
    ("ahora está en Oklahoma", "es", False),
])
def test_where_a_sentence_was_served_is_a_weak_state(text, language, weak):
    assert matcher().match(text, language).state_weak is weak


# --- where he is held, and under whose case (routing classes read in development conversations) -------------------

@pytest.mark.parametrize("text,language,state", [
    # a county named after a state is a county, not that state; the state named beside it decides
    ("my stepdad is locked up in the Washington County jail in Fayetteville, Arkansas", "en", "AR"),
    ("mi ex está en la cárcel de washington county aquí en rogers arkansas", "es", "AR"),
    ("he's at the Iowa County jail in Dodgeville Wisconsin", "en", "WI"),
    ("está en la cárcel de Iowa County en Wisconsin", "es", "WI"),
    ("he's in the Washington County jail", "en", None),  # thirty states have one: none is known
    # a city's name before "county" is the county's ("Torrance County" is New Mexico's, not Torrance, California)
    ("he's in the Torrance County detention facility", "en", "NM"),
    ("lo tienen en Torrance County, no el de California", "es", "NM"),
    ("he's in the Dallas County jail", "en", "TX"),  # the city's own state has a county of the name
])
def test_a_county_named_after_a_state_or_a_city_is_that_county(text, language, state):
    assert matcher().match(text, language).state == state


@pytest.mark.parametrize("text,language,state", [
    ("he's an inmate of the Nevada Department of Corrections", "en", "NV"),
    ("he is with NDOC", "en", None),
    ("lo tiene el departamento de correcciones de Illinois", "es", "IL"),
    ("está en la Alabama Department of Corrections, en Donaldson Correctional Facility", "es", "AL"),
    # Illinois' parole is "mandatory supervised release": the state's, not federal supervised release
    ("he's out on mandatory supervised release from IDOC", "en", None),
    ("está en parole (mandatory supervised release le dicen) del Illinois Department of Corrections", "es", "IL"),
    ("he's on supervised release from the Illinois Department of Corrections", "en", "IL"),
])
def test_a_state_department_of_corrections_is_state_custody(text, language, state):
    found = matcher().match(text, language)
    assert decide_program(found.custody) == ("vine", None)
    assert found.state == state


@pytest.mark.parametrize("text,language", [
    ("he's on federal supervised release", "en"),
    ("tiene libertad supervisada federal", "es"),
])
def test_federal_supervised_release_stays_federal(text, language):
    assert decide_program(matcher().match(text, language).custody) == ("vns", None)


@pytest.mark.parametrize("text,language,state", [
    # where the person lives, stays or moved, said with words between, is not where he is held
    ("i moved to my moms in Idaho", "en", None),
    ("me mudé a casa de mi mamá en Idaho", "es", None),
    ("I'm actually in Texas now", "en", None),
    ("ahorita estoy en Texas", "es", None),
    ("he's in the Spokane County jail but I moved to my sister's in Oregon", "en", "WA"),
    ("está en la cárcel de Spokane County pero yo me mudé con mi hermana a Oregon", "es", "WA"),
    ("im staying at my aunts in Nevada now, he is at San Quentin", "en", "CA"),
    ("we moved to TX after it happened, he's in prison in Arkansas", "en", "AR"),
    # where he threatens to come back to is not where he is held; a transfer back is
    ("he told my cousin he'll come back to Alabama", "en", None),
    ("le dijo a mi prima que va a volver a Alabama", "es", None),
    ("he's in Jena, Louisiana and he says he's coming back to Alabama", "en", "LA"),
    ("lo van a regresar a Texas para el juicio", "es", "TX"),
    ("he's coming back to Texas to face the charges", "en", "TX"),
    ("va a regresar a Texas para el juicio", "es", "TX"),
])
def test_the_persons_own_place_is_not_where_he_is_held(text, language, state):
    assert matcher().match(text, language).state == state


@pytest.mark.parametrize("text,language,state", [
    ("i live in Vermont he's in prison there, Southern State Correctional", "en", "VT"),
    ("we live in Maine and he's locked up over there", "en", "ME"),
    ("vivo en Vermont y él está preso allá, en la prisión estatal", "es", "VT"),
    ("yo vivo en Iowa, a él lo tienen en la cárcel de allá", "es", "IA"),
    ("we are in Florida and he's in prison there", "en", "FL"),
    # no "there": where the person lives still says nothing
    ("i live in Vermont and he's in prison", "en", None),
])
def test_their_place_said_again_as_there_is_where_he_is(text, language, state):
    assert matcher().match(text, language).state == state


@pytest.mark.parametrize("text,state", [("PA", "PA"), ("it's PA", "PA"), ("IN", "IN"), ("es PA", "PA"), ("OK", None),
                                        ("HI", None), ("Pa", None)])
def test_a_state_code_alone_is_the_state(text, state):
    assert matcher().match(text, None).state == state


@pytest.mark.parametrize("text,state", [
    ("esta en Luisiana", "LA"), ("lo tienen en Nuevo Mexico", "NM"), ("está preso en Misuri", "MO"),
    ("está en la prisión de Carolina del Norte", "NC"), ("lo tienen en Pensilvania", "PA"), ("está en lusiana", "LA"),
    ("está en Nueva Yersey", "NJ"), ("está en Nuevo Méjico", "NM"),
])
def test_spanish_and_misspelt_state_names(text, state):
    assert matcher().match(text, "es").state == state


@pytest.mark.parametrize("text,language,program", [
    ("Lo unico q quiero saber es si lo van a mandar pa su pais", "es", ("vnp", None)),
    ("nomás quiero saber si lo van a regresar pa su tierra", "es", ("vnp", None)),
    ("que lo saquen del país, es lo que quiero", "es", ("vnp", None)),
    ("está en la cárcel del condado, ¿lo van a mandar pa México?", "es", ("vnp", "vine")),
    ("will they kick him out of the country", "en", ("vnp", None)),
    ("they're gonna ship him back to Honduras after his sentence", "en", ("vnp", None)),
    ("he's in the county jail, I need to know if they send him back to his country", "en", ("vnp", "vine")),
    # back to prison is not back to his country
    ("if he violates they'll send him back to prison", "en", (None, None)),
])
def test_deportation_said_in_other_words(text, language, program):
    found = matcher().match(text, language)
    assert decide_program(found.custody | ({found.goal} if found.goal else set())) == program


@pytest.mark.parametrize("text,language", [
    ("una pregunta yo no tengo papeles no me va a buscar la migra por esto verdad", "es"),
    ("no tengo papeles, si doy mi nombre me pueden deportar?", "es"),
    ("mi esposo está en la cárcel del condado. yo no tengo papeles, ¿me van a buscar los de la migra?", "es"),
    ("My U visa is still pending. If I put my info here does immigration see it", "en"),
    ("I'm undocumented, will ICE come after me if I report him?", "en"),
    ("could I get deported for calling? my status is pending", "en"),
])
def test_the_persons_own_immigration_status_is_no_custody_fact(text, language):
    found = matcher().match(text, language)
    assert not found.custody & {"ice", "ice_custody"}


@pytest.mark.parametrize("text,language", [
    ("ICE has my ex and I have my green card", "en"),
    ("tengo mis papeles pero a él lo van a deportar", "es"),
])
def test_his_immigration_beside_the_persons_own_papers_still_counts(text, language):
    assert matcher().match(text, language).custody & {"ice", "ice_custody"}


@pytest.mark.parametrize("text,language,program", [
    ("Lo arrestó la DEA en la redada pero el caso de lo que me hizo a mi es del fiscal del condado", "es",
     ("vine", None)),
    ("la DEA lo agarró, el caso lo lleva la fiscalía del condado", "es", ("vine", None)),
    ("lo detuvo el FBI pero son cargos estatales", "es", ("vine", None)),
    ("the FBI arrested him but it's the DA's case now", "en", ("vine", None)),
    ("ATF picked him up, but the county prosecutor is handling the case", "en", ("vine", None)),
    # a federal case named outright stays federal
    ("the DEA arrested him and he has federal charges, the DA is also involved", "en", ("vns", None)),
    ("the FBI arrested him and they're holding him at the Hinds County jail", "en", ("vns", None)),
])
def test_the_prosecutor_not_the_arresting_agency_decides(text, language, program):
    found = matcher().match(text, language)
    assert decide_program(found.custody | ({"jail"} if found.jail else set())) == program


@pytest.mark.parametrize("text,language", [("the case is the county's", "en"),
                                           ("el caso es del fiscal del condado", "es")])
def test_whose_case_it_is_withdraws_a_federal_arrest(text, language):
    found = matcher().match(text, language)
    assert "federal" in found.negated and "state" in found.custody


@pytest.mark.parametrize("text", ["Canyon County jail en Caldwell Idaho", "Hidalgo County jail en Edinburg Texas",
                                  "Luisiana", "Jena Louisiana"])
def test_place_names_are_not_a_confident_language(text):
    assert not detect(text).confident


@pytest.mark.parametrize("text,language", [("va a salir este mes?", "es"), ("salt lake city", "en"),
                                           ("cerca de la casa de mi mamá en el norte", "es")])
def test_towns_named_like_everyday_words_still_vote_for_their_language(text, language):
    from bot.nlu import language as lang

    guess = lang.detect(text)
    assert guess.language == language and guess.confident


# ---- Program cues (bot/nlu/facts.py apply_program_cues, kind_question_removed) -------------------------------------

def _programs_with_goal(said):
    return decide_program(said.custody | ({said.goal} if said.goal else set()) | ({"jail"} if said.jail else set()))


@pytest.mark.parametrize("text,language", [
    # ICE ruled out: a citizen, or immigration said to have no part in it
    ("my brother-in-law is the one at the county jail, he is a US citizen so immigration is not part of this", "en"),
    ("the ICE people have nothing to do with his case, he's at the Pima County jail", "en"),
    ("she is not from here but no one has said anything about immigration, she's in the Ada County jail", "en"),
    ("él es ciudadano americano, está en la cárcel del condado de Pima", "es"),
    ("he's a citizen of the United States, he's at the Pima County jail", "en"),
    ("es ciudadano de los Estados Unidos, está en la cárcel del condado de Pima", "es"),
    ("he's a citizen but he's still in the Pima County jail and people keep asking about immigration", "en"),
    ("él es ciudadano pero ella no, él está en la cárcel del condado de Pima y preguntan por inmigración", "es"),
    ("la migra no tiene nada que ver, lo tienen en la cárcel del condado de Ada", "es"),
])
def test_immigration_ruled_out_is_no_removal(text, language):
    said = matcher().match(text, language)
    assert "ice" not in said.custody and "ice" in said.negated
    assert _programs_with_goal(said) == ("vine", None)


@pytest.mark.parametrize("text,language", [
    # a foreign citizen, or not a citizen, rules nothing out
    ("he's a Honduran citizen and ICE put a hold on him at the county jail", "en"),
    ("no es ciudadano y tiene hold de inmigración en la cárcel del condado", "es"),
    # a citizen of another country said with "of"/"de" or an adjective after the word, or someone else the citizen
    ("he's a citizen of Guatemala and ICE put a hold on him at the county jail", "en"),
    ("she's a citizen but he isn't, ICE put a hold on him at the county jail", "en"),
    ("él es ciudadano mexicano y tiene hold de inmigración en la cárcel del condado", "es"),
    ("es ciudadano de Nicaragua y tiene hold de inmigración en la cárcel del condado", "es"),
    ("ella es ciudadana pero él no, tiene hold de inmigración en la cárcel del condado", "es"),
    # immigration said to have been no part of it before, and a hold or order of it told now
    ("nobody told me about ICE until yesterday, now he has an immigration detainer at the county jail", "en"),
    ("nadie me dijo de la migra hasta ayer, ahora tiene orden de ICE en la cárcel del condado", "es"),
])
def test_a_foreign_citizen_keeps_the_removal(text, language):
    assert _programs_with_goal(matcher().match(text, language)) == ("vnp", "vine")


@pytest.mark.parametrize("text,language,program", [
    # removal only guessed at and waved away: not a program's
    ("he's in the Bexar County jail. somebody said maybe he gets deported one day, honestly i don't care about that",
     "en", ("vine", None)),
    ("está en la cárcel del condado de Bexar, no me importa si lo deportan, yo quiero saber cuándo sale", "es",
     ("vine", None)),
    # with a hold said, the removal still comes second behind what the person cares about
    ("he's in the Bexar County jail with an ICE hold but I don't care if he gets deported, I need to know when he "
     "gets out", "en", ("vine", "vnp")),
    ("está en la cárcel del condado de Bexar con hold de ICE, no me importa si lo deportan, quiero saber cuándo sale",
     "es", ("vine", "vnp")),
])
def test_removal_waved_away_without_a_hold(text, language, program):
    assert _programs_with_goal(matcher().match(text, language)) == program


@pytest.mark.parametrize("text,language,goal", [
    ("He has to serve all of it. Honestly the prison side is what matters most to me", "en", "goal_release"),
    ("tiene hold de ICE pero para mí lo más importante es saber cuándo sale de la prisión", "es", "goal_release"),
    ("we'd like to hear about the hearing and the sentencing, and also if he is deported later", "en",
     "goal_release"),
    ("quiero saber del juicio y de la sentencia, y también si lo deportan después", "es", "goal_release"),
    ("what I care about is that they don't let him out here, I want him gone from this country", "en",
     "goal_removal"),
    ("a mí me importa que no la suelten aquí, que se la lleven", "es", "goal_removal"),
    # "out" of the country is the removal, not a release
    ("all we want to know is when he's out of the country", "en", "goal_removal"),
])
def test_what_the_person_cares_about_when_two_apply(text, language, goal):
    assert matcher().match(text, language).goal == goal


@pytest.mark.parametrize("text,language,custody", [
    # a question about the kind of custody is not a fact
    ("they wrote that she's getting out of Stateville on mandatory supervised release. Is that federal?", "en",
     {"state"}),
    ("he's at the jail downtown, is it federal or state?", "en", {"state"}),
    ("le dieron libertad supervisada obligatoria al salir de Stateville, ¿es federal?", "es", {"state"}),
    ("sale de Stateville con libertad supervisada obligatoria. ¿Será federal?", "es", {"state"}),
])
def test_a_question_about_the_kind_is_no_fact(text, language, custody):
    assert matcher().match(text, language).custody == custody


@pytest.mark.parametrize("text,language,custody,negated", [
    # the federal agents handed the case to the county or the state
    ("the DEA took him in but then the feds turned the case over to the district attorney", "en", {"state"},
     {"federal"}),
    ("los federales le pasaron el caso a la fiscalía del condado", "es", {"state"}, {"federal"}),
    # a federal district is the U.S. Attorney's, whatever "fiscalía del distrito" alone says
    ("the case is with the prosecutors of the Northern District of Illinois", "en", {"federal"}, set()),
    ("lo lleva la fiscalía del distrito norte de Illinois", "es", {"federal"}, set()),
    # prosecutors named alone are the federal ones of a federal case; a county jail he is turned over to only houses him
    ("the FBI finished the investigation and handed it to the prosecutors", "en", {"federal"}, set()),
    ("the marshals turned him over to the county jail until his federal trial", "en", {"federal", "state"}, set()),
    ("el FBI lo arrestó y le pasó el caso al fiscal", "es", {"federal"}, set()),
    ("la DEA terminó y le pasaron el caso a la fiscalía", "es", {"federal"}, set()),
])
def test_who_has_the_case_now(text, language, custody, negated):
    said = matcher().match(text, language)
    assert said.custody - {"prison"} == custody and negated <= said.negated


@pytest.mark.parametrize("text,language", [
    # a county jail that holds him only for immigration, his own time done: ICE's custody, no second program
    ("they keep him at the Union County jail for ICE now, he already served his county sentence", "en"),
    ("the Lake County jail is holding her for immigration", "en"),
    ("ya cumplió su condena, ahora lo tienen en la cárcel del condado por el hold de inmigración", "es"),
    ("está en Winn, es un centro de inmigración", "es"),
    # paroled or released into immigration's hands already
    ("she did eight years upstate and now she's been paroled to ICE", "en"),
    ("cumplió ocho años y ya lo entregaron a inmigración", "es"),
])
def test_a_jail_that_holds_him_for_immigration_is_immigration(text, language):
    said = matcher().match(text, language)
    assert "ice_custody" in said.custody and _programs_with_goal(said) == ("vnp", None)


@pytest.mark.parametrize("text,language", [
    # waiting for immigration to take him: the jail still holds him, its release comes second
    ("he is in the Harris County jail and we are waiting for ICE to pick him up", "en"),
    ("está en la cárcel del condado de Harris, esperando a que la migra se lo lleve", "es"),
])
def test_waiting_for_immigration_keeps_the_jail(text, language):
    assert _programs_with_goal(matcher().match(text, language)) == ("vnp", "vine")


@pytest.mark.parametrize("text,language", [
    ("he's being charged federally now, the police handed him to the FBI", "en"),
    ("ahora lo están acusando en la corte federal", "es"),
])
def test_a_federal_case_of_now_is_not_past(text, language):
    said = matcher().match(text, language)
    assert "federal" in said.custody and "federal" not in said.only_past


@pytest.mark.parametrize("text,language", [
    ("mi mamá se tomó las pastillas de la presión", "es"),
])
def test_blood_pressure_is_no_prison(text, language):
    assert "prison" not in matcher().match(text, language).custody


@pytest.mark.parametrize("text,language", [
    # immigration after the jail is what comes next, not who holds him now
    ("his lawyer says after the jail immigration is coming for him", "en"),
    ("el abogado dice que después de la cárcel, inmigración viene por él", "es"),
    ("the board said that if they approve him he will be paroled to ICE", "en"),
])
def test_immigration_after_the_jail_is_next(text, language):
    said = matcher().match(text, language)
    assert "ice" in said.custody and "ice_custody" not in said.custody


# --- where he is held when the message tells a move, word-like codes, places the gazetteer missed -----------------

@pytest.mark.parametrize("text,state", [
    # the place he was moved to, or is held in now, outranks where he was arrested, held once or came from
    ("he was arrested in Kansas but they extradited him to Missouri last month", "MO"),
    ("lo agarraron en Arizona pero lo extraditaron a Nevada la semana pasada", "NV"),
    ("they transferred him from Ohio to the state prison in Kentucky", "KY"),
    ("lo trasladaron de Ohio a una prisión de Kentucky", "KY"),
    ("ICE holds him at the processing center in Conroe texas, he served his sentence in Oklahoma first", "TX"),
    ("lo tienen en Georgia ahora, primero estuvo preso en Florida", "GA"),
    ("they had him in the jail in Amarillo texas, now he's at the county jail in Clovis New Mexico", "NM"),
    ("lo tenían en la cárcel de Amarillo Texas y ahora lo tienen en Nuevo México", "NM"),
    ("me siguió desde Arizona hasta acá y ahora está en la cárcel de Nuevo México", "NM"),
    ("he followed me from Arizona all the way here and now he's locked up in New Mexico", "NM"),
])
def test_the_place_he_was_moved_to_outranks_where_he_was(text, state):
    assert facts(text).state == state


@pytest.mark.parametrize("text,state,weak", [
    # only a place told as where he was before: it does not replace where he is known to be held
    ("he was convicted in Nebraska", "NE", True),
    ("lo condenaron en Nebraska", "NE", True),
    # a town beside the jail that holds him: where he is held, not a town named in passing
    ("he's in the county jail in Council Bluffs now", "IA", False),
    ("está en la cárcel del condado en Council Bluffs", "IA", False),
    ("they extradited him to the Jefferson County jail in Birmingham", "AL", False),
    ("lo extraditaron a la cárcel del condado de Jefferson en Birmingham", "AL", False),
])
def test_a_place_told_as_before_is_weak_and_a_town_beside_custody_is_not(text, state, weak):
    said = facts(text)
    assert (said.state, said.state_weak) == (state, weak)


@pytest.mark.parametrize("text,state", [
    # pronouns and possessives in capitals are words
    ("my mom wants ME to get the texts, not her", None),
    ("can you text ME when he gets out", None),
    ("el papá de MI hija está preso", None),
    ("quiero que ME manden los mensajes a mí", None),
    ("he is IN jail and I am scared", None),
    ("está preso, OR something like that", None),
    # a word typed in title case before the code is no town ("Please Help ME")
    ("he is in jail. Please Help ME", None),
    ("my ex is in jail and he keeps trying to Find ME", None),
    ("está en la cárcel y no sé cómo Entrar IN the website", None),
    ("su hermano no me deja Salir OR entrar, él está preso", None),
    # codes used as codes: after a city, after a place's preposition, as a short answer
    ("he's locked up in Bangor ME", "ME"),
    ("está preso en Detroit MI", "MI"),
    ("he is at the jail in Portland, OR", "OR"),
    ("he is in the county jail in Augusta ME", "ME"),
    ("lo tienen en la cárcel de Portland OR", "OR"),
    ("lo tienen en una cárcel de OR", "OR"),
    ("he's in prison in IN now", "IN"),
    ("lo tienen en OH, en la cárcel del condado", "OH"),
])
def test_word_like_codes_count_only_where_used_as_a_state(text, state):
    assert facts(text).state == state


@pytest.mark.parametrize("text,state", [
    # Huntsville AL has no state prison: a prison in Huntsville is Texas's
    ("my stepdad is in the Huntsville penitentiary", "TX"),
    ("mi padrastro está en la prisión de Huntsville", "TX"),
    ("El Paso processing center", "TX"),
    ("lo tienen en el centro de procesamiento de El Paso", "TX"),
    # the marshals' private prison in Florence, Arizona, not ADX Florence in Colorado
    ("he's at CCA Florence now", "AZ"),
    ("lo tienen en CCA Florence, la privada", "AZ"),
    ("they convicted him on Long Island", "NY"),
    ("lo condenaron en Long Island", "NY"),
    ("he was sentenced in Nome", "AK"),
    ("lo sentenciaron en Nome", "AK"),
    ("el que me asaltó está en el ACI", "RI"),
    # a county of many states, and a city of one of them
    ("he gets out of the wayne county jail in Dearborn tomorrow", "MI"),
    ("sale mañana de la cárcel del condado de Wayne en Dearborn", "MI"),
])
def test_places_and_facilities_the_gazetteer_missed(text, state):
    assert facts(text).state == state


@pytest.mark.parametrize("text,home", [
    ("I'm in Dearborn. I want to be told the minute he's out", "MI"),
    ("vivo en Reno, quiero saber cuándo sale", "NV"),
    # a place of his named too: that one is the state, and no home is given
    ("I live in Vermont and he's in prison in New Hampshire", None),
    ("vivo en Vermont y él está preso en New Hampshire", None),
])
def test_where_the_person_lives_is_kept_apart(text, home):
    said = facts(text)
    assert said.home_state == home
    assert said.state != "VT" and (home is None or said.state is None)


@pytest.mark.parametrize("text,state", [
    # where he came or was moved from is not where he is
    ("they moved him from FCI Victorville to somewhere else and I can't find out where", None),
    ("lo movieron de FCI Victorville a otro lado y no sé a dónde", None),
    ("me siguió de Oregon hasta acá y ahora está detenido en una cárcel de Idaho", "ID"),
    ("he followed me all the way from Oregon and now he's in a jail in Idaho", "ID"),
    # a move into a facility of a place: the place he went to
    ("lo trasladaron a la cárcel del condado de Harris", "TX"),
    ("they transferred him to the Harris County jail", "TX"),
    # a letter sent from a state says he is there
    ("me escribió una carta desde Kentucky", "KY"),
    ("he wrote me a letter from Kentucky", "KY"),
])
def test_where_he_came_from_is_not_where_he_is(text, state):
    assert facts(text).state == state


@pytest.mark.parametrize("text,state,weak", [
    # the court that tried him is outranked by where he is held, and alone does not replace it
    ("the FBI worked it, federal court in Albuquerque", "NM", True),
    ("lo juzgaron en la corte federal de Albuquerque", "NM", True),
    # a county of several states and a town of a state without such a county: another town of that name
    ("He's in the Montgomery County jail in Clarksburg right now", "WV", True),
    ("está en la cárcel del condado de Montgomery en Clarksburg", "WV", True),
    # a town that is also a federal prison's name is not beside custody on its own account
    ("he hit me in front of my kids in atlanta", "GA", True),
    ("me pegó enfrente de mis hijos en Atlanta", "GA", True),
])
def test_a_court_or_a_town_of_another_county_does_not_replace_a_known_state(text, state, weak):
    said = facts(text)
    assert (said.state, said.state_weak) == (state, weak)


@pytest.mark.parametrize("text,state", [
    # a sentence that ends in the past does not make the next one's place a place of before
    ("He got out of state prison in Oklahoma and was released to ICE. He's at the processing center in Conroe TX now.",
     "TX"),
    ("Salió de la prisión estatal de Oklahoma y se lo entregaron a ICE. Él está en el centro de Conroe, Texas ahora.",
     "TX"),
])
def test_a_new_sentence_about_where_he_is_now_wins(text, state):
    assert facts(text).state == state


@pytest.mark.parametrize("text,state", [
    # "mandaron" is corrected into the custody term "mandarlo": still a move, and Houston is where he was sent from
    ("es de ICE en Luisiana, lo mandaron allá desde Houston", "LA"),
    ("it's ICE in Louisiana, they sent him over there from Houston", "LA"),
])
def test_the_place_he_was_sent_from_is_dropped(text, state):
    assert facts(text).state == state


@pytest.mark.parametrize("text", ["no sé en qué estado lo tienen, yo estoy en Iowa pero a él lo movieron",
                                  "I don't know which state they have him in, I'm in Iowa but they moved him"])
def test_no_home_state_when_he_was_moved_or_where_is_unknown(text):
    said = facts(text)
    assert (said.state, said.home_state) == (None, None)


@pytest.mark.parametrize("text,state", [
    # the words of a town of several words are not corrected ("point" had become "points")
    ("he's in the Lake County jail in Crown Point", "IN"),
    ("está en la cárcel del condado de Lake en Crown Point", "IN"),
])
def test_the_words_of_a_town_of_several_words_are_not_corrected(text, state):
    assert facts(text).state == state
