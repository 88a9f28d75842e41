import type { PublicSiteConfig } from '../../content/schema/config.ts';

/**
 * Why a chosen file cannot be attached, checked before uploading against the site's limits: too many files
 * (`fileCount`), too large (`fileTooBig`), or a type not accepted (`fileType`, by the type the browser gives;
 * the intake checks the bytes). Undefined when the file may go. The codes are `inquiry.form.*` string keys.
 */
export function fileProblem(
  limits: PublicSiteConfig['attachments'],
  file: { size: number; type: string },
  attached: number,
): 'fileCount' | 'fileTooBig' | 'fileType' | undefined {
  if (attached >= limits.maxFiles) return 'fileCount';
  if (file.size > limits.maxBytes) return 'fileTooBig';
  if (!limits.allowedTypes.includes(file.type.split(';')[0]!.trim().toLowerCase())) return 'fileType';
  return undefined;
}

/** A byte count for people: `5 MB`, `312 KB`, `900 B`, with the locale's digits. */
export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'B'];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 && unit !== 'B' ? 1 : 0 }).format(value)} ${unit}`;
}
