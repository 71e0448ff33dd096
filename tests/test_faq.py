"""bot/faq.py: which FAQ topic a message asks about, whether it is a question, and whether the person
wants to leave the sign-up, in English and Spanish (SMS spelling, no accents, capitals)."""

from __future__ import annotations

import pytest

from bot import faq

TOPICS = [
    # the examples of issue 9, then other ways to ask each topic
    ("wait what is VINE?", ["vine"]),
    ("will he know I signed up?", ["anonymity"]),
    ("¿el agresor se va a enterar?", ["anonymity"]),
    ("si me inscribo, ¿me pueden deportar a mí?", ["immigration"]),
    ("will my mom see the texts?", ["contact"]),
    ("who can see my phone number?", ["contact"]),
    ("q es vine", ["vine"]),
    ("VINE?", ["vine"]),                              # a bare program name asked as a question
    ("whats VNS", ["vns"]),
    ("que es el vnp", ["vnp"]),
    ("WILL HE FIND OUT", ["anonymity"]),
    ("es anonimo?", ["anonymity"]),
    ("can i get deported for this", ["immigration"]),
    ("no tengo papeles", ["immigration"]),
    ("quien ve mi numero", ["contact"]),
    ("mi esposo puede leer los mensajes?", ["contact"]),
    ("is it free", ["cost"]),
    ("cuanto cuesta", ["cost"]),
    ("how do i stop the messages later", ["stop"]),
    ("como me doy de baja", ["stop"]),
    ("what kind of messages will i get", ["messages"]),
    ("que tipo de avisos voy a recibir", ["messages"]),
    ("what is vine and is it free?", ["vine", "cost"]),  # two topics, each answered
]


@pytest.mark.parametrize("text,expected", TOPICS)
def test_topics(text, expected):
    assert faq.topics(text) == expected


@pytest.mark.parametrize("text", [
    "John Price",                      # a surname, not a cost
    "Will Smith",
    "i want him deported",             # the offender's deportation is triage, not the person's status
    "no tiene papeles",                # his papers, not hers
    "ICE has him",
    "Harris County Jail",
    "lo vi en vine, esta en harris",   # VINE named in an answer, not asked about
    "José Luis Hernández Ortega",
])
def test_answers_are_not_topics(text):
    assert faq.topics(text) == []


@pytest.mark.parametrize("text,question", [
    ("wait, what's a booking number?", True),
    ("¿qué es un número de registro?", True),
    ("¿y eso para qué?", True),
    ("can I do this later", True),
    ("Will Smith", False),             # "will" with no subject after it
    ("¿¿??", False),                   # no words: a bad answer, re-asked with the form's example
    ("Texas?", False),                 # an unsure answer is still an answer
    ("Juan Pérez", False),
    ("como le dije se llama Juan", False),  # unaccented "como" is not "cómo"
])
def test_is_question(text, question):
    assert faq.is_question(text) is question


@pytest.mark.parametrize("text,leave", [
    ("actually no… forget it", True),
    ("never mind", True),
    ("nvm", True),
    ("i dont want to do this anymore", True),
    ("olvídalo", True),
    ("no, olvidelo", True),
    ("ya no quiero", True),
    ("YA NO QUIERO INSCRIBIRME", True),
    ("never mind the name, his number is 12345", False),  # a correction, not a goodbye
    ("ya no está en la cárcel", False),
    ("NM", False),                                        # New Mexico
    ("i forgot", False),                                  # "I don't know", handled by the forms
])
def test_wants_to_leave(text, leave):
    assert faq.wants_to_leave(text) is leave


@pytest.mark.parametrize("text", [
    "Why do you need that", "why do you want my number?", "what do you need my email for", "why?",
    "para qué quiere mi número", "¿por qué necesitan mi correo?", "¿para qué lo ocupan?", "por qué?",
])
def test_asks_why_contact(text):
    assert faq.asks_why_contact(text)


@pytest.mark.parametrize("text", ["202-555-0143", "text please", "maria@example.com", "por correo", "why not"])
def test_asks_why_contact_not_for_answers(text):
    assert not faq.asks_why_contact(text)


