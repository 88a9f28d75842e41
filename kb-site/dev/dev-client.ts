/**
 * The live-preview client that `npm run dev` adds to every page (never part of a build): listens to the dev
 * server's events, reloads the page when the content was rebuilt (keeping the scroll position), and shows
 * content errors in an overlay with file, line and fix until they are fixed.
 */
interface DevProblem {
  where: string;
  message: string;
  fix: string;
}
interface ProblemsEvent {
  title: string;
  fixLabel: string;
  closeLabel: string;
  problems: DevProblem[];
}

const SCROLL_KEY = 'kotae.dev.scroll';
const saved = sessionStorage.getItem(SCROLL_KEY);
if (saved !== null) {
  sessionStorage.removeItem(SCROLL_KEY);
  const [path, y] = saved.split('\n');
  if (path === location.pathname) addEventListener('load', () => scrollTo(0, Number(y)));
}

let overlay: HTMLElement | undefined;

function showProblems(event: ProblemsEvent): void {
  overlay?.remove();
  overlay = undefined;
  if (!event.problems.length) return;
  const box = document.createElement('section');
  box.className = 'kotae-dev-overlay';
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-labelledby', 'kotae-dev-title');
  const title = document.createElement('h2');
  title.id = 'kotae-dev-title';
  title.textContent = event.title;
  const list = document.createElement('ol');
  for (const p of event.problems) {
    const item = document.createElement('li');
    const where = document.createElement('code');
    where.className = 'kotae-dev-where';
    where.textContent = p.where;
    const message = document.createElement('p');
    message.textContent = p.message;
    const fix = document.createElement('p');
    fix.className = 'kotae-dev-fix';
    const label = document.createElement('strong');
    label.textContent = `${event.fixLabel} `;
    fix.append(label, p.fix);
    item.append(where, message, fix);
    list.append(item);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = event.closeLabel;
  close.addEventListener('click', () => {
    box.remove();
    overlay = undefined;
  });
  box.append(title, list, close);
  document.body.append(box);
  overlay = box;
  close.focus();
}

const events = new EventSource(`/__kotae/events?lang=${encodeURIComponent(document.documentElement.lang)}`);
// Said on the page so a writer's tools (and the tests) can see that saves will now reload it.
events.addEventListener('open', () => (document.documentElement.dataset.kotaeLive = 'connected'));
events.addEventListener('error', () => delete document.documentElement.dataset.kotaeLive);
events.addEventListener('reload', () => {
  sessionStorage.setItem(SCROLL_KEY, `${location.pathname}\n${scrollY}`);
  location.reload();
});
events.addEventListener('problems', (message) => showProblems(JSON.parse((message as MessageEvent<string>).data) as ProblemsEvent));
