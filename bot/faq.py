"""Questions and asides in the middle of a sign-up: which of the short FAQ's topics a message asks
about, whether it is a question at all, and whether the person wants to leave ("forget it").

The forms call these before storing an answer: a name field accepts almost any words, so without
them "wait what is VINE?" would be stored as a person and "actually no... forget it" as a name.
Pure functions with explicit English and Spanish tables, on the folded text (bot.nlu.text.normalize:
lowercase, no accents, no punctuation), so SMS spelling ("q es vine", "quien ve mi numero") matches
too. Nothing here logs the text: it may be personal data.
"""

from __future__ import annotations

import re
from typing import List

from bot.nlu.text import normalize

# The FAQ's topics, in the order their answers are given when one message asks two things.
TOPICS = ("emergency_advice", "protection_order", "protection", "safety_plan", "report_threat", "mixed_feelings",
          "not_ice", "who_we_are", "vine", "vns", "who_holds",
          "victim_id", "vnp", "look_up", "both_programs", "separate", "anonymity",
          "immigration", "contact", "safe_contact", "on_behalf", "others", "who_can_use", "cost", "messages", "landline",
          "channels", "no_obligation", "heard", "moving", "change_later", "duration", "resume_later", "counseling",
          "identity_theft", "stop", "languages", "unsourced")
MAX_ANSWERS = 2


