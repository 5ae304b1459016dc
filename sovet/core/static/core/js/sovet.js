/* Optional enhancement: the main menu is <details open> in the HTML so it
   works without JavaScript; on small screens start with it closed.
   Keep the breakpoint in sync with sovet.css (62em). */
(function () {
  var menu = document.querySelector(".main-nav__toggle");
  if (!menu || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 62em)");
  function sync() { menu.open = wide.matches; }
  sync();
  if (wide.addEventListener) wide.addEventListener("change", sync);
  else if (wide.addListener) wide.addListener(sync);
})();

/* Buttons that print the page (placards): shown only when JavaScript can run them. */
(function () {
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();

/* Forms on pages served from the cache carry no CSRF token (it would be another visitor's):
   the token is fetched from /csrf/ when the form is first used, and before it is sent.
   Without JavaScript the form says where to send it from (core.templatetags form_token). */
(function () {
  var inputs = document.querySelectorAll("input[data-form-token]");
  for (var i = 0; i < inputs.length; i++) watch(inputs[i]);

  function watch(input) {
    var form = input.form;
    var pending = null;
    function fetchToken() {
      if (!pending) {
        pending = fetch("/csrf/", { credentials: "same-origin", cache: "no-store" })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.text();
          })
          .then(function (token) { input.value = token; })
          .catch(function (error) { pending = null; throw error; });
      }
      return pending;
    }
    form.addEventListener("focusin", function () { fetchToken().catch(function () {}); });
    form.addEventListener("submit", function (event) {
      if (input.value) return;
      event.preventDefault();
      var send = function () { form.submit(); };
      fetchToken().then(send, send);
    });
  }
})();

/* "Back to the form" after a refused form: the browser's own Back, which keeps what was typed
   (the link itself opens the form afresh, for a visitor without JavaScript or history). */
(function () {
  var links = document.querySelectorAll("a[data-history-back]");
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", function (event) {
      if (window.history.length > 1) {
        event.preventDefault();
        window.history.back();
      }
    });
  }
})();
