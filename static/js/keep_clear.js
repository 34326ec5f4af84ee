/*
 * BF1 Pub: keeps a floating corner button clear of the page, shared by the
 * WhatsApp button (static/js/whatsapp.js) and the help assistant's button
 * (static/js/assistant_corner.js):
 *
 * - a bar stuck to the bottom of the screen ([data-sticky-bottom], e.g. the
 *   simulator's total) raises the button (a CSS variable on `offsetElement`);
 * - while the button would cover a button, a field, a quote or an amount of the
 *   page, it fades out ([data-collapsed]); it comes back as soon as the page
 *   scrolls on. Checked on scroll, resize and DOM changes, once per frame.
 *
 * window.BF1KeepClear({
 *   button,          // the element that fades out
 *   offsetElement,   // where the CSS variable is set (default: button)
 *   offsetProperty,  // e.g. "--whatsapp-offset"
 *   container,       // the widget: its own elements and changes do not count
 *   extraKeepClear,  // more selectors to keep clear of (default: none)
 *   bottom,          // function(offset): the button's bottom edge, in px from the top
 *   active,          // function(): false while the button should not move (default: always)
 *   keepFocused,     // true: never fades out while it has the focus
 * })
 */
(function () {
  "use strict";

  if (window.BF1KeepClear) {
    return;
  }

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
  ];
  var MARGIN = 8; // px of air around the button

  window.BF1KeepClear = function (options) {
    var button = options.button;
    var offsetElement = options.offsetElement || button;
    var container = options.container || button;
    var keepClear = KEEP_CLEAR.concat(options.extraKeepClear || []).join(",");
    var active =
      options.active ||
      function () {
        return true;
      };
    var pending = false;

    function shown(element) {
      if (!element.getClientRects().length || container.contains(element)) {
        return null;
      }
      var style = window.getComputedStyle(element);
      if (style.visibility === "hidden" || style.display === "none") {
        return null;
      }
      var box = element.getBoundingClientRect();
      return box.width && box.height ? box : null;
    }

    function overlaps(a, b) {
      return (
        a.left - MARGIN < b.right &&
        b.left < a.right + MARGIN &&
        a.top - MARGIN < b.bottom &&
        b.top < a.bottom + MARGIN
      );
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
      var wanted = offset ? offset + "px" : "0px";
      if (offsetElement.style.getPropertyValue(options.offsetProperty) !== wanted) {
        offsetElement.style.setProperty(options.offsetProperty, wanted);
      }
      if (!active()) {
        return;
      }
      // Where the button stands once raised (its box is kept while it moves or
      // is faded out).
      var box = button.getBoundingClientRect();
      var bottom = options.bottom(offset);
      var target = { left: box.left, right: box.right, top: bottom - box.height, bottom: bottom };
      var covers = false;
      var elements = document.querySelectorAll(keepClear);
      for (var i = 0; i < elements.length && !covers; i++) {
        var other = shown(elements[i]);
        covers = Boolean(other) && overlaps(target, other);
      }
      if (covers && !(options.keepFocused && document.activeElement === button)) {
        button.setAttribute("data-collapsed", "");
      } else {
        button.removeAttribute("data-collapsed");
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
      // Its own changes do not count (a panel opening or closing inside it does).
      for (var i = 0; i < records.length; i++) {
        var target = records[i].target;
        if (target !== container && target !== button && target !== offsetElement) {
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
  };
})();
