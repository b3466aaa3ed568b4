/* Worker glue: Material's messages (SETUP 0, READY 1, QUERY 2, RESULT 3), and the engine's
   tables kept on the device once per edition.

   Reading every doc of the index (search-index.js `add`) is most of the time between opening the
   search box and the first results once the index is in the browser's cache: the worker starts
   afresh on every page. So after a first search the worker keeps what it built in IndexedDB,
   under the edition's digest (`config.handbook.edition`, generator/search.py: the index and
   this worker's code); a later page with the same edition takes the tables from there. One
   entry only, replaced by the next edition's. The tables hold the handbook's own words, the
   same for everyone: never a query. Where IndexedDB is missing, refused or slow (some browsers
   from disk, private windows), the worker builds the tables as before.

   Online the index comes in two steps (generator/search.py `site_files`): the theme fetches
   the first (titles, keywords, headings, labels, roots: a third of the bytes) when the search
   box opens, and the worker answers from it at once; it fetches the text of the pages itself,
   then answers the last query again with every word. The download's index is whole.

   A later page online answers from the device alone: the kept entry holds the text of the
   pages with the tables, so the second step is neither fetched nor waited for. The page
   tells the worker the moment the search box starts opening (web/search-open.js, message
   OPENING, with the edition the page names: generator/search.py writes it into the page); the
   worker reads the entry, which also holds the first step, and makes the engine from it.
   When the page names the entry's edition nothing is fetched at all; otherwise (a page that
   names none, or another) the worker fetches the browser's copy of the first step only to
   learn the site's edition. READY comes before the theme has fetched, parsed and handed over
   its copy. An entry answers only for an index of its own edition. */
"use strict";

const TABLES_DB = "buku-saku-pencarian";
const TABLES_STORE = "tabel";
const TABLES_KEY = "edisi";
/* Beside the entry, a small one naming its edition ({edition, text}): read first, it lets the
   worker fetch the index's first step while the large entry is still being read. */
const TABLES_HEAD = "nama-edisi";
/* The text of the pages is kept as one string, its sentences joined by this (none has it):
   reading back some 4,400 strings one by one was most of the entry's read (Node: 4-6 ms,
   against 1 ms for one string and its split). */
const SENTENCE_BREAK = "\n";
const TABLES_WAIT = 1500;   // ms: slower than building them, so build them
const KEEP_AFTER = 1000;    // ms without a query before the tables are written
/* The page's word that the search box is opening (web/search-open.js); the theme's messages
   are numbers. */
const OPENING = "opening";
// FIRST_STEP, the theme's address of the index relative to the site, is written above this
// file by generator/search.py (worker_script: search.INDEX).
const NEED_INDEX = "index";  // to the page: the theme's index is needed (SETUP)
/* Asked once the engine is made from the device and nobody has typed for WARM_AFTER, its
   answer never shown: a worker's first query is slower than the next (its code not yet
   compiled, the sections it reads not yet made), and a person's first letter comes later
   than this (the keyboard has to come up). A query already on its way finds it not begun.
   One word with a short list, so that a first letter typed meanwhile waits little (Node,
   cold: 30 ms, against 60-70 for three words; the first query after either 25-35 ms, after
   none 45-60). */
const WARM_UP = "visum";
const WARM_AFTER = 300;  // ms after READY

/* The worker's own marks on its clock (performance.getEntriesByType("mark")), for
   benchmarks/search_recall.py: they stay in this worker. */
function mark(name, startTime = undefined) {
  try {
    self.performance.mark(`pencarian:${name}`, startTime === undefined ? {} : {startTime});
  } catch (error) {
    // no User Timing here: nothing to note
  }
}

