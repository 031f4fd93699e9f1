// The job board: drag a card to another column (SortableJS, vendored). A drop posts the
// same form as the card's "Move" button; a refused move puts the card back and says why.
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var root = document.querySelector("[data-board-root]");
    if (!root || !window.Sortable) return;
    var csrf = root.getAttribute("data-csrf");
    var status = document.getElementById("board-status");
    var dialog = document.getElementById("block-dialog");

    function say(message, isError) {
      status.className = "board-status alert " + (isError ? "alert--error" : "alert--success");
      status.textContent = "";
      var p = document.createElement("p");
      p.textContent = message;
      status.appendChild(p);
    }

    function recount() {
      root.querySelectorAll(".board__column").forEach(function (column) {
        var count = column.querySelector("[data-count]");
        var cards = column.querySelectorAll("[data-card]").length;
        if (count && !column.querySelector(".board__more")) count.textContent = String(cards);
      });
    }

    function putBack(event) {
      var from = event.from;
      var before = from.children[event.oldIndex] || null;
      from.insertBefore(event.item, before);
      recount();
    }

    function askReason(card) {
      return new Promise(function (resolve) {
        if (!dialog || !dialog.showModal) { resolve(window.prompt("What is the task blocked on?")); return; }
        var textarea = dialog.querySelector("textarea");
        textarea.value = "";
        dialog.querySelector("[data-block-title]").textContent = card.getAttribute("data-title");
        dialog.addEventListener("close", function onClose() {
          dialog.removeEventListener("close", onClose);
          resolve(dialog.returnValue === "block" ? textarea.value : null);
        });
        dialog.showModal();
      });
    }

    function send(card, to, reason) {
      var body = new FormData();
      body.append("to", to);
      body.append("base_status", card.getAttribute("data-status"));
      if (reason) body.append("reason", reason);
      return fetch(card.getAttribute("data-url"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, "Accept": "application/json" },
      }).then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("json") !== -1;
        return (json ? response.json() : Promise.resolve({})).then(function (answer) {
          return { ok: response.ok, status: response.status, answer: answer };
        });
      });
    }

    function dropped(event) {
      if (event.from === event.to) return;
      var card = event.item;
      var to = event.to.getAttribute("data-status");
      recount();
      var reason = Promise.resolve("");
      if (card.getAttribute("data-kind") === "task" && to === "blocked") reason = askReason(card);
      reason.then(function (why) {
        if (why === null) { putBack(event); say("Not moved: a blocked task needs a reason.", true); return null; }
        card.classList.add("is-saving");
        return send(card, to, why).then(function (result) {
          card.classList.remove("is-saving");
          if (!result.ok) {
            putBack(event);
            var detail = result.answer.detail ||
              (result.status === 403 ? "You cannot move this card there." : "The card could not be moved.");
            say("Not moved: " + detail, true);
            return;
          }
          var holder = document.createElement("ul");
          holder.innerHTML = result.answer.card;
          var fresh = holder.firstElementChild;
          card.replaceWith(fresh);
          say(result.answer.detail, false);
        });
      }).catch(function () {
        card.classList.remove("is-saving");
        putBack(event);
        say("Not moved: the connection failed. Try again.", true);
      });
    }

    root.querySelectorAll(".board__cards").forEach(function (list) {
      window.Sortable.create(list, {
        group: {
          name: list.getAttribute("data-kind"),
          pull: true,
          put: function (to, from, item) {
            var moves = (item.getAttribute("data-moves") || "").split(" ");
            return moves.indexOf(to.el.getAttribute("data-status")) !== -1;
          },
        },
        sort: false,
        draggable: ".board-card--movable",
        filter: "select, input, button, label",
        preventOnFilter: false,
        forceFallback: true,
        fallbackTolerance: 3,
        animation: 120,
        onEnd: dropped,
      });
    });
  });
})();
