/* The handbook's search engine, run as the theme's search worker (same messages as
   Material's: SETUP -> READY, QUERY -> RESULT), so the theme's search box and result list stay
   as they are. Everything it knows comes with the index (`config.handbook`, written by
   generator/search.py): the roots of the handbook's words, the stemmer's dictionary, the
   glossary's synonyms, stop words and what each page is.

   How a query is read:
   1. words are normalised like the index (lower case, accents off), everyday spellings read as
      the formal words (protocols/language.yml: "ga", "ortu", "kotim") and stop words dropped;
   2. each word becomes its root (the build's roots for words of the handbook, the same Sastrawi
      stemmer for the others, informal forms such as "ngancam" read as formal ones), so
      "memperkosa" meets "pemerkosaan";
   3. a phrase of the glossary ("dipukul suami", "TPPO", "rumah aman") also matches the other
      names of the same term;
   4. a word the handbook does not have is matched to a handbook word one typing slip away
      (missing, extra, wrong or swapped letter), and the word being typed to words it begins;
   5. pages score by where each idea appears (page title, keywords, headings, text), how rare
      it is, and how many of the query's ideas the page covers. */
"use strict";

const FIELD = {pageTitle: 3, tags: 2.5, heading: 1.8, keywordWord: 1.6, text: 1};
// A glossary name stands for its term; a synonym for its term better than for another synonym.
const ALT = {exact: 1, informal: 0.95, name: 0.8, synonym: 0.6, sibling: 0.35, fuzzy: 0.7,
             prefix: 0.6};
const HEADING_BONUS = 1.6;  // a section whose heading says most of what is asked: "SAPA 129"
const EXACT_HEADING_BONUS = 3;
const MEANING_BONUS = 3;  // "... artinya": the glossary
const TOGETHER = 0.5;  // weight of the best single section beside the whole page
const MAX_PAGES = 30;
// Shorter words have too many real neighbours: "sawit" is one letter from "sakit".
const FUZZY_MIN = 6;
const MAX_SECTIONS = 3;
const STAGE_SPREAD = 3;  // that many protocols of one stage, each of another type, lead
/* Repetition in the text helps a little, never as much as a heading or a keyword. */
function textWeight(count) {
  return Math.min(FIELD.heading - 0.1, FIELD.text * (1 + 0.25 * Math.log(count)));
}
const TEXT_WEIGHTS = Array.from({length: 64}, (_, count) => textWeight(Math.max(count, 1)));
function textWeightOf(count) {
  return count < TEXT_WEIGHTS.length ? TEXT_WEIGHTS[count] : textWeight(count);
}

