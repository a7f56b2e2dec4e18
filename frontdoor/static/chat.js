"use strict";
// Minimal chat client; the full widget replaces this.
(function () {
  const root = document.getElementById("chat-root");
  const log = document.createElement("div");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  const form = document.createElement("form");
  const input = document.createElement("input");
  input.setAttribute("aria-label", "Your message");
  const send = document.createElement("button");
  send.textContent = "Send";
  form.append(input, send);
  root.append(log, form);
  const sid = sessionStorage.getItem("sid") || (() => {
    const a = new Uint8Array(16); crypto.getRandomValues(a);
    const id = Array.from(a, b => b.toString(16).padStart(2, "0")).join("");
    sessionStorage.setItem("sid", id); return id;
  })();
  function show(text, who) {
    const p = document.createElement("p");
    p.className = "bubble " + who;
    p.textContent = text;
    log.append(p);
  }
  async function say(text) {
    show(text, "user");
    const r = await fetch("/api/chat", {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({session_id: sid, message: text})});
    const data = await r.json();
    for (const m of data.messages || []) show(m.text, "bot");
  }
  form.addEventListener("submit", e => { e.preventDefault(); const t = input.value.trim(); input.value = ""; if (t) say(t); });
})();
