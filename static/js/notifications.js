/*
 * BF1 Pub: keeps the unread-notification counter of the header live.
 *
 * The server pushes {"type": "unread_count", "count": N} on
 * ws(s)://<host>/ws/notifications/ when the socket opens and whenever the count
 * changes; the connection (reconnection with a growing delay) is
 * static/js/live_socket.js, loaded first. Every element carrying
 * `data-unread-counter` shows the number (and is hidden at zero); every element
 * carrying `data-unread-label` gets an accessible label built from its
 * `data-label-none` / `data-label-some` attributes (the latter contains
 * "__COUNT__"). The page loads this file only for signed-in users; without a
 * counter on the page it does nothing.
 */
(function () {
  "use strict";

  var counters = document.querySelectorAll("[data-unread-counter]");
  if (!counters.length || !("WebSocket" in window) || !window.BF1LiveSocket) {
    return;
  }
  var labels = document.querySelectorAll("[data-unread-label]");

  function render(count) {
    var text = count > 99 ? "99+" : String(count);
    counters.forEach(function (el) {
      el.textContent = text;
      el.hidden = count === 0;
      el.setAttribute("data-count", String(count));
    });
    labels.forEach(function (el) {
      var template = count > 0 ? el.getAttribute("data-label-some") : el.getAttribute("data-label-none");
      if (template) {
        el.setAttribute("aria-label", template.replace("__COUNT__", text));
      }
    });
    document.dispatchEvent(new CustomEvent("bf1:unread-count", { detail: { count: count } }));
  }

  window.BF1LiveSocket.connect({
    url: "/ws/notifications/",
    refusedCodes: [4401], // signed out in another tab: no more retries by timer
    onMessage: function (data) {
      if (data.type === "unread_count" && Number.isInteger(data.count) && data.count >= 0) {
        render(data.count);
      }
    },
  });
})();
