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
 * The connection is static/js/live_socket.js (loaded first): while the socket is
 * closed the fragment is polled every 30 s, and the socket reconnects with a
 * growing delay; while it is open the fragment is still refreshed every minute
 * (breaks start, alerts move on with the clock).
 */
/*
 * On demand (the day page carries neither players nor reports): a click on a
 * spot's preview (`[data-play]`) puts its <video> in place and plays it; opening
 * a technical report (`<details data-report="url">`) or a collapsed past break
 * (`<details data-past-break="url">`) fetches its content once.
 */
(function () {
  "use strict";

  var root = document.getElementById("planning-live");
  if (!root) {
    return;
  }
  root.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-play]") : null;
    if (!button || !root.contains(button)) {
      return;
    }
    event.preventDefault();
    var video = document.createElement("video");
    video.controls = true;
    video.setAttribute("playsinline", "");
    video.preload = "auto";
    video.className = "aspect-video w-full";
    if (button.dataset.poster) {
      video.poster = button.dataset.poster;
    }
    video.src = button.dataset.play;
    button.replaceWith(video);
    var played = video.play();
    if (played && played.catch) {
      played.catch(function () {});
    }
  });

  function loadInto(details, url, body) {
    if (!details.open || !url || !body || details.dataset.loaded || !window.fetch) {
      return;
    }
    details.dataset.loaded = "1";
    window
      .fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok && !response.redirected ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) {
          delete details.dataset.loaded;
          return;
        }
        body.innerHTML = html;
      })
      .catch(function () {
        delete details.dataset.loaded;
      });
  }
  // `toggle` does not bubble: listen while it goes down.
  root.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (!details || !details.matches) {
        return;
      }
      if (details.matches("details[data-report]")) {
        loadInto(details, details.dataset.report, details.querySelector(":scope > [data-report-body]"));
      } else if (details.matches("details[data-past-break]")) {
        loadInto(details, details.dataset.pastBreak, details.querySelector(":scope > [data-break-rows]"));
      }
    },
    true
  );
})();

(function () {
  "use strict";

  var root = document.getElementById("planning-live");
  if (!root || !root.dataset.fragmentUrl || !window.BF1LiveSocket) {
    return;
  }
  var status = document.querySelector("[data-live-status]");
  var statusText = status ? status.querySelector("[data-live-text]") : null;

  function words(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }
  var watched = words(root.dataset.days).concat(words(root.dataset.headerDays));

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
    if (!window.fetch) {
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

  // --- The live connection (static/js/live_socket.js) --------------------------------
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

  window.BF1LiveSocket.connect({
    url: "/ws/diffusion/planning/",
    poll: refresh,
    pollInterval: 30000, // socket closed
    openPollInterval: 60000, // socket open: the clock still moves
    refusedCodes: [4401, 4403], // signed out or no longer allowed: polling tells
    onMessage: function (data) {
      if (data.type === "planning_changed" && concerns(data.days)) {
        refresh();
      }
    },
    onStatus: function (mode) {
      if (mode === "live" || mode === "polling") {
        showMode(mode === "live");
      }
    },
  });
})();
