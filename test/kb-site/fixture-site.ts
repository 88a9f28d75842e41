import { Catalog, EntryPayload, Manifest } from '../../content/schema/index.ts';
import type { KbSiteConfig, RenderSiteInput } from '../../kb-site/render-site.tsx';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';

/** The test fixture content compiled in memory: every data file the build writes, and renderSite's input. */
export function compileFixture(contentDir = 'test/fixtures/good-content'): {
  data: Map<string, string | Uint8Array>;
  input: RenderSiteInput;
  errors: unknown[];
} {
  const data = new Map<string, string | Uint8Array>();
  const { problems } = compileContent({ contentDir, today: '2026-11-01' }, (file, content) => data.set(file, content));
  const json = (file: string): unknown => {
    const text = data.get(file);
    if (text === undefined) throw new Error(`the build emitted no ${file}`);
    return JSON.parse(String(text));
  };
  const manifest = Manifest.parse(json('data/manifest.json'));
  const input: RenderSiteInput = {
    config: json('data/site.json') as KbSiteConfig,
    manifest,
    catalogs: new Map(manifest.locales.map((l) => [l.code, Catalog.parse(json(l.catalog))])),
    payload: (locale, id) => EntryPayload.parse(json(`data/${locale}/entries/${id}.json`)),
  };
  return { data, input, errors: problems.errors };
}
