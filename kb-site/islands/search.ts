/**
 * The search page's island (`/<locale>/search/?q=`): the same engine, sharded index and "nothing answers"
 * gate as the widget, loaded on the first query; results with their answering passage, matched words
 * marked; the query kept in the URL so results can be shared and reloaded. When nothing answers it says
 * so, offers contact first and shows what matched weakly under "Possibly related". Contact follows the
 * site's `contact.visible` and queries asking for a person as in the widget (widget/contact-gate.ts).
 * Every string comes from the page's `data-*` attributes (rendered from `i18n/<locale>/site.json`), so the
 * island holds no text of its own.
 */
import { answers, loadIndex, search, type SearchIndex, type SearchResult } from '../../search/index.ts';
import type { ContactVisibility } from '../../widget/contact-gate.ts';
import { contactVisible } from '../../widget/contact-gate.ts';
import { asksForPerson, personPhrases } from '../../widget/person-request.ts';
import { relatedTo, showing } from '../../content/announcement-window.ts';
import { announcementData, announcementLabels, item as announcementItem } from './announcements.ts';
import { kbAnalytics } from './kb-analytics.ts';
import { RESULTS_SHOWN, type StatusLines, statusLine } from './search-status.ts';

const root = document.getElementById('kb-search');
const form = root?.querySelector('form');
const input = root?.querySelector<HTMLInputElement>('input[name="q"]');
const status = document.getElementById('kb-search-status');
const area = document.getElementById('kb-search-results');

if (root && form && input && status && area) {
  const data = root.dataset;
  const locale = data.locale ?? document.documentElement.lang;
  const indexUrl = new URL(data.index ?? '', location.href);
  const lines = JSON.parse(data.status ?? '[]') as StatusLines;
  const noAnswer = JSON.parse(data.noAnswer ?? '[]') as string[];
  const languages = JSON.parse(data.languages ?? '{}') as Record<string, string>;
  const mode = (data.contactMode ?? 'when-unanswered') as ContactVisibility;
  const phrases = personPhrases(data.personPhrases ?? '');
  // Searches for the site's insights (an article opened from the results says so itself: site.ts).
  const analytics = kbAnalytics();
  let index: Promise<SearchIndex> | undefined;
  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fetchFile = async (path: string): Promise<string | Uint8Array> => {
    const response = await fetch(new URL(path, indexUrl));
    if (!response.ok) throw new Error(`${response.status} ${path}`);
    return path.endsWith('.bin') ? new Uint8Array(await response.arrayBuffer()) : response.text();
  };

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const item = (result: SearchResult, level: 'h2' | 'h3'): HTMLLIElement => {
    const li = el('li', 'search-result');
    const heading = el(level, 'search-result-title');
    const link = el('a', undefined, result.title);
    link.href = result.url;
    heading.append(link);
    li.append(heading);
    const from = result.fallbackFrom;
    // An entry shown from another language says which, in the page's language; its own text keeps its `lang`.
    if (from) {
      heading.lang = from;
      const note = el('p', 'entry-type entry-language', languages[from] ?? from);
      note.lang = locale;
      li.append(note);
    }
    if (result.headings.length) li.append(el('p', 'search-result-path', result.headings.join(' › ')));
    const snippet = el('p', 'search-result-snippet');
    for (const part of result.snippet) snippet.append(part.highlight ? el('mark', undefined, part.text) : document.createTextNode(part.text));
    if (from) snippet.lang = from;
    li.append(snippet);
    return li;
  };

  const list = (results: readonly SearchResult[], level: 'h2' | 'h3'): HTMLOListElement => {
    const ol = el('ol', 'search-results');
    ol.append(...results.map((r) => item(r, level)));
    return ol;
  };

  const contactBox = (title: string, hint?: string): HTMLElement => {
    const box = el('section', 'search-contact');
    const heading = el('h2', undefined, title);
    heading.id = 'kb-search-contact';
    box.setAttribute('aria-labelledby', heading.id);
    box.append(heading);
    if (hint) box.append(el('p', undefined, hint));
    const contact = el('a', 'button button-primary', data.contact ?? '');
    contact.href = data.contactUrl ?? '';
    contact.dataset.kotaeOpen = 'inquiry';
    box.append(contact);
    return box;
  };

  /** The announcements running now that the query is about, first in the results (an outage answers before any entry). */
  const aboutNow = async (query: string): Promise<HTMLElement[]> => {
    const related = showing(await announcementData(), Date.now()).filter((a) =>
      relatedTo(query, a.title, new DOMParser().parseFromString(a.html, 'text/html').body.textContent ?? '', a.products),
    );
    if (!related.length) return [];
    const labels = announcementLabels();
    const box = el('section', 'search-announcements');
    const heading = el('h2', 'search-group', labels.label);
    heading.id = 'kb-search-announcements';
    box.setAttribute('aria-labelledby', heading.id);
    box.append(heading, ...related.map((a) => announcementItem(a, labels.severity[a.severity] ?? a.severity, labels.dismiss)));
    return [box];
  };

  const run = async (query: string) => {
    const ticket = ++latest;
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!query.trim()) {
      area.replaceChildren();
      status.textContent = '';
      return;
    }
    status.textContent = data.loading ?? '';
    try {
      // The first query's term shards come with the entry table, not after it (one round trip less).
      index ??= loadIndex(fetchFile, locale, { warm: query });
      const loaded = await index;
      const [results, notices] = await Promise.all([search(loaded, query, { limit: RESULTS_SHOWN }), aboutNow(query)]);
      if (ticket !== latest) return;
      const { answered } = answers(results, loaded);
      analytics?.record({ type: 'search', query, results: results.length, answered, top: results[0]?.entry });
      const person = asksForPerson(query, phrases);
      const step = { type: 'search' as const, query, results: results.length, answered, at: Date.now() };
      const contact = data.contactUrl ? contactVisible(mode, [step], (q) => asksForPerson(q, phrases)) : false;
      const shown: HTMLElement[] = [...notices];
      if (answered) {
        status.textContent = statusLine(lines, results.length, query);
        if (contact && person) shown.push(contactBox(data.personRequest ?? ''));
        shown.push(list(results, 'h2'));
        if (contact && !person) shown.push(contactBox(data.notAnswered ?? ''));
      } else {
        // Nothing answers: say so, offer contact first, and show only what matched a word of the query, as
        // possibly related (results that matched look-alike letters alone are noise).
        const related = results.filter((r) => r.match.coverage > 0);
        status.textContent = results.length ? noAnswer.join(query) : statusLine(lines, 0, query);
        if (contact) shown.push(contactBox(person ? (data.personRequest ?? '') : (data.notAnswered ?? ''), data.noAnswerHint));
        if (related.length) {
          const heading = el('h2', 'search-group', data.possiblyRelated ?? '');
          shown.push(heading, list(related, 'h3'));
        }
      }
      area.replaceChildren(...shown);
    } catch {
      index = undefined;
      if (ticket === latest) status.textContent = data.error ?? '';
    }
    // The site script waits for this before it adds the help widget (see site.ts).
    document.dispatchEvent(new Event('kb-search:shown'));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void run(input.value);
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), 150);
  });
  const initial = new URLSearchParams(location.search).get('q') ?? '';
  input.value = initial;
  if (initial) void run(initial);
}
