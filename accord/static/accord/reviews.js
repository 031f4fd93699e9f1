/* The review page: pins on images and PDF pages, moments of a video, passages of copy, and an
   upload's progress. Without JavaScript every form still works (comments on the whole
   version, uploads without a progress bar). */
(function () {
  "use strict";

  var form = document.getElementById("comment-form");
  var label = form && form.querySelector("[data-anchor-label]");
  var unpin = form && form.querySelector("[data-anchor-clear]");
  var draft = null;

  function field(name) { return form ? form.querySelector('[name="' + name + '"]') : null; }

  // One button undoes what the form is set to: a pin ("Unpin") or a reply ("Cancel reply").
  function showClear(replying, hidden) {
    unpin.textContent = replying ? "Cancel reply" : "Unpin";
    unpin.hidden = hidden;
  }

  function setAnchor(values, words) {
    if (!form) { return; }
    ["anchor", "page", "x", "y", "at_seconds", "start", "end", "parent"].forEach(function (name) {
      var input = field(name);
      if (input) { input.value = values[name] === undefined ? "" : String(values[name]); }
    });
    label.textContent = words;
    showClear(Boolean(values.parent), values.anchor === "none" && !values.parent);
    var body = field("body");
    if (body && values.anchor !== "none") { body.focus(); }
  }

  function clearAnchor() {
    if (draft) { draft.remove(); draft = null; }
    setAnchor({ anchor: "none" }, "On the whole version.");
    var agency = form.querySelector('[name="audience"][value="internal"]');
    if (agency) { agency.checked = true; }
  }
  if (unpin) { unpin.addEventListener("click", clearAnchor); }
  if (unpin && field("parent") && field("parent").value) { showClear(true, false); }

  // A thread's Reply sets the one comment form to answer it (without JavaScript, the link
  // reloads the page with the form set the same way).
  document.querySelectorAll("[data-reply]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!form) { return; }
      event.preventDefault();
      if (draft) { draft.remove(); draft = null; }
      setAnchor({ anchor: "none", parent: link.dataset.reply },
        "Replying to comment " + link.dataset.replyNumber + ".");
      var audience = form.querySelector('[name="audience"][value="' + link.dataset.replyAudience + '"]');
      if (audience) { audience.checked = true; }
      var body = field("body");
      if (body) { body.focus(); }
    });
  });

  function pin(canvas, x, y, text, extraClass) {
    var marker = document.createElement("span");
    marker.className = "review-pin" + (extraClass ? " " + extraClass : "");
    marker.style.left = (x * 100) + "%";
    marker.style.top = (y * 100) + "%";
    marker.textContent = text;
    marker.setAttribute("aria-hidden", "true");
    canvas.appendChild(marker);
    return marker;
  }

  // Pins of the comments already made, on their pages.
  document.querySelectorAll(".review-thread[data-x]").forEach(function (thread) {
    var canvas = document.querySelector('[data-pin-target][data-page="' + thread.dataset.page + '"]');
    if (!canvas) { return; }
    var marker = pin(canvas, parseFloat(thread.dataset.x), parseFloat(thread.dataset.y), thread.dataset.comment,
      thread.classList.contains("review-thread--resolved") ? "review-pin--resolved" : "");
    marker.addEventListener("click", function () { thread.scrollIntoView({ block: "center" }); thread.focus(); });
  });

  // A click on a page pins the next comment there.
  document.querySelectorAll("[data-pin-target]").forEach(function (canvas) {
    canvas.addEventListener("click", function (event) {
      if (!form || event.target.classList.contains("review-pin")) { return; }
      var box = canvas.getBoundingClientRect();
      var x = Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1);
      var y = Math.min(Math.max((event.clientY - box.top) / box.height, 0), 1);
      if (draft) { draft.remove(); }
      draft = pin(canvas, x, y, "+", "review-pin--draft");
      var page = canvas.dataset.page;
      setAnchor({ anchor: "point", page: page, x: x.toFixed(5), y: y.toFixed(5) },
        "Pinned on " + (document.querySelectorAll("[data-pin-target]").length > 1 ? "page " + page : "the image") +
        " (" + Math.round(x * 100) + "% across, " + Math.round(y * 100) + "% down).");
    });
  });

  // Video: comment on the moment it is paused at; a comment's time seeks to it.
  var video = document.querySelector("[data-video]");
  var moment = document.querySelector("[data-comment-moment]");
  if (video && moment) {
    moment.addEventListener("click", function () {
      video.pause();
      var at = Math.round(video.currentTime * 100) / 100;
      setAnchor({ anchor: "moment", at_seconds: at.toFixed(2) }, "At " + at.toFixed(2) + " s of the video.");
    });
  }
  document.querySelectorAll("[data-seek]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!video) { return; }
      video.currentTime = parseFloat(button.dataset.seek);
      video.scrollIntoView({ block: "center" });
    });
  });

  // Copy: a selection inside the text becomes a passage (offsets into its plain text).
  var copy = document.querySelector("[data-review-copy]");
  function offsetOf(node, offset) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    var paragraph = element && element.closest("[data-start]");
    if (!paragraph || !copy.contains(paragraph)) { return null; }
    var walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    var total = 0;
    while (walker.nextNode()) {
      if (walker.currentNode === node) { return parseInt(paragraph.dataset.start, 10) + total + offset; }
      total += walker.currentNode.nodeValue.length;
    }
    return parseInt(paragraph.dataset.start, 10) + (node === paragraph && offset > 0 ? total : 0);
  }
  if (copy) {
    copy.addEventListener("mouseup", function () {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed) { return; }
      var range = selection.getRangeAt(0);
      var start = offsetOf(range.startContainer, range.startOffset);
      var end = offsetOf(range.endContainer, range.endOffset);
      if (start === null || end === null || end <= start) { return; }
      var quote = selection.toString().replace(/\s+/g, " ").trim();
      setAnchor({ anchor: "range", start: start, end: end },
        "On “" + (quote.length > 80 ? quote.slice(0, 79) + "…" : quote) + "”.");
    });
  }

  // An upload shows its progress; the page that answers replaces this one.
  var upload = document.querySelector("[data-upload]");
  if (upload && window.XMLHttpRequest && window.FormData) {
    upload.addEventListener("submit", function (event) {
      var file = upload.querySelector('input[type="file"]');
      if (!file || !file.files.length) { return; }
      event.preventDefault();
      var bar = upload.querySelector("[data-progress]");
      var text = upload.querySelector("[data-progress-text]");
      var button = upload.querySelector('button[type="submit"]');
      var request = new XMLHttpRequest();
      request.open("POST", upload.action);
      request.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) { return; }
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.hidden = false;
        bar.value = percent;
        text.textContent = percent < 100 ? "Uploading… " + percent + "%" : "Checking the file…";
      });
      // The answer (the page after the redirect, or the form with its message) takes this
      // page's place as it came: loading its address again would lose the one-time message,
      // and a body swapped in by hand would leave its scripts unrun.
      request.addEventListener("load", function () {
        if (request.responseURL) { window.history.replaceState(null, "", request.responseURL); }
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.addEventListener("error", function () {
        text.textContent = "The upload did not reach Accord (the connection dropped). Try again.";
        button.disabled = false;
      });
      button.disabled = true;
      request.send(new FormData(upload));
    });
  }
})();
