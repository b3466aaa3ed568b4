/* The search engine's tables as a later page's worker keeps them on the device, per edition
   (worker.js): packed into typed arrays and strings (`packTables`), and read in place when a
   later page makes its engine from them (`unpackTables` and the Kept* classes), so the engine
   (search-index.js `restore`) reads the same roots and weights as one built from the index. */
"use strict";

/* The tables as `tables()` keeps them. Every root a page, a section or a sentence has is one of
   `df`'s, so a root is its number in `df`'s order; a weight (or a sentence's count of a root)
   is its number in the list of those used (the same doubles, so every score is the same to
   the last bit). Each page's, then each section's weights are one run of `weights`, sorted by
   root; each sentence's counts one run of `sentences` (empty for a sentence no doc has); a
   section's heading roots one run of `heading`. */
function packTables({pages, docs, df, surface, vocabulary, sentences, strings}) {
  const roots = [...df.keys()];
  const rootId = new Map(roots.map((root, i) => [root, i]));
  const wide = list => (roots.length < 65536 ? Uint16Array : Uint32Array).from(list);
  const weights = runs(rootId, wide);
  const heading = [];
  const headingEnds = [];
  const number = new Map(docs.map((doc, i) => [doc, i]));
  const entries = [];
  const kept = [];
  for (const page of pages.values()) {
    const {docs: sections, weights: pageWeights, ...rest} = page;
    kept.push({...rest, sections: sections.length});
    weights.add(pageWeights);
    entries.push(...sections);
  }
  for (const entry of entries) {
    weights.add(entry.weights);
    for (const root of entry.heading) heading.push(rootId.get(root));
    headingEnds.push(heading.length);
  }
  const counts = runs(rootId, wide);
  for (let i = 0; i < strings.length; i++) {
    counts.add(sentences.has(i) ? sentences.get(i).counts : new Map());
  }
  return {
    pages: kept,
    roots: roots.join("\n"),  // a root is one word: never a line break
    df: Uint32Array.from(roots, root => df.get(root)),
    weights: weights.done(),
    sentences: counts.done(),
    read: Uint8Array.from(strings, (_, i) => (sentences.has(i) ? 1 : 0)),
    heading: wide(heading),
    headingEnds: Uint32Array.from(headingEnds),
    docs: Uint32Array.from(entries, entry => number.get(entry.doc)),
    titles: entries.map(entry => entry.title.join(" ")).join("\n"),
    surface: [...surface].map(([root, forms]) => [root, ...forms].join(" ")).join("\n"),
    vocabulary: vocabulary.join("\n"),
  };
}

/* Maps of root -> number, one after the other, as typed arrays: root numbers (sorted in each
   run, KeptWeights finds a root by halving), the number of each value and where runs end. */
function runs(rootId, wide) {
  const values = [];
  const valueId = new Map();
  const ids = [];
  const codes = [];
  const ends = [];
  return {
    add(map) {
      const pairs = [...map].map(([root, value]) => [rootId.get(root), value]);
      pairs.sort((x, y) => x[0] - y[0]);
      for (const [id, value] of pairs) {
        if (!valueId.has(value)) valueId.set(value, values.push(value) - 1);
        ids.push(id);
        codes.push(valueId.get(value));
      }
      ends.push(ids.length);
    },
    done: () => ({ids: wide(ids), values: Float64Array.from(values), ends: Uint32Array.from(ends),
                  codes: (values.length < 256 ? Uint8Array : Uint16Array).from(codes)}),
  };
}

/* `packTables` read back: {pages, df, surface, vocabulary, sentences}, the docs of `docs`. The
   weights of pages and sections (some 110,000) and the sentences' counts are read where they
   are kept (`KeptWeights`): no Map is made for them. */
