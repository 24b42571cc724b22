/* Applies the visitor's display preferences before the page paints. */
(function () {
  try {
    if (window.localStorage.getItem("portal-elder") === "1") {
      document.documentElement.classList.add("elder");
    }
  } catch (e) { /* storage unavailable: default display */ }
})();
