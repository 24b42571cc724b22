// Reading a law: 跳到第__条 in the page, and the article label (第N条) copies the article's link.
// A plain ES module, no inline script (CSP); without it the jump form is a GET the live site
// answers with the article's address, and each label is an ordinary link to its anchor.

const body = document.body;
const text = document.querySelector(".legal-text");

// One polite live region tells screen-reader users what happened.
function statusRegion() {
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  (document.getElementById("main") || body).appendChild(status);
  return status;
}

function goToArticle(article) {
  window.location.hash = article.id;  // the address bar shows the article's link; :target highlights it
  const label = article.querySelector(".art-label");
  if (label) label.focus({ preventScroll: true });
}

function setupJump() {
  const form = document.querySelector("form.article-jump");
  if (!form) return;
  const input = form.querySelector("input[name=art]");
  const message = form.querySelector(".jump-message");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const number = parseInt(input.value.replace(/[^0-9]/g, ""), 10);
    const article = Number.isNaN(number) ? null : document.getElementById("art-" + number);
    if (!article) {
      message.textContent = form.getAttribute("data-missing-label").replace("{n}", input.value.trim());
      input.focus();
      return;
    }
    message.textContent = "";
    goToArticle(article);
  });
}

function setupCopyLabels() {
  if (!text) return;
  const labels = text.querySelectorAll(".article .art-label");
  if (!labels.length) return;
  const done = body.getAttribute("data-copied-label") || "Copied";
  const inAddressBar = body.getAttribute("data-link-shown-label") || "Link in the address bar";
  const short = text.getAttribute("data-short-url");
  const base = short ? window.location.origin + decodeURI(short) : window.location.href.split("#")[0];
  const status = statusRegion();
  // in the page already (shown by html.js, so the text does not move down when this runs)
  let hint = document.getElementById("copy-hint");
  if (!hint) {
    hint = document.createElement("p");
    hint.id = "copy-hint";
    hint.className = "copy-hint";
    hint.textContent = text.getAttribute("data-copy-hint") || "";
    text.parentNode.insertBefore(hint, text);
  }
  let timer = null;
  function report(label, said) {
    const message = said + " " + label.textContent;
    label.setAttribute("data-said", said);
    status.textContent = message;
    clearTimeout(timer);
    timer = setTimeout(() => {
      label.removeAttribute("data-said");
      if (status.textContent === message) status.textContent = "";
    }, 2000);
  }
  labels.forEach((label) => {
    label.setAttribute("aria-describedby", "copy-hint");
    // The link still goes to its anchor (so the address bar holds the article's link even when
    // the clipboard is refused), keeping the focus on the label; the click also copies the
    // citable address.
    label.addEventListener("click", (event) => {
      const article = label.closest(".article");
      event.preventDefault();
      goToArticle(article);
      const url = base + "#" + article.id;
      const clipboard = navigator.clipboard;
      if (clipboard && clipboard.writeText && window.isSecureContext) {
        clipboard.writeText(url).then(() => report(label, done), () => report(label, inAddressBar));
      } else {
        report(label, inAddressBar);
      }
    });
  });
}

setupJump();
setupCopyLabels();
