/* Progressive enhancements: elder-friendly mode, article link copying (library filters: library-filter.js). */
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

  function setupCopyLinks() {
    var articles = document.querySelectorAll(".legal-text .article");
    if (!articles.length) return;
    var label = body.getAttribute("data-copy-label") || "Copy link";
    var done = body.getAttribute("data-copied-label") || "Copied";
    var inAddressBar = body.getAttribute("data-link-shown-label") || "Link in the address bar";
    // One polite live region tells screen-reader users what happened (the button's name stays put).
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    (document.getElementById("main") || body).appendChild(status);
    articles.forEach(function (article) {
      var heading = article.querySelector(".art-label");
      var name = heading ? heading.textContent : "";
      var button = document.createElement("button");
      var timer = null;
      button.type = "button";
      button.className = "copy-link";
      // The name says which article; it always starts with the visible text (WCAG 2.5.3).
      function show(text) {
        button.textContent = text;
        if (name) button.setAttribute("aria-label", text + " " + name);
      }
      function report(text) {
        var message = name ? text + " " + name : text;
        show(text);
        status.textContent = message;
        clearTimeout(timer);
        timer = setTimeout(function () {
          show(label);
          if (status.textContent === message) status.textContent = "";
        }, 2000);
      }
      // No clipboard (plain http, old browser) or permission refused: put the article's link in
      // the address bar (#art-N), from where it can be copied or bookmarked, and say so.
      function showInAddressBar() {
        window.location.hash = article.id;
        button.focus({ preventScroll: true });  // following the anchor would drop the focus
        report(inAddressBar);
      }
      show(label);
      button.addEventListener("click", function () {
        var url = window.location.href.split("#")[0] + "#" + article.id;
        if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(function () { report(done); }, showInAddressBar);
        } else {
          showInAddressBar();
        }
      });
      article.appendChild(button);
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
  setupCopyLinks();
  setupLanguageSwitch();
})();
