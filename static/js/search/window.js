/* The page of results of the frozen search (service._window and _with_phrases() in Python): each result's
 * text is read for the query's runs, whose bonus settles the page's order, and gives the snippet's chunk.
 * A result that no other can overtake any more is handed over at once (progress), before the chunks the
 * others still need have arrived: a phone shows its first results one or two round trips sooner. */
import { S } from "./state.js";
import { fragments, joined, load } from "./index.js";
import { keysOf } from "./analysis.js";
import { compare, order, phraseBonus } from "./engine.js";
import { spans } from "./patterns.js";

/* Read a result's chunks in order until every multi-piece run of the query is settled (found, or not
   looked for further: unquoted runs only in the first phrase_chunks) and a chunk to show is known: the
   first with a run, else the first with a match (excerpt() in patterns.py, _with_phrases() in service.py). */
function examine(id, frag, patterns, pieces, keys, early) {
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
  var limit = S.M.snippet.phrase_chunks;
  function done() {
    if (k >= frag.n) return true;
    var settled = inBody.every(function (found, i) { return found || !possible[i] || (!phrases[i].term.quoted && k >= limit); });
    return settled && (byPhrase !== null || byMatch !== null || !matchable);
  }
  // the bonus found so far, and the most the chunks still to read can add
  function bounds() {
    var low = 0, more = 0;
    phrases.forEach(function (ph, i) {
      low += phraseBonus(inHeading[i], inBody[i]);
      if (!inBody[i] && possible[i] && k < frag.n && (ph.term.quoted || k < limit)) more += S.M.ranking.phrase;
    });
    return { low: low, high: low + more };
  }
  var reported = false;
  function next() {
    if (!reported && (k >= 1 || done())) { reported = true; early(bounds()); }
    if (done()) {
      var out = { ok: true, bonus: 0, frag: frag };
      phrases.forEach(function (ph, i) {
        if (ph.term.quoted && !inHeading[i] && !inBody[i]) out.ok = false;
        out.bonus += phraseBonus(inHeading[i], inBody[i]);
      });
      out.view = byPhrase || byMatch || { parts: frag.p, found: [], text: joined(frag.p) };
      return Promise.resolve(out);
    }
    // the chunks a settled answer may still need are fetched together, not one after another
    if (k === 1) for (var j = 2; j < Math.min(frag.n, limit); j++) load("frag/" + id + "-" + j + ".json.gz");
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

/* The results of page params.page: {total, exact, shown: [{frag, view, ok, bonus}]}; a quoted run's results
   are read in batches until the page is full of texts that contain it. Unquoted, progress(outcome) gets the
   first results, sure of their places, while the others are still being read. */
export function resultWindow(parsed, patterns, scored, params, pinned, pageSize, progress) {
  var scores = new Map(scored.scores), seen = {}, pieces = [];
  var ids = order(scores, params.sort).filter(function (d) { return d !== pinned; }), extra = pinned === null ? 0 : 1;
  var terms = parsed.terms.slice();
  parsed.also.forEach(function (a) { terms = terms.concat(a.terms); });
  terms.forEach(function (t) { t.pieces.forEach(function (p) { if (p.required) pieces.push(p); }); });
  var start = Math.max(0, (params.page - 1) * pageSize - extra), stop = params.page * pageSize - extra;
  var quoted = parsed.terms.some(function (t) { return t.quoted; }) && patterns.phrases.length > 0;
  function judge(batch) {
    return fragments(batch).then(function (list) {
      return Promise.all(list.map(function (frag, i) {
        return examine(batch[i], frag, patterns, pieces, scored.inBody.get(batch[i]) || new Set(), function () {});
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
    var shown = ids.slice(start, stop), base = new Map(scores), high = new Map(), final = new Map(), sent = 0;
    var most = patterns.phrases.length * (S.M.ranking.phrase_heading + S.M.ranking.phrase);
    shown.forEach(function (id) { high.set(id, base.get(id) + most); });
    // the results read to the end, in order, as long as none still being read could come before them
    function settle() {
      var open = shown.filter(function (id) { return !final.has(id); });
      var sure = [];
      order(final, params.sort).every(function (d) {
        var ahead = open.every(function (o) { return compare(d, final.get(d), o, high.get(o), params.sort) < 0; });
        if (ahead) sure.push(d);
        return ahead;
      });
      if (sure.length > sent && open.length) {
        sent = sure.length;
        progress({ total: ids.length + extra, exact: true, shown: sure.map(function (id) { return seen[id]; }) });
      }
    }
    fragments(shown).catch(function () {});  // every first chunk asked for at once, in order
    return Promise.all(shown.map(function (id) {
      function early(b) { high.set(id, base.get(id) + b.high); settle(); }
      return load("frag/" + id + ".json.gz").then(function (frag) {  // each result read as its own arrives
        return examine(id, frag, patterns, pieces, scored.inBody.get(id) || new Set(), early);
      }).then(function (out) {
        seen[id] = out;
        scores.set(id, base.get(id) + out.bonus);
        final.set(id, scores.get(id));
        high.set(id, scores.get(id));
        settle();
      });
    })).then(function () { return finish(shown, ids.length + extra, true); });
  }
  var kept = [], checked = 0;
  function step() {
    if (kept.length >= stop || checked >= ids.length) {
      var all = checked >= ids.length;
      return Promise.resolve(finish(kept.slice(start, stop), (all ? kept.length : ids.length - (checked - kept.length)) + extra, all));
    }
    var batch = ids.slice(checked, checked + pageSize);
    checked += batch.length;
    return judge(batch).then(function (ok) { kept = kept.concat(ok); return step(); });
  }
  return step();
}
