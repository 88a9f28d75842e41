import { useEffect, useState } from 'preact/hooks';
import type { Client } from './client.ts';
import { InquiryDetailView } from './inquiry-detail.tsx';
import { InquiryListView } from './inquiry-list.tsx';
import type { Navigate } from './navigation.ts';
import { Problem } from './problem.tsx';
import type { Strings } from './strings.ts';
import { pageUrl, readState } from './url-state.ts';
import type { Choices } from './wire.ts';

/**
 * The console: a header (who is signed in, the language switcher) above either the inquiry list or one
 * inquiry, as the URL says. Moving between them is `history.pushState`, so links can be shared and opened in
 * new tabs and the back button works; focus goes to the heading of what opened, and back to the inquiry's row.
 */
export interface AppProps {
  strings: Strings;
  client: Client;
  user: string;
  site: string;
  /** The session's CSRF token, for the sign-out form. */
  csrfToken: string;
}

const LANGUAGES = [
  { code: 'ja', name: '日本語' },
  { code: 'en', name: 'English' },
];

export function ConsoleApp({ strings, client, user, site, csrfToken }: AppProps) {
  const { t } = strings;
  const [state, setState] = useState(() => readState(location.search));
  const [choices, setChoices] = useState<Choices>();
  const [failure, setFailure] = useState<unknown>();
  // The inquiry last opened: its row's link gets focus back when the list shows again.
  const [returnTo, setReturnTo] = useState<string>();

  useEffect(() => {
    client.get<Choices>('/admin/api/choices').then(setChoices, setFailure);
    const onPop = () => setState(readState(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [client]);

  const navigate: Navigate = (next) => {
    if (state.inquiry && !next.inquiry) setReturnTo(state.inquiry);
    history.pushState(null, '', pageUrl(next));
    setState(next);
  };

  return (
    <>
      <header class="bar">
        <p class="app-name">
          {t('appName')} <span class="site">{site}</span>
        </p>
        <p class="who">{t('signedInAs', { user })}</p>
        {/* The sign-in's own route ends the session; the form carries the session's CSRF token. */}
        <form method="post" action="/admin/sign-out" class="sign-out">
          <input type="hidden" name="csrf_token" value={csrfToken} />
          <button type="submit" class="link">
            {t('signOut')}
          </button>
        </form>
        <nav aria-label={t('language')} class="languages">
          <ul>
            {LANGUAGES.map((l) => (
              <li key={l.code}>
                <a href={pageUrl({ ...state, lang: l.code })} lang={l.code} hrefLang={l.code} aria-current={l.code === strings.locale ? 'true' : undefined}>
                  {l.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="insights">
          <a href="/admin/insights">{t('insights')}</a>
        </p>
      </header>
      {failure !== undefined ? (
        <main id="main" tabIndex={-1}>
          <h1>{t('appName')}</h1>
          <Problem error={failure} strings={strings} />
        </main>
      ) : !choices ? (
        <main id="main" tabIndex={-1}>
          <h1>{t('appName')}</h1>
          <p role="status">{t('loading')}</p>
        </main>
      ) : state.inquiry ? (
        <InquiryDetailView id={state.inquiry} state={state} strings={strings} client={client} navigate={navigate} />
      ) : (
        <InquiryListView state={state} choices={choices} strings={strings} client={client} navigate={navigate} returnTo={returnTo} />
      )}
    </>
  );
}
