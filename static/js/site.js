/* Progressive enhancements: elder-friendly mode, article link copying, library filters. */
(function () {
  "use strict";
  var body = document.body;

  function setupElderMode() {
    var button = document.querySelector(".elder-toggle");
    if (!button) return;
    var root = document.documentElement;
    function sync() { button.setAttribute("aria-pressed", root.classList.contains("elder") ? "true" : "false"); }
    button.hidden = false;
    sync();
    button.addEventListener("click", function () {
      var on = root.classList.toggle("elder");
      try { window.localStorage.setItem("portal-elder", on ? "1" : "0"); } catch (e) { /* ignore */ }
      sync();
    });
  }

  function setupCopyLinks() {
    var label = body.getAttribute("data-copy-label") || "Copy link";
    var done = body.getAttribute("data-copied-label") || "Copied";
    document.querySelectorAll(".legal-text .article").forEach(function (article) {
      var heading = article.querySelector(".art-label");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.textContent = label;
      if (heading) button.setAttribute("aria-label", label + " " + heading.textContent);
      button.addEventListener("click", function () {
        var url = window.location.href.split("#")[0] + "#" + article.id;
        var finish = function () { button.textContent = done; setTimeout(function () { button.textContent = label; }, 2000); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(finish, function () { window.location.hash = article.id; });
        } else {
          window.location.hash = article.id;
          finish();
        }
      });
      article.appendChild(button);
    });
  }

  function setupFilters() {
    var form = document.querySelector("form.filters");
    if (!form) return;
    var list = document.getElementById(form.getAttribute("data-filter-target"));
    var count = document.getElementById("library-count");
    var empty = document.getElementById("library-empty");
    var selects = form.querySelectorAll("select");
    var items = list ? list.querySelectorAll("li") : [];
    function apply(updateUrl) {
      var shown = 0;
      var params = new URLSearchParams();
      items.forEach(function (item) {
        var ok = true;
        selects.forEach(function (select) {
          if (!select.value) return;
          var values = (item.getAttribute("data-" + select.name) || "").split("|");
          if (values.indexOf(select.value) < 0) ok = false;
        });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
      if (count) {
        count.textContent = count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", items.length);
      }
      if (empty) empty.hidden = shown > 0;
      if (updateUrl) {
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      }
    }
    var initial = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      if (initial.get(select.name)) select.value = initial.get(select.name);
      select.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    apply(false);
  }

  setupElderMode();
  setupCopyLinks();
  setupFilters();
})();
