// turndown and its GFM plugin ship no types; this is the part of their API the importer uses.
declare module 'turndown' {
  interface Options {
    headingStyle?: 'atx' | 'setext';
    codeBlockStyle?: 'fenced' | 'indented';
    bulletListMarker?: '-' | '*' | '+';
    emDelimiter?: '_' | '*';
    hr?: string;
  }
  interface Rule {
    filter: string | string[] | ((node: HTMLElement) => boolean);
    replacement: (content: string, node: HTMLElement) => string;
  }
  class TurndownService {
    constructor(options?: Options);
    use(plugin: (service: TurndownService) => void): this;
    addRule(key: string, rule: Rule): this;
    remove(filter: string | string[]): this;
    escape(text: string): string;
    turndown(html: string): string;
  }
  export default TurndownService;
}
declare module '@joplin/turndown-plugin-gfm' {
  import type TurndownService from 'turndown';
  export const gfm: (service: TurndownService) => void;
}
