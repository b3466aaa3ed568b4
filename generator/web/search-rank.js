/* The search engine, third part: pages scored by where each idea of the query appears (page
   title, keywords, headings, text), how rare it is, and how many of the query's ideas the page
   covers; then what a worker must do first (situations.js). */
"use strict";

const HEADING_BONUS = 1.6;  // a section whose heading says most of what is asked: "SAPA 129"
const EXACT_HEADING_BONUS = 3;
const MEANING_BONUS = 3;  // "... artinya": the glossary
const TOGETHER = 0.5;  // weight of the best single section beside the whole page
const MAX_PAGES = 30;
const STAGE_SPREAD = 3;  // that many protocols of one stage, each of another type, lead
const REFERENCE_IN_STORY = 0.5;  // the glossary, sources, reviewers' questions for a told case
const NUMBER_QUERY = 5;  // ideas in a question that asks for a number outright

class Ranking extends QueryReader {
  /* How well a page, or one section (`docs` = [it]), answers one idea: its best alternative
     and that alternative's score. One word may stand anywhere; the words of a phrase must
     share a section, and a phrase in several sections counts a little more. */
  matchConcept(weights, docs, concept, alternatives = concept.alternatives) {
    // plain loops: this runs for every page and idea of a query, on a phone's first query too;
    // `alternatives`: the concept's, or those of them a section's page has (`pageScore`)
    let best = 0;
    let which = null;
    for (let a = 0; a < alternatives.length; a++) {
      const alt = alternatives[a];
      const roots = alt.roots;
      let score;
      if (roots.length === 1) {
        const weight = weights.get(roots[0]);  // one reading: absent is undefined
        if (weight === undefined) continue;
        score = weight * this.idf(roots[0]);
      } else {
        if (!hasAll(weights, roots)) continue;
        // the words of a phrase apart on the page count, but less than together
        let loose = 0;
        for (let r = 0; r < roots.length; r++) loose += weights.get(roots[r]) * this.idf(roots[r]);
        let top = 0;
        let sections = 0;
        for (let d = 0; d < docs.length; d++) {
          const entry = docs[d];
          if (!hasAll(entry.weights, roots)) continue;
          let total = 0;
          for (let r = 0; r < roots.length; r++) {
            total += entry.weights.get(roots[r]) * this.idf(roots[r]);
          }
          top = Math.max(top, total / roots.length);
          sections += 1;
        }
        score = Math.max(top * 1.2 * (1 + 0.25 * Math.log(Math.max(sections, 1))),
                         0.6 * loose / roots.length);
      }
      score *= alt.weight;
      if (score > best) {
        best = score;
        which = alt;
      }
    }
    return [best, which];
  }

