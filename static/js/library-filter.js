/* The library listing's filters, live and frozen alike.

   The page shows one page of the listing as the server rendered it. When the filters in the
   address (?level=法律&page=2) are not the ones the page was rendered with (the frozen site
   serves the same file for every query), or when a filter changes, the listing is drawn from
   the compact list of every law and policy (data-list, one small JSON file) a page at a time,
   with the same page size and pager as the server's. */
(function () {
  "use strict";
  var FILTERS = ["level", "region", "field", "status"];
  var form = document.querySelector("form.filters[data-filter-target]");
  if (!form) return;
  var list = document.getElementById(form.getAttribute("data-filter-target"));
  var count = document.getElementById("library-count");
  var empty = document.getElementById("library-empty");
  var pager = document.getElementById("library-pager");
  var lang = document.body.getAttribute("data-lang") || "zh";
  var selects = form.querySelectorAll("select");
  var size = parseInt(list.getAttribute("data-page-size"), 10) || 100;
  var rows = null;
  var unknown = "unknown";

  function chosen() {
    var out = {};
    selects.forEach(function (select) { if (select.value) out[select.name] = select.value; });
    return out;
  }
  function query(filters) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (filters[name]) params.set(name, filters[name]); });
    return params.toString();
  }
  function label(name, value) {
    var select = form.querySelector("select[name='" + name + "']");
    var option = select && Array.prototype.find.call(select.options, function (o) { return o.value === value; });
    return option ? option.textContent : value;
  }
  function values(row) {
    return {
      level: [row[2] || unknown], region: [row[3] || unknown],
      field: row[4].length ? row[4] : [unknown], status: [row[5] || unknown]
    };
  }
  function formatDate(iso) {
    if (!iso) return list.getAttribute("data-no-date");
    if (lang !== "zh") return iso;
    var p = iso.split("-");
    return parseInt(p[0], 10) + "年" + parseInt(p[1], 10) + "月" + parseInt(p[2], 10) + "日";
  }
  function tag(text, className, zh) {
    var span = document.createElement(className === "time" ? "time" : "span");
    if (className === "tag") span.className = "tag";
    if (zh && lang !== "zh") span.setAttribute("lang", "zh-CN");
    span.textContent = text;
    return span;
  }
  function item(row) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = list.getAttribute("data-base") + encodeURIComponent(row[0]) + "/";
    if (lang !== "zh") link.setAttribute("lang", "zh-CN");
    link.textContent = row[1];
    var meta = document.createElement("span");
    meta.className = "entry-meta";
    meta.appendChild(tag(row[2] ? label("level", row[2]) : list.getAttribute("data-no-level"), "tag", false));
    meta.appendChild(tag(row[3] || list.getAttribute("data-no-region"), "tag", !!row[3]));
    if (row[6]) meta.appendChild(tag(row[6], "", true));
    var date = tag(formatDate(row[7]), row[7] ? "time" : "", false);
    if (row[7]) date.setAttribute("datetime", row[7]);
    meta.appendChild(date);
    li.appendChild(link);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(meta);
    return li;
  }
  function pageLink(rel, filters, page, text) {
    var a = document.createElement("a");
    a.rel = rel;
    var q = query(filters);
    a.href = list.getAttribute("data-base") + (q ? "?" + q + "&page=" + page : (page > 1 ? "page/" + page + "/" : ""));
    a.textContent = text;
    return a;
  }
  function drawPager(filters, page, pages) {
    pager.textContent = "";
    pager.hidden = pages < 2;
    if (page > 1) pager.appendChild(pageLink("prev", filters, page - 1, pager.getAttribute("data-prev")));
    var span = document.createElement("span");
    span.textContent = pager.getAttribute("data-template").replace("{page}", page).replace("{pages}", pages);
    pager.appendChild(span);
    if (page < pages) pager.appendChild(pageLink("next", filters, page + 1, pager.getAttribute("data-next")));
  }
  function draw(filters, page, updateUrl) {
    var matching = rows.filter(function (row) {
      var have = values(row);
      return FILTERS.every(function (name) { return !filters[name] || have[name].indexOf(filters[name]) >= 0; });
    });
    var pages = Math.max(1, Math.ceil(matching.length / size));
    page = Math.min(Math.max(page, 1), pages);
    list.textContent = "";
    matching.slice((page - 1) * size, page * size).forEach(function (row) { list.appendChild(item(row)); });
    if (count) {
      count.textContent = count.getAttribute("data-template").replace("{shown}", matching.length).replace("{total}", rows.length);
    }
    if (empty) empty.hidden = matching.length > 0;
    drawPager(filters, page, pages);
    list.setAttribute("data-applied", query(filters));
    list.setAttribute("data-page", String(page));
    if (updateUrl) {
      var q = query(filters);
      window.history.replaceState(null, "", list.getAttribute("data-base") + (q ? "?" + q + (page > 1 ? "&page=" + page : "") : ""));
    }
    form.setAttribute("data-state", "done");
  }
  function withRows(then) {
    if (rows) { then(); return; }
    form.setAttribute("data-state", "loading");
    fetch(list.getAttribute("data-list")).then(function (r) { return r.json(); }).then(function (data) {
      rows = data.rows;
      unknown = data.unknown || unknown;
      then();
    });
  }
  function apply() { withRows(function () { draw(chosen(), 1, true); }); }

  var initial = new URLSearchParams(window.location.search);
  var filters = {};
  FILTERS.forEach(function (name) { if (initial.get(name)) filters[name] = initial.get(name); });
  selects.forEach(function (select) {
    if (filters[select.name]) select.value = filters[select.name];
    select.addEventListener("change", apply);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  var page = parseInt(initial.get("page") || "1", 10) || 1;
  var rendered = query(filters) === list.getAttribute("data-applied") &&
    (query(filters) === "" || page === parseInt(list.getAttribute("data-page"), 10));
  if (rendered) {
    form.setAttribute("data-state", "done");
  } else {
    withRows(function () { draw(filters, page, false); });
  }
})();
