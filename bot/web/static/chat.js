// The web chat widget: socket.io to the Rasa server, messages shown as text only (never HTML),
// the conversation id kept in sessionStorage only (gone when the tab closes), a quick exit that
// replaces this page and leaves nothing to go back to.
(function () {
  "use strict";

  var TEXTS = {
    en: {
      exit: "Quick exit", exitHelp: "Leaves this page at once. You can also press the Escape key.",
      title: "Find out when an offender is released, moved or deported",
      safety: "If you are in danger, call 911.", label: "Your message", send: "Send",
      privacy: "This chat is kept only while this tab is open. Nothing is saved in your browser after you close it.",
      connecting: "Connecting…", offline: "Not connected. Trying again…", log: "Conversation",
      you: "You", bot: "Assistant", hello: "hello", pageTitle: "Victim notification help"
    },
    es: {
      exit: "Salida rápida", exitHelp: "Sale de esta página de inmediato. También puede pulsar la tecla Escape.",
      title: "Sepa cuándo un agresor sale libre, lo trasladan o lo deportan",
      safety: "Si está en peligro, llame al 911.", label: "Su mensaje", send: "Enviar",
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
    document.title = texts.pageTitle;
    document.getElementById("lang-en").setAttribute("aria-pressed", String(lang === "en"));
    document.getElementById("lang-es").setAttribute("aria-pressed", String(lang === "es"));
    store(LANG_KEY, lang);
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

  // --- the transcript: text nodes only ---------------------------------------------------------
  function addMessage(who, text) {
    var item = document.createElement("div");
    item.className = "msg " + who;
    var speaker = document.createElement("span");
    speaker.className = "visually-hidden";
    speaker.textContent = (who === "me" ? TEXTS[lang].you : TEXTS[lang].bot) + ": ";
    item.appendChild(speaker);
    item.appendChild(document.createTextNode(text));
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
      if (message && message.text) { addMessage("bot", String(message.text)); }
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