  /* Score, share of the query covered (rare words count more) and the alternatives used. */
  answer(weights, docs, concepts, totalWeight, explained = null, present = null) {
    let score = 0;
    let coveredWeight = 0;
    const matched = [];
    for (let c = 0; c < concepts.length; c++) {
      const concept = concepts[c];
      const [best, which] = this.matchConcept(weights, docs, concept,
                                              present ? present[c] : concept.alternatives);
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
    // a question about a word ("lpsk tu apa, kawa minta perlindungan saksi"): no case is told
    let situation = concepts.asksMeaning ? NO_SITUATION
                                         : matchSituations(this.situations, concepts.everyRoot,
                                                           this.firstStages(), concepts.inOrder,
                                                           this.denials);
    // the violence types whose keyword the query is, as typed ("dijual", "kdrt"), if any
    const keywordOf = this.keywordTypes(concepts.flatMap(concept => concept.label));
    // a term's name alone, not a keyword of a violence type ("LPSK", "SAPA 129"; not "KDRT"):
    // the term, wherever the handbook names it, not a stage it is a cue of
    if (concepts.namesTerm && !situation.types.size && !keywordOf.size) situation = NO_SITUATION;
    // "apa itu ...", "... artinya", "undang2 TPKS": a question about words or the law, not a
    // case to act on first
    const caseFirst = !concepts.asksMeaning && !concepts.asksSource;
    // nothing but a keyword of one violence type ("dijual", "calo"): that type is told, as a
    // situation would tell it
    if (!situation.types.size && caseFirst && keywordOf.size === 1) {
      situation = {...situation, types: keywordOf};
    }
    const results = [];
    // a case told in many words: the glossary and sources that mention every word come after
    const story = caseFirst && readsLikeSituation(situation, concepts);
    for (const page of this.pages.values()) {
      // a page of a told type, of the stage asked for ("tidur di mana": the shelter pages,
      // whose words may be others), or one a situation names itself
      const raised = (page.type !== null && situation.types.has(page.type)) ||
                     (page.stage !== null && situation.stages.has(page.stage)) ||
                     pointedTo(page, situation);
      let [factor, reasons] = firstThings(page, situation, caseFirst);
      if (page.reference && story) factor *= REFERENCE_IN_STORY;
      const words = this.pageScore(page, concepts, totalWeight, typed, null);
      if (!words.score && !raised) continue;
      // a page of the situation's type understands the words of its cue ("paman" in
      // "hamil paman") even where it does not say them; a page of the stage asked for, the
      // words that asked for it ("nginap")
      const explained = understood(page, situation);
      const told = explained ? this.pageScore(page, concepts, totalWeight, typed, explained)
                             : words;
      // a page of that type with none of the words comes after every page that has them:
      // "ditusuk" is not in the handbook, but it is physical violence
      const score = told.score ? told.score * factor : SITUATION_ONLY * factor;
      // the rank the page would have if no situation were told
      const plain = words.score * firstThings(page, NO_SITUATION, caseFirst)[0];
      results.push({page, score, plain, matched: told.matched, reasons});
    }
    // Never hiding what the words find: every page in the first MAX_PAGES without situations
    // stays in the list, beside the first MAX_PAGES once situations have ranked them.
    const order = (key) => (a, b) => b[key] - a[key] ||
                                      (a.page.location < b.page.location ? -1 : 1);
    const kept = new Set(results.filter(r => r.plain).sort(order("plain")).slice(0, MAX_PAGES));
    results.sort(order("score"));
    this.stageOverTypes(results, situation);
    if (caseFirst) firstContactFirst(results, situation, this.typesFirst);
    if (caseFirst) askedStageFirst(results, situation, this.typesFirst);
    if (caseFirst) urgentFirst(results, situation, this.typesFirst, this.firstStages());
    // what a glossary term means ("lembaga perlindungan saksi dan korban tu apa"): its entry
    const glossary = concepts.asksMeaning && concepts.some(concept => concept.term) &&
                     results.find(r => r.page.location === this.definition.page);
    if (glossary) lead(results, glossary);
    // no case told, and the query says a page's whole title of two words or more, in order
    // ("tahap layanan uptd ppa": the page "Tahap layanan"): that page
    const titled = caseFirst && !situation.found.length &&
                   results.find(r => this.saysTitle(r.page, concepts.roots));
    if (titled) lead(results, titled);
    // a situation naming a page, in words of its own, asks about that page ("hapus riwayat
    // chat": privasi): it leads; told by a type's cue too ("hp dicek suami": psychological
    // violence first), it comes second, never below that type's other stages
    const named = results.find(r => pointedTo(r.page, situation));
    if (named && asksForPage(situation)) lead(results, named);
    else if (named) second(results, named);
    // a call asked for in so many words, or a number in what just happened ("luka parah ...
    // telpon siapa"): the emergency numbers lead; a number or list of services asked for
    // outright in a few words, no situation or law told ("rs yg bisa visum di sampit"; not
    // "pelaku blokir nomor korban"): the best page of numbers leads
    const outright = concepts.asksNumber && !concepts.asksSource && !situation.found.length &&
                     concepts.length <= NUMBER_QUERY;
    const contacts = ((concepts.asksCall || (concepts.asksContact && situation.firstStage)) &&
                      results.find(r => r.page.first && r.page.contacts)) ||
                     (outright && results.find(r => r.page.contacts));
    if (contacts) lead(results, contacts);
    results.slice(0, MAX_PAGES).forEach(r => kept.add(r));
    const items = results.filter(r => kept.has(r)).map(r => this.render(r, concepts));
    if (this.guide && (concepts.asksWhatToDo || readsLikeSituation(situation, concepts))) {
      return {items: [guideOffer(this.guide, this.pages.get(this.guide), situation),
                      ...items.filter(group => group[0].location !== this.guide)]};
    }
    return {items};
  }

  /* Whether the query's roots hold the page title's roots, two or more, side by side (the
     title's words as the page's own entry has them: `add`, stop words and brackets out). */
  saysTitle(page, roots) {
    if (!page.titleRoots) {
      const article = page.docs.find(entry => !entry.doc.location.includes("#"));
      page.titleRoots = article ? article.title.map(word => this.root(word)) : [];
    }
    const title = page.titleRoots;
    if (title.length < 2) return false;
    return roots.some((_, i) => title.every((root, k) => roots[i + k] === root));
  }

  /* The violence types with the words, as typed, among their keywords ("dijual": trafficking;
     not "pulang", though "dipulangkan" is one). */
  keywordTypes(words) {
    const said = words.join(" ");
    return new Set([...this.typeKeywords].filter(([, list]) => list.includes(said))
                   .map(([type]) => type));
  }

  /* The stages a worker meets first (their protocols are `first`). */
  firstStages() {
    if (!this.stagesMetFirst) {
      this.stagesMetFirst = new Set([...this.pages.values()].filter(p => p.first && p.stage)
                                                            .map(p => p.stage));
    }
    return this.stagesMetFirst;
  }

  /* Nothing in the query names a type. The first answers are one stage's protocols for
     several types: the question is about the stage, whose own page answers it for every type
     and leads ("dokumen yang dibawa waktu lapor", "korban boleh tinggal di shelter berapa
     lama"). Or the query asks for one later stage in words one type's protocol happens to
     say ("bidan mau merujuk korban ke psikolog", "tidak bisa bayar pengacara untuk korban"):
     the stage's own page comes second at least. A first stage asked with no type is answered
     by any type's first-contact page. */
  stageOverTypes(results, situation) {
    if (situation.types.size) return;
    if (this.stageSpread(results)) return;
    if (situation.stages.size !== 1 || situation.firstStage) return;
    const [asked] = situation.stages;
    const own = results.find(r => r.page.stage === asked && !r.page.type);
    if (own) second(results, own);
  }

  /* Whether the first STAGE_SPREAD answers are one stage's protocols for as many types; if so,
     that stage's own page leads. */
  stageSpread(results) {
    if (results.length < STAGE_SPREAD) return false;
    const top = results.slice(0, STAGE_SPREAD).map(r => r.page);
    const stage = top[0].stage;
    if (!stage || top.some(page => !page.type || page.stage !== stage)) return false;
    if (new Set(top.map(page => page.type)).size < STAGE_SPREAD) return false;
    const own = results.find(r => r.page.stage === stage && !r.page.type);
    if (!own) return false;
    lead(results, own);
    return true;
  }

  /* A page's score by the words of the query (and, with `explained`, a situation's cue). */
  pageScore(page, concepts, totalWeight, typed, explained) {
    const whole = this.answer(page.weights, page.docs, concepts, totalWeight, explained);
    if (!whole.score) return {score: 0, matched: whole.matched};
    whole.score += this.keywordBonus(page, typed);
    // The ideas of the query together in one step or section say more than spread out. A
    // section has no root its page lacks: it is asked only about the alternatives the page has
    // (the same answers, a fraction of the lookups: most of a first query's time).
    const present = concepts.map(concept => concept.alternatives.filter(
      alt => hasAll(page.weights, alt.roots)));
    let together = 0;
    for (const entry of page.docs) {
      const part = this.answer(entry.weights, [entry], concepts, totalWeight, explained, present);
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
    if (concepts.asksSource && page.sources) score *= MEANING_BONUS;
    if (concepts.asksContact && page.contacts) score *= MEANING_BONUS;
    return {score, matched: whole.matched};
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
}

/* A type told and no stage asked ("diperkosa", "dipukul ayah", "ibu bekerja di kebun sawit,
   anak dipukul ayah tiri", "kakak kelas minta foto telanjang, kalau tidak dikirim diancam"):
   the page to act on now leads, the told type's complaint or first-response protocol, before
   that type's later stages and before pages of other types that happen to have the words. */
function firstContactFirst(results, situation, typesFirst) {
  if (!situation.types.size || situation.stages.size) return;
  const best = bestOfTypes(results, situation, typesFirst, page => page.first);
  if (best) lead(results, best);
}

/* A type told and one stage asked for ("anak korban eksploitasi ... ditampung di mana"): that
   type's protocol of that stage leads, before its other stages that happen to have the words. */
function askedStageFirst(results, situation, typesFirst) {
  if (!situation.types.size || situation.stages.size !== 1) return;
  const best = bestOfTypes(results, situation, typesFirst,
                           page => situation.stages.has(page.stage));
  if (best) lead(results, best);
}

/* A type told, a situation that means acting now (language.yml `urgent`: "baru diperkosa",
   "ingin mati") and a later stage asked too ("anak baru diperkosa, keluarga minta damai",
   "istri baru dipukul, minta dijemput"): that type's protocol of the urgent stage leads, the
   later stage's follow (review 20). Between two stages met first (a complaint taken,
   "langkah pertama"), the words decide; with no type told, too ("bayi ditemukan, sdh dibawa ke
   puskesmas, dititipkan ke mana" asks for a shelter, the care already given). */
function urgentFirst(results, situation, typesFirst, firstStages) {
  const urgent = new Set(situation.found.filter(s => s.urgent).flatMap(s => s.stages));
  const later = [...situation.stages].filter(stage => !firstStages.has(stage));
  if (!urgent.size || !later.length || !situation.types.size) return;
  const best = bestOfTypes(results, situation, typesFirst, page => urgent.has(page.stage));
  if (best) lead(results, best);
}

/* Of the results of a told type that `fits`, the one of the type to act on first: the type
   more of the query's situations name; of two named as often by different situations, the
   one earlier in `typesFirst` (sexual violence, whose clocks run, first:
   search_vocabulary.TYPES_FIRST; "anak dicabuli, orang tua tidak peduli"); of two one
   situation tells together ("anak jadi LC": exploitation or trafficking), the one the words
   rank first. */
function bestOfTypes(results, situation, typesFirst, fits) {
  const named = type => situation.found.filter(s => s.types.includes(type)).length;
  const together = (a, b) => situation.found.every(s => s.types.includes(a) ===
                                                        s.types.includes(b));
  const urgency = type => {
    const at = typesFirst.indexOf(type);
    return at < 0 ? typesFirst.length : at;
  };
  const before = (a, b) => named(a) > named(b) ||
                           (named(a) === named(b) && !together(a, b) && urgency(a) < urgency(b));
  let best = null;
  for (const r of results) {
    if (!r.page.type || !situation.types.has(r.page.type) || !fits(r.page)) continue;
    if (!best || before(r.page.type, best.page.type)) best = r;
  }
  return best;
}

/* Whether `weights` (a Map, or kept weights read in place) has every root. */
function hasAll(weights, roots) {
  for (let r = 0; r < roots.length; r++) if (!weights.has(roots[r])) return false;
  return true;
}

/* Puts one result second, between the first and the one that was second. */
function second(results, result) {
  const at = results.indexOf(result);
  if (at <= 1) return;
  results.splice(at, 1);
  result.score = results[1].score + (results[0].score - results[1].score) / 2;
  results.splice(1, 0, result);
}

/* Puts one result first, just above the one that led, the others keeping their order. */
function lead(results, result) {
  if (result === results[0]) return;
  results.splice(results.indexOf(result), 1);
  result.score = results[0].score * 1.01;
  results.unshift(result);
}
