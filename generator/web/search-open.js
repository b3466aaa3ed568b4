/* Search costs nothing until it is used: the theme asks for the search index as soon as a page
   loads (online; from disk it already waits for the search box), which on a slow phone link
   meant downloading it with every page. This script runs before the theme's and holds that
   one request back until a person opens the search box; then the index comes (from the
   browser's cache or the installed app's after the first time), the worker starts and the
   first results follow. Nothing else is touched: every other request goes out as it would.
   generator/search.py puts it in front of the theme's scripts on every page.

   At that moment it first tells the search worker the box is opening (the worker the theme
   creates with the handbook's worker script, noted as it is created). On a page after one
   that searched, the worker answers from what the device keeps (web/worker.js) and the
   theme's copy of the index is never fetched nor parsed on this page's main thread;
   otherwise the worker asks for it ("index") and the held request goes out. The page's own
   edition of the index, which generator/search.py writes on this script's tag, goes with
   that word: when the device keeps that edition the worker fetches nothing at all. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var index = typeof WeakSet === "function" ? new WeakSet() : null;
  var held = [];
  var started = false;
  var WORKER = /\/javascripts\/search\.[0-9a-f]+\.js$/;
  var ASK_WAIT = 800;  // ms: a worker that has not answered by then gets the index as before
  var Native = window.Worker;
  var worker = null;
  var script = document.currentScript;
  var edition = (script && script.getAttribute("data-edition")) || null;

  if (typeof Native === "function") {
    // A constructor returning the worker it made: `new Worker(url)` gives the same object.
    window.Worker = function (url, options) {
      var made = new Native(url, options);
      try {
        if (WORKER.test(new URL(String(url), location.href).pathname)) worker = made;
      } catch (error) {
        // an address this page cannot read: not the search worker
      }
      return made;
    };
    window.Worker.prototype = Native.prototype;
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    if (index && INDEX.test(new URL(String(url), location.href).pathname)) index.add(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!started && index && index.has(this)) {
      var request = this;
      var args = arguments;
      held.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    held.splice(0).forEach(function (go) { go(); });
  }

  function start() {
    if (started) return;
    started = true;
    if (!worker) {
      release();
      return;
    }
    // A worker with this edition's tables and the index's first step on the device answers
    // by itself (READY) and the theme's copy is never fetched; otherwise it asks for it.
    var late = setTimeout(release, ASK_WAIT);
    worker.addEventListener("message", function (event) {
      var type = event.data && event.data.type;
      if (type === 1) clearTimeout(late);
      else if (type === "index") {
        clearTimeout(late);
        release();
      }
    });
    worker.postMessage({type: "opening", edition: edition});
  }

  function isSearch(target) {
    return target instanceof Element &&
      (target.matches(".md-search__input") || target.id === "__search" ||
       target.closest("label[for=__search]") !== null);
  }

  // Opening the search box: tapping the magnifier, focusing the box (click, "/" or "s"), or a
  // link that opens search with a query (?q=, which the theme answers by focusing the box).
  document.addEventListener("focusin", function (event) {
    if (isSearch(event.target)) start();
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (isSearch(event.target)) start();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) start();
  }, true);
})();