# Asides that got no answer before (issue 9, listening): which events are told, anonymity asked other ways,
# this service and the official programs, changing the contact later, what one does not have to do, and
# signing up someone else. English and Spanish, with and without accents (SMS spelling).
ASIDES = [
    # messages: which events are told, asked as a question
    ("Will this tell us about parole hearings too, or only when he is released?", "messages"),
    ("Can I get notified about his court hearings as well", "messages"),
    ("Will it tell me if he dies in there?", "messages"),
    ("if he gets bail will i hear the same day", "messages"),
    ("will you let me know if he gets transferred?", "messages"),
    ("¿Me avisan también si lo trasladan a otra prisión?", "messages"),
    ("y me van a avisar de las fechas de corte tambien o solo cuando sale?", "messages"),
    ("¿Y si le dan fianza de inmigración, me avisan?", "messages"),
    ("me avisan si lo trasladan?", "messages"),
    # anonymity
    ("hold on he not gonna see my number or know i did this right??", "anonymity"),
    ("he wont know it was me asking right?", "anonymity"),
    ("will he get some kind of message saying i signed up", "anonymity"),
    ("Will my son be named in anything you send?", "anonymity"),
    ("is my name gonna be in some system he can look up", "anonymity"),
    ("el va a poder ver mi numero o donde vivo?", "anonymity"),
    ("¿Mi información la va a ver él o su abogado?", "anonymity"),
    ("¿Y la familia de él puede ver quién pidió los avisos?", "anonymity"),
    ("y la familia de el puede ver quien pidio los avisos?", "anonymity"),
    # separate: this service and VINE, VNS, VNP, the state case
    ("is this the same thing as VINE?", "separate"),
    ("do i still need to do the VINE thing for the prison part or is this enough", "separate"),
    ("is this VINE?", "separate"),
    ("¿Y eso es el VINE ese que me dijeron en la fiscalía?", "separate"),
    ("es lo mismo que vine?", "separate"),
    ("también hay un caso en la corte del estado, ¿me avisan de los dos?", "separate"),
    ("tengo que inscribirme tambien en vine?", "separate"),
    # change_later
    ("what happens if I change my number later", "change_later"),
    ("what if i get a new phone", "change_later"),
    ("y si me mudo o cambio el número después?", "change_later"),
    ("y si cambio de numero?", "change_later"),
    ("que pasa si me mudo", "change_later"),
    # no_obligation
    ("do i have to go to court for this", "no_obligation"),
    ("this ain't gonna have me testifying right? just messages", "no_obligation"),
    ("i dont want to explain what happened again. do i have to", "no_obligation"),
    ("do i have to show id", "no_obligation"),
    ("do i need my moms permission", "no_obligation"),
    ("do i have to put my legal name anywhere?", "no_obligation"),
    ("¿me van a pedir que vaya a testificar otra vez?", "no_obligation"),
    ("¿Mi mamá tiene que firmar algo o dar su permiso?", "no_obligation"),
    ("¿Mi hijo va a tener que hablar con alguien?", "no_obligation"),
    ("tengo q mostrar identificacion?", "no_obligation"),
    ("tengo que ir a la corte?", "no_obligation"),
    # others
    ("Can I register my roommate too?", "others"),
    ("can my sister get these too?", "others"),
    ("Can the notifications go to both me and the client, or would I register separately?", "others"),
    ("¿Se puede registrar a mi mamá también?", "others"),
    ("yo como advocate tambien me puedo registrar para el mismo caso?", "others"),
    ("puede mi hermana recibirlos tambien?", "others"),
    # 2026-12-07 (seventh suite, read): a move, events "too", the children, one's own status, a sighting
    ("Will it follow him to the prison or do I got to sign up all over again", "messages"),
    ("y si lo mueven pa Florida, igual me avisan o tengo que volver a registrarme?", "messages"),
    ("WILL IT TELL ME THE COURT DATE TOO OR JUST IF HE GETS OUT", "messages"),
    ("If the judge lets him stay will you tell me that too", "messages"),
    ("oiga una pregunta si el sale le van a avisar a los niños o nomas a mi", "others"),
    ("will you text my husband too or just me", "others"),
    ("my kids are citizens but im not, is that a problem for me?", "immigration"),
    ("mis hijos son ciudadanos pero yo no, ¿es un problema?", "immigration"),
    ("will ICE find out where I live if I sign up?", "immigration"),
    ("si me registro, ICE va a saber donde vivo yo? me pueden venir a buscar?", "immigration"),
    ("Should I report that I saw his car? Who would I even call about that?", "report_threat"),
    ("¿a quién le aviso si lo veo por mi casa?", "report_threat"),
]


@pytest.mark.parametrize("text,topic", ASIDES)
def test_asides_name_their_topic(text, topic):
    assert topic in faq.topics(text)
    assert len(faq.topics(text)) <= faq.MAX_ANSWERS


