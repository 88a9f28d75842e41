// The queue stub: lets the page call Kotae(...) before widget/kotae.js has loaded. The loader replays
// these calls in order. Under a strict CSP it must be a file like this one, not an inline script.
window.Kotae =
  window.Kotae ||
  function () {
    (window.Kotae.q = window.Kotae.q || []).push(Array.prototype.slice.call(arguments));
  };
