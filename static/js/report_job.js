/*
 * BF1 Pub: keeps the page of a long report export (/reports/jobs/<uuid>/) live.
 *
 * The server pushes the job's state, {"type": "job", "status": "queued|running|
 * done|failed", "status_label": "...", "progress": 0-100, "download_url": "...",
 * "error": "...", "relaunch_url": "..." (failed only)}, on ws(s)://<host>/ws/reports/jobs/<uuid>/ (`data-socket-path`)
 * when the socket opens and whenever the background task moves on. Whenever no
 * message came for 2 s (socket closed, or a worker that cannot reach the page's
 * socket), the JSON status (`data-status-url`) is polled instead, every 2 s. The
 * connection is static/js/live_socket.js, loaded first.
 * When the file is ready the download button shows; when the job fails (an error,
 * or its worker died and the sweeper gave up on it) its reason and the "Relancer"
 * form (a POST with the page's CSRF token) show. Either way the page stops listening.
 */
(function () {
  "use strict";

  var root = document.getElementById("report-job");
  if (!root || !window.BF1LiveSocket) {
    return;
  }
  var POLL_EVERY = 2000;
  var FINISHED = ["done", "failed"];

  var live = null;
  var lastMessage = 0;
  var finished = false;

  function one(selector) {
    return root.querySelector(selector);
  }

  function render(state) {
    if (!state || typeof state.status !== "string") {
      return;
    }
    lastMessage = Date.now();
    var progress = Math.max(0, Math.min(100, parseInt(state.progress, 10) || 0));
    root.setAttribute("data-status", state.status);
    var label = one("[data-job-status]");
    if (label && state.status_label) {
      label.textContent = state.status_label.charAt(0).toUpperCase() + state.status_label.slice(1);
    }
    var percent = one("[data-job-percent]");
    if (percent) {
      percent.textContent = progress + " %";
    }
    var bar = one("[data-job-bar]");
    if (bar) {
      bar.setAttribute("aria-valuenow", String(progress));
    }
    var fill = one("[data-job-fill]");
    if (fill) {
      fill.style.width = progress + "%";
    }
    var done = state.status === "done";
    var failed = state.status === "failed";
    var waiting = one("[data-job-waiting]");
    if (waiting) {
      waiting.hidden = done || failed;
    }
    var ready = one("[data-job-ready]");
    if (ready) {
      ready.hidden = !done;
    }
    var link = one("[data-job-download]");
    if (link && done && state.download_url) {
      link.setAttribute("href", state.download_url);
    }
    var failure = one("[data-job-failed]");
    if (failure) {
      failure.hidden = !failed;
    }
    var error = one("[data-job-error]");
    if (error && failed && state.error) {
      error.textContent = state.error;
    }
    var relaunch = one("[data-job-relaunch]");
    if (relaunch) {
      relaunch.hidden = !(failed && state.relaunch_url);
      if (failed && state.relaunch_url) {
        relaunch.setAttribute("action", state.relaunch_url);
      }
    }
    if (FINISHED.indexOf(state.status) !== -1) {
      stop();
    }
  }

  function stop() {
    finished = true;
    if (live !== null) {
      live.close();
      live = null;
    }
  }

  // --- Polling, whenever the socket has been quiet for POLL_EVERY ----------------
  function poll() {
    if (finished || !window.fetch || !root.dataset.statusUrl) {
      return;
    }
    if (Date.now() - lastMessage < POLL_EVERY) {
      return;
    }
    window.BF1LiveSocket.fetchJson(root.dataset.statusUrl)
      .then(render)
      .catch(function () {});
  }

  if (FINISHED.indexOf(root.getAttribute("data-status")) !== -1) {
    return;
  }
  // --- The connection (static/js/live_socket.js) ---------------------------------
  live = window.BF1LiveSocket.connect({
    url: root.dataset.socketPath || null,
    poll: poll,
    pollInterval: POLL_EVERY, // socket closed...
    openPollInterval: POLL_EVERY, // ...or open but quiet (a worker that cannot reach it)
    minDelay: 5000, // reconnect every 5 s
    maxDelay: 5000,
    jitter: 0,
    refusedCodes: [4401, 4404], // signed out, or not this user's job: do not retry
    onMessage: render,
  });
})();
