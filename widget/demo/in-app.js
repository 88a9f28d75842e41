// In-app page: the host app sets context, identity, prefill and diagnostics, and listens to events.
var log = document.getElementById('log');
function note(text) {
  var li = document.createElement('li');
  li.textContent = new Date().toLocaleTimeString() + '  ' + text;
  log.prepend(li);
}
function setContext() {
  var context = { product: document.getElementById('product').value || undefined, page: document.getElementById('page').value || undefined };
  Kotae('setContext', context);
  note('setContext ' + JSON.stringify(context));
}
// Queued before the loader runs: replayed in order once it does.
setContext();
['open', 'close', 'search', 'article:view', 'vote', 'inquiry:start', 'inquiry:deflect', 'inquiry:submit', 'inquiry:error'].forEach(function (name) {
  Kotae('on', name, function (detail) { note('event ' + name + ' ' + JSON.stringify(detail)); });
});
document.getElementById('set-context').addEventListener('click', setContext);
document.getElementById('identify').addEventListener('click', function () {
  // The app's server signs a JWT for its signed-in user with the identity secret the intake verifies
  // (under `npm start`, /demo/identity-token plays that server).
  fetch('/demo/identity-token')
    .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error(String(response.status))); })
    .then(function (body) { Kotae('identify', body.token); note('identify user-42 (signed token)'); })
    .catch(function (error) { note('no identity server here (' + error.message + '): run npm start'); });
});
document.getElementById('prefill').addEventListener('click', function () {
  Kotae('prefill', { name: 'Aki Tanaka', email: 'aki@example.com', product: 'cloud-db', resource: 'cluster' });
  note('prefill name, email, product, resource');
});
document.getElementById('diagnostics').addEventListener('click', function () {
  Kotae('diagnostics', function () {
    return { cluster: 'prod-tokyo-1', region: 'tokyo', connections: 497, maxConnections: 500, userAgent: navigator.userAgent };
  });
  note('diagnostics provider set');
});
document.getElementById('locale-ja').addEventListener('click', function () { Kotae('setLocale', 'ja'); note('setLocale ja'); });
document.getElementById('locale-en').addEventListener('click', function () { Kotae('setLocale', 'en'); note('setLocale en'); });
document.getElementById('search').addEventListener('click', function () {
  Kotae('search', 'too many connections').then(function (hits) { note('search → ' + hits.length + ' hits, first: ' + (hits[0] ? hits[0].title : '-')); });
});
document.getElementById('contact').addEventListener('click', function () { Kotae('open', { view: 'inquiry' }); });
