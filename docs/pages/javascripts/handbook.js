// Shows the "review overdue" notice of a protocol page once its review date has passed.
// Done in the browser, so a page built or saved offline long ago still warns today.
(function () {
  function showOverdue() {
    var today = new Date().toISOString().slice(0, 10);
    document.querySelectorAll("[data-review-due]").forEach(function (notice) {
      if (notice.getAttribute("data-review-due") < today) notice.hidden = false;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showOverdue);
  } else {
    showOverdue();
  }
})();

// The theme's search dialog has no accessible name; give it one.
document.querySelectorAll(".md-search[role=dialog]").forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Pencarian");
});
