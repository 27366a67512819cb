/* corroborator: highlight the source sentences of a fact, quote or side of a contradiction.
   The same file runs in the web app (served from /static/) and inlined in the offline report.
   It only reads ids from data attributes and toggles classes: it never writes HTML. */
(function () {
  "use strict";

  function idsOf(element) {
    return (element.getAttribute("data-statements") || "").split(/\s+/).filter(Boolean);
  }

  function clearHighlights() {
    document.querySelectorAll(".seg.is-lit").forEach(function (seg) { seg.classList.remove("is-lit"); });
    document.querySelectorAll("[data-statements][aria-pressed=true]").forEach(function (button) {
      button.setAttribute("aria-pressed", "false");
    });
  }

  function announce(message) {
    document.querySelectorAll(".hl-status").forEach(function (line) { line.textContent = message; });
  }

  function highlight(button) {
    var wanted = idsOf(button);
    var found = {};
    var first = null;
    clearHighlights();
    document.querySelectorAll(".seg[data-st]").forEach(function (seg) {
      var mine = seg.getAttribute("data-st").split(" ");
      var hit = mine.filter(function (id) { return wanted.indexOf(id) >= 0; });
      if (hit.length) {
        seg.classList.add("is-lit");
        hit.forEach(function (id) { found[id] = true; });
        if (!first) { first = seg; }
      }
    });
    button.setAttribute("aria-pressed", "true");
    var count = Object.keys(found).length;
    announce(count + " source sentence" + (count === 1 ? "" : "s") + " highlighted");
    if (first) { first.scrollIntoView({ block: "center" }); }
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("button[data-statements]") : null;
    if (target) {
      event.preventDefault();
      highlight(target);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clearHighlights(); announce(""); }
  });

  /* Stories page: fill in conflict counts that were not known when the page was made. */
  function fillConflictCounts() {
    var cells = Array.prototype.slice.call(document.querySelectorAll("[data-conflicts-src]"));
    function next() {
      var cell = cells.shift();
      if (!cell || typeof fetch !== "function") { return; }
      fetch(cell.getAttribute("data-conflicts-src"), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          cell.textContent = data && typeof data.conflicts === "number" ? String(data.conflicts) : "?";
          cell.removeAttribute("data-conflicts-src");
        })
        .catch(function () { cell.textContent = "?"; })
        .then(next);
    }
    next();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fillConflictCounts);
  } else {
    fillConflictCounts();
  }
})();
