"use strict";
// Embed the chat on a partner site with one tag:
//   <script src="https://HELPER-HOST/static/embed.js" defer></script>
// The chat runs in a frame from the helper's own origin (the partner's origin must be
// in ALLOWED_ORIGINS); its quick exit takes the whole page away.
(function () {
  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  const open = document.createElement("button");
  open.type = "button";
  open.textContent = "Chat for help";
  open.setAttribute("aria-expanded", "false");
  open.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483647;padding:.75rem 1rem;border:0;border-radius:1.5rem;background:#0b5394;color:#fff;font:700 1rem system-ui,sans-serif;cursor:pointer";
  const frame = document.createElement("iframe");
  frame.title = "Chat for help";
  frame.src = origin + "/";
  frame.hidden = true;
  frame.style.cssText = "position:fixed;right:1rem;bottom:4.5rem;z-index:2147483647;width:min(24rem,calc(100vw - 2rem));height:min(40rem,calc(100vh - 6rem));border:1px solid #d0d4dc;border-radius:.75rem;background:#fff";
  open.addEventListener("click", () => {
    frame.hidden = !frame.hidden;
    open.setAttribute("aria-expanded", String(!frame.hidden));
    if (!frame.hidden) frame.focus();
  });
  window.addEventListener("message", (event) => {
    if (event.origin === origin && event.data && event.data.type === "llr-quick-exit") {
      frame.remove();
      window.location.replace(event.data.url);
    }
  });
  document.body.append(open, frame);
})();
