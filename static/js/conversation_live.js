/*
 * BF1 Pub: the conversations, live (issue 17).
 *
 * - The badge of the "Messages" link ([data-unread-messages], rendered by
 *   templates/conversations/_nav_count.html) follows the number of unread
 *   threads pushed on /ws/messages/ as {"type": "unread_threads", "count": N}.
 *   Its accessible text comes from its data-label-one / data-label-other
 *   attributes (translated by the template; "__COUNT__" is the number).
 * - On a thread page ([data-thread-messages] with data-thread-socket and
 *   data-thread-poll) the socket is /ws/messages/<id>/ instead: the same counter
 *   plus each new message, {"type": "message", "id": N, "html": "<li …>"},
 *   rendered by the server for this reader and appended once. While the socket
 *   is down, and when it comes back, the page asks data-thread-poll
 *   (?after=<last message shown>) for what it missed; with &seen=1 when the page
 *   is in front of the reader, which marks the thread read.
 * The connection (reconnection, polling fallback) is static/js/live_socket.js,
 * loaded first. No inline script, no eval.
 */
(function () {
  "use strict";

  if (!window.BF1LiveSocket) {
    return;
  }
  var badges = document.querySelectorAll("[data-unread-messages]");
  var list = document.querySelector("[data-thread-messages]");
  if (!badges.length && !list) {
    return;
  }

  function renderCount(count) {
    var text = count > 99 ? "99+" : String(count);
    badges.forEach(function (badge) {
      badge.hidden = count === 0;
      badge.setAttribute("data-unread-messages", String(count));
      var number = badge.querySelector("[data-count-text]");
      if (number) {
        number.textContent = text;
      }
      var label = badge.querySelector("[data-count-label]");
      var template = badge.getAttribute(count === 1 ? "data-label-one" : "data-label-other");
      if (label && template) {
        label.textContent = template.replace("__COUNT__", text);
      }
    });
  }

  function takeCount(value) {
    if (Number.isInteger(value) && value >= 0) {
      renderCount(value);
    }
  }

  if (!list) {
    window.BF1LiveSocket.connect({
      url: "/ws/messages/",
      refusedCodes: [4401],
      onMessage: function (data) {
        if (data.type === "unread_threads") {
          takeCount(data.count);
        }
      },
    });
    return;
  }

  var pollUrl = list.getAttribute("data-thread-poll");

  function lastShown() {
    var items = list.querySelectorAll("[data-message]");
    var last = 0;
    items.forEach(function (item) {
      var id = parseInt(item.getAttribute("data-message"), 10);
      if (id > last) {
        last = id;
      }
    });
    return last;
  }

  function append(id, html) {
    if (!Number.isInteger(id) || typeof html !== "string" || list.querySelector('[data-message="' + id + '"]')) {
      return false;
    }
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    var item = holder.content.firstElementChild;
    if (!item || item.getAttribute("data-message") !== String(id)) {
      return false;
    }
    list.appendChild(item);
    return true;
  }

  function visible() {
    return document.visibilityState === "visible";
  }

  function catchUp() {
    if (!pollUrl || !window.fetch) {
      return;
    }
    var url = pollUrl + "?after=" + lastShown() + (visible() ? "&seen=1" : "");
    window.BF1LiveSocket.fetchJson(url)
      .then(function (data) {
        if (!data || !Array.isArray(data.messages)) {
          return;
        }
        data.messages.forEach(function (message) {
          append(message.id, message.html);
        });
        takeCount(data.unread);
      })
      .catch(function () {});
  }

  var live = window.BF1LiveSocket.connect({
    url: list.getAttribute("data-thread-socket"),
    poll: catchUp,
    refusedCodes: [4401, 4403, 4404],
    onMessage: function (data) {
      if (data.type === "unread_threads") {
        takeCount(data.count);
      } else if (data.type === "message" && append(data.id, data.html) && visible()) {
        catchUp(); // marks the thread read (the reader sees it) and fixes the badge
      }
    },
  });

  document.addEventListener("visibilitychange", function () {
    if (visible()) {
      live.poll();
    }
  });
})();
