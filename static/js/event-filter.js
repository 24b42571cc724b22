// Filter a campaign year's events by audience and place, in the browser (works in the frozen site).
const form = document.querySelector(".event-filter");
if (form) {
  const rows = [...document.querySelectorAll(".event-list li")];
  const selects = [...form.querySelectorAll("select[data-filter]")];
  const count = form.querySelector(".filter-count");
  const apply = () => {
    let shown = 0;
    for (const row of rows) {
      const match = selects.every((s) => !s.value || row.dataset[s.dataset.filter] === s.value);
      row.hidden = !match;
      shown += match ? 1 : 0;
    }
    for (const day of document.querySelectorAll(".event-day")) {
      day.hidden = !day.querySelector(".event-list li:not([hidden])");
    }
    count.textContent = `${shown} / ${rows.length}`;
  };
  selects.forEach((s) => s.addEventListener("change", apply));
  form.hidden = false;
  apply();
}
