/*
 * BF1 Pub: keeps the help assistant's button (templates/components/assistant.html)
 * clear of the page while its panel is closed, like the WhatsApp button it sits
 * above (static/js/keep_clear.js): raised above a bar stuck to the bottom of the
 * screen (CSS variable --assistant-offset), faded out while it would cover a
 * button, a field or an amount of the page, unless it has the focus.
 */
(function () {
  "use strict";

  function init() {
    var root = document.querySelector("[data-assistant-widget]");
    if (!root || !window.BF1KeepClear) {
      return;
    }
    var toggle = root.querySelector("[data-assistant-toggle]");
    var panel = root.querySelector("#assistant-panel");
    window.BF1KeepClear({
      button: toggle,
      offsetElement: root,
      offsetProperty: "--assistant-offset",
      container: root,
      keepFocused: true,
      active: function () {
        return panel.hidden;
      },
      bottom: function () {
        return window.innerHeight - (parseFloat(window.getComputedStyle(toggle).bottom) || 20);
      },
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
