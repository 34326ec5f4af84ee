/*
 * BF1 Pub: the live quote of the booking wizard's step 2
 * (templates/campaigns/wizard.html). Each change of the airtime form is sent,
 * 200 ms after the last one, to POST /api/simulator/quote/ (the simulator's
 * pricing engine); the answer fills #live-quote. Text is set with textContent
 * only. Without JavaScript the server-side quote of the saved draft is shown.
 */
(function () {
  "use strict";

  var NARROW_NBSP = "\u202f";
  var NBSP = "\u00a0";

  function fcfa(amount) {
    var digits = String(Math.abs(Math.trunc(Number(amount || 0))));
    return (amount < 0 ? "-" : "") + digits.replace(/\B(?=(\d{3})+(?!\d))/g, NARROW_NBSP) + NBSP + "FCFA";
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function row(list, label, value, className) {
    var div = el("div", undefined, "flex justify-between gap-3 " + (className || ""));
    div.appendChild(el("dt", label, "text-slate-600"));
    var amount = el("dd", value, "tabular-nums whitespace-nowrap");
    div.appendChild(amount);
    list.appendChild(div);
    return amount;
  }

  function init() {
    var form = document.querySelector('form[data-step="2"]');
    var dataNode = document.getElementById("campaign-wizard-data");
    var target = document.getElementById("live-quote");
    if (!form || !dataNode || !target) return;
    var data = JSON.parse(dataNode.textContent);
    var labels = target.dataset;
    var timer = null;
    var controller = null;

    function payload() {
      var bands = [];
      form.querySelectorAll("input[data-band]").forEach(function (box) {
        if (!box.checked) return;
        var input = form.querySelector('input[name="airings_' + box.value + '"]');
        bands.push({ band: box.value, airings: input ? Number(input.value) : 0 });
      });
      var options = [];
      form.querySelectorAll('input[name="options"]:checked').forEach(function (box) {
        options.push(box.value);
      });
      return {
        spot_length: Number(form.elements.spot_length.value),
        start_date: form.elements.start_date.value,
        end_date: form.elements.end_date.value,
        bands: bands,
        options: options,
      };
    }

    function render(quote, errors) {
      target.textContent = "";
      if (!quote) {
        var messages = [];
        Object.keys(errors || {}).forEach(function (key) {
          messages = messages.concat(errors[key]);
        });
        var p = el("p", messages.join(" ") || labels.empty || "", "text-sm text-red-700");
        p.setAttribute("role", "alert");
        target.appendChild(p);
        return;
      }
      var list = el("dl", undefined, "space-y-1 text-sm");
      list.setAttribute("data-quote", "");
      quote.lines.forEach(function (line) {
        row(list, line.label + " × " + line.airings, fcfa(line.amount));
      });
      row(list, labels.subtotal || "", fcfa(quote.subtotal), "border-t border-slate-200 pt-2");
      if (quote.discount && quote.discount.amount) {
        row(list, labels.discount || "", "− " + fcfa(quote.discount.amount), "text-emerald-700");
      }
      row(list, labels.vat || "", fcfa(quote.vat.amount));
      row(list, labels.total || "", fcfa(quote.total), "border-t border-slate-200 pt-2 font-bold").setAttribute("data-quote-total", "");
      target.appendChild(list);
    }

    async function send() {
      var body = payload();
      if (!body.bands.length) {
        render(null, {});
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        var response = await fetch(data.quote_url, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        var json = await response.json();
        render(response.ok ? json : null, json.errors);
      } catch (error) {
        if (error.name !== "AbortError") render(null, {});
      }
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(send, 200);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    // Arriving with bands already chosen (from the simulator or a saved draft):
    // price them at once instead of waiting for the first change.
    if (form.querySelector('input[type="checkbox"]:checked')) schedule();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
