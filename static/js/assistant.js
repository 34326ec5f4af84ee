/*
 * BF1 Pub: the help assistant's widget (templates/components/assistant.html).
 *
 * - The button (a link to /aide/ without JavaScript) opens a non-modal dialog;
 *   Escape or the close button shuts it and gives the focus back to the button.
 * - A question is POSTed as JSON to /aide/api/question/ (same origin, no CSRF
 *   token: docs/decisions/0020-assistant-widget-csrf.md); the answer is built
 *   with DOM nodes and textContent only, never innerHTML: the question and the
 *   answer are plain text. Links are followed only when they stay on this site
 *   (or go to wa.me for WhatsApp).
 * - "Oui"/"Non" and "Parler à l'équipe" POST to their endpoints; the hand-off
 *   goes to the conversation (advertisers) or the pre-filled contact form.
 * - While closed, the button keeps clear of the page: static/js/assistant_corner.js.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function safeUrl(value, allowWhatsApp) {
    if (typeof value !== "string" || !value) {
      return null;
    }
    try {
      var url = new URL(value, window.location.href);
      if (url.origin === window.location.origin) {
        return url.href;
      }
      if (allowWhatsApp && url.protocol === "https:" && url.hostname === "wa.me") {
        return url.href;
      }
    } catch (error) {
      return null;
    }
    return null;
  }

  function link(href, text, allowWhatsApp) {
    var safe = safeUrl(href, allowWhatsApp);
    if (!safe) {
      return el("span", "", text);
    }
    var anchor = el("a", "", text);
    anchor.href = safe;
    return anchor;
  }

  function postJson(url, body) {
    return window
      .fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            return { ok: response.ok, status: response.status, data: data || {} };
          });
      });
  }

  function start(root) {
    var text = root.dataset;
    var toggle = root.querySelector("[data-assistant-toggle]");
    var panel = root.querySelector("#assistant-panel");
    var closeButton = root.querySelector("[data-assistant-close]");
    var log = root.querySelector("[data-assistant-log]");
    var form = root.querySelector("[data-assistant-form]");
    var field = form.querySelector("textarea");
    var send = form.querySelector("[data-assistant-send]");
    var busy = false;

    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-expanded", "false");

    function open() {
      panel.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      field.focus();
    }

    function close() {
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      toggle.removeAttribute("data-collapsed");
      toggle.focus();
    }

    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      if (panel.hidden) {
        open();
      } else {
        close();
      }
    });
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        toggle.click();
      }
    });
    closeButton.addEventListener("click", close);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });

    function scrollDown() {
      log.scrollTop = log.scrollHeight;
    }

    function say(node) {
      log.appendChild(node);
      scrollDown();
      return node;
    }

    function renderPrice(box, price) {
      var total = el("p", "assistant-total", price.total_incl_vat_text + " " + text.textInclVat);
      total.setAttribute("data-price-total", "");
      box.appendChild(total);
      box.appendChild(el("p", "", price.total_excl_vat_text + " " + text.textExclVat));
      if (price.lines && price.lines.length) {
        var table = el("table");
        var body = el("tbody");
        price.lines.forEach(function (line) {
          var row = el("tr");
          var label = el("th", "", line.label);
          label.setAttribute("scope", "row");
          row.appendChild(label);
          row.appendChild(el("td", "", line.amount_text));
          body.appendChild(row);
        });
        table.appendChild(body);
        box.appendChild(table);
      }
      if (price.assumptions && price.assumptions.length) {
        var list = el("ul");
        price.assumptions.forEach(function (assumption) {
          list.appendChild(el("li", "", assumption));
        });
        box.appendChild(list);
      }
      if (price.simulator_url) {
        var details = link(price.simulator_url, text.textDetails);
        details.setAttribute("data-simulator-link", "");
        box.appendChild(el("p")).appendChild(details);
      }
    }

    function renderAnswer(data) {
      var box = el("div", "assistant-answer");
      box.setAttribute("data-kind", data.kind || "");
      box.appendChild(el("p", "sr-only", text.textAssistant));
      if (data.message) {
        box.appendChild(el("p", "", data.message));
      }
      if (data.kind === "price" && data.price) {
        renderPrice(box, data.price);
      }
      (data.campaigns || []).forEach(function (item) {
        var block = el("div");
        block.appendChild(el("p")).appendChild(link(item.url, item.title));
        block.appendChild(el("p", "", text.textStatus + " " + item.status));
        if (item.next_step) {
          block.appendChild(el("p", "", text.textNextStep + " " + item.next_step));
        }
        box.appendChild(block);
      });
      if (data.links && data.links.length) {
        var links = el("ul");
        data.links.forEach(function (item) {
          links.appendChild(el("li")).appendChild(link(item.url, item.label));
        });
        box.appendChild(links);
      }
      (data.passages || []).slice(0, 3).forEach(function (hit) {
        var figure = el("figure");
        var title = hit.heading ? hit.title + " — " + hit.heading : hit.title;
        figure.appendChild(el("figcaption")).appendChild(link(hit.url, title));
        figure.appendChild(el("blockquote", "", hit.excerpt));
        box.appendChild(figure);
      });
      if (data.question_id) {
        box.appendChild(actions(data.question_id));
      }
      return box;
    }

    function actions(questionId) {
      var wrap = el("div");
      var question = el("p", "", text.textHelpful);
      var row = el("div", "assistant-actions");
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", text.textHelpful);
      [
        [true, text.textYes],
        [false, text.textNo],
      ].forEach(function (choice) {
        var button = el("button", "btn btn-secondary", choice[1]);
        button.type = "button";
        button.setAttribute("data-feedback", choice[0] ? "yes" : "no");
        button.addEventListener("click", function () {
          feedback(questionId, choice[0], wrap, question, row);
        });
        row.appendChild(button);
      });
      var handOff = el("button", "btn btn-primary", text.textHandOff);
      handOff.type = "button";
      handOff.setAttribute("data-hand-off", "");
      handOff.addEventListener("click", function () {
        handOffTo(questionId, wrap, handOff);
      });
      var team = el("div", "assistant-actions");
      team.appendChild(handOff);
      wrap.appendChild(question);
      wrap.appendChild(row);
      wrap.appendChild(team);
      return wrap;
    }

    function feedback(questionId, helpful, wrap, question, row) {
      row.querySelectorAll("button").forEach(function (button) {
        button.disabled = true;
      });
      postJson(text.apiFeedback, { question_id: questionId, helpful: helpful }).then(
        function (result) {
          var message = result.data.message || result.data.error || text.textFailed;
          var note = el("p", result.ok ? "" : "assistant-error", message);
          note.setAttribute("role", "status");
          wrap.replaceChild(note, question);
          row.remove();
          scrollDown();
        },
        function () {
          say(el("p", "assistant-error", text.textFailed));
        }
      );
    }

    function handOffTo(questionId, wrap, button) {
      button.disabled = true;
      postJson(text.apiHandOff, { question_id: questionId }).then(
        function (result) {
          var data = result.data;
          if (result.ok && data.url && safeUrl(data.url)) {
            window.location.assign(safeUrl(data.url));
            return;
          }
          button.disabled = false;
          var note = el("p", result.ok ? "" : "assistant-error", data.message || data.error || text.textFailed);
          note.setAttribute("role", "status");
          wrap.appendChild(note);
          if (data.whatsapp_url && safeUrl(data.whatsapp_url, true)) {
            var whatsapp = link(data.whatsapp_url, text.textWhatsapp + " " + text.textNewWindow, true);
            whatsapp.target = "_blank";
            whatsapp.rel = "noopener noreferrer";
            wrap.appendChild(el("p")).appendChild(whatsapp);
          }
          scrollDown();
        },
        function () {
          button.disabled = false;
          say(el("p", "assistant-error", text.textFailed));
        }
      );
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var question = field.value.trim();
      if (!question || busy) {
        field.focus();
        return;
      }
      busy = true;
      send.disabled = true;
      var asked = say(el("p", "assistant-asked", question));
      asked.insertBefore(el("span", "sr-only", text.textYou + "\u00a0: "), asked.firstChild);
      var waiting = say(el("p", "assistant-intro", text.textWaiting));
      postJson(text.apiQuestion, { question: question })
        .then(
          function (result) {
            waiting.remove();
            if (result.ok) {
              field.value = "";
              say(renderAnswer(result.data));
            } else {
              say(el("p", "assistant-error", result.data.error || text.textFailed));
            }
          },
          function () {
            waiting.remove();
            say(el("p", "assistant-error", text.textFailed));
          }
        )
        .then(function () {
          busy = false;
          send.disabled = false;
          field.focus();
        });
    });
    field.addEventListener("keydown", function (event) {
      // Enter sends, Shift+Enter goes to a new line.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit ? form.requestSubmit() : send.click();
      }
    });

  }

  function init() {
    var root = document.querySelector("[data-assistant-widget]");
    if (root && window.fetch) {
      start(root);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
