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

let loaded: Promise<Announcement[]> | undefined;

/** The locale's announcements as the build wrote them (fetched once per page); none when it has none or they cannot be had. */
export function announcementData(): Promise<Announcement[]> {
  loaded ??= (async () => {
    const src = document.querySelector<HTMLElement>('#kb-announcements')?.dataset.src;
    if (!src) return [];
    try {
      const response = await fetch(src);
      return response.ok ? ((await response.json()) as { announcements: Announcement[] }).announcements : [];
    } catch {
      // Offline without a cached copy: the page reads the same without them.
      return [];
    }
  })();
  return loaded;
}

/** The banner's strings (rendered into its `data-*` attributes from the page's language). */
export function announcementLabels(): { label: string; severity: Record<string, string>; dismiss: string } {
  const data = document.querySelector<HTMLElement>('#kb-announcements')?.dataset ?? {};
  return {
    label: document.querySelector('#kb-announcements')?.getAttribute('aria-label') ?? '',
    severity: JSON.parse(data.severity ?? '{}'),
    dismiss: data.dismiss ?? '',
  };
}

export async function announcements(): Promise<void> {
  const root = document.querySelector<HTMLElement>('#kb-announcements');
  if (!root?.dataset.src || root.dataset.banner === 'off') return;
  const severity = announcementLabels().severity;
  const list = await announcementData();
  const hidden = dismissed();
  const show = () => {
    // On a product's pages, only what concerns that product (or every product), as in the widget.
    const now = showing(list, Date.now(), root.dataset.product).filter((a) => !hidden.has(a.id));
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

/** One announcement; without `onDismiss`, no dismiss button (search results list them, the banner lets them go). */
export function item(a: Announcement, severityLabel: string, dismissLabel: string, onDismiss?: () => void): HTMLElement {
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
  box.append(title, body);
  if (!onDismiss) return box;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'announcement-dismiss';
  close.setAttribute('aria-label', `${dismissLabel}: ${a.title}`);
  close.textContent = '×';
  close.addEventListener('click', onDismiss);
  box.append(close);
  return box;
}
