/**
 * The contracts of Kotae. Build, widget, KB site and intake import these schemas (and the types inferred
 * from them) from here, so a change to the content model is a change in exactly one place.
 */
export * from './locale.ts';
export * from './entry.ts';
export * from './config.ts';
export * from './search-document.ts';
export * from './payload.ts';
export * from './manifest.ts';
export * from './inquiry.ts';
export * from './intake-api.ts';
export * from './file-name.ts';
export * from './events.ts';
export * from './insights.ts';
export * from './announcement.ts';
export * from './status-page.ts';
