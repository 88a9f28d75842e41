import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { followLink, type Navigate } from './navigation.ts';
import { Problem } from './problem.tsx';
import type { Client } from './client.ts';
import type { Strings } from './strings.ts';
import { pageUrl, type ViewState } from './url-state.ts';
import type { Choice, DeliveryView, InquiryView } from './wire.ts';

/**
 * One inquiry: what it is about, the contact, diagnostics, what the customer tried, attachments (downloads),
 * the state history and the deliveries, each with "forward again". Its heading takes focus when it opens.
 */
export interface DetailProps {
  id: string;
  state: ViewState;
  strings: Strings;
  client: Client;
  navigate: Navigate;
}

export function InquiryDetailView({ id, state, strings, client, navigate }: DetailProps) {
  const { t } = strings;
  const [view, setView] = useState<InquiryView>();
  const [failure, setFailure] = useState<unknown>();
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    setView(undefined);
    setFailure(undefined);
    client.get<InquiryView>(`/admin/api/inquiries/${encodeURIComponent(id)}`).then(
      (v) => current && setView(v),
      (error: unknown) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [client, id]);

  const shown = view?.id;
  useEffect(() => {
    if (!view) return;
    document.title = `${view.number} — ${t('appName')}`;
    heading.current?.focus();
  }, [shown]);

  const back = { ...state, inquiry: undefined };
  const forward = async (delivery: DeliveryView) => {
    if (busy) return;
    const destination = strings.destination(delivery.adapter);
    setBusy(delivery.adapter);
    setNotice('');
    try {
      const path = `/admin/api/inquiries/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(delivery.adapter)}/forward`;
      setView(await client.post<InquiryView>(path));
      setNotice(t('detail.forwarded', { destination }));
    } catch (error) {
      setNotice(t('detail.forwardFailed', { destination, error: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(undefined);
    }
  };

  const name = (choice: Choice | null) => choice?.name ?? t('none');
  const time = (iso: string | null) => (iso ? <time dateTime={iso}>{strings.dateTime(iso)}</time> : t('none'));

  return (
    <main id="main" tabIndex={-1}>
      <p class="back">
        <a href={pageUrl(back)} onClick={followLink(navigate, back)}>
          {t('detail.back')}
        </a>
      </p>
      {failure !== undefined && (
        <>
          <h1>{t('appName')}</h1>
          <Problem error={failure} strings={strings} />
        </>
      )}
      {!view && failure === undefined && <p role="status">{t('loading')}</p>}
      {view && (
        <article class="inquiry">
          <h1 tabIndex={-1} ref={heading}>
            {t('detail.heading', { number: view.number, summary: view.summary })}
          </h1>
          <Section id="about" title={t('detail.about')}>
            <Facts
              rows={[
                [t('detail.state'), <span class={`state state-${view.state}`}>{t(`state.${view.state}`)}</span>],
                [t('detail.product'), view.product.name],
                [t('detail.resource'), name(view.resource)],
                [t('detail.problemType'), view.problemType.name],
                [t('detail.problemSubtype'), name(view.problemSubtype)],
                [t('detail.severity'), view.severity.name],
                [t('detail.plan'), t(view.planVerified ? 'detail.planVerified' : 'detail.planClaimed', { plan: view.plan.name })],
                [t('detail.received'), time(view.receivedAt)],
                [t('detail.firstResponseDue'), time(view.firstResponseDue)],
                [t('detail.startedAt'), time(view.startedAt)],
                [t('detail.locale'), view.locale.name],
                [t('detail.pageUrl'), view.pageUrl ?? t('none')],
                [t('detail.clientVersion'), view.clientVersion ?? t('none')],
              ]}
            />
            <h3>{t('detail.description')}</h3>
            <p class="description">{view.description}</p>
          </Section>
          <Section id="contact" title={t('detail.contact')}>
            <Facts
              rows={[
                [t('detail.name'), view.contact.name],
                [t('detail.email'), <a href={`mailto:${view.contact.email}`}>{view.contact.email}</a>],
                [t('detail.phone'), view.contact.phone ?? t('none')],
                [t('detail.preferredMethod'), view.contact.preferredMethod.name],
                [t('detail.contactLanguage'), view.contact.language.name],
                [t('detail.timeZone'), view.contact.timeZone],
              ]}
            />
            {view.identity && (
              <>
                <h3>{t('detail.identity')}</h3>
                <Facts rows={Object.entries(view.identity).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])} />
              </>
            )}
          </Section>
          <Section id="diagnostics" title={t('detail.diagnostics')}>
            {view.diagnostics.length ? <Facts rows={view.diagnostics.map((d) => [d.name, d.value])} /> : <p>{t('detail.noDiagnostics')}</p>}
          </Section>
          <Section id="tried" title={t('detail.tried')}>
            {view.tried.queries.length + view.tried.opened.length + view.tried.votes.length === 0 && <p>{t('detail.triedNothing')}</p>}
            {view.tried.queries.length > 0 && (
              <>
                <h3>{t('detail.searches')}</h3>
                <ol class="trail">
                  {view.tried.queries.map((q, i) => (
                    <li key={i}>
                      <q>{q.query}</q> {q.results !== null && <span class="minor">{t('detail.results', { count: q.results })}</span>}{' '}
                      {q.at && <span class="minor">{time(q.at)}</span>}
                    </li>
                  ))}
                </ol>
              </>
            )}
            {view.tried.opened.length > 0 && (
              <>
                <h3>{t('detail.opened')}</h3>
                <ol class="trail">
                  {view.tried.opened.map((o, i) => (
                    <li key={i}>
                      <code>{o.entryId}</code> {o.locale && <span class="minor">({o.locale})</span>} {o.at && <span class="minor">{time(o.at)}</span>}
                    </li>
                  ))}
                </ol>
              </>
            )}
            {view.tried.votes.length > 0 && (
              <>
                <h3>{t('detail.votes')}</h3>
                <ul class="trail">
                  {view.tried.votes.map((v, i) => (
                    <li key={i}>
                      {t(v.helpful ? 'detail.helpful' : 'detail.notHelpful', { entry: v.entryId })} {v.at && <span class="minor">{time(v.at)}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Section>
          <Section id="attachments" title={t('detail.attachments')}>
            {view.attachments.length ? (
              <ul>
                {view.attachments.map((a) => (
                  <li key={a.token}>
                    <a href={a.url} download={a.name}>
                      {t('detail.download', { name: a.name, size: strings.size(a.size) })}
                    </a>{' '}
                    <span class="minor">{a.type}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('detail.noAttachments')}</p>
            )}
          </Section>
          <Section id="history" title={t('detail.history')}>
            {view.history.length ? (
              <ol class="history">
                {view.history.map((h, i) => (
                  <li key={i}>
                    {time(h.at)}: {t('detail.historyEntry', { state: t(`state.${h.state}`), source: h.source })}
                  </li>
                ))}
              </ol>
            ) : (
              <p>{t('detail.noHistory')}</p>
            )}
          </Section>
          <Section id="deliveries" title={t('detail.deliveries')}>
            {view.deliveries.length ? (
              <div class="table">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('detail.destination')}</th>
                      <th scope="col">{t('detail.status')}</th>
                      <th scope="col">{t('detail.attempts')}</th>
                      <th scope="col">{t('detail.lastError')}</th>
                      <th scope="col">{t('detail.nextAttempt')}</th>
                      <th scope="col">{t('detail.deliveredAt')}</th>
                      <th scope="col">{t('detail.result')}</th>
                      <th scope="col">
                        <span class="visually-hidden">{t('detail.forward')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.deliveries.map((d) => (
                      <tr key={d.adapter} data-adapter={d.adapter}>
                        <th scope="row">{strings.destination(d.adapter)}</th>
                        <td>
                          <span class={`delivery delivery-${d.status}`}>{t(`delivery.${d.status}`)}</span>
                        </td>
                        <td>{d.attempts}</td>
                        <td>{d.lastError ?? t('none')}</td>
                        <td>{time(d.nextAttemptAt)}</td>
                        <td>{time(d.deliveredAt)}</td>
                        <td>{d.result ?? t('none')}</td>
                        <td>
                          <button type="button" aria-disabled={busy !== undefined ? 'true' : undefined} onClick={() => void forward(d)}>
                            {t('detail.forwardTo', { destination: strings.destination(d.adapter) })}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{t('detail.noDeliveries')}</p>
            )}
            <p role="status" class="notice">
              {notice}
            </p>
          </Section>
        </article>
      )}
    </main>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
