/* Reactions without a page reload. The reaction buttons belong to the thread
   page's one form (id "post-actions"); without JavaScript they post it normally. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (form.id !== "post-actions" || !button || button.name !== "react" || !window.fetch) { return; }
    event.preventDefault();
    var body = new FormData(form);
    body.append(button.name, button.value);
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: body,
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (response.redirected) {
        // Signed out meanwhile, so the site answered with its sign-in page.
        // Send the form the plain way: the browser then goes to sign in, is
        // told why, and comes back to this page afterwards.
        fallback(form, button);
        return null;
      }
      if (!response.ok) { throw new Error("reaction failed"); }
      return response.json();
    }).then(function (data) {
      if (!data) { return; }
      button.setAttribute("aria-pressed", data.active ? "true" : "false");
      button.querySelector("span").textContent = data.count;
    }).catch(function () {
      fallback(form, button);
    }).finally(function () {
      button.disabled = false;
    });
  });

  // Post the form without this script, as if it weren't there.
  function fallback(form, button) {
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = button.name;
    field.value = button.value;
    form.appendChild(field);
    HTMLFormElement.prototype.submit.call(form);
  }
})();
