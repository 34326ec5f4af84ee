/*
 * BF1 Pub: keeps the page of a long report export (/reports/jobs/<uuid>/) live.
 *
 * The server pushes the job's state, {"type": "job", "status": "queued|running|
 * done|failed", "status_label": "...", "progress": 0-100, "download_url": "...",
 * "error": "..."}, on ws(s)://<host>/ws/reports/jobs/<uuid>/ (`data-socket-path`)
 * when the socket opens and whenever the background task moves on. Whenever no
 * message came for 2 s (socket closed, or a worker that cannot reach the page's
 * socket), the JSON status (`data-status-url`) is polled instead, every 2 s.
 * When the file is ready the download button shows; the page stops listening.
 */
(function () {
  "use strict";

  var root = document.getElementById("report-job");
  if (!root) {
    return;
  }
  var POLL_EVERY = 2000;
  var FINISHED = ["done", "failed"];
  var REFUSED = [4401, 4404]; // signed out, or not this user's job: do not retry

  var socket = null;
  var lastMessage = 0;
  var timer = null;
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
    var error = one("[data-job-error]");
    if (error) {
      error.hidden = !failed;
      if (failed && state.error) {
        error.textContent = state.error;
      }
    }
    if (FINISHED.indexOf(state.status) !== -1) {
      stop();
    }
  }

  function stop() {
    finished = true;
    if (timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
    if (socket) {
      try {
        socket.close();
      } catch (error) {
        // already closed
      }
      socket = null;
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
    window
      .fetch(root.dataset.statusUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(render)
      .catch(function () {});
  }

  // --- The socket ---------------------------------------------------------------
  function connect() {
    if (!window.WebSocket || !root.dataset.socketPath) {
      return;
    }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new window.WebSocket(scheme + window.location.host + root.dataset.socketPath);
    } catch (error) {
      socket = null;
      return;
    }
    socket.addEventListener("message", function (event) {
      try {
        render(JSON.parse(event.data));
      } catch (error) {
        // not JSON: ignored
      }
    });
    socket.addEventListener("close", function (event) {
      socket = null;
      if (finished || REFUSED.indexOf(event.code) !== -1) {
        return;
      }
      window.setTimeout(function () {
        if (!finished) {
          connect();
        }
      }, 5000);
    });
  }

  if (FINISHED.indexOf(root.getAttribute("data-status")) !== -1) {
    return;
  }
  connect();
  timer = window.setInterval(poll, POLL_EVERY);
})();
