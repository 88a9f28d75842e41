// In-app page: the host app sets context, identity, prefill and diagnostics, and listens to events.
var log = document.getElementById('log');
function note(text) {
  var li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  log.prepend(li);
}
function setContext() {
  var context = { product: document.getElementById('product').value || undefined, page: document.getElementById('page').value || undefined };
  Kotae('setContext', context);
  note(`setContext ${JSON.stringify(context)}`);
}
// Queued before the loader runs: replayed in order once it does.
setContext();
['open', 'close', 'search', 'article:view', 'vote', 'inquiry:start', 'inquiry:deflect', 'inquiry:submit', 'inquiry:error'].forEach((name) => {
  Kotae('on', name, (detail) => {
    note(`event ${name} ${JSON.stringify(detail)}`);
  });
});
document.getElementById('set-context').addEventListener('click', setContext);
document.getElementById('identify').addEventListener('click', () => {
  // The app's server signs a JWT for its signed-in user with the identity secret the intake verifies
  // (under `npm start`, /demo/identity-token plays that server).
  fetch('/demo/identity-token')
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
    .then((body) => {
      Kotae('identify', body.token);
      note('identify user-42 (signed token)');
    })
    .catch((error) => {
      note(`no identity server here (${error.message}): run npm start`);
    });
});
document.getElementById('prefill').addEventListener('click', () => {
  Kotae('prefill', { name: 'Aki Tanaka', email: 'aki@example.com', product: 'cloud-db', resource: 'cluster' });
  note('prefill name, email, product, resource');
});
document.getElementById('diagnostics').addEventListener('click', () => {
  Kotae('diagnostics', () => ({ cluster: 'prod-tokyo-1', region: 'tokyo', connections: 497, maxConnections: 500, userAgent: navigator.userAgent }));
  note('diagnostics provider set');
});
document.getElementById('locale-ja').addEventListener('click', () => {
  Kotae('setLocale', 'ja');
  note('setLocale ja');
});
document.getElementById('locale-en').addEventListener('click', () => {
  Kotae('setLocale', 'en');
  note('setLocale en');
});
document.getElementById('search').addEventListener('click', () => {
  Kotae('search', 'too many connections').then((hits) => {
    note(`search → ${hits.length} hits, first: ${hits[0] ? hits[0].title : '-'}`);
  });
});
document.getElementById('contact').addEventListener('click', () => {
  Kotae('open', { view: 'inquiry' });
});
