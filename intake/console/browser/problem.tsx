import { ApiError } from './client.ts';
import type { Strings } from './strings.ts';

/** What went wrong, in words: a lost session links to the sign-in. */
export function Problem({ error, strings }: { error: unknown; strings: Strings }) {
  const { t } = strings;
  if (error instanceof ApiError && error.status === 401)
    return (
      <p role="alert" class="problem">
        <a href="/admin/sign-in">{t('error.signedOut')}</a>
      </p>
    );
  if (error instanceof ApiError && error.status === 404)
    return (
      <p role="alert" class="problem">
        {t('error.notFound')}
      </p>
    );
  return (
    <p role="alert" class="problem">
      {t('error.load', { error: error instanceof Error ? error.message : String(error) })}
    </p>
  );
}
