import { Analytics } from '../../widget/analytics/analytics.ts';
import { eventsEndpoint } from '../../widget/analytics/events-endpoint.ts';

/**
 * The KB page's anonymous self-service events ({@link Analytics}, shared with the widget), set up from
 * `<meta name="kotae-insights">` (rendered at build time from the site config: the intake URL, whether
 * privacy signals are heeded). `undefined` when the page has no such tag: the site turned insights off.
 * The session lives as long as the page, since nothing is stored.
 */
export function kbAnalytics(): Analytics | undefined {
  const tag = document.querySelector<HTMLMetaElement>('meta[name="kotae-insights"]');
  if (!tag?.content) return undefined;
  const analytics = new Analytics('kb');
  analytics.configure({
    endpoint: eventsEndpoint(tag.content, location.href),
    insights: { enabled: true, respectPrivacySignals: tag.dataset.respectPrivacySignals !== 'false' },
    page: () => ({
      locale: document.documentElement.lang,
      product: document.querySelector<HTMLElement>('[data-kotae-product]')?.dataset.kotaeProduct || undefined,
    }),
  });
  return analytics;
}
