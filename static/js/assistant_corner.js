/*
 * BF1 Pub: keeps the help assistant's button (templates/components/assistant.html)
 * clear of the page while its panel is closed, like the WhatsApp button
 * (static/js/whatsapp.js) it sits above:
 *
 * - a bar stuck to the bottom of the screen ([data-sticky-bottom], e.g. the
 *   simulator's total) raises it (CSS variable --assistant-offset);
 * - while it would cover a button, a field or an amount of the page it fades out
 *   ([data-collapsed]) unless it has the focus; it comes back as the page scrolls.
 */
(function () {
  "use strict";

  var KEEP_CLEAR = [
    "main button",
    "main .btn",
    "main a[role=button]",
    "main input:not([type=hidden])",
    "main select",
    "main textarea",
    "main [data-quote]",
    "main [data-quote-total]",
    "main [data-keep-clear]",
    "main [data-sim=total]",
    "main [data-sim=sticky-total]",
    "footer form",
  ].join(",");
  var MARGIN = 8;

  function start(root) {
    var toggle = root.querySelector("[data-assistant-toggle]");
    var panel = root.querySelector("#assistant-panel");

    var pending = false;

    function shown(element) {
      if (!element.getClientRects().length || root.contains(element)) {
        return null;
      }
      var style = window.getComputedStyle(element);
      if (style.visibility === "hidden" || style.display === "none") {
        return null;
      }
      var box = element.getBoundingClientRect();
      return box.width && box.height ? box : null;
    }

    function bottomBarsHeight() {
      var height = 0;
      var viewport = window.innerHeight;
      document.querySelectorAll("[data-sticky-bottom]").forEach(function (bar) {
        var box = shown(bar);
        if (box && box.bottom >= viewport - 1 && box.top < viewport) {
          height = Math.max(height, viewport - box.top);
        }
      });
      return height;
    }

    function update() {
      pending = false;
      var offset = bottomBarsHeight();
      root.style.setProperty("--assistant-offset", offset + "px");
      if (!panel.hidden) {
        return;
      }
      var box = toggle.getBoundingClientRect();
      var bottomGap = parseFloat(window.getComputedStyle(toggle).bottom) || 20;
      var bottom = window.innerHeight - bottomGap;
      var target = { left: box.left, right: box.right, top: bottom - box.height, bottom: bottom };
      var covers = false;
      var elements = document.querySelectorAll(KEEP_CLEAR);
      for (var i = 0; i < elements.length && !covers; i++) {
        var other = shown(elements[i]);
        covers =
          Boolean(other) &&
          target.left - MARGIN < other.right &&
          other.left < target.right + MARGIN &&
          target.top - MARGIN < other.bottom &&
          other.top < target.bottom + MARGIN;
      }
      if (covers && document.activeElement !== toggle) {
        toggle.setAttribute("data-collapsed", "");
      } else {
        toggle.removeAttribute("data-collapsed");
      }
    }

    function schedule() {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }

    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        // Its own changes do not count (the panel opening or closing does).
        if (records[i].target !== root && records[i].target !== toggle) {
          schedule();
          return;
        }
      }
    }).observe(document.body, {
      attributes: true,
      attributeFilter: ["style", "class", "hidden"],
      childList: true,
      subtree: true,
    });
    update();
  }

  function init() {
    var root = document.querySelector("[data-assistant-widget]");
    if (root) {
      start(root);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
