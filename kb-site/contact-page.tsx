import { localeHomeUrl } from '../content/urls.ts';
import { LocalePageLayout, type LanguageLink } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { contactUrl } from './site-urls.ts';

/**
 * `/<locale>/contact/`: where "Still need help?" leads without JavaScript. Lists the configured contact
 * methods and a button that opens the widget's inquiry form (which needs JavaScript, as the page says).
 */
export function ContactPage({ ctx, homes }: { ctx: PageContext; homes: readonly LanguageLink[] }) {
  const { locale, t } = ctx;
  const home = localeHomeUrl(locale);
  const url = contactUrl(locale);
  const title = t('contact.title');
  return (
    <LocalePageLayout
      ctx={ctx}
      homes={homes}
      url={url}
      crumbs={[{ name: t('home'), url: home }, { name: title }]}
      head={{
        title: `${title} | ${ctx.text(ctx.config.site.name)}`,
        description: t('contact.intro'),
      }}
    >
      <h1>{title}</h1>
      <p>{t('contact.intro')}</p>
      {ctx.config.contactMethods?.length ? (
        <ul class="contact-methods">
          {ctx.config.contactMethods.map((m) => (
            <li>
              <strong>{ctx.text(m.name)}</strong>
              {m.hint ? <p>{ctx.text(m.hint)}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a class="button button-primary" href={`${url}#kb-contact-form`} data-kotae-open="inquiry">
          {t('contact.open')}
        </a>
      </p>
      <p class="note" id="kb-contact-form">
        {t('contact.needsScript')}
      </p>
    </LocalePageLayout>
  );
}