@pytest.mark.parametrize("text", [
    # requests, not questions: the sign-up or the triage takes them
    "let me know when he gets out", "avísenme cuando salga", "avisenme cuando salga",
    "me avisan cuando salga", "tell me when he is released", "avísame si lo trasladan",
    "I want to sign up my sister", "quiero inscribir a mi hermana", "I want to know where he is",
    "quiero saber dónde está", "can you tell me where he is?",
    # answers to the form's questions
    "he is in the county jail", "está en la cárcel del condado", "my number is 312 555 0147",
    "mi número es 312 555 0147", "yes", "no", "sí", "Juan Carlos Pérez", "my son is in jail",
    "mi hijo está preso",
    # statements, not questions
    "I have to go to court tomorrow", "tengo que ir a la corte mañana", "i checked vine and he is not there",
    "he knows where i live", "el sabe donde vivo", "my sister wants to sign up too",
    # the change of contact itself is a request (the change_contact intent), not a question about later
    "i want to change my number", "cambiar mi número de contacto", "update my phone number",
])
def test_hard_negatives_are_no_topic(text):
    assert faq.topics(text) == []


def test_the_new_topics_are_known():
    for topic in ("separate", "change_later", "no_obligation", "others"):
        assert topic in faq.TOPICS
    assert faq.MAX_ANSWERS == 2


@pytest.mark.parametrize("text,asked", [
    ("he wont know it was me asking right?", True),
    ("el va a poder ver mi numero?", True),
    ("Juan Carlos Pérez López?", False),
    ("Jimmy Ray Cline", False),
])
def test_a_sentence_about_a_person_ending_in_a_question_mark_asks(text, asked):
    assert faq.is_question(text) is asked


@pytest.mark.parametrize("text,leaves", [
    ("ugh i dont have his birthday or anything. forget it ill do it later when i find the paperwork", True),
    ("sabes q, olvidalo, lo hago otro dia", True),
    ("Ill do it later", False),
])
def test_leaving_with_a_later(text, leaves):
    assert faq.wants_to_leave(text) is leaves


@pytest.mark.parametrize("text", [
    "Will I get my money back? The judge said something about restitution.",
    "y me van a devolver mi dinero?",
])
def test_questions_without_a_checked_source_are_said_so(text):
    assert faq.topics(text) == ["unsourced"]


@pytest.mark.parametrize("text", ["he is up for parole in march", "sale en libertad condicional en marzo"])
def test_parole_news_is_not_such_a_question(text):
    assert "unsourced" not in faq.topics(text)


# --- faq9: questions asked of "yall", "you guys", "ustedes", or in other shapes without "?" ------------

@pytest.mark.parametrize("text,question", [
    ("do yall tell me court dates too or just if he gets out", True),
    ("do y'all text me if he gets moved", True),
    ("can you guys tell me if he gets out", True),
    ("r u the government", True),
    ("i was wondering if you tell me court dates", True),
    ("quick question, is this free", True),
    ("ustedes son del gobierno", True),
    ("uds me avisan si lo sueltan", True),
    ("quisiera saber si me avisan de las audiencias", True),
    ("tengo una pregunta, esto es gratis", True),
    ("do it", False),                    # an imperative: go ahead
    ("do that", False),
    ("hágalo", False),
    ("Darnell Tyrone Price", False),
    ("Yolanda Ustariz", False),
])
def test_questions_in_the_words_people_use(text, question):
    assert faq.is_question(text) is question


@pytest.mark.parametrize("text", [
    "do you tell me court dates too",
    "do yall tell me court dates too or just if he gets out",
    "will I find out which prison they send him to",
    "you guys text me if he gets transferred?",
    "si lo deportan me avisan antes o despues",
    "¿ustedes me avisan de las audiencias también?",
    "me avisan a qué prisión lo mandan?",
])
def test_which_events_are_told_asked_in_any_words(text):
    assert "messages" in faq.topics(text)


@pytest.mark.parametrize("text,leaves", [
    ("ugh this is too much, forget it ill do it later im at work", True),
    ("ok my cousin driving me to the ER now ill do this later", True),
    ("olvidalo, lo hago despues cuando salga del trabajo", True),
    ("voy a urgencias, lo hago después", True),
    ("estoy en el trabajo, lo hago al rato", True),
    ("he gets out later", False),
    ("sale mañana, lo sé", False),
])
def test_leaving_later_with_a_reason_to_stop_now(text, leaves):
    assert faq.wants_to_leave(text) is leaves


@pytest.mark.parametrize("text,health", [
    ("my cousin driving me to the ER now", True), ("going to the hospital", True), ("at the doctor", True),
    ("voy a urgencias", True), ("estoy en el hospital", True), ("tengo cita con el médico", True),
    ("er, i'm not sure", False), ("Harris County Jail", False), ("no sé", False),
])
def test_mentions_health(text, health):
    assert faq.mentions_health(text) is health


