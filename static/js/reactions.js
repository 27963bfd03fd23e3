/* Reactions without a page reload. Without JavaScript the same forms post normally. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("reaction-form") || !window.fetch) { return; }
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (response.redirected) {
        // Signed out meanwhile, so the site answered with its sign-in page.
        // Send the form the plain way: the browser then goes to sign in, is
        // told why, and comes back to this page afterwards.
        form.submit();
        return null;
      }
      if (!response.ok) { throw new Error("reaction failed"); }
      return response.json();
    }).then(function (data) {
      if (!data) { return; }
      button.setAttribute("aria-pressed", data.active ? "true" : "false");
      button.querySelector(".reaction-count").textContent = data.count;
    }).catch(function () {
      form.submit();
    }).finally(function () {
      button.disabled = false;
    });
  });
})();
