"use strict";
// Exit this page, as GOV.UK Frontend's component (README "The chat widget"). The
// control is a real link to the exit site (a form button once a conversation held
// without JavaScript exists), so it works before and without this script. This adds:
// Shift pressed 3 times on its own, screen-reader announcements, the page blanked at
// once, the conversation deleted, and location.replace so Back does not return here.
(function () {
  // Asks the front door to delete a conversation now; keepalive: sent even as the page
  // goes. The widget's one way to do it (chat.js's "Clear chat" uses it too).
  window.llrForget = function (id) {
    if (!id) return;
    fetch("/api/forget", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session_id: id }),
      keepalive: true,
      credentials: "omit",
    }).catch(() => {});
  };

  const control = document.getElementById("quick-exit");
  if (!control) return;
  const SESSION_KEY = "llr-chat-session"; // chat.js's conversation id
  const PRESS_GAP_MS = 5000; // the most between two presses, as GOV.UK's
  const target = control.getAttribute("href") || control.dataset.exitUrl;
  const status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  control.after(status);
  let presses = 0;
  let lastKeyWasModified = false;
  let timer = null;
  let overlay = null;

  function exitPage(event) {
    if (event) event.preventDefault();
    window.llrForget(sessionStorage.getItem(SESSION_KEY));
    sessionStorage.clear();
    document.dispatchEvent(new Event("llr-exit")); // chat.js wipes the conversation it shows
    status.textContent = "";
    // Blanked at once, for a slow connection: everything hidden, screen readers and the
    // keyboard included, under an empty page that says what is happening.
    document.body.classList.add("exit-this-page--hidden");
    overlay = document.createElement("div");
    overlay.className = "exit-this-page__overlay";
    overlay.setAttribute("role", "alert");
    document.body.append(overlay);
    overlay.textContent = control.dataset.exiting; // after adding it: announced more reliably
    document.title = "";
    if (window.parent !== window) {
      window.parent.postMessage({ type: "llr-quick-exit", url: target }, "*"); // embed.js takes the partner page away
    }
    window.location.replace(target);
  }

  function resetPresses() {
    presses = 0;
    clearTimeout(timer);
    timer = null;
    status.textContent = "";
  }

  // Counted on keyup, and only a Shift released with no other key in between: capitals
  // (Shift+H gives H's keyup with shiftKey set, then Shift's) never count.
  document.addEventListener("keyup", (event) => {
    if (event.key === "Shift" && !lastKeyWasModified) {
      presses += 1;
      clearTimeout(timer);
      if (presses >= 3) {
        resetPresses();
        exitPage();
      } else {
        status.textContent = presses === 1 ? control.dataset.exitTwoMore : control.dataset.exitOneMore;
        timer = setTimeout(resetPresses, PRESS_GAP_MS);
      }
    } else if (presses) {
      resetPresses();
    }
    lastKeyWasModified = event.shiftKey;
  }, true);

  control.addEventListener("click", exitPage);

  // A page restored from the back/forward cache comes back usable, not blank.
  window.addEventListener("pageshow", () => {
    document.body.classList.remove("exit-this-page--hidden");
    if (overlay) overlay.remove();
    overlay = null;
    resetPresses();
  });
})();
