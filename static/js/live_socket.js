/*
 * BF1 Pub: the one WebSocket client of the live pages (the broadcasters' planning,
 * the admin's pending counts, the header's unread counter, a long export's
 * progress). It defines window.BF1LiveSocket and nothing else, and is loaded
 * (deferred) before the page's own script: by templates/base.html on every page of
 * a signed-in user, by the Wagtail dashboard panel
 * (templates/campaigns/admin/pending_counts_panel.html) in the admin.
 *
 *   var live = window.BF1LiveSocket.connect({
 *     url: "/ws/notifications/",   // a path on this host (ws:// or wss:// like the page), or a ws(s):// URL
 *     pollUrl: "/…/status/",       // JSON fetched while the socket is down (optional)
 *     poll: function () {},        // or a function of your own, called instead (optional)
 *     pollInterval: 30000,         // ms between polls while the socket is down
 *     openPollInterval: 0,         // ms between polls while it is open (0: none)
 *     minDelay: 1000,              // first reconnection after about 1 s,
 *     maxDelay: 60000,             // doubling up to 1 min,
 *     jitter: 0.3,                 // plus up to 30 % at random (many tabs, one server)
 *     refusedCodes: [4401, 4403],  // close codes after which no timer reconnects
 *     onMessage: function (data, source) {},  // parsed JSON; source: "socket" or "poll"
 *     onStatus: function (status) {},         // "connecting", "live", "polling", "closed"
 *   });
 *   live.close();     // stop for good (sockets, timers, listeners)
 *   live.poll();      // poll now
 *
 * While the socket is down the poll runs every `pollInterval`; once it opens the
 * poll stops (or slows to `openPollInterval`). A close with a code outside
 * `refusedCodes` polls at once, to catch up with what changed meanwhile, and
 * reconnects after the back-off delay. A refused close (signed out, no longer
 * allowed) keeps polling, which tells whether the session may still see the data,
 * but only reconnects when the tab comes back, the network returns or the page is
 * restored from the back/forward cache. Leaving the page closes everything.
 * No inline script, no eval: fits a strict Content-Security-Policy.
 */
(function () {
  "use strict";

  if (window.BF1LiveSocket) {
    return;
  }

  var DEFAULTS = {
    url: null,
    pollUrl: null,
    poll: null,
    pollInterval: 30000,
    openPollInterval: 0,
    minDelay: 1000,
    maxDelay: 60000,
    jitter: 0.3,
    refusedCodes: [4401, 4403],
    onMessage: null,
    onStatus: null,
  };

  function settings(options) {
    var merged = {};
    Object.keys(DEFAULTS).forEach(function (key) {
      var value = options && options[key] !== undefined ? options[key] : DEFAULTS[key];
      merged[key] = value;
    });
    return merged;
  }

  function socketUrl(url) {
    if (/^wss?:\/\//.test(url)) {
      return url;
    }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + url;
  }

  // GET a same-origin JSON URL; resolves to null on an HTTP error.
  function fetchJson(url) {
    return window
      .fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        return response.ok ? response.json() : null;
      });
  }

  function connect(options) {
    var o = settings(options);
    var delay = o.minDelay;
    var socket = null;
    var retryTimer = null;
    var pollTimer = null;
    var pollEvery = 0;
    var stopped = false; // the page is hidden in the back/forward cache
    var closed = false; // close() was called
    var status = null;

    function setStatus(value) {
      if (value === status) {
        return;
      }
      status = value;
      if (typeof o.onStatus === "function") {
        o.onStatus(value);
      }
    }

    function deliver(data, source) {
      if (!closed && data !== null && typeof data === "object" && typeof o.onMessage === "function") {
        o.onMessage(data, source);
      }
    }

    // --- Polling ------------------------------------------------------------------
    function canPoll() {
      return typeof o.poll === "function" || Boolean(o.pollUrl);
    }

    function poll() {
      if (stopped || closed) {
        return;
      }
      if (typeof o.poll === "function") {
        o.poll();
        return;
      }
      if (!o.pollUrl || !window.fetch) {
        return;
      }
      fetchJson(o.pollUrl)
        .then(function (data) {
          deliver(data, "poll");
        })
        .catch(function () {});
    }

    function clearPolling() {
      if (pollTimer !== null) {
        window.clearInterval(pollTimer);
        pollTimer = null;
      }
      pollEvery = 0;
    }

    function pollingEvery(ms) {
      if (pollTimer !== null && pollEvery === ms) {
        return;
      }
      clearPolling();
      if (ms > 0 && canPoll() && !stopped && !closed) {
        pollTimer = window.setInterval(poll, ms);
        pollEvery = ms;
      }
    }

    function down() {
      pollingEvery(o.pollInterval);
      setStatus("polling");
    }

    // --- The socket ---------------------------------------------------------------
    function clearRetry() {
      if (retryTimer !== null) {
        window.clearTimeout(retryTimer);
        retryTimer = null;
      }
    }

    function scheduleReconnect() {
      if (stopped || closed || retryTimer !== null) {
        return;
      }
      var wait = delay + Math.floor(Math.random() * delay * o.jitter);
      delay = Math.min(delay * 2, o.maxDelay);
      retryTimer = window.setTimeout(function () {
        retryTimer = null;
        open();
      }, wait);
    }

    function open() {
      if (stopped || closed || socket !== null) {
        return;
      }
      if (!o.url || !("WebSocket" in window)) {
        down();
        return;
      }
      var current;
      try {
        current = new window.WebSocket(socketUrl(o.url));
      } catch (error) {
        down();
        scheduleReconnect();
        return;
      }
      socket = current;
      current.addEventListener("open", function () {
        if (socket !== current) {
          return;
        }
        delay = o.minDelay;
        pollingEvery(o.openPollInterval);
        setStatus("live");
      });
      current.addEventListener("message", function (event) {
        if (socket !== current) {
          return;
        }
        var data;
        try {
          data = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        deliver(data, "socket");
      });
      current.addEventListener("close", function (event) {
        if (socket !== current) {
          return; // replaced or closed on purpose
        }
        socket = null;
        if (stopped || closed) {
          return;
        }
        down();
        if (o.refusedCodes.indexOf(event.code) !== -1) {
          return;
        }
        poll(); // catch up at once with what changed while the socket was down
        scheduleReconnect();
      });
    }

    function shut() {
      clearPolling();
      clearRetry();
      if (socket !== null) {
        var current = socket;
        socket = null;
        try {
          current.close();
        } catch (error) {
          // already closed
        }
      }
    }

    // Reconnect at once when the tab comes back or the network returns.
    function reconnectNow() {
      if (stopped || closed || socket !== null) {
        return;
      }
      clearRetry();
      delay = o.minDelay;
      poll();
      open();
    }

    function onVisibility() {
      if (document.visibilityState === "visible") {
        reconnectNow();
      }
    }

    function onPageHide() {
      stopped = true;
      shut();
    }

    function onPageShow(event) {
      if (event.persisted && !closed) {
        stopped = false; // restored from the back/forward cache
        pollingEvery(o.pollInterval);
        reconnectNow();
      }
    }

    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("online", reconnectNow);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("pageshow", onPageShow);

    function close() {
      if (closed) {
        return;
      }
      closed = true;
      shut();
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("online", reconnectNow);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("pageshow", onPageShow);
      setStatus("closed");
    }

    setStatus("connecting");
    pollingEvery(o.pollInterval); // until the socket opens
    open();

    return { close: close, poll: poll, reconnect: reconnectNow };
  }

  window.BF1LiveSocket = { connect: connect, fetchJson: fetchJson };
})();
