/* Ports of portal/search/analysis.py, english.py, query.py, known.py and pinyin.py: the query as
 * the live search reads it (terms, synonym and pinyin alternatives, known items, a citation). */
import { S } from "./state.js";
import { lexiconFor, load, manifest, shardOf } from "./index.js";

export function foldChar(ch) {
  var f = Object.prototype.hasOwnProperty.call(S.M.fold, ch) ? S.M.fold[ch] : undefined;
  return f !== undefined ? f : ch.normalize("NFKC").toLowerCase();
}
export function fold(text) { var out = ""; for (var ch of text) out += foldChar(ch); return out; }
export function runs(folded) {
  var re = new RegExp(S.R.run, "gu"), out = [], m;
  while ((m = re.exec(folded))) out.push(m[1] !== undefined ? ["c", m[1].replace(/ /g, "")] : ["a", m[2]]);
  return out;
}
export function segment(run) {
  var chars = Array.from(run), n = chars.length, best = [], i, j;
  best[n] = [0, n];
  for (i = n - 1; i >= 0; i--) {
    var w0 = S.lexChars[chars[i]];
    var choice = [(w0 !== undefined ? w0 : S.M.lexicon["default"]) + best[i + 1][0], i + 1];
    for (j = i + 2; j <= Math.min(n, i + S.M.lexicon.maxLen); j++) {
      var weight = S.lexWords[chars.slice(i, j).join("")];
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
export function piece(text, kind, required) { return { text: text, kind: kind, required: required }; }
// english.py: light suffix folding of lower-case ASCII letter tokens
export function stem(token) {
  if (token.length < 3 || !/^[a-z]+$/.test(token)) return token;
  var rules = S.M.stem.rules;
  for (var i = 0; i < rules.length; i++) {
    var suffix = rules[i][0];
    if (token.length - suffix.length >= rules[i][2] && token.slice(-suffix.length) === suffix) {
      if (suffix === "s" && S.M.stem.keep.some(function (k) { return token.slice(-k.length) === k; })) break;
      token = token.slice(0, -suffix.length) + rules[i][1];
      break;
    }
  }
  if (token.length >= 4 && token.slice(-1) === "e") token = token.slice(0, -1);
  return token;
}
export function keysOf(p) {
  if (p.kind !== "C") return [p.text];
  var chars = Array.from(p.text), keys = [];
  for (var i = 0; i + 1 < chars.length; i++) if (keys.indexOf(chars[i] + chars[i + 1]) < 0) keys.push(chars[i] + chars[i + 1]);
  return keys;
}
export function chain(chars) {
  var text = chars.join("");
  return piece(text, chars.length === 1 ? "U" : chars.length === 2 ? "B" : "C", true);
}
export function runPieces(kind, run) {
  if (kind === "a") return [piece(stem(run), "L", true)];
  var pieces = [], pending = [];
  segment(run).forEach(function (word) {
    var size = Array.from(word).length;
    if (size === 1 && S.M.stop.indexOf(word) < 0) { pending.push(word); return; }
    if (pending.length) { pieces.push(chain(pending)); pending = []; }
    pieces.push(size === 1 ? piece(word, "U", false) : piece(word, size === 2 ? "B" : "W", true));
  });
  if (pending.length) pieces.push(chain(pending));
  return pieces;
}
export function rawTerms(folded) {
  var re = /"([^"]+)"|([^ "]+)/g, out = [], m;
  while ((m = re.exec(folded))) {
    var quoted = m[1] !== undefined;
    var text = (quoted ? m[1] : m[2]).trim();
    out.push({ text: text, quoted: quoted, runs: runs(text) });
  }
  return out;
}
// Question and function words outside quotes become spaces, unless nothing else is left
// (analysis.without_question_words; the list comes longest first in the manifest).
export function withoutQuestionWords(folded) {
  var words = S.M.question.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
  var re = new RegExp('("[^"]*")|(' + words.join("|") + ")|(?<![a-z0-9])(?:" + S.M.questionEn.join("|") + ")(?![a-z0-9])", "gu");
  var stripped = folded.replace(re, function (m, quoted) { return quoted !== undefined ? quoted : " "; });
  return runs(stripped).length ? stripped : folded;
}
// analysis.split_compound: a word of 4+ characters as two dictionary words, first split point first
export function splitCompound(p) {
  var chars = Array.from(p.text);
  if (p.kind !== "W" || chars.length < 4) return [p];
  for (var cut = 2; cut < chars.length - 1; cut++) {
    var head = chars.slice(0, cut).join(""), tail = chars.slice(cut).join("");
    if (S.lexWords[head] !== undefined && S.lexWords[tail] !== undefined)
      return [head, tail].map(function (w) { return piece(w, Array.from(w).length === 2 ? "B" : "W", true); });
  }
  return [p];
}
export function splitTerm(t) {
  if (t.quoted) return [t];
  var pieces = [];
  t.pieces.forEach(function (p) { pieces = pieces.concat(splitCompound(p)); });
  if (pieces.length === 1) return [{ text: t.text, quoted: false, runs: t.runs, pieces: pieces }];
  return pieces.map(function (p) { return { text: p.text, quoted: false, runs: [[p.kind === "L" ? "a" : "c", p.text]], pieces: [p] }; });
}
// analysis.query_terms: terms of folded text (lexicon shards loaded), all required when none would be
export function queryTerms(text, question) {
  var terms = rawTerms(text);
  terms.forEach(function (t) {
    t.pieces = [];
    t.runs.forEach(function (r) { t.pieces = t.pieces.concat(runPieces(r[0], r[1])); });
  });
  terms = terms.filter(function (t) { return t.pieces.length > 0; });
  if (question) { var split = []; terms.forEach(function (t) { split = split.concat(splitTerm(t)); }); terms = split; }
  var anyRequired = terms.some(function (t) { return t.pieces.some(function (p) { return p.required; }); });
  if (terms.length && !anyRequired) terms.forEach(function (t) { t.pieces.forEach(function (p) { p.required = true; }); });
  return terms;
}
// query.py: the query with each listed everyday word replaced by the law's words, at most maxAlternatives
export function escapeRe(w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
export function replacements(searched) {
  var words = Object.keys(S.M.synonyms), out = [], m;
  if (!words.length) return out;
  var alts = words.map(function (w) { return /^[\x00-\x7f]*$/.test(w) ? "(?<![a-z0-9])" + escapeRe(w) + "(?![a-z0-9])" : escapeRe(w); });
  var re = new RegExp('("[^"]*")|(' + alts.join("|") + ")", "gu");
  while ((m = re.exec(searched))) {
    if (m[2] === undefined) continue;
    var word = m[2], at = m.index, end = at + m[0].length;
    S.M.synonyms[word].forEach(function (meaning) {
      out.push([word, meaning, searched.slice(0, at) + " " + meaning + " " + searched.slice(end)]);
    });
  }
  return out;
}
// pinyin.py: letter tokens of pinyinMin+ letters outside quotes, looked up in the pinyin shards
export function pinyinTokens(searched) {
  var re = new RegExp('("[^"]*")|(?<![a-z0-9])([a-z]{' + S.M.pinyinMin + ',40})(?![a-z0-9])', "gu"), out = [], m;
  while ((m = re.exec(searched))) if (m[2] !== undefined) out.push([m.index, m.index + m[0].length, m[2]]);
  return out;
}
export function pinyinReplacements(searched) {
  var tokens = pinyinTokens(searched);
  return Promise.all(tokens.map(function (t) {
    return load("py/" + shardOf(t[2], S.M.shards.pinyin) + ".json.gz").then(function (shard) {
      return Object.prototype.hasOwnProperty.call(shard, t[2]) ? shard[t[2]] : null;
    });
  })).then(function (words) {
    var out = [], found = [];
    tokens.forEach(function (t, i) { if (words[i]) found.push(t.concat([words[i]])); });
    found.forEach(function (f) { out.push([f[2], f[3], searched.slice(0, f[0]) + " " + f[3] + " " + searched.slice(f[1])]); });
    if (found.length > 1) {
      var text = searched;
      found.slice().reverse().forEach(function (f) { text = text.slice(0, f[0]) + " " + f[3] + " " + text.slice(f[1]); });
      out.unshift([found.map(function (f) { return f[2]; }).join(" "), found.map(function (f) { return f[3]; }).join(" "), text]);
    }
    return out;
  });
}
// known.py
export function compact(folded) { return (folded.match(/[\p{L}\p{N}]+/gu) || []).join(""); }
export const DIGITS = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
export const UNITS = { "十": 10, "百": 100, "千": 1000 };
export function chineseNumber(text) {
  if (/^[0-9]+$/.test(text)) return parseInt(text, 10);
  var total = 0, current = 0;
  for (var ch of text) {
    if (UNITS[ch]) { total += (current || 1) * UNITS[ch]; current = 0; }
    else if (DIGITS[ch] !== undefined) current = DIGITS[ch];
    else return null;
  }
  return total + current || null;
}
export const CITATION = new RegExp("^《?([\\u4e00-\\u9fff]{1,40}?(?:法|条例|细则|规定|解释|办法|决定|意见|规则))》?" +
  "第?([0-9]{1,4}|[零〇一二两三四五六七八九十百千]{1,8})条(?:第?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})款)?$", "u");
export function citationOf(searched) {
  var m = CITATION.exec(searched.replace(/ /g, ""));
  if (!m) return null;
  var n = chineseNumber(m[2]);
  return n ? [S.M.known.title + compact(fold(m[1])), n] : null;
}
export function queryKeys(searched) {
  var text = compact(searched);
  return Array.from(text).length >= 2 ? [S.M.known.title + text, S.M.known.number + text] : [];
}
export function analyze(raw) {
  return manifest().then(function () {
    if (Array.from(raw).length > S.M.maxQuery) return { raw: raw, error: "too_long", terms: [] };
    var folded = fold(raw);
    if (!folded.trim()) return { raw: raw, error: "empty", terms: [] };
    var searched = withoutQuestionWords(folded), replaced;
    return pinyinReplacements(searched).then(function (pinyin) {
      replaced = replacements(searched).concat(pinyin).slice(0, S.M.maxAlternatives);
      var texts = [searched].concat(replaced.map(function (r) { return r[2]; }));
      return lexiconFor(texts.map(function (t) { return { runs: runs(t) }; }));
    }).then(function () {
      var terms = queryTerms(searched, searched !== folded);
      if (!terms.length) return { raw: raw, error: "no_terms", terms: [] };
      var also = [];
      replaced.forEach(function (r) {
        var t = queryTerms(r[2], searched !== folded);
        if (t.length) also.push({ word: r[0], meaning: r[1], terms: t });
      });
      return { raw: raw, error: null, terms: terms, searched: searched, also: also, known: queryKeys(searched),
        citation: citationOf(searched) };
    });
  });
}
export function termsJSON(terms) {
  return terms.map(function (t) {
    return { text: t.text, quoted: t.quoted, runs: t.runs,
      pieces: t.pieces.map(function (p) { return [p.text, p.kind, p.required]; }) };
  });
}
export function toJSON(q) {
  return { error: q.error, terms: termsJSON(q.terms),
    also: (q.also || []).map(function (a) { return [a.word, a.meaning, termsJSON(a.terms)]; }),
    known: q.known || [], citation: q.citation || null };
}
export function requiredPieces(q) {
  var out = [];
  q.terms.forEach(function (t) { t.pieces.forEach(function (p) { if (p.required) out.push(p); }); });
  return out;
}
// Every index term a query may look up: its own, its alternatives', the known-item and citation terms
export function allKeys(q) {
  var keys = requiredKeys(q);
  (q.also || []).forEach(function (a) { requiredKeys(a).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); }); });
  (q.known || []).concat(q.citation ? [q.citation[0]] : []).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
  return keys;
}
export function requiredKeys(q) {
  var keys = [];
  q.terms.forEach(function (t) { t.pieces.forEach(function (p) {
    if (p.required) keysOf(p).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
  }); });
  return keys;
}
