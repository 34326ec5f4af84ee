/*
 * BF1 Pub: the live cost simulator (Alpine.js component "simulator").
 *
 * The page (templates/simulator/simulator_page.html) embeds its starting point
 * as JSON in <script id="simulator-data">: the quote API's URL, the bands, the
 * state read from the page's GET parameters, and the quote the server already
 * computed for them. Each change of the form is sent, 150 ms after the last one,
 * to POST /api/simulator/quote/ with "compare": true; a newer request aborts the
 * older one. The API's field errors are shown next to their inputs, the URL is
 * kept shareable (same parameters as the page reads), and "Book this campaign"
 * carries the campaign to /campaigns/create/?spot_length=…&bands=code:airings,…
 *
 * Loaded with `defer` before Alpine (base.html, block page_scripts), so that it
 * registers the component before Alpine starts.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;
  var NARROW_NBSP = "\u202f";
  var NBSP = "\u00a0";

  // 103545 -> "103 545 FCFA", exactly like simulator.pricing.fcfa.
  function francs(amount) {
    var digits = String(Math.abs(Math.trunc(Number(amount))));
    return (amount < 0 ? "-" : "") + digits.replace(/\B(?=(\d{3})+(?!\d))/g, NARROW_NBSP);
  }

  function fcfa(amount) {
    if (amount === null || amount === undefined || amount === "") {
      return "";
    }
    return francs(amount) + NBSP + "FCFA";
  }

  // 18 -> "18 %", 2.5 -> "2,5 %", like simulator.pricing.percent_text.
  function percent(value) {
    return String(value).replace(".", ",") + NBSP + "%";
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return values[name] === undefined ? match : values[name];
    });
  }

  // The query of a shared link and of the booking link (simulator.query.share_query).
  function shareQuery(payload) {
    var parts = [
      "spot_length=" + encodeURIComponent(payload.spot_length),
      "start_date=" + encodeURIComponent(payload.start_date),
      "end_date=" + encodeURIComponent(payload.end_date),
      "bands=" +
        payload.bands
          .map(function (line) {
            return encodeURIComponent(line.band) + ":" + encodeURIComponent(line.airings);
          })
          .join(","),
    ];
    if (payload.options.length) {
      parts.push("options=" + payload.options.map(encodeURIComponent).join(","));
    }
    return parts.join("&");
  }

  function readData() {
    var element = document.getElementById("simulator-data");
    return element ? JSON.parse(element.textContent) : null;
  }

  function simulator() {
    var data = readData();
    // Not reactive: timers and the request in flight.
    var internal = { timer: null, controller: null, lastKey: null };
    var state = data.state;
    var airings = {};
    data.bands.forEach(function (band) {
      airings[band.code] = data.default_airings;
    });
    state.bands.forEach(function (line) {
      airings[line.band] = line.airings;
    });

    return {
      data: data,
      spotLength: state.spot_length,
      startDate: state.start_date,
      endDate: state.end_date,
      picked: state.bands.map(function (line) {
        return line.band;
      }),
      airings: airings,
      options: state.options.slice(),
      quote: data.quote,
      comparison: (data.quote && data.quote.comparison) || [],
      errors: data.errors || {},
      lines: data.lines || [],
      message: "",
      loading: false,

      // The page re-prices on every change with x-effect="schedule(payload())".
      init: function () {
        if (data.submitted) {
          // The server already priced this request: no need to ask again.
          internal.lastKey = JSON.stringify(this.payload());
        }
      },

      payload: function () {
        var self = this;
        var lines = this.data.bands
          .filter(function (band) {
            return self.picked.indexOf(band.code) !== -1;
          })
          .map(function (band) {
            return { band: band.code, airings: self.airings[band.code] };
          });
        return {
          spot_length: this.spotLength,
          start_date: this.startDate,
          end_date: this.endDate,
          bands: lines,
          options: this.options.slice(),
        };
      },

      schedule: function (payload) {
        var key = JSON.stringify(payload);
        if (key === internal.lastKey) {
          return;
        }
        internal.lastKey = key;
        clearTimeout(internal.timer);
        if (!payload.bands.length) {
          this.abort();
          this.quote = null;
          this.comparison = [];
          this.errors = {};
          this.message = "";
          this.loading = false;
          this.keepUrl(payload);
          return;
        }
        this.loading = true;
        var self = this;
        internal.timer = setTimeout(function () {
          self.send(payload);
        }, DEBOUNCE_MS);
      },

      abort: function () {
        if (internal.controller) {
          internal.controller.abort();
          internal.controller = null;
        }
      },

      send: async function (payload) {
        this.abort();
        var controller = new AbortController();
        internal.controller = controller;
        var body = {};
        var response;
        try {
          response = await fetch(this.data.quote_url, {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify(Object.assign({}, payload, { compare: true })),
            credentials: "same-origin",
            signal: controller.signal,
          });
          body = await response.json().catch(function () {
            return {};
          });
        } catch (error) {
          if (controller.signal.aborted) {
            return;
          }
          this.message = this.data.messages.network;
          this.loading = false;
          internal.controller = null;
          internal.lastKey = null; // the same request may be tried again
          return;
        }
        if (controller !== internal.controller) {
          return; // a newer request took over
        }
        internal.controller = null;
        this.loading = false;
        this.lines = payload.bands.map(function (line) {
          return line.band;
        });
        if (response.ok) {
          this.quote = body;
          this.comparison = body.comparison || [];
          this.errors = {};
          this.message = "";
        } else {
          var errors = body.errors || {};
          this.quote = null;
          this.comparison = [];
          this.errors = errors;
          this.message = (errors.__all__ || []).join(" ");
          if (!this.message && !Object.keys(errors).length) {
            this.message = this.data.messages.failed;
          }
          if (response.status === 429 || response.status >= 500) {
            internal.lastKey = null;
          }
        }
        this.keepUrl(payload);
      },

      keepUrl: function (payload) {
        if (!window.history || !window.history.replaceState) {
          return;
        }
        var query = payload.bands.length ? "?" + shareQuery(payload) : "";
        window.history.replaceState(null, "", this.data.page_path + query + window.location.hash);
      },

      toggled: function (code, checked) {
        var value = this.airings[code];
        if (checked && !(Number(value) > 0)) {
          this.airings[code] = this.data.default_airings;
        }
      },

      isPicked: function (code) {
        return this.picked.indexOf(code) !== -1;
      },

      hasErrors: function () {
        return Object.keys(this.errors).length > 0;
      },

      fieldError: function (name) {
        var messages = (this.errors[name] || []).slice();
        if (name === "bands") {
          // Errors of a line whose band is not on the page (an old shared link).
          var self = this;
          Object.keys(this.errors).forEach(function (key) {
            if (key.indexOf("bands.") === 0) {
              var code = self.lines[Number(key.slice(6))];
              if (!self.data.bands.some(function (band) { return band.code === code; })) {
                messages = messages.concat(self.errors[key]);
              }
            }
          });
        }
        return messages.join(" ");
      },

      bandError: function (code) {
        var index = this.lines.indexOf(code);
        return index === -1 ? "" : (this.errors["bands." + index] || []).join(" ");
      },

      factorAnchor: function (code) {
        var anchors = this.data.factor_anchors;
        if (anchors[code]) {
          return anchors[code];
        }
        var engineFactors = ["base_price", "band", "extra_seconds", "fixed_price"];
        return engineFactors.indexOf(code) === -1 ? this.data.adjustment_anchor : null;
      },

      summary: function () {
        return fill(this.data.messages.summary, {
          airings: this.quote.airings,
          length: this.quote.spot_length,
        });
      },

      discountText: function () {
        var discount = this.quote.discount;
        if (!discount.min_airings) {
          return "";
        }
        return fill(this.data.messages.discount, {
          percent: percent(discount.percent),
          airings: discount.min_airings,
        });
      },

      barWidth: function (row) {
        var totals = this.comparison
          .map(function (item) {
            return item.total;
          })
          .filter(function (total) {
            return total !== null;
          });
        var top = Math.max.apply(null, totals.concat([0]));
        return top && row.total ? ((row.total * 100) / top).toFixed(1) : 0;
      },

      // :style of a comparison bar: an object, which Alpine sets through the CSSOM.
      barStyle: function (row) {
        return { width: this.barWidth(row) + "%" };
      },

      bookingUrl: function () {
        if (!this.quote) {
          return "#";
        }
        return (
          this.data.booking_path +
          "?" +
          shareQuery({
            spot_length: this.quote.spot_length,
            start_date: this.quote.start_date,
            end_date: this.quote.end_date,
            bands: this.quote.lines,
            options: this.quote.options,
          })
        );
      },

      fcfa: fcfa,
      percent: percent,
    };
  }

  document.addEventListener("alpine:init", function () {
    window.Alpine.data("simulator", simulator);
  });
})();
