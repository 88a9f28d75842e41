import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Announcement } from '../../content/schema/index.ts';
import type { WidgetSession } from '../session.ts';

const DISMISS = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z"/></svg>`;

/**
 * The announcements running now for the host's product, above the panel's views: a named region, each
 * with its severity as a word and a colour, its text (rendered and sanitized by the build) and a button to
 * dismiss it. Links to entries open in the panel, like an article's.
 */
export function announcementList(
  session: WidgetSession,
  items: readonly Announcement[],
  on: { dismiss: (id: string) => void; open: (target: string) => void },
) {
  if (!items.length) return nothing;
  const t = session.i18n.t;
  const click = (event: MouseEvent) => {
    const link = (event.target as Element).closest?.('a');
    if (!link) return;
    const url = new URL(link.href);
    const entry = /\/(?:faq|articles)\/([^/]+)\/$/.exec(url.pathname);
    if (entry && link.href.startsWith(session.data.base)) {
      event.preventDefault();
      on.open(url.hash ? `${entry[1]}#${url.hash.slice(1)}` : entry[1]!);
    }
  };
  return html`<section class="announcements" aria-label=${t('announcements.label')}>
    ${items.map(
      (a) => html`<div class="announcement ${a.severity}" data-id=${a.id} lang=${a.locale}>
        <p class="announcement-title"><span class="severity">${t(`announcements.severity.${a.severity}`)}</span> <strong>${a.title}</strong></p>
        <div class="announcement-body" @click=${click}>${unsafeHTML(a.html)}</div>
        <button class="dismiss" part="button" aria-label=${`${t('announcements.dismiss')}: ${a.title}`} @click=${() => on.dismiss(a.id)}>${DISMISS}</button>
      </div>`,
    )}
  </section>`;
}
