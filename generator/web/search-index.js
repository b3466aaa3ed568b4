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
   - search-results.js (`HandbookSearch`): what the theme shows, labels, highlights, snippets.
   The tables a later page keeps on the device are packed and read in place by
   search-tables.js (`packTables`, `unpackTables`). */
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
    // words that may stand between a phrase's words ("sering"): search_vocabulary.PHRASE_GAPS
    this.phraseGaps = new Set(meta.phrase_gaps || []);
    this.spellings = entries(meta.spellings);
    this.definition = {words: new Set(meta.definition.words), page: meta.definition.page,
                       openings: meta.definition.openings || [],
                       closings: meta.definition.closings || [],
                       purposes: meta.definition.purposes || [],
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
