/* Progressive enhancements: elder-friendly mode, library filters (article links: reading.js). */
(function () {
  "use strict";
  var body = document.body;

  function setupElderMode() {
    var link = document.querySelector(".elder-toggle");
    if (!link) return;
    var root = document.documentElement;
    function sync() { link.setAttribute("aria-pressed", root.classList.contains("elder") ? "true" : "false"); }
    sync();
    link.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); link.click(); }
    });
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var on = root.classList.toggle("elder");
      try { window.localStorage.setItem("portal-elder", on ? "1" : "0"); } catch (e) { /* ignore */ }
      document.cookie = "portal-elder=" + (on ? "1" : "0") + "; path=/; max-age=31536000; SameSite=Lax";
      sync();
    });
  }

  // The library's filter form only: it names the list it filters. The search page's form (also
  // styled as .filters) submits as a normal GET live and is run by search.js frozen.
  function setupFilters() {
    var form = document.querySelector("form.filters[data-filter-target]");
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

  // On the search page the language switch carries the query (and filters) shown at the moment
  // it is followed: the frozen page changes its address without reloading.
  function setupLanguageSwitch() {
    var link = document.querySelector("a.lang-switch");
    if (!link || !document.getElementById("search-form")) return;
    link.addEventListener("click", function () {
      link.href = link.href.split("?")[0].split("#")[0] + window.location.search;
    });
  }

  setupElderMode();
  setupLanguageSwitch();
  setupFilters();
})();
