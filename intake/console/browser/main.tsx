import { render } from 'preact';
import { ConsoleApp } from './app.tsx';
import { createClient } from './client.ts';
import { consoleStrings } from './strings.ts';

/**
 * The console's browser entry: the page (intake/console/page.ts) says the language, the user, the business
 * time zone and the session's CSRF token; the app replaces the page's loading note in `#console`.
 */
const root = document.getElementById('console');
if (root) {
  const locale = root.dataset.locale ?? 'en';
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  root.textContent = '';
  render(
    <ConsoleApp
      strings={consoleStrings(locale, root.dataset.timeZone ?? 'UTC')}
      client={createClient(locale, csrf)}
      user={root.dataset.user ?? ''}
      site={root.dataset.site ?? ''}
      csrfToken={csrf}
    />,
    root,
  );
}
