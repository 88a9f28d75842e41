import type { Analytics, AnalyticsSettings, EventInput } from './analytics.ts';
import { collecting } from './collection-policy.ts';

/**
 * The widget's door to {@link Analytics}: the same calls, but the analytics code (batching, redaction,
 * sending) is its own chunk, imported with the first event that may be collected. A page where events are
 * off (site config, host switch, privacy signal) never loads it, and first open stays within its budget.
 */
export class LazyAnalytics {
  private settings: AnalyticsSettings | undefined;
  private hostAllows = true;
  private analytics: Promise<Analytics> | undefined;

  configure(settings: AnalyticsSettings): void {
    this.settings = settings;
  }

  /** The host's switch (`Kotae('analytics', false | true)`); switching off drops what is waiting. */
  allow(allowed: boolean): void {
    this.hostAllows = allowed;
    void this.analytics?.then((a) => a.allow(allowed));
  }

  record(input: EventInput): void {
    const settings = this.settings;
    if (!settings || !collecting(settings.insights, this.hostAllows)) return;
    // Callbacks on one promise run in the order they were added: events keep their order while the chunk loads.
    this.analytics ??= import('./analytics.ts').then((module) => {
      const analytics = new module.Analytics('widget');
      analytics.configure(settings);
      return analytics;
    });
    this.analytics.then(
      (a) => (a.allow(this.hostAllows), a.record(input)),
      // Offline or a failed deploy: this event is lost, the next one tries again.
      () => (this.analytics = undefined),
    );
  }
}
