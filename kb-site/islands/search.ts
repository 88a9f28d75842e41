/**
 * The search page's island (`/<locale>/search/?q=`): the same engine and sharded index as the widget,
 * loaded on the first query; results with their answering passage, matched words marked; the query kept
 * in the URL so results can be shared and reloaded. Every string comes from the page's `data-*`
 * attributes (rendered from `i18n/<locale>/site.json`), so the island holds no text of its own.
 */
import { answers, loadIndex, search, type SearchIndex, type SearchResult } from '../../search/index.ts';
import { kbAnalytics } from './kb-analytics.ts';
import { RESULTS_SHOWN, type StatusLines, statusLine } from './search-status.ts';

const root = document.getElementById('kb-search');
const form = root?.querySelector('form');
const input = root?.querySelector<HTMLInputElement>('input[name="q"]');
const status = document.getElementById('kb-search-status');
const list = document.getElementById('kb-search-results');

if (root && form && input && status && list) {
  const data = root.dataset;
  const locale = data.locale ?? document.documentElement.lang;
  const indexUrl = new URL(data.index ?? '', location.href);
  const lines = JSON.parse(data.status ?? '[]') as StatusLines;
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

  const item = (result: SearchResult): HTMLLIElement => {
    const li = el('li', 'search-result');
    if (result.fallbackFrom) li.lang = result.fallbackFrom;
    const heading = el('h2', 'search-result-title');
    const link = el('a', undefined, result.title);
    link.href = result.url;
    heading.append(link);
    li.append(heading);
    if (result.headings.length) li.append(el('p', 'search-result-path', result.headings.join(' › ')));
    const snippet = el('p', 'search-result-snippet');
    for (const part of result.snippet) snippet.append(part.highlight ? el('mark', undefined, part.text) : document.createTextNode(part.text));
    li.append(snippet);
    if (result.fallbackFrom && data.fallback) {
      const note = el('p', 'entry-type', data.fallback);
      note.lang = locale;
      li.append(note);
    }
    return li;
  };

  const run = async (query: string) => {
    const ticket = ++latest;
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    status.textContent = data.loading ?? '';
    try {
      // The first query's term shards come with the entry table, not after it (one round trip less).
      index ??= loadIndex(fetchFile, locale, { warm: query });
      const loaded = await index;
      const results = await search(loaded, query, { limit: RESULTS_SHOWN });
      if (ticket !== latest) return;
      status.textContent = statusLine(lines, results.length, query);
      const items = results.map(item);
      const { answered } = answers(results, loaded);
      analytics?.record({ type: 'search', query, results: results.length, answered, top: results[0]?.entry });
      if (!answered && data.contactUrl) {
        const li = el('li', 'search-result search-contact');
        li.append(el('p', undefined, data.notAnswered ?? ''));
        const contact = el('a', 'button button-primary', data.contact ?? '');
        contact.href = data.contactUrl;
        contact.dataset.kotaeOpen = 'inquiry';
        li.append(contact);
        items.push(li);
      }
      list.replaceChildren(...items);
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
