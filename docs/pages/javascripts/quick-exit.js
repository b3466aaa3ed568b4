// Quick exit, after the GOV.UK "Exit this page" component: one tap on the button, or Shift
// pressed three times within 5 seconds, hides the page at once and replaces it with a neutral
// page in the browser history, so that Back does not return here. The neutral page is part of
// the handbook, so it works offline too.
// Loaded in <head>, before anything else: it listens on the document, so it works from the
// first moment the button is on screen, even while the rest of the page is still loading.
(function () {
  var presses = 0;
  var timer = null;

  function exitLink() {
    return document.querySelector("[data-hb-exit]");
  }

  function exit(event) {
    var link = exitLink();
    if (!link) return;
    if (event) event.preventDefault();
    document.documentElement.classList.add("hb-exiting");
    window.location.replace(link.href);
  }

  function say(text) {
    var status = document.querySelector("[data-hb-exit-status]");
    if (status) status.textContent = text;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-hb-exit]")) exit(event);
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    if (event.repeat) return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () {
      presses = 0;
      say("");
    }, 5000);
    if (presses >= 3) {
      exit();
    } else {
      say("Shift, tekan " + (3 - presses) + " kali lagi untuk keluar cepat");
    }
  }, true);
  // Coming back through the browser's cache shows the page again, usable.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.documentElement.classList.remove("hb-exiting");
  });
})();
