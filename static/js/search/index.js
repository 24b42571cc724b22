/* Loading the static index: every file is gzip JSON (decompressed here unless the server already did),
 * fetched once and shared; the manifest sets up the tables every other module reads (state.js). */
import { S } from "./state.js";

export function gunzip(buffer) {
  var bytes = new Uint8Array(buffer);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(buffer);
  var stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}
export function load(path, binary) {
  if (!S.files[path]) {
    var url = S.base + path + (S.M ? "?v=" + S.M.version : "");
    S.files[path] = fetch(url, S.M ? {} : { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.arrayBuffer();
    }).then(gunzip).then(function (buffer) {
      return binary ? buffer : JSON.parse(new TextDecoder().decode(buffer));
    });
    S.files[path].catch(function () { delete S.files[path]; });
  }
  return S.files[path];
}
export function hex(ch) { return "\\u{" + ch.codePointAt(0).toString(16) + "}"; }
export function setup(manifest) {
  S.M = manifest;
  var cjk = S.M.cjk.map(function (r) { return r[0] === r[1] ? hex(String.fromCodePoint(r[0])) :
    hex(String.fromCodePoint(r[0])) + "-" + hex(String.fromCodePoint(r[1])); }).join("");
  var removed = Array.from(S.M.removed).map(hex).join("");
  S.R.cjk = cjk;
  S.R.run = "([" + cjk + "](?: *[" + cjk + "])*)|((?:(?![" + cjk + "])[\\p{L}\\p{N}])+)";
  S.R.gap = "[\\s" + removed + "]*";
  S.R.zeroWidth = "[" + removed + "]*";
  S.R.sep = "[^\\p{L}\\p{N}]";
  S.R.alnum = "[" + S.M.boundary.map(function (r) { return hex(String.fromCodePoint(r[0])) + "-" + hex(String.fromCodePoint(r[1])); }).join("") + "]";
  S.R.variants = S.M.variants;
}
export function manifest() {
  if (S.M) return Promise.resolve(S.M);
  return load("manifest.json.gz").then(function (m) { setup(m); return m; });
}

export function shardOf(text, count) {
  var h = 0x811c9dc5;
  for (var ch of text) h = Math.imul((h ^ ch.codePointAt(0)) >>> 0, 0x01000193) >>> 0;
  return h % count;
}
export function lexiconFor(terms) {
  var shards = {};
  terms.forEach(function (t) { t.runs.forEach(function (r) {
    if (r[0] === "c") for (var ch of r[1]) shards[shardOf(ch, S.M.shards.lexicon)] = true;
  }); });
  return Promise.all(Object.keys(shards).map(function (k) {
    return load("lex/" + k + ".json.gz").then(function (shard) {
      Object.assign(S.lexWords, shard.w);
      Object.assign(S.lexChars, shard.c);
    });
  }));
}
export function docsTable() {
  if (S.rows) return Promise.resolve(S.rows);
  return load("docs.bin.gz", true).then(function (buffer) {
    var n = S.M.docs, bytes = new Uint8Array(buffer), view = new DataView(buffer), date = [];
    for (var i = 0; i < n; i++) date.push(view.getUint16(n + 2 * i, true));
    S.rows = { n: n, length: bytes.subarray(0, n), date: date, section: bytes.subarray(3 * n, 4 * n),
      level: bytes.subarray(4 * n, 5 * n), fields: bytes.subarray(5 * n, 6 * n), title: bytes.subarray(6 * n, 7 * n) };
    return S.rows;
  });
}
export function postingsFor(keys) {
  var out = {};
  return Promise.all(keys.map(function (key) {
    return load("post/" + shardOf(key, S.M.shards.postings) + ".json.gz").then(function (shard) {
      var own = Object.prototype.hasOwnProperty.call(shard, key);
      var e = own ? shard[key] : [[], [], []], ids = [], head = [], last = 0, k;
      for (k = 0; k < e[0].length; k++) ids.push(last += e[0][k]);
      last = 0;
      for (k = 0; k < e[2].length; k++) head.push(last += e[2][k]);
      out[key] = { ids: ids, tfs: e[1].length ? e[1] : null, head: head };
    });
  })).then(function () { return out; });
}
export function fragments(ids) { return Promise.all(ids.map(function (id) { return load("frag/" + id + ".json.gz"); })); }
export function joined(parts) { return parts.map(function (p) { return p[2]; }).join("\n"); }
