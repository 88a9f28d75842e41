/** The site config's switches (`insights` of content/schema/config.ts). */
export interface InsightsSettings {
  enabled: boolean;
  respectPrivacySignals: boolean;
}

/** Global Privacy Control or Do Not Track, as the browser sends them. */
export function privacySignalSent(): boolean {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  return nav.globalPrivacyControl === true || nav.doNotTrack === '1';
}

/**
 * Whether self-service events are collected: the site enables insights, the host page did not switch
 * them off (`Kotae('analytics', false)`), and the browser sends no privacy signal the site respects.
 * Asked at every event, so a change applies at once.
 */
export function collecting(insights: InsightsSettings | undefined, hostAllows: boolean): boolean {
  return !!insights?.enabled && hostAllows && !(insights.respectPrivacySignals && privacySignalSent());
}
