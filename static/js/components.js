/*
 * BF1 Pub: the Alpine.js components shared by the pages (loaded by base.html
 * before Alpine itself).
 *
 * The pages run Alpine's CSP build (static/vendor/alpine/alpine-csp.min.js): it
 * never compiles code from the HTML, so the Content-Security-Policy needs no
 * 'unsafe-eval'. Its rules for templates:
 *  - every x-data names a component registered here (or in the page's own file,
 *    like static/js/simulator.js) with Alpine.data; no object literal with
 *    methods, no arrow function, no statement (`;`, `if`, `const`) in an attribute;
 *  - an attribute holds one expression: a property, a method call with literal
 *    arguments, `!`, comparisons, `&&`/`||`, `a ? b : c`, `+`, a simple
 *    assignment (`tab = 'company'`); no global (window, document, String,
 *    location...) and no optional chaining (`?.`);
 *  - texts and settings come from data-* attributes, read by the component.
 */
(function () {
  "use strict";

  // Site header: burger panel and account menu (templates/components/nav.html).
  function siteHeader() {
    return {
      menu: false,
      account: false,
      toggleMenu: function () {
        this.menu = !this.menu;
      },
      toggleAccount: function () {
        this.account = !this.account;
      },
      closeMenu: function () {
        this.menu = false;
      },
      closeAccount: function () {
        this.account = false;
      },
      closeAll: function () {
        this.menu = false;
        this.account = false;
      },
      // "true"/"false" for aria-expanded.
      expanded: function (name) {
        return this[name] ? "true" : "false";
      },
      // The burger's hidden label: data-label-open / data-label-close of the element.
      menuLabel: function () {
        var labels = this.$el.dataset;
        return this.menu ? labels.labelClose : labels.labelOpen;
      },
    };
  }

  // A message toast that closes by itself after data-toast-delay milliseconds;
  // hovering or focusing it pauses the timer (templates/components/messages.html).
  function toast() {
    var timer = null;
    return {
      show: true,
      init: function () {
        this.start();
      },
      start: function () {
        var self = this;
        var delay = Number(this.$root.dataset.toastDelay) || 6000;
        clearTimeout(timer);
        timer = setTimeout(function () {
          self.show = false;
        }, delay);
      },
      stop: function () {
        clearTimeout(timer);
      },
      close: function () {
        this.stop();
        this.show = false;
      },
    };
  }

  // Tabs (templates/accounts/profile.html): data-tab is the tab shown first; a
  // #<name> in the address opens the tab whose panel is #panel-<name>.
  function tabs() {
    return {
      tab: "",
      init: function () {
        this.tab = this.$root.dataset.tab || "";
        var wanted = window.location.hash.slice(1);
        if (wanted && /^[\w-]+$/.test(wanted) && this.$root.querySelector("#panel-" + wanted)) {
          this.tab = wanted;
        }
      },
      isTab: function (name) {
        return this.tab === name;
      },
      selected: function (name) {
        return this.tab === name ? "true" : "false";
      },
      choose: function (name) {
        this.tab = name;
      },
    };
  }

  // A select (or any field) that sends its form when it changes.
  function autoSubmit() {
    return {
      submit: function (event) {
        var form = event.target.form;
        if (!form) {
          return;
        }
        if (form.requestSubmit) {
          form.requestSubmit();
        } else {
          form.submit();
        }
      },
    };
  }

  // A form sent only once the user confirms data-confirm (a question).
  function confirmSubmit() {
    return {
      ask: function (event) {
        if (!window.confirm(this.$root.dataset.confirm)) {
          event.preventDefault();
        }
      },
    };
  }

  // Booking wizard, step 1: the authorisation document shows for a sector subject
  // to authorisation (its <option data-requires-authorization="true">) or when one
  // is already attached. data-needs-authorization / data-keep: "true" or "false".
  function authorizationDocument() {
    return {
      needsAuthorization: false,
      keep: false,
      init: function () {
        this.needsAuthorization = this.$root.dataset.needsAuthorization === "true";
        this.keep = this.$root.dataset.keep === "true";
      },
      changed: function (event) {
        var field = event.target;
        if (field.name !== "sector") {
          return;
        }
        var option = field.selectedOptions && field.selectedOptions[0];
        this.needsAuthorization = !!(option && option.dataset.requiresAuthorization === "true");
      },
      showDocument: function () {
        return this.needsAuthorization || this.keep;
      },
    };
  }

  // Booking wizard, step 3: only the part of the spot choice made shows
  // (data-mode: the choice on arrival).
  function creativeMode() {
    return {
      mode: "",
      init: function () {
        this.mode = this.$root.dataset.mode || "";
      },
      changed: function (event) {
        if (event.target.name === "creative_mode") {
          this.mode = event.target.value;
        }
      },
      isMode: function (name) {
        return this.mode === name;
      },
    };
  }

  document.addEventListener("alpine:init", function () {
    var Alpine = window.Alpine;
    Alpine.data("siteHeader", siteHeader);
    Alpine.data("toast", toast);
    Alpine.data("tabs", tabs);
    Alpine.data("autoSubmit", autoSubmit);
    Alpine.data("confirmSubmit", confirmSubmit);
    Alpine.data("authorizationDocument", authorizationDocument);
    Alpine.data("creativeMode", creativeMode);
  });
})();
