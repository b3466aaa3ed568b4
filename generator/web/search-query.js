/* The search engine, second part: reading a query (search-index.js says how the parts fit).

   1. words are normalised like the index (lower case, accents off), everyday spellings read as
      the formal words (protocols/language.yml: "ga", "ortu", "kotim"; one typed word stays one
      idea, however many words it spells) and stop words dropped;
      a prefix typed apart ("di bully") is joined when only the joined word is the handbook's;
   2. each word becomes its root (the build's roots for words of the handbook, the same Sastrawi
      stemmer for the others, informal and Banjar forms such as "ngancam", "badamai" read as
      formal ones), so "memperkosa" meets "pemerkosaan";
   3. a phrase of the glossary ("dipukul suami", "TPPO", "rumah aman") also matches the other
      names of the same term;
   4. a word the handbook does not have is matched to a handbook word one typing slip away
      (missing, extra, wrong or swapped letter), and the word being typed to words it begins. */
"use strict";

// A glossary name stands for its term; a synonym for its term better than for another synonym.
const ALT = {exact: 1, informal: 0.95, name: 0.8, synonym: 0.6, sibling: 0.35, fuzzy: 0.7,
             prefix: 0.6};
// Shorter words have too many real neighbours: "sawit" is one letter from "sakit".
const FUZZY_MIN = 6;
// "visum et repertum itu apa", "PEP hiv itu apa": a question about a word names a word or two
const ASKED_WORDS = 2;
// Prefixes (Indonesian and Banjar) and endings around a spelled word: "didabau", "badamaian".
const AFFIXED = /^(di|mam|man|mang|ma|ba|ta|ka|ber|ter|me|mem|men|meng)?(.+?)(an|i|kan|nya)?$/;

