/* Progressive enhancements: elder-friendly mode (library filters: library-filter.js; article links: reading.js). */
(function () {
  "use strict";
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
})();
