/**
 * The announcements banner (layout.tsx's `#kb-announcements`): fetches the locale's announcements and
 * shows the ones running now by this browser's clock, so one that has ended goes without a rebuild and one
 * scheduled for later appears when it starts (checked again each minute). A reader may dismiss one; that
 * is remembered in this browser by announcement id.
 */
import { showing } from '../../content/announcement-window.ts';
import type { Announcement } from '../../content/schema/announcement.ts';

const DISMISSED_KEY = 'kotae.kb.dismissed';

function dismissed(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

function remember(ids: Set<string>): void {
  try {
    localStorage.setItem(DISMISSED_KEY, JSON.stringify([...ids]));
  } catch {
    // Storage off: dismissed for this page only.
  }
}

export async function announcements(): Promise<void> {
  const root = document.querySelector<HTMLElement>('#kb-announcements');
  if (!root?.dataset.src) return;
  const severity = JSON.parse(root.dataset.severity ?? '{}') as Record<string, string>;
  let list: Announcement[];
  try {
    const response = await fetch(root.dataset.src);
    if (!response.ok) return;
    list = ((await response.json()) as { announcements: Announcement[] }).announcements;
  } catch {
    // Offline without a cached copy: the page reads the same without its banner.
    return;
  }
  const hidden = dismissed();
  const show = () => {
    const now = showing(list, Date.now()).filter((a) => !hidden.has(a.id));
    root.replaceChildren(
      ...now.map((a) =>
        item(a, severity[a.severity] ?? a.severity, root.dataset.dismiss ?? '', () => {
          hidden.add(a.id);
          remember(hidden);
          show();
          document.querySelector<HTMLElement>('#kb-main')?.focus();
        }),
      ),
    );
    root.hidden = now.length === 0;
  };
  show();
  // Marks that the banner reflects the data (shown or not), for whoever waits for it.
  root.dataset.ready = '';
  setInterval(show, 60_000);
}

function item(a: Announcement, severityLabel: string, dismissLabel: string, onDismiss: () => void): HTMLElement {
  const box = document.createElement('div');
  box.className = `announcement announcement-${a.severity}`;
  box.dataset.id = a.id;
  box.lang = a.locale;
  const title = document.createElement('p');
  title.className = 'announcement-title';
  const badge = document.createElement('span');
  badge.className = 'announcement-severity';
  badge.textContent = severityLabel;
  const strong = document.createElement('strong');
  strong.textContent = a.title;
  title.append(badge, ' ', strong);
  const body = document.createElement('div');
  body.className = 'announcement-body';
  // Rendered and sanitized by the build's pipeline, like an entry's text.
  body.innerHTML = a.html;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'announcement-dismiss';
  close.setAttribute('aria-label', `${dismissLabel}: ${a.title}`);
  close.textContent = '×';
  close.addEventListener('click', onDismiss);
  box.append(title, body, close);
  return box;
}
