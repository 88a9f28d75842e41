/**
 * Receives each output file as soon as it is ready (path relative to the output folder). A sink that can
 * `append` to a file it was given and `rename` one gets large files in pieces, as they are made, instead
 * of as one string at the end.
 */
export type OutputSink = ((path: string, content: string | Uint8Array) => void) & {
  append?: (path: string, content: string) => void;
  rename?: (from: string, to: string) => void;
};
