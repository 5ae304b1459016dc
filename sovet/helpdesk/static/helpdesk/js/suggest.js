// The request form: while the question is typed, up to three knowledge-base articles that may
// answer it; and the centre of the region chosen, until the person picks one. The form works
// fully without this script.
(function () {
  "use strict";
  var form = document.getElementById("help-request");
  if (!form) return;

  var box = document.getElementById("help-suggestions");
  var description = form.elements.description;
  var url = form.getAttribute("data-suggest");
  var timer = null;
  var last = "";

  function show(articles) {
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!articles.length) {
      box.hidden = true;
      return;
    }
    var heading = document.createElement("p");
    heading.textContent = box.getAttribute("data-title");
    var list = document.createElement("ul");
    list.className = "link-list";
    articles.forEach(function (article) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = article.url;
      link.target = "_blank";
      link.rel = "noopener";
      if (article.lang) link.lang = article.lang;
      var text = document.createElement("span");
      var title = document.createElement("strong");
      title.textContent = article.title;
      text.appendChild(title);
      if (article.summary) {
        var summary = document.createElement("span");
        summary.className = "meta";
        summary.textContent = article.summary;
        text.appendChild(document.createElement("br"));
        text.appendChild(summary);
      }
      link.appendChild(text);
      item.appendChild(link);
      list.appendChild(item);
    });
    var note = document.createElement("p");
    note.className = "help";
    note.textContent = box.getAttribute("data-note");
    box.appendChild(heading);
    box.appendChild(list);
    box.appendChild(note);
    box.hidden = false;
  }

  // The form's CSRF token: filled by core's sovet.js when the form is first used, or fetched.
  function token() {
    var input = form.elements.csrfmiddlewaretoken;
    if (input && input.value) return Promise.resolve(input.value);
    return fetch("/csrf/", { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      return r.text();
    });
  }

  function ask() {
    var text = description.value.trim().slice(0, 500);
    if (text === last) return;
    last = text;
    if (text.length < 4) {
      show([]);
      return;
    }
    // Sent in the body (a POST with the form's token), never in an address: the text is
    // about the person's situation.
    token()
      .then(function (value) {
        var body = new FormData();
        body.append("q", text);
        return fetch(url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { Accept: "application/json", "X-CSRFToken": value },
        });
      })
      .then(function (response) {
        return response.ok ? response.json() : { articles: [] };
      })
      .then(function (data) {
        if (text === last) show(data.articles || []);
      })
      .catch(function () {});
  }

  if (box && description && url && window.fetch) {
    description.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 600);
    });
  }

  // The centre follows the region until the person chooses a centre themselves.
  var mapping = document.getElementById("help-region-centres");
  var region = form.elements.region;
  var chosen = false;
  if (mapping && region) {
    var centres = JSON.parse(mapping.textContent);
    form.querySelectorAll('input[name="centre"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        chosen = true;
      });
    });
    region.addEventListener("change", function () {
      var centre = centres[region.value];
      if (chosen || !centre) return;
      var radio = form.querySelector('input[name="centre"][value="' + centre + '"]');
      if (radio) radio.checked = true;
    });
  }
})();
