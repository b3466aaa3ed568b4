/* Sastrawi stemmer for Bahasa Indonesia (Nazief-Adriani with the CS/ECS improvements), a
   line-by-line port of PySastrawi 1.2.1 (MIT, (c) Hanif Amal Robbani; Sastrawi by Andy Librian,
   MIT). The build computes the roots of the handbook's own words with PySastrawi; this port
   stems what a worker types, so both sides must agree: tests/test_search_engine.py runs both
   over every word of the index and over inflected forms of their roots.

   Ported rather than taken from npm: sastrawijs 1.1.0 disagreed with PySastrawi on 85 of the
   3,087 words of the handbook (meny- words, reduplication such as "anak-anak", memulangkan).

   `new SastrawiStemmer(words)` takes the dictionary of root words; `stem(word)` takes one
   lower-case word made of a-z, 0-9 and hyphens. */
"use strict";

const SASTRAWI_RULES = (() => {
  const C = "bcdfghjklmnpqrstvwxyz";
  // One entry per PrefixDisambiguator of VisitorProvider, in its order: each is a list of
  // [pattern, replacement or function, guard] tried like AbstractDisambiguatePrefixRule.
  const r = (pattern, build) => [new RegExp(pattern), build];
  return [
    [r("^ber([aiueo].*)$", m => m[1]), r("^ber([aiueo].*)$", m => "r" + m[1])],           // 1
    [r(`^ber([${C}])([a-z])(.*)`, m => /^er/.test(m[3]) ? null : m[1] + m[2] + m[3])],      // 2
    [r(`^ber([${C}])([a-z])er([aiueo])(.*)`,
       m => m[1] === "r" ? null : m[1] + m[2] + "er" + m[3] + m[4])],                       // 3
    [r("^belajar$", () => "ajar")],                                                        // 4
    [r("^be([bcdfghjklmnpqstvwxyz])(er[bcdfghjklmnpqrstvwxyz])(.*)$",
       m => m[1] + m[2] + m[3])],                                                          // 5
    [r("^ter([aiueo].*)$", m => m[1]), r("^ter([aiueo].*)$", m => "r" + m[1])],           // 6
    [r(`^ter([${C}])er([aiueo].*)$`, m => m[1] === "r" ? null : m[1] + "er" + m[2])],      // 7
    [r(`^ter([${C}])(.*)$`,
       m => m[1] === "r" || /^er/.test(m[2]) ? null : m[1] + m[2])],                       // 8
    [r(`^te([${C}])er([${C}])(.*)$`,
       m => m[1] === "r" ? null : m[1] + "er" + m[2] + m[3])],                             // 9
    [r("^me([lrwy])([aiueo])(.*)$", m => m[1] + m[2] + m[3])],                           // 10
    [r("^mem([bfv])(.*)$", m => m[1] + m[2])],                                           // 11
    [r("^mempe(.*)$", m => "pe" + m[1])],                                                // 12
    [r("^mem([aiueo])(.*)$", m => "m" + m[1] + m[2]),
     r("^mem([aiueo])(.*)$", m => "p" + m[1] + m[2])],                                   // 13
    [r("^men([cdjstz])(.*)$", m => m[1] + m[2])],                                        // 14
    [r("^men([aiueo])(.*)$", m => "n" + m[1] + m[2]),
     r("^men([aiueo])(.*)$", m => "t" + m[1] + m[2])],                                   // 15
    [r("^meng([ghqk])(.*)$", m => m[1] + m[2])],                                         // 16
    [r("^meng([aiueo])(.*)$", m => m[1] + m[2]),
     r("^meng([aiueo])(.*)$", m => "k" + m[1] + m[2]),
     r("^menge(.*)$", m => m[1]),
     r("^meng([aiueo])(.*)$", m => "ng" + m[1] + m[2])],                                 // 17
    [r("^meny([aiueo])(.*)$", m => "ny" + m[1] + m[2]),
     r("^meny([aiueo])(.*)$", m => "s" + m[1] + m[2])],                                  // 18
    [r("^memp([abcdfghijklmopqrstuvwxyz])(.*)$", m => "p" + m[1] + m[2])],               // 19
    [r("^pe([wy])([aiueo])(.*)$", m => m[1] + m[2] + m[3])],                             // 20
    [r("^per([aiueo])(.*)$", m => m[1] + m[2]),
     r("^pe(r[aiueo])(.*)$", m => m[1] + m[2])],                                         // 21
    [r(`^per([${C}])([a-z])(.*)$`, m => /^er/.test(m[3]) ? null : m[1] + m[2] + m[3])],    // 23
    [r(`^per([${C}])([a-z])er([aiueo])(.*)$`,
       m => m[1] === "r" ? null : m[1] + m[2] + "er" + m[3] + m[4])],                       // 24
    [r("^pem([bfv])(.*)$", m => m[1] + m[2])],                                           // 25
    [r("^pem([aiueo])(.*)$", m => "m" + m[1] + m[2]),
     r("^pem([aiueo])(.*)$", m => "p" + m[1] + m[2])],                                   // 26
    [r("^pen([cdjstz])(.*)$", m => m[1] + m[2])],                                        // 27
    [r("^pen([aiueo])(.*)$", m => "n" + m[1] + m[2]),
     r("^pen([aiueo])(.*)$", m => "t" + m[1] + m[2])],                                   // 28
    [r(`^peng([${C}])(.*)$`, m => m[1] + m[2])],                                         // 29
    [r("^peng([aiueo])(.*)$", m => m[1] + m[2]),
     r("^peng([aiueo])(.*)$", m => "k" + m[1] + m[2]),
     r("^penge(.*)$", m => m[1])],                                                       // 30
    [r("^peny([aiueo])(.*)$", m => "ny" + m[1] + m[2]),
     r("^peny([aiueo])(.*)$", m => "s" + m[1] + m[2])],                                  // 31
    [r("^pe(l[aiueo])(.*)$", (m, word) => word === "pelajar" ? "ajar" : m[1] + m[2]),
     ],                                                                                  // 32
    [r(`^pe([${C}])(.*)$`, m => /^er/.test(m[2]) ? null : m[1] + m[2])],                  // 34
    [r(`^ter([bcdfghjkpqstvxz])(er[${C}])(.*)$`, m => m[1] + m[2] + m[3])],               // 35
    [r(`^pe([bcdfghjkpqstvxz])(er[${C}])(.*)$`, m => m[1] + m[2] + m[3])],                // 36
    [r(`^([${C}])(er[aiueo])(.*)$`, m => m[1] + m[2] + m[3]),
     r(`^([${C}])er([aiueo])(.*)$`, m => m[1] + m[2] + m[3])],                           // 37
    [r(`^([${C}])(el[aiueo])(.*)$`, m => m[1] + m[2] + m[3]),
     r(`^([${C}])el([aiueo])(.*)$`, m => m[1] + m[2] + m[3])],                           // 38
    [r(`^([${C}])(em[aiueo])(.*)$`, m => m[1] + m[2] + m[3]),
     r(`^([${C}])em([aiueo])(.*)$`, m => m[1] + m[2] + m[3])],                           // 39
    [r(`^([${C}])(in[aiueo])(.*)$`, m => m[1] + m[2] + m[3]),
     r(`^([${C}])in([aiueo])(.*)$`, m => m[1] + m[2] + m[3])],                           // 40
    [r("^ku(.*)$", m => m[1])],                                                          // 41
    [r("^kau(.*)$", m => m[1])],                                                         // 42
  ];
})();

