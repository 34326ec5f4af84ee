/*
 * BF1 Pub: keeps the broadcasters' planning dashboard (/diffusion/) live.
 *
 * The server pushes {"type": "planning_changed", "days": ["YYYY-MM-DD", ...]} on
 * ws(s)://<host>/ws/diffusion/planning/ once a change to the running order
 * commits. When one of those days is shown (`data-days` of #planning-live) or
 * feeds the header (`data-header-days`: today and yesterday, for the late count),
 * the script fetches the page's fragment (`data-fragment-url`) and swaps it in,
 * keeping what the broadcaster was doing: open <details data-keep="...">, typed
 * reasons, the focus. A playing video is never cut: the swap waits for its end.
 *
 * While the socket is closed the fragment is polled every 30 s, and the socket
 * reconnects with a growing delay; while it is open the fragment is still
 * refreshed every minute (breaks start, alerts move on with the clock).
 */
(function () {
  "use strict";

  var root = document.getElementById("planning-live");
  if (!root || !root.dataset.fragmentUrl) {
    return;
  }
  var status = document.querySelector("[data-live-status]");
  var statusText = status ? status.querySelector("[data-live-text]") : null;

  var URL_PATH = "/ws/diffusion/planning/";
  var POLL_EVERY = 30000; // socket closed
  var TICK_EVERY = 60000; // socket open: the clock still moves
  var MIN_DELAY = 1000; // first retry after 1 s...
  var MAX_DELAY = 60000; // ...doubling up to 1 min
  var REFUSED = [4401, 4403]; // signed out or no longer allowed: do not retry

  function words(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }
  var watched = words(root.dataset.days).concat(words(root.dataset.headerDays));

  var delay = MIN_DELAY;
  var socket = null;
  var retryTimer = null;
  var timer = null;
  var stopped = false;
  var loading = false;
  var again = false;
  var waitingForVideo = false;

  // --- Swapping the fragment in, keeping the open forms ---------------------------
  function snapshot() {
    var state = { open: [], values: {}, focus: null, start: null, end: null };
    root.querySelectorAll("details[data-keep][open]").forEach(function (el) {
      state.open.push(el.getAttribute("data-keep"));
    });
    root.querySelectorAll("[data-keep] input[id], [data-keep] textarea[id]").forEach(function (el) {
      if (el.type !== "hidden" && el.value) {
        state.values[el.id] = el.value;
      }
    });
    var active = document.activeElement;
    if (active && active.id && root.contains(active)) {
      state.focus = active.id;
      try {
        state.start = active.selectionStart;
        state.end = active.selectionEnd;
      } catch (error) {
        // not a text field
      }
    }
    return state;
  }

  function restore(state) {
    state.open.forEach(function (key) {
      var el = root.querySelector('details[data-keep="' + key + '"]');
      if (el) {
        el.open = true;
      }
    });
    Object.keys(state.values).forEach(function (id) {
      var el = document.getElementById(id);
      if (el && root.contains(el)) {
        el.value = state.values[id];
      }
    });
    if (state.focus) {
      var focused = document.getElementById(state.focus);
      if (focused && root.contains(focused)) {
        focused.focus({ preventScroll: true });
        if (state.start !== null && typeof focused.setSelectionRange === "function") {
          try {
            focused.setSelectionRange(state.start, state.end);
          } catch (error) {
            // not a text field
          }
        }
      }
    }
  }

  function videoPlaying() {
    var videos = root.querySelectorAll("video");
    for (var i = 0; i < videos.length; i += 1) {
      if (!videos[i].paused && !videos[i].ended) {
        return true;
      }
    }
    return false;
  }

  function refresh() {
    if (stopped || !window.fetch) {
      return;
    }
    if (videoPlaying()) {
      waitingForVideo = true; // refreshed when the video stops
      return;
    }
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    window
      .fetch(root.dataset.fragmentUrl, {
        credentials: "same-origin",
        headers: { Accept: "text/html", "X-Requested-With": "fetch" },
      })
      .then(function (response) {
        // A redirect means the session ended (login page): keep what is shown.
        return response.ok && !response.redirected ? response.text() : null;
      })
      .then(function (html) {
        if (html === null || videoPlaying()) {
          waitingForVideo = html !== null;
          return;
        }
        var state = snapshot();
        root.innerHTML = html;
        restore(state);
      })
      .catch(function () {})
      .then(function () {
        loading = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  function videoStopped() {
    if (waitingForVideo && !videoPlaying()) {
      waitingForVideo = false;
      refresh();
    }
  }
  root.addEventListener("pause", videoStopped, true);
  root.addEventListener("ended", videoStopped, true);

  // --- Timers: polling while closed, a slower tick while live ----------------------
  function every(ms) {
    if (timer !== null) {
      window.clearInterval(timer);
    }
    timer = window.setInterval(refresh, ms);
  }

  function showMode(live) {
    if (!status) {
      return;
    }
    var text = status.getAttribute(live ? "data-label-live" : "data-label-polling");
    if (text && statusText) {
      statusText.textContent = text;
    }
    status.setAttribute("data-mode", live ? "live" : "polling");
  }

  function concerns(days) {
    if (!Array.isArray(days)) {
      return false;
    }
    return days.some(function (day) {
      return watched.indexOf(day) !== -1;
    });
  }

  // --- The WebSocket ---------------------------------------------------------------
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
      every(POLL_EVERY);
      return;
    }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + URL_PATH);
    } catch (error) {
      socket = null;
      every(POLL_EVERY);
      scheduleReconnect();
      return;
    }
    socket.addEventListener("open", function () {
      delay = MIN_DELAY;
      every(TICK_EVERY);
      showMode(true);
    });
    socket.addEventListener("message", function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (data && data.type === "planning_changed" && concerns(data.days)) {
        refresh();
      }
    });
    socket.addEventListener("close", function (event) {
      socket = null;
      if (stopped) {
        return;
      }
      showMode(false);
      every(POLL_EVERY);
      if (REFUSED.indexOf(event.code) !== -1) {
        return; // polling shows whether the session may still see the planning
      }
      refresh(); // catch up at once with what changed while the socket was down
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
    refresh();
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
    if (timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
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
      every(POLL_EVERY);
      reconnectNow();
    }
  });

  every(POLL_EVERY); // until the socket opens
  connect();
})();
