/** Where each namespace's strings are shown, for translator notes. */
export const UI_PLACES: Record<string, string> = {
  site: 'the help center website (page chrome: navigation, notices, labels)',
  widget: 'the support widget embedded in customer apps (a narrow panel, about 360 pixels wide)',
  content: 'labels the help center adds inside articles (callout titles, task list states)',
  tools: 'messages of the command-line tools for writers and translators (a terminal)',
};

/**
 * Strings that sit in tight places (buttons, tabs, the launcher, callout labels): their budget in
 * characters, measured in the pseudo-locale screenshots at the widget's narrowest width.
 */
const TIGHT: Record<string, number> = {
  'widget:launcher.label': 16,
  'widget:panel.title': 24,
  'widget:panel.close': 24,
  'widget:panel.back': 16,
  'widget:article.yes': 12,
  'widget:article.no': 12,
  'widget:contact.button': 28,
  'widget:contact.helpCenter': 24,
  'widget:search.results': 24,
  'widget:search.popular': 32,
  'site:home': 20,
  'site:languages': 24,
  'site:general': 24,
  'site:type.faq': 16,
  'site:type.article': 16,
  'content:task.done': 16,
  'content:task.open': 16,
};

/**
 * The longest a UI string may be, in characters: the fixed budget of a tight spot, otherwise twice the
 * English text's length (at least 24), which leaves room for languages that run long.
 */
export function uiBudget(namespace: string, key: string, englishText: string): number {
  const tight = TIGHT[`${namespace}:${key}`] ?? TIGHT[`${namespace}:${key.replace(/_(zero|one|two|few|many|other)$/, '')}`];
  if (tight) return tight;
  if (namespace === 'content' && key.startsWith('callout.')) return 16;
  return Math.max(24, englishText.length * 2);
}
