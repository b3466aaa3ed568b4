/* The handbook's search engine, first part: what it reads from the index. The engine runs as the
   theme's search worker (same messages as Material's: SETUP -> READY, QUERY -> RESULT, see
   worker.js), so the theme's search box and result list stay as they are. Everything it knows
   comes with the index (`config.handbook`, written by generator/search.py): the roots of the
   handbook's words, the stemmer's dictionary, the glossary's synonyms, stop words and what
   each page is.

   The engine is one class built in four files, each adding what its name says, in this order
   (generator/search.py joins them into the one worker script):
   - search-index.js (`SearchIndex`): each page's roots and their weights by field (page title,
     keywords, headings, text), how many pages have each root, the handbook's words;
   - search-query.js (`QueryReader`): a query as ideas, each with the roots that answer it;
   - search-rank.js (`Ranking`): pages scored by those ideas, situations and first things first
     (situations.js) on top;
   - search-results.js (`HandbookSearch`): what the theme shows, labels, highlights, snippets. */
"use strict";

const FIELD = {pageTitle: 3, tags: 2.5, heading: 1.8, keywordWord: 1.6, text: 1};
/* Repetition in the text helps a little, never as much as a heading or a keyword. */
function textWeight(count) {
  return Math.min(FIELD.heading - 0.1, FIELD.text * (1 + 0.25 * Math.log(count)));
}
const TEXT_WEIGHTS = Array.from({length: 64}, (_, count) => textWeight(Math.max(count, 1)));
function textWeightOf(count) {
  return count < TEXT_WEIGHTS.length ? TEXT_WEIGHTS[count] : textWeight(count);
}

class SearchIndex {
  /* `tables`: what `tables()` returned for this same index (kept on the device), instead of
     reading every doc again. */
  constructor(index, tables = null) {
    const meta = index.config.handbook;
    // Maps, never plain objects: a typed word such as "constructor" or "__proto__" must not
    // find what every JavaScript object has.
    this.roots = entries(meta.roots);
    this.fixes = entries(meta.fixes);  // Sastrawi's slips, corrected (search.py ROOT_FIXES)
    this.stopwords = new Set(meta.stopwords);
    this.spellings = entries(meta.spellings);
    this.definition = {words: new Set(meta.definition.words), page: meta.definition.page,
                       openings: meta.definition.openings || [],
                       closings: meta.definition.closings || [],
                       notBefore: new Set(meta.definition.not_before || [])};
    // words that ask for the law: the sources page, and no head start for first contact
    this.sourceCues = (meta.sources || []).map(cue => cue.split(" "));
    this.whatToDoCues = (meta.what_to_do || []).map(cue => cue.split(" "));
    // words that ask for a number or an address: the emergency and services pages
    this.contactCues = (meta.contact || []).map(cue => cue.split(" "));
    this.numberCues = (meta.number || []).map(cue => cue.split(" "));
    this.callCues = (meta.call || []).map(cue => cue.split(" "));
    this.stemmer = new SastrawiStemmer(meta.dictionary);
    this.strings = meta.strings;        // sentences; a doc's text is a list of their numbers
    this.sentences = new Map();  // sentence number -> {counts: root -> n, forms: root -> words}
    this.docs = index.docs;
    this.idfs = new Map();  // root -> idf, once the pages and `df` are made
    if (tables) {
      this.restore(tables);
    } else {
      this.pages = new Map();     // page location -> page
      this.surface = new Map();   // root -> words of the handbook with that root
      this.df = new Map();        // root -> number of pages that have it
      const pageMeta = entries(meta.pages);
      for (const doc of index.docs) this.add(doc, pageMeta);
      for (const page of this.pages.values()) {
        for (const [root, count] of page.textCounts) {
          page.weights.set(root, Math.max(page.weights.get(root) || 0, textWeightOf(count)));
        }
        delete page.textCounts;
        for (const root of page.weights.keys()) this.df.set(root, (this.df.get(root) || 0) + 1);
      }
      this.vocabulary = [...new Set([...this.surface.keys(), ...[...this.surface.values()]
        .flatMap(set => [...set])])];
    }
    // Situations: each cue a list of roots, all of which a query must have.
    this.situations = readSituations(meta.situations);
    this.denials = (meta.denials || []).map(denial => denial.split(" "));  // "tidak boleh" ...
    this.typeKeywords = entries(meta.type_keywords || {});  // type -> its keywords, typed words
    this.typesFirst = meta.types_first || [];  // of several told types, the one to act on first
    // The decision guide, offered first for a situation, when this edition has it.
    this.guide = (meta.guide || []).find(location => this.pages.has(location)) || null;
    this.phrases = new Map();   // first root -> [{roots, group, isName}]
    this.groups = meta.synonyms.map((group, number) => {
      const split = list => list.map(phrase => phrase.split(" "));
      for (const [list, isName] of [[group.names, true], [group.synonyms, false]]) {
        for (const roots of split(list)) {
          if (!this.phrases.has(roots[0])) this.phrases.set(roots[0], []);
          this.phrases.get(roots[0]).push({roots, group: number, isName});
        }
      }
      return {names: split(group.names), synonyms: split(group.synonyms)};
    });
  }

