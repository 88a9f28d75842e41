import { describe, expect, it } from 'vitest';
import { loadSiteConfig } from '../../content/site-config.ts';
import type { KotaeTrailStep } from '../../widget/api.ts';
import { initialValues } from '../../widget/inquiry/form-values.ts';
import { entryInQuestion, valuesFromEntry, votedDown } from '../../widget/inquiry/tried-entries.ts';

const loaded = loadSiteConfig('content');
if (!loaded.config) throw new Error('the sample site config did not load');
const config = loaded.config;

const TRAIL: KotaeTrailStep[] = [
  { type: 'search', query: 'wifi', results: 3, answered: true, at: 1 },
  { type: 'article', id: 'camera-wifi-setup', title: 'Wi-Fi', at: 1 },
  { type: 'vote', id: 'camera-wifi-setup', helpful: false, at: 1 },
  { type: 'article', id: 'camera-setup', title: 'Setup', at: 1 },
  { type: 'vote', id: 'camera-setup', helpful: false, at: 1 },
  { type: 'vote', id: 'camera-setup', helpful: true, at: 1 },
  { type: 'article', id: 'camera-sd-card', title: 'SD', at: 1 },
];

describe('what the session tried, for the inquiry', () => {
  it('knows the entries whose latest vote is "No", and the one the inquiry follows from', () => {
    expect([...votedDown(TRAIL)]).toEqual(['camera-wifi-setup']);
    // The last "No" counts more than a later article merely read.
    expect(entryInQuestion(TRAIL)).toBe('camera-wifi-setup');
    expect(entryInQuestion(TRAIL.slice(3))).toBe('camera-sd-card');
    expect(entryInQuestion([])).toBeUndefined();
  });

  it('derives product, a single resource and an unambiguous problem type from an entry', () => {
    expect(valuesFromEntry(config, { product: 'camera', resources: ['nc-210', 'nc-320'], category: 'troubleshooting', tags: ['Wi-Fi', 'router'] })).toEqual({
      product: 'camera',
      problem_type: 'wifi',
    });
    expect(valuesFromEntry(config, { product: 'camera', resources: ['nc-320'], category: 'troubleshooting', tags: ['firmware', 'Wi-Fi'] })).toEqual({
      product: 'camera',
      resource: 'nc-320',
    });
    expect(valuesFromEntry(config, { product: 'cloud-db', resources: [], category: 'billing', tags: [] })).toEqual({
      product: 'cloud-db',
      problem_type: 'billing',
    });
    expect(valuesFromEntry(config, { resources: [], category: 'accounts', tags: [] })).toEqual({});
  });

  it('fills the form from the entry only where the host did not say', () => {
    const base = { config, locale: 'en', prefill: {}, claims: {}, trail: [] };
    const entry = { product: 'camera', resource: 'nc-320', problem_type: 'wifi' };
    expect(initialValues({ ...base, context: {}, entry })).toMatchObject({ product: 'camera', resource: 'nc-320', problem_type: 'wifi' });
    expect(initialValues({ ...base, context: { product: 'camera', resource: 'nc-210' }, entry })).toMatchObject({
      product: 'camera',
      resource: 'nc-210',
      problem_type: 'wifi',
    });
    expect(initialValues({ ...base, context: { product: 'cloud-db' }, entry })).toMatchObject({ product: 'cloud-db', resource: '', problem_type: '' });
    expect(initialValues({ ...base, context: {}, prefill: { problem_type: 'firmware' }, entry })).toMatchObject({ problem_type: 'firmware' });
  });
});
