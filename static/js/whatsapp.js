/*
 * BF1 Pub: keeps the floating WhatsApp button (templates/components/whatsapp.html)
 * clear of the page, on phones above all (static/js/keep_clear.js): raised above
 * a bar stuck to the bottom of the screen (CSS variable --whatsapp-offset), faded
 * out while it would cover a button, a field, a quote or an amount of the page.
 */
(function () {
  "use strict";

  function init() {
    var bubble = document.querySelector("[data-whatsapp]");
    if (bubble && window.BF1KeepClear) {
      window.BF1KeepClear({
        button: bubble,
        offsetProperty: "--whatsapp-offset",
        extraKeepClear: ["main [data-sim=subtotal]", "main [data-sim=vat]"],
        // bottom: 1.25rem + the bars
        bottom: function (offset) {
          return window.innerHeight - (20 + offset);
        },
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
