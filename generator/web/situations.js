/* What a worker must do first, on top of the words' score (search-rank.js): situations told in
   her own words (protocols/language.yml "situations": cues -> types and stages), the first-contact
   pages when no stage is asked (generator/search.py FIRST_STAGES), stages that do not apply,
   and the decision guide offered for a situation. One file of the worker with sastrawi.js,
   text.js and search-*.js. */
"use strict";

const SITUATION_TYPE = 2.2;   // a page of the type the situation points to
const SITUATION_STAGE = 2.2;  // a page of the stage the query asks for: as much as a type told
const STAGE_PAGE = 1.5;       // ... its own page, when no type is named
const EMERGENCY_TYPE = 1.5;   // the emergency page when a type is told: below that type's pages
const FIRST_CONTACT = 2.2;    // no stage asked: complaint, first response, emergency numbers
const NOT_APPLICABLE = 0.3;   // "this stage does not apply", unless that stage is asked for
const GUIDE_WORDS = 4;        // a query of this many ideas reads like a situation
const EXPLAINED = 1;          // share of a cue's word a page of the situation's type covers
const EXPLAINED_TEXT = 1;     // ... and scores as a word its text has once (FIELD.text)
const SITUATION_ONLY = 1e-6;  // a page only the situation points to: after all the others

const NO_SITUATION = {found: [], explained: new Map(), told: new Map(), types: new Set(),
                      stages: new Set(), firstStage: false, pages: new Set()};

/* The index's situations, each cue a list of roots. */
function readSituations(list) {
  return (list || []).map(situation => ({
    label: situation.label, types: situation.types, stages: situation.stages,
    pages: situation.pages || [], cues: situation.cues.map(cue => cue.split(" ")),
    phrases: (situation.phrases || []).map(phrase => phrase.split(" ")),
    alone: (situation.alone || []).map(phrase => phrase.split(" ")),
    urgent: Boolean(situation.urgent)}));
}

/* The situations whose cues the query has (every root of one cue, in any order, stop words
   included), the types, stages and pages they point to, whether a stage is one of the
   `firstStages` (a case that just happened), and the cue roots each one's pages
   understand (`explained`, keyed "type:fisik", "stage:penampungan-sementara", "page:privasi":
   "nginap" tells the shelter stage, whose pages need not say it). A cue's words are those of
   what it points to: "tambang emas" is understood by the exploitation pages, not by the
   trafficking pages another cue of the query points to; a stage's only when no type is. */
function matchSituations(situations, everyRoot, firstStages = new Set(), inOrder = [],
                         denials = []) {
  const found = [];
  const explained = new Map();
  const told = new Map();  // situation -> its cues the query has
  for (const situation of situations) {
    const cues = [...situation.cues.filter(cue => cue.every(root => everyRoot.has(root)) &&
                                                  !deniedWord(cue, inOrder, denials)),
                  ...situation.phrases.filter(phrase => standsTogether(phrase, inOrder, denials)),
                  ...situation.alone.filter(phrase => saysOnly(phrase, inOrder))];
    if (!cues.length) continue;
    found.push(situation);
    told.set(situation, cues);
    const keys = [...(situation.types.length ? situation.types.map(t => `type:${t}`)
                                              : situation.stages.map(s => `stage:${s}`)),
                  ...situation.pages.map(p => `page:${p}`)];
    for (const key of keys) {
      if (!explained.has(key)) explained.set(key, new Set());
      for (const cue of cues) for (const r of cue) explained.get(key).add(r.split(/[+=]/)[0]);
    }
  }
  return {found, explained, told, types: new Set(found.flatMap(s => s.types)),
          stages: new Set(found.flatMap(s => s.stages)),
          firstStage: found.some(s => s.stages.some(stage => firstStages.has(stage))),
          pages: new Set(found.flatMap(s => s.pages))};
}

/* Whether the query has the phrase's words side by side, in its order, or with only stop
   words (and words of how often) between them: "suami kabur", "suami saya kabur", not "kabur
   dari suami" (`inOrder`: each typed word's forms, as `everyRoot` has them, and whether it is
   a stop word or a gap word). A denial of one word between them, which the phrase does not
   have, breaks it: "suami saya tidak suka bicara kasar" (review 18). Before the phrase, only a
   denial right before its first word denies it: in "saya tidak suka suami bicara kasar", a
   complaint, "suka" stands between (review 19). */
function standsTogether(phrase, inOrder, denials = []) {
  const denying = denials.filter(denial => denial.length === 1 && !phrase.includes(denial[0]))
                         .map(denial => denial[0]);
  for (let start = 0; start < inOrder.length; start++) {
    if (denied(inOrder, start, denials)) continue;
    let at = start;
    const found = phrase.every((root, k) => {
      if (k > 0) {
        at += 1;
        // stop words the phrase does not have here may stand between ("suami saya kabur")
        while (at < inOrder.length && inOrder[at].stop && !inOrder[at].forms.has(root)) {
          if (denying.some(word => inOrder[at].forms.has(word))) return false;
          at += 1;
        }
      }
      return at < inOrder.length && inOrder[at].forms.has(root);
    });
    if (found) return true;
  }
  return false;
}

