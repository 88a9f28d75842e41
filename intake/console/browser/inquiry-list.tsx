import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { followLink, type Navigate } from './navigation.ts';
import { Problem } from './problem.tsx';
import type { Client } from './client.ts';
import type { Strings } from './strings.ts';
import { FILTER_KEYS, filterQuery, pageUrl, type FilterKey, type ViewState } from './url-state.ts';
import { STATES, type Choices, type InquiryList } from './wire.ts';

/**
 * The inquiry list: the filter form (a real GET form, so it works as one), export links for what it
 * filters, the count in a live region, the table newest first, and links to newer and older pages.
 */
export interface ListProps {
  state: ViewState;
  choices: Choices;
  strings: Strings;
  client: Client;
  navigate: Navigate;
  /** The inquiry that was open before: its link gets focus once the list is back. */
  returnTo: string | undefined;
}

export function InquiryListView({ state, choices, strings, client, navigate, returnTo }: ListProps) {
  const { t } = strings;
  const [list, setList] = useState<InquiryList>();
  const [failure, setFailure] = useState<unknown>();
  const main = useRef<HTMLElement>(null);
  // The filter form is made anew for each filter (so back and forward show theirs); after applying or
  // clearing, focus returns to its button instead of falling to the page.
  const refocus = useRef(false);
  const query = filterQuery(state.filter, { before: state.before });

  useEffect(() => {
    let current = true;
    setList(undefined);
    setFailure(undefined);
    client.get<InquiryList>(`/admin/api/inquiries${query ? `?${query}` : ''}`).then(
      (page) => current && setList(page),
      (error: unknown) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [client, query]);

  useEffect(() => {
    document.title = `${t('list.heading')} — ${t('appName')}`;
  }, [t]);

  useEffect(() => {
    if (list && returnTo) main.current?.querySelector<HTMLElement>(`a[data-inquiry="${CSS.escape(returnTo)}"]`)?.focus();
  }, [list, returnTo]);

  const exportQuery = filterQuery(state.filter);
  const older = list?.next ? { ...state, before: String(list.next) } : undefined;

  return (
    <main id="main" tabIndex={-1} ref={main}>
      <h1>{t('list.heading')}</h1>
      <Filters key={filterQuery(state.filter)} state={state} choices={choices} strings={strings} navigate={navigate} refocus={refocus} />
      <section aria-labelledby="export-heading" class="export">
        <h2 id="export-heading">{t('export.heading')}</h2>
        <ul>
          <li>
            <a href={`/admin/api/export.csv${exportQuery ? `?${exportQuery}` : ''}`} download>
              {t('export.csv')}
            </a>
          </li>
          <li>
            <a href={`/admin/api/export.jsonl${exportQuery ? `?${exportQuery}` : ''}`} download>
              {t('export.jsonl')}
            </a>
          </li>
        </ul>
      </section>
      <p role="status" class="count">
        {list ? t('list.count', { count: list.total }) : failure ? '' : t('loading')}
      </p>
      {failure !== undefined && <Problem error={failure} strings={strings} />}
      {list && list.items.length === 0 && <p>{t('list.empty')}</p>}
      {list && list.items.length > 0 && (
        <div class="table">
          <table>
            <caption id="list-caption">{t('list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.number')}</th>
                <th scope="col">{t('list.received')}</th>
                <th scope="col">{t('list.state')}</th>
                <th scope="col">{t('list.summary')}</th>
                <th scope="col">{t('list.product')}</th>
                <th scope="col">{t('list.severity')}</th>
                <th scope="col">{t('list.plan')}</th>
                <th scope="col">{t('list.customer')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => {
                const open = { ...state, inquiry: item.id };
                return (
                  <tr key={item.id}>
                    <th scope="row">
                      <a href={pageUrl(open)} data-inquiry={item.id} onClick={followLink(navigate, open)}>
                        {item.number}
                      </a>
                    </th>
                    <td>
                      <time dateTime={item.receivedAt}>{strings.dateTime(item.receivedAt)}</time>
                    </td>
                    <td>
                      <span class={`state state-${item.state}`}>{t(`state.${item.state}`)}</span>
                      {item.undelivered.length > 0 && (
                        <span class="undelivered">
                          {t('list.notDelivered', { destinations: item.undelivered.map((u) => strings.destination(u.adapter)).join(', ') })}
                        </span>
                      )}
                    </td>
                    <td>{item.summary}</td>
                    <td>
                      {item.product.name}
                      <br />
                      <span class="minor">{item.problemType.name}</span>
                    </td>
                    <td>{item.severity.name}</td>
                    <td>{item.plan.name}</td>
                    <td>{item.contactName}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {list && (state.before || older) && (
        <nav aria-label={t('list.pages')} class="pages">
          {state.before && (
            <a href={pageUrl({ ...state, before: undefined })} onClick={followLink(navigate, { ...state, before: undefined })}>
              {t('list.newest')}
            </a>
          )}
          {older && (
            <a href={pageUrl(older)} onClick={followLink(navigate, older)} rel="next">
              {t('list.older')}
            </a>
          )}
        </nav>
      )}
    </main>
  );
}

function Filters({ state, choices, strings, navigate, refocus }: Omit<ListProps, 'client' | 'returnTo'> & { refocus: { current: boolean } }) {
  const { t } = strings;
  const apply = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (refocus.current) apply.current?.focus();
    refocus.current = false;
  }, [refocus]);
  const [product, setProduct] = useState(state.filter.product ?? '');
  const products = product ? choices.products.filter((p) => p.id === product) : choices.products;

  const submit = (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const filter: ViewState['filter'] = {};
    for (const key of FILTER_KEYS) {
      const value = String(data.get(key) ?? '').trim();
      if (value) filter[key as FilterKey] = value;
    }
    refocus.current = true;
    navigate({ filter, before: undefined, inquiry: undefined, lang: state.lang });
  };
  const cleared = { filter: {}, before: undefined, inquiry: undefined, lang: state.lang };
  // Selects keep what the person picked across re-renders: only the product is controlled (it narrows the
  // problem types); the others start from the URL and are then the browser's.
  const option = (name: FilterKey, c: { id: string; name: string }) => (
    <option key={c.id} value={c.id} selected={name === 'product' ? undefined : state.filter[name] === c.id}>
      {c.name}
    </option>
  );
  const select = (name: FilterKey, label: string, options: JSX.Element | JSX.Element[], onChange?: (value: string) => void) => (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        name={name}
        value={name === 'product' ? product : undefined}
        onChange={onChange ? (e) => onChange(e.currentTarget.value) : undefined}
      >
        <option value="">{t('filters.any')}</option>
        {options}
      </select>
    </div>
  );

  return (
    <form method="get" action="/admin/" class="filters" aria-labelledby="filters-heading" onSubmit={submit}>
      <h2 id="filters-heading">{t('filters.heading')}</h2>
      {state.lang && <input type="hidden" name="lang" value={state.lang} />}
      <div class="fields">
        {select(
          'state',
          t('filters.state'),
          STATES.map((s) => option('state', { id: s, name: t(`state.${s}`) })),
        )}
        {select(
          'product',
          t('filters.product'),
          choices.products.map((p) => option('product', p)),
          setProduct,
        )}
        {select(
          'problem_type',
          t('filters.problemType'),
          products.map((p) => (
            <optgroup key={p.id} label={p.name}>
              {p.problemTypes.map((pt) => option('problem_type', pt))}
            </optgroup>
          )),
        )}
        {select(
          'severity',
          t('filters.severity'),
          choices.severities.map((s) => option('severity', s)),
        )}
        {select(
          'plan',
          t('filters.plan'),
          choices.plans.map((p) => option('plan', p)),
        )}
        <div class="field">
          <label for="filter-from">{t('filters.from')}</label>
          <input id="filter-from" type="date" name="from" defaultValue={state.filter.from ?? ''} />
        </div>
        <div class="field">
          <label for="filter-to">{t('filters.to')}</label>
          <input id="filter-to" type="date" name="to" defaultValue={state.filter.to ?? ''} />
        </div>
        <div class="field check">
          <input id="filter-undelivered" type="checkbox" name="undelivered" value="1" defaultChecked={state.filter.undelivered === '1'} />
          <label for="filter-undelivered">{t('filters.undelivered')}</label>
        </div>
        <div class="field wide">
          <label for="filter-q">{t('filters.text')}</label>
          <input id="filter-q" type="search" name="q" defaultValue={state.filter.q ?? ''} aria-describedby="filter-q-hint" />
          <p id="filter-q-hint" class="hint">
            {t('filters.textHint')}
          </p>
        </div>
      </div>
      <p class="actions">
        <button type="submit" ref={apply}>
          {t('filters.apply')}
        </button>{' '}
        <a
          href={pageUrl(cleared)}
          onClick={(event) => {
            refocus.current = true;
            followLink(navigate, cleared)(event);
          }}
        >
          {t('filters.clear')}
        </a>
      </p>
    </form>
  );
}
