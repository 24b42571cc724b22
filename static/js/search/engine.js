/* Port of portal/search/engine.py: BM25 with heading, title-cover, synonym and known-item scores. */
import { S } from "./state.js";
import { keysOf, requiredKeys, requiredPieces } from "./analysis.js";

export function lengthOf(code) { return 32 * (Math.pow(2, code / 16) - 1); }
export function allows(f, d) {
  if (f.sections.length && f.sections.indexOf(S.rows.section[d]) < 0) return false;
  if (f.level !== null && S.rows.level[d] !== f.level) return false;
  return f.field === null || (S.rows.fields[d] & f.field) !== 0;
}
export function baseScores(q, postings, f) {
  var keys = requiredKeys(q), n = S.rows.n, k1 = S.M.ranking.k1, b = S.M.ranking.b, avg = 0, i;
  for (i = 0; i < n; i++) avg += lengthOf(S.rows.length[i]);
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
      var norm = k1 * (1 - b + b * lengthOf(S.rows.length[doc]) / avg);
      scores.set(doc, (scores.get(doc) || 0) + idf * tf * (k1 + 1) / (tf + norm));
      touch(doc, key);
      touch(doc, key, inBody);
    });
    p.head.forEach(function (doc) {
      if (!allows(f, doc)) return;
      scores.set(doc, (scores.get(doc) || 0) + idf * S.M.ranking.heading);
      inHeading.set(doc, (inHeading.get(doc) || 0) + 1);
      touch(doc, key);
    });
  });
  var full = new Map();
  scores.forEach(function (s, doc) {
    if (matched.get(doc).size === keys.length) full.set(doc, s + (inHeading.get(doc) === keys.length ?
      S.M.ranking.all_heading + S.M.ranking.title_cover * titleCover(q, doc) : 0));
  });
  var pieces = [];
  q.terms.forEach(function (t) { t.pieces.forEach(function (p) { if (p.required) pieces.push(p); }); });
  var quoted = q.terms.some(function (t) { return t.quoted; });
  if (full.size || pieces.length < 2 || quoted) return { scores: full, partial: false, inBody: inBody };
  var partial = new Map();
  scores.forEach(function (s, doc) {
    var covered = pieces.filter(function (p) { return keysOf(p).every(function (k) { return matched.get(doc).has(k); }); }).length;
    if (covered) partial.set(doc, s + S.M.ranking.coverage * covered);
  });
  return { scores: partial, partial: partial.size > 0, inBody: inBody };
}
export function titleCover(q, doc) {
  var chars = new Set();
  requiredPieces(q).forEach(function (p) { for (var ch of p.text) chars.add(ch); });
  return S.rows.title[doc] ? Math.min(1, chars.size / S.rows.title[doc]) : 0;
}
// engine.query_scores: the query and its alternatives merged, plus the known-item bonus
export function queryScores(q, postings, f) {
  var main = baseScores(q, postings, f), found = [], inBody = main.inBody;
  (q.also || []).forEach(function (a) {
    var alt = baseScores(a, postings, f);
    if (alt.scores.size && !alt.partial) found.push(alt);
  });
  if (found.length && (main.partial || !main.scores.size)) main = { scores: new Map(), partial: false };
  var merged = new Map();
  main.scores.forEach(function (s, d) { merged.set(d, s + (found.length ? S.M.ranking.typed : 0)); });
  found.forEach(function (alt) {
    alt.scores.forEach(function (s, d) {
      if (!main.scores.has(d)) merged.set(d, Math.max(merged.has(d) ? merged.get(d) : 0, s * S.M.ranking.expanded));
    });
    alt.inBody.forEach(function (keys, d) {
      if (!inBody.has(d)) inBody.set(d, new Set());
      keys.forEach(function (k) { inBody.get(d).add(k); });
    });
  });
  (q.known || []).forEach(function (key) {
    var docs = postings[key].head.filter(function (d) { return merged.has(d) && allows(f, d); }).sort(function (a, b) { return a - b; });
    if (!docs.length) return;
    var newest = newestOf(docs);
    docs.forEach(function (d) { merged.set(d, merged.get(d) + (d === newest ? S.M.ranking.known : S.M.ranking.known / 2)); });
  });
  return { scores: merged, partial: main.partial && !found.length, inBody: inBody };
}
export function newestOf(docs) {
  return docs.reduce(function (best, d) { return S.rows.date[d] > S.rows.date[best] ? d : best; }, docs[0]);
}
// engine.cited: the newest library document whose title is the work a citation names
export function cited(q, postings) {
  if (!q.citation) return null;
  var docs = postings[q.citation[0]].head.filter(function (d) { return S.M.library.indexOf(S.rows.section[d]) >= 0; })
    .sort(function (a, b) { return a - b; });
  return docs.length ? newestOf(docs) : null;
}
export function round6(x) { return Math.floor(x * 1e6 + 0.5); }
/* Negative when document a (score sa) is listed before b (score sb): the order of engine.order. */
export function compare(a, sa, b, sb, sort) {
  var ra = round6(sa), rb = round6(sb), da = S.rows.date[a], db = S.rows.date[b];
  if (sort === "date") return db - da || rb - ra || a - b;
  return rb - ra || db - da || a - b;
}
export function order(scores, sort) {
  return Array.from(scores.keys()).sort(function (a, b) { return compare(a, scores.get(a), b, scores.get(b), sort); });
}
export function phraseBonus(inHeading, inBody) {
  return (inHeading ? S.M.ranking.phrase_heading : 0) + (inBody ? S.M.ranking.phrase : 0);
}
