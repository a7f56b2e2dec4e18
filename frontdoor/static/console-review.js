// Maintainers: the review queue (accept, reject, force with a reason, undo) and the last
// retrain report. The server makes the same checks as `python -m scripts.review`.
"use strict";
(function () {
  const app = window.llrConsole;
  const $ = (id) => document.getElementById(id);

  function item(flag, accepted) {
    const li = $("item-template").content.firstElementChild.cloneNode(true);
    const when = new Date(flag.created_at * 1000).toLocaleString("en-GB");
    li.querySelector(".item-head").textContent = `#${flag.id} flagged by ${flag.flagged_by}, ${when}`;
    li.querySelector(".item-message").textContent = flag.message;
    const guesses = flag.classifier_ranking.slice(0, 3).map((g) => `${g.name} ${app.pct(g.confidence)}`).join(", ");
    li.querySelector(".item-said").textContent =
      `Bot: ${flag.predicted_intent} ${app.pct(flag.confidence)}` + (guesses ? `; classifier: ${guesses}` : "") +
      `. Should be: ${flag.expected_intent}` + (flag.comment ? ` (“${flag.comment}”)` : "");
    li.querySelector(".item-note").textContent = flag.resolution || "";
    const select = li.querySelector(".item-intent");
    const status = li.querySelector(".item-status");
    const reason = li.querySelector(".item-reason");
    app.fillIntents(select, app.me.intents.filter((name) => name !== "new situation"), "the one flagged");
    if (flag.expected_intent !== "new situation") select.value = flag.expected_intent;
    for (const element of li.querySelectorAll(".item-actions > label, .item-accept, .item-reject")) element.hidden = accepted;
    li.querySelector(".item-undo").hidden = !accepted;

    async function act(path, body) {
      status.textContent = "";
      try {
        const result = await app.call(`review/${path}`, { id: flag.id, ...body });
        $("review-status").textContent = result.message;
        show(result);
      } catch (error) {
        status.textContent = error.message;
        // Only the safety check refused it: offer to force it, with the reason given.
        li.querySelector(".item-force").hidden = !(error.data && error.data.can_force);
        if (error.data && error.data.can_force) reason.focus();
      }
    }
    li.querySelector(".item-accept").addEventListener("click", () => act("accept", { intent: select.value }));
    li.querySelector(".item-force").addEventListener("click", () => {
      if (!reason.value.trim()) { status.textContent = "Give the reason for forcing it first."; reason.focus(); return; }
      act("accept", { intent: select.value, force_reason: reason.value });
    });
    li.querySelector(".item-reject").addEventListener("click", () => act("reject", { reason: reason.value || undefined }));
    li.querySelector(".item-undo").addEventListener("click", () => act("undo", {}));
    return li;
  }

  function show(queue) {
    $("review-open").replaceChildren(...queue.open.map((flag) => item(flag, false)));
    $("review-accepted").replaceChildren(...queue.accepted.map((flag) => item(flag, true)));
    if (!queue.open.length) $("review-open").append(Object.assign(document.createElement("li"), { textContent: "Nothing to review." }));
  }

  app.tabs.review = () => app.call("review").then(show, (error) => { $("review-status").textContent = error.message; });
  app.tabs.report = () => app.call("report").then(
    (report) => { $("report-text").textContent = `${report.name}\n\n${report.text}`; },
    (error) => { $("report-text").textContent = error.message; },
  );
})();
