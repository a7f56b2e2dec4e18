// Staff console: sign in, chat in a test conversation, see each turn's NLU and actions,
// flag wrong replies, save the conversation as a test story. Text only (textContent).
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let sessionId = null;
  let intents = [];

  async function call(path, body) {
    const options = body === undefined
      ? { credentials: "same-origin" }
      : { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(`/console/api/${path}`, options);
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 && path !== "login") showLogin();
    if (!response.ok) throw new Error(data.error || `Error ${response.status}`);
    return data;
  }

  function showLogin() {
    $("login").hidden = false;
    $("workspace").hidden = true;
    $("who").hidden = true;
  }

  async function showWorkspace() {
    const me = await call("me");
    intents = me.intents;
    $("user").textContent = me.user;
    $("who").hidden = false;
    $("login").hidden = true;
    $("workspace").hidden = false;
    await newConversation();
  }

  async function newConversation() {
    sessionId = (await call("conversation", {})).session_id;
    $("turns").replaceChildren();
    $("status").textContent = "New conversation started.";
    $("message").focus();
  }

  function pct(confidence) {
    return confidence == null ? "" : ` ${(confidence * 100).toFixed(0)}%`;
  }

  function render(turn, messages) {
    const item = $("turn-template").content.firstElementChild.cloneNode(true);
    item.querySelector(".said").textContent = turn.text;
    for (const message of messages) {
      const bubble = document.createElement("p");
      bubble.textContent = message.text + (message.buttons.length ? `  [${message.buttons.map((b) => b.title).join("] [")}]` : "");
      item.querySelector(".replies").append(bubble);
    }
    item.querySelector(".intent").textContent = `${turn.intent.name}${pct(turn.intent.confidence)}`;
    item.querySelector(".next").textContent = turn.next_best.map((i) => `${i.name}${pct(i.confidence)}`).join(", ") || "-";
    item.querySelector(".entities").textContent = turn.entities.map((e) => `${e.entity}=${e.value} ("${e.text}")`).join(", ") || "-";
    const safety = item.querySelector(".safety");
    const net = turn.safety_net || {};
    if (net.fired) {
      safety.textContent = `FIRED: ${net.risk} (rule: ${net.rule})`;
      safety.classList.add("fired");
    } else {
      safety.textContent = net.demoted ? `held back a ${net.demoted.name} guess${pct(net.demoted.confidence)}` : "quiet";
    }
    item.querySelector(".actions").textContent = turn.actions.join(" → ") || "-";
    const select = item.querySelector(".flag-intent");
    // No intent chosen until the worker chooses one: a default would be flagged unread.
    const placeholder = new Option("choose…", "", true, true);
    placeholder.disabled = true;
    select.append(placeholder);
    for (const name of intents) select.append(new Option(name, name));
    item.querySelector(".flag-send").addEventListener("click", async () => {
      const status = item.querySelector(".flag-status");
      try {
        const result = await call("flag", {
          session_id: sessionId, turn: turn.index, intent: select.value,
          comment: item.querySelector(".flag-comment").value,
        });
        status.textContent = result.updated
          ? `Review queue item #${result.flag} updated.`
          : `Added to the review queue (#${result.flag}).`;
      } catch (error) {
        status.textContent = error.message;
      }
    });
    $("turns").append(item);
    item.scrollIntoView({ block: "end" });
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

  $("save-story").addEventListener("click", async () => {
    try {
      const result = await call("story", { session_id: sessionId, name: $("story-name").value });
      $("status").textContent = `Saved as ${result.path}.`;
    } catch (error) {
      $("status").textContent = error.message;
    }
  });

  call("me").then(showWorkspace, showLogin);
})();
