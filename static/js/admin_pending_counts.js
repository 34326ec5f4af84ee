/*
 * BF1 Pub: keeps the "Waiting for action" panel of the Wagtail dashboard live.
 *
 * The server pushes {"type": "pending_counts", "campaigns": N, "spots": N,
 * "creation_requests": N} on ws(s)://<host>/ws/admin/pending-counts/ when the
 * socket opens and whenever a count changes. While the socket is closed the
 * panel polls its JSON endpoint (`data-poll-url`) every 30 s and reconnects with
 * a growing delay. Each element carrying `data-count="<key>"` shows its count;
 * the element carrying `data-live-status` says which mode is on, with the texts
 * of its `data-label-live` / `data-label-polling` attributes.
 */
(function () {
  "use strict";

  var panel = document.getElementById("campaigns-pending-counts");
  if (!panel) {
    return;
  }
  var status = panel.querySelector("[data-live-status]");

  var URL_PATH = "/ws/admin/pending-counts/";
  var POLL_EVERY = 30000;
  var MIN_DELAY = 1000; // first retry after 1 s...
  var MAX_DELAY = 60000; // ...doubling up to 1 min
  var REFUSED = [4401, 4403]; // signed out or no longer allowed: do not retry

  var delay = MIN_DELAY;
  var socket = null;
  var retryTimer = null;
  var pollTimer = null;
  var stopped = false;

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

  // --- Polling, while the socket is closed -------------------------------------
  function poll() {
    if (!window.fetch || !panel.dataset.pollUrl) {
      return;
    }
    window
      .fetch(panel.dataset.pollUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          render(data);
        }
      })
      .catch(function () {});
  }

  function startPolling() {
    showMode(false);
    if (pollTimer === null) {
      pollTimer = window.setInterval(poll, POLL_EVERY);
    }
  }

  function stopPolling() {
    if (pollTimer !== null) {
      window.clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  // --- The WebSocket -----------------------------------------------------------
  function scheduleReconnect() {
    if (stopped || retryTimer !== null) {
      return;
    }
    var wait = delay + Math.floor(Math.random() * delay * 0.3); // jitter
    delay = Math.min(delay * 2, MAX_DELAY);
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      connect();
    }, wait);
  }

  function connect() {
    if (stopped) {
      return;
    }
    if (!("WebSocket" in window)) {
      startPolling();
      return;
    }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + URL_PATH);
    } catch (error) {
      socket = null;
      startPolling();
      scheduleReconnect();
      return;
    }
    socket.addEventListener("open", function () {
      delay = MIN_DELAY;
      stopPolling();
      showMode(true);
    });
    socket.addEventListener("message", function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (data && data.type === "pending_counts") {
        delete data.type;
        render(data);
      }
    });
    socket.addEventListener("close", function (event) {
      socket = null;
      if (stopped) {
        return;
      }
      startPolling();
      if (REFUSED.indexOf(event.code) !== -1) {
        return; // polling shows whether the session still may see the counts
      }
      poll(); // catch up at once with what changed while the socket was down
      scheduleReconnect();
    });
  }

  // Reconnect at once when the tab comes back or the network returns.
  function reconnectNow() {
    if (stopped || socket !== null) {
      return;
    }
    if (retryTimer !== null) {
      window.clearTimeout(retryTimer);
      retryTimer = null;
    }
    delay = MIN_DELAY;
    connect();
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      reconnectNow();
    }
  });
  window.addEventListener("online", reconnectNow);
  window.addEventListener("pagehide", function () {
    stopped = true;
    stopPolling();
    if (retryTimer !== null) {
      window.clearTimeout(retryTimer);
      retryTimer = null;
    }
    if (socket !== null) {
      socket.close();
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      stopped = false; // restored from the back/forward cache
      poll();
      reconnectNow();
    }
  });

  pollTimer = window.setInterval(poll, POLL_EVERY); // until the socket opens
  connect();
})();
