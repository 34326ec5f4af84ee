/*
 * BF1 Pub: keeps the unread-notification counter of the header live.
 *
 * The server pushes {"type": "unread_count", "count": N} on
 * ws(s)://<host>/ws/notifications/ when the socket opens and whenever the count
 * changes. Every element carrying `data-unread-counter` shows the number (and is
 * hidden at zero); every element carrying `data-unread-label` gets an accessible
 * label built from its `data-label-none` / `data-label-some` attributes (the
 * latter contains "__COUNT__"). The page loads this file only for signed-in
 * users; without a counter on the page it does nothing.
 */
(function () {
  "use strict";

  var counters = document.querySelectorAll("[data-unread-counter]");
  if (!counters.length || !("WebSocket" in window)) {
    return;
  }
  var labels = document.querySelectorAll("[data-unread-label]");

  var URL_PATH = "/ws/notifications/";
  var MIN_DELAY = 1000; // first retry after 1 s...
  var MAX_DELAY = 60000; // ...doubling up to 1 min
  var UNAUTHENTICATED = 4401; // close code sent by the server: do not retry

  var delay = MIN_DELAY;
  var socket = null;
  var retryTimer = null;
  var stopped = false;

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
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + URL_PATH);
    } catch (error) {
      scheduleReconnect();
      return;
    }
    socket.addEventListener("open", function () {
      delay = MIN_DELAY;
    });
    socket.addEventListener("message", function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (data && data.type === "unread_count" && Number.isInteger(data.count) && data.count >= 0) {
        render(data.count);
      }
    });
    socket.addEventListener("close", function (event) {
      socket = null;
      if (event.code === UNAUTHENTICATED) {
        stopped = true; // signed out in another tab: nothing to follow any more
        return;
      }
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
    if (socket !== null) {
      socket.close();
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      stopped = false; // restored from the back/forward cache
      reconnectNow();
    }
  });

  connect();
})();
