// Batch testing: many phrases at once, each as the first message of its own console
// conversation; a table of intent, confidence, safety net and first reply that sorts by
// confidence, flags the ticked rows and exports as CSV. Text only (textContent).
"use strict";
(function () {
  const app = window.llrConsole;
  const $ = (id) => document.getElementById(id);
  let rows = [];
  let ascending = true;

  app.signedIn.push(() => {
    $("batch-max").textContent = app.me.batch.max;
    app.fillIntents($("batch-intent"));
  });

  function phrases() {
    const seen = new Set();
    return $("batch-phrases").value.split(/\r?\n/).map((line) => line.trim())
      .filter((line) => line && !seen.has(line) && seen.add(line));
  }

  function show() {
    const body = $("batch-rows");
    body.replaceChildren(...rows.map((row) => {
      const tr = document.createElement("tr");
      const tick = document.createElement("input");
      tick.type = "checkbox";
      tick.checked = row.ticked;
      tick.setAttribute("aria-label", `Flag "${row.phrase}"`);
      tick.addEventListener("change", () => { row.ticked = tick.checked; });
      const cells = [tick, row.phrase, row.intent, app.pct(row.confidence), row.safety, row.first_reply];
      for (const content of cells) {
        const td = document.createElement("td");
        if (typeof content === "string") td.textContent = content; else td.append(content);
        tr.append(td);
      }
      if (row.safety_rule) tr.children[4].title = `rule: ${row.safety_rule}`;
      if (row.safety !== "quiet") tr.children[4].classList.add("fired");
      if (row.flagged) tr.children[1].append(` (flagged #${row.flagged})`);
      return tr;
    }));
    $("batch-results").hidden = rows.length === 0;
  }

  $("batch-file").addEventListener("change", async () => {
    const file = $("batch-file").files[0];
    if (file) $("batch-phrases").value = await file.text();
  });

  $("batch-run").addEventListener("click", async () => {
    const list = phrases();
    const status = $("batch-status");
    if (!list.length) { status.textContent = "Paste or upload some phrases first."; return; }
    if (list.length > app.me.batch.max) { status.textContent = `At most ${app.me.batch.max} phrases at once.`; return; }
    rows = [];
    show();
    $("batch-run").disabled = true;
    try {
      for (let start = 0; start < list.length; start += app.me.batch.chunk) {
        status.textContent = `Testing… ${start} of ${list.length} done.`;
        const result = await app.call("batch", { phrases: list.slice(start, start + app.me.batch.chunk) });
        rows.push(...result.rows.map((row) => ({ ...row, ticked: false })));
        show();
      }
      status.textContent = `${rows.length} phrases tested.`;
    } catch (error) {
      status.textContent = error.message;
    } finally {
      $("batch-run").disabled = false;
    }
  });

  $("batch-sort").addEventListener("click", () => {
    rows.sort((a, b) => (ascending ? 1 : -1) * ((a.confidence ?? 0) - (b.confidence ?? 0)));
    $("batch-sort").textContent = ascending ? "Sort by confidence, surest first" : "Sort by confidence, least sure first";
    ascending = !ascending;
    show();
  });

  $("batch-flag").addEventListener("click", async () => {
    const ticked = rows.filter((row) => row.ticked);
    const status = $("batch-flag-status");
    if (!ticked.length) { status.textContent = "Tick the rows to flag first."; return; }
    try {
      for (const row of ticked) {
        const said = await app.flag(row.session_id, row.turn, $("batch-intent").value, $("batch-comment").value);
        row.flagged = said.match(/#(\d+)/)[1];
        row.ticked = false;
      }
      status.textContent = `${ticked.length} rows added to the review queue.`;
    } catch (error) {
      status.textContent = error.message;
    }
    show();
  });

  // Spreadsheets run a cell that starts with = + - @ as a formula: such text is quoted.
  function cell(value) {
    let text = String(value ?? "");
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  $("batch-csv").addEventListener("click", () => {
    const header = ["phrase", "intent", "confidence", "safety net", "first reply"];
    const lines = [header, ...rows.map((r) => [r.phrase, r.intent, r.confidence == null ? "" : r.confidence.toFixed(3), r.safety, r.first_reply])];
    const blob = new Blob([lines.map((line) => line.map(cell).join(",")).join("\r\n") + "\r\n"], { type: "text/csv" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "batch-test.csv";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });
})();
