/* The search engine, last part: a ranked page as the theme's result group (its labels and the
   situation that raised it, the best sections, highlighted words, a snippet). */
"use strict";

const MAX_SECTIONS = 3;

class HandbookSearch extends Ranking {
  render({page, score, matched, reasons}, concepts) {
    const roots = new Set(matched.filter(Boolean).flatMap(alt => alt.roots));
    const terms = Object.create(null);  // words are keys: "constructor" is a word too
    concepts.forEach((concept, i) => {
      if (matched[i]) {
        for (const root of matched[i].roots) {
          // the handbook's words with that root (the theme's "search.highlight", which would
          // carry them to the page's address, is off; the words not found are shown struck)
          for (const word of [...(this.surface.get(root) || [])].slice(0, 3)) terms[word] = true;
        }
      } else {
        terms[concept.label.join(" ")] = false;
      }
    });
    const article = page.docs.find(entry => !entry.doc.location.includes("#")) || page.docs[0];
    const sections = page.docs
      .filter(entry => entry !== article)
      .map(entry => {
        let s = 0;
        for (const root of roots) s += (entry.weights.get(root) || 0) * this.idf(root);
        return {entry, s};
      })
      .filter(x => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .slice(0, MAX_SECTIONS);
    const best = sections.length ? sections[0].s : 1;
    const item = (entry, value, isArticle) => ({
      location: entry.doc.location,
      title: this.highlight(entry.doc.title, roots),
      text: isArticle ? (sections.length ? "" : this.articleText(entry, roots))
                      : this.snippet(entry.doc, roots),
      // the theme writes tags, titles and texts as HTML: everything from the index is escaped
      ...(isArticle && page.labels.length ? {tags: page.labels.map(escapeHTML)} : {}),
      score: value,
      terms,
    });
    // The theme shows the page, then the sections scoring as high as the first one, then
    // "more" for the rest: the best section comes out with its text.
    const first = item(article, score, true);
    if (reasons && reasons.length) {
      // Why this page came up: the situation the query told ("Kekerasan seksual · anak"). A
      // tag, because the theme hides the page's own text when a section is shown under it.
      const reason = `Sesuai situasi: ${[...new Set(reasons)].join("; ")}`;
      first.tags = [escapeHTML(reason), ...(first.tags || [])];
    }
    return [first,
            ...sections.map((x, i) => item(x.entry, i === 0 ? score : score * x.s / best / 2,
                                           false))];
  }

  /* A page found by its keywords says which ones; otherwise the text around the words. */
  articleText({doc, weights}, roots) {
    // the doc's weights lack every root: no sentence of its text has one (not read at all)
    let has = false;
    for (const root of roots) if (weights.has(root)) has = true;
    const hit = has ? this.firstHit(doc, roots) : -1;
    if (hit >= 0) return this.snippet(doc, roots, hit);  // its keywords are not read at all
    const keywords = (doc.tags || []).filter(tag => this.keywordRoots(tag).some(
      root => roots.has(root)));
    if (!keywords.length) return this.snippet(doc, roots, hit);
    const shown = keywords.slice(0, 6).map(keyword => this.highlight(keyword, roots));
    return `<p>Kata kunci: ${shown.join(", ")}</p>`;
  }

  /* The roots of a page keyword's words, read once: the pages of one type share most of
     their keywords, and a page found by them lists them all (some 300 for a first query). */
  keywordRoots(keyword) {
    if (!this.keywordRead) this.keywordRead = new Map();
    let found = this.keywordRead.get(keyword);
    if (!found) {
      found = words(keyword).map(([word]) => this.root(word));
      this.keywordRead.set(keyword, found);
    }
    return found;
  }

  highlight(text, roots) {
    let out = "";
    let last = 0;
    for (const [word, start] of words(text)) {
      if (start < last || !roots.has(this.root(word))) continue;
      out += escapeHTML(text.slice(last, start)) + "<mark>" +
             escapeHTML(text.slice(start, start + word.length)) + "</mark>";
      last = start + word.length;
    }
    return out + escapeHTML(text.slice(last));
  }

  /* About two lines of the text around its first match (`hit`, when already found). */
  snippet(doc, roots, hit = undefined) {
    const text = this.textOf(doc);
    if (!text) return "";
    if (hit === undefined) hit = this.firstHit(doc, roots);
    let start = hit >= 0 ? Math.max(0, hit - 60) : 0;
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    let end = Math.min(text.length, start + 220);
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end)
                                                                     : end;
    const body = this.highlight(text.slice(start, end), roots);
    return `<p>${start > 0 ? "… " : ""}${body}${end < text.length ? " …" : ""}</p>`;
  }

  /* The position of the first word of a doc's text with one of the roots, or -1: read
     sentence by sentence (each read once for every query), stopping at the first. */
  firstHit(doc, roots) {
    let offset = 0;
    for (const number of doc.text) {
      const sentence = this.strings[number];
      const {counts} = this.sentence(number);
      for (const root of roots) {
        if (!counts.has(root)) continue;
        const hit = words(sentence).find(([word]) => roots.has(this.root(word)));
        if (hit) return offset + hit[1];
      }
      offset += sentence.length + 1;
    }
    return -1;
  }

  textOf(doc) {
    return doc.text.map(number => this.strings[number]).join(" ");
  }
}

if (typeof module !== "undefined") {
  module.exports = {HandbookSearch, words, normalize, withinDistance};
}