const SASTRAWI_PRECEDENCE = [/^be(.*)lah$/, /^be(.*)an$/, /^me(.*)i$/, /^di(.*)i$/,
                             /^pe(.*)i$/, /^ter(.*)i$/];

class SastrawiStemmer {
  constructor(words) {
    this.dictionary = new Set(words);
    this.cache = new Map();
  }

  stem(word) {
    let root = this.cache.get(word);
    if (root === undefined) {
      root = this.isPlural(word) ? this.stemPlural(word) : this.stemSingular(word);
      this.cache.set(word, root);
    }
    return root;
  }

  isPlural(word) {
    const m = /^(.*)-(ku|mu|nya|lah|kah|tah|pun)$/.exec(word);
    if (m) return m[1].includes("-");
    return word.includes("-");
  }

  stemPlural(plural) {
    // Python's re.match(r'^(.*)-(.*)$') is greedy: the split is at the last hyphen.
    let m = /^(.*)-(.*)$/.exec(plural);
    if (!m) return plural;
    const words = [m[1], m[2]];
    const suffix = words[1];
    m = /^(.*)-(.*)$/.exec(words[0]);
    if (["ku", "mu", "nya", "lah", "kah", "tah", "pun"].includes(suffix) && m) {
      words[0] = m[1];
      words[1] = m[2] + "-" + suffix;
    }
    const root1 = this.stemSingular(words[0]);
    let root2 = this.stemSingular(words[1]);
    if (!this.dictionary.has(words[1]) && root2 === words[1]) {
      root2 = this.stemSingular("me" + words[1]);
    }
    return root1 === root2 ? root1 : plural;
  }

