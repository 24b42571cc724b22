/* What the search modules share: the manifest (M), its compiled expressions (R), the documents table,
 * the dictionary shards loaded so far and the files fetched, all set by index.js. */
export const S = { M: null, R: {}, rows: null, lexWords: Object.create(null), lexChars: Object.create(null), files: {}, base: "" };