  /* What reading the docs built, in the form IndexedDB keeps (web/worker.js): a few typed
     arrays and strings instead of some 120,000 Map entries, which IndexedDB's structured clone
     would write and read back one by one (most of a later page's wait on a slow phone).
     `restore` gives every table the engine reads the same contents: Maps and Sets again, but
     the weights of pages and sections and the counts of sentences read where they are kept
     (`KeptWeights`). */
  tables() {
    return packTables(this);
  }

  restore(tables) {
    Object.assign(this, unpackTables(tables, this.docs));
  }

  /* The root of any word: the build's for a word of the handbook, the stemmer's otherwise. */
  root(word) {
    if (this.roots.has(word)) return this.roots.get(word);
    if (this.fixes.has(word)) return this.fixes.get(word);
    if (this.surface.has(word)) return word;
    return this.stemmer.stem(word);
  }

  /* The root of a word of the index: the build lists every word whose root differs. */
  indexRoot(word) {
    return this.roots.has(word) ? this.roots.get(word) : word;
  }

  /* A sentence of the text read once, however many docs share it: how often each root comes
     and the words that have it (in order). Every word also joins the handbook's words. */
  sentence(number) {
    let read = this.sentences.get(number);
    if (!read) {
      read = {counts: new Map(), forms: new Map()};
      for (const [word] of words(this.strings[number])) {
        const root = this.indexRoot(word);
        read.counts.set(root, (read.counts.get(root) || 0) + 1);
        const forms = read.forms.get(root);
        if (!forms) read.forms.set(root, [word]);
        else if (!forms.includes(word)) forms.push(word);
        this.addSurface(root, word);
      }
      this.sentences.set(number, read);
    }
    return read;
  }

  addSurface(root, word) {
    const forms = this.surface.get(root);
    if (forms) forms.add(word);
    else this.surface.set(root, new Set([word]));
  }

  /* How often each root comes in a doc's text, read sentence by sentence. */
  textRoots(numbers) {
    const total = new Map();
    for (const number of numbers) {
      for (const [root, count] of this.sentence(number).counts) {
        total.set(root, (total.get(root) || 0) + count);
      }
    }
    return total;
  }

  add(doc, pageMeta) {
    const [location] = doc.location.split("#");
    let page = this.pages.get(location);
    if (!page) {
      const info = pageMeta.get(location) || {};
      page = {location, title: "", labels: info.labels || [], prior: info.prior || 1,
              type: info.type || null, stage: info.stage || null, first: Boolean(info.first),
              notApplicable: Boolean(info.na), sources: Boolean(info.sources),
              contacts: Boolean(info.contacts), reference: Boolean(info.reference),
              source: info.source || null,  // its address, named by a situation: "privasi"
              docs: [], weights: new Map(), textCounts: new Map(), keywords: []};
      this.pages.set(location, page);
    }
    const entry = {doc, weights: new Map(), heading: new Set(),
                   title: [...new Set(queryWords(doc.title.replace(/\(.*?\)/g, ""))
                     .filter(w => !this.stopwords.has(w)))]};
    const isArticle = !doc.location.includes("#");
    if (isArticle) page.title = doc.title;
    // A keyword of one word counts fully; a word of a longer keyword ("dipukul guru") less,
    // and the whole keyword typed as such gets its own bonus (`keywordBonus`).
    const single = [];
    const longer = [];
    for (const tag of doc.tags || []) {
      if (queryWords(tag).length === 1) single.push(tag);
      else {
        longer.push(tag);
        const key = queryWords(tag).filter(w => !this.stopwords.has(w))
          .map(w => this.indexRoot(w)).join(" ");
        if (key && !page.keywords.includes(key)) page.keywords.push(key);
      }
    }
    const fields = [[doc.title, isArticle ? FIELD.pageTitle : FIELD.heading],
                    [single.join(" \n "), FIELD.tags],
                    [longer.join(" \n "), FIELD.keywordWord],
                    [doc.text, FIELD.text]];
    for (const [text, weight] of fields) {
      if (weight === FIELD.text) {
        for (const [root, count] of this.textRoots(text)) {
          const value = textWeightOf(count);
          if (!(entry.weights.get(root) >= value)) entry.weights.set(root, value);
          page.textCounts.set(root, (page.textCounts.get(root) || 0) + count);
        }
        continue;
      }
      for (const [word] of words(text)) {
        const root = this.indexRoot(word);
        if (weight === FIELD.heading || weight === FIELD.pageTitle) entry.heading.add(root);
        this.addSurface(root, word);
        if (!(entry.weights.get(root) >= weight)) entry.weights.set(root, weight);
        if (!(page.weights.get(root) >= weight)) page.weights.set(root, weight);
      }
    }
    page.docs.push(entry);
  }

  idf(root) {
    // read some 3,000 times a query for a few dozen roots: each worked out once
    let value = this.idfs.get(root);
    if (value === undefined) {
      const n = this.pages.size;
      const df = this.df.get(root) || 0;
      // Never zero: "pendampingan" in a page title still says something, on every page.
      value = Math.log(1 + n / Math.max(df, 1));
      this.idfs.set(root, value);
    }
    return value;
  }
}

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
