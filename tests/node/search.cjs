// Runs the handbook's search worker script under Node for tests/test_search_engine.py.
// Reads one JSON request on stdin, writes one JSON answer on stdout:
//   {"worker": path, "index": path or object, "dictionary": [..] (optional),
//    "stem": [words], "words": [texts], "search": [queries], "kept": true (optional: search
//    with the tables a first engine built, after the structured clone IndexedDB keeps)}
"use strict";
const fs = require("fs");
const vm = require("vm");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const context = {module: {exports: {}}};
vm.createContext(context);
vm.runInContext(fs.readFileSync(request.worker, "utf8"), context);
const {HandbookSearch, words} = context.module.exports;
const index = typeof request.index === "string"
  ? JSON.parse(fs.readFileSync(request.index, "utf8")) : request.index;
const answer = {};
if (request.stem) {
  const dictionary = request.dictionary || index.config.handbook.dictionary;
  const stemmer = vm.runInContext(`new SastrawiStemmer(${JSON.stringify(dictionary)})`, context);
  answer.stem = request.stem.map(word => stemmer.stem(word));
}
if (request.words) answer.words = request.words.map(text => words(text).map(([w]) => w));
if (request.search) {
  let engine = new HandbookSearch(request.kept ? structuredClone(index) : index);
  if (request.kept) {
    const v8 = require("v8");
    engine = new HandbookSearch(index, v8.deserialize(v8.serialize(engine.tables())));
  }
  answer.search = request.search.map(query => engine.search(query).items);
}
process.stdout.write(JSON.stringify(answer));
