/* Comparing two versions: one zoom for both panes, their scrolling kept together, the overlay's
   opacity, and the pickers applied as soon as they change. Without JavaScript the form's
   button compares and the panes scroll on their own. */
(function () {
  "use strict";

  var LEVELS = [1, 1.5, 2, 3, 4];
  var level = 0;
  var controls = document.querySelector("[data-compare-zoom]");
  var panes = Array.prototype.slice.call(document.querySelectorAll("[data-compare-pane]"));
  var zoomables = Array.prototype.slice.call(document.querySelectorAll("[data-zoomable]"));

  function paneOf(element) {
    return element.closest("[data-compare-pane]") || element.parentElement;
  }

  function applyZoom() {
    var factor = LEVELS[level];
    zoomables.forEach(function (element) {
      if (factor === 1) {
        element.style.width = "";
        element.style.maxWidth = "";
      } else {
        element.style.width = Math.round(paneOf(element).clientWidth * factor) + "px";
        element.style.maxWidth = "none";
      }
    });
    var output = controls && controls.querySelector("[data-zoom-level]");
    if (output) { output.textContent = factor === 1 ? "Fit" : Math.round(factor * 100) + "%"; }
  }

  if (controls && zoomables.length) {
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-zoom]");
      if (!button) { return; }
      var action = button.getAttribute("data-zoom");
      if (action === "in") { level = Math.min(level + 1, LEVELS.length - 1); }
      else if (action === "out") { level = Math.max(level - 1, 0); }
      else { level = 0; }
      applyZoom();
    });
    window.addEventListener("resize", applyZoom);
  }

  // Each pane scrolls to the same place as the one moved, as a share of how far it can go.
  var leading = null;
  function share(position, range) { return range > 0 ? position / range : 0; }
  panes.forEach(function (pane) {
    pane.addEventListener("scroll", function () {
      if (leading && leading !== pane) { return; }
      leading = pane;
      var x = share(pane.scrollLeft, pane.scrollWidth - pane.clientWidth);
      var y = share(pane.scrollTop, pane.scrollHeight - pane.clientHeight);
      panes.forEach(function (other) {
        if (other === pane) { return; }
        other.scrollLeft = x * (other.scrollWidth - other.clientWidth);
        other.scrollTop = y * (other.scrollHeight - other.clientHeight);
      });
      window.requestAnimationFrame(function () {
        window.requestAnimationFrame(function () { leading = null; });
      });
    }, { passive: true });
  });

  var opacity = document.querySelector("[data-opacity]");
  var top = document.querySelector("[data-top]");
  if (opacity && top) {
    var label = document.querySelector("[data-opacity-level]");
    var setOpacity = function () {
      top.style.opacity = String(Number(opacity.value) / 100);
      if (label) { label.textContent = opacity.value + "%"; }
    };
    opacity.addEventListener("input", setOpacity);
    setOpacity();
  }

  var form = document.querySelector(".compare-controls");
  if (form) {
    form.addEventListener("change", function () {
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    });
  }
})();
