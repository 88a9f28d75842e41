import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync('kb-site/site.css', 'utf8');

/** The colours of the scheme (`light-dark(light, dark)` pairs of the `:root { … }` block). */
function rootVars(scheme: 'light' | 'dark'): Map<string, string> {
  const open = css.indexOf(':root {');
  const body = css.slice(open, css.indexOf('}', open));
  return new Map(
    [...body.matchAll(/(--[\w-]+):\s*light-dark\((#[0-9a-fA-F]{6}),\s*(#[0-9a-fA-F]{6})\)/g)].map((m) => [
      m[1] ?? '',
      (scheme === 'light' ? m[2] : m[3]) ?? '',
    ]),
  );
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT_ON = {
  '--bg': ['--fg', '--muted', '--link', '--link-visited'],
  '--surface': ['--fg', '--muted', '--link', '--note', '--tip', '--important', '--warning', '--caution'],
  '--notice-bg': ['--fg', '--link', '--link-visited'],
};

const light = rootVars('light');
const dark = rootVars('dark');

describe('site.css colours', () => {
  for (const [scheme, vars] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`text meets WCAG AA (4.5:1) in the ${scheme} scheme`, () => {
      const failures: string[] = [];
      for (const [background, foregrounds] of Object.entries(TEXT_ON)) {
        for (const foreground of foregrounds) {
          const bg = vars.get(background);
          const fg = vars.get(foreground);
          if (!bg || !fg) {
            failures.push(`${foreground} on ${background}: not defined`);
            continue;
          }
          const ratio = contrast(fg, bg);
          if (ratio < 4.5) failures.push(`${foreground} ${fg} on ${background} ${bg}: ${ratio.toFixed(2)}:1`);
        }
      }
      expect(failures).toEqual([]);
    });

    it(`the focus ring stands out (3:1) in the ${scheme} scheme`, () => {
      expect(contrast(vars.get('--focus') ?? '#000000', vars.get('--bg') ?? '#000000')).toBeGreaterThanOrEqual(3);
    });
  }

  it('has dark mode (the system’s or the reader’s choice), print styles, visible focus and callout styles', () => {
    for (const rule of [
      'color-scheme: light dark;',
      ':root[data-theme="light"] {',
      ':root[data-theme="dark"] {',
      '@media print',
      ':focus-visible',
      '.callout-title',
      'kbd',
      '.skip-link:focus {',
    ])
      expect(css).toContain(rule);
    for (const kind of ['note', 'tip', 'important', 'warning', 'caution']) expect(css).toContain(`.callout-${kind} {`);
  });

  it('uses logical properties only, so right-to-left pages mirror', () => {
    expect(css).not.toMatch(/(^|[\s;{])(left|right|margin-left|margin-right|padding-left|padding-right|border-left|border-right)\s*:/m);
    expect(css).not.toMatch(/text-align:\s*(left|right)/);
  });
});
