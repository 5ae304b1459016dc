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