# --- faq9: topics the benchmark's personas asked that had no answer ----------------------------------------
NEW_TOPICS = [
    # signing up for someone else, as an advocate, both of us, not the victim myself
    ("can my son get these too", "others"), ("Can I sign up for my client as an advocate?", "others"),
    ("can both of us get them", "others"), ("I'm not the victim myself, it's my daughter", "others"),
    ("¿puedo inscribirme por mi hijo también?", "others"), ("yo no soy la víctima, es mi hija", "others"),
    ("¿lo podemos recibir los dos?", "others"), ("¿puedo inscribirme como intercesora?", "others"),
    # a Victim ID / PIN from a VNS letter
    ("what is the victim id and pin in my letter for", "victim_id"),
    ("what do i do with the PIN?", "victim_id"),
    ("¿para qué es el PIN y el número de víctima de la carta?", "victim_id"),
    # looking him up oneself
    ("Can I just look him up myself online?", "look_up"), ("can i check on my own?", "look_up"),
    ("¿lo puedo buscar yo en internet?", "look_up"), ("¿puedo revisar por mi cuenta?", "look_up"),
    # other channels
    ("regular mail or a phone call instead?", "channels"), ("can you call me instead", "channels"),
    ("¿me pueden mandar cartas por correo postal o llamarme?", "channels"),
    ("¿me pueden llamar?", "channels"),
    # who runs this
    ("Is this from the government? I don't want to give my information to a stranger", "who_we_are"),
    ("who runs this?", "who_we_are"), ("ustedes son del gobierno?", "who_we_are"),
    ("no quiero darle mis datos a un desconocido", "who_we_are"), ("¿quién maneja esto?", "who_we_are"),
    # who can use it
    ("is this for guys too?", "who_can_use"), ("is it ok that I'm doing this, I'm 15", "who_can_use"),
    ("¿es para hombres también?", "who_can_use"), ("tengo 15 años, ¿está bien que haga esto?", "who_can_use"),
    # the person's say at a sentencing or a parole hearing
    ("can I speak at his sentencing", "heard"), ("can i tell the parole board i dont want him out", "heard"),
    ("¿puedo hablar en la audiencia de sentencia?", "heard"),
    ("¿Puedo mandar una carta a la junta de libertad condicional para que no lo suelten?", "heard"),
]


@pytest.mark.parametrize("text,topic", NEW_TOPICS)
def test_the_benchmarks_asides_name_their_topic(text, topic):
    assert topic in faq.topics(text)


@pytest.mark.parametrize("text", [
    "Darnell Price", "Harris County Jail", "my email is pat@example.com", "call me Pat", "text me",
    "he is 15 years older than me", "Men's Central Jail", "el correo", "Juan Pin", "mi hijo",
    "i checked vine and he is not there", "Vinny Pinto",
])
def test_the_new_topics_leave_answers_alone(text):
    assert not {"others", "victim_id", "look_up", "channels", "who_we_are", "who_can_use", "heard"} & set(
        faq.topics(text))


@pytest.mark.parametrize("text,topic", [
    # a plan for the night he gets out, or whom to call: 911 first and a person to plan with
    ("If he does get out Thursday, what should I do that night?", "safety_plan"),
    ("should i call his probation officer or 911??", "safety_plan"),
    ("¿qué hago si lo sueltan antes de la audiencia?", "safety_plan"),
    ("llamo a la policía o a su oficial de probatoria?", "safety_plan"),
    # a contact he can open
    ("he still has access to my email, is it safe to get this there?", "safe_contact"),
    ("y si él tiene acceso a mi correo? es seguro recibir esto ahí?", "safe_contact"),
    # moving away
    ("what if I move to another state, does it still work?", "moving"),
    ("oye y si me mudo de estado sigue funcionando?", "moving"),
    # a name in public
    ("will my name be public or in the news if i sign up", "anonymity"),
    ("¿mi nombre va a salir en las noticias?", "anonymity"),
])
def test_plans_contacts_moves_and_names_in_public_are_answered(text, topic):
    assert topic in faq.topics(text)


@pytest.mark.parametrize("text", ["I moved to Ohio last year", "me mudé a Ohio el año pasado",
                                  "he got out of county last week", "my ex knows where I live"])
def test_statements_about_moving_or_release_are_no_topic(text):
    assert faq.topics(text) == []


