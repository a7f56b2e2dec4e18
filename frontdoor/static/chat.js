"use strict";
// The chat widget. No library, no build step, no third-party request, no cookies.
// Everything anyone writes is shown with textContent: no HTML is ever interpreted.
(function () {
  const root = document.getElementById("chat");
  const config = JSON.parse(root.dataset.config);
  const log = document.getElementById("log");
  const form = document.getElementById("form");
  const input = document.getElementById("message");
  const typing = document.getElementById("typing");
  const SESSION_KEY = "llr-chat-session";
  // The language chosen from the menu: kept for this tab's session only, like the chat.
  const LANGUAGE_KEY = "llr-chat-language";
  const REPLY_TIMEOUT_MS = 12000;
  let busy = false;
  let shownId = sessionStorage.getItem(SESSION_KEY); // the conversation the page shows

  function newSessionId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // One id per browser tab: sessionStorage, never localStorage or cookies.
  function sessionId() {
    let id = sessionStorage.getItem(SESSION_KEY);
    if (!id) {
      id = newSessionId();
      sessionStorage.setItem(SESSION_KEY, id);
    }
    return id;
  }

  // Phone numbers become tel: links, "text ... to N" becomes sms:, web addresses links.
  const URL_RE = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;
  function linkTargets(text) {
    const found = [];
    for (const match of text.matchAll(URL_RE)) {
      found.push({ start: match.index, end: match.index + match[0].length, href: match[0] });
    }
    for (const number of config.phones) {
      let from = 0;
      for (let at = text.indexOf(number, from); at !== -1; at = text.indexOf(number, from)) {
        from = at + number.length;
        const before = text.slice(Math.max(0, at - 24), at).toLowerCase();
        const sms = config.texts.find((t) => t.number === number && /\btext\b[^.]*\bto\s*$/.test(before));
        const digits = number.replace(/\s+/g, "");
        const href = sms ? "sms:" + digits + (sms.word ? "?&body=" + encodeURIComponent(sms.word) : "") : "tel:" + digits;
        found.push({ start: at, end: from, href });
      }
    }
    found.sort((a, b) => a.start - b.start);
    return found.filter((item, i) => i === 0 || item.start >= found[i - 1].end);
  }

  function renderText(element, text) {
    let cursor = 0;
    for (const target of linkTargets(text)) {
      if (target.start < cursor) continue;
      element.append(document.createTextNode(text.slice(cursor, target.start)));
      const link = document.createElement("a");
      link.href = target.href;
      link.textContent = text.slice(target.start, target.end);
      if (target.href.startsWith("http")) {
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      }
      element.append(link);
      cursor = target.end;
    }
    element.append(document.createTextNode(text.slice(cursor)));
  }

  function bubble(text, who, lang) {
    const item = document.createElement("div");
    item.className = "bubble bubble--" + who;
    if (lang) item.lang = lang;
    const label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = (who === "user" ? config.ui.you_said : config.ui.helper_said) + " ";
    item.append(label);
    const body = document.createElement("p");
    body.dir = "auto"; // a right-to-left language reads right to left in any page
    renderText(body, text);
    item.append(body);
    log.append(item);
    return item;
  }

  function textElement(tag, className, text) {
    const element = document.createElement(tag);
    element.className = className;
    element.dir = "auto";
    element.textContent = text;
    return element;
  }

  // A list of services as cards, in place of its text (README "Front door API"): a name,
  // what it is for, open now, and links with words. Links go only to tel:, sms: or https:.
  const CARD_LINK = /^(tel:|sms:|https:\/\/)/;
  let cardCount = 0;
  function signpostCards(cards, lang) {
    const list = document.createElement("ul");
    list.className = "cards";
    if (lang) list.lang = lang;
    for (const c of cards) {
      const item = document.createElement("li");
      item.className = "card";
      const name = textElement("h2", "card__name", c.name);
      name.id = "card-" + ++cardCount;
      item.append(name, textElement("p", "card__for", c.for));
      if (c.hours) item.append(textElement("p", "card__hours" + (c.open ? " card__hours--open" : ""), c.hours));
      if (c.note) item.append(textElement("p", "card__note", c.note));
      const links = document.createElement("p");
      links.className = "card__links";
      for (const l of c.links || []) {
        if (!CARD_LINK.test(l.href)) continue;
        const link = textElement("a", "card__link card__link--" + l.kind, l.label);
        link.href = l.href;
        link.setAttribute("aria-describedby", name.id); // "Chat online", with whom
        if (l.href.startsWith("https:")) {
          link.target = "_blank";
          link.rel = "noopener noreferrer";
        }
        links.append(link);
      }
      item.append(links);
      list.append(item);
    }
    log.append(list);
  }

  function clearButtons() {
    for (const row of log.querySelectorAll(".quick-replies")) row.remove();
  }

  function quickReplies(buttons) {
    if (!buttons.length) return;
    const row = document.createElement("div");
    row.className = "quick-replies";
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Suggested replies");
    for (const b of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "quick-reply";
      button.textContent = b.title;
      button.addEventListener("click", () => send(b.payload, b.title));
      row.append(button);
    }
    log.append(row);
  }

  function showBot(messages) {
    for (const m of messages) {
      if (m.cards && m.cards.length) signpostCards(m.cards, m.lang);
      else if (m.text) bubble(m.text, "bot", m.lang);
      quickReplies(m.buttons || []);
    }
    log.scrollTop = log.scrollHeight;
  }

  function setBusy(on) {
    busy = on;
    typing.hidden = !on;
    form.querySelector("button").disabled = on;
  }

  // shown: the words for the user's bubble (a button's title); null sends without one.
  async function send(message, shown) {
    if (busy || !message.trim()) return;
    clearButtons();
    if (shown !== null) bubble(shown || message, "user");
    log.scrollTop = log.scrollHeight;
    setBusy(true);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REPLY_TIMEOUT_MS);
    try {
      const response = await fetch("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ session_id: (shownId = sessionId()), message }),
        signal: controller.signal,
        credentials: "omit",
      });
      const data = await response.json();
      showBot(data.messages || [{ text: data.error || "" }].concat(config.offline));
    } catch (err) {
      showBot(config.offline); // cannot reach the server: the emergency lines baked into the page
    } finally {
      clearTimeout(timer);
      setBusy(false);
      input.focus();
    }
  }

  // The welcome; in another language, the bot's families' welcome in it (which also
  // tells the bot the language).
  function start() {
    log.replaceChildren(); // what the server drew for a browser without JavaScript
    showBot(config.welcome);
    if (config.language_payload) send(config.language_payload, null);
  }

  function clearChat() {
    window.llrForget(sessionStorage.getItem(SESSION_KEY));
    sessionStorage.removeItem(SESSION_KEY);
    shownId = null;
    input.value = "";
    start();
    input.focus();
  }

  // The page's language is the one chosen in this tab: a page opened without ?lang=
  // goes back to it, and choosing another starts a new conversation in that one.
  function keepLanguage() {
    const chosen = sessionStorage.getItem(LANGUAGE_KEY);
    const asked = new URLSearchParams(window.location.search).has("lang");
    if (chosen && chosen !== config.language && !asked) {
      window.location.replace("/?lang=" + encodeURIComponent(chosen));
      return false;
    }
    if (chosen && chosen !== config.language) {
      window.llrForget(sessionStorage.getItem(SESSION_KEY));
      sessionStorage.removeItem(SESSION_KEY);
    }
    sessionStorage.setItem(LANGUAGE_KEY, config.language);
    return true;
  }

  // The quick exit is exit.js's: it deletes the conversation, then asks for it to go from the page.
  document.addEventListener("llr-exit", () => {
    log.replaceChildren();
    input.value = "";
  });

  // Back to this page (from the back/forward cache) after a quick exit, here or from
  // another page of this tab: the conversation it showed is gone, so it starts again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && (sessionStorage.getItem(SESSION_KEY) !== shownId || !log.hasChildNodes())) {
      shownId = null;
      if (keepLanguage()) start();
    }
  });

  // "Clear chat" and the bot's buttons are the form's submit buttons, for a browser without JavaScript.
  document.getElementById("clear").addEventListener("click", (event) => {
    event.preventDefault();
    clearChat();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = event.submitter;
    if (button && button.name === "payload") {
      send(button.value, button.textContent);
      return;
    }
    const text = input.value;
    input.value = "";
    send(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  if (root.dataset.served) {
    // The page's form was sent before this script ran: the conversation it holds goes on here.
    shownId = form.elements.session_id.value;
    sessionStorage.setItem(SESSION_KEY, shownId);
    sessionStorage.setItem(LANGUAGE_KEY, config.language);
  } else if (keepLanguage()) {
    start();
  }
})();
