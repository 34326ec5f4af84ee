/*
 * BF1 Pub: keeps the "Waiting for action" panel of the Wagtail dashboard live.
 *
 * The server pushes {"type": "pending_counts", "campaigns": N, "spots": N,
 * "creation_requests": N} on ws(s)://<host>/ws/admin/pending-counts/ when the
 * socket opens and whenever a count changes. The connection is
 * static/js/live_socket.js (loaded first): while the socket is closed the panel
 * polls its JSON endpoint (`data-poll-url`) every 30 s and reconnects with a
 * growing delay. Each element carrying `data-count="<key>"` shows its count;
 * the element carrying `data-live-status` says which mode is on, with the texts
 * of its `data-label-live` / `data-label-polling` attributes.
 */
(function () {
  "use strict";

  var panel = document.getElementById("campaigns-pending-counts");
  if (!panel || !window.BF1LiveSocket) {
    return;
  }
  var status = panel.querySelector("[data-live-status]");

  function render(data) {
    Object.keys(data).forEach(function (key) {
      var value = data[key];
      if (!Number.isInteger(value) || value < 0) {
        return;
      }
      panel.querySelectorAll('[data-count="' + key + '"]').forEach(function (el) {
        el.textContent = String(value);
      });
    });
  }

  function showMode(live) {
    if (!status) {
      return;
    }
    var text = status.getAttribute(live ? "data-label-live" : "data-label-polling");
    if (text) {
      status.textContent = text;
    }
    status.setAttribute("data-mode", live ? "live" : "polling");
  }

  window.BF1LiveSocket.connect({
    url: "/ws/admin/pending-counts/",
    pollUrl: panel.dataset.pollUrl || null,
    pollInterval: 30000,
    refusedCodes: [4401, 4403], // signed out or no longer allowed: polling tells
    onMessage: function (data, source) {
      if (source === "poll") {
        render(data);
      } else if (data.type === "pending_counts") {
        delete data.type;
        render(data);
      }
    },
    onStatus: function (mode) {
      if (mode === "live" || mode === "polling") {
        showMode(mode === "live");
      }
    },
  });
})();