def test_every_new_topic_has_an_answer_in_both_languages():
    from bot.messages import render
    for topic in ("safety_plan", "safe_contact", "moving"):
        assert topic in faq.TOPICS
        en, es = render(f"faq_{topic}", "en")["text"], render(f"faq_{topic}", "es")["text"]
        assert en and es and en != es
    assert "911" in render("faq_safety_plan", "es")["text"] and "1-800-799-7233" in render("faq_safety_plan", "en")["text"]


@pytest.mark.parametrize("text", [
    "yeah hey. feller that shot me is in the state pen. turney center i think. how do i find out when hes gettin out",
    "¿cómo puedo saber cuándo sale de la cárcel del condado?",
])
def test_how_to_be_told_is_the_request_not_a_question_about_the_messages(text):
    assert "messages" not in faq.topics(text)


# --- what to do in an emergency, whom to tell about threats, coming back later, parole hearings, counseling,
# identity theft; nicknames and the article "el" are not questions about anonymity --------------------------
NEW_ASIDES = [
    ("is it better to call an ambulance or have my sister drive me to the ER", "emergency_advice"),
    ("¿llamo a una ambulancia o me lleva mi vecina?", "emergency_advice"),
    ("hes behind me on the highway do i go to the police station?", "emergency_advice"),
    ("no tengo seguro medico, me van a cobrar en el hospital?", "emergency_advice"),
    ("who do I report it to when he keeps calling me from the jail?", "report_threat"),
    ("¿a quién le aviso si me sigue mandando cartas desde la prisión?", "report_threat"),
    ("can i come back and finish this tomorrow?", "resume_later"),
    ("¿si me salgo tengo que empezar todo de nuevo?", "resume_later"),
    ("how do i speak at his parole hearing?", "heard"),
    ("quiero mandar una carta para la audiencia de libertad condicional, ¿cómo?", "heard"),
    ("is there counseling for my kids?", "counseling"),
    ("¿hay alguna terapia para mi hija?", "counseling"),
    ("can you help me repair my credit?", "identity_theft"),
    ("¿qué hago si abrieron tarjetas a mi nombre?", "identity_theft"),
    ("oye y si lo deportan eso me lo van a avisar", "messages"),
    ("y si viola su probation a quién llamo?", "safety_plan"),
]


@pytest.mark.parametrize("text,topic", NEW_ASIDES)
def test_new_asides_name_their_topic(text, topic):
    assert topic in faq.topics(text)


@pytest.mark.parametrize("text", [
    "Ramón Ortiz Vega, le dicen el Chino", "Rubén Castro coma le dicen Tito", "el parole lo tiene en Fresno",
    "my sister drove me home from the hospital last year",
])
def test_nicknames_and_statements_are_not_questions(text):
    assert faq.topics(text) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_new_answers_say_what_to_do(lang):
    from bot.messages import catalog

    texts = {key: catalog()[f"faq_{key}"][lang] for key in
             ("emergency_advice", "report_threat", "resume_later", "counseling", "identity_theft")}
    assert "911" in texts["emergency_advice"] and "911" in texts["report_threat"]
    assert "1-877-438-4338" in texts["identity_theft"] and "1-800-799-7233" in texts["counseling"]


@pytest.mark.parametrize("text,topic", [
    ("si me inscribo, ¿le avisan?", "anonymity"), ("¿le van a decir?", "anonymity"),
    ("he keeps texting me from the county jail, who do i report that to?", "report_threat"),
])
def test_review_asides_still_name_their_topic(text, topic):
    assert topic in faq.topics(text)


@pytest.mark.parametrize("text", [
    "who do I contact about his release date?", "¿A quién llamo para saber si ya salió?",
    "can you call me instead of texting me?", "I have to go to the hospital tomorrow, will the texts still come?",
    "will the account be in my name?",
])
def test_ordinary_questions_get_no_threat_or_emergency_paragraph(text):
    assert not {"report_threat", "emergency_advice", "identity_theft"} & set(faq.topics(text))


@pytest.mark.parametrize("text,leaves", [("la dejo para el final", False), ("I have to go? like to court?", False),
                                         ("mejor lo dejo para el sábado", True)])
def test_putting_off_to_a_day_leaves_but_other_words_do_not(text, leaves):
    assert faq.wants_to_leave(text) is leaves


@pytest.mark.parametrize("text", ["?", "??", "¿?", "?!"])
def test_a_question_mark_alone_is_not_understanding(text):
    # texted back to "Which jail or prison is the person in?": what do you mean? (explained, then left out if
    # it comes again), never a bad answer that ends the sign-up
    assert faq.is_confused(text) and faq.only_confusion(text)