/* Whether the words before `start` are one of the `denials` (lists of roots,
   search_vocabulary.DENIALS): "kada sakulah lagi", "tidak boleh sekolah lagi" (no longer at
   school), not "kada handak sekolah lagi" (will not go back). */
function denied(inOrder, start, denials) {
  const before = k => start - k >= 0 ? inOrder[start - k].forms : new Set();
  return denials.some(denial => denial.every((root, k) => before(denial.length - k).has(root)));
}

/* Whether a cue of one word is typed only right after a denial: "gak dipukul tp ketakutan
   terus" tells no physical violence. */
function deniedWord(cue, inOrder, denials) {
  if (cue.length !== 1) return false;
  const at = [];
  inOrder.forEach((item, i) => { if (item.forms.has(cue[0])) at.push(i); });
  return at.length > 0 && at.every(i => denied(inOrder, i, denials));
}

/* Whether the phrase's words are all the query says, in order (stop words aside): "suami
   kabur" typed alone, not "suami kabur setelah memukul istri". */
function saysOnly(phrase, inOrder) {
  const words = inOrder.filter(item => !item.stop || phrase.some(root => item.forms.has(root)));
  return words.length === phrase.length && standsTogether(phrase, words);
}

/* The cue roots a page understands though it may not say them: those of its type's
   situations, of its stage's when that stage is asked for, of a situation naming it; null
   when none. */
function understood(page, situation) {
  const keys = [];
  if (page.type !== null && situation.types.has(page.type)) keys.push(`type:${page.type}`);
  if (page.stage !== null && situation.stages.has(page.stage)) keys.push(`stage:${page.stage}`);
  if (pointedTo(page, situation)) keys.push(`page:${page.source}`);
  if (!keys.length) return null;
  return new Set(keys.flatMap(key => [...(situation.explained.get(key) || [])]));
}

/* Whether the query asks about a page a situation names, in words of its own: "hapus riwayat",
   "aman kah buka buku ini"; not "hp istri dicek suami", whose cue "ponsel dicek" is part of a
   type's cue ("ponsel dicek suami": psychological violence). */
function asksForPage(situation) {
  const typeCues = situation.found.filter(s => s.types.length)
    .flatMap(s => situation.told.get(s));
  const own = cue => !typeCues.some(other => cue.every(root => other.includes(root)));
  return situation.found.some(s => s.pages.length && situation.told.get(s).some(own));
}

/* Whether a situation names this page itself ("hapus riwayat" -> privasi). */
function pointedTo(page, situation) {
  return page.source !== null && situation.pages.has(page.source);
}

/* The factor a page's score is multiplied by, and the situations to show as the reason: the
   type the situation points to, the stage asked for or, when none is, the first-contact
   pages; a stage that does not apply sinks unless asked for. */
function firstThings(page, situation, firstContact = true) {
  let factor = 1;
  const reasons = [];
  if (pointedTo(page, situation)) {
    factor *= SITUATION_TYPE;  // as much as a told type
    for (const s of situation.found) if (s.pages.includes(page.source)) reasons.push(s.label);
  }
  if (page.type && situation.types.has(page.type)) {
    factor *= SITUATION_TYPE;
    for (const s of situation.found) if (s.types.includes(page.type)) reasons.push(s.label);
  } else if (!page.type && !page.stage && page.first && situation.types.size) {
    factor *= EMERGENCY_TYPE;  // the emergency numbers serve every type
  }
  const asked = page.stage !== null && situation.stages.has(page.stage);
  if (situation.stages.size) {
    if (asked) factor *= SITUATION_STAGE;
    // a stage asked about with no type: the stage's own page says it for every type
    if (asked && !page.type && !situation.types.size) factor *= STAGE_PAGE;
  } else if (page.first && firstContact) {
    factor *= FIRST_CONTACT;
  }
  if (page.notApplicable && !asked) factor *= NOT_APPLICABLE;
  return [factor, reasons];
}

/* Whether to offer the decision guide: a type's situation, or a query of many ideas that is
   not a question about a word's meaning. */
function readsLikeSituation(situation, concepts) {
  // One or two words ("diperkosa", "dipukul suami") name what happened: the protocol is the
  // answer, first. Three or more with a situation's cue, or four of any kind, tell a story.
  return !concepts.asksMeaning && ((situation.types.size > 0 && concepts.length >= 3) ||
                                   concepts.length >= GUIDE_WORDS);
}

/* The decision guide as the first result group. Score 0: Enter still opens the best answer. */
function guideOffer(location, page, situation) {
  const why = situation.found.filter(s => s.types.length).map(s => s.label);
  return [{location, title: escapeHTML(page.title),
           text: "<p>Belum yakin apa yang harus dilakukan? Jawab beberapa pertanyaan singkat" +
                 `${why.length ? ` (${escapeHTML(why.join("; "))})` : ""}.</p>`,
           tags: ["Panduan cepat"], score: 0, terms: Object.create(null)}];
}
