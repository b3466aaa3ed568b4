/* Text as both halves of search read it: normalising, cutting into words, typing slips,
   everyday forms. One file of the worker with sastrawi.js and search-*.js (generator/search.py
   joins them); the Python side (`words`, `normalize`, `_query_words`) follows the same rules
   and tests/test_search_engine.py checks they agree. */
"use strict";

/* One character in, one character out, so positions in the text stay valid. */
function normalizeChar(c) {
  const plain = c.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return plain.length === 1 ? plain : " ";
}

function normalize(text) {
  // Outside ASCII one UTF-16 unit at a time; a surrogate half stays itself, which no word has.
  return text.replace(/[^\x00-\x7f]/g, normalizeChar).toLowerCase();
}

const TOKEN = /[a-z0-9]+(?:-[a-z0-9]+)*/g;

/* The words of a text: [word, start] pairs; a hyphenated word also yields its parts. */
function words(text) {
  const out = [];
  const plain = normalize(text);
  for (const m of plain.matchAll(TOKEN)) {
    if (m[0].length > 1 || /[0-9]/.test(m[0])) out.push([m[0], m.index]);
    if (m[0].includes("-")) {
      let offset = m.index;
      for (const part of m[0].split("-")) {
        if (part.length > 1 || /[0-9]/.test(part)) out.push([part, offset]);
        offset += part.length + 1;
      }
    }
  }
  return out;
}

/* The words of a query: a hyphenated word once, as itself (like `_query_words` in Python). */
function queryWords(text) {
  return [...normalize(text).matchAll(TOKEN)].map(m => m[0])
    .filter(word => word.length > 1 || /[0-9]/.test(word));
}

/* Optimal string alignment distance, stopping early once it exceeds `limit`. */
function withinDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return false;
  let prev2 = null;
  let prev = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prev2[j - 2] + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return false;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] <= limit;
}

/* Everyday forms the stemmer does not know, as the formal words they stand for: "ngancam"
   (mengancam), "nyiksa" (menyiksa), "mukul" (memukul), "nendang" (menendang), "dinikahin"
   (dinikahi, dinikahkan), "ngebentak" (membentak). A word written twice with a 2 ("ciri2")
   is read as the doubled word before this (search-query.js, spelledWords). */
function informalForms(word) {
  const out = [];
  const bases = [word];
  const suffixIn = /^(.{3,})in$/.exec(word);
  if (suffixIn) bases.push(suffixIn[1] + "i", suffixIn[1] + "kan", suffixIn[1]);
  for (const base of bases) {
    if (base !== word) out.push(base);
    for (const [pattern, formal] of [[/^nge([^aiueo].+)$/, "me$1"], [/^nge([^aiueo].+)$/, "$1"],
                                     [/^ng([aiueo].+)$/, "meng$1"], [/^ny([aiueo].+)$/, "meny$1"],
                                     [/^m([aiueo].+)$/, "mem$1"], [/^n([aiueo].+)$/, "men$1"],
                                     // Banjar prefixes: "badamai" (berdamai), "mamukul"
                                     // (memukul), "maurus" (mengurus), "tapukul" (terpukul)
                                     [/^ba(.{3,})$/, "ber$1"], [/^ma(.{3,})$/, "me$1"],
                                     [/^ma([aiueo].{2,})$/, "meng$1"], [/^ta(.{3,})$/, "ter$1"]]) {
      if (pattern.test(base)) out.push(base.replace(pattern, formal));
    }
  }
  return out;
}

/* A JSON object of the index as a Map (absent: empty). */
function entries(object) {
  return new Map(Object.entries(object || {}));
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;",
                                         '"': "&quot;", "'": "&#39;"})[c]);
}