@pytest.mark.parametrize("text,topic", [
    ("mi hermanita tiene q firmar algo? ella no quiere q nadie sepa", None),
    ("oiga y si yo tengo un caso de inmigracion tambien, no me perjudica? yo tengo una visa U en tramite",
     "immigration"),
    ("does he have to know? i'm scared of him", "anonymity"),
])
def test_a_question_in_the_middle_of_a_message_is_a_question(text, topic):
    # at the name question these were once stored as the person's name ("Oiga")
    assert faq.is_question(text)
    if topic:
        assert topic in faq.topics(text)


# Read in the eighth conversation suite (2026-12-07): asides asked in words the topics did not know.
@pytest.mark.parametrize("text,topic", [
    ("how do i make it stop if i dont want em no more", "stop"),
    ("theres a hearing thursday where the judge decides if he stays in. will this tell me that?", "messages"),
    ("and if they move him to a halfway house, does that count? last time nobody told me anything", "messages"),
    ("and if ICE lets him out on bond instead, would I know that too?", "messages"),
    ("if they deport him will it tell me? because he already came back once", "messages"),
    ("Her number may change — she uses prepaid. Can she update it later?", "change_later"),
    ("can I also get the state one for the january release date or is it one or the other", "separate"),
    ("¿Qué cosa es VINE? La trabajadora social me lo mencionó pero no entendí.", "vine"),
    ("el no va a saber que yo pregunte verdad, porque el oficial de parole me dijo q me mantuviera lejos",
     "anonymity"),
    ("¿Y esto me sirve también para lo del crédito? ¿o eso es otra cosa?", "identity_theft"),
    ("hay alguien que habla quiche?", "languages"),
    ("si lo pasan a una casa de transición, ¿eso cuenta? ¿me avisan?", "messages"),
])
def test_asides_of_the_eighth_suite_name_their_topic(text, topic):
    assert topic in faq.topics(text)


def test_the_service_telling_the_person_is_not_the_offender_being_told():
    assert "anonymity" not in faq.topics("if they deport him will it tell me? because he already came back once")


@pytest.mark.parametrize("text", ["por whatsapp se puede? si no, mensaje de texto normal",
                                  "can you send them on WhatsApp instead?"])
def test_asking_for_whatsapp_is_told_which_channels_there_are(text):
    assert "channels" in faq.topics(text)


# --- faq11: asked in the middle of a sign-up or at the offer with no fitting answer: feelings about the person, a
# house phone, a name anywhere, a return to custody, both sign-ups, credit, how long it takes, a prepaid phone -------
FAQ11_TOPICS = [
    # feelings about the person held
    ("im not even sure i want him to stay in there. is that bad", "mixed_feelings"),
    ("is it wrong that I still love him", "mixed_feelings"),
    ("¿está mal que no quiera que lo deporten?", "mixed_feelings"),
    ("es normal sentirme asi?", "mixed_feelings"),
    ("is it bad that i miss him", "mixed_feelings"),
    ("am i a bad person for not wanting him deported", "mixed_feelings"),
    ("is it normal to feel relieved and guilty at the same time?", "mixed_feelings"),
    ("does that make me a terrible mom? i still love her", "mixed_feelings"),
    ("¿es normal que lo siga queriendo?", "mixed_feelings"),
    ("soy mala persona por extrañarlo?", "mixed_feelings"),
    ("esta bien que no quiera que lo encierren?", "mixed_feelings"),
    ("es raro que me de pena por el?", "mixed_feelings"),
    # a house phone
    ("my mom doesnt have a cell, can she get it on the house phone", "landline"),
    ("¿le pueden llamar al teléfono de la casa? no tiene celular", "landline"),
    ("can it call her house phone instead? she doesn't text", "landline"),
    ("does it work with a landline?", "landline"),
    ("my grandma doesnt have a cellphone, what can she do?", "landline"),
    ("¿sirve con teléfono fijo?", "landline"),
    ("mi mamá no tiene celular, ¿cómo le hago?", "landline"),
    ("mi abuela no sabe usar los mensajes, ¿le pueden llamar?", "landline"),
    # the person's or a child's name anywhere
    ("Is my daughter's name going to be anywhere in this? She's a minor.", "anonymity"),
    ("¿Mi nombre real sale en algún lado?", "anonymity"),
    ("will my name show up anywhere he can see", "anonymity"),
    ("does my kids name appear anywhere in this", "anonymity"),
    ("¿el nombre de mi hija va a aparecer en algún lado?", "anonymity"),
    ("¿mis nombres salen en alguna parte?", "anonymity"),
    # a return to custody
    ("o sea si lo vuelven a meter al jail me llega mensaje? o solo si sale?", "messages"),
    ("will I get a text if they lock him up again", "messages"),
    ("y si lo agarran otra vez me avisan?", "messages"),
    ("do i get a message if he gets arrested again?", "messages"),
    ("will it tell me if he's back in custody?", "messages"),
    ("¿me avisan si la vuelven a arrestar?", "messages"),
    ("y si regresa a la carcel me entero?", "messages"),
    # both sign-ups: the custody now and ICE
    ("can we also get told if he gets out of state prison, like in case ICE doesn't pick him up", "both_programs"),
    ("¿Puedo también saber cuando salga de la prisión, aunque sea para que ICE lo recoja?", "both_programs"),
    ("Can I also get the federal prison notices until he goes to ICE?", "both_programs"),
    ("Can I sign up for both, the jail one and the immigration one?", "both_programs"),
    ("can i register for both programs", "both_programs"),
    ("¿me puedo inscribir en los dos?", "both_programs"),
    ("¿se puede también lo de la prisión del estado, por si la migra no se lo lleva?", "both_programs"),
    # credit after identity theft
    ("also can you help me with the credit stuff or is that someone else", "identity_theft"),
    ("who do i talk to about fixing my credit", "identity_theft"),
    ("me arruinaron el crédito, quién me ayuda con eso", "identity_theft"),
    ("he ruined my credit, what do i do", "identity_theft"),
    ("¿quién me ayuda con lo del crédito?", "identity_theft"),
    ("me dañaron el credito, a quien le hablo?", "identity_theft"),
    # how long the sign-up takes
    ("uh maybe, how long does it take", "duration"),
    ("cuanto tiempo toma esto?", "duration"),
    ("is this gonna take long", "duration"),
    ("how long will this take?", "duration"),
    ("how many questions are there", "duration"),
    ("how much longer?", "duration"),
    ("¿cuánto tarda?", "duration"),
    ("¿se tarda mucho?", "duration"),
    ("¿falta mucho?", "duration"),
    ("¿es rápido?", "duration"),
    # a prepaid phone changed
    ("oiga y si me cambio de cel porque este es de prepago, como le hago", "change_later"),
    ("y si cambio de cel?", "change_later"),
    ("my phone is prepaid, what if the number changes?", "change_later"),
    ("si cambio de chip como le hago?", "change_later"),
]


