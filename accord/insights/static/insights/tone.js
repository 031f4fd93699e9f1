// The tone check's two buttons: dismiss a finding (kept as a hidden field the next check
// sends), and use the gentler wording (put into the text box, which checks it again).
(function () {
  "use strict";
  if (window.accordTone) { return; }
  window.accordTone = true;

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-tone-dismiss], [data-tone-use]");
    if (!button) { return; }
    var box = button.closest(".tone-check");
    if (!box) { return; }
    if (button.hasAttribute("data-tone-dismiss")) {
      var kept = document.createElement("input");
      kept.type = "hidden";
      kept.name = "tone_dismissed";
      kept.value = button.getAttribute("data-tone-dismiss");
      box.appendChild(kept);
      htmx.trigger(box, "tone-recheck");
      return;
    }
    var field = document.getElementById(box.getAttribute("data-tone-for"));
    var rewrite = box.querySelector("[data-tone-rewrite]");
    if (field && rewrite) {
      field.value = rewrite.value;
      field.focus();
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
})();