function openTables(version = 1) {
  return new Promise(resolve => {
    let request;
    try {
      request = self.indexedDB.open(TABLES_DB, version);
    } catch (error) {
      resolve(null);
      return;
    }
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(TABLES_STORE)) {
        request.result.createObjectStore(TABLES_STORE);
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      if (db.objectStoreNames.contains(TABLES_STORE)) resolve(db);
      else {  // a database of that name without the store: add it
        db.close();
        if (version > db.version) resolve(null);
        else openTables(db.version + 1).then(resolve);
      }
    };
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
}

/* The database, opened once by this worker and kept open (closed if another page's worker
   must change its version); a failed opening is tried again at the next use, as before. */
let database = null;
function tablesDatabase() {
  if (!database) {
    database = openTables().then(db => {
      if (db) {
        db.onversionchange = () => {
          db.close();
          database = null;
        };
      } else {
        database = null;
      }
      return db;
    });
  }
  return database;
}

/* A page after one that searched: the database is opened when the worker starts with the
   page, so that a tap does not wait for it (an open connection; nothing is read until search
   opens). Where the device has none yet (nobody searched here) none is made. */
function openIfKept() {
  try {
    if (!self.indexedDB || typeof self.indexedDB.databases !== "function") return;
    self.indexedDB.databases().then(list => {
      if (list.some(found => found.name === TABLES_DB)) tablesDatabase();
    }).catch(() => {});
  } catch (error) {
    // no list of databases here: opened at the tap, as before
  }
}

/* What the device keeps ({edition, tables, strings, first}), whichever edition it is, or null.
   `onHead` hears the small entry naming it first ({edition, text} or null). */
function keptEntry(onHead = () => {}) {
  if (!self.indexedDB) return Promise.resolve(null);
  const read = tablesDatabase().then(db => db && new Promise(resolve => {
    try {
      const store = db.transaction(TABLES_STORE).objectStore(TABLES_STORE);
      const head = store.get(TABLES_HEAD);  // answered before the next: one transaction
      head.onsuccess = () => onHead(head.result || null);
      const get = store.get(TABLES_KEY);
      get.onsuccess = () => {
        const entry = get.result || null;
        if (entry && typeof entry.strings === "string") {
          entry.strings = entry.strings.split(SENTENCE_BREAK);
        }
        resolve(entry);
      };
      get.onerror = () => resolve(null);
    } catch (error) {
      resolve(null);
    }
  }));
  const late = new Promise(resolve => setTimeout(() => resolve(null), TABLES_WAIT));
  return Promise.race([read, late]).catch(() => null);
}

/* `strings`: the text of the pages when the index came in two steps (null for the whole
   index, which has it), kept as one string (SENTENCE_BREAK); `first`: then the first step
   too, as JSON text (a later page makes its engine from it). */
function keepTables(edition, tables, strings, first) {
  if (!edition || !self.indexedDB) return;
  tablesDatabase().then(db => {
    if (!db) return;
    try {
      const store = db.transaction(TABLES_STORE, "readwrite").objectStore(TABLES_STORE);
      const text = strings && strings.length &&
                   !strings.some(sentence => sentence.includes(SENTENCE_BREAK))
        ? strings.join(SENTENCE_BREAK) : strings;
      store.put({edition, tables, strings: text, first}, TABLES_KEY);  // the last edition's only
      store.put({edition, text: strings !== null}, TABLES_HEAD);
    } catch (error) {
      // not kept: the next page builds the tables again
    }
  }).catch(() => {});
}

/* The index's first step as the theme fetches it (the same address, the same cache rules), as
   text, or null: read by the worker itself only on a later page, where the browser has it. */
async function fetchFirstStep() {
  try {
    const response = await fetch(new URL(`../${FIRST_STEP}`, self.location.href));
    return response.ok ? await response.text() : null;
  } catch (error) {
    return null;
  }
}

/* The edition a first step names (generator/search.py writes it once, as
   `"edition":"<digest>"`; in a title or keyword its quotes would be escaped), or null. */
function editionOf(text) {
  const found = /"edition":\s*"([0-9a-f]+)"/.exec(text || "");
  return found ? found[1] : null;
}

/* The text of the pages, the index's second step (generator/search.py `site_files`): the
   sentences of this edition, or null. Asked for again past the browser's cache once if that
   cache holds another edition's. */
async function fetchText(meta) {
  const url = new URL(`../${meta.text}`, self.location.href);
  for (const cache of ["default", "reload"]) {
    try {
      const response = await fetch(url, {cache});
      if (!response.ok) return null;
      const text = await response.json();
      if (text.edition === meta.edition) return text.strings;
    } catch (error) {
      return null;
    }
  }
  return null;
}

/* The index with its text: the first step and the sentences of the second. */
function withText(index, strings) {
  const handbook = {...index.config.handbook, strings};
  delete handbook.text;
  return {...index, config: {...index.config, handbook}};
}

/* Answers from the first step: a word not found yet may be in the text still to come, so the
   words shown struck ("Tidak ada: ...") wait for it. */
function withoutMissing(answer) {
  for (const group of answer.items) {
    for (const item of group) {
      for (const word of Object.keys(item.terms)) if (!item.terms[word]) delete item.terms[word];
    }
  }
  return answer;
}

/* The index without its text: titles, keywords, headings and labels answer until it comes. */
function withoutText(index) {
  return {...withText(index, []), docs: index.docs.map(doc => ({...doc, text: []}))};
}

if (typeof module === "undefined") {
  let engine = null;
  let edition = null;  // the engine's
  let ready = Promise.resolve();
  let keep = null;  // the tables still to be written, once the queries pause
  let timer = null;
  let asked = null;  // the last query, answered again once the text has come
  let partial = false;  // answering from the first step only
  let kept = null;  // the read of the kept entry, once begun
  let early = null;  // the engine from the device alone, once the box is opening
  const readKept = onHead => kept || (kept = keptEntry(onHead));
  let marked = false;  // the marks of the first query with results taken
  /* The engine made from the device: a query nobody sees, unless someone has typed. */
  const warmUp = () => setTimeout(() => {
    if ((asked !== null && asked.trim()) || !engine) return;  // the box opens empty
    mark("warming");
    engine.search(WARM_UP);
    mark("warm");
  }, WARM_AFTER);
  const later = () => {
    clearTimeout(timer);
    if (keep) timer = setTimeout(() => { keep(); keep = null; }, KEEP_AFTER);
  };
  /* The engine with every word of the index; its tables kept once the queries pause. */
  const build = (index, tables, first) => {
    let restored = null;
    if (tables) {
      try {
        restored = new HandbookSearch(index, tables);
      } catch (error) {
        restored = null;  // tables of another shape: build them again
      }
    }
    const built = restored || new HandbookSearch(index);
    if (!restored) {
      const of = index.config.handbook.edition;
      keep = () => keepTables(of, built.tables(), first ? built.strings : null,
                              first ? JSON.stringify(first) : null);
      later();
    }
    return built;
  };
  /* A later page online: the kept entry (tables, text and first step) makes the engine. When
     `named`, the page's edition, is the entry's, READY goes out with nothing fetched;
     otherwise the browser's copy of the first step is fetched meanwhile, and READY goes out
     when that names the entry's edition. Either way the page never asks for the theme's copy.
     Otherwise the worker asks for it (web/search-open.js holds it until then): SETUP builds
     as on a first visit. */
  const fromDevice = named => {
    let step = null;  // the first step's text, fetched while the large entry is read
    return readKept(head => {
      mark("head");
      if (head && head.text && head.edition !== named) step = fetchFirstStep();
    }).then(async entry => {
      mark("kept");
      if (!entry || !entry.strings) return;  // nothing kept, or the download (whole index)
      // the page names the entry's edition: nothing to fetch (the entry holds its first step)
      const mine = Boolean(named) && entry.edition === named && Boolean(entry.first);
      if (!mine) step = step || fetchFirstStep();
      // the engine from the entry alone (its tables of another shape: none), made while the
      // fetch is on its way
      const restore = first => {
        try {
          return new HandbookSearch(withText(JSON.parse(first), entry.strings), entry.tables);
        } catch (error) {
          return null;
        }
      };
      let made = entry.first ? restore(entry.first) : null;
      mark("made");
      const text = mine ? null : await step;
      if (!mine) mark("step");
      if (engine || (!mine && editionOf(text) !== entry.edition)) return;  // another edition's
      if (!made && !entry.first) made = restore(text);
      if (!made) return;
      kept = null;  // the engine owns the entry's tables now
      engine = made;
      edition = entry.edition;
      postMessage({type: 1});
      mark("ready");
      warmUp();
    }).catch(() => {}).then(() => {
      if (!engine) postMessage({type: NEED_INDEX});
    });
  };
  /* The theme's index (SETUP): the engine of its edition, from the device where it can. */
  const setup = index => readKept().then(entry => {
    kept = null;  // the engine owns the entry's tables now
    const meta = index.config.handbook;
    const answered = engine !== null;  // by an engine of another edition: answer again
    const twoSteps = !meta.strings && Boolean(meta.text);
    const same = entry && meta.edition && entry.edition === meta.edition ? entry : null;
    edition = meta.edition;
    partial = false;
    if (!twoSteps) {
      engine = build(index, same && same.tables, null);
    } else if (same && same.strings) {  // a later page: everything is on the device
      engine = build(withText(index, same.strings), same.tables, index);
    } else {
      // Online the index comes in two steps: the text of the pages (two thirds of its
      // bytes) after the rest, so that the first results need only the smaller first file.
      engine = new HandbookSearch(withoutText(index));
      partial = true;
      fetchText(meta).then(strings => {
        if (!strings || edition !== meta.edition) return;
        engine = build(withText(index, strings), null, index);
        partial = false;
        if (asked !== null) postMessage({type: 3, data: engine.search(asked)});
      });
    }
    postMessage({type: 1});
    if (same && !partial) warmUp();  // the tables came from the device (the download too)
    if (answered && asked !== null) {
      const answer = engine.search(asked);
      postMessage({type: 3, data: partial ? withoutMissing(answer) : answer});
    }
  });
  addEventListener("message", event => {
    const message = event.data;
    if (message.type === OPENING) {
      mark("opening");
      // reading the device and the browser's cache only; `edition`: the page's, if it names it
      if (!early) early = fromDevice(message.edition || null);
    } else if (message.type === 0) {
      const index = message.data;
      ready = (early || Promise.resolve()).then(() => {
        if (engine && edition === index.config.handbook.edition) return undefined;
        return setup(index);
      });
    } else if (message.type === 2) {
      asked = message.data;
      const received = marked ? 0 : self.performance.now();
      ready.then(() => {
        const answer = engine ? engine.search(message.data) : {items: []};
        postMessage({type: 3, data: partial ? withoutMissing(answer) : answer});
        if (!marked && answer.items.length) {
          marked = true;
          mark("query", received);
          mark("answered");
        }
        later();
      });
    }
  });
  openIfKept();
  mark("loaded");  // the script evaluated (every function compiled: generator/search.py)
}
