/**
 * The seam between the loader and the lazily loaded app: what the loader hands over and gets back.
 * Kept in its own module so the loader imports only types from the app side.
 */

/** What the loader created and read from its script tag. */
export interface WidgetHost {
  /** Base URL of the Kotae site: `data/manifest.json` and `widget/` are resolved against it. */
  base: string;
  /** `data-locale`, when the tag had one. */
  locale: string | undefined;
  /** `data-label`, when the tag had one: the launcher keeps this text in every locale. */
  label: string | undefined;
  /** `data-position`, when the tag had one (`bottom-right` or `bottom-left`). */
  position: string | undefined;
  /** `data-theme`, when the tag had one (`light`, `dark` or `auto`). */
  theme: string | undefined;
  /** `data/manifest.json`, requested by the loader together with the app chunk (saves a round trip). */
  manifest?: Promise<Response>;
  /** `<kotae-widget>`: the floating widget's host element, with an open shadow root. */
  element: HTMLElement;
  /** The launcher button inside the shadow root. */
  launcher: HTMLButtonElement;
}

/** A queued call's settlement, appended by the loader to calls made before the app arrived. */
export interface QueuedSettle {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  queued: 1;
}

/** What the app returns once started. */
export interface AppStart {
  /** Runs one command (`['open', {…}]`); a trailing QueuedSettle is settled with the result. */
  run: (call: unknown[]) => Promise<unknown>;
  /** Mounts an inline panel into a `<kotae-help>` element. */
  inline: (element: HTMLElement) => void;
}
