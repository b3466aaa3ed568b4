/* Worker glue: Material's messages (SETUP 0, READY 1, QUERY 2, RESULT 3), and the engine's
   tables kept on the device once per edition.

   Reading every doc of the index (search-index.js `add`) is most of the time between opening the
   search box and the first results once the index is in the browser's cache: the worker starts
   afresh on every page. So after a first search the worker keeps what it built in IndexedDB,
   under the edition's digest (`config.handbook.edition`, generator/search.py: the index and
   this worker's code); a later page with the same edition takes the tables from there. One
   entry only, replaced by the next edition's. The tables hold the handbook's own words, the
   same for everyone: never a query. Where IndexedDB is missing, refused or slow (some browsers
   from disk, private windows), the worker builds the tables as before. */
"use strict";

const TABLES_DB = "buku-saku-pencarian";
const TABLES_STORE = "tabel";
const TABLES_KEY = "edisi";
const TABLES_WAIT = 1500;   // ms: slower than building them, so build them
const KEEP_AFTER = 1000;    // ms without a query before the tables are written

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

/* The kept tables of this edition, or null. */
function keptTables(edition) {
  if (!edition || !self.indexedDB) return Promise.resolve(null);
  const read = openTables().then(db => db && new Promise(resolve => {
    try {
      const get = db.transaction(TABLES_STORE).objectStore(TABLES_STORE).get(TABLES_KEY);
      get.onsuccess = () => {
        const kept = get.result;
        resolve(kept && kept.edition === edition ? kept.tables : null);
      };
      get.onerror = () => resolve(null);
    } catch (error) {
      resolve(null);
    } finally {
      db.close();
    }
  }));
  const late = new Promise(resolve => setTimeout(() => resolve(null), TABLES_WAIT));
  return Promise.race([read, late]).catch(() => null);
}

function keepTables(edition, tables) {
  if (!edition || !self.indexedDB) return;
  openTables().then(db => {
    if (!db) return;
    try {
      const store = db.transaction(TABLES_STORE, "readwrite").objectStore(TABLES_STORE);
      store.put({edition, tables}, TABLES_KEY);  // one entry: the last edition's
    } catch (error) {
      // not kept: the next page builds the tables again
    } finally {
      db.close();
    }
  }).catch(() => {});
}

if (typeof module === "undefined") {
  let engine = null;
  let ready = Promise.resolve();
  let keep = null;  // the tables still to be written, once the queries pause
  let timer = null;
  const later = () => {
    clearTimeout(timer);
    if (keep) timer = setTimeout(() => { keep(); keep = null; }, KEEP_AFTER);
  };
  addEventListener("message", event => {
    const message = event.data;
    if (message.type === 0) {
      const index = message.data;
      const edition = index.config.handbook.edition;
      ready = keptTables(edition).then(tables => {
        let kept = null;
        if (tables) {
          try {
            kept = new HandbookSearch(index, tables);
          } catch (error) {
            kept = null;  // tables of another shape: build them again
          }
        }
        engine = kept || new HandbookSearch(index);
        if (!kept) {
          keep = () => keepTables(edition, engine.tables());
          later();
        }
        postMessage({type: 1});
      });
    } else if (message.type === 2) {
      ready.then(() => {
        postMessage({type: 3, data: engine ? engine.search(message.data) : {items: []}});
        later();
      });
    }
  });
}
