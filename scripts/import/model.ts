/**
 * What every importer reads an export into, whatever the vendor: articles (one per locale), the groups they
 * sit in, and what had to be left behind. `write-tree.ts` turns it into a Kotae content tree.
 */

/** Where something is in the export: a file and a JSON path (`articles.json $.articles[2].body`) or `file:line`. */
export type Place = string;

export interface SourceArticle {
  /** Stable id of the original article across locales and re-imports: `zendesk:article:360001234`. */
  sourceId: string;
  /** The vendor's own id of the article, as links to it carry it (`360001234`, `guide/setup.md`). */
  nativeId: string;
  /** Kotae locale of this text. */
  locale: string;
  /** True for the text the others are translated from. */
  original: boolean;
  title: string;
  summary?: string | undefined;
  /** The body as the export has it. */
  body: { html: string } | { markdown: string; firstLine: number };
  place: Place;
  /** The body's place, when it differs from the article's (Zendesk translations keep bodies apart). */
  bodyPlace?: Place;
  /** The article's URLs on the old site (absolute or root-relative), in this locale. */
  urls: string[];
  /** Keys of the product and category groups (see `SourceGroup.key`); resolved through the mapping file. */
  productKey?: string | undefined;
  categoryKey: string;
  updated: string;
  published?: string | undefined;
  draft: boolean;
  tags: string[];
  order?: number | undefined;
  /** The vendor marks this translation as behind its source (Zendesk's `outdated`). */
  outdated?: boolean;
  /** A readable name to derive the Kotae id from when no English title is at hand (a file name). */
  slugHint?: string | undefined;
}

export interface SourceGroup {
  key: string;
  /** Name per Kotae locale. */
  names: Record<string, string>;
  descriptions?: Record<string, string>;
  order?: number;
}

/** Something of the source that is not in the result, and why. */
export interface Dropped {
  sourceId: string;
  locale?: string | undefined;
  place: Place;
  what: string;
  /** Why, as a key of `importSite.why` in the tools' strings (stable, for tools reading the JSON report). */
  reason: DropReason;
  /** Why, in the language the import ran in; filled in when the report is made. */
  why?: string;
}

export type DropReason =
  | 'element'
  | 'handler'
  | 'unknownElement'
  | 'unsafeUrl'
  | 'standalone'
  | 'mdxCode'
  | 'unknownContainer'
  | 'vitepressDirective'
  | 'rawAttribute'
  | 'mdxComponent'
  | 'rawHtml'
  | 'secondText'
  | 'conflict'
  | 'oldAnchor'
  | 'notExportedKept'
  | 'notExportedText'
  | 'fileLink'
  | 'notArticleKept'
  | 'notArticleText'
  | 'remoteImageKept'
  | 'remoteImageText'
  | 'unsafeSvg'
  | 'notImage'
  | 'noAlt';

/** An export read into memory, ready to write as Kotae entries. */
export interface SourceSite {
  system: 'zendesk' | 'intercom' | 'vitepress' | 'docusaurus' | 'starlight';
  /** Folder of the export; local copies of images are looked for under it. */
  dir: string;
  defaultLocale: string;
  articles: SourceArticle[];
  products: SourceGroup[];
  categories: SourceGroup[];
  /** The article (`nativeId`) a link points at, if it points at one of this site's articles. */
  articleOfLink(href: string, from: SourceArticle): { nativeId: string; external: boolean } | undefined;
  /** A local file holding the image or attachment at `src`, if the export has one. */
  localFile(src: string, from: SourceArticle): string | undefined;
  dropped: Dropped[];
}