class QueryReader extends SearchIndex {
  /* The root of a typed word, reading everyday forms as formal ones when that finds a root
     the handbook has. */
  queryRoot(word) {
    const root = this.root(word);
    if (this.df.has(root) || this.phrases.has(root)) return {root, weight: ALT.exact};
    const formal = this.formalRoot(word);
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

  /* Of an everyday form's formal readings the handbook has, the root of the one keeping most
     of the word: "ngemis" is mengemis (emis), not memis (mem); "ngelapor" is melapor (lapor);
     "mambuka" is membuka (buka). Null when the handbook has none. Worked out once per word: a
     query's phrases and its ideas both ask, and so does every keystroke after it. */
  formalRoot(word) {
    if (!this.formalRead) this.formalRead = new Map();
    if (this.formalRead.has(word)) return this.formalRead.get(word);
    let formal = null;
    for (const form of informalForms(word)) {
      const candidate = this.root(form);
      if (this.df.has(candidate) && (!formal || candidate.length > formal.length)) {
        formal = candidate;
      }
    }
    this.formalRead.set(word, formal);
    return formal;
  }

  /* The query's ideas: each a label (what was typed) and alternatives (lists of roots). */
  concepts(query) {
    let items = this.spelledWords(query);
    // "anak 15 thn", "cewek umur 14": the age says a child and nothing else the pages would
    // say; its words read as "anak" (once), so "15" and "tahun" weigh as no rare words
    const age = childAge(items.map(item => item.word));
    if (age && age.span) {
      const child = items.some(item => this.root(item.word) === this.root("anak"));
      items.splice(age.span[0], age.span[1] - age.span[0], ...(child ? [] : [{word: "anak"}]));
    }
    // every word counts for situations, stop words too: "tidak dinafkahi", "baru saja"; each
    // word's forms in order too, for the phrases whose words stand together ("suami kabur")
    const everyRoot = new Set();
    const inOrder = [];
    for (const item of items) {
      const root = this.root(item.word);
      const forms = new Set([root, `${root}=${item.word}`,  // a cue's "=dijual": this form
                             ...cueRoots(item.word, root)]);  // "pulang+kan"
      // ... with -nya, -ku, -mu after it: "pelakunya" is "=pelaku"
      const owned = /^(.{3,}?)(nya|ku|mu)$/.exec(item.word);
      if (owned) forms.add(`${this.root(owned[1])}=${owned[1]}`);
      if (item.also) forms.add(item.also);
      // ... and an everyday form's formal reading, for the phrases as for the cues: "laki ulun
      // suka mambuka hp ulun" has the phrase "suami membuka ponsel"
      const formal = this.df.has(root) || this.phrases.has(root) ? null
                                                                  : this.formalRoot(item.word);
      if (formal) for (const form of [formal, ...cueRoots(item.word, formal)]) forms.add(form);
      for (const form of forms) everyRoot.add(form);
      // "sering", "suka" may stand between a phrase's words as stop words do ("suami saya
      // sering bicara kasar")
      inOrder.push({forms, stop: this.stopwords.has(item.word) || this.phraseGaps.has(item.word)});
    }
    // "kelas 5": a child (under 18, UU 35/2014), for situations' cues such as "anak karaoke",
    // as if "anak" were typed
    if (age) everyRoot.add(this.root("anak"));
    const typedWords = new Set(items.map(item => item.word));
    // "delik aduan artinya": the question is what it means, the glossary answers it
    const opening = ` ${queryWords(query).join(" ")} `;
    // ... "LPSK itu apa", "visum tu apa": the same question, asked after the word, at the end
    // of the query or of its first part ("lpsk tu apa, kawa minta perlindungan saksi kah"),
    // after a word or two: a longer start tells what happened ("paman suka pegang paha anak itu
    // apa"; review 21), unless it is one term: "lembaga perlindungan saksi dan korban tu apa".
    // What it is for ("visum itu buat apa"): after one term only (review 22).
    const closes = part => {
      const words = ` ${part.map(item => item.word).join(" ")} `;
      const before = closing => part.slice(0, -closing.split(" ").length)
        .filter(item => !this.stopwords.has(item.word)).map(item => this.root(item.word));
      const term = roots => roots.length > 0 &&
        this.longestPhrase(roots, 0)?.roots.length === roots.length;
      const ends = closing => words.endsWith(` ${closing} `);
      return this.definition.closings.filter(ends).some(closing => {
        const roots = before(closing);
        return (roots.length >= 1 && roots.length <= ASKED_WORDS) || term(roots);
      }) || this.definition.purposes.filter(ends).some(closing => term(before(closing)));
    };
    const asksMeaning = items.some(item => this.definition.words.has(item.word)) ||
      this.definition.openings.some(words => opening.startsWith(` ${words} `)) ||
      closes(items) || closes(this.spelledWords(query.split(/[,.;:?!]/)[0])) ||
      this.termThenClosing(items);
    if (asksMeaning) items = items.filter(item => !this.definition.words.has(item.word));
    const content = items.filter(item => !this.stopwords.has(item.word));
    if (content.length) items = content;
    const open = !/\s$/.test(query);  // the last word may still be being typed
    const resolved = items.map(item => this.queryRoot(item.word));
    const roots = resolved.map(r => r.root);
    const concepts = [];
    for (let i = 0; i < items.length;) {
      let parts = 1;
      while (items[i].whole && items[i + parts]?.whole === items[i].whole) parts += 1;
      const match = this.longestPhrase(roots, i);
      if (parts > 1 && (!match || match.roots.length < parts)) {
        const quality = Math.min(...resolved.slice(i, i + parts).map(r => r.weight));
        concepts.push({label: items.slice(i, i + parts).map(x => x.word),
                       alternatives: [{roots: roots.slice(i, i + parts), weight: quality}]});
        i += parts;
        continue;
      }
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
                       alternatives, term: match.groups.some(g => g.isName)});
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
    concepts.inOrder = inOrder;
    concepts.asksMeaning = asksMeaning;
    // nothing but a glossary term's name ("LPSK", "restitusi")
    concepts.namesTerm = concepts.length === 1 && Boolean(concepts[0].term);
    const says = cues => cues.some(cue => cue.every(w => typedWords.has(w)));
    concepts.asksSource = says(this.sourceCues);
    concepts.asksContact = says(this.contactCues);
    concepts.asksNumber = says(this.numberCues);
    // ... these words together and in order, as a situation's phrases: "telpon kemana", not
    // "siapa yang telepon korban"; and not right after a denial: "istri tidak boleh hubungi
    // siapa pun" tells a case (a wife cut off), it does not ask for a number
    concepts.asksCall = this.callCues.some(phrase => standsTogether(phrase, inOrder,
                                                                    this.denials));
    concepts.asksWhatToDo = says(this.whatToDoCues);
    concepts.typed = [...new Set(items.map(item => item.word))];
    return concepts;
  }

