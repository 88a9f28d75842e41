/**
 * The search engine runs in browsers and in Node, so its project has neither the DOM nor Node's types. These
 * are the web APIs both provide that it uses (declared here as far as it uses them); anything else of the DOM
 * or of Node fails `npm run typecheck` in search/.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
