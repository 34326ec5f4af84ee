/*
 * BF1 Pub: keeps the page of an as-run import (/admin/broadcasting/asrun/<id>/)
 * up to date while its file is read in the background.
 *
 * The import's state comes from its JSON status (`data-status-url`): {"status":
 * "pending|running|done|failed", "status_label": "...", "progress": 0-100,
 * "finished": true|false}, polled every 2 s. The progress bar and the status
 * follow it; once the import has finished the page reloads, to show its summary
 * and its discrepancies. Without JavaScript the page offers a refresh link.
 */
(function () {
  "use strict";

  var root = document.getElementById("asrun-import");
  if (!root || !window.fetch) {
    return;
  }
  var RUNNING = ["pending", "running"];
  var POLL_EVERY = 2000;
  if (RUNNING.indexOf(root.getAttribute("data-status")) === -1) {
    return;
  }

  function render(state) {
    if (!state || typeof state.status !== "string") {
      return false;
    }
    var progress = Math.max(0, Math.min(100, parseInt(state.progress, 10) || 0));
    var label = root.querySelector("[data-import-status]");
    if (label && state.status_label) {
      label.textContent = state.status_label;
    }
    var bar = root.querySelector("[data-import-progress]");
    if (bar) {
      bar.value = progress;
    }
    var percent = root.querySelector("[data-import-percent]");
    if (percent) {
      percent.textContent = progress + " %";
    }
    return Boolean(state.finished);
  }

  function poll() {
    window
      .fetch(root.getAttribute("data-status-url"), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (state) {
        if (render(state)) {
          window.location.reload();
        } else {
          window.setTimeout(poll, POLL_EVERY);
        }
      })
      .catch(function () {
        window.setTimeout(poll, POLL_EVERY * 2);
      });
  }

  window.setTimeout(poll, POLL_EVERY);
})();
