/* Port of portal/search/patterns.py: exact runs, highlights and snippets over raw text. */
import { S } from "./state.js";
import { hex } from "./index.js";

export function charClass(ch) {
  var alts = Array.from(ch + (S.R.variants[ch] || ""));
  var escaped = alts.map(hex).join("");
  return alts.length > 1 ? "[" + escaped + "]" : escaped;
}
export function runPattern(kind, text) { return Array.from(text).map(charClass).join(kind === "c" ? S.R.gap : S.R.zeroWidth); }
export function runsPattern(rs) {
  var out = [];
  rs.forEach(function (r, i) {
    if (i) out.push(S.R.sep + (rs[i - 1][0] === r[0] ? "+" : "*"));
    out.push(runPattern(r[0], r[1]));
  });
  if (rs[0][0] === "a") {
    var first = charClass(Array.from(rs[0][1])[0]);
    out[0] = first + "(?<!" + S.R.alnum + "[\\s\\S])" + out[0].slice(first.length);
  }
  if (rs[rs.length - 1][0] === "a") out.push("(?!" + S.R.alnum + ")");
  return out.join("");
}
export function piecePattern(p) { return runsPattern([[p.kind === "L" ? "a" : "c", p.text]]); }
export function isPhrase(t) {
  var single = t.pieces.length === 1 && t.pieces[0].kind !== "C";
  return (t.quoted || t.pieces.length > 1) && !single;
}
export function compileQuery(q) {
  var phrases = q.terms.filter(isPhrase).map(function (t) { return { term: t, re: new RegExp(runsPattern(t.runs), "u") }; });
  var sources = [], seen = {}, all = q.terms.slice();
  (q.also || []).forEach(function (a) { all = all.concat(a.terms); });
  all.forEach(function (t) {
    if (t.quoted) sources.push([Array.from(t.text).length, runsPattern(t.runs)]);
    else t.pieces.forEach(function (p) { if (p.required) sources.push([Array.from(p.text).length, piecePattern(p)]); });
  });
  sources = sources.filter(function (s) { var k = s[0] + " " + s[1]; if (seen[k]) return false; seen[k] = true; return true; });
  sources.sort(function (a, b) { return b[0] - a[0]; });
  sources = sources.slice(0, S.M.snippet.max_patterns);
  var highlight = sources.length ? new RegExp(sources.map(function (s) { return s[1]; }).join("|"), "gu") : null;
  return { phrases: phrases, highlight: highlight };
}
export function spans(text, re) {
  var merged = [], m;
  if (!re) return merged;
  re.lastIndex = 0;
  while ((m = re.exec(text))) {
    var s = m.index, e = s + m[0].length;
    if (e === s) { re.lastIndex++; continue; }
    if (merged.length && s <= merged[merged.length - 1][1]) merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], e);
    else if (merged.length < S.M.snippet.max_spans) merged.push([s, e]);
    else break;
  }
  return merged;
}
export function bestStart(text, found) {
  var reach = S.M.snippet.window - S.M.snippet.lead, best = 0, bestWeight = -1, j = 0, chars = 0, inside = new Map();
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
export function escape(text) {
  return text.replace(/[ \t\r\n]+/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
export function safeCut(text, i) { var c = text.charCodeAt(i); return c >= 0xdc00 && c <= 0xdfff ? i - 1 : i; }
export function phraseAt(text, patterns) {
  for (var i = 0; i < patterns.phrases.length; i++) {
    var m = patterns.phrases[i].re.exec(text);
    if (m) return m.index;
  }
  return null;
}
export function snippet(text, found, at) {
  var focus = at === null || at === undefined ? bestStart(text, found) : at;
  var start = found.length ? safeCut(text, Math.max(0, focus - S.M.snippet.lead)) : 0;
  var end = safeCut(text, Math.min(text.length, start + S.M.snippet.window));
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
