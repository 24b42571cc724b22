/* Static search for the frozen site: answers /<lang>/search/?q=… from static/search-index/.
 * Every table and constant comes from the Python index builder (manifest.json.gz); the functions
 * below are ports of portal/search/analysis.py, engine.py and patterns.py, kept in the same order
 * and checked against them by tests/test_search_parity.py. No framework, no inline code (CSP). */
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  if (!app || app.getAttribute("data-mode") !== "static") return;
  var base = app.getAttribute("data-index");
  var lang = app.getAttribute("data-lang") || "zh";
  var pageSize = parseInt(app.getAttribute("data-page-size"), 10) || 20;
  var msg = JSON.parse(app.getAttribute("data-messages"));
  var labels = JSON.parse(app.getAttribute("data-labels"));
  var files = {};
  var M = null;
  var R = {};
  var rows = null;
  var lexWords = Object.create(null);
  var lexChars = Object.create(null);

  /* ---- loading: every index file is gzip (decompressed here unless the server already did) ---- */
  function gunzip(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(buffer);
    var stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer();
  }
  function load(path, binary) {
    if (!files[path]) {
      var url = base + path + (M ? "?v=" + M.version : "");
      files[path] = fetch(url, M ? {} : { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.arrayBuffer();
      }).then(gunzip).then(function (buffer) {
        return binary ? buffer : JSON.parse(new TextDecoder().decode(buffer));
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }
  function hex(ch) { return "\\u{" + ch.codePointAt(0).toString(16) + "}"; }
  function setup(manifest) {
    M = manifest;
    var cjk = M.cjk.map(function (r) { return r[0] === r[1] ? hex(String.fromCodePoint(r[0])) :
      hex(String.fromCodePoint(r[0])) + "-" + hex(String.fromCodePoint(r[1])); }).join("");
    var removed = Array.from(M.removed).map(hex).join("");
    R.cjk = cjk;
    R.run = "([" + cjk + "](?: *[" + cjk + "])*)|((?:(?![" + cjk + "])[\\p{L}\\p{N}])+)";
    R.gap = "[\\s" + removed + "]*";
    R.zeroWidth = "[" + removed + "]*";
    R.sep = "[^\\p{L}\\p{N}]";
    R.alnum = "[" + M.boundary.map(function (r) { return hex(String.fromCodePoint(r[0])) + "-" + hex(String.fromCodePoint(r[1])); }).join("") + "]";
    R.variants = M.variants;
  }
  function manifest() {
    if (M) return Promise.resolve(M);
    return load("manifest.json.gz").then(function (m) { setup(m); return m; });
  }

  /* ---- analysis.py ---- */
  function foldChar(ch) {
    var f = Object.prototype.hasOwnProperty.call(M.fold, ch) ? M.fold[ch] : undefined;
    return f !== undefined ? f : ch.normalize("NFKC").toLowerCase();
  }
  function fold(text) { var out = ""; for (var ch of text) out += foldChar(ch); return out; }
  function runs(folded) {
    var re = new RegExp(R.run, "gu"), out = [], m;
    while ((m = re.exec(folded))) out.push(m[1] !== undefined ? ["c", m[1].replace(/ /g, "")] : ["a", m[2]]);
    return out;
  }
  function shardOf(text, count) {
    var h = 0x811c9dc5;
    for (var ch of text) h = Math.imul((h ^ ch.codePointAt(0)) >>> 0, 0x01000193) >>> 0;
    return h % count;
  }
  function segment(run) {
    var chars = Array.from(run), n = chars.length, best = [], i, j;
    best[n] = [0, n];
    for (i = n - 1; i >= 0; i--) {
      var w0 = lexChars[chars[i]];
      var choice = [(w0 !== undefined ? w0 : M.lexicon["default"]) + best[i + 1][0], i + 1];
      for (j = i + 2; j <= Math.min(n, i + M.lexicon.maxLen); j++) {
        var weight = lexWords[chars.slice(i, j).join("")];
        if (weight === undefined) continue;
        var score = weight + best[j][0];
        if (score > choice[0] || (score === choice[0] && j > choice[1])) choice = [score, j];
      }
      best[i] = choice;
    }
    var out = [];
    for (i = 0; i < n; i = best[i][1]) out.push(chars.slice(i, best[i][1]).join(""));
    return out;
  }
  function piece(text, kind, required) { return { text: text, kind: kind, required: required }; }
  function keysOf(p) {
    if (p.kind !== "C") return [p.text];
    var chars = Array.from(p.text), keys = [];
    for (var i = 0; i + 1 < chars.length; i++) if (keys.indexOf(chars[i] + chars[i + 1]) < 0) keys.push(chars[i] + chars[i + 1]);
    return keys;
  }
  function chain(chars) {
    var text = chars.join("");
    return piece(text, chars.length === 1 ? "U" : chars.length === 2 ? "B" : "C", true);
  }
  function runPieces(kind, run) {
    if (kind === "a") return [piece(run, "L", true)];
    var pieces = [], pending = [];
    segment(run).forEach(function (word) {
      var size = Array.from(word).length;
      if (size === 1 && M.stop.indexOf(word) < 0) { pending.push(word); return; }
      if (pending.length) { pieces.push(chain(pending)); pending = []; }
      pieces.push(size === 1 ? piece(word, "U", false) : piece(word, size === 2 ? "B" : "W", true));
    });
    if (pending.length) pieces.push(chain(pending));
    return pieces;
  }
  function rawTerms(folded) {
    var re = /"([^"]+)"|([^ "]+)/g, out = [], m;
    while ((m = re.exec(folded))) {
      var quoted = m[1] !== undefined;
      var text = (quoted ? m[1] : m[2]).trim();
      out.push({ text: text, quoted: quoted, runs: runs(text) });
    }
    return out;
  }
  function lexiconFor(terms) {
    var shards = {};
    terms.forEach(function (t) { t.runs.forEach(function (r) {
      if (r[0] === "c") for (var ch of r[1]) shards[shardOf(ch, M.shards.lexicon)] = true;
    }); });
    return Promise.all(Object.keys(shards).map(function (k) {
      return load("lex/" + k + ".json.gz").then(function (shard) {
        Object.assign(lexWords, shard.w);
        Object.assign(lexChars, shard.c);
      });
    }));
  }
  // Question and function words outside quotes become spaces, unless nothing else is left
  // (analysis.without_question_words; the list comes longest first in the manifest).
  function withoutQuestionWords(folded) {
    var words = M.question.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var re = new RegExp('("[^"]*")|(' + words.join("|") + ")", "gu");
    var stripped = folded.replace(re, function (m, quoted) { return quoted !== undefined ? quoted : " "; });
    return runs(stripped).length ? stripped : folded;
  }
  function analyze(raw) {
    return manifest().then(function () {
      if (Array.from(raw).length > M.maxQuery) return { raw: raw, error: "too_long", terms: [] };
      var folded = fold(raw);
      if (!folded.trim()) return { raw: raw, error: "empty", terms: [] };
      var terms = rawTerms(withoutQuestionWords(folded));
      return lexiconFor(terms).then(function () {
        terms.forEach(function (t) {
          t.pieces = [];
          t.runs.forEach(function (r) { t.pieces = t.pieces.concat(runPieces(r[0], r[1])); });
        });
        terms = terms.filter(function (t) { return t.pieces.length > 0; });
        if (!terms.length) return { raw: raw, error: "no_terms", terms: [] };
        var anyRequired = terms.some(function (t) { return t.pieces.some(function (p) { return p.required; }); });
        if (!anyRequired) terms.forEach(function (t) { t.pieces.forEach(function (p) { p.required = true; }); });
        return { raw: raw, error: null, terms: terms };
      });
    });
  }
  function toJSON(q) {
    return { error: q.error, terms: q.terms.map(function (t) {
      return { text: t.text, quoted: t.quoted, runs: t.runs,
        pieces: t.pieces.map(function (p) { return [p.text, p.kind, p.required]; }) };
    }) };
  }
  function requiredKeys(q) {
    var keys = [];
    q.terms.forEach(function (t) { t.pieces.forEach(function (p) {
      if (p.required) keysOf(p).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
    }); });
    return keys;
  }

  /* ---- engine.py ---- */
  function docsTable() {
    if (rows) return Promise.resolve(rows);
    return load("docs.bin.gz", true).then(function (buffer) {
      var n = M.docs, bytes = new Uint8Array(buffer), view = new DataView(buffer), date = [];
      for (var i = 0; i < n; i++) date.push(view.getUint16(n + 2 * i, true));
      rows = { n: n, length: bytes.subarray(0, n), date: date, section: bytes.subarray(3 * n, 4 * n),
        level: bytes.subarray(4 * n, 5 * n), fields: bytes.subarray(5 * n, 6 * n) };
      return rows;
    });
  }
  function postingsFor(keys) {
    var out = {};
    return Promise.all(keys.map(function (key) {
      return load("post/" + shardOf(key, M.shards.postings) + ".json.gz").then(function (shard) {
        var own = Object.prototype.hasOwnProperty.call(shard, key);
        var e = own ? shard[key] : [[], [], []], ids = [], head = [], last = 0, k;
        for (k = 0; k < e[0].length; k++) ids.push(last += e[0][k]);
        last = 0;
        for (k = 0; k < e[2].length; k++) head.push(last += e[2][k]);
        out[key] = { ids: ids, tfs: e[1].length ? e[1] : null, head: head };
      });
    })).then(function () { return out; });
  }
  function lengthOf(code) { return 32 * (Math.pow(2, code / 16) - 1); }
  function allows(f, d) {
    if (f.sections.length && f.sections.indexOf(rows.section[d]) < 0) return false;
    if (f.level !== null && rows.level[d] !== f.level) return false;
    return f.field === null || (rows.fields[d] & f.field) !== 0;
  }
  function baseScores(q, postings, f) {
    var keys = requiredKeys(q), n = rows.n, k1 = M.ranking.k1, b = M.ranking.b, avg = 0, i;
    for (i = 0; i < n; i++) avg += lengthOf(rows.length[i]);
    avg = n ? avg / n : 1;
    var scores = new Map(), matched = new Map(), inHeading = new Map(), inBody = new Map();
    function touch(doc, key, where) {
      where = where || matched;
      if (!where.has(doc)) where.set(doc, new Set());
      where.get(doc).add(key);
    }
    keys.forEach(function (key) {
      var p = postings[key], union = new Set(p.ids.concat(p.head));
      var idf = Math.log(1 + (n - union.size + 0.5) / (union.size + 0.5));
      p.ids.forEach(function (doc, j) {
        if (!allows(f, doc)) return;
        var tf = p.tfs ? p.tfs[j] : 1;
        var norm = k1 * (1 - b + b * lengthOf(rows.length[doc]) / avg);
        scores.set(doc, (scores.get(doc) || 0) + idf * tf * (k1 + 1) / (tf + norm));
        touch(doc, key);
        touch(doc, key, inBody);
      });
      p.head.forEach(function (doc) {
        if (!allows(f, doc)) return;
        scores.set(doc, (scores.get(doc) || 0) + idf * M.ranking.heading);
        inHeading.set(doc, (inHeading.get(doc) || 0) + 1);
        touch(doc, key);
      });
    });
    var full = new Map();
    scores.forEach(function (s, doc) {
      if (matched.get(doc).size === keys.length) full.set(doc, s + (inHeading.get(doc) === keys.length ? M.ranking.all_heading : 0));
    });
    var pieces = [];
    q.terms.forEach(function (t) { t.pieces.forEach(function (p) { if (p.required) pieces.push(p); }); });
    var quoted = q.terms.some(function (t) { return t.quoted; });
    if (full.size || pieces.length < 2 || quoted) return { scores: full, partial: false, inBody: inBody };
    var partial = new Map();
    scores.forEach(function (s, doc) {
      var covered = pieces.filter(function (p) { return keysOf(p).every(function (k) { return matched.get(doc).has(k); }); }).length;
      if (covered) partial.set(doc, s + M.ranking.coverage * covered);
    });
    return { scores: partial, partial: partial.size > 0, inBody: inBody };
  }
  function round6(x) { return Math.floor(x * 1e6 + 0.5); }
  function order(scores, sort) {
    var ids = Array.from(scores.keys());
    return ids.sort(function (a, b) {
      var sa = round6(scores.get(a)), sb = round6(scores.get(b)), da = rows.date[a], db = rows.date[b];
      if (sort === "date") return db - da || sb - sa || a - b;
      return sb - sa || db - da || a - b;
    });
  }
  function phraseBonus(inHeading, inBody) {
    return (inHeading ? M.ranking.phrase_heading : 0) + (inBody ? M.ranking.phrase : 0);
  }

  /* ---- patterns.py ---- */
  function charClass(ch) {
    var alts = Array.from(ch + (R.variants[ch] || ""));
    var escaped = alts.map(hex).join("");
    return alts.length > 1 ? "[" + escaped + "]" : escaped;
  }
  function runPattern(kind, text) { return Array.from(text).map(charClass).join(kind === "c" ? R.gap : R.zeroWidth); }
  function runsPattern(rs) {
    var out = [];
    rs.forEach(function (r, i) {
      if (i) out.push(R.sep + (rs[i - 1][0] === r[0] ? "+" : "*"));
      out.push(runPattern(r[0], r[1]));
    });
    if (rs[0][0] === "a") {
      var first = charClass(Array.from(rs[0][1])[0]);
      out[0] = first + "(?<!" + R.alnum + "[\\s\\S])" + out[0].slice(first.length);
    }
    if (rs[rs.length - 1][0] === "a") out.push("(?!" + R.alnum + ")");
    return out.join("");
  }
  function piecePattern(p) { return runsPattern([[p.kind === "L" ? "a" : "c", p.text]]); }
  function isPhrase(t) {
    var single = t.pieces.length === 1 && t.pieces[0].kind !== "C";
    return (t.quoted || t.pieces.length > 1) && !single;
  }
  function compileQuery(q) {
    var phrases = q.terms.filter(isPhrase).map(function (t) { return { term: t, re: new RegExp(runsPattern(t.runs), "u") }; });
    var sources = [], seen = {};
    q.terms.forEach(function (t) {
      if (t.quoted) sources.push([Array.from(t.text).length, runsPattern(t.runs)]);
      else t.pieces.forEach(function (p) { if (p.required) sources.push([Array.from(p.text).length, piecePattern(p)]); });
    });
    sources = sources.filter(function (s) { var k = s[0] + " " + s[1]; if (seen[k]) return false; seen[k] = true; return true; });
    sources.sort(function (a, b) { return b[0] - a[0]; });
    sources = sources.slice(0, M.snippet.max_patterns);
    var highlight = sources.length ? new RegExp(sources.map(function (s) { return s[1]; }).join("|"), "gu") : null;
    return { phrases: phrases, highlight: highlight };
  }
  function spans(text, re) {
    var merged = [], m;
    if (!re) return merged;
    re.lastIndex = 0;
    while ((m = re.exec(text))) {
      var s = m.index, e = s + m[0].length;
      if (e === s) { re.lastIndex++; continue; }
      if (merged.length && s <= merged[merged.length - 1][1]) merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], e);
      else if (merged.length < M.snippet.max_spans) merged.push([s, e]);
      else break;
    }
    return merged;
  }
  function bestStart(text, found) {
    var reach = M.snippet.window - M.snippet.lead, best = 0, bestWeight = -1, j = 0, chars = 0, inside = new Map();
    found.forEach(function (f, i) {
      var word;
      while (j < found.length && found[j][0] < f[0] + reach) {
        word = text.slice(found[j][0], found[j][1]);
        inside.set(word, (inside.get(word) || 0) + 1);
        chars += found[j][1] - found[j][0];
        j++;
      }
      var weight = inside.size * 1000 + chars;
      if (weight > bestWeight) { best = i; bestWeight = weight; }
      word = text.slice(f[0], f[1]);
      inside.set(word, inside.get(word) - 1);
      if (!inside.get(word)) inside["delete"](word);
      chars -= f[1] - f[0];
    });
    return found.length ? found[best][0] : 0;
  }
  function escape(text) {
    return text.replace(/[ \t\r\n]+/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function safeCut(text, i) { var c = text.charCodeAt(i); return c >= 0xdc00 && c <= 0xdfff ? i - 1 : i; }
  function phraseAt(text, patterns) {
    for (var i = 0; i < patterns.phrases.length; i++) {
      var m = patterns.phrases[i].re.exec(text);
      if (m) return m.index;
    }
    return null;
  }
  function snippet(text, found, at) {
    var focus = at === null || at === undefined ? bestStart(text, found) : at;
    var start = found.length ? safeCut(text, Math.max(0, focus - M.snippet.lead)) : 0;
    var end = safeCut(text, Math.min(text.length, start + M.snippet.window));
    var out = "", position = start;
    found.forEach(function (f) {
      if (f[1] <= start || f[0] >= end) return;
      var s = Math.max(f[0], start), e = Math.min(f[1], end);
      out += escape(text.slice(position, s)) + "<mark>" + escape(text.slice(s, e)) + "</mark>";
      position = e;
    });
    out += escape(text.slice(position, end));
    return { html: (start > 0 ? "…" : "") + out.trim() + (end < text.length ? "…" : ""), focus: focus };
  }
  /* ---- the page: read the address, search, render like templates/search.html ---- */
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
    var sections = [], level = M.levels.indexOf(params.level), field = M.fields.indexOf(params.field);
    if (params.section === "library") sections = [M.sections.indexOf("laws"), M.sections.indexOf("policies")];
    else if (M.sections.indexOf(params.section) >= 0) sections = [M.sections.indexOf(params.section)];
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
  function fragments(ids) { return Promise.all(ids.map(function (id) { return load("frag/" + id + ".json.gz"); })); }
  function joined(parts) { return parts.map(function (p) { return p[2]; }).join("\n"); }
  /* Read a result's chunks in order until every multi-piece run of the query is settled (found, or not
     looked for further: unquoted runs only in the first phrase_chunks) and a chunk to show is known: the
     first with a run, else the first with a match (excerpt() in patterns.py, _with_phrases() in service.py). */
  function examine(id, frag, patterns, pieces, keys) {
    /* What the body's postings rule out is not searched for: a piece whose index terms the body lacks
       cannot be highlighted there, a run whose pieces it lacks cannot occur there. */
    function inText(p) { return keysOf(p).every(function (key) { return keys.has(key); }); }
    var phrases = patterns.phrases, inBody = phrases.map(function () { return false; });
    var inHeading = phrases.map(function (ph) { return ph.re.test(frag.h); });
    var possible = phrases.map(function (ph) {
      return ph.term.pieces.every(function (p) { return !p.required || inText(p); });
    });
    var matchable = pieces.some(inText);
    var byPhrase = null, byMatch = null, k = 0;
    var limit = M.snippet.phrase_chunks;
    function done() {
      if (k >= frag.n) return true;
      var settled = inBody.every(function (found, i) { return found || !possible[i] || (!phrases[i].term.quoted && k >= limit); });
      return settled && (byPhrase !== null || byMatch !== null || !matchable);
    }
    function next() {
      if (done()) {
        var out = { ok: true, bonus: 0, frag: frag };
        phrases.forEach(function (ph, i) {
          if (ph.term.quoted && !inHeading[i] && !inBody[i]) out.ok = false;
          out.bonus += phraseBonus(inHeading[i], inBody[i]);
        });
        out.view = byPhrase || byMatch || { parts: frag.p, found: [], text: joined(frag.p) };
        return Promise.resolve(out);
      }
      var parts = k === 0 ? Promise.resolve(frag) : load("frag/" + id + "-" + k + ".json.gz");
      return parts.then(function (chunk) {
        var text = joined(chunk.p), found = spans(text, patterns.highlight), view = { parts: chunk.p, found: found, text: text };
        phrases.forEach(function (ph, i) {
          if ((ph.term.quoted || k < limit) && ph.re.test(text)) {
            inBody[i] = true;
            if (!byPhrase && k < limit) byPhrase = view;
          }
        });
        if (!byMatch && found.length) byMatch = view;
        k++;
        return next();
      });
    }
    return next();
  }
  function window_(parsed, patterns, scored, params) {
    var scores = new Map(scored.scores), ids = order(scores, params.sort), seen = {}, pieces = [];
    parsed.terms.forEach(function (t) { t.pieces.forEach(function (p) { if (p.required) pieces.push(p); }); });
    var start = (params.page - 1) * pageSize, quoted = parsed.terms.some(function (t) { return t.quoted; });
    function judge(batch) {
      return fragments(batch).then(function (list) {
        return Promise.all(list.map(function (frag, i) {
          return examine(batch[i], frag, patterns, pieces, scored.inBody.get(batch[i]) || new Set());
        }));
      }).then(function (results) {
        return batch.filter(function (id, i) {
          seen[id] = results[i];
          scores.set(id, scores.get(id) + results[i].bonus);
          return results[i].ok;
        });
      });
    }
    function finish(shown, total, exact) {
      var page = new Map();
      shown.forEach(function (id) { page.set(id, scores.get(id)); });
      return { total: total, exact: exact, shown: order(page, params.sort).map(function (id) { return seen[id]; }) };
    }
    if (!quoted) {
      var shown = ids.slice(start, start + pageSize);
      return judge(shown).then(function () { return finish(shown, ids.length, true); });
    }
    var kept = [], checked = 0;
    function step() {
      if (kept.length >= start + pageSize || checked >= ids.length) {
        var all = checked >= ids.length;
        return Promise.resolve(finish(kept.slice(start, start + pageSize), all ? kept.length : ids.length - (checked - kept.length), all));
      }
      var batch = ids.slice(checked, checked + pageSize);
      checked += batch.length;
      return judge(batch).then(function (ok) { kept = kept.concat(ok); return step(); });
    }
    return step();
  }
  function formatDate(iso) {
    if (!iso) return "";
    if (lang !== "zh") return iso;
    var d = iso.split("-");
    return +d[0] + "年" + +d[1] + "月" + +d[2] + "日";
  }
  function result(item, patterns) {
    var frag = item.frag, view = item.view, li = node("li", { "class": "search-result" });
    var s = snippet(view.text, view.found, view.found.length ? phraseAt(view.text, patterns) : null);
    var article = null, offset = 0, index = M.langs.indexOf(lang);
    for (var k = 0; view.found.length && k < view.parts.length; k++) {
      if (s.focus >= offset && s.focus < offset + view.parts[k][2].length + 1) { article = view.parts[k][0] ? view.parts[k] : null; break; }
      offset += view.parts[k][2].length + 1;
    }
    var url = article ? frag.a[index].replace("{a}", article[0]) : frag.u[index];
    var link = node("a", { "class": "search-result-title", href: url }, lang === "en" && frag.te ? frag.te : frag.t);
    if (lang === "en" && !frag.te) link.setAttribute("lang", "zh-CN");
    li.appendChild(link);
    var chinese = lang === "en" ? { lang: "zh-CN" } : {};  // the article tag and snippet are the Chinese text
    if (article) { li.appendChild(document.createTextNode(" ")); li.appendChild(node("span", Object.assign({ "class": "tag search-result-article" }, chinese), article[1])); }
    var p = node("p", Object.assign({ "class": "search-result-snippet" }, chinese));
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
    ["search-pages", "search-help", "search-message"].forEach(function (id) { var e = byId(id); if (e) e.remove(); });
    list.textContent = "";
  }
  function status(text) { byId("search-count").textContent = text; }
  function note(text, cls) { app.insertBefore(node("p", { id: "search-message", "class": "notice " + cls, role: "status" }, text), list); }
  function run(params) {
    var mine = ++current;
    reset();
    fillForm(params);
    if (!params.asked) { app.setAttribute("data-state", "idle"); return Promise.resolve(); }
    app.setAttribute("data-state", "loading");
    app.setAttribute("aria-busy", "true");
    status(msg.loading);
    var parsed, patterns, scored;
    return analyze(params.q).then(function (q) {
      parsed = q;
      if (q.error) return null;
      return docsTable().then(function () { return postingsFor(requiredKeys(q)); }).then(function (postings) {
        scored = baseScores(parsed, postings, filtersOf(params));
        patterns = compileQuery(parsed);
        return window_(parsed, patterns, scored, params);
      });
    }).then(function (outcome) {
      if (mine !== current) return;
      if (!outcome) { status(""); note(msg[parsed.error], "warn"); }
      else {
        status((outcome.exact ? msg.count : msg.count_about).replace("{total}", outcome.total));
        if (scored.partial) note(msg.partial, "info");
        outcome.shown.forEach(function (item) { list.appendChild(result(item, patterns)); });
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
    go(new URL(link.href).search).then(function () { window.scrollTo(0, 0); });
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
})();
