// The web chat widget: socket.io to the Rasa server, messages shown as text only (never HTML),
// the conversation id kept in sessionStorage only (gone when the tab closes), a quick exit that
// replaces this page and leaves nothing to go back to.
//
// The page's language follows the conversation's: whichever came last of the person's choice on the
// English/Español switch (which also switches the conversation) and the language of the assistant's
// last message that names one (`metadata.language`, bot/channels/socketio.py). Before either: the one
// kept for this tab, else the browser's (Spanish or English), else English.
(function () {
  "use strict";

  var TEXTS = {
    en: {
      exit: "Quick exit", exitHelp: "Leaves this page at once. You can also press the Escape key.",
      title: "Find out when an offender is released, moved or deported",
      safety: "If you are in danger, call 911.", label: "Your message", send: "Send",
      placeholder: "Type here and press Send", newTab: "Opens in a new tab.",
      privacy: "This chat is kept only while this tab is open. Nothing is saved in your browser after you close it.",
      connecting: "Connecting…", offline: "Not connected. Trying again…", log: "Conversation",
      you: "You", bot: "Assistant", hello: "hello", pageTitle: "Victim notification help"
    },
    es: {
      exit: "Salida rápida", exitHelp: "Sale de esta página de inmediato. También puede pulsar la tecla Escape.",
      title: "Sepa cuándo un agresor sale libre, lo trasladan o lo deportan",
      safety: "Si está en peligro, llame al 911.", label: "Su mensaje", send: "Enviar",
      placeholder: "Escriba aquí y pulse Enviar", newTab: "Se abre en una pestaña nueva.",
      privacy: "Este chat solo se guarda mientras esta pestaña esté abierta. No queda nada en su navegador al cerrarla.",
      connecting: "Conectando…", offline: "Sin conexión. Intentando de nuevo…", log: "Conversación",
      you: "Usted", bot: "Asistente", hello: "hola", pageTitle: "Ayuda con avisos para víctimas"
    }
  };
  var SESSION_KEY = "chat_session";
  var LANG_KEY = "chat_lang";
  var body = document.body;
  var log = document.getElementById("log");
  var statusLine = document.getElementById("status");
  var input = document.getElementById("message");
  // sessionStorage may be disabled: the page must still work (and the quick exit above all).
  var memory = {};
  function stored(key) { try { return window.sessionStorage.getItem(key); } catch (e) { return memory[key] || null; } }
  function store(key, value) { try { window.sessionStorage.setItem(key, value); } catch (e) { memory[key] = value; } }
  var lang = stored(LANG_KEY) || ((navigator.language || "en").slice(0, 2) === "es" ? "es" : "en");

  // --- quick exit: first in the focus order, and the Escape key anywhere ---------------------
  function quickExit(event) {
    if (event) { event.preventDefault(); }
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be disabled */ }
    memory = {};
    if (socket) { socket.disconnect(); }
    // replace(): the chat page does not stay in the history. Without this script the link still leaves.
    window.location.replace(body.getAttribute("data-exit-url") || "/neutral");
  }
  document.getElementById("exit").addEventListener("click", quickExit);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !event.isComposing) { quickExit(event); }
  });

  // --- page language -------------------------------------------------------------------------
  function applyLanguage() {
    document.documentElement.lang = lang;
    var texts = TEXTS[lang];
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (node) {
      node.textContent = texts[node.getAttribute("data-i18n")];
    });
    log.setAttribute("aria-label", texts.log);
    input.setAttribute("placeholder", texts.placeholder);
    document.title = texts.pageTitle;
    document.getElementById("lang-en").setAttribute("aria-pressed", String(lang === "en"));
    document.getElementById("lang-es").setAttribute("aria-pressed", String(lang === "es"));
    store(LANG_KEY, lang);
  }
  // The assistant answered in `next`: the page follows, without telling the assistant (it knows).
  function followLanguage(next) {
    if ((next === "en" || next === "es") && next !== lang) {
      lang = next;
      applyLanguage();
    }
  }
  function switchLanguage(next) {
    if (next === lang) { return; }
    lang = next;
    applyLanguage();
    // The conversation switches too: the assistant answers in the chosen language from now on.
    send(next === "es" ? "/switch_to_spanish" : "/switch_to_english", null);
  }
  document.getElementById("lang-en").addEventListener("click", function () { switchLanguage("en"); });
  document.getElementById("lang-es").addEventListener("click", function () { switchLanguage("es"); });

  // --- the transcript: text nodes and links, built as elements (never HTML) ----------------------
  // Web addresses (with http(s):// or a bare name on a known ending) and US phone numbers (and 911,
  // 988) in the assistant's messages become links; anything else stays text. Only http(s) and tel.
  var LINKABLE = new RegExp(
    "(https?:\\/\\/[^\\s<>\"]+)" +
    "|((?:www\\.)?[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.(?:gov|org|com|net|edu|us)(?:\\/[^\\s<>\"]*)?)" +
    "|((?:\\+?1[-. ])?(?:\\(\\d{3}\\) ?|\\d{3}[-. ])\\d{3}[-. ]\\d{4}|911|988)",
    "gi");
  var TRAILING = /[.,;:!?'"”’»)\]]+$/;
  // 555-0100 to 555-0199 are reserved for fiction: the examples in our messages show a format.
  var FICTIONAL = /555[-. ]01\d\d$/;

  function webLink(text) {
    var url;
    try { url = new URL(/^https?:\/\//i.test(text) ? text : "https://" + text); } catch (e) { return null; }
    if (url.protocol !== "https:" && url.protocol !== "http:") { return null; }
    var link = document.createElement("a");
    link.href = url.href;
    link.target = "_blank";  // the conversation stays open in this tab
    link.rel = "noopener noreferrer";
    link.setAttribute("aria-describedby", "new-tab-help");
    link.textContent = text;
    return link;
  }
  function phoneLink(text) {
    if (FICTIONAL.test(text)) { return null; }
    var digits = text.replace(/\D/g, "");
    if (digits.length === 11) { digits = "+" + digits; } else if (digits.length === 10) { digits = "+1" + digits; }
    var link = document.createElement("a");
    link.href = "tel:" + digits;
    link.textContent = text;
    return link;
  }
  // The part of a match to link, or "" when it is inside a word, a number or an e-mail address.
  function linkable(text, match) {
    var before = text.charAt(match.index - 1);
    var found = match[0];
    if (match[3]) {
      var after = text.charAt(match.index + found.length);
      return /[\w+\-\/.]/.test(before) || /\w/.test(after) || /^[-.]\d/.test(text.substr(match.index + found.length, 2))
        ? "" : found;
    }
    if (match[2] && /[\w@.\/\-]/.test(before)) { return ""; }
    var trimmed = found.replace(TRAILING, "");
    // a closing bracket belongs to the address when it opens one ("…/Pages(1)")
    while (found.length > trimmed.length && found.charAt(trimmed.length) === ")" &&
           (trimmed.split("(").length > trimmed.split(")").length)) {
      trimmed += ")";
    }
    if (match[2] && text.charAt(match.index + found.length) === "@") { return ""; }
    return trimmed;
  }
  function appendLinked(parent, text) {
    var last = 0;
    var match;
    LINKABLE.lastIndex = 0;
    while ((match = LINKABLE.exec(text)) !== null) {
      var part = linkable(text, match);
      var link = part ? (match[3] ? phoneLink(part) : webLink(part)) : null;
      if (!link) { continue; }
      if (match.index > last) { parent.appendChild(document.createTextNode(text.slice(last, match.index))); }
      parent.appendChild(link);
      last = match.index + part.length;
      LINKABLE.lastIndex = last;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }
  function addMessage(who, text, language) {
    var item = document.createElement("div");
    item.className = "msg " + who;
    if (language) { item.lang = language; }
    var speaker = document.createElement("span");
    speaker.className = "visually-hidden";
    speaker.textContent = (who === "me" ? TEXTS[lang].you : TEXTS[lang].bot) + ": ";
    item.appendChild(speaker);
    if (who === "bot") { appendLinked(item, text); } else { item.appendChild(document.createTextNode(text)); }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }
  function addChoices(buttons) {
    var group = document.createElement("div");
    group.className = "choices";
    buttons.forEach(function (button) {
      var choice = document.createElement("button");
      choice.type = "button";
      choice.textContent = String(button.title || "");
      choice.addEventListener("click", function () {
        group.parentNode.removeChild(group);
        input.focus(); // the pressed button is gone: keep the keyboard focus somewhere useful
        send(String(button.payload || button.title || ""), String(button.title || ""));
      });
      group.appendChild(choice);
    });
    log.appendChild(group);
    log.scrollTop = log.scrollHeight;
  }

  // --- the connection --------------------------------------------------------------------------
  var newSession = !stored(SESSION_KEY);
  function sessionId() {
    var id = stored(SESSION_KEY);
    if (!id) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      id = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      store(SESSION_KEY, id);
    }
    return id;
  }
  var socket = null;
  var started = false;
  var ready = false;   // messages wait until the server has put this tab in its conversation
  var waiting = [];
  function send(payload, shown) {
    if (!payload) { return; }
    if (shown !== null) { addMessage("me", shown === undefined ? payload : shown); }
    var message = { message: payload, session_id: sessionId(), customData: { language: lang } };
    if (ready) { socket.emit("user_uttered", message); } else { waiting.push(message); }
  }
  function connect() {
    statusLine.textContent = TEXTS[lang].connecting;
    socket = window.io(body.getAttribute("data-socket-url"), { transports: ["websocket", "polling"] });
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: sessionId() });
    });
    socket.on("session_confirm", function () {
      statusLine.textContent = "";
      ready = true;
      if (!started && newSession) {
        // Greet only a new conversation: after a reload, "hello" must not answer the last question.
        send(TEXTS[lang].hello, null);
      }
      started = true;
      while (waiting.length) { socket.emit("user_uttered", waiting.shift()); }
    });
    socket.on("disconnect", function () { ready = false; statusLine.textContent = TEXTS[lang].offline; });
    socket.on("bot_uttered", function (message) {
      var language = message && message.metadata && message.metadata.language;
      language = language === "en" || language === "es" ? language : null;
      if (language) { followLanguage(language); }
      if (message && message.text) { addMessage("bot", String(message.text), language); }
      var buttons = message && (message.quick_replies || message.buttons);
      if (buttons && buttons.length) { addChoices(buttons); }
    });
  }

  document.getElementById("composer").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text, text);
  });

  applyLanguage();
  connect();
}());
