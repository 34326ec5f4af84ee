/*
 * BF1 Pub: the advisor's budget screen (templates/simulator/advisor/budget.html).
 * Enables the budget slider (disabled in the HTML, so that without JavaScript it
 * sends nothing) and keeps it and the text field `budget` in step, showing the
 * slider's value in francs CFA written the French way. The server reads the
 * text field; everything works without this file.
 */
(function () {
  "use strict";

  var format = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

  function fcfa(amount) {
    return format.format(amount) + "\u00a0FCFA";
  }

  function digits(text) {
    var cleaned = String(text || "").replace(/fcfa|f\s*cfa|xof/gi, "").replace(/[\s.,\u00a0\u202f\u2009]/g, "");
    return /^[0-9]{1,12}$/.test(cleaned) ? Number(cleaned) : null;
  }

  function init() {
    var slider = document.querySelector('[data-advisor="budget-slider"]');
    var text = document.querySelector('[data-advisor="budget-text"]');
    var output = document.querySelector('[data-advisor="budget-slider-value"]');
    if (!slider || !text) return;
    var min = Number(slider.min);
    var max = Number(slider.max);
    slider.disabled = false;

    function show() {
      if (output) output.textContent = fcfa(Number(slider.value));
      slider.setAttribute("aria-valuetext", fcfa(Number(slider.value)));
    }

    function fromText() {
      var amount = digits(text.value);
      if (amount === null) return;
      slider.value = String(Math.min(Math.max(amount, min), max));
      show();
    }

    slider.addEventListener("input", function () {
      text.value = format.format(Number(slider.value));
      show();
    });
    text.addEventListener("input", fromText);
    if (text.value) fromText();
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
