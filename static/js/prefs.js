/* Applies the visitor's display preferences before the page paints; html.js: what only works with
   scripts (the copy-link hint of a law) is shown from the first paint instead of being added later. */
(function () {
  document.documentElement.classList.add("js");
  try {
    if (window.localStorage.getItem("portal-elder") === "1") {
      document.documentElement.classList.add("elder");
    }
  } catch (e) { /* storage unavailable: default display */ }
})();
