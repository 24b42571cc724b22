// Filter the teaching resources by band, subject, type and topic in the browser, so the frozen
// site filters without a server. The form still submits as a GET live (the server filters then);
// the chosen filters stay in the address, and an address with filters opens filtered.
const form = document.querySelector("form.curricula-filters");
const list = document.getElementById("curricula-list");
if (form && list) {
  const cards = [...list.querySelectorAll(".resource-card")];
  const selects = [...form.querySelectorAll("select")];
  const count = document.getElementById("curricula-count");
  const empty = document.getElementById("curricula-empty");
  const apply = (updateUrl) => {
    let shown = 0;
    for (const card of cards) {
      const match = selects.every((s) => !s.value || (card.dataset[s.name] || "").split("|").includes(s.value));
      card.hidden = !match;
      shown += match ? 1 : 0;
    }
    count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", cards.length);
    empty.hidden = shown > 0;
    if (updateUrl) {
      const params = new URLSearchParams();
      selects.forEach((s) => s.value && params.set(s.name, s.value));
      const query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? `?${query}` : ""));
    }
  };
  const initial = new URLSearchParams(window.location.search);
  for (const select of selects) {
    const wanted = initial.get(select.name);
    if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
    select.addEventListener("change", () => apply(true));
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply(true);
  });
  apply(false);
}
