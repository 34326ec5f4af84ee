/* Report screens (templates/reports/): while the report of a new period or new
 * filters is computed, show the loading indicator, mark the results busy and
 * keep the button from being pressed twice. No inline script: loaded with
 * <script src defer>. */
(function () {
  "use strict";

  function reset(form) {
    var loading = form.querySelector("[data-report-loading]");
    var submit = form.querySelector("[data-report-submit]");
    if (loading) loading.hidden = true;
    if (submit) submit.disabled = false;
    var results = document.querySelector("[data-report-results]");
    if (results) results.removeAttribute("aria-busy");
  }

  function start(form) {
    var loading = form.querySelector("[data-report-loading]");
    var submit = form.querySelector("[data-report-submit]");
    if (loading) loading.hidden = false;
    if (submit) submit.disabled = true;
    var results = document.querySelector("[data-report-results]");
    if (results) results.setAttribute("aria-busy", "true");
  }

  function init() {
    var forms = document.querySelectorAll("form[data-report-form]");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function () {
        // Let the browser's own checks (required dates) run first.
        if (typeof form.checkValidity === "function" && !form.checkValidity()) return;
        start(form);
      });
    });
    // Coming back with the browser's back button shows the cached page: hide it again.
    window.addEventListener("pageshow", function () {
      Array.prototype.forEach.call(forms, reset);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