@pytest.mark.parametrize("text,topic", FAQ11_TOPICS)
def test_faq11_asides_name_their_topic(text, topic):
    assert topic in faq.topics(text)
    assert len(faq.topics(text)) <= faq.MAX_ANSWERS


@pytest.mark.parametrize("text,topic", [
    ("can we also get told if he gets out of state prison, like in case ICE doesn't pick him up", "both_programs"),
    ("¿me puedo inscribir en los dos?", "both_programs"),          # the programs, not the two of us
    ("can it call her house phone instead? she doesn't text", "landline"),
    ("¿me pueden llamar al fijo?", "landline"),
    ("how much longer?", "duration"),                              # not a cost
])
def test_faq11_one_answer_for_one_question(text, topic):
    assert faq.topics(text) == [topic]


@pytest.mark.parametrize("text", [
    # a judgement about an event, or a feeling said without asking
    "is that bad? they moved him to max", "he got transferred, is that normal?", "is it ok if I want it by email instead",
    "es normal que tarde tanto el mensaje?", "¿está bien si me mandan correos?", "I still love him", "lo quiero todavia",
    # how long he is held, or how long a message takes
    "how long will he be in prison", "how long until he gets out", "cuánto tiempo le dieron",
    "how long does it take for him to get out", "how long does it take for the texts to come",
    "how much longer will he be in there", "how long is his sentence", "cuanto tiempo va a estar preso",
    "cuanto tarda en llegar el mensaje", "cuanto tiempo lleva preso", "how long until the hearing",
    # answers at the contact, name or offer questions
    "my house phone is 312 555 0147", "no tengo celular", "i dont have a cell, email is fine", "he doesnt text me anymore",
    "my name is Ana Lopez", "my daughters name is Jasmine", "mi nombre es Ana", "his name shows up on vinelink",
    "yes both", "sign me up for both", "los dos", "quiero los dos", "yes", "sí", "312-555-0147", "Harris County Jail",
    "ICE will pick him up when he gets out of the county jail",
    # statements
    "they locked him up again last week", "lo volvieron a meter al bote", "he stole my credit card",
    "es de prepago", "my phone is prepaid",
    # credit cards to pay with are not credit after identity theft
    "can I pay with a credit card?", "¿puedo pagar con tarjeta de crédito?",
])
def test_faq11_hard_negatives(text):
    assert not {"mixed_feelings", "landline", "both_programs", "duration", "identity_theft", "change_later",
                "anonymity", "messages"} & set(faq.topics(text))