def _any(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_PEOPLE = (r"mom|mother|mum|dad|father|parents|family|husband|wife|partner|kids|children|son|daughter|"
           r"boyfriend|girlfriend|sister|brother|roommate|boss|mama|madre|papa|padre|familia|esposo|esposa|"
           r"pareja|hijos|hijas|hijo|hija|novio|novia|hermana|hermano|suegra|suegro|jefe|jefa")
_CONTACT_WORDS = (r"number|phone|cell|email|e mail|address|contact|info|information|details|data|"
                  r"messages|texts|emails|alerts|notifications|numero|telefono|celular|correo|datos|"
                  r"informacion|mensajes|avisos")
_PROGRAM_NAMES = {"vine": r"vine|vinelink|vine link",
                  "vns": r"vns|victim notification system|sistema de notificacion a victimas",
                  "vnp": r"vnp|victim notification program|programa de notificacion a victimas|ice program|"
                         r"programa de ice"}
_WHAT_IS = (r"(?:what|wat|wut|wht)\s+(?:actually\s+|exactly\s+|even\s+|really\s+|the heck\s+|the hell\s+)?"
            r"(?:is|s|are|r|does|do)|whats|explain|tell me about|"
            r"(?:que|q|k)\s+(?:cosa\s+)?(?:es|son|significa|significan|quiere decir|hace|hacen)|"
            r"para que sirve|explica\w*|expli(?:que|queme|quenme|came|cale)\w*")


def _program(names: str) -> re.Pattern:
    return _any(rf"\b(?:{_WHAT_IS})\b(?:\s+\w+){{0,3}}\s+(?:{names})\b",
                rf"\b(?:{names})\b(?:\s+\w+){{0,2}}\s+"
                r"(?:mean|means|stand for|stands for|significa|quiere decir)\b")


_TOPIC_PATTERNS = {
    # The person's own immigration status (never the offender's deportation: "deport him" is triage).
    # The person's contact may not be safe from him: he can open the e-mail or the phone.
    "safe_contact": _any(
        r"\b(?:he|she|they|my ex|the abuser)\s+(?:\w+\s+){0,2}(?:has|have|had|got|gets|knows|know)\s+(?:access to\s+|"
        r"the password (?:to|for|of)\s+)?my\s+(?:email|e mail|phone|cell|accounts?|password|icloud|gmail)\b",
        r"\b(?:el|ella|mi ex)\s+(?:\w+\s+){0,2}(?:tiene|tenia|sabe|conoce)\s+(?:acceso a\s+|la contrasena de\s+)?"
        r"(?:mi|mis)\s+(?:correo|email|telefono|celular|cuentas?|contrasena|clave)\b",
        r"\b(?:is it|es|sera|is that|would it be)\s+(?:\w+\s+)?(?:safe|seguro|segura)\s+(?:to\s+)?(?:get|receive|"
        r"recibir|use|usar|tener)\b",
    ),
    "immigration": _any(
        r"\bdeports?\s+me\b", r"\b(?:i|ill|im)\s+(?:\w+\s+)?(?:be|get|getting|being)\s+deported\b",
        r"\bmy\s+(?:own\s+)?(?:immigration\s+|legal\s+)?(?:status|papers|visa|green card|citizenship)\b",
        r"\bi\s*a?m\s+(?:not\s+(?:a\s+)?(?:citizen|legal|documented)|undocumented|illegal)\b",
        r"\bi\s+(?:dont|do not)\s+have\s+(?:papers|documents|a visa|legal status|status|a green card)\b",
        r"\b(?:do|does)\s+(?:i|you)\s+(?:need|have)\s+to\s+be\s+(?:a\s+)?(?:citizen|legal|documented|"
        r"resident)\b",
        r"\bme\s+(?:pueden|puede|van a|va a|podrian|podria|iban a|vayan a)\s+deportar\b",
        r"\bdeportar(?:me|nos)\b",
        r"\bme\s+deport(?:en|an|aran|arian)\b",
        r"\breportar(?:me|nos)\b.{0,20}\b(?:migra|migracion|inmigracion|ice)\b",
        r"\b(?:mi|mis)\s+(?:estatus|estado|situacion|status)\s+(?:migratori[oa]|legal|de inmigracion)\b",
        r"\bmis\s+papeles\b", r"\bno\s+tengo\s+(?:papeles|documentos|estatus|visa|green card)\b",
        r"\b(?:soy|estoy)\s+(?:indocumentad[oa]|ilegal|sin papeles)\b",
        r"\bno\s+soy\s+(?:ciudadan[oa]|legal|residente)\b",
        r"\b(?:tengo|hay)\s+que\s+ser\s+(?:ciudadan[oa]|residente|legal)\b",
        # "my kids are citizens but im not", "will ICE know where I live", "¿ICE va a saber dónde vivo?"
        r"\bcitizens?\b.{0,30}\b(?:but|and)\s+(?:im|i am|i m|me)\s+not\b",
        # "yo tengo un caso de inmigración también, ¿no me perjudica? tengo una visa U en trámite"
        r"\b(?:my|mi|tengo(?: mi| un| una)?|yo tengo(?: mi| un| una)?|i have(?: a| an| my)?|i got(?: a| my)?|i m on|"
        r"im on|estoy en(?: mi)?|i applied for(?: a| my)?|aplique(?: a| para)?|pedi)\s+(?:own\s+|propio\s+)?"
        r"(?:visa u|visa t|u visa|t visa|asilo|asylum(?: case)?|daca|tps|caso de (?:inmigracion|migracion|asilo)|"
        r"immigration case|tramite de (?:inmigracion|migracion|(?:la )?visa)|proceso de (?:inmigracion|migracion))\b",
        r"\bciudadan[oa]s?\b.{0,30}\b(?:pero|y)\s+yo\s+no\b",
        r"\b(?:ice|immigration|la migra|migra|migracion|inmigracion)\b.{0,30}\b(?:know|find|see|have|get|come|"
        r"saber|sabra|sabe|ver|vera|encontrar|tener|tendra|venir)\b.{0,25}\b(?:where i live|my address|my house|"
        r"my number|my info|for me|donde vivo|mi direccion|mi casa|mi numero|mis datos|por mi|a buscarme)\b",
        r"\b(?:ice|la migra|migra|migracion|inmigracion)\b.{0,60}\bme\s+(?:pueden|puede|van a|vayan a|podrian)\s+"
        r"(?:venir a\s+)?(?:buscar|agarrar|detener|arrestar|levantar|llevar)\b",
    ),
    # Who sees the person's contact and the messages (someone at home, the service, anyone).
    "contact": _any(
        rf"\b(?:who|whom)\b.{{0,25}}\b(?:see|sees|read|reads|access|look at|has|gets|"
        rf"get)\b.{{0,25}}\b(?:{_CONTACT_WORDS})\b",
        rf"\bmy\s+(?:{_PEOPLE})\b.{{0,30}}\b(?:see|read|find out|know|notice|look)\b",
        rf"\b(?:anyone|anybody|someone|somebody|people|others|everyone)\b.{{0,25}}\b(?:see|read)\b",
        rf"\b(?:share|sharing|shared|sell|selling|give out|pass on)\b.{{0,20}}\bmy\s+(?:{_CONTACT_WORDS})\b",
        rf"\b(?:is|are)\s+my\s+(?:{_CONTACT_WORDS})\s+(?:safe|private|secure|protected|shared)\b",
        r"\bprivacy\b",
        r"\b(?:quien|quienes)\b.{0,25}\b(?:ve|ven|ver|lee|leen|leer|tiene acceso|tienen acceso|mira|miran)\b",
        rf"\b(?:mi|mis)\s+(?:{_PEOPLE})\b.{{0,30}}\b(?:ver|ve|vea|vean|leer|lee|lea|enterar|entera|saber|"
        rf"sabe)\b",
        r"\b(?:alguien|nadie|otra persona|otros)\b.{0,25}\b(?:ver|ve|vea|leer|lee|lea)\b",
        rf"\b(?:compart|vend|pas)\w*\b.{{0,20}}\b(?:mi|mis)\s+(?:{_CONTACT_WORDS})\b",
        rf"\b(?:mi|mis)\s+(?:{_CONTACT_WORDS})\b.{{0,20}}\b(?:segur|privad|protegid|compart)\w*",
        r"\bprivacidad\b",
    ),
    # Whether the offender can learn of the sign-up.
    "anonymity": _any(
        r"\b(?:anonymous|anonymously|anonymity|confidential|"
        r"anonim[oa]|anonimamente|anonimato|confidencial)\b",
        r"\b(?:will|would|does|do|can|could|is|gonna|might)\b.{0,20}\b(?:he|she|they|him|her|offender|abuser|"
        r"attacker|ex|defendant|inmate)\b.{0,25}\b(?:know|find out|found out|learn|see|notified|told|hear|"
        r"informed)\b",
        r"\b(?:will|would|does|do|can|could|are|is)\b.{0,40}\b(?:tell|notify|inform|warn|alert)\s+(?:him|her|"
        r"them)\b",
        r"\b(?:se|lo|la)\s+(?:va a|van a|puede|pueden|podria)\s+(?:enterar|saber|dar cuenta)\b",
        r"\bse\s+(?:entera|enteran|enteraria|da cuenta)\b",
        # "le avisan a él", "le dicen que fui yo" (not "le dicen Pancho", a nickname; "¿le avisan?" alone is
        # in _ASKED)
        r"\ble\s+(?:avisan|van a avisar|dicen|van a decir|informan|notifican|avisa)\s*(?:a el|a ella|algo|nada|"
        r"que yo|que fui|de mi|sobre mi|mi nombre|donde)\b",
    ),
    # Costs. Single words such as "price" are surnames too, so the English needs a question around them.
    "cost": _any(
        r"\b(?:does|do|will|would|is|are|it|this|that|anything|there|any)\b.{0,15}\b(?:cost|costs|fee|fees|"
        r"charge|price)\b",
        r"\bcosts?\s+(?:anything|money|me|something)\b", r"\bcharge(?:d)?\s+(?:me|you|for|anything)\b",
        r"\bhow much\s+(?:is it|is this|does it|does this|do you)\b", r"\bfree of charge\b",
        r"\b(?:is|it|this|service|messages|texts|vine|registration|registering)\s+(?:it\s+)?"
        r"(?:really\s+|totally\s+|completely\s+)?free\b",
        r"\b(?:do|will|would|must|have to|need to|gotta)\s+(?:i\s+)?(?:have to\s+|need to\s+)?pay\b",
        r"\b(?:cuesta|cuestan|costo|coste|cobran|cobra|cobrar|cobro|tarifa|gratis|gratuit[oa])\b",
        r"\b(?:tengo|hay|debo)\s+que\s+pagar\b", r"\bpagar\s+(?:algo|por)\b",
    ),
    "stop": _any(
        r"\bhow\s+(?:do|can|would|will|could)\s+i\s+(?:stop|cancel|unsubscribe|opt out|quit|turn off|end)\b",
        r"\bcan\s+i\s+(?:stop|cancel|unsubscribe|opt out|quit)\b",
        r"\bhow\s+to\s+(?:stop|cancel|unsubscribe|opt out)\b",
        # "how do i make it stop if i dont want em no more" (the messages, not the person's life)
        r"\b(?:make|get)\s+(?:it|them|em|the messages|the texts|the alerts)\s+(?:to\s+)?stop\b.{0,40}\b(?:dont|do not)"
        r"\s+want\s+(?:em|them|it|the messages|the texts|these)\b",
        r"\bif\s+i\s+(?:dont|do not|no longer)\s+want\s+(?:em|them|the messages|the texts|these|the alerts)\s+"
        r"(?:no more|anymore|any more)\b",
        r"\b(?:stop|cancel|unsubscribe)\b.{0,30}\b(?:later|anytime|any time|whenever|if i want)\b",
        r"\bcomo\s+(?:me\s+)?(?:doy de baja|dejo de recibir|cancelo|paro|detengo|quito|desinscribo|"
        r"desuscribo|salgo)\b",
        r"\bpuedo\s+(?:cancelar|darme de baja|dejar de recibir|parar|salirme)\b",
        r"\bcomo\s+(?:cancelar|darme de baja|dejar de recibir|parar)\b",
        r"\b(?:cancelar|darme de baja|dejar de recibir)\b.{0,30}\b(?:despues|luego|cuando quiera|mas "
        r"adelante)\b",
    ),
    "messages": _any(
        r"\bwhat\s+(?:kind|kinds|type|types|sort)\s+of\s+(?:messages|texts|alerts|notifications|updates|"
        r"news)\b",
        r"\bwhat\s+(?:will|would|do|does)\s+(?:the\s+|your\s+|these\s+|those\s+)?(?:messages|texts|alerts|"
        r"notifications)"
        r"\s+(?:say|mean|tell|look like|contain)\b",
        r"\bwhat\s+(?:will|would)\s+(?:you|u)\s+(?:send|text|tell)\b",
        r"\bwhat\s+(?:messages|alerts|notifications)\b",
        r"\bwhat\s+(?:will|would|do)\s+i\s+(?:get|receive|be told)\b",
        r"\bque\s+(?:tipo|clase)\s+de\s+(?:mensajes|avisos|notificaciones|alertas)\b",
        r"\bque\s+(?:mensajes|avisos|notificaciones|alertas)\b",
        r"\bque\s+(?:dicen|dira|diran|significan|van a decir)\s+(?:los\s+)?(?:mensajes|avisos|"
        r"notificaciones)\b",
        r"\bque\s+(?:me\s+)?(?:van a|va a|vas a)\s+(?:mandar|enviar|avisar|decir)\b",
        r"\bque\s+(?:voy a|va a)\s+recibir\b",
        # "if he gets bail will i hear the same day": an auxiliary before "I" asks, wherever it stands
        r"\b(?:will|would)\s+(?:i|we)\s+(?:hear|be told|be notified|get notified|get told|get a message|"
        r"get a text|get an alert)\b",
    ),
    **{name: _program(names) for name, names in _PROGRAM_NAMES.items()},
}

# Issue 9 (listening): questions worded freely, built from each topic's key ideas rather than from
# one phrasing. The offender (he/she/him/el/ella, "the guy") + learning, seeing or being told.
_OFFENDER = (r"he|she|they|him|her|them|offender|abuser|attacker|ex|defendant|inmate|guy|man|woman|person|"
             r"el|ella|ellos|agresor|agresora|acusado|acusada|preso|presa|reo|tipo|mi ex")
_LEARN_EN = (r"know|knows|find out|finds out|found out|learn|learns|see|sees|notice|notices|notified|told|"
             r"tell|hear|hears|informed|alerted|warned|aware|get told|gets told|be told|figure out|show up|"
             r"shows up|pop up|access")
_LEARN_ES = (r"enterar|entera|enteran|enterarse|saber|sabe|sabra|sabria|ver|ve|vea|veria|vera|avisar|avisan|"
             r"avisa|avisaran|decir|dicen|diran|informar|informan|notificar|notifican|dar cuenta|da cuenta|"
             r"aparece|aparecer|encontrar|encuentra")
_SIGN_UP = (r"sign|signed|signing|register|registered|registering|subscribe|subscribed|this|that|it|"
            r"number|phone|address|info|details|name|inscri\w*|registr\w*|suscri\w*|numero|telefono|"
            r"direccion|nombre|datos|esto|eso")
_MORE_PATTERNS = {
    "anonymity": _any(
        # "will he get told that I signed up", "IS HE GONNA KNOW I SIGNED UP", "does the guy find out"
        rf"\b(?:will|would|does|do|can|could|is|are|gonna|might|may|wont|doesnt)\b.{{0,25}}"
        rf"\b(?:{_OFFENDER})\b"
        rf"(?:\s+\w+){{0,3}}\s+(?:{_LEARN_EN})\b",
        # "is my number gonna show up anywhere he can see it"
        rf"\bmy\s+(?:{_CONTACT_WORDS}|name)\b.{{0,40}}\b(?:he|she|they|offender|abuser)\s+(?:can|could|will|"
        rf"might|would)\s+(?:see|find|get|read)\b",
        # "wait el puede ver mi numero o algo?", "¿se entera él?", "¿le van a decir a él?"
        # ("el" without its accent is also the article: "el parole me avisan" is not "él se entera")
        rf"\b(?:el|ella|agresor|agresora|acusado|preso|reo|tipo)\s+(?:(?:no|ya|nunca|tambien|se|me|le|lo|la|va a|"
        rf"van a|puede|pueden|podra|podria|podrian|va|iba a|mi|de|algo|a)\s+){{0,3}}(?:{_LEARN_ES})\b"
        rf".{{0,30}}\b(?:{_SIGN_UP}|mi|me)\b",
        rf"\b(?:le|les)\s+(?:van a |va a |pueden |puede )?(?:avisar|avisan|decir|dicen|informar|informan|"
        rf"notificar|notifican)\s+(?:a el|a ella|al agresor|al acusado|al preso)\b",
    ),
    "contact": _any(
        # "do u tell my mom about this??", "will you text my husband", "¿le dicen a mi mamá?"
        rf"\b(?:tell|text|call|notify|inform|contact|email|message)\s+(?:my|mi)\s+(?:{_PEOPLE})\b",
        rf"\b(?:le|les)\s+(?:\w+\s+){{0,2}}(?:dicen|dira|diran|decir|avisan|avisar|informan|informar|"
        rf"llaman|llamar|escriben|escribir)\s+a\s+(?:mi|mis)\s+(?:{_PEOPLE})\b",
    ),
    "cost": _any(
        # "is free?", "i no have money for pay", "it costs?", "no tengo dinero para pagar"
        r"^(?:\w+\s+){0,3}(?:is|its|it is|this is|es|sera|is it)\s+(?:free|gratis|gratuito)\b",
        r"\b(?:no|dont|do not|cant|cannot)\s+(?:have|has|got|tengo|tenemos)\s+(?:\w+\s+)?"
        r"(?:money|dinero|plata|"
        r"cash|lana)\b",
        r"\b(?:money|dinero|plata)\s+(?:for|to|para)\s+(?:pay|pagar)\b",
        # (not "how much longer?", the time the sign-up takes, or "how much longer will he be in there")
        r"\bhow much\b(?!\s+(?:longer|more questions|more time)\b)", r"\bcuanto\s+(?:cuesta|cobran|vale|sale|hay que pagar)\b",
    ),
}
for _topic, _extra in _MORE_PATTERNS.items():
    _TOPIC_PATTERNS[_topic] = _any(_TOPIC_PATTERNS[_topic].pattern, _extra.pattern)

# The languages the messages come in: this service writes English and Spanish only (its own code).
_LANGUAGE_NAMES = (r"polish|french|chinese|mandarin|cantonese|vietnamese|korean|arabic|russian|portuguese|"
                   r"haitian|creole|tagalog|hindi|urdu|somali|amharic|ukrainian|german|italian|japanese|"
                   r"polaco|frances|chino|vietnamita|coreano|arabe|ruso|portugues|criollo|aleman|italiano|"
                   r"japones|ucraniano|other languages?|another language|otros idiomas|otro idioma|"
                   r"quiche|k iche|kiche|mam|qanjobal|q anjobal|mixteco|mixtec|zapoteco|zapotec|nahuatl|triqui|"
                   r"tzotzil|garifuna|quechua|maya|mayan|dialecto|dialect|"
                   r"otras lenguas|otra lengua|languages|idiomas")
_TOPIC_PATTERNS["languages"] = _any(
    rf"\b(?:in|en)\s+(?:{_LANGUAGE_NAMES})\b",
    rf"\b(?:speak|speaks|talk|write|read|habla|hablan|hablas|hable|hablen|hablar|hablo|abla|able|ablen|escriben|escribe)\s+(?:\w+\s+)?"
    rf"(?:{_LANGUAGE_NAMES})\b",
    r"\bwhat\s+languages?\b", r"\bwhich\s+languages?\b", r"\bque\s+(?:idiomas?|lenguas?)\b",
    r"\ben\s+que\s+(?:idiomas?|lenguas?)\b", r"\bidiomas?\s+(?:hay|tienen|ofrecen)\b",
)
# Questions recognised but with no sourced answer in this project (FACTS.md and data/directory say nothing
# about them): an honest "I can't answer that here" and who can (actions/faq.py).
_TOPIC_PATTERNS["unsourced"] = _any(
    rf"\b(?:{_WHAT_IS})\b(?:\s+\w+){{0,3}}\s+(?:detainer|detainers|ice hold|immigration hold|hold|holds|"
    r"bond|bail|parole|probation hearing|warrant|orden de detencion|retencion|fianza|libertad condicional|"
    r"detainer de ice|candado|hold de ice)\b",
    r"\b(?:detainer|detainers|ice hold|immigration hold)\b.{0,30}\b(?:mean|means|same|exactly|mismo|"
    r"significa|es eso)\b",
    # money: a real question with no checked source here yet (the person's say in the case is "heard")
    r"\b(?:restitution|restitucion|victim compensation|crime victim compensation|compensacion para victimas|"
    r"my money back|mi dinero de vuelta|devolver mi dinero|me van a devolver|helps? (?:me )?pay for|"
    r"ayuda para pagar)\b",
)

# faq9: topics the benchmark's personas asked that had no answer. Said as statements too: "I'm not the victim
# myself", "I don't want to give my information to a stranger", "soy menor de edad".
_TOPIC_PATTERNS["others"] = _any(
    r"\b(?:i\s*a?m|im|i am)\s+not\s+(?:the\s+)?(?:victim|one who was hurt|person who was hurt)\b",
    r"\b(?:yo\s+)?no\s+soy\s+(?:yo\s+)?(?:la|el)\s+victima\b",
)
_TOPIC_PATTERNS["who_we_are"] = _any(
    r"\b(?:give|giving|share|sharing|hand)\b.{0,30}\b(?:to|with)\s+(?:a\s+|some\s+)?(?:stranger|strangers|"
    r"random people|some random|a random)\b",
    r"\b(?:dar|darle|darles|compartir)\b.{0,30}\b(?:a\s+)?(?:un[ao]?s?\s+)?"
    r"(?:desconocid[oa]s?|extran[oa]s?)\b",
    r"\b(?:is this|is it|this is|es esto|esto es)\s+(?:a\s+|una\s+)?(?:scam|fraud|legit|estafa|fraude)\b",
)
_TOPIC_PATTERNS["heard"] = _any(
    r"\b(?:tell|write|speak|talk|say|protest|letter|statement|decir|escribir|hablar|carta|declaracion|"
    r"oponerme)\b.{0,40}\b(?:parole board|the board|junta de libertad condicional|junta de parole|"
    r"la junta)\b",
    r"\b(?:parole board|junta de libertad condicional)\b.{0,40}\b(?:tell|write|letter|statement|protest|say|"
    r"decir|escribir|carta|oponerme)\b",
    r"\b(?:victim impact statement|impact statement|declaracion de impacto|right to be heard|"
    r"derecho a ser escuchad[oa])\b",
    # "can I speak at his sentencing", "puedo hablar en la audiencia de libertad condicional"
    r"\b(?:can|could|may|am i allowed to|is it possible to|do i get to|do i have the right to|i want to|"
    r"i d like to|id like to|how do i|how can i|puedo|podria|quiero|tengo derecho a|como puedo)\s+"
    r"(?:\w+\s+){0,2}?(?:speak|talk|say|be heard|read|give|make|present|attend|go|be|testify|hablar|decir|"
    r"leer|dar|presentar|ir|asistir|estar|declarar|opinar)\b.{0,40}\b(?:sentencing|sentence|parole|board|"
    r"hearing|hearings|trial|court|sentencia|libertad condicional|junta|audiencias?|juicio|corte|juzgado)\b",
)

# Asides of the third kind (which events are told, this service and the official programs, asked in any
# words). Patterns in _ASKED count only when the message is put as a question ("?", "¿", an English
# auxiliary before its subject, a closing "right?"): "let me know when he gets out" and "avísenme cuando
# salga" ask for something, they ask nothing about the service.
_PROGRAMS = r"vine|vinelink|vine link|vns|vnp|savin|visor|the state program|state program|official program|" \
            r"programa (?:del estado|estatal|oficial)"
_NOTIFY_EN = r"(?:tell|notify|inform|alert|warn|text|message|update)\s+(?:me|us|u)|let\s+(?:me|us|u)\s+know"
_EVENT_TAIL = r"about|if|when|whether|of|too|also|as well|the same day|right away|or only|or just"
_OTHERS = (rf"{_PEOPLE}|moms|client|clients|friend|neighbor|someone else|somebody else|another person|"
           r"other people|amig[oa]s?|client[ea]s?|vecin[oa]|otra persona")
# Having to do something for the sign-up: go to court, testify, tell it again, show an ID, a permission.
_DUTY_EN = (r"go to court|court|testify|testifying|testimony|witness|be a witness|explain|"
            r"tell (?:you |anyone |someone |them )?what happened|talk about it|"
            r"(?:show|bring|give|send|upload|have)\s+(?:an?\s+|my\s+|your\s+|a photo\s+)?"
            r"(?:id|ids|identification|photo id|license|drivers license)|permission|consent|"
            r"sign (?:anything|something|a form|papers)|signature|legal name|real name|full legal name|"
            r"appear|show up in court|police report|make a statement|give a statement")
_DUTY_ES = (r"testificar|declarar|testimonio|testigo|ir a (?:la )?corte|ir al juzgado|ir a la audiencia|"
            r"explicar|contar (?:otra vez |de nuevo )?lo que (?:paso|pasó)|volver a contar|"
            r"(?:mostrar|ensenar|dar|traer|mandar|presentar)\s+(?:una?\s+|mi\s+|su\s+)?(?:identificacion|id|"
            r"licencia|credencial|documento)|permiso|firmar|firma|nombre legal|nombre completo|"
            r"hablar con (?:alguien|la policia|el fiscal|un juez|el juez|nadie)")
_ADDRESS = r"yall|y all|ya ll|you guys|u guys|you all|ustedes|uds"
_EVENTS = (r"court|courts|hearing|hearings|dates?|trial|transfer\w*|moved?|prison|jail|facility|deport\w*|"
           r"removed?|release\w*|parole|sentenc\w*|bail|bond|ice|escape\w*|corte|audiencias?|fechas?|juicio|"
           r"traslad\w*|prision|carcel|deport\w*|sentencia|fianza|libertad|sale|salga|suelt\w*")
_ASKED = {
    # What to do if he gets out, or whom to call when he breaks the rules: a plan, with 911 first.
    "safety_plan": _any(
        r"\bwhat\s+(?:should|do|can|would|could)\s+(?:i|we)\s+do\b.{0,40}\b(?:if|when|once|that|the day|tonight|"
        r"night|gets out|is out|comes)\b",
        r"\bshould\s+(?:i|we)\s+call\s+(?:911|the police|the cops|his|her|the)\b",
        r"\b(?:call|calling)\s+(?:911|the police|the cops)\s+or\s+(?:his|her|the)\b",
        r"\b(?:safety plan|plan de seguridad|plan to stay safe|stay safe when)\b",
        r"\bque\s+(?:hago|hacemos|debo hacer|puedo hacer|deberia hacer|tengo que hacer)\b.{0,40}\b(?:si|cuando|"
        r"esa noche|el dia|sale|salga|lo sueltan|lo suelten|viene|llega)\b",
        r"\b(?:llamo|le hablo|llamar)\s+(?:a la policia|al 911|a su oficial|a su agente)\s+o\b",
        # "y si viola el parole…", "what if he violates his probation", "if he breaks the order", "and if he
        # comes back after they deport him"
        r"\b(?:si|if)\s+(?:he\s+|el\s+|she\s+|ella\s+)?(?:viola|violates|breaks|rompe|no cumple|doesnt follow)\b",
        r"\b(?:si|if)\s+(?:lo deportan|he gets deported|they deport him)\b.{0,20}\b(?:regresa|vuelve|se regresa|"
        r"comes back|returns|crosses)\b",
        r"\b(?:si|if)\s+(?:he\s+|she\s+|el\s+|ella\s+)?(?:se\s+)?(?:regresa|vuelve a cruzar|se vuelve a cruzar|"
        # (not "y si regresa a la cárcel", a return to custody: the messages)
        r"comes back|returns)\b(?!\s+(?:a la|al|to)\s+(?:carcel|prision|jail|prison|bote|penal|cana|tambo)\b)",
    ),
    # "ustedes me protegen o qué?", "will you guys protect me if he comes after me": what this service cannot do,
    # and who can (911 first, a safety plan, the police and his officer).
    "protection": _any(
        # (the person, not their data: "do you protect my information?" is about privacy)
        r"\b(?:will|would|can|could|do|are|r)\s+(?:you|u|yall|y all|ya ll|you guys|u guys|you all|y all)\s+"
        r"(?:\w+\s+){0,2}(?:protect (?:me|us|my (?:kids|children|family|daughter|son|babies))\b|keep me safe|"
        r"keep us safe|send (?:someone|somebody|the police|a cop))\b",
        r"\bwho\s+(?:will|would|is going to|s going to|gonna|can)\s+(?:protect|keep)\s+(?:me|us)\b",
        r"\b(?:me|nos)\s+(?:protegen|protege|proteges|van a proteger|va a proteger|pueden proteger|puede proteger|"
        r"cuidan|van a cuidar|mandan a alguien|mandan a la policia)\b",
        r"\bquien\s+(?:me|nos)\s+(?:protege|va a proteger|cuida|va a cuidar|defiende)\b",
    ),
    # Moving house or state: the messages follow the contact, not an address.
    "moving": _any(
        r"\b(?:if|when|once)\s+(?:i|we)\s+(?:move|moved|relocate|change address|go to another state)\b",
        r"\bsi\s+(?:me|nos)\s+(?:mudo|mudamos|cambio de casa|cambiamos de casa|voy a otro estado|vamos a otro estado)\b",
        r"\b(?:si|cuando)\s+(?:me|nos)\s+(?:mude|mudemos|cambie|cambiemos)\b",
    ),
    "messages": _any(
        # "theres a hearing thursday… will this tell me that?", "if ICE lets him out on bond, would I know that
        # too?", "if they deport him will it tell me?"
        r"\b(?:will|would|does|do|can)\s+(?:it|this|you|u|yall|they)\s+(?:also\s+)?(?:tell|notify)\s+(?:me|us|u)"
        r"(?:\s+(?:that|this|about (?:that|it)|too|also|as well))*\s*(?:\?|$|\bbecause\b|\bcause\b|\bcuz\b)",
        r"\bwould\s+(?:i|we)\s+(?:know|find out|hear|get told)\s+(?:that|this|about (?:that|it))(?:\s+too)?\b",
        r"\b(?:halfway house|work release|furlough|casa de transicion|casa de medio camino)\b.{0,60}\b(?:count|counts|"
        r"tell|know|told|notif\w*|avis\w*|cuenta)\b",
        # "Will it follow him to the prison or do I got to sign up all over again", "si lo mueven pa' Florida,
        # ¿igual me avisan o tengo que volver a registrarme?"
        r"\b(?:will|would|does|do)\s+(?:it|this|that|the messages|the alerts|the texts)\s+(?:still\s+)?"
        r"follow\s+(?:him|her|them)\b",
        r"\b(?:sign up|signup|register|enroll)\s+(?:all\s+)?(?:over\s+)?again\b.{0,40}\b(?:move\w*|transfer\w*|"
        r"prison|jail|facility|sent)\b|\b(?:move\w*|transfer\w*)\b.{0,60}\b(?:sign up|signup|register|enroll)\s+"
        r"(?:all\s+)?(?:over\s+)?again\b",
        r"\b(?:lo|la)\s+(?:mueven|trasladan|cambian|pasan|llevan)\b.{0,60}\b(?:igual|todavia|tambien|siempre|"
        r"volver a (?:registrar|inscribir)\w*)\b",
        # "WILL IT TELL ME THE COURT DATE TOO OR JUST IF HE GETS OUT", "if the judge lets him stay will you tell
        # me that too"
        rf"\b(?:will|would|does|do|can)\s+(?:it|this|you|u|yall|they)\s+(?:also\s+)?(?:tell|notify|text|"
        rf"let)\s+(?:me|us|u)\b(?:\s+\w+){{0,3}}\s+(?:{_EVENTS}|that|those|it)\s+(?:too|also|as well|or just|"
        rf"or only)\b",
        # "do yall tell me court dates too or just if he gets out", "you guys text me if he gets moved?"
        rf"\b(?:{_ADDRESS}|you|u)\s+(?:also\s+|even\s+|only\s+|just\s+)?(?:{_NOTIFY_EN}|tell|text|send|"
        rf"notify|let me know)\b(?:\s+\w+){{0,3}}?\s+(?:{_EVENTS}|{_EVENT_TAIL})\b",
        # "will I find out which prison they send him to", "would we know where they move him"
        r"\b(?:will|would|do|does|can|could|should)\s+(?:i|we)\s+(?:ever\s+|even\s+|also\s+)?"
        r"(?:find out|know|learn|hear|see|be able to see)\b.{0,15}\b(?:which|what|where|when|if|whether|about)\b",
        # "si lo deportan me avisan antes o despues", "me avisan a que prision lo mandan"
        r"\b(?:me|nos)\s+(?:avisan|avisaran|avisarian|notifican|informan|dicen|van a avisar)\s+(?:antes|"
        r"despues|a tiempo|el mismo dia|enseguida|a que|a donde|adonde|donde|cuando|que)\b",
        # "Will this tell us about parole hearings too", "will you let me know if he gets transferred?"
        rf"\b(?:will|would|does|do|can|could|gonna|going to|is|are)\b(?:\s+\w+){{0,3}}?\s+(?:{_NOTIFY_EN})\b"
        rf"(?:\s+\w+){{0,2}}?\s+(?:{_EVENT_TAIL})\b",
        # "Can I get notified about his court hearings as well"
        r"\b(?:will|would|do|does|can|could|should)\s+(?:i|we)\s+(?:also\s+|still\s+|even\s+)?(?:get|be)\s+"
        r"(?:notified|told|informed|alerted|warned|a message|a text|an alert|alerts|messages|texts|updates|"
        r"notice)\b",
        # "¿Me avisan también si lo trasladan?", "¿me van a avisar de las fechas?", "..., ¿me avisan?"
        r"\b(?:me|nos)\s+(?:van a |va a |vas a |pueden |puede |podrian )?(?:avisan|avisa|avisar|avisaran|"
        r"avisarian|notifican|notificar|notificaran|informan|informar|dicen|decir|mandan|mandar)\b"
        r"(?:\s+\w+)?\s+(?:de|del|si|cuando|sobre|tambien)\b",
        r"\b(?:me|nos)\s+(?:avisan|avisaran|avisarian|notifican|informan)\s*(?:tambien\s*)?$",
        # "si lo deportan, ¿me avisan la fecha?", "eso me lo van a avisar también"
        r"\b(?:me|nos)\s+(?:avisan|avisaran|avisarian|notifican|informan|dicen|van a decir|van a avisar)\s+"
        r"(?:la fecha|el dia|la hora|cuando)\b",
        r"\b(?:me|nos)\s+(?:lo|la)\s+(?:van a |va a |pueden |podrian )?(?:avisan|avisar|avisaran|dicen|decir|"
        r"notifican|notificar)\b",
    ),
    "anonymity": _any(
        # "si me inscribo, ¿le avisan?", "¿le van a decir?": asked with nothing after it
        r"\ble\s+(?:avisan|van a avisar|dicen|van a decir|informan|notifican|avisa|avisaran|diran)\s*$",
        # "he not gonna see my number or know i did this right??", "he wont know it was me asking right?"
        rf"\b(?:he|she|they|him|offender|abuser|defendant|inmate)\s+"
        # (not "if they deport him will it tell me": the service telling the person)
        rf"(?!(?:\w+\s+)?(?:will|would|can|could|does|do)\s+(?:it|this|you|u|yall)\b)(?:\w+\s+){{0,3}}(?:{_LEARN_EN}|look up|"
        rf"get|gets)\b(?! out\b).{{0,30}}\b(?:my|i|me|it was me|it s me|its me)\b",
        # "will he get some kind of message saying i signed up"
        rf"\b(?:{_OFFENDER})\s+(?:\w+\s+){{0,2}}(?:get|gets|receive|receives|be sent)\b.{{0,30}}\b(?:message|"
        r"text|notice|letter|notification|alert|email|mensaje|aviso|carta)\b.{0,30}\b(?:i|me|my|mi)\b",
        # "el va a poder ver mi numero o donde vivo?"
        r"\b(?:el|ella)\s+(?:no\s+)?(?:va a|van a|puede|pueden|podra|podria)\s+(?:poder\s+)?(?:ver|saber|enterar\w*|"
        r"encontrar|buscar)\b.{0,30}\b(?:mi|mis|me|donde vivo|quien|que yo|que fui yo)\b",
        # "¿Mi información la va a ver él o su abogado?"
        rf"\b(?:mi|mis)\s+(?:{_CONTACT_WORDS}|nombre|direccion|domicilio)\b.{{0,30}}\b(?:ver|ve|vea|veria|"
        r"vera|saber|sabe|sabra|encontrar|buscar|leer|lee)\b.{0,20}\b(?:el|ella|su abogad[oa]|su familia|"
        r"agresor|acusado)\b",
        # "¿Y la familia de él puede ver quién pidió los avisos?", "can his lawyer see my info?"
        r"\b(?:(?:familia|abogad[oa]|amig[oa]s|gente|mama|madre|hermano|hermana|novia|esposa)\s+de\s+"
        r"(?:el|ella)|su\s+(?:abogad[oa]|familia)|(?:his|her)\s+(?:lawyer|attorney|family|friends|mom|mother|"
        r"brother|sister|people|girlfriend|wife))\b.{0,25}\b(?:ver|ve|vea|saber|sabe|enterar\w*|encontrar|"
        r"see|know|find out|learn|look up|get)\b",
        # "Will my son be named in anything you send?", "is my name gonna be in some system he can look up"
        rf"\b(?:my|mi|mis)\s+(?:{_PEOPLE}|name|nombre)\b.{{0,20}}\b(?:be named|named|be mentioned|mentioned|"
        r"be listed|listed|be in|show up|appear|aparece|aparecer|aparecera|mencionad[oa]|nombrad[oa])\b",
        rf"\bmy\s+(?:{_CONTACT_WORDS}|name)\b.{{0,40}}\b(?:he|she|they|offender|abuser)\s+(?:can|could|will|"
        r"might|would)\s+(?:look|search|look up|find)\b",
        # "will my name be public or in the news if i sign up", "¿mi nombre va a salir en las noticias?"
        r"\b(?:my|mi)\s+(?:name|nombre|info|information|informacion)\b.{0,25}\b(?:public|publico|publica|"
        r"in the news|on the news|en las noticias|en el periodico|online|en internet)\b",
    ),
    "separate": _any(
        # "is this the same thing as VINE?", "¿es lo mismo que VINE?", "is it different from VNS"
        rf"\b(?:same|different|separate|part of|connected|linked|related|mismo|misma|diferente|distinto|"
        rf"aparte|parte de|conectado)\b.{{0,25}}\b(?:{_PROGRAMS})\b",
        rf"\b(?:{_PROGRAMS})\b.{{0,25}}\b(?:same|different|separate|mismo|misma|diferente|distinto|aparte)\b",
        # "is this VINE?", "¿eso es el VINE ese que me dijeron?"
        rf"(?<!what )(?<!wat )(?<!que )(?<!q )(?<!k )"
        rf"\b(?:is|are|es|son)\s+(?:this|it|that|these|you|u|esto|eso|este|esta|ustedes)\s+(?:the\s+|el\s+|"
        rf"lo\s+)?(?:{_PROGRAMS})\b",
        rf"\b(?:this|it|that|esto|eso|este|esta)\s+(?:is|es)\s+(?:the\s+|el\s+)?(?:{_PROGRAMS})\b",
        # "do i still need to do the VINE thing", "is this enough", "¿tengo que inscribirme también en VINE?"
        rf"\b(?:do|should|must|would)\s+i\s+(?:still\s+|also\s+)?(?:need|have|got)\s+to\b.{{0,40}}"
        rf"\b(?:{_PROGRAMS})\b",
        rf"\b(?:tengo|hay|debo|necesito)\s+(?:que\s+)?(?:\w+\s+){{0,4}}(?:{_PROGRAMS})\b",
        r"\b(?:is this|is that|is it|this is|es esto|esto es|con esto)\s+(?:enough|suficiente|basta)\b",
        # "can I also get the state one for the january release date or is it one or the other"
        r"\bone or the other\b|\b(?:uno|una) (?:u|o) (?:otro|otra)\b|\bget the (?:state|federal|ice) one\b",
        r"\bbasta con esto\b",
        # two cases: "there's a state case too, will you tell me about both?", "¿me avisan de los dos?"
        r"\b(?:both|the two|ambos|ambas|los dos|las dos)\s+(?:cases|casos|courts|cortes)\b",
        r"\b(?:avis\w*|notif\w*|tell|notify|text)\s+(?:me\s+|us\s+)?(?:de|about|of|for)\s+(?:los dos|ambos|"
        r"ambas|las dos|both)\b",
        r"\b(?:state|federal|estatal|del estado)\s+(?:case|caso)\s+(?:too|as well|also|tambien)\b",
        r"\b(?:tambien|also|another|otro)\s+(?:hay\s+|there is\s+|there s\s+|has\s+|tiene\s+)?(?:un\s+|a\s+)?"
        r"(?:caso|case)\b.{0,30}\b(?:corte|court|estado|state|federal)\b",
    ),
    "others": _any(
        # "Can I register my roommate too?", "¿Se puede registrar a mi mamá también?"
        rf"\b(?:register|sign up|signup|enroll|add|include|subscribe|registrar|inscribir|anotar|apuntar|"
        rf"agregar|suscribir|anadir)\s+(?:a\s+)?(?:my|mi|mis)\s+(?:{_OTHERS})\b.{{0,20}}"
        rf"\b(?:too|also|as well|tambien|ademas)\b",
        rf"\b(?:register|sign up|add|registrar|inscribir|agregar)\s+(?:also|too|tambien)\s+(?:a\s+)?(?:my|mi|"
        rf"mis)\s+(?:{_OTHERS})\b",
        # "can my sister get these too?", "¿puede mi hermana recibirlos también?"
        rf"\b(?:can|could|will|would|does|do)\s+my\s+(?:{_OTHERS})\s+(?:also\s+)?(?:get|receive|sign up|"
        r"register|be registered|be added|have)\b",
        rf"\b(?:puede|pueden|podria|podrian)\s+(?:tambien\s+)?(?:mi|mis)\s+(?:{_OTHERS})\s+(?:tambien\s+)?"
        r"(?:recibir|inscribir|registrar|suscribir|anotar)\w*",
        # "Can the notifications go to both me and the client", "two numbers", "register separately"
        r"\bboth\s+(?:me|us|of us)\s+and\b", r"\b(?:me|my)\s+and\s+my\s+\w+\s+both\b",
        r"\b(?:go|sent|send|come|llegar|mandar|enviar)\s+(?:to|a)\s+(?:both|two|more than one|several|"
        r"multiple|dos|varios|varias|los dos)\b",
        r"\bregister\w*\s+separately\b", r"\b(?:registrar|inscribir)\w*\s+(?:por\s+)?separad[oa]s?\b",
        r"\b(?:more than one|two|multiple|several|mas de un|mas de una|dos|varios|varias)\s+(?:people|"
        r"persons|numbers|phones|contacts|personas|numeros|telefonos|contactos)\b",
        # "yo como advocate tambien me puedo registrar para el mismo caso?"
        r"\b(?:tambien|ademas)\s+(?:me\s+)?(?:puedo|podemos|pueden|puede)\s+(?:me\s+)?(?:registrar|inscribir|"
        r"recibir|anotar|suscribir)\w*",
        r"\b(?:can|could)\s+i\s+(?:also\s+)?(?:register|sign up|get them|subscribe)\b.{0,20}\bsame case\b",
        r"\bmismo caso\b.{0,20}\b(?:registr|inscrib)\w*|\b(?:registr|inscrib)\w*.{0,30}\bmismo caso\b",
        # "¿le van a avisar a los niños o nomás a mí?", "will you tell my husband too or only me"
        rf"\b(?:avis|notific|inform|dic|mand)\w*\s+(?:tambien\s+)?a\s+(?:(?:mi|mis|los|las)\s+)?(?:{_OTHERS}|"
        r"ninos|ninas|muchachos)\b.{0,25}\b(?:o\s+(?:nomas|nada mas|solo|solamente)\s+a\s+mi|tambien)\b",
        rf"\b(?:tell|notify|text|message|alert)\s+(?:my|the)\s+(?:{_OTHERS})\s+(?:too|also|as well|or (?:just|"
        r"only) me)\b",
    ),
    "no_obligation": _any(
        # "do i have to go to court for this", "do i need my moms permission", "will i have to testify"
        rf"\b(?:i|we|me|my\s+(?:{_PEOPLE}))\s+(?:\w+\s+){{0,2}}?(?:have to|need to|got to|gotta|must|need|"
        rf"be asked to|be required to|required to|supposed to)\b.{{0,25}}\b(?:{_DUTY_EN})\b",
        # "i dont want to explain what happened again. do i have to", "this ain't gonna have me testifying"
        rf"\b(?:{_DUTY_EN})\b.{{0,40}}\b(?:do|does|will|would)\s+(?:i|we)\s+(?:have to|need to)\b",
        r"\b(?:have|make|want|get|ask|need|asking)\s+me\s+(?:to\s+)?(?:testify\w*|go to court|go to trial|"
        r"appear|explain\w*)\b",
        # "¿me van a pedir que vaya a testificar otra vez?", "¿Mi mamá tiene que firmar algo?"
        rf"\b(?:tengo|tendre|tendria|tenemos|debo|necesito|hay|voy a tener|vamos a tener|me van a pedir|"
        rf"me piden|me pediran|me van a hacer|me hacen|(?:mi|mis)\s+(?:{_PEOPLE})\s+(?:tiene|va a tener|"
        rf"tendra|necesita|debe))\s+(?:que\s+|q\s+)?.{{0,25}}?\b(?:{_DUTY_ES})\b",
        # "no quiero tener que ir a declarar", "I don't want to have to testify"
        rf"\b(?:tener|tenga)\s+que\s+.{{0,15}}?\b(?:{_DUTY_ES})\b",
        rf"\b(?:have|having)\s+to\s+.{{0,15}}?\b(?:{_DUTY_EN})\b",
        # "si me registro alguien de la corte me va a llamar?", "will the court call me if I sign up?"
        r"\b(?:corte|juzgado|tribunal|fiscal|fiscalia|juez)\b.{0,20}\bme\s+(?:va|van|vaya|vayan)\s+a\s+"
        r"(?:llamar|citar|contactar|buscar)\b",
        r"\bme\s+(?:va|van)\s+a\s+(?:llamar|citar|contactar|buscar)\b.{0,25}\b(?:corte|juzgado|tribunal|fiscal|"
        r"fiscalia|juez)\b",
        r"\b(?:court|prosecutor|prosecutors|da|judge)\b.{0,20}\b(?:call|contact|subpoena|summon)\w*\s+me\b",
    ),
    "change_later": _any(
        # "Her number may change — she uses prepaid. Can she update it later?"
        rf"\b(?:can|could|will)\s+(?:she|he|they|my\s+(?:{_PEOPLE}))\s+(?:be able to\s+)?(?:update|change|switch)\s+"
        r"(?:it|her number|his number|their number|the number|her phone|his phone|her email|his email|her contact)\b",
        # "what happens if I change my number later", "what if i get a new phone"
        r"\b(?:what|wat)\s+(?:happens|happen|if|about)\b.{0,20}\bi\s+(?:\w+\s+)?(?:change|get a new|get new|"
        r"move|switch|lose)\b",
        r"\bif\s+i\s+(?:\w+\s+)?(?:change|get a new|get new|move|switch|lose)\b.{0,25}\b(?:number|phone|"
        r"email|address|later|cell|house)\b",
        r"\b(?:can|could|will|would)\s+i\s+(?:be able to\s+)?(?:change|update|switch)\b.{0,30}\b(?:later|"
        r"afterwards|after|down the road|in the future|if)\b",
        # "y si me mudo o cambio el número después?", "¿qué pasa si cambio de número?"
        r"\bsi\s+(?:me\s+)?(?:mudo|cambio|cambiara|cambiaria|pierdo|tengo otro|tengo un nuevo|consigo)\b"
        r".{0,30}\b(?:numero|telefono|celular|correo|casa|direccion|despues|luego|mas adelante|mudo)\b",
        r"\bque\s+pasa\s+si\s+(?:me\s+)?(?:mudo|cambio|pierdo|tengo)\b",
        r"\b(?:puedo|podre|podria|puede|pueden|podra|podemos)\s+(?:cambiar|actualizar)\w*\b.{0,30}\b(?:despues|"
        r"luego|mas adelante|si)\b|\b(?:lo|la)\s+(?:puedo|puede|pueden|podra|podemos)\s+(?:cambiar|actualizar)\b",
    ),
}
# faq9: asked as a question (see _asks).
_ASKED["others"] = _any(
    _ASKED["others"].pattern,
    # "Can I sign up for my client as an advocate?", "can both of us get them", "¿lo puedo hacer por mi hijo?"
    rf"\b(?:sign up|signup|register|enroll|subscribe|do this|use this|get (?:these|them|the messages|alerts|"
    rf"texts|notifications))\b.{{0,20}}\b(?:for|on behalf of)\s+(?:someone|somebody|another|other|a client|"
    rf"clients|(?:my|mi|mis)\s+(?:{_OTHERS}))\b",
    r"\bas\s+(?:an?\s+|the\s+|his\s+|her\s+)?(?:victim\s+)?(?:advocate|social worker|case manager|caseworker|"
    r"parent|guardian|relative|family member|friend|counselor)\b",
    r"\bboth of us\b|\b(?:we|us)\s+both\b",
    rf"\b(?:por|para|en nombre de)\s+(?:otra persona|alguien mas|(?:mi|mis)\s+(?:{_OTHERS}))\b.{{0,20}}"
    r"\b(?:inscrib|registr|suscrib|recib|hacer)\w*|\b(?:inscrib|registr|suscrib)\w*.{0,20}\b(?:por|para|en "
    rf"nombre de)\s+(?:otra persona|alguien mas|(?:mi|mis)\s+(?:{_OTHERS}))\b",
    r"\bcomo\s+(?:su\s+)?(?:intercesor[ae]?|advocate|trabajador[ae]? social|mama|papa|tutor[ae]?|familiar)\b",
    r"\b(?:los dos|las dos|ambos|ambas)\b.{0,20}\b(?:inscrib|registr|recib|suscrib)\w*|"
    # (not "inscribirme en los dos", both programs)
    r"\b(?:inscrib|registr|recib|suscrib)\w*.{0,20}(?<! en)(?<! para)\s+(?:los dos|las dos|ambos|ambas)\b",
)
_ASKED["who_we_are"] = _any(
    # "Is this from the government?", "are you the police", "who runs this", "¿ustedes son del gobierno?"
    r"\b(?:is|are)\s+(?:this|it|you|u|yall|you guys|this service|this chat)\s+(?:from|with|part of|run by|"
    r"the|a|an)?\s*(?:the\s+)?(?:government|gov|govt|police|cops|state|feds|federal government|court|courts|"
    r"ice|fbi|da|das office|prosecutor|official|legit|real)\b",
    r"\bwho\s+(?:runs|made|owns|operates|is behind|are|r|is)\s+(?:this|you|u|yall|you guys|this service|"
    r"this chat|this thing)\b",
    r"\b(?:son|es|eres)\s+(?:ustedes\s+|uds\s+|esto\s+|usted\s+)?(?:del|de la|de el|parte del|parte de la)\s+"
    r"(?:gobierno|policia|estado|corte|migra|ice|fbi|fiscalia)\b",
    r"\b(?:quien|quienes)\s+(?:son|es|maneja|manejan|hizo|esta detras de)\s+(?:ustedes|uds|esto|usted|este "
    r"servicio|este chat)\b",
    r"\b(?:es|son)\s+(?:esto\s+|ustedes\s+)?(?:oficial|oficiales|confiable|confiables|real|de verdad)\b",
)
_ASKED["who_can_use"] = _any(
    # "is this for guys too?", "is it ok that I'm doing this, I'm 15", "¿es para hombres también?"
    r"\b(?:for|para)\s+(?:guys|men|boys|males|dudes|a guy|a man|a boy|hombres|varones|chavos|muchachos|"
    r"un hombre|hombre)\b",
    r"\b(?:only|just|solo|nomas|solamente)\s+(?:for\s+|para\s+)?(?:women|girls|ladies|mujeres|chicas|"
    r"adults|adultos)\b",
    r"\b(?:i\s*a?m|im|i am)\s+(?:only\s+|just\s+)?(?:1[0-7]|a minor|under 18|underage|a teen|a teenager|"
    r"a kid|in high school|in middle school)\b",
    r"\b(?:tengo|tengo solo|solo tengo|nomas tengo)\s+1[0-7]\b|\bsoy\s+(?:menor|menor de edad|adolescente)\b",
    r"\b(?:too young|old enough|age limit|muy joven|demasiado joven|edad minima|limite de edad)\b",
)
_ASKED["emergency_advice"] = _any(
    # In an emergency, what to do: "should my neighbor drive me or do i call an ambulance", "should i drive
    # to the police station or pull over", "no quiero ir al hospital porque no tengo aseguranza"
    r"\b(?:ambulance|ambulancia|paramedics|paramedicos)\b",
    r"\b(?:police station|estacion de policia|comandancia|hospital|emergency room|urgencias)\b.{0,30}\b(?:or|o)\s+"
    r"(?:pull over|stop|keep|go home|call|wait|orillarme|pararme|llamo|espero)\b",
    r"\b(?:pull over|orillarme|orillo|me orillo)\b",
    r"\b(?:do|should|can|shall)\s+i\s+(?:go|drive|head|keep driving|keep going)\s+(?:straight\s+)?(?:to\s+)?(?:the\s+)?"
    r"(?:police station|station|police|hospital|er|emergency room)\b",
    r"\b(?:voy|me voy|manejo|me sigo)\s+(?:directo\s+)?(?:a la|al|hasta la)\s+(?:estacion|comandancia|policia)\b",
    r"\b(?:hospital|er|emergency room|urgencias)\b.{0,40}\b(?:insurance|aseguranza|seguro medico|seguro)\b",
    r"\b(?:insurance|aseguranza|seguro medico)\b.{0,40}\b(?:hospital|er|emergency room|urgencias)\b",
)
_THREAT_WORDS = (r"threat\w*|harass\w*|amenaz\w*|acos\w*|"
                 r"(?:he|hes|he s|him|keeps|still)\s+(?:\w+\s+)?(?:calling|texting|messaging|writing|contacting|contacted) me|"
                 r"letters from him|messages from him|calls from him|llamando|llamandome|"
                 r"mandando mensajes|mandandome|escribiendo|escribiendome|cartas|se le acerca|se me acerca|"
                 r"comes near|come near|shows up|viola|violates")
_ASKED["report_threat"] = _any(
    # "tengo orden de proteccion pero no se si sirve", "does my restraining order still count if he's out?"
    r"\b(?:orden(?:es)? de (?:proteccion|alejamiento|restriccion)|restraining order|protective order|protection order|"
    r"no contact order)\b.{0,40}\b(?:sirve|sirva|vale|funciona|cuenta|work|works|count|counts|valid|good|matter|"
    r"still|anymore|viola|violates|violate|breaks|break)\b",
    # "Should I report that I saw his car? Who would I even call about that?", "¿a quién le aviso si lo veo?"
    r"\b(?:report|tell|call)\b.{0,25}\b(?:i saw|seeing|i seen|i ve seen|ive seen)\s+(?:him|her|his|her)\b",
    r"\b(?:i saw|seeing|i seen)\s+(?:him|his car|his truck)\b.{0,60}\b(?:who|report|call)\b",
    r"\b(?:a quien|con quien|donde)\s+(?:le\s+)?(?:aviso|digo|llamo|reporto)\b.{0,30}\b(?:si lo veo|lo vi|vi su)\b",
    # Whom to tell about threats or contact, from jail or outside: "¿a quién le digo que me está amenazando
    # desde la cárcel?", "who do i report his texts from jail to" (a threat word and a word of telling, both)
    rf"^(?=.*\b(?:{_THREAT_WORDS})\b)(?=.*\b(?:report\w*|tell|call|contact|reach|who|where|denunci\w*|"
    r"a quien|con quien|donde|adonde|aviso|digo|llamo)\b)",
)
_ASKED["resume_later"] = _any(
    # "can I finish this later? do I have to start all over", "¿lo puedo terminar después?"
    r"\b(?:finish|do|continue|complete|come back to)\s+(?:this|it|the rest)\s+(?:later|tomorrow|another time)\b",
    r"\bstart\s+(?:all\s+)?(?:over|again|from the beginning)\b",
    r"\bcome back\s+(?:later|and finish|to finish|tomorrow)\b",
    r"\b(?:terminar|seguir|acabar|continuar|completar)(?:lo|la)?\s+(?:despues|luego|mas tarde|otro dia|manana)\b",
    r"\b(?:empezar|comenzar|iniciar)\s+(?:todo\s+)?(?:de nuevo|otra vez|desde el principio|de cero)\b",
)
_ASKED["heard"] = _any(
    # "does this tell us about the parole hearing itself? we want to speak at it": the person's say at a
    # parole hearing (answered as "heard")
    r"\bparole (?:hearing|hearings|board)\b",
    r"\b(?:audiencia|audiencias|junta)\s+de\s+(?:parole|libertad condicional|libertad bajo palabra)\b",
    r"\b(?:speak|talk|testify|say something|be heard|give a statement|hablar|declarar|opinar)\b.{0,40}\b(?:parole|"
    r"libertad condicional)\b",
    r"\b(?:letter|carta|statement)\b.{0,40}\b(?:parole|libertad condicional)\b",
)
_ASKED["counseling"] = _any(
    # "is there therapy for this?", "¿los niños pueden recibir ayuda de un consejero?"
    r"\b(?:therapy|therapist|therapists|counseling|counselling|counselor|counsellor|counselors|psychologist|"
    r"support group|mental health|terapia|terapias|terapeuta|consejero|consejera|consejeria|psicolog\w*|"
    r"grupo de apoyo|salud mental)\b",
)
_ASKED["identity_theft"] = _any(
    # "can this fix my credit", "si me siguen abriendo cuentas a mi nombre, ¿a quién le digo?"
    r"\b(?:fix|repair|clean up|clean|restore|arreglar|reparar|limpiar|componer)\b.{0,20}\b(?:credit|credito)\b",
    r"\b(?:credit|credito)\b.{0,30}\b(?:fix|fixed|repair|ruined|destroyed|arruin\w*|dano|danado|report|reporte)\b",
    # "¿y esto me sirve también para lo del crédito?", "does this help with my credit too"
    r"\b(?:sirve|ayuda|help|helps|work|works)\b.{0,25}\b(?:lo del|para el|para mi|with my|for my|my)\s+(?:credit|"
    r"credito)\b",
    r"\b(?:identity theft|stole my identity|stealing my identity|robo de identidad|robaron mi identidad|"
    r"usando mi identidad|using my identity)\b",
    r"\b(?:opened|opening|open|abrieron|abriendo|abren|sacaron|sacando|took out)\b.{0,30}\b(?:accounts?|cuentas?|cards?|"
    r"tarjetas?|loans?|prestamos?)\b.{0,30}\b(?:in my name|a mi nombre|en mi nombre|con mi nombre)\b",
)
_ASKED["victim_id"] = _any(
    # "what is the victim ID and PIN in my letter for?", "¿para qué es el PIN de la carta?"
    r"\b(?:victim id|victim identification|vin|pin|pins|pin number|victim number|numero de victima|"
    r"identificacion de victima|numero de identificacion)\b",
)
_ASKED["look_up"] = _any(
    # "Can I just look him up myself online?", "¿lo puedo buscar yo en internet?"
    r"\blook\s+(?:him|her|them|it|the person|he|she)?\s*up\b",
    r"\b(?:search|check|find|look)\s+(?:for\s+)?(?:him|her|them|it|the person)?\s*(?:myself|on my own|"
    r"online|on the internet|on the website|on the web)\b",
    r"\b(?:buscar|revisar|checar|consultar|encontrar)(?:lo|la|los)?\s+(?:yo\s+)?(?:mism[oa]\s+)?"
    r"(?:por mi cuenta|en internet|en linea|en la pagina|en la web|yo mism[oa])\b",
    r"\b(?:lo|la)\s+(?:puedo|podria)\s+(?:buscar|revisar|checar|consultar)\b",
)
_ASKED["channels"] = _any(
    # "regular mail or a phone call instead", "¿me pueden llamar en vez de mandar mensajes?"
    r"\b(?:regular|snail|postal|paper|physical|real|us)\s+mail\b|\b(?:by|through|via)\s+(?:the\s+)?post\b",
    r"\b(?:send|mail)\s+(?:me\s+)?(?:a\s+)?letters?\b|\bletters?\s+instead\b",
    r"\b(?:phone call|phone calls|voice call|a call|call me|calls instead|landline|home phone|tty)\b",
    r"\bcorreo\s+(?:postal|normal|regular|de papel|tradicional)\b|\bpor\s+(?:carta|correo postal)\b|"
    r"\bcartas?\s+en\s+(?:vez|lugar)\b",
    r"\b(?:llamada|llamadas|me llamen|me llaman|llamarme|me pueden llamar|me puede llamar|telefono fijo|"
    r"telefono de casa)\b",
    # "por whatsapp se puede? si no, mensaje de texto normal", "can you send it on facebook messenger"
    r"\b(?:whatsapp|whats app|wasap|guasap|messenger|facebook|instagram|signal|snapchat|imessage|dm)\b",
)

# faq11: asked in the middle of a sign-up or at the offer, with no fitting answer before.
# Feelings about the person held, asked as a judgement ("is it wrong that I still love him", "¿está mal que no
# quiera que lo deporten?", "es normal sentirme así?"): a judgement word and a feeling, both. "is that bad?"
# about a transfer, or "I still love him" said alone, is neither.
_JUDGED = (r"(?:is|was|would|isnt)\s+(?:it|that|this)\s+(?:\w+\s+)?(?:bad|wrong|normal|ok|okay|alright|weird|crazy|"
           r"selfish|terrible|messed up|horrible|awful|evil|strange)|"
           r"(?:am i|does that make me|would that make me|that makes me)\s+(?:a\s+)?(?:\w+\s+)?(?:bad|terrible|horrible|"
           r"awful|crazy|weird|wrong|selfish|evil|stupid|monster)|something wrong with me|whats wrong with me|"
           r"(?:esta|estaria|es|seria)\s+(?:muy\s+|tan\s+)?(?:mal|malo|normal|raro|feo|egoista|pecado)|(?:esta|estaria|es|seria)\s+bien\s+que|"
           r"soy\s+(?:una?\s+)?(?:mala|malo|mal|terrible|egoista)(?:\s+(?:persona|madre|mama|esposa|hija|hijo|mujer))?|"
           r"estoy\s+(?:loca|loco)|(?:tengo|hay)\s+algo\s+malo?\s+(?:conmigo|en mi)")
_FEELING = (r"(?:want|wanted|wanting|wanna|need|needed)\s+(?:him|her)\s+(?:back|home|out|free|to stay|to come|deported|to be deported|locked up|in prison|in jail|gone|to go)|"
            r"(?:love|loved|miss|missed|forgive|forgave|forgiving|care about|cared about|worry about|worried about|"
            r"feel sorry for|feel bad for|pity)\s+(?:him|her|them)|still\s+(?:love|care|miss)|"
            r"(?:feel|feeling|felt)\s+(?:this way|like this|that way|like that|bad|guilty|sad|sorry|relieved|happy|glad|"
            r"nothing|conflicted|torn|mixed|weird|relief)|conflicted|mixed feelings|"
            r"(?:quiera|quiero|queria|quisiera)\s+que\s+(?:lo|la|los|le|se)\s+\w+|"
            r"(?:lo|la)\s+(?:quiera|quiero|sigo queriendo|siga queriendo|extrano|extrane|perdone|perdono|ame|amo)|"
            r"(?:queriendolo|queriendola|amandolo|amandola|extranandolo|extranandola|quererlo|quererla|amarlo|amarla|"
            r"extranarlo|extranarla|perdonarlo|perdonarla)|sentir(?:me|se)\s+(?:asi|culpable|mal|triste|aliviad[oa]|rar[oa])|"
            r"(?:siento|sienta|sentia)\s+(?:asi|culpable|mal|triste|aliviad[oa]|alivio|rar[oa]|confundid[oa]|dividid[oa])|"
            r"sentimientos encontrados|(?:me\s+)?(?:da|de)\s+(?:pena|lastima)\s+(?:el|ella|por el|por ella|que (?:lo|la))")
_TOPIC_PATTERNS["mixed_feelings"] = re.compile(rf"^(?=.*\b(?:{_JUDGED})\b)(?=.*\b(?:{_FEELING})\b)")
# How long the sign-up takes ("uh maybe, how long does it take", "is this gonna take long", "¿cuánto tiempo toma
# esto?"), never how long he is held ("how long will he be in prison", "cuánto tiempo le dieron", "how long does it
# take for him to get out").
_NOT_THE_SIGN_UP = (r"(?!\s+(?:for|until|till|before|to (?:get|hear|come|arrive|know|find|be|release|process|show|"
                    r"update|send|pick|deport)|him|her|them|he|she|they|the|a|an|his)\b)")
_TOPIC_PATTERNS["duration"] = _any(
    rf"\bhow\s+long\s+(?:does|will|would|is|do|can|should)\s+(?:it|this|that|this thing|the sign ?up|signing up|"
    rf"the registration|registering|this whole thing|all this)\s+(?:\w+\s+){{0,2}}?(?:take|last)\b{_NOT_THE_SIGN_UP}",
    r"\bhow\s+long\s+(?:to|for)\s+(?:sign up|signup|register|do this|finish|fill (?:this|it) out)\b",
    rf"\b(?:is|will|does|would|gonna)\s+(?:this|it|that|the sign ?up|signing up)\s+(?:gonna\s+|going to\s+|usually\s+)?"
    rf"take\s+(?:long|a while|a long time|forever|much time|too long|very long)\b{_NOT_THE_SIGN_UP}",
    r"\bhow\s+many\s+(?:more\s+)?questions\b",
    r"\bhow\s+much\s+(?:longer|more)\b(?!\s+(?:\w+\s+)?(?:he|she|him|her|they|his|bail|bond|time|years|months)\b)",
    r"\b(?:are we|r we|is it|is this)\s+(?:almost|nearly)\s+(?:done|finished|over)\b",
    r"^(?:\w+\s+){0,2}?(?:is|will)\s+(?:it|this|the sign ?up)\s+(?:be\s+)?(?:quick|fast|long)\s*$",
    r"\bcuanto\s+(?:tiempo\s+)?(?:se\s+)?(?:toma|tarda|tardan|lleva|dura|demora|tardara|tomara|durara|va a tomar|"
    r"va a tardar|va a llevar|va a durar|se va a tardar|tardamos|nos tardamos|nos lleva|me lleva|me toma)"
    r"(?:\s+(?:mas o menos|masomenos))?(?:\s+(?:esto|eso|la inscripcion|el registro|inscribirme|inscribirse|"
    r"registrarme|hacer esto|hacerlo|todo esto|todo eso|el proceso|las preguntas|llenar esto)\b|\s*$)",
    r"^(?:\w+\s+){0,3}?(?:esto\s+|eso\s+|la inscripcion\s+|el registro\s+)?(?:se\s+)?(?:tarda|toma|lleva|dura|demora|"
    r"tardara|va a tardar|va a tomar|va a llevar|se va a tardar)\s+mucho(?:\s+tiempo)?(?:\s+(?:esto|eso|la inscripcion))?"
    r"\s*$",
    r"\bcuantas\s+preguntas\b", r"\b(?:falta|faltan)\s+(?:mucho|muchas preguntas|cuanto|cuantas)\s*$",
    r"^(?:\w+\s+){0,2}?(?:y\s+)?(?:esto|eso|la inscripcion|el registro|el proceso)?\s*(?:es|sera)\s+(?:muy\s+)?"
    r"(?:rapido|largo|tardado)\s*$",
)
# A house phone (landline): these messages come by text, e-mail or chat only; VINE can call one. "my mom doesnt
# have a cell, can she get it on the house phone", "¿le pueden llamar al teléfono de la casa? no tiene celular"
_ASKED["landline"] = _any(
    r"\b(?:house phone|home phone|house line|landline|land line|phone at (?:the |her |his |my )?house|"
    r"telefono de (?:la |mi |su )?casa|telefono fijo|numero fijo|linea fija|el fijo|un fijo|al fijo)\b",
    r"\b(?:doesnt|does not|dont|do not|didnt|has no|have no|without)\s+(?:have\s+|got\s+)?(?:a\s+|any\s+)?(?:cell|"
    r"cellphone|cell phone|mobile|mobile phone|smartphone|smart phone)\b",
    r"\b(?:doesnt|does not|dont|do not|cant|can not|cannot)\s+(?:know how to\s+|really\s+)?(?:text|do texts|read texts|"
    r"texting)\b(?!\s+(?:me|you|u|him|her|them)\b)",
    r"\bno\s+(?:tiene|tengo|tenemos|usa|uso)\s+(?:celular|cel|movil|telefono celular)\b",
    r"\bno\s+(?:sabe|se|puede|puedo)\s+(?:usar\s+|leer\s+|mandar\s+)?(?:los\s+)?(?:mensajes|textos)\b",
)
# Both sign-ups, the custody now and ICE's: "Can I sign up for both, the jail one and the immigration one?", "Can I
# also get the federal prison notices until he goes to ICE?", "¿Puedo también saber cuando salga de la prisión,
# aunque sea para que ICE lo recoja?" (not "can both of us get them", the others topic)
# The agency itself, and with its outcome or program.
_ICE = r"ice|la migra|migra|migracion|inmigracion|immigration"
_ICE_WORDS = _ICE + r"|deport\w*|vnp"
_HELD_NOW = (r"prison|jail|state|federal|county|vine|vns|prision|carcel|penal|estatal|condado|del estado|release|"
             r"rikers|pen")
_BOTH = (r"(?:both|the two|both of them|ambos|ambas|los dos|las dos)\b(?!\s+(?:of us|me|us|my|mi|mis|cases|casos|"
         r"courts|cortes|kids|children|hijos|hijas|people|personas|numbers|numeros|de nosotros)\b)")
_ASKED["both_programs"] = _any(
    rf"\b(?:sign(?:ed)?\s+(?:me\s+|us\s+)?up|signup|register|enroll|subscribe|get|do|inscribir\w*|registrar\w*|"
    rf"suscribir\w*|apuntar\w*|anotar\w*)\s+(?:for|to|in|on|en|a|para|con)\s+{_BOTH}",
    rf"\b(?:get|do|have|want)\s+{_BOTH}",
    rf"\bthe\s+(?:{_HELD_NOW})\s+one\b.{{0,30}}\bthe\s+(?:{_ICE_WORDS})\s+one\b|"
    rf"\bthe\s+(?:{_ICE_WORDS})\s+one\b.{{0,30}}\bthe\s+(?:{_HELD_NOW})\s+one\b",
    rf"\b(?:el|la)\s+de\s+(?:la\s+)?(?:{_HELD_NOW})\b.{{0,30}}\b(?:el|la)\s+de\s+(?:{_ICE_WORDS})\b|"
    rf"\b(?:el|la)\s+de\s+(?:{_ICE_WORDS})\b.{{0,30}}\b(?:el|la)\s+de\s+(?:la\s+)?(?:{_HELD_NOW})\b",
    # the release from custody now, also, while ICE is still to come (or may not come)
    r"^(?=.*\b(?:(?:can|could|may|do|will)\s+(?:i|we)\s+(?:also\s+|still\s+)?(?:get|be|sign|register|know|hear|"
    r"find out|keep)|puedo|podemos|podria|se puede|quiero|quisiera|me pueden|nos pueden)\b)"
    rf"(?=.*\b(?:{_HELD_NOW})\b)(?=.*\b(?:also|too|as well|tambien|both|ambos)\b)"
    rf"(?=.*(?:\b(?:until|till|before|in case|unless|para que|hasta que|antes de que|por si|aunque sea|en caso de que|"
    rf"mientras)\b.{{0,30}}\b(?:{_ICE_WORDS})\b|\b(?:if|si)\s+(?:{_ICE_WORDS})\s+(?:doesnt|does not|dont|do not|never|"
    rf"wont|no)\b|\b(?:just in case|por si acaso|por si las dudas)\b))",
)
# Told of a return to custody (the messages' "return to custody"): "o sea si lo vuelven a meter al jail me llega
# mensaje?", "will I get a text if they lock him up again", "y si lo agarran otra vez me avisan?"
_BACK_IN = (r"lock\w*\s+(?:him|her|them)\s+(?:back\s+)?up|locked\s+(?:back\s+)?up\s+again|"
            r"(?:arrest\w*|pick\w*\s+(?:him|her|them)\s+up|picked\s+up|caught|catch\w*\s+(?:him|her|them))\s+(?:\w+\s+)?"
            r"again|re ?arrest\w*|back\s+(?:in|to|into)\s+(?:jail|prison|custody|lockup)|goes back in|go back in|"
            r"vuelv\w*\s+a\s+(?:meter|agarrar|arrestar|encerrar|detener|caer|entrar|estar\s+(?:detenid|pres)\w*)|"
            r"(?:lo|la)\s+(?:agarr|arrest|encierr|deten|met|apres)\w*\s+(?:otra vez|de nuevo|nuevamente)|"
            r"(?:regresa|vuelve|regrese|vuelva)\s+(?:a la|al)\s+(?:carcel|prision|jail|bote|tambo|cana|penal)")
_TOLD = (r"text|texts|message|messages|alert|alerts|tell|told|know|notif\w*|hear|email|avis\w*|mensaje|mensajes|"
         r"llega|llegan|entero|sabr\w*|dicen")
_ASKED["messages"] = _any(_ASKED["messages"].pattern, rf"^(?=.*\b(?:{_BACK_IN})\b)(?=.*\b(?:{_TOLD})\b)")
# The name of the person or a child, anywhere: "Is my daughter's name going to be anywhere in this?", "¿Mi nombre
# real sale en algún lado?" (the answer: no names are asked for; only his details and the contact are kept)
_ANYWHERE = (r"anywhere|somewhere|any place|anyplace|show up|shows up|appear|appears|be seen|visible|sale|saldra|"
             r"va a salir|aparece|aparecer|aparecera|va a aparecer|en algun lado|en alguna parte|en algun lugar|"
             r"en ningun lado|en ninguna parte")
_ASKED["anonymity"] = _any(
    _ASKED["anonymity"].pattern,
    rf"\b(?:my|mi|mis|our|nuestro|nuestros)\s+(?:(?:{_PEOPLE})s?\s+|real\s+|own\s+)?(?:name|names|nombre|nombres)\b"
    rf".{{0,30}}\b(?:{_ANYWHERE})\b",
    rf"\bnombres?\s+(?:real\s+)?de\s+(?:mi|mis)\s+(?:{_PEOPLE})\b.{{0,30}}\b(?:{_ANYWHERE})\b",
)
# Credit after identity theft: "who do i talk to about fixing my credit", "me arruinaron el crédito, quién me ayuda"
_CREDIT = r"(?<!tarjeta de )(?<!tarjetas de )(?:credit|credito)\b(?!\s+cards?\b)"
_ASKED["identity_theft"] = _any(
    _ASKED["identity_theft"].pattern,
    rf"\b(?:fix|repair|clean|restor|arregl|repar|limpi|compon|recuper|ruin|destroy|mess|wreck|trash|tank|arruin|"
    rf"destru|dan|jod|freg)\w*\b.{{0,20}}\b{_CREDIT}",
    rf"\b(?:help|helps|ayud\w*|who|whom|quien|talk|habl\w*|call|llam\w*)\b.{{0,40}}\b{_CREDIT}",
    rf"\b{_CREDIT}\s*(?:stuff|thing|things|issue|issues|problem|problems|mess|report)\b|\blo del credito\b",
)
# A prepaid phone changed: "oiga y si me cambio de cel porque este es de prepago, como le hago"
_ASKED["change_later"] = _any(
    _ASKED["change_later"].pattern,
    r"\bsi\s+(?:me\s+)?(?:cambio|cambiara|cambiaria|cambie)\s+de\s+(?:cel|celular|telefono|numero|correo|chip|"
    r"compania|linea|movil)\b",
    r"\b(?:prepago|prepaid|pre paid)\b.{0,60}\b(?:change|changes|cambi\w*|new|nuevo|otro|update|actualiz\w*)\b",
    r"\b(?:change|changes|cambi\w*|new|nuevo|otro)\b.{0,60}\b(?:prepago|prepaid|pre paid)\b",
    r"\bif\s+i\s+(?:\w+\s+)?(?:change|get a new|get new|switch|lose)\b.{0,25}\b(?:cellphone|cell phone|sim|carrier)\b",
)

# The conversation-suite asides of 2026-12-08, as classes.
# Signing up for someone else, or in their place: a relative is the victim, the writer signs up ("Is it a problem
# that I'm registering instead of my dad? He's the real victim", "mi hija es la víctima, ¿puedo ser yo?", "¿tiene
# que firmar ella o lo puedo hacer yo por ella?"). Anyone can; nothing is signed.
_ASKED["on_behalf"] = _any(
    rf"\b(?:register\w*|sign\w*\s+up|signing up|subscrib\w*|enroll\w*|do(?:ing)?\s+(?:this|it)|fill\w*\s+(?:this|it)\s+out)"
    rf"\s+(?:\w+\s+){{0,2}}?(?:instead of|in place of|on behalf of|in the name of)\s+(?:my|his|her|our|the|him|her|them)\b",
    rf"\b(?:(?:he|she|they|him|her|my\s+(?:{_OTHERS}))\s+(?:is|s|was|are|re)|hes|shes|theyre)\s+(?:the\s+)?"
    r"(?:actual|real|only|main|true)?\s*(?:victim|one (?:who was|that was|he) hurt)\b",
    r"\b(?:sign\w*\s+up|register\w*|subscrib\w*|enroll\w*)\s+(?:\w+\s+)?for\s+(?:him|her|them)\b",
    r"\bla\s+victima\s+es\s+(?:mi|su)\b",
    r"\b(?:im|i am|i m)\s+the\s+one\s+(?:registering|signing up|doing this|doing it|signing)\b",
    r"\b(?:registering|signing up|sign up|register)\s+(?:\w+\s+){0,2}?(?:and\s+)?not\s+(?:my|him|her|them)\b",
    r"\b(?:hes|shes|he is|she is|theyre|they re)\s+(?:the\s+one\s+)?(?:who|that)\s+(?:he|she|they)\s+(?:hurt|robbed|"
    r"attacked|abused|assaulted|scammed|stole from)\b",
    r"\b(?:si|puedo|podria)\s+(?:me\s+)?(?:registro|inscribo|registrarme|inscribirme|registrar|inscribir)\s+yo\b",
    r"\b(?:do|does|must|should)\s+(?:i|he|she)\s+(?:have to|need to|got to|gotta)\s+be\s+the\s+(?:actual\s+|real\s+)?victim\b",
    r"\b(?:can|could|may)\s+i\s+(?:do|sign|fill|handle)\s+(?:it|this|that|everything)(?:\s+out)?\s+(?:for|instead of|on behalf of)"
    r"\s+(?:him|her|them|my)\b",
    rf"\b(?:mi|su)\s+(?:{_OTHERS}|mami|papi|abuela|abuelo|nieta|nieto)\s+(?:es|era|fue)\s+(?:la|el)\s+"
    r"(?:victima|afectad[oa]|que (?:sufrio|lastimaron))\b",
    r"\b(?:el|ella)\s+(?:es|fue)\s+(?:la|el)\s+(?:verdadera\s+|verdadero\s+|unica\s+|real\s+)?victima\b",
    r"\b(?:puedo|podria|se puede)\s+(?:ser\s+yo|hacerlo\s+yo|hacer(?:lo)?\s+yo|inscribirme\s+yo|registrarme\s+yo)\b",
    r"\b(?:hacer|hago|hacerlo|firmar|llenar\w*)\s+(?:yo\s+)?(?:por|en lugar de|en vez de|en nombre de)\s+(?:ella|el|mi|su|mis)\b",
    # (not "¿puedo inscribirme por mi hijo también?", a second sign-up: others)
    r"\b(?:inscribir\w*|registr\w*)\s+(?:yo\s+)?(?:en lugar de|en vez de|en nombre de)\s+(?:ella|el|mi|su|mis)\b",
    r"\b(?:lo|la)\s+(?:puedo|podria)\s+hacer\s+(?:yo\s+)?(?:por|en lugar de|en vez de)\s+(?:ella|el)\b",
    r"\b(?:nombre|datos|name|info)\b.{0,30}\b(?:o|or)\s+(?:puedo ser yo|el mio|los mios|mine|my own|yo nomas|yo)\b",
)
# Whether the service works with, or is, ICE ("ustedes trabajan con ICE?", "do you share my info with immigration").
_ASKED["not_ice"] = _any(
    rf"\b(?:trabaj\w*|colabor\w*|coopera\w*|conectad[oa]s?|asociad[oa]s?)\s+(?:con|para|junto con)\s+(?:{_ICE})\b",
    rf"\b(?:work|works|working|worked|partner\w*|cooperat\w*|collaborat\w*|connected|affiliated|associated|in touch)\s+"
    rf"(?:with|for)\s+(?:{_ICE})\b",
    rf"\b(?:share|sharing|shared|give|gives|giving|pass|passing|send|sending|hand|handing)\s+(?:\w+\s+){{0,3}}?"
    rf"(?:info|information|data|details|number|address|name|contact)\s+(?:\w+\s+){{0,2}}?(?:to|with)\s+(?:{_ICE})\b",
    rf"\b(?:le|les)\s+(?:dan|pasan|comparten|mandan|entregan|reportan|dicen)\s+(?:\w+\s+){{0,3}}?a\s+(?:{_ICE})\b",
    rf"\b(?:mis|mi)\s+(?:datos|informacion|numero|nombre|direccion|telefono)\b.{{0,30}}\b(?:{_ICE})\b"
    rf"(?!.{{0,20}}\b(?:de el|de ella|del|sobre el)\b)",
)
# Papers asked for: "¿me van a pedir papeles? yo no tengo", "do you need my papers" (the person's own status).
_ASKED["immigration"] = _any(
    r"\b(?:pedir|piden|pide|pediran|pedira|ocupo|ocupa|necesito|necesita|hay que tener|tengo que tener|tengo que "
    r"mostrar|tengo que ensenar)\s+(?:\w+\s+)?papeles\b",
    r"\bpapeles\b.{0,25}\b(?:no tengo|no tenemos|no los tengo)\b",
    r"\b(?:ask|asking|need|require|check)\w*\s+(?:me\s+)?(?:for\s+)?(?:my\s+)?(?:papers|immigration status|green card)\b",
)
# A protective order told about, to put here: this service cannot hold or enforce it; whom to tell.
_ORDER = (r"orden(?:es)? de (?:proteccion|alejamiento|restriccion)|restraining order|protective order|protection order|"
          r"no contact order|order of protection|orden de no contacto")
_ASKED["protection_order"] = re.compile(
    rf"^(?=.*\b(?:{_ORDER})\b)(?=.*\b(?:poner|pongo|ponerla|ponerlo|agregar|agrego|anadir|incluir|registrar|anotar|"
    r"subir|mencionar|decirles|decirle|put|add|include|register|enter|list|upload|mention|tell you|here|aqui|aca|"
    r"sirve de algo aqui|this)\b)")
# He comes near (the hospital, the house, work): "¿ustedes me avisan o llamo yo a la policía?" -- 911; this
# service cannot protect or send anyone.
_ASKED["protection"] = _any(
    _ASKED["protection"].pattern,
    r"^(?=.*\b(?:si|if|when|cuando|once)\s+(?:el\s+|he\s+|she\s+|ella\s+)?(?:se\s+(?:me\s+|nos\s+)?acerca|se acerca|me busca|"
    r"aparece|viene a (?:mi|la|el|buscarme)|comes near|comes around|comes by|shows up|approaches|comes to (?:my|the|our)|"
    r"tries to (?:find|see|contact) me)\b)"
    r"(?=.*\b(?:avisan|avisar|avisa|tell me|notify|warn|let me know|llamar|llamo|call|policia|police|cops|911)\b)",
)
# He knows where the family lives: a plan for the days around a release (911 first).
_ASKED["safety_plan"] = _any(
    _ASKED["safety_plan"].pattern,
    r"\b(?:sabe|conoce|knows|know)\s+(?:donde|where)\s+(?:vivo|vivimos|trabajo|trabajamos|estoy|estamos|i live|we live|"
    r"i work|i stay|we stay|my kids|the kids)\b",
    r"\b(?:sabe|conoce|knows|has)\s+(?:mi|my|our|nuestra|nuestro)\s+(?:direccion|casa|domicilio|address|house)\b",
)
# "y si lo sueltan?", "what if he gets out?": told of a release. "también me avisan, o solamente si lo sueltan?"
_ASKED["messages"] = _any(
    _ASKED["messages"].pattern,
    r"^(?:y\s+|and\s+|pero\s+|but\s+|ok\s+|oiga\s+)*(?:si|if|what if)\s+(?:lo|la)\s+(?:sueltan|liberan|dejan salir|sacan)\b",
    r"^(?:and\s+|but\s+|ok\s+)*(?:what if|if)\s+(?:he|she)\s+(?:gets out|is released|gets released|is let out)\b",
    r"^(?:and\s+|but\s+|ok\s+)*(?:what if|if)\s+(?:they\s+)?(?:let|release|free)\s+(?:him|her)(?:\s+out)?\b",
    r"^(?:y\s+|pero\s+|oiga\s+)*si\s+(?:lo|la)\s+(?:dejan|van a dejar)\s+(?:salir|libre)\b",
    r"\b(?:tambien|igual|aun asi|siempre)\s+(?:me|nos)\s+(?:avisan|avisaran|avisarian|notifican|informan|van a avisar|"
    r"dicen)\b",
    r"\b(?:me|nos)\s+(?:avisan|avisaran|avisarian|notifican|informan)\b.{0,40}\bo\s+(?:solo|solamente|nomas|nada mas)\b",
)
# Told of both: the release from the prison now and ICE's part ("me van a avisar también cuando salga de la prisión
# estatal o solo lo de ICE?", "will I hear when he leaves the state prison too or only the ICE part?")
_ASKED["both_programs"] = _any(
    _ASKED["both_programs"].pattern,
    r"^(?=.*\b(?:prison|jail|state|county|vine|prision|carcel|penal|estatal|condado|del estado)\b)"
    rf"(?=.*\b(?:{_ICE_WORDS})\b)"
    r"(?=.*\b(?:o solo|o nomas|o solamente|o nada mas|or just|or only)\b)"
    rf"(?=.*\b(?:{_TOLD})\b)",
)
# Who holds him: tribal police, the FBI ("o es la policía tribal? ya no entiendo quién lo tiene").
_ASKED["who_holds"] = _any(
    r"\b(?:policia tribal|tribal police|tribal cops|tribal court|corte tribal|tribal jail|carcel tribal|la tribu|"
    r"the tribe|tribal)\b",
)

# When one of these topics is found, the other is part of its answer (a question about both cases).
_SUPERSEDES = {"protection": ("safety_plan",), "separate": ("messages",), "both_programs": ("messages",), "landline": ("channels",),
               "protection_order": ("protection", "safety_plan", "report_threat"),
               "not_ice": ("who_we_are", "immigration", "contact"),
               "on_behalf": ("others", "no_obligation", "who_can_use")}
# Asked about a program, "is it the state or some app" is about the program, not about this chat.
_ADDRESSING_US = re.compile(r"\b(?:you|u|yall|y all|you guys|u guys|ustedes|uds|this chat|this service|este chat|"
                            r"este servicio|usted)\b")


_ASKS_IN_WORDS = re.compile(r"\b(?:right|verdad|cierto|or not|o no)$|"
                            # "eso lo puedo reportar", "se puede cambiar": a Spanish question without its marks
                            r"\b(?:lo|la|eso|esto)\s+(?:puedo|podemos|debo|deberia|tengo que)\s+\w+$|"
                            # "el no va a saber que yo pregunte verdad, porque…": the tag before a reason
                            r"\b(?:right|verdad|cierto)\s+(?:porque|pq|because|cause|cuz|ya que)\b|"
                            r"^(?:y\s+|and\s+)?(?:que pasa|what happens|what if)\b|"
                            # "oiga, y si lo deportan…": Spanish "y si" opens a "what if"
                            r"^(?:(?:oiga|oye|mire|disculpe|perdon|pero|bueno|pues|senorita|senora)\s+)*y\s+si\b|"
                            # an indirect question: "pero no sé si sirve", "not sure if it still counts"
                            r"\b(?:no se|no estoy segur[oa]|i dont know|i do not know|idk|not sure|im not sure)\s+"
                            r"(?:si|if|whether)\s+(?:\w+\s+){0,3}(?:sirve|sirva|vale|funciona|cuenta|works|counts|matters|"
                            r"is valid|still)\b")


def _asks(text: str, folded: str) -> bool:
    """The message is put as a question: "?", "¿", an English auxiliary before its subject, a closing
    "right", "verdad", "or not", or an opening "what if", "qué pasa"."""
    return ("?" in text or "¿" in text or is_question(text)
            or bool(_ASKS_IN_WORDS.search(folded)))


# "Why do you need that?" at the contact question: what the number or address is for.
_WHY_CONTACT = _any(
    r"^(?:but\s+|pero\s+|y\s+)?(?:why|how come|por que|para que)$",
    r"\bwhy\b.{0,30}\b(?:need|want|ask|asking|have|give|need to know)\b",
    r"\bwhy\s+(?:my|the|your|a|that|this)?\s*(?:number|phone|email|e mail|address|contact|info)\b",
    r"\bwhat\b.{0,30}\b(?:need|want|use)\b.{0,20}\bfor\b", r"\bwhat\s+(?:is|s)\s+(?:it|that|this)\s+for\b",
    r"\bpara\s+que\b.{0,30}\b(?:quiere|quieren|quieres|necesita|necesitan|necesitas|pide|piden|pides|ocupa|"
    r"ocupan|ocupas|sirve|usan|usa|va a usar|van a usar)\b",
    r"\bpor\s*que\b.{0,30}\b(?:quiere|quieren|quieres|necesita|necesitan|necesitas|pide|piden|pides|ocupa|"
    r"ocupan|tengo que dar|le doy|les doy|debo dar)\b",
)


def asks_why_contact(text: str) -> bool:
    """True for "why do you need that?", "what do you need my number for", "¿para qué quiere mi número?",
    "¿por qué necesitan mi correo?"."""
    return bool(_WHY_CONTACT.search(normalize(text)))


_HOW_TO_BE_TOLD = re.compile(
    r"\b(?:how|como)\s+(?:do|can|could|would|will|should|puedo|podria|hago para|le hago para)\s+(?:i|we|u|yo)?\s*"
    r"(?:find out|know|get|be|hear|learn|saber|enterarme|recibir)\b")


def topics(text: str) -> List[str]:
    """The FAQ topics `text` asks about, in TOPICS order, at most MAX_ANSWERS. A bare program name asked
    as a question ("VINE?") asks what it is."""
    folded = normalize(text)
    asks = None
    found = []
    for topic in TOPICS:
        if topic in _TOPIC_PATTERNS and _TOPIC_PATTERNS[topic].search(folded):
            found.append(topic)
        elif topic in _ASKED and _ASKED[topic].search(folded):
            asks = _asks(text, folded) if asks is None else asks
            if asks:
                found.append(topic)
    for topic, dropped in _SUPERSEDES.items():
        if topic in found:
            found = [t for t in found if t not in dropped]
    if "on_behalf" in found and _ASKED["others"].search(folded) and re.search(r"\b(?:too|also|as well|tambien|ademas)\b",
                                                                              folded):
        found[found.index("on_behalf")] = "others"  # "can i sign up for him and my sister too?": a second sign-up
    if "who_we_are" in found and {"vine", "vns", "vnp"} & set(found) and not _ADDRESSING_US.search(folded):
        found.remove("who_we_are")  # "what actually is VINE, is it the state or some app"
    if "messages" in found and _HOW_TO_BE_TOLD.search(folded):
        # "how do i find out when hes gettin out": the request itself (the triage answers it), not a question
        # about what the messages say
        found.remove("messages")
    if not found and "?" in text:
        found = [name for name, names in _PROGRAM_NAMES.items() if re.fullmatch(rf"(?:{names})", folded)]
    return found[:MAX_ANSWERS]


# Words that open a clause without changing what it is ("wait, what is...", "oye, ¿quién...").
_ASIDES = frozenset("wait ok okay um uh umm hmm actually so and but sorry hey oh also then espera oye oiga "
                    "pero y perdon disculpe bueno pues ah ay mira entonces tambien".split())
_WH_EN = frozenset("what whats wat wut who whos whom why how hows when where which".split())
_WH_ES = re.compile(r"^\s*(?:qué|quién|quiénes|cómo|cuándo|dónde|cuál|cuáles|cuánto|cuánta|cuántos|cuántas|"
                    r"por qué)\b", re.IGNORECASE)
_AUX_EN = frozenset("will would can could do does did is are am should shall may might has have r".split())
# "do yall tell me...", "do ya", "can you guys", "r u": the subjects people text after an auxiliary.
_SUBJECTS_EN = frozenset("he she they i you it my this that anyone anybody someone somebody there the we u "
                         "his her them yall yal ya ye youll your ur you all y all you guys u guys both "
                         "both of".split())
# A clause that opens by addressing the service ("yall tell me court dates too", "you guys text me if...",
# "ustedes son del gobierno", "uds me avisan"): asked of the service, not a name or a place.
_ADDRESSED = re.compile(r"^(?:y ?all|ya ll|you all|you guys|u guys|you gys|ustedes|uds)\b"
                        r"(?:\s+\w+)+")
# Questions put without a question word or mark: "i was wondering if...", "quick question", "quisiera saber
# si...", "me pregunto si...", "una pregunta", and a closing alternative ("or just if he gets out", "antes o
# después").
_ASKING = re.compile(
    r"^(?:i\s+(?:was\s+|am\s+|m\s+)?wondering|im\s+wondering|just\s+wondering|wondering|i\s+wonder|"
    r"quick question|question|one question|i have a question|got a question|"
    r"(?:una|otra|tengo una)\s+(?:pregunta|duda)|me\s+pregunto\s+si|(?:quisiera|queria|quiero)\s+saber\s+si|"
    r"(?:any|is there a|is there any)\s+(?:way|chance)\s+(?:to|that|i|you)|how\s+bout|how\s+about)\b")
_ALTERNATIVE = re.compile(r"\b(?:or just|or only|before or after|o solo|o nomas|antes o despues|"
                          r"antes o luego)\b|"
                          r"\b(?:or not|o no)$")
# "do it", "do that": an imperative ("go ahead"), not a question.
_IMPERATIVE_OBJECTS = frozenset("it that this".split())
_CLAUSES = re.compile(r"[.,;:!?¿¡…\n]+")
CLAUSE_MARKS = _CLAUSES  # the marks that end a clause (actions/faq.py reads a no said at a clause's end)
_PRONOUNS = frozenset("he she i me my it you they we his her him el ella yo mi me lo la le nos".split())
# Verbs of a clause that asks, in a message that goes on after its "?" (names have none of them).
_ASKING_VERBS = frozenset("is are am was do does did can could will would should have has tengo tiene tienen "
                          "tenemos puede pueden puedo podemos es son esta estan va van voy hay debo debe "
                          "necesito necesita sabe saben perjudica afecta pasa".split())


def is_question(text: str) -> bool:
    """A clause of `text` asks something: it opens with a question word ("what", "¿quién", "qué"), an
    English auxiliary before its subject ("will he", "can I"), or "¿". Names never do: "Will Smith"
    has no subject after "will"; Spanish without accents or "¿" is left to the topics and the intent."""
    if not any(ch.isalpha() for ch in text):
        return False  # "¿¿??" asks nothing: the form's own example for a bad answer fits it better
    if "¿" in text:
        return True
    words = normalize(text).split()
    if text.rstrip().endswith("?") and len(words) >= 4 and _PRONOUNS & set(words):
        return True  # "he wont know it was me asking right?": a sentence with a person in it, asked
    for asked in re.findall(r"[^.!?]*\?", text):
        # "mi hermanita tiene q firmar algo? ella no quiere q nadie sepa": a clause asked with a verb in it
        clause = normalize(asked).split()
        if len(clause) >= 3 and _ASKING_VERBS & set(clause):
            return True
    for clause in _CLAUSES.split(text):
        words = normalize(clause).split()
        while words and words[0] in _ASIDES:
            words = words[1:]
        if not words:
            continue
        if words[0] in _WH_EN or _WH_ES.match(_strip_asides(clause)):
            return True
        joined = " ".join(words)
        if _ADDRESSED.match(joined) or _ASKING.match(joined) or _ALTERNATIVE.search(joined):
            return True
        if words[0] in _AUX_EN and len(words) > 1 and _subject_after_aux(words):
            return True
        if words[0] in ("if", "when", "once") and any(
                words[i] in _AUX_EN and _subject_after_aux(words[i:]) for i in range(2, len(words) - 1)):
            return True  # "if the judge lets him stay will you tell me that too": the question after its "if"
    return False


def _subject_after_aux(words: List[str]) -> bool:
    """The words after an English auxiliary start with its subject ("will he", "do yall", "can u guys");
    "do it", "do that" alone are an imperative."""
    if words[0] == "do" and words[1] in _IMPERATIVE_OBJECTS and len(words) <= 3:
        return False
    return words[1] in _SUBJECTS_EN or " ".join(words[1:3]) in _SUBJECTS_EN


def _strip_asides(clause: str) -> str:
    """The clause as written (accents kept) without the aside words that open it."""
    words = clause.split()
    while words and normalize(words[0]) in _ASIDES:
        words = words[1:]
    return " ".join(words)


# Leaving the sign-up: the whole clause is one of these, with fillers around it ("actually no... forget it").
_LEAVE_FILLERS = (r"oh|ok|okay|um|uh|actually|wait|no|nah|nope|sorry|just|please|hmm|you know what|"
                  r"on second thought|lol|then|thanks|ay|ah|mira|mejor|pues|oye|espera|sabe que|sabes que|"
                  r"perdon|"
                  r"disculpe|bueno|por favor|gracias|entonces|asi|ya")
_LEAVE = re.compile(
    rf"^(?:(?:{_LEAVE_FILLERS})\s+)*(?:"
    r"forget it|forget about it|forget this|forget that|forget the whole thing|never ?mind|nvm|"
    r"i(?: ve)? changed my mind|i (?:dont|do not) want to(?: do this| do it| sign up| continue| go on)?"
    r"(?: anymore| any more)?|i (?:dont|do not) want this(?: anymore)?|not anymore|leave it|drop it|lets "
    r"stop|"
    r"olvidalo|olvidelo|olvidenlo|olvida eso|olvide eso|olvidate|olvidese|olvidate de eso|olvidese de eso|"
    r"ya no quiero(?: hacer esto| inscribirme| registrarme| seguir| continuar| nada| esto)?|ya no me "
    r"interesa|"
    r"dejalo|dejelo|dejemoslo|cambie de opinion|"
    # "I have to go", "gotta go", "me tengo que ir": said alone, the person is leaving now
    r"i (?:have|got|ve got|need) to go(?: now)?|i gotta go(?: now)?|gotta go|got to go|gtg|g2g|"
    r"i (?:have|need) to leave(?: now)?|i must go|(?:me )?tengo que irme|me tengo que ir|ya me voy|me voy ya|"
    # "mejor lo dejo para el domingo", "lo dejo para otro día": put off to a day named
    r"(?:mejor\s+)?(?:lo|la|esto)\s+dejo\s+para\s+(?:(?:el|la|otro|otra)\s+(?:lunes|martes|miercoles|jueves|viernes|"
    r"sabado|domingo|fin|semana|dia|mes|rato)|despues|luego|manana|mas tarde)\b.*|"
    # "later", "not now", "luego", "otro día" as the whole answer: put off, the sign-up left for now
    # ("maybe later", "quizás luego" stay unclear: at the read-back they are neither yes nor no)
    r"(?:mejor\s+)?(?:later|not now|not right now|not today|another time|"
    r"some other time|another day|some other day|tomorrow|luego|despues|mas tarde|otro dia|otro rato|en otro momento|"
    r"ahora no|ahorita no|hoy no|al rato|manana)(?:\s+(?:then|mejor|pues|por favor|please))?)"
    # "forget it ill do it later when i find the paperwork", "olvidalo, lo hago otro dia"
    r"(?:\s+(?:i ll|ill|i will|i can|lo hago|lo hare|mejor lo hago|lo termino)"
    r"(?:\s+(?:do it|do this|finish it|come back|hacerlo))?\s+(?:later|despues|luego|otro dia|another time|tomorrow|manana)\b.*)?"
    rf"(?:\s+(?:{_LEAVE_FILLERS}))*$"
)


# "I'll do it later" with a reason to stop now ("im at work", "my cousin driving me to the ER now", "cuando
# salga del trabajo"): leaving too. A bare "I'll do it later" is not read as a goodbye.
_LATER = re.compile(
    r"\b(?:i ll|ill|i will|i can|ima|imma|i gotta|i have to|i need to|lo hago|lo hare|lo termino|lo sigo|"
    r"lo acabo|lo continuo|le sigo|lo hacemos|lo terminamos)\s+(?:(?:do|finish|continue|come back to|"
    r"hacer|terminar)\s+)?(?:it\s+|this\s+|that\s+)?(?:later|despues|luego|otro dia|another time|tomorrow|"
    r"manana|mas tarde|in a bit|al rato|ahorita)\b")
_NOT_NOW = re.compile(
    r"\b(?:now|right now|at work|working|in class|at school|driving|busy|too much|gotta go|have to go|"
    r"got to go|need to go|on my way|leaving|can t talk|cant talk|ahora|ahorita|trabajo|trabajando|en clase|"
    r"manejando|"
    r"ocupad[oa]|tengo que irme|me tengo que ir|me voy|ya me voy|es mucho|demasiado)\b")
# Going to the hospital, the ER or a doctor: with the leave, a line that their health comes first.
_HEALTH = re.compile(
    r"\b(?:hospital|emergency room|the er|to er|at er|in er|er now|urgent care|ambulance|doctor|doctors|"
    r"clinic|paramedics|urgencias|emergencias|sala de emergencias?|ambulancia|doctora|medico|medica|"
    r"clinica|paramedicos)\b")


def wants_to_leave(text: str) -> bool:
    """The person says to drop the sign-up: "forget it", "never mind", "olvídalo", "ya no quiero" as a
    clause of its own, or "I'll do it later" with a reason to stop now ("im at work", "my cousin is driving
    me to the ER now"). "Never mind the name, it's 12345" is a correction, not a goodbye."""
    if "?" in text and re.search(r"\b(?:have|got|need) to go\b|\btengo que ir", normalize(text)):
        return False  # "I have to go? like to court?": a question, not a goodbye
    if any(_LEAVE.match(normalize(clause)) for clause in _CLAUSES.split(text) if normalize(clause)):
        return True
    folded = normalize(text)
    later = _LATER.search(folded)
    return bool(later and (_NOT_NOW.search(folded[:later.start()] + " " + folded[later.end():])
                           or _HEALTH.search(folded)))


def mentions_health(text: str) -> bool:
    """The message says the person is going to the hospital, the ER or a doctor ("my cousin driving me to
    the ER", "voy a urgencias")."""
    return bool(_HEALTH.search(normalize(text)))


# Not understanding the question just asked ("wdym", "not sure what you mean", "q?? no entiendo"): the
# question is explained in other words (actions/clarify.py). Whole-message forms are short words only
# ("what?", "huh", "¿cómo?"); the rest must say it: "what do you mean", "no entiendo"... A bare "no sé" or
# "not sure" is an answer ("I don't know"), never confusion.
_LOST_ALONE = re.compile(
    r"^(?:(?:sorry|excuse me|pardon|pardon me|wait|um|uh|umm|hmm|hm|oh|ok|so|and|perdon|disculpe|disculpa|"
    r"espera|oye|este|mm|mmm|eh|ah|ay)\s+)*"
    r"(?:what|wat|wut|wha|huh|what now|come again|say again|say what|whats that|what is that|what was that|"
    r"que|q|k|ke|como|mande|que cosa|que es eso|como dice|como dijo|eh|que que)"
    r"(?:\s+(?:sorry|again|now|exactly|perdon|otra vez|de nuevo|eso))*$")
_LOST = _any(
    r"\b(?:not sure|unsure|dont know|do not know|no idea|idk|not certain)\s+what\s+(?:you|u|ya|youre|your)\s*"
    r"(?:mean|meant|re asking|are asking|asking|want|need|re saying|are saying|saying)\b",
    r"\bwhat\s+(?:do|did|does)\s+(?:you|u|ya|that|this|it|the question)\s+(?:mean|means|want|need)\b",
    # "I'm not sure what that means", "no sé qué significa eso", "¿qué significa eso?"
    r"\b(?:not sure|unsure|dont know|do not know|no idea|idk)\s+what\s+(?:that|this|it|the question)\s+"
    r"(?:means|mean|is asking|is)\b",
    r"\bno\s+(?:se|entiendo|estoy segur[oa] de)\s+(?:que|lo que)\s+(?:significa|quiere decir|me pregunta|pregunta)\b",
    r"^(?:y\s+)?(?:que|q)\s+significa(?:\s+(?:eso|esto|la pregunta))?\s*$",
    r"\bwhat\s+(?:are|r)\s+(?:you|u)\s+(?:asking|saying|talking about)\b", r"\bwdym\b", r"\bwym\b",
    r"\bwhats\s+the\s+question\b", r"\bwhat\s+is\s+the\s+question\b",
    r"\b(?:i\s+)?(?:dont|do not|didnt|did not|cant|can not|cannot|no)\s+(?:understand|undrstand|understan|"
    r"get it|get that|get what|follow|follow you|know what (?:that|this|it|you)\s*(?:is|means|mean|s)?)\b",
    r"\b(?:i\s*a?m|im)\s+(?:so\s+|a bit\s+|really\s+)?(?:confused|lost)\b", r"^confused\b",
    r"\b(?:explain|rephrase|say)\s+(?:that|this|it)\s*"
    r"(?:again|differently|another way|more simply|simpler)?\b",
    r"\bin\s+plain\s+(?:english|words)\b",
    r"\bno\s+(?:le|te|les)\s+(?:entendi|comprendi|entendimos)\b",
    # "me lo dice otra vez?", "repítame la pregunta", "can you say that again"
    r"\b(?:me\s+lo|lo)\s+(?:dice|dices|repite|repites|puede decir|puede repetir)\s+(?:otra vez|de nuevo)\b",
    r"\brepit(?:a|ame|amelo|elo|e|emelo)\b.{0,15}\b(?:pregunta|otra vez|por favor|porfa)\b",
    r"\bno\s+(?:entiendo|entendi|entiendo nada|le entiendo|te entiendo|comprendo|comprendi|capto|le sigo|"
    r"se que es eso|se que es|se a que se refiere|se que quiere decir|se lo que)\b",
    r"\b(?:que|q|k)\s+(?:quiere|quieres|quiso|quisiste)\s+decir\b", r"\ba\s+que\s+se\s+refiere\b",
    r"\ba\s+que\s+te\s+refieres\b", r"\b(?:estoy\s+)?confundid[oa]\b",
    # "perdido" alone is also a word in places ("the justice center on Perdido"): only "I am lost"
    r"\b(?:estoy|ando|me siento|me quede|quede)\s+(?:muy\s+|bien\s+|un poco\s+)?perdid[oa]\b",
    r"^perdid[oa]\b",
    r"\b(?:que|q)\s+significa\s+(?:eso|esto|todo eso|todo esto)\b",
    r"\bexpli(?:que|ca|queme|came|quemelo|camelo)\b",
    r"\b(?:me\s+lo\s+)?(?:puede|podria|puedes)\s+explicar\b",
    r"\bcomo\s+(?:asi|que)\s*$", r"\bque\s+me\s+(?:pregunta|preguntas|esta preguntando|estas preguntando)\b",
    r"\bno\s+se\s+(?:que|q)\s+(?:me\s+)?(?:pide|pides|pregunta|preguntas|necesita|necesitas)\b",
    # Not knowing about "these things" (never a bare "no sé" / "I don't know", which answer a question)
    r"\b(?:dont|do not|didnt|no)\s+(?:know|understand|get)\s+(?:much\s+|anything\s+|a lot\s+)?"
    r"(?:about\s+)?(?:these|this|such|all this|all these)\s+(?:things|stuff|kind of things|phone things)\b",
    r"\b(?:im|i am)\s+(?:not|no)\s+(?:good|great|smart)\s+(?:with|at)\s+(?:these|this|phones?|computers?)\b",
    r"\bno\s+(?:se|entiendo|comprendo|conozco)\s+(?:mucho\s+|nada\s+|bien\s+)?(?:de\s+)?(?:estas|esas)\s+"
    r"cosas\b",
    r"\b(?:de\s+)?(?:eso|esto|estas cosas)\s+(?:yo\s+)?no\s+(?:entiendo|comprendo|se nada)\b",
    r"\bno\s+(?:se|puedo)\s+(?:mucho\s+)?leer\b",
    r"\b(?:cant|can not|cannot|dont|do not)\s+read\s+(?:well|much|good)\b",
    # Asking to hear it another way
    r"\b(?:in\s+)?(?:other|simpler|plain|easier)\s+words\b",
    r"\b(?:say|put|explain|tell|word|phrase)\w*\s+(?:it\s+|that\s+|this\s+|me\s+)*(?:in\s+)?"
    r"(?:another|a different|an easier|a simpler|other)\s+way\b", r"^(?:in\s+)?another\s+way\b",
    r"\b(?:more\s+)?simpl(?:er|y)\s+please\b",
    r"\b(?:diga|digame|digamelo|decir|decirmelo|dicho|explique|expliquemelo|explicar|explicarmelo|explica|"
    r"ponga|pongalo|lo|me lo)\s+(?:\w+\s+)?de\s+otra\s+(?:forma|manera)\b",
    r"^de\s+otra\s+(?:forma|manera)\b", r"\ben\s+otras\s+palabras\b",
    r"\bmas\s+(?:sencillo|claro|despacio)\b",
    r"\bcon\s+palabras\s+(?:sencillas|simples|faciles)\b",
    r"\bno\s+le\s+(?:comprendo|agarro|capto)\b", r"\b(?:what|wat)\s+(?:does|do)\s+(?:all\s+)?that\s+mean\b",
)


# What may stand around the words of not understanding in a message that says nothing else ("Im sorry I dont
# understand the question", "perdón mija no le entiendo a la pregunta").
_CONFUSION_FILLER = frozenset(
    "sorry im i am so really still honey sweetie dear maam sir miss mister the question questions that this "
    "it what you mean please again but um uh oh ok okay well just a bit little lo siento perdon perdone "
    "disculpe disculpa mija mijo senora senor senorita la pregunta preguntas eso esto le lo me que q pero "
    "todavia de nuevo otra vez por favor porfa y and oops ay".split())


def only_confusion(text: str) -> bool:
    """The whole message says the person did not understand, and nothing else: no feeling, no event, no
    answer. It carries no sign of danger by itself (the danger classifier once read "Im sorry I dont
    understand the question" as thoughts of suicide)."""
    if not is_confused(text):
        return False
    folded = normalize(text)
    rest = _LOST.sub(" ", _LOST_ALONE.sub(" ", folded))
    return all(word in _CONFUSION_FILLER for word in rest.split())


def is_confused(text: str) -> bool:
    """The person did not understand what was just asked ("wdym", "Excuse me, I do not understand",
    "q?? no entiendo"). Button payloads never are."""
    if text.startswith("/"):
        return False
    if re.fullmatch(r"\s*[¿?]+[!¡]*\s*", text):
        return True  # "?" alone, texted back to a question: what do you mean?
    folded = normalize(text)
    if not folded:
        return False
    if folded in ("k", "kk") and "?" not in text:
        return False  # texted "k" is "ok"; "k?" is "¿qué?"
    return bool(_LOST_ALONE.match(folded) or _LOST.search(folded))
