// calsync dashboard: the little behaviour htmx attributes cannot express without eval (the page's
// Content-Security-Policy forbids eval and inline scripts).
(function () {
  'use strict';

  // Sections refresh themselves by polling and are replaced whole. While the user is in one of
  // their controls (typing a new name, tabbing to a button), skip the poll: replacing the section
  // would throw away the typing and the keyboard focus.
  document.addEventListener('htmx:beforeRequest', function (evt) {
    var elt = evt.detail.elt;
    var active = document.activeElement;
    if (elt.tagName === 'SECTION' && active && active !== document.body && elt.contains(active)) {
      evt.preventDefault();
    }
  });

  // After a form's answer replaced its section, put the keyboard focus on the outcome message, so
  // keyboard and screen-reader users learn what happened and do not start over from the top.
  document.addEventListener('htmx:afterSettle', function (evt) {
    var cfg = evt.detail.requestConfig;
    if (!cfg || cfg.verb !== 'post') return;
    var section = document.getElementById(evt.detail.target.id) || document.getElementById(evt.detail.elt.id);
    var flash = section && section.querySelector('.flash');
    if (flash) {
      flash.setAttribute('tabindex', '-1');
      flash.focus();
    }
  });
})();
