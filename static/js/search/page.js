/* The frozen search page: reads the address, searches, renders like templates/search.html.
 * Every table and constant comes from the index builder (manifest.json.gz); the other modules are
 * ports of the Python search, checked against it by tests/test_search_parity.py. No inline code (CSP). */
import { S } from "./state.js";
import { docsTable, joined, load, manifest, postingsFor } from "./index.js";
import { allKeys, analyze, fold, toJSON } from "./analysis.js";
import { cited, queryScores } from "./engine.js";
import { compileQuery, phraseAt, snippet, spans } from "./patterns.js";
import { resultWindow } from "./window.js";

/* Set up the page in #search-app (the frozen site's search page only; live pages are answered by the server). */
function start(app) {
  S.base = app.getAttribute("data-index");
  var lang = app.getAttribute("data-lang") || "zh";
  var pageSize = parseInt(app.getAttribute("data-page-size"), 10) || 20;
  var msg = JSON.parse(app.getAttribute("data-messages"));
  var labels = JSON.parse(app.getAttribute("data-labels"));
  var form = document.getElementById("search-form");
  var list = document.getElementById("search-results");
  var current = 0;

  function node(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function readParams(search) {
    var p = new URLSearchParams(search), page = p.get("page") || "1";
    return { asked: p.has("q"), q: p.get("q") || "", section: p.get("section") || "", level: p.get("level") || "",
      field: p.get("field") || "", sort: p.get("sort") === "date" ? "date" : "relevance",
      page: /^[0-9]{1,4}$/.test(page) && +page >= 1 ? +page : 1 };
  }
  function queryString(params, page) {
    var p = new URLSearchParams();
    p.append("q", params.q);
    ["section", "level", "field"].forEach(function (k) { if (params[k]) p.append(k, params[k]); });
    if (params.sort === "date") p.append("sort", "date");
    if (page > 1) p.append("page", String(page));
    return "?" + p.toString();
  }
  function filtersOf(params) {
    var sections = [], level = S.M.levels.indexOf(params.level), field = S.M.fields.indexOf(params.field);
    if (params.section === "library") sections = [S.M.sections.indexOf("laws"), S.M.sections.indexOf("policies")];
    else if (S.M.sections.indexOf(params.section) >= 0) sections = [S.M.sections.indexOf(params.section)];
    return { sections: sections, level: level >= 0 ? level + 1 : null, field: field >= 0 ? 1 << field : null };
  }
  function fillForm(params) {
    form.elements.q.value = params.q;
    ["section", "level", "field", "sort"].forEach(function (k) {
      var select = form.elements[k];
      select.value = params[k];
      if (select.value !== params[k]) select.value = select.options[0].value;
    });
  }
  function formatDate(iso) {
    if (!iso) return "";
    if (lang !== "zh") return iso;
    var d = iso.split("-");
    return +d[0] + "年" + +d[1] + "月" + +d[2] + "日";
  }
  function result(item, patterns) {
    var view = item.view;
    var s = snippet(view.text, view.found, view.found.length ? phraseAt(view.text, patterns) : null);
    var article = null, offset = 0;
    for (var k = 0; view.found.length && k < view.parts.length; k++) {
      if (s.focus >= offset && s.focus < offset + view.parts[k][2].length + 1) { article = view.parts[k][0] ? view.parts[k] : null; break; }
      offset += view.parts[k][2].length + 1;
    }
    return resultItem(item.frag, s.html, article);
  }
  /* The cited article as the first result, its text the snippet (service._cited_result); the document when it has no such article. */
  function citedItem(id, number) {
    var anchor = "art-" + number;
    return load("frag/" + id + ".json.gz").then(function (frag) {
      var k = (frag.ak || []).findIndex(function (r) { return r[0] <= number && number <= r[1]; });
      var chunk = k < 0 ? Promise.resolve(null) : k === 0 ? Promise.resolve(frag) : load("frag/" + id + "-" + k + ".json.gz");
      return chunk.then(function (c) {
        var part = c ? c.p.filter(function (p) { return p[0] === anchor; })[0] : undefined;
        if (!part) return { li: resultItem(frag, snippet(joined(frag.p), [], null).html, null), found: false };
        return { li: resultItem(frag, snippet(part[2], [], null).html, part), found: true };
      });
    });
  }
  // template_helpers.is_chinese: mostly Chinese characters among the letters and digits
  function isChinese(text) {
    var letters = Array.from(text).filter(function (c) { return /[\p{L}\p{N}]/u.test(c); });
    var han = letters.filter(function (c) { return c >= "\u4e00" && c <= "\u9fff"; }).length;
    return han > 0 && han * 2 >= letters.length;
  }
  function resultItem(frag, html, article) {
    var li = node("li", { "class": "search-result" }), index = S.M.langs.indexOf(lang);
    var s = { html: html };
    var url = article ? frag.a[index].replace("{a}", article[0]) : frag.u[index];
    var link = node("a", { "class": "search-result-title", href: url }, lang === "en" && frag.te ? frag.te : frag.t);
    if (lang === "en" && !frag.te) link.setAttribute("lang", "zh-CN");
    li.appendChild(link);
    // on English pages the article tag, and a snippet of the Chinese text, are Chinese
    var chinese = lang === "en" ? { lang: "zh-CN" } : {};
    if (article) { li.appendChild(document.createTextNode(" ")); li.appendChild(node("span", Object.assign({ "class": "tag search-result-article" }, chinese), article[1])); }
    var p = node("p", Object.assign({ "class": "search-result-snippet" }, isChinese(html) ? chinese : {}));
    p.innerHTML = s.html;
    li.appendChild(p);
    var meta = node("span", { "class": "entry-meta" });
    meta.appendChild(node("span", { "class": "tag" }, labels.sections[frag.s] || frag.s));
    if (frag.l) meta.appendChild(node("span", { "class": "tag" }, labels.levels[frag.l] || frag.l));
    if (frag.d) meta.appendChild(node("time", { datetime: frag.d }, formatDate(frag.d)));
    li.appendChild(meta);
    return li;
  }
  function pager(params, pages) {
    var nav = node("nav", { id: "search-pages", "class": "pagination", "aria-label": msg.pages_label });
    if (params.page > 1) nav.appendChild(node("a", { rel: "prev", href: app.getAttribute("data-search-path") + queryString(params, params.page - 1) }, msg.prev));
    nav.appendChild(node("span", {}, msg.page.replace("{page}", params.page).replace("{pages}", pages)));
    if (params.page < pages) nav.appendChild(node("a", { rel: "next", href: app.getAttribute("data-search-path") + queryString(params, params.page + 1) }, msg.next));
    return nav;
  }
  function help(params, parsed) {
    var box = node("div", { id: "search-help", "class": "notice" }), ul = node("ul"), path = app.getAttribute("data-search-path");
    box.appendChild(node("p", {}, msg.none.replace("{query}", params.q)));
    box.appendChild(node("p", {}, msg.variants));
    box.appendChild(node("p", {}, msg["try"]));
    var pieces = [];
    parsed.terms.forEach(function (t) { t.pieces.forEach(function (p) { if (p.required) pieces.push(p.text); }); });
    if (pieces.length > 1) pieces.forEach(function (p) {
      var li = node("li"); li.appendChild(node("a", { href: path + "?" + new URLSearchParams({ q: p }).toString() }, msg.only.replace("{piece}", p))); ul.appendChild(li);
    });
    if (params.section || params.level || params.field) {
      var li = node("li"); li.appendChild(node("a", { href: path + "?" + new URLSearchParams({ q: params.q }).toString() }, msg.clear)); ul.appendChild(li);
    }
    ul.appendChild(node("li", {}, msg.shorter));
    var lib = node("li"); lib.appendChild(node("a", { href: app.getAttribute("data-library-path") }, msg.library)); ul.appendChild(lib);
    box.appendChild(ul);
    if (labels.guides && labels.guides.length) {
      box.appendChild(node("p", {}, msg.guides));
      var guides = node("ul", { "class": "related-guides" });
      labels.guides.forEach(function (g) { var li = node("li"); li.appendChild(node("a", { href: g.url }, g.title)); guides.appendChild(li); });
      box.appendChild(guides);
    }
    return box;
  }
  function reset() {
    ["search-pages", "search-help", "search-message", "search-also", "search-cited"].forEach(function (id) { var e = byId(id); if (e) e.remove(); });
    list.textContent = "";
  }
  function status(text) { byId("search-count").textContent = text; }
  function note(text, cls, id) { app.insertBefore(node("p", { id: id || "search-message", "class": "notice " + cls, role: "status" }, text), list); }
  var baseTitle = document.title;
  function retitle(params) {
    if (!params.asked || !params.q) { document.title = baseTitle; return; }
    document.title = msg.title.replace("{query}", params.q) +
      (params.page > 1 ? " · " + msg.title_page.replace("{page}", params.page) : "") + " · " + baseTitle;
  }
  function run(params) {
    var mine = ++current;
    reset();
    fillForm(params);
    if (!params.asked) { app.setAttribute("data-state", "idle"); return Promise.resolve(); }
    app.setAttribute("data-state", "loading");
    app.setAttribute("aria-busy", "true");
    status(msg.loading);
    retitle(params);
    var parsed, patterns, scored, pinned = null, top = null, headed = false, rendered = [];
    /* The count, the notes and the results sure of their places so far; called again with more. */
    function show(outcome) {
      if (mine !== current) return;
      if (!headed) {
        headed = true;
        status((outcome.exact ? msg.count : msg.count_about).replace("{total}", outcome.total));
        if (scored.partial) note(msg.partial, "info");
        var also = [];
        parsed.also.forEach(function (a) { if (also.indexOf(a.meaning) < 0) also.push(a.meaning); });
        if (also.length) note(msg.also.replace("{words}", also.join("、")), "info", "search-also");
        if (top && !top.found) note(msg.no_article.replace("{article}", parsed.citation[1]), "warn", "search-cited");
        if (top) list.appendChild(top.li);
      }
      var kept = rendered.every(function (item, i) { return outcome.shown[i] === item; });
      if (!kept) {  // never expected: the results shown early were not the first ones after all
        rendered.forEach(function (item) { item.li.remove(); });
        rendered = [];
      }
      outcome.shown.slice(rendered.length).forEach(function (item) {
        item.li = result(item, patterns);
        list.appendChild(item.li);
        rendered.push(item);
      });
    }
    // the documents table needs only the manifest: fetched while the query's dictionary shards are
    var rows = manifest().then(docsTable);
    rows.catch(function () {});
    return analyze(params.q).then(function (q) {
      parsed = q;
      if (q.error) return null;
      return rows.then(function () { return postingsFor(allKeys(q)); }).then(function (postings) {
        scored = queryScores(parsed, postings, filtersOf(params));
        pinned = cited(parsed, postings);
        patterns = compileQuery(parsed);
        var first = pinned !== null && params.page === 1 ? citedItem(pinned, parsed.citation[1]) : Promise.resolve(null);
        return first.then(function (item) {
          top = item;
          return resultWindow(parsed, patterns, scored, params, pinned, pageSize, show);
        });
      });
    }).then(function (outcome) {
      if (mine !== current) return;
      if (!outcome) { status(""); note(msg[parsed.error], "warn"); }
      else {
        show(outcome);
        var pages = Math.ceil(outcome.total / pageSize);
        if (pages > 1) app.insertBefore(pager(params, pages), list.nextSibling);
        if (!outcome.total) app.appendChild(help(params, parsed));
      }
      app.setAttribute("data-state", "done");
      app.removeAttribute("aria-busy");
    }).catch(function (error) {
      if (mine !== current) return;
      reset();
      status("");
      note(msg.failed, "warn");
      app.setAttribute("data-state", "error");
      app.removeAttribute("aria-busy");
      if (window.console) window.console.error(error);
    });
  }
  function go(search) {
    window.history.pushState(null, "", app.getAttribute("data-search-path") + search);
    return run(readParams(search));
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = {};
    ["q", "section", "level", "field", "sort"].forEach(function (k) { data[k] = form.elements[k].value; });
    data.page = 1;
    go(queryString(data, 1));
  });
  app.addEventListener("click", function (event) {
    var link = event.target.closest("#search-pages a");
    if (!link) return;
    event.preventDefault();
    go(new URL(link.href).search).then(function () { window.scrollTo(0, 0); byId("search-count").focus(); });
  });
  window.addEventListener("popstate", function () { run(readParams(window.location.search)); });
  window.PortalSearch = {
    analyze: function (q) { return analyze(q).then(toJSON); },
    fold: function (t) { return manifest().then(function () { return fold(t); }); },
    snippet: function (q, text) {
      return analyze(q).then(function (parsed) {
        if (parsed.error) return null;
        var patterns = compileQuery(parsed);
        return snippet(text, spans(text, patterns.highlight), phraseAt(text, patterns)).html;
      });
    }
  };
  run(readParams(window.location.search));
}

var searchApp = document.getElementById("search-app");
if (searchApp && searchApp.getAttribute("data-mode") === "static") start(searchApp);
