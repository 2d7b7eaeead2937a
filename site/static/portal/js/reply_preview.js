// The reply form's live preview: as the drafter types, the letter beside the form is rendered
// again by the server (the same parts as the PDF and the public page; nothing is saved).
// Without this script the form's 预览 button shows the same letter after a round trip.
(function () {
  "use strict";

  var form = document.querySelector("form[data-reply-form]");
  var preview = document.querySelector("[data-reply-preview]");
  if (!form || !preview || !window.fetch) {
    return;
  }
  var url = form.getAttribute("data-preview-url");
  var timer = null;
  var latest = 0;

  function refresh() {
    var asked = ++latest;
    fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        // An answer to an older request never overwrites a newer one; a refusal keeps the last letter.
        if (html !== null && asked === latest) {
          preview.innerHTML = html;
        }
      })
      .catch(function () {});
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
