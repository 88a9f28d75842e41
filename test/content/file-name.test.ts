import { describe, expect, it } from 'vitest';
import { FILE_NAME_MAX, fitFileName } from '../../content/schema/file-name.ts';

describe('fitFileName', () => {
  it('leaves a name that fits as it is', () => {
    expect(fitFileName('invoice.pdf')).toBe('invoice.pdf');
    const exactly = `${'a'.repeat(FILE_NAME_MAX - 4)}.pdf`;
    expect(fitFileName(exactly)).toBe(exactly);
  });

  it('cuts the stem of a longer name by characters and keeps the extension', () => {
    const fitted = fitFileName(`${'😀'.repeat(300)}.tar.gz`);
    expect([...fitted].length).toBe(FILE_NAME_MAX);
    expect(fitted.endsWith('😀.gz')).toBe(true);
    expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('cuts a name without an extension, and drops trailing dots and spaces left at the cut', () => {
    expect(fitFileName('x'.repeat(250))).toBe('x'.repeat(FILE_NAME_MAX));
    expect(fitFileName(`${'a'.repeat(194)} . .${'b'.repeat(50)}.txt`)).toBe(`${'a'.repeat(194)}.txt`);
  });
});
