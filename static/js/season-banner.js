// Show or hide the campaign banner from the browser's own date (the frozen page carries the
// build's decision, which is only the fallback without JavaScript).
const banner = document.querySelector(".season-banner");
if (banner) {
  const pad = (n) => String(n).padStart(2, "0");
  const now = new Date();
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const { seasonStart, seasonEnd, ipDay, msgDays, msgToday } = banner.dataset;
  banner.hidden = !(seasonStart <= today && today <= seasonEnd);
  const days = Math.max(0, Math.round((Date.parse(ipDay) - Date.parse(today)) / 86400000));
  banner.querySelector(".season-days").textContent = days ? msgDays.replace("{days}", days) : msgToday;
}
