import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Problems } from '../../content/problems.ts';

const IMAGE_TYPES = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg']);

// SVG is a document format: opened directly from our origin, a script inside it would run with the
// site's privileges. Content images must be pictures only.
const UNSAFE_SVG = /<script\b|\son[a-z]+\s*=|javascript:|<foreignObject\b|<iframe\b|<embed\b|<object\b|xlink:href\s*=\s*["']\s*(?!#)|<!ENTITY/i;

/**
 * Images referenced by content, copied to `assets/<name>-<hash>.<ext>` under the output folder. The hash
 * in the name makes them safe to cache forever and keeps two builds of the same content identical.
 */
export class AssetRegistry {
  /** Output path (relative to the output folder) → bytes. */
  readonly files = new Map<string, Uint8Array>();
  private readonly urls = new Map<string, string | undefined>();

  constructor(private readonly problems: Problems) {}

  /** Registers an image file; returns its root-relative URL, or undefined when it does not exist. */
  add(file: string): string | undefined {
    if (this.urls.has(file)) return this.urls.get(file);
    let url: string | undefined;
    const ext = path.extname(file).toLowerCase();
    if (!existsSync(file)) {
      url = undefined;
    } else if (!IMAGE_TYPES.has(ext)) {
      this.problems.error(file, 1, 1, `"${path.basename(file)}" is not a supported image type`, `use one of ${[...IMAGE_TYPES].join(' ')}`);
      url = undefined;
    } else {
      const bytes = readFileSync(file);
      if (ext === '.svg' && UNSAFE_SVG.test(bytes.toString('utf8'))) {
        this.problems.error(
          file,
          1,
          1,
          'the SVG contains scripts, event handlers or external references',
          'export the drawing again as a plain SVG (shapes and text only), or use PNG',
        );
      }
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
      const name = path
        .basename(file, ext)
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-');
      const out = `assets/${name}-${hash}${ext}`;
      this.files.set(out, bytes);
      url = `/${out}`;
    }
    this.urls.set(file, url);
    return url;
  }
}
