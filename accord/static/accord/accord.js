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
  // Each autosave of the page is numbered, so the server can ignore one that arrives after a
  // newer one (the answers sent as the page unloads can overtake a save still on its way).
  function nextSeq(form) {
    form.autosaveSeq = (form.autosaveSeq || 0) + 1;
    return String(form.autosaveSeq);
  }
  document.addEventListener("htmx:configRequest", function (event) {
    if (isAutosave(event.detail.elt)) event.detail.formData.set("autosave_seq", nextSeq(event.detail.elt));
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isAutosave(event.detail.elt)) delete event.detail.elt.dataset.dirty;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (isAutosave(form) && form.dataset.dirty === "1") showSaving(form);
  });
  document.addEventListener("submit", function (event) {
    if (isAutosave(event.target)) delete event.target.dataset.dirty;  // the submit carries them
  });
  window.addEventListener("pagehide", function () {
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      if (form.dataset.dirty !== "1" && form.dataset.saving !== "1") return;
      delete form.dataset.dirty;
      var answers = new FormData(form);
      answers.set("autosave_seq", nextSeq(form));
      try {
        fetch(form.getAttribute("hx-post"), {
          method: "POST", body: answers, keepalive: true, credentials: "same-origin"
        });
      } catch (error) { /* over the browser's size limit for a request sent while leaving */ }
    });
  });
})();
