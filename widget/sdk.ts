/**
 * `import { kotae } from 'kotae/widget'`: the widget's command API for web apps that bundle their code.
 * `kotae.load(…)` adds the loader script of a Kotae site once; `kotae(…)` calls are typed by `api.ts`, wait
 * until the loader has run and resolve with its results (so a call awaited before `load` waits for `load`). The script tag stays the main path: this module is
 * the same thing for code that would rather import than add a tag.
 */
import type { KotaeCommand, KotaeTheme } from './api.ts';

export type * from './api.ts';

/** Where the loader comes from and what its script tag would say in `data-*` attributes. */
export interface KotaeLoadOptions {
  /** The loader of a Kotae site: `https://help.example.com/widget/kotae.js`. */
  src: string;
  /** `data-locale`: keep the widget in this locale instead of the customer's browser languages. */
  locale?: string;
  /** `data-site`: base URL of the site's data when it is not the folder above the script. */
  site?: string;
  position?: 'bottom-right' | 'bottom-left';
  /** `data-label`: text of the launcher button. */
  label?: string;
  /** `none`: no launcher; open the widget from the app's own button. */
  launcher?: 'none';
  theme?: KotaeTheme;
  /** A CSP nonce for the script element, when the page's policy asks for one. */
  nonce?: string;
}

export interface Kotae extends KotaeCommand {
  /** Adds the loader script (once; later calls return the first call's promise) and resolves when it has run. */
  load(options: KotaeLoadOptions): Promise<void>;
}

type Loaded = ((...args: unknown[]) => Promise<unknown>) & { v?: 1 };
const loaded = (): Loaded | undefined => {
  const command = (window as unknown as { Kotae?: Loaded }).Kotae;
  return command?.v ? command : undefined;
};

let signalLoaded: () => void;
const whenLoaded = new Promise<void>((resolve) => {
  signalLoaded = resolve;
});
let loading: Promise<void> | undefined;

export const kotae: Kotae = Object.assign(
  // Calls made before the loader has run wait for it, in order, and resolve with the real command's result.
  ((...args: unknown[]) => {
    const command = loaded();
    return command ? command(...args) : whenLoaded.then(() => loaded()!(...args));
  }) as KotaeCommand,
  {
    load(options: KotaeLoadOptions): Promise<void> {
      // A page that has the script tag as well: one loader, already running.
      if (loaded()) return (signalLoaded(), Promise.resolve());
      loading ||= new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.async = true;
        script.src = options.src;
        if (options.nonce) script.nonce = options.nonce;
        const data: Record<string, string | undefined> = {
          locale: options.locale,
          site: options.site,
          position: options.position,
          label: options.label,
          launcher: options.launcher,
          theme: options.theme,
        };
        for (const [key, value] of Object.entries(data)) if (value !== undefined) script.dataset[key] = value;
        script.addEventListener('load', () => {
          signalLoaded();
          resolve();
        });
        script.addEventListener('error', () => {
          loading = undefined;
          script.remove();
          reject(new Error(`the Kotae loader could not be loaded from ${options.src}`));
        });
        document.head.append(script);
      });
      return loading;
    },
  },
);
