/*
 * Quick exit. Without JavaScript the button is a plain link to a neutral site
 * (through the site's sign-out first, for members who asked for that).
 * With it: the page is replaced in history (so Back doesn't show it), three
 * presses of Escape do the same, and if Back ever lands on this site again in
 * the same tab, it leaves straight away.
 */
(function () {
  "use strict";
  var KEY = "quick-exit-to";
  var WINDOW_MS = 2000;
  var presses = [];

  function remembered() {
    try { return window.sessionStorage.getItem(KEY); } catch (e) { return null; }
  }

  function leave(url) {
    document.documentElement.classList.add("is-exiting");
    try { window.sessionStorage.setItem(KEY, url); } catch (e) { /* private mode */ }
    window.location.replace(url);
  }

  function arrivedByHistory() {
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation") : [];
    return entries.length > 0 && entries[0].type === "back_forward";
  }

  var exitedTo = remembered();
  if (exitedTo) {
    if (arrivedByHistory()) {
      leave(exitedTo);
    } else {
      try { window.sessionStorage.removeItem(KEY); } catch (e) { /* ignore */ }
    }
  }

  window.addEventListener("pageshow", function (event) {
    var url = remembered();
    if (event.persisted && url) { leave(url); }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-quick-exit]") : null;
    if (!link) { return; }
    event.preventDefault();
    leave(link.href);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= 3) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) { leave(link.href); }
    }
  });
})();