function unpackTables(tables, docs) {
  const roots = tables.roots.split("\n");
  const rootId = new Map(roots.map((root, i) => [root, i]));
  const weights = {roots, rootId, ...tables.weights};
  const run = (kept, list) => new KeptWeights(kept, list ? kept.ends[list - 1] : 0,
                                              kept.ends[list]);
  const pages = new Map();
  tables.pages.forEach(({sections, ...page}, list) => {
    page.weights = run(weights, list);
    page.docs = sections;  // how many, until they are made below
    pages.set(page.location, page);
  });
  const headings = {roots, rootId, ids: tables.heading, ends: tables.headingEnds};
  const titles = tables.titles.split("\n");
  let number = 0;
  for (const page of pages.values()) {
    const sections = page.docs;
    page.docs = [];
    for (let k = 0; k < sections; k++, number++) {
      page.docs.push(new KeptSection(docs[tables.docs[number]], run(weights, pages.size + number),
                                     new KeptHeading(headings, number), titles[number]));
    }
  }
  const df = new Map();
  roots.forEach((root, i) => df.set(root, tables.df[i]));
  const surface = new KeptSurface();
  for (const line of tables.surface.split("\n")) {
    const space = line.indexOf(" ");
    if (space < 0) surface.set(line, "");
    else surface.set(line.slice(0, space), line.slice(space + 1));
  }
  // what `sentence` reads, for every sentence a doc has: its counts by root
  const counts = {roots, rootId, ...tables.sentences};
  const sentences = new KeptSentences(number => run(counts, number), tables.read);
  return {pages, df, surface, vocabulary: tables.vocabulary.split("\n"), sentences};
}

/* A section as `add` makes it ({doc, weights, heading, title}), its title's words made when
   first read: most sections are never asked about by one query. */
class KeptSection {
  constructor(doc, weights, heading, title) {
    this.doc = doc;
    this.weights = weights;
    this.heading = heading;
    this.titleText = title;
    this.words = null;
  }

  get title() {
    if (this.words === null) this.words = this.titleText ? this.titleText.split(" ") : [];
    return this.words;
  }
}

/* A section's heading roots (`has`), read where they are kept: a run of root numbers. */
class KeptHeading {
  constructor(kept, number) {
    this.kept = kept;
    this.from = number ? kept.ends[number - 1] : 0;
    this.to = kept.ends[number];
  }

  has(root) {
    const id = this.kept.rootId.get(root);
    if (id === undefined) return false;
    for (let i = this.from; i < this.to; i++) if (this.kept.ids[i] === id) return true;
    return false;
  }

  * [Symbol.iterator]() {
    for (let i = this.from; i < this.to; i++) yield this.kept.roots[this.kept.ids[i]];
  }
}

/* The handbook's words by root, each root's words kept as one string until they are asked
   for (`get`), then as the Set `add` makes. */
class KeptSurface extends Map {
  get(root) {
    let forms = super.get(root);
    if (typeof forms === "string") {
      forms = new Set(forms ? forms.split(" ") : []);
      super.set(root, forms);
    }
    return forms;
  }

  * [Symbol.iterator]() {
    for (const root of this.keys()) yield [root, this.get(root)];
  }
}

/* The sentences `sentence` has read ({counts}), those read before it was kept made on demand. */
class KeptSentences extends Map {
  constructor(counts, read) {
    super();
    this.counts = counts;
    this.read = read;
  }

  get(number) {
    let sentence = super.get(number);
    if (!sentence && this.read[number]) {
      sentence = {counts: this.counts(number)};
      this.set(number, sentence);
    }
    return sentence;
  }
}

/* A page's or a section's weights as the engine reads them (`has`, `get`, and in order of
   root), from its run of the kept tables: root numbers in order, found by halving. */
class KeptWeights {
  constructor(kept, from, to) {
    this.kept = kept;
    this.from = from;
    this.to = to;
  }

  at(root) {
    const id = this.kept.rootId.get(root);
    if (id === undefined) return -1;
    const ids = this.kept.ids;
    let low = this.from;
    let high = this.to - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (ids[middle] === id) return middle;
      if (ids[middle] < id) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  has(root) {
    return this.at(root) >= 0;
  }

  get(root) {
    const i = this.at(root);
    return i < 0 ? undefined : this.kept.values[this.kept.codes[i]];
  }

  get size() {
    return this.to - this.from;
  }

  * [Symbol.iterator]() {
    for (let i = this.from; i < this.to; i++) {
      yield [this.kept.roots[this.kept.ids[i]], this.kept.values[this.kept.codes[i]]];
    }
  }
}