class HandbookSearch {
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
                       openings: meta.definition.openings || []};
    this.stemmer = new SastrawiStemmer(meta.dictionary);
    this.strings = meta.strings;        // sentences; a doc's text is a list of their numbers
    this.sentences = new Map();  // sentence number -> {counts: root -> n, forms: root -> words}
    this.docs = index.docs;
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

  /* What reading the docs built, as the structured clone IndexedDB keeps (web/worker.js):
     Maps and Sets as they are, each section's doc as its number in the index. */
  tables() {
    const number = new Map(this.docs.map((doc, i) => [doc, i]));
    const pages = [...this.pages.values()].map(page => ({
      ...page, docs: page.docs.map(entry => ({...entry, doc: number.get(entry.doc)}))}));
    return {pages, surface: this.surface, df: this.df, vocabulary: this.vocabulary};
  }

  restore(tables) {
    this.pages = new Map();
    for (const page of tables.pages) {
      for (const entry of page.docs) entry.doc = this.docs[entry.doc];
      this.pages.set(page.location, page);
    }
    this.surface = tables.surface;
    this.df = tables.df;
    this.vocabulary = tables.vocabulary;
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

  /* The root of a typed word, reading everyday forms as formal ones when that finds a root
     the handbook has. */
  queryRoot(word) {
    const root = this.root(word);
    if (this.df.has(root) || this.phrases.has(root)) return {root, weight: ALT.exact};
    // Of the formal readings the handbook has, the one keeping most of the word: "ngemis" is
    // mengemis (emis), not memis (mem); "ngelapor" is melapor (lapor).
    let formal = null;
    for (const form of informalForms(word)) {
      const candidate = this.root(form);
      if (this.df.has(candidate) && (!formal || candidate.length > formal.length)) {
        formal = candidate;
      }
    }
    if (formal) return {root: formal, weight: ALT.informal};
    // A slip of the thumb: the handbook's most used word one edit away stands for the word;
    // every root one slip away is kept as an alternative.
    if (word.length >= FUZZY_MIN) {
      const near = [...new Set(this.vocabulary.filter(c => withinDistance(word, c, 1))
        .map(c => this.root(c)))];
      if (near.length) {
        const df = r => this.df.get(r) || 0;
        near.sort((a, b) => df(b) - df(a) || (a < b ? -1 : 1));
        return {root: near[0], weight: ALT.fuzzy, near};
      }
    }
    return {root, weight: ALT.exact};
  }

  add(doc, pageMeta) {
    const [location] = doc.location.split("#");
    let page = this.pages.get(location);
    if (!page) {
      const info = pageMeta.get(location) || {};
      page = {location, title: "", labels: info.labels || [], prior: info.prior || 1,
              type: info.type || null, stage: info.stage || null, first: Boolean(info.first),
              notApplicable: Boolean(info.na),
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
    const n = this.pages.size;
    const df = this.df.get(root) || 0;
    // Never zero: "pendampingan" in a page title still says something, on every page.
    return Math.log(1 + n / Math.max(df, 1));
  }

  /* The query's ideas: each a label (what was typed) and alternatives (lists of roots). */
  concepts(query) {
    let items = [];
    for (const typed of this.joinPrefixes(queryWords(query))) {
      const spelled = this.spelling(typed);  // "ga" -> "tidak", "ortunya" -> "orang tua"
      if (!spelled) items.push({word: typed});
      else if (!spelled.includes(" ") && this.df.has(this.root(typed))) {
        items.push({word: spelled, also: this.root(typed)});  // "balik": kembali, and balik
      } else {
        for (const word of spelled.split(" ")) items.push({word});
      }
    }
    // every word counts for situations, stop words too: "tidak dinafkahi", "baru saja"
    const everyRoot = new Set();
    for (const item of items) {
      everyRoot.add(this.root(item.word));
      if (item.also) everyRoot.add(item.also);
    }
    // "delik aduan artinya": the question is what it means, the glossary answers it
    const opening = ` ${queryWords(query).join(" ")} `;
    const asksMeaning = items.some(item => this.definition.words.has(item.word)) ||
      this.definition.openings.some(words => opening.startsWith(` ${words} `));
    if (asksMeaning) items = items.filter(item => !this.definition.words.has(item.word));
    const content = items.filter(item => !this.stopwords.has(item.word));
    if (content.length) items = content;
    const open = !/\s$/.test(query);  // the last word may still be being typed
    const resolved = items.map(item => this.queryRoot(item.word));
    const roots = resolved.map(r => r.root);
    const concepts = [];
    for (let i = 0; i < items.length;) {
      const match = this.longestPhrase(roots, i);
      if (match) {
        const quality = Math.min(...resolved.slice(i, i + match.roots.length).map(r => r.weight));
        const alternatives = [{roots: match.roots, weight: quality}];
        for (const {group, isName} of match.groups) {
          const {names, synonyms} = this.groups[group];
          for (const phrase of names) alternatives.push({roots: phrase, weight: ALT.name});
          for (const phrase of synonyms) {
            alternatives.push({roots: phrase, weight: isName ? ALT.synonym : ALT.sibling});
          }
        }
        concepts.push({label: items.slice(i, i + match.roots.length).map(x => x.word),
                       alternatives});
        i += match.roots.length;
        continue;
      }
      const last = i === items.length - 1 && open;
      const alternatives = this.alternatives(items[i].word, resolved[i], last);
      if (items[i].also) alternatives.push({roots: [items[i].also], weight: ALT.exact});
      concepts.push({label: [items[i].word], alternatives});
      i += 1;
    }
    for (const r of resolved) everyRoot.add(r.root);
    concepts.roots = roots;
    concepts.everyRoot = everyRoot;
    concepts.asksMeaning = asksMeaning;
    concepts.typed = [...new Set(items.map(item => item.word))];
    return concepts;
  }

  /* "di bully", "di perkosa": the prefix typed apart, read as one word when the word alone
     is not the handbook's and the joined one is ("dibully", a name of Perundungan). */
  joinPrefixes(typed) {
    const known = word => this.df.has(this.root(word)) || this.phrases.has(this.root(word));
    const out = [];
    for (let i = 0; i < typed.length; i++) {
      const next = typed[i + 1];
      if (typed[i] === "di" && next && !known(next) && known(`di${next}`)) {
        out.push(`di${next}`);
        i += 1;
      } else {
        out.push(typed[i]);
      }
    }
    return out;
  }

  longestPhrase(roots, i) {
    let best = null;
    for (const candidate of this.phrases.get(roots[i]) || []) {
      const n = candidate.roots.length;
      if (candidate.roots.every((root, k) => roots[i + k] === root)) {
        if (!best || n > best.roots.length) best = {roots: candidate.roots, groups: []};
        if (n === best.roots.length) best.groups.push(candidate);
      }
    }
    return best;
  }

  alternatives(word, {root, weight, near = []}, last) {
    const known = this.df.has(root);
    const out = [{roots: [root], weight},
                 ...near.map(other => ({roots: [other], weight: ALT.fuzzy}))];
    if (last && word.length >= 3 && (!known || weight !== ALT.exact)) {
      for (const candidate of this.vocabulary) {
        if (candidate.startsWith(word)) {
          out.push({roots: [this.root(candidate)], weight: ALT.prefix});
        }
      }
    }
    const unique = new Map();
    for (const alt of out) {
      const key = alt.roots.join(" ");
      if (!unique.has(key) || unique.get(key).weight < alt.weight) unique.set(key, alt);
    }
    return [...unique.values()].filter(alt => alt.roots.every(r => this.df.has(r)) ||
                                              alt === out[0]);
  }

  /* How well a page, or one section (`docs` = [it]), answers one idea: its best alternative
     and that alternative's score. One word may stand anywhere; the words of a phrase must
     share a section, and a phrase in several sections counts a little more. */
  matchConcept(weights, docs, concept) {
    let best = 0;
    let which = null;
    for (const alt of concept.alternatives) {
      if (!alt.roots.every(root => weights.has(root))) continue;
      let score;
      if (alt.roots.length === 1) {
        score = weights.get(alt.roots[0]) * this.idf(alt.roots[0]);
      } else {
        // the words of a phrase apart on the page count, but less than together
        let loose = 0;
        for (const root of alt.roots) loose += weights.get(root) * this.idf(root);
        let top = 0;
        let sections = 0;
        for (const entry of docs) {
          if (!alt.roots.every(root => entry.weights.has(root))) continue;
          let total = 0;
          for (const root of alt.roots) total += entry.weights.get(root) * this.idf(root);
          top = Math.max(top, total / alt.roots.length);
          sections += 1;
        }
        score = Math.max(top * 1.2 * (1 + 0.25 * Math.log(Math.max(sections, 1))),
                         0.6 * loose / alt.roots.length);
      }
      score *= alt.weight;
      if (score > best) [best, which] = [score, alt];
    }
    return [best, which];
  }

  /* Score, share of the query covered (rare words count more) and the alternatives used. */
  answer(weights, docs, concepts, totalWeight, explained = null) {
    let score = 0;
    let coveredWeight = 0;
    const matched = [];
    for (const concept of concepts) {
      const [best, which] = this.matchConcept(weights, docs, concept);
      if (best > 0) {
        score += best;
        // a term's other names cover an idea; a merely related word half covers it
        coveredWeight += concept.weight * Math.min(1, which.weight / ALT.synonym);
      } else if (explained && concept.alternatives[0].roots.every(r => explained.has(r))) {
        // a word of the situation's cue ("paman" in "hamil paman") is understood by a page
        // of the type the situation points to, even if the page does not say it
        coveredWeight += concept.weight * EXPLAINED;
        score += concept.weight * EXPLAINED_TEXT;  // as if its text said it once
      }
      matched.push(which);
    }
    return {score, coverage: totalWeight ? coveredWeight / totalWeight : 0, matched};
  }

  search(query) {
    const concepts = this.concepts(query);
    if (!concepts.length) return {items: []};
    for (const concept of concepts) {
      // how much the idea weighs: as rare as its word; nothing if the handbook lacks it
      const found = concept.alternatives.some(alt => alt.roots.every(r => this.df.has(r)));
      concept.weight = found
        ? Math.max(...concept.alternatives[0].roots.map(root => this.idf(root))) : 0;
    }
    const totalWeight = concepts.reduce((sum, concept) => sum + concept.weight, 0);
    const typed = ` ${concepts.roots.join(" ")} `;
    const situation = matchSituations(this.situations, concepts.everyRoot);
    const results = [];
    for (const page of this.pages.values()) {
      const ofType = page.type !== null && situation.types.has(page.type);
      // "apa itu ...", "... artinya": a question about words, not a case to act on first
      const [factor, reasons] = firstThings(page, situation, !concepts.asksMeaning);
      const words = this.pageScore(page, concepts, totalWeight, typed, null);
      if (!words.score && !ofType) continue;
      // a page of the situation's type understands the words of its cue ("paman" in
      // "hamil paman") even where it does not say them
      const told = ofType ? this.pageScore(page, concepts, totalWeight, typed, situation.explained)
                          : words;
      // a page of that type with none of the words comes after every page that has them:
      // "ditusuk" is not in the handbook, but it is physical violence
      const score = told.score ? told.score * factor : SITUATION_ONLY * factor;
      // the rank the page would have if no situation were told
      const plain = words.score * firstThings(page, NO_SITUATION, !concepts.asksMeaning)[0];
      results.push({page, score, plain, matched: told.matched, reasons});
    }
    // Never hiding what the words find: every page in the first MAX_PAGES without situations
    // stays in the list, beside the first MAX_PAGES once situations have ranked them.
    const order = (key) => (a, b) => b[key] - a[key] ||
                                      (a.page.location < b.page.location ? -1 : 1);
    const kept = new Set(results.filter(r => r.plain).sort(order("plain")).slice(0, MAX_PAGES));
    results.sort(order("score"));
    this.stageOverTypes(results, situation);
    results.slice(0, MAX_PAGES).forEach(r => kept.add(r));
    const items = results.filter(r => kept.has(r)).map(r => this.render(r, concepts));
    if (this.guide && readsLikeSituation(situation, concepts)) {
      return {items: [guideOffer(this.guide, this.pages.get(this.guide), situation),
                      ...items.filter(group => group[0].location !== this.guide)]};
    }
    return {items};
  }

  /* The first answers are one stage's protocols for several types, and nothing in the query
     names a type: the question is about the stage, whose own page answers it for every type
     ("dokumen yang dibawa waktu lapor", "korban boleh tinggal di shelter berapa lama"). */
  stageOverTypes(results, situation) {
    if (situation.types.size || results.length < STAGE_SPREAD) return;
    const top = results.slice(0, STAGE_SPREAD).map(r => r.page);
    const stage = top[0].stage;
    if (!stage || top.some(page => !page.type || page.stage !== stage)) return;
    if (new Set(top.map(page => page.type)).size < STAGE_SPREAD) return;
    const own = results.find(r => r.page.stage === stage && !r.page.type);
    if (!own) return;
    own.score = results[0].score * 1.01;
    results.sort((a, b) => b.score - a.score ||
                           (a.page.location < b.page.location ? -1 : 1));
  }

  /* A page's score by the words of the query (and, with `explained`, a situation's cue). */
  pageScore(page, concepts, totalWeight, typed, explained) {
    const whole = this.answer(page.weights, page.docs, concepts, totalWeight, explained);
    if (!whole.score) return {score: 0, matched: whole.matched};
    whole.score += this.keywordBonus(page, typed);
    // The ideas of the query together in one step or section say more than spread out.
    let together = 0;
    for (const entry of page.docs) {
      const part = this.answer(entry.weights, [entry], concepts, totalWeight, explained);
      together = Math.max(together, part.score * part.coverage ** 2);
    }
    // Missing a rare word of the query costs more than missing a common one.
    let score = page.prior * (whole.score * whole.coverage ** 2 + TOGETHER * together);
    if (page.docs.some(entry => this.headingIs(entry, concepts))) {
      score *= EXACT_HEADING_BONUS;  // the query is a section's name: "LPSK", "Visum"
    } else if (page.docs.some(entry => this.headingShare(entry, concepts) >= 0.6 * totalWeight)) {
      score *= HEADING_BONUS;
    }
    if (concepts.asksMeaning && page.location === this.definition.page) score *= MEANING_BONUS;
    return {score, matched: whole.matched};
  }

  /* The formal words of an everyday spelling, also with -nya, -ku, -mu, -lah after it. */
  spelling(typed) {
    if (this.spellings.has(typed)) return this.spellings.get(typed);
    const suffixed = /^(.+?)(nya|ku|mu|lah)$/.exec(typed);
    return suffixed && this.spellings.has(suffixed[1]) ? this.spellings.get(suffixed[1]) : null;
  }

  /* A page keyword of several words typed as it stands ("paspor ditahan"). */
  keywordBonus(page, typed) {
    let bonus = 0;
    for (const keyword of page.keywords) {
      if (!typed.includes(` ${keyword} `)) continue;
      for (const root of keyword.split(" ")) bonus += FIELD.tags * this.idf(root) / 2;
    }
    return bonus;
  }

  /* The section's heading is what was typed, word for word: "LPSK", "visum", "SAPA 129".
     Compared as typed, not by root: "diperkosa" describes a case, "perkosaan" names the term. */
  headingIs(entry, concepts) {
    return concepts.typed.length > 0 && entry.title.length === concepts.typed.length &&
           concepts.typed.every(word => entry.title.includes(word));
  }

  /* How much of the query a section's heading says on its own ("SAPA 129"). */
  headingShare(entry, concepts) {
    let share = 0;
    for (const concept of concepts) {
      if (concept.alternatives.some(alt => alt.weight >= ALT.name &&
                                           alt.roots.every(root => entry.heading.has(root)))) {
        share += concept.weight;
      }
    }
    return share;
  }

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
      text: isArticle ? (sections.length ? "" : this.articleText(entry.doc, roots))
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
  articleText(doc, roots) {
    const keywords = (doc.tags || []).filter(
      tag => words(tag).some(([word]) => roots.has(this.root(word))));
    if (!keywords.length || this.firstHit(doc, roots) >= 0) return this.snippet(doc, roots);
    const shown = keywords.slice(0, 6).map(keyword => this.highlight(keyword, roots));
    return `<p>Kata kunci: ${shown.join(", ")}</p>`;
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

  /* About two lines of the text around its first match. */
  snippet(doc, roots) {
    const text = this.textOf(doc);
    if (!text) return "";
    const hit = this.firstHit(doc, roots);
    let start = hit >= 0 ? Math.max(0, hit - 60) : 0;
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    let end = Math.min(text.length, start + 220);
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end)
                                                                     : end;
    const body = this.highlight(text.slice(start, end), roots);
    return `<p>${start > 0 ? "… " : ""}${body}${end < text.length ? " …" : ""}</p>`;
  }
}

if (typeof module !== "undefined") {
  module.exports = {HandbookSearch, words, normalize, withinDistance};
}
