// Accord's small progressive enhancements. Everything works without them.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    // Phone navigation: the menu button opens and closes the sidebar links.
    var toggle = document.querySelector("[data-nav-toggle]");
    if (toggle) {
      var nav = document.getElementById(toggle.getAttribute("aria-controls"));
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", String(!open));
        nav.classList.toggle("is-open", !open);
      });
    }
  });

  // Destructive buttons ask first: <form data-confirm="Archive Acme?">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Copy buttons: <button data-copy="#element-id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      window.setTimeout(function () { button.textContent = label; }, 2000);
    });
  });

  // htmx forms that say so (<form data-swap-errors>) show the page's answer to a refused
  // request (409, 422) in place, e.g. "Not saved: use a date like 2027-03-31".
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr && event.detail.xhr.status;
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if ((status === 409 || status === 422) && source && source.closest &&
        source.closest("[data-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Filter selects submit their form when changed (htmx forms handle this themselves).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form &&
        !field.form.hasAttribute("hx-get")) {
      field.form.requestSubmit();
    }
  });
})();

// A form that autosaves must not be submitted while an autosave is still on its way: the older
// autosave could reach the server after the submit and overwrite newer answers. Wait for it.
(function () {
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form instanceof HTMLFormElement) form.dataset.saving = "1";
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!(form instanceof HTMLFormElement)) return;
    delete form.dataset.saving;
    if (form.submitAfterSave !== undefined) {
      var submitter = form.submitAfterSave;
      delete form.submitAfterSave;
      if (submitter) form.requestSubmit(submitter); else form.requestSubmit();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.saving === "1") {
      event.preventDefault();
      form.submitAfterSave = event.submitter || null;
    }
  });
})();

