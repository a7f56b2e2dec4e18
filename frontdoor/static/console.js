// Staff console: sign in, chat in a test conversation, see each turn's NLU and actions,
// flag wrong replies, save the conversation as a test story. Text only (textContent).
// Batch testing and the maintainers' review queue are console-batch.js and console-review.js.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  // me: who is signed in; tabs: what a tab does when shown; signedIn: what to do at sign-in
  const app = { me: null, tabs: {}, signedIn: [] };
  window.llrConsole = app;
  let sessionId = null;

  app.call = async function call(path, body) {
    const options = body === undefined
      ? { credentials: "same-origin" }
      : { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(`/console/api/${path}`, options);
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 && path !== "login") showLogin();
    if (!response.ok) throw Object.assign(new Error(data.error || `Error ${response.status}`), { status: response.status, data });
    return data;
  };

  const call = app.call;
  app.pct = (confidence) => (confidence == null ? "" : `${(confidence * 100).toFixed(0)}%`);

  // An intent list that starts on "choose…": a default would be flagged unread.
  app.fillIntents = function fillIntents(select, intents = app.me.intents, first = "choose…") {
    const placeholder = new Option(first, "", true, true);
    placeholder.disabled = first === "choose…";
    select.replaceChildren(placeholder, ...intents.map((name) => new Option(name, name)));
  };

  function showLogin() {
    $("login").hidden = false;
    $("workspace").hidden = true;
    $("who").hidden = true;
  }

  function showTab(name) {
    for (const button of document.querySelectorAll("[data-tab]")) {
      const on = button.dataset.tab === name;
      button.setAttribute("aria-pressed", String(on));
      $(`tab-${button.dataset.tab}`).hidden = !on;
    }
    if (app.tabs[name]) app.tabs[name]();
  }

  async function showWorkspace() {
    app.me = await call("me");
    $("user").textContent = app.me.user;
    $("role").textContent = app.me.role;
    for (const button of document.querySelectorAll(".maintainer")) button.hidden = !app.me.maintainer;
    $("who").hidden = false;
    $("login").hidden = true;
    $("workspace").hidden = false;
    showTab("chat");
    for (const hook of app.signedIn) hook();
    await newConversation();
  }

  async function newConversation() {
    sessionId = (await call("conversation", {})).session_id;
    $("turns").replaceChildren();
    $("status").textContent = "New conversation started.";
    $("message").focus();
  }

  app.flag = async function flag(session, turn, intent, comment) {
    if (!intent) throw new Error("Choose the intent it should have been.");
    const result = await call("flag", { session_id: session, turn, intent, comment });
    return result.updated ? `Review queue item #${result.flag} updated.` : `Added to the review queue (#${result.flag}).`;
  };

  function render(turn, messages) {
    const item = $("turn-template").content.firstElementChild.cloneNode(true);
    item.querySelector(".said").textContent = turn.text;
    for (const message of messages) {
      const bubble = document.createElement("p");
      bubble.textContent = message.text + (message.buttons.length ? `  [${message.buttons.map((b) => b.title).join("] [")}]` : "");
      item.querySelector(".replies").append(bubble);
    }
    item.querySelector(".intent").textContent = `${turn.intent.name} ${app.pct(turn.intent.confidence)}`;
    item.querySelector(".next").textContent = turn.next_best.map((i) => `${i.name} ${app.pct(i.confidence)}`).join(", ") || "-";
    item.querySelector(".entities").textContent = turn.entities.map((e) => `${e.entity}=${e.value} ("${e.text}")`).join(", ") || "-";
    const safety = item.querySelector(".safety");
    safety.textContent = turn.safety;
    if (turn.safety_net.fired || turn.safety_net.statement) safety.classList.add("fired");
    if (turn.safety_net.rule) {
      item.querySelector(".rule").hidden = false;
      item.querySelector(".rule-text").textContent = turn.safety_net.rule;
    }
    item.querySelector(".actions").textContent = turn.actions.join(" → ") || "-";
    const select = item.querySelector(".flag-intent");
    app.fillIntents(select);
    item.querySelector(".flag-send").addEventListener("click", async () => {
      const status = item.querySelector(".flag-status");
      try {
        status.textContent = await app.flag(sessionId, turn.index, select.value, item.querySelector(".flag-comment").value);
      } catch (error) {
        status.textContent = error.message;
      }
    });
    $("turns").append(item);
    item.scrollIntoView({ block: "end" });
  }

  async function saveStory(replace) {
    $("replace-story").hidden = true;
    try {
      const result = await call("story", { session_id: sessionId, name: $("story-name").value, replace });
      const n = result.corrected.length;
      const corrected = n ? ` Turn${n > 1 ? "s" : ""} ${result.corrected.join(", ")} expect${n > 1 ? "" : "s"} the corrected intent.` : "";
      $("status").textContent = `Saved as ${result.path}.${corrected}`;
    } catch (error) {
      if (error.status === 409 && error.data.exists) {
        $("replace-question").textContent = error.message;
        $("replace-story").hidden = false;
        $("replace-yes").focus();
        return;
      }
      $("status").textContent = error.message;
    }
  }

  $("login").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("login-error").textContent = "";
    try {
      await call("login", { username: $("username").value, password: $("password").value });
      $("password").value = "";
      await showWorkspace();
    } catch (error) {
      $("login-error").textContent = error.message;
    }
  });

  $("logout").addEventListener("click", async () => {
    await call("logout", {}).catch(() => {});
    showLogin();
  });

  for (const button of document.querySelectorAll("[data-tab]")) {
    button.addEventListener("click", () => showTab(button.dataset.tab));
  }

  $("new").addEventListener("click", () => newConversation().catch((e) => { $("status").textContent = e.message; }));

  $("say").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("message").value.trim();
    if (!text) return;
    $("message").value = "";
    try {
      const result = await call("chat", { session_id: sessionId, message: text });
      if (result.turn) render(result.turn, result.messages);
    } catch (error) {
      $("status").textContent = error.message;
    }
  });

  $("save-story").addEventListener("click", () => saveStory(false));
  $("replace-yes").addEventListener("click", () => saveStory(true));
  $("replace-no").addEventListener("click", () => {
    $("replace-story").hidden = true;
    $("status").textContent = "Not saved: give it another name.";
    $("story-name").focus();
  });

  showWorkspace().catch(showLogin);
})();