  /* The typed words, everyday spellings read as the formal words: [{word, also}]. */
  spelledWords(text) {
    const items = [];
    for (const written of this.joinPrefixes(queryWords(text))) {
      // a word written twice with a 2 ("remang2", "anak2"): the doubled word, as the stemmer
      // knows it ("remang-remang": remang)
      const twice = /^([a-z]+)2$/.exec(written);
      const typed = twice ? `${twice[1]}-${twice[1]}` : written;
      const spelled = this.spelling(typed);  // "ga" -> "tidak", "ortunya" -> "orang tua"
      if (!spelled) items.push({word: typed});
      else if (!spelled.includes(" ") && this.df.has(this.root(typed))) {
        items.push({word: spelled, also: this.root(typed)});  // "balik": kembali, and balik
      } else {
        // one typed word is one idea ("kalteng": Kalimantan Tengah), however many it spells
        const whole = {typed};
        for (const word of spelled.split(" ")) items.push({word, whole});
      }
    }
    return items;
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

  /* Whether the query opens with a term (a name or other word of one of the handbook's word
     groups) and asks what it is right after it, whatever follows ("visum tu apa jar polisi
     disuruh visum", "restitusi itu apa ganti rugi kah"), unless that asks yes or no
     ("perkosaan itu apa bisa damai"). */
  termThenClosing(items) {
    const match = this.longestPhrase(items.map(item => this.root(item.word)), 0);
    if (!match) return false;
    const after = items.slice(match.roots.length).map(item => item.word);
    return this.definition.closings.some(words => {
      const closing = words.split(" ");
      return closing.every((word, k) => after[k] === word) &&
             !this.definition.notBefore.has(after[closing.length]);
    });
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

  /* The formal words of an everyday spelling, also with -nya, -ku, -mu, -lah after it. */
  spelling(typed) {
    if (this.spellings.has(typed)) return this.spellings.get(typed);
    const suffixed = /^(.+?)(nya|ku|mu|lah)$/.exec(typed);
    if (suffixed && this.spellings.has(suffixed[1])) return this.spellings.get(suffixed[1]);
    return this.affixedSpelling(typed);
  }

  /* A regional or everyday word with an affix ("didabau", "mandabau": dabau = tampar) reads
     as its formal word, when the typed word is not the handbook's own and the word inside
     is a spelling of one word. */
  affixedSpelling(typed) {
    if (this.df.has(this.root(typed))) return null;
    const stem = AFFIXED.exec(typed)[2];  // every word matches: its affixes are optional
    const formal = stem.length >= 4 && this.spellings.get(stem);
    return formal && !formal.includes(" ") ? formal : null;
  }
}

/* A word whose ending made a new word ("dipulangkan": sent home; "ditutupi", covered up;
   "kekeluargaan", within the family) as a situation's cue reads it ("pulang+kan", "tutup+i",
   "keluarga+kean"); the everyday -in ("ditutupin") stands
   for either. generator/search.py cue_root. */
function cueRoots(word, root) {
  const out = [];
  if (word === `ke${root}an`) out.push(`${root}+kean`);  // "kekeluargaan", not "keluarga"
  for (const ending of ["kan", "i"]) {
    if (root === word || root.endsWith(ending)) continue;
    if (word.endsWith(ending) || (word.endsWith("in") && !root.endsWith("in"))) {
      out.push(`${root}+${ending}`);
    }
  }
  return out;
}

/* Where the words give an age under 18 or a school class: the person is a child (UU 35/2014).
   An age is "umur 14", "usia 9 tahun", or years after a word for a person ("anak 15 thn",
   "cewek 16 th"); years after anything else are a time ("kada bulik 2 tahun", "sudah 5
   tahun menikah"). Returns null, or the words of the age to read as "anak" (`span`, from-to)
   or, for a class ("kelas 5"), the number only. */
function childAge(words) {
  for (let i = 0; i < words.length; i++) {
    if (!/^[0-9]{1,2}$/.test(words[i])) continue;
    const n = Number(words[i]);
    const before = words[i - 1] || "";
    const years = YEAR_WORDS.has(words[i + 1] || "");
    if (n <= 12 && before === "kelas") return {span: [i, i + 1]};
    if (n >= 18) continue;
    if (AGE_WORDS.has(before)) return {span: [i - 1, years ? i + 2 : i + 1]};
    if (years && PERSON_WORDS.has(before)) return {span: [i, i + 2]};
  }
  return null;
}
const AGE_WORDS = new Set(["umur", "usia", "umurnya", "usianya", "berumur", "berusia"]);
const YEAR_WORDS = new Set(["tahun", "th", "thn", "tahunan"]);
// who is meant when years follow: the child words of the handbook's glossary and everyday ones
const PERSON_WORDS = new Set([
  "anak", "anaknya", "adik", "adek", "ading", "keponakan", "ponakan", "cucu", "putri",
  "putra", "bocah", "balita", "bayi", "remaja", "abg", "siswa", "siswi", "murid", "santri",
  "santriwati", "pelajar", "gadis", "perempuan", "cewek", "cewe", "cowok", "cowo", "laki",
  "bibinian", "lakian", "korban", "pelaku"]);
