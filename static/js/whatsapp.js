/*
 * BF1 Pub: keeps the floating WhatsApp button (templates/components/whatsapp.html)
 * clear of the page, on phones above all.
 *
 * - A bar stuck to the bottom of the screen ([data-sticky-bottom], e.g. the
 *   simulator's total) pushes the button above it (CSS variable --whatsapp-offset).
 * - While the button would still cover a button, a field, a quote or an amount of
 *   the page, it fades out ([data-collapsed]); it comes back as soon as the page
 *   scrolls on. Checked on scroll, resize and DOM changes, once per frame.
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
    "main [data-sim=subtotal]",
    "main [data-sim=vat]",
    "main [data-sim=sticky-total]",
    "footer form",
  ].join(",");
  var MARGIN = 8; // px of air around the button

  function shown(element) {
    if (!element.getClientRects().length) {
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

  function start(bubble) {
    var pending = false;

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
      if (bubble.style.getPropertyValue("--whatsapp-offset") !== wanted) {
        bubble.style.setProperty("--whatsapp-offset", wanted);
      }
      // Where the button stands once raised (bottom: 1.25rem + the bars; its box
      // is kept while it moves or is faded out).
      var box = bubble.getBoundingClientRect();
      var bottom = window.innerHeight - (20 + offset);
      var target = { left: box.left, right: box.right, top: bottom - box.height, bottom: bottom };
      var covers = false;
      var elements = document.querySelectorAll(KEEP_CLEAR);
      for (var i = 0; i < elements.length && !covers; i++) {
        var other = shown(elements[i]);
        covers = Boolean(other) && overlaps(target, other);
      }
      if (covers) {
        bubble.setAttribute("data-collapsed", "");
      } else {
        bubble.removeAttribute("data-collapsed");
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
      // Its own changes do not count.
      for (var i = 0; i < records.length; i++) {
        if (records[i].target !== bubble) {
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
    var bubble = document.querySelector("[data-whatsapp]");
    if (bubble) {
      start(bubble);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