// Autosaving forms say "Saving…" from the first keystroke until the save that carries it has
// landed; and when the page is left with answers not yet saved, or a save still on its way, the
// answers go with the page as it unloads, so leaving the page loses nothing.
(function () {
  function isAutosave(form) {
    return form instanceof HTMLFormElement && form.hasAttribute("data-autosave");
  }
  function showSaving(form) {
    var status = document.getElementById(form.getAttribute("data-autosave"));
    if (status) status.textContent = "Saving…";
  }
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!isAutosave(form)) return;
    form.dataset.dirty = "1";
    showSaving(form);
  });
  // The fields the person changed on this page. Only those are saved: a date or approver
  // box that cannot show the stored value reads empty, and must not send that as an edit.
  function touch(event) {
    var form = event.target.form;
    if (!isAutosave(form) || !event.target.name) return;
    form.touched = form.touched || {};
    form.touched[event.target.name] = true;
  }
  document.addEventListener("input", touch);
  document.addEventListener("change", touch);
  // Each autosave of the page is numbered, so the server can ignore one that arrives after a
  // newer one (the answers sent as the page unloads can overtake a save still on its way).
  function nextSeq(form) {
    form.autosaveSeq = (form.autosaveSeq || 0) + 1;
    return String(form.autosaveSeq);
  }
  // Two people can fill one brief at once. Each field has a hidden base_<name>: the value it
  // was loaded at, replaced by each save's answer. A save sends only the fields changed from
  // their base, each with it, so it never writes a stale copy over someone else's words. A
  // field sent while an earlier save of it is still on its way carries that value as a base
  // too: either may be what the server holds when this one lands.
  function bases(form) {
    return form.querySelectorAll('input[type="hidden"][name^="base_"]');
  }
  function touched(form, name) {
    return Boolean(form.touched && form.touched[name]);
  }
  function onlyChanges(form, data) {
    bases(form).forEach(function (base) {
      var name = base.name.slice(5);
      var value = data.get(name);
      var sending = form.inflight ? form.inflight[name] : undefined;
      if (value === null) {
        data.delete(base.name);
      } else if ((value === data.get(base.name) || !touched(form, name)) && sending === undefined) {
        data.delete(name);
        data.delete(base.name);
      } else if (sending !== undefined && sending !== data.get(base.name)) {
        data.append(base.name, sending);
      }
    });
  }
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!isAutosave(form)) return;
    var data = event.detail.formData;
    data.set("autosave_seq", nextSeq(form));
    onlyChanges(form, data);
    form.inflight = {};
    bases(form).forEach(function (base) {
      var name = base.name.slice(5);
      if (data.has(name)) form.inflight[name] = data.get(name);
    });
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (!isAutosave(event.detail.elt)) return;
    delete event.detail.elt.dataset.dirty;
    event.detail.xhr.autosaveSeq = event.detail.elt.autosaveSeq;  // which save this answers
  });
  // The number of the save being answered, for the swaps below.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var form = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (isAutosave(form)) form.answering = event.detail.xhr.autosaveSeq || 0;
  });
  // Whether the save being answered was sent before the person chose for `name`: its word
  // on that field is moot. A choice is forgotten once a later save is answered.
  function sentBeforeChoice(form, name) {
    var chosen = form.chosen && form.chosen[name];
    return Boolean(chosen) && (form.answering || 0) <= chosen.seq;
  }
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!isAutosave(form)) return;
    delete form.inflight;  // its answer has replaced the bases of what it carried
    // Sent before a choice, every conflict it reported was settled meanwhile (below): its
    // word on them is moot, and what the choice said stands. Later saves speak for themselves.
    var status = document.getElementById(form.getAttribute("data-autosave"));
    var said = form.said && (form.answering || 0) <= form.said.seq ? form.said.text : "";
    if (status && status.querySelector("[data-conflicts]") && !form.querySelector("[data-conflict]")) {
      status.textContent = said;
    }
    if (!said) delete form.said;
    Object.keys(form.chosen || {}).forEach(function (name) {
      if (!sentBeforeChoice(form, name)) delete form.chosen[name];
    });
    if (form.dataset.dirty === "1") showSaving(form);
  });
  // A conflict already on the page is not drawn again (that would take the focus from the
  // person choosing), nor one settled since the save was sent: leaving the field to choose
  // sends a save that comes back with the same conflict. A save sent after the choice
  // carries the new base, so a conflict it reports is new and is shown.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var slot = event.detail.target;
    var incoming = event.detail.fragment.querySelector && event.detail.fragment.querySelector("[data-conflict]");
    if (!incoming || !slot.classList.contains("conflict-slot")) return;
    var theirs = incoming.getAttribute("data-theirs");
    var shown = slot.querySelector("[data-conflict]");
    var form = slot.closest("form");
    var name = incoming.getAttribute("data-conflict");
    var settled = form && sentBeforeChoice(form, name) && form.chosen[name].theirs === theirs;
    if ((shown && shown.getAttribute("data-theirs") === theirs) || settled) {
      event.detail.shouldSwap = false;
    }
  });
  // A field someone else changed meanwhile comes back with both versions and a choice:
  // keeping theirs puts their words in the field; using mine saves mine over theirs, now
  // that I have seen them. The choice is made here, not sent as an edit of its own.
  document.addEventListener("change", function (event) {
    var choice = event.target;
    if (!choice.matches || !choice.matches("[data-conflict-choice]")) return;
    event.stopPropagation();
    var box = choice.closest("[data-conflict]");
    var form = choice.form;
    var name = box.getAttribute("data-conflict");
    var label = box.getAttribute("data-label");
    var theirs = box.getAttribute("data-theirs");
    var field = form.elements[name];
    var status = document.getElementById(form.getAttribute("data-autosave"));
    var said = choice.value === "theirs" ? "Kept their version of “" + label + "”." : "Saving…";
    form.chosen = form.chosen || {};
    form.chosen[name] = { theirs: theirs, seq: form.autosaveSeq || 0 };
    form.said = { text: said, seq: form.autosaveSeq || 0 };
    form.elements["base_" + name].value = theirs;
    box.parentNode.textContent = "";
    field.focus();
    if (choice.value === "theirs") {
      field.value = theirs;
      if (status) status.textContent = said;
    } else {
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }, true);
  // Choosing is not typing: it starts no autosave of its own.
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-conflict-choice]")) event.stopPropagation();
  }, true);
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!isAutosave(form)) return;
    delete form.dataset.dirty;  // the submit carries them
    // A field left as loaded is sent as its own base: the server leaves what is stored.
    bases(form).forEach(function (base) {
      var field = form.elements[base.name.slice(5)];
      if (field && !touched(form, field.name)) base.value = field.value;
    });
  });
  // Leaving with a conflict not yet settled would drop the words shown as "yours": ask first.
  // Sending the step is not leaving: it carries the choice, or comes back with the conflict.
  var sending = false;
  document.addEventListener("submit", function (event) {
    if (isAutosave(event.target)) sending = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (sending || !document.querySelector("form[data-autosave] [data-conflict]")) return;
    event.preventDefault();
    event.returnValue = "";
  });
  window.addEventListener("pageshow", function () { sending = false; });
  window.addEventListener("pagehide", function () {
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      if (form.dataset.dirty !== "1" && form.dataset.saving !== "1") return;
      delete form.dataset.dirty;
      var answers = new FormData(form);
      answers.set("autosave_seq", nextSeq(form));
      onlyChanges(form, answers);
      try {
        fetch(form.getAttribute("hx-post"), {
          method: "POST", body: answers, keepalive: true, credentials: "same-origin"
        });
      } catch (error) { /* over the browser's size limit for a request sent while leaving */ }
    });
  });

  // Character counters: <input data-counter="160"> shows "12 / 160" under itself, and says
  // so (for screen readers too) when the text is over the limit; the server refuses it then.
  function counterFor(input) {
    var id = (input.id || input.name) + "-counter";
    var counter = document.getElementById(id);
    if (!counter) {
      counter = document.createElement("p");
      counter.id = id;
      counter.className = "counter";
      counter.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", counter);
      var described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    return counter;
  }

  function count(input) {
    var limit = parseInt(input.getAttribute("data-counter"), 10);
    var length = input.value.length;
    var counter = counterFor(input);
    counter.textContent = length + " / " + limit + (length > limit ? " — too long" : "");
    counter.classList.toggle("counter--over", length > limit);
  }

  function countAll(root) {
    root.querySelectorAll("[data-counter]").forEach(function (input) {
      // The browser would stop typing at maxlength: the counter and the server's message
      // say it instead, and a paste keeps everything to shorten.
      input.removeAttribute("maxlength");
      count(input);
    });
  }

  if (document.readyState !== "loading") countAll(document);
  else document.addEventListener("DOMContentLoaded", function () { countAll(document); });
  document.addEventListener("htmx:load", function (event) { countAll(event.target); });
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-counter]")) count(event.target);
  });
})();