@pytest.mark.parametrize("text,topic", [
    ("can both of us get them", "others"), ("¿lo podemos recibir los dos?", "others"),
    ("can i also know if ice picks him up from the jail?", "messages"),
    ("what if he comes back", "safety_plan"), ("how much is it", "cost"),
])
def test_faq11_neighbours_keep_their_topic(text, topic):
    assert topic in faq.topics(text)
    assert "both_programs" not in faq.topics(text) and "duration" not in faq.topics(text)


@pytest.mark.parametrize("lang,words", [
    ("en", {"mixed_feelings": ("not bad", "advocate", "1-800-799-7233"), "landline": ("phone", "VINE", "e-mail"),
            "both_programs": ("both", "also", "VINE"), "duration": ("two minutes", "cancel the sign-up"),
            "anonymity": ("names", "encrypted"), "identity_theft": ("credit", "IdentityTheft.gov")}),
    ("es", {"mixed_feelings": ("No está mal", "hablar", "Línea", "1-800-799-7233"),
            "landline": ("teléfono", "fijo", "VINE"), "both_programs": ("los dos", "también", "VINE", "prisión"),
            "duration": ("dos minutos", "cancelar la inscripción"), "anonymity": ("nombre", "cifrado"),
            "identity_theft": ("crédito", "IdentityTheft.gov")}),
])
def test_faq11_answers_say_it(lang, words):
    from bot.messages import catalog

    for topic, said in words.items():
        assert topic in faq.TOPICS
        for word in said:
            assert word in catalog()[f"faq_{topic}"][lang], (topic, word)


@pytest.mark.parametrize("text", ["hay alguien que hable kiche para explicarme", "yo hablo mam, no mucho español",
                                  "is there someone who can speak Haitian Creole with my mom"])
def test_asking_for_someone_who_speaks_a_language_is_the_languages_question(text):
    assert "languages" in faq.topics(text)


@pytest.mark.parametrize("text", [
    "he pleaded guilty, is it normal that sentencing takes this long?",
    "¿Es normal que no me hayan avisado? ya lo encontraron culpable",
    "Está bien, se declaró culpable ayer", "is it ok that he was found guilty but still in county jail?",
    "me da pena preguntar, ¿está bien si me inscribo con el correo de mi hija?",
    "esta bien, quiero que lo avisen a mi hermana", "is it ok i need them to text my sister",
])
def test_court_talk_and_requests_are_not_mixed_feelings(text):
    assert "mixed_feelings" not in faq.topics(text)


@pytest.mark.parametrize("text, topic", [
    ("can i get the rikers release one too in case ICE messes up", "both_programs"),
    ("y tambien me pueden avisar cuando salga de la prision del estado? por si acaso", "both_programs"),
    ("ay alguien q ablé mixteco?", "languages"),
    ("tengo orden de proteccion pero no se si sirve", "report_threat"),
    ("I have a protective order but not sure if it still counts", "report_threat"),
])
def test_eleventh_suite_asides_find_their_topic(text, topic):
    assert topic in faq.topics(text)


@pytest.mark.parametrize("text", ["I am able to speak english", "no se si el nombre es Juan", "is he able to get out early"])
def test_look_alikes_of_the_new_aside_patterns_are_no_topic(text):
    assert not {"languages", "report_threat"} & set(faq.topics(text))


@pytest.mark.parametrize("text", [
    "y si el sale y me busca, ustedes me protegen o que?",
    "¿quién me va a proteger cuando lo suelten?",
    "if he gets out and comes after me will you protect me?",
    "who is going to protect me when he gets out",
])
def test_asking_to_be_protected_is_told_what_the_service_cannot_do_and_who_can(text):
    assert faq.topics(text)[0] == "protection"
    from bot.messages import render

    for lang in ("en", "es"):
        answer = render("faq_protection", lang)["text"]
        assert "911" in answer and "1-800-799-7233" in answer


@pytest.mark.parametrize("text", ["the police protected me that night", "la policía me protegió esa noche"])
def test_being_protected_in_the_past_is_not_that_question(text):
    assert "protection" not in faq.topics(text)


@pytest.mark.parametrize("text", ["do you protect my information?", "can you guys protect my identity?",
                                  "are you able to protect my address from him?", "¿cómo protegen mis datos?"])
def test_protecting_ones_data_is_not_asking_to_be_protected(text):
    assert "protection" not in faq.topics(text)
