import type { UnitState } from './exchange.ts';
import type { Part } from './inline-codes.ts';

/** The exchange formats of `i18n:export --format`. */
export const FORMATS = ['xliff2', 'xliff12', 'po'] as const;
export type Format = (typeof FORMATS)[number];

/** A unit read back from a translated file. Codes in `target` carry only their id; the import resolves it. */
export interface ImportedUnit {
  id: string;
  /** The source the unit was exported with (codes as ids), when the file has it: an import checks it is still the segment's. */
  source?: Part[] | undefined;
  target?: Part[] | undefined;
  state: UnitState;
}

export interface ImportedFile {
  id: string;
  original: string;
  sourceHash?: string | undefined;
  units: ImportedUnit[];
}

/** A translated exchange file, whatever its format. */
export interface ImportedDoc {
  format: Format;
  sourceLocale: string;
  targetLocale: string;
  files: ImportedFile[];
}

/** A file that cannot be read as an exchange file; the message says what and where. */
export class ExchangeFormatError extends Error {}

/** Which format a file is in, from its first bytes. */
export function detectFormat(text: string): Format {
  const head = text.slice(0, 2000);
  if (/<xliff[^>]*version="2\.\d"/.test(head)) return 'xliff2';
  if (/<xliff[^>]*version="1\.2"/.test(head)) return 'xliff12';
  if (/^\s*(#|msgid|msgctxt)/m.test(head)) return 'po';
  throw new ExchangeFormatError('not an XLIFF 2.0, XLIFF 1.2 or PO file exported by `npm run i18n:export`');
}