  stemSingular(word) {
    const context = new SastrawiContext(word, this.dictionary);
    context.execute();
    return context.result;
  }
}

class SastrawiContext {
  constructor(word, dictionary) {
    this.original = word;
    this.current = word;
    this.dictionary = dictionary;
    this.stopped = false;
    this.removals = [];  // {subject, result, removed, type}: type DP, DS, PP or P
    this.result = "";
  }

  has(word) {
    return this.dictionary.has(word);
  }

  execute() {
    this.startStemmingProcess();
    this.result = this.has(this.current) ? this.current : this.original;
  }

  startStemmingProcess() {
    if (this.has(this.current)) return;
    this.acceptVisitors([ctx => { if (ctx.current.length <= 3) ctx.stopped = true; }]);
    if (this.has(this.current)) return;
    if (SASTRAWI_PRECEDENCE.some(rule => rule.test(this.original))) {
      this.removePrefixes();
      if (this.has(this.current)) return;
      this.removeSuffixes();
      if (this.has(this.current)) return;
      this.current = this.original;
      this.removals = [];
    }
    this.removeSuffixes();
    if (this.has(this.current)) return;
    this.removePrefixes();
    if (this.has(this.current)) return;
    this.loopPengembalianAkhiran();
  }

  record(result, type) {
    if (result === this.current) return;
    this.removals.push({subject: this.current, result,
                        removed: this.current.replace(result, ""), type});
    this.current = result;
  }

  removeSuffixes() {
    this.acceptVisitors([
      ctx => ctx.record(ctx.current.replace(/-*(lah|kah|tah|pun)$/, ""), "P"),
      ctx => ctx.record(ctx.current.replace(/-*(ku|mu|nya)$/, ""), "PP"),
      ctx => ctx.record(ctx.current.replace(/(is|isme|isasi|i|kan|an)$/, ""), "DS"),
    ]);
  }

  removePrefixes() {
    for (let i = 0; i < 3; i++) {
      this.acceptPrefixVisitors();
      if (this.has(this.current)) return;
    }
  }

  acceptVisitors(visitors) {
    for (const visit of visitors) {
      visit(this);
      if (this.has(this.current) || this.stopped) return;
    }
  }

  acceptPrefixVisitors() {
    const count = this.removals.length;
    const visitors = [ctx => ctx.record(ctx.current.replace(/^(di|ke|se)/, ""), "DP"),
                      ...SASTRAWI_RULES.map(rules => ctx => ctx.disambiguate(rules))];
    for (const visit of visitors) {
      visit(this);
      if (this.has(this.current) || this.stopped) return;
      if (this.removals.length > count) return;
    }
  }

  disambiguate(rules) {
    // Like AbstractDisambiguatePrefixRule: the last rule's answer wins unless an earlier one
    // is a dictionary word; a rule that does not apply answers nothing.
    let result = null;
    for (const [pattern, build] of rules) {
      const m = pattern.exec(this.current);
      result = m ? build(m, this.current) : null;
      if (result !== null && this.has(result)) break;
    }
    if (result === null) return;
    this.removals.push({subject: this.current, result,
                        removed: this.current.replace(result, ""), type: "DP"});
    this.current = result;
  }

  loopPengembalianAkhiran() {
    // restore_prefix: back to the word before the first prefix removal, prefixes forgotten
    if (this.removals.length) this.current = this.removals[0].subject;
    this.removals = this.removals.filter(removal => removal.type !== "DP");
    const removals = [...this.removals];
    const current = this.current;
    for (const removal of [...removals].reverse()) {
      if (!["DS", "PP", "P"].includes(removal.type)) continue;
      if (removal.removed === "kan") {
        this.current = removal.result + "k";
        this.removePrefixes();
        if (this.has(this.current)) return;
        this.current = removal.result + "kan";
      } else {
        this.current = removal.subject;
      }
      this.removePrefixes();
      if (this.has(this.current)) return;
      this.removals = removals;
      this.current = current;
    }
  }
}

if (typeof module !== "undefined") module.exports = {SastrawiStemmer};
