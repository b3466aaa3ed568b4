// Small behaviours of the handbook's pages. No data leaves the device.
(function () {
  var here = document.currentScript && document.currentScript.src;
  var root = here ? new URL("../", here) : new URL("./", location.href);

  // The "review overdue" notice of a protocol page, decided in the browser so that a page
  // built or saved long ago still warns today.
  function showOverdue() {
    var today = new Date().toISOString().slice(0, 10);
    document.querySelectorAll("[data-review-due]").forEach(function (notice) {
      if (notice.getAttribute("data-review-due") < today) notice.hidden = false;
    });
  }

  // Printing shows every folded part; what the reader had open stays open afterwards.
  function unfoldForPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.splice(0).forEach(function (d) { d.open = false; });
    });
  }

  // A link to a folded part ("6 tanda lain", "Bila korban anak") opens it: one tap, not two.
  // The target is the fold itself or the heading right above it.
  function openLinkedFolds() {
    function open() {
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && target.tagName !== "DETAILS") target = target.nextElementSibling;
      if (target && target.tagName === "DETAILS") target.open = true;
    }
    window.addEventListener("hashchange", open);
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href^='#']");
      if (link && link.getAttribute("href") === location.hash) open();
    });
    open();
  }

  // While the service worker saves the edition: how far it is, then that it is ready (or not).
  function saveStatus(text, state) {
    var line = document.querySelector(".hb-savestate");
    var now = line && line.getAttribute("data-state");
    if (now === "failed" || (now === "ready" && state === "saving")) return;  // stays said
    if (!line) {
      var inner = document.querySelector(".md-content__inner") || document.body;
      line = document.createElement("p");
      line.className = "hb-savestate";
      line.setAttribute("role", "status");
      inner.insertBefore(line, inner.firstChild);
    }
    line.setAttribute("data-state", state);
    line.textContent = text;
  }

  function saveFailed() {
    saveStatus("Belum tersimpan untuk dibuka tanpa internet. Buka lagi saat ada sinyal.",
      "failed");
  }

  // The theme's search dialog has no accessible name; give it one.
  function nameSearch() {
    document.querySelectorAll(".md-search[role=dialog]").forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Pencarian");
    });
  }

  // Offline use: the service worker keeps one whole edition; a new one is offered, not forced.
  function offerUpdate(worker) {
    if (document.querySelector(".hb-update")) return;
    var bar = document.createElement("div");
    bar.className = "hb-update";
    bar.setAttribute("role", "status");
    bar.textContent = "Versi baru tersedia. ";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Muat ulang";
    button.addEventListener("click", function () {
      window.__hbUpdating = true;
      worker.postMessage({ type: "SKIP_WAITING" });
    });
    bar.appendChild(button);
    document.body.appendChild(bar);
  }

  function offline() {
    if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
    var sw = navigator.serviceWorker;
    var firstSave = !sw.controller;
    sw.register(new URL("sw.js", root)).then(function (registration) {
      if (registration.waiting && sw.controller) offerUpdate(registration.waiting);
      var installing = registration.installing;
      if (firstSave && installing) {
        saveStatus("Menyimpan untuk dibuka tanpa internet ...", "saving");
        installing.addEventListener("statechange", function () {
          if (installing.state === "redundant") saveFailed();
        });
      }
      if (firstSave) {
        sw.ready.then(function () { saveStatus("Siap dibuka tanpa internet.", "ready"); });
      }
      registration.addEventListener("updatefound", function () {
        var worker = registration.installing;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && sw.controller) offerUpdate(worker);
        });
      });
    }).catch(function () {
      if (firstSave) saveFailed();
    });
    sw.addEventListener("controllerchange", function () {
      if (window.__hbUpdating) location.reload();
    });
    sw.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === "PRECACHE" && firstSave && data.done < 0) saveFailed();
      if (data.type === "PRECACHE" && firstSave && data.done >= 0 && data.done < data.total) {
        saveStatus("Menyimpan untuk dibuka tanpa internet: " + data.done + "/" + data.total,
          "saving");
      }
      var edition = document.querySelector("[data-hb-offline-edition]");
      if (data.type === "EDITION" && edition) {
        edition.textContent = "Tersimpan di perangkat ini untuk dibuka tanpa internet (kode edisi "
          + data.edition + ").";
      }
      var status = document.querySelector("[data-hb-save-status]");
      if (data.type === "CACHED_OPTIONAL" && status) {
        status.textContent = data.count >= 0
          ? "Semua daftar periksa (" + data.count + " berkas) tersimpan untuk dibuka tanpa internet."
          : "Belum berhasil menyimpan; coba lagi saat ada sinyal.";
      }
    });
    var panel = document.querySelector("[data-hb-offline]");
    if (!panel) return;
    sw.ready.then(function (registration) {
      panel.hidden = false;
      registration.active.postMessage({ type: "EDITION" });
      var save = document.querySelector("[data-hb-save-all]");
      save.addEventListener("click", function () {
        document.querySelector("[data-hb-save-status]").textContent = "Menyimpan ...";
        registration.active.postMessage({ type: "CACHE_OPTIONAL" });
      });
    });
  }

  function start() {
    showOverdue();
    unfoldForPrint();
    openLinkedFolds();
    nameSearch();
    offline();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
