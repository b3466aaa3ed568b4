/* Search costs nothing until it is used: the theme asks for the search index as soon as a page
   loads (online; from disk it already waits for the search box), which on a slow phone link
   meant downloading it with every page. This script runs before the theme's and holds that
   one request back until a person opens the search box; then the index comes (from the
   browser's cache or the installed app's after the first time), the worker starts and the
   first results follow. Nothing else is touched: every other request goes out as it would.
   generator/search.py puts it in front of the theme's scripts on every page. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var index = typeof WeakSet === "function" ? new WeakSet() : null;
  var held = [];
  var started = false;

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

  function start() {
    if (started) return;
    started = true;
    held.splice(0).forEach(function (go) { go(); });
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
