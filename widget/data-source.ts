import type { Announcement, CatalogEntry, EntryPayload, Manifest, PublicSiteConfig } from '../content/schema/index.ts';
import type { SearchIndex } from '../search/index.ts';
import { loadEngine } from './engine-loader.ts';
import { cachedFetch } from './offline-cache.ts';

/** The parts of `data/site.json` the widget reads. */
/** `data/site.json`. */
export type SiteInfo = PublicSiteConfig;

/**
 * The site's published data, fetched from `<base>/data/…` as the manifest names it: site config, catalogs,
 * entry payloads and the sharded search index of each locale. Each file is fetched once per page and kept
 * for offline use (see offline-cache.ts).
 */
export class DataSource {
  private readonly memo = new Map<string, Promise<unknown>>();

  /** `prefetched`: manifest requests already under way, by URL. */
  constructor(
    readonly base: string,
    private readonly prefetched = new Map<string, Promise<Response>>(),
  ) {}

  /** An absolute URL for a path of the site (`/en/faq/x/`, `assets/a.svg`). */
  url(path: string): string {
    return new URL(path.replace(/^\//, ''), this.base).href;
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let promise = this.memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = load().catch((error: unknown) => {
        this.memo.delete(key);
        throw error;
      });
      this.memo.set(key, promise);
    }
    return promise;
  }

  private json<T>(path: string): Promise<T> {
    return this.once(path, async () => {
      const url = this.url(path);
      const started = this.prefetched.get(url);
      this.prefetched.delete(url);
      return (await cachedFetch(url, started)).json() as Promise<T>;
    });
  }

  manifest(): Promise<Manifest> {
    return this.json<Manifest>('data/manifest.json');
  }

  async site(): Promise<SiteInfo> {
    return this.json<SiteInfo>((await this.manifest()).site);
  }

  private async locale(code: string): Promise<Manifest['locales'][number]> {
    const manifest = await this.manifest();
    const locale = manifest.locales.find((l) => l.code === code);
    if (!locale) throw new Error(`Kotae: the site has no locale "${code}"`);
    return locale;
  }

  async catalog(code: string): Promise<CatalogEntry[]> {
    return (await this.json<{ entries: CatalogEntry[] }>((await this.locale(code)).catalog)).entries;
  }

  /** The locale's announcements not ended when the site was built (none when the manifest names no file). */
  async announcements(code: string): Promise<Announcement[]> {
    const file = (await this.locale(code)).announcements;
    return file ? (await this.json<{ announcements: Announcement[] }>(file)).announcements : [];
  }

  async payload(code: string, id: string): Promise<EntryPayload> {
    return this.json<EntryPayload>((await this.locale(code)).entryPayload.replace('{id}', encodeURIComponent(id)));
  }

  index(code: string): Promise<SearchIndex> {
    return this.once(`index:${code}`, async () => {
      const dir = (await this.locale(code)).searchIndex.replace(/[^/]*$/, '');
      const file = async (name: string) => {
        const response = await cachedFetch(this.url(dir + name));
        return name.endsWith('.bin') ? new Uint8Array(await response.arrayBuffer()) : response.text();
      };
      // The index manifest is requested while the engine chunk is still on its way.
      const manifest = file('manifest.json');
      const { loadIndex } = await loadEngine();
      return loadIndex((name) => (name === 'manifest.json' ? manifest : file(name)), code);
    });
  }
}
