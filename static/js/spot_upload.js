/* Spot upload in chunks, with a progress bar and resumption after a dropped
   connection (asks the server how much arrived and continues from there).
   Without JavaScript the same form posts the file in one request. */
(function () {
  "use strict";

  var form = document.getElementById("spot-upload-form");
  if (!form || !window.fetch) return;
  var texts = document.getElementById("spot-upload-texts").dataset;
  var input = form.querySelector("input[type=file]");
  var progress = document.getElementById("spot-progress");
  var bar = progress.querySelector("[data-bar]");
  var barBox = progress.querySelector("[role=progressbar]");
  var statusLine = progress.querySelector("[data-status]");
  var submit = form.querySelector("[data-submit]");
  var cancelButton = form.querySelector("[data-cancel]");
  var reportBox = document.getElementById("spot-report");
  var reportBody = reportBox.querySelector("[data-report]");
  var replaces = form.querySelector("select[name=replaces]");
  var startUrl = form.dataset.startUrl;
  var baseUrl = form.dataset.baseUrl;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var current = null;
  var cancelled = false;

  function headers(extra) {
    var h = { "X-CSRFToken": csrf, "X-Requested-With": "XMLHttpRequest" };
    for (var key in extra || {}) h[key] = extra[key];
    return h;
  }

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function setProgress(done, total) {
    var percent = total ? Math.floor((done * 100) / total) : 0;
    bar.style.width = percent + "%";
    barBox.setAttribute("aria-valuenow", String(percent));
    statusLine.textContent = texts.sending + " " + percent + " %";
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function list(items, className) {
    var ul = el("ul", "", "mt-2 list-disc pl-5 text-sm " + className);
    items.forEach(function (item) { ul.appendChild(el("li", item)); });
    return ul;
  }

  function showReport(data) {
    reportBody.textContent = "";
    var report = data.report || {};
    var facts = [
      report.container, report.video_codec,
      report.width ? report.width + "×" + report.height : null,
      report.frame_rate_text, report.duration ? report.duration.toFixed(1) + " s" : null,
      report.loudness_lufs != null ? report.loudness_lufs.toFixed(1) + " LUFS" : null,
    ].filter(Boolean);
    if (facts.length) reportBody.appendChild(el("p", facts.join(" · "), "mt-3 text-sm text-slate-700"));
    if (data.ok) {
      reportBody.appendChild(el("p", texts.accepted, "mt-3 font-semibold text-green-700"));
    } else {
      reportBody.appendChild(el("p", texts.refused, "mt-3 font-semibold text-brand-dark"));
      var errors = (report.errors && report.errors.length) ? report.errors : [data.error || texts.failed];
      reportBody.appendChild(list(errors, "text-brand-dark"));
    }
    if (report.warnings && report.warnings.length) {
      reportBody.appendChild(el("p", texts.warnings, "mt-3 font-semibold text-amber-800"));
      reportBody.appendChild(list(report.warnings, "text-amber-800"));
    }
    if (data.ok && data.spot_url) {
      var link = el("a", texts.open, "btn btn-primary mt-4");
      link.href = data.spot_url;
      reportBody.appendChild(link);
    }
    reportBox.classList.remove("hidden");
  }

  function fail(message) {
    showReport({ ok: false, error: message || texts.failed, report: {} });
    reset();
  }

  function reset() {
    submit.disabled = false;
    cancelButton.classList.add("hidden");
    current = null;
  }

  async function json(response) {
    try { return await response.json(); } catch (e) { return {}; }
  }

  async function serverOffset(url) {
    var response = await fetch(url, { headers: headers(), credentials: "same-origin" });
    var data = await json(response);
    if (!response.ok) throw new Error(data.error || texts.failed);
    return data.received;
  }

  async function sendChunks(file, uploadUrl, chunkSize) {
    var offset = 0;
    var failures = 0;
    while (offset < file.size) {
      if (cancelled) return false;
      var piece = file.slice(offset, Math.min(offset + chunkSize, file.size));
      try {
        var response = await fetch(uploadUrl + "chunk/?offset=" + offset, {
          method: "PUT",
          headers: headers({ "Content-Type": "application/octet-stream" }),
          credentials: "same-origin",
          body: piece,
        });
        var data = await json(response);
        if (response.ok) {
          offset = data.received;
          failures = 0;
        } else if (response.status === 409 && typeof data.offset === "number") {
          offset = data.offset; // the server tells where to resume
        } else {
          throw Object.assign(new Error(data.error || texts.failed), { fatal: true });
        }
      } catch (error) {
        if (error.fatal || failures >= 8) throw error;
        failures += 1;
        statusLine.textContent = texts.resuming;
        await sleep(Math.min(30000, 1000 * Math.pow(2, failures)));
        try { offset = await serverOffset(uploadUrl); } catch (e) { /* retry again */ }
      }
      setProgress(offset, file.size);
    }
    return true;
  }

  form.addEventListener("submit", async function (event) {
    var file = input.files && input.files[0];
    if (!file) return;
    event.preventDefault();
    cancelled = false;
    submit.disabled = true;
    cancelButton.classList.remove("hidden");
    reportBox.classList.add("hidden");
    progress.classList.remove("hidden");
    setProgress(0, file.size);
    try {
      var response = await fetch(startUrl, {
        method: "POST",
        headers: headers({ "Content-Type": "application/json" }),
        credentials: "same-origin",
        body: JSON.stringify({ filename: file.name, size: file.size }),
      });
      var started = await json(response);
      if (!response.ok) return fail(started.error);
      var uploadUrl = baseUrl + started.upload_id + "/";
      current = uploadUrl;
      if (!(await sendChunks(file, uploadUrl, started.chunk_size || Number(form.dataset.chunkSize)))) return;
      statusLine.textContent = texts.checking;
      var finished = await fetch(uploadUrl + "finish/", {
        method: "POST",
        headers: headers({ "Content-Type": "application/json" }),
        credentials: "same-origin",
        body: JSON.stringify({ replaces: replaces ? replaces.value : "" }),
      });
      var result = await json(finished);
      statusLine.textContent = "";
      showReport(result);
      reset();
    } catch (error) {
      fail(error.message);
    }
  });

  cancelButton.addEventListener("click", function () {
    cancelled = true;
    if (current) {
      fetch(current + "abort/", { method: "POST", headers: headers(), credentials: "same-origin" });
    }
    progress.classList.add("hidden");
    reset();
  });
})();
