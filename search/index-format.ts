/**
 * The binary layout of a term shard. All integers are unsigned LEB128 varints.
 *
 * ```
 * shard   := termCount term*
 * term    := shared suffixLength suffixUtf8 df docDelta{df} impact{df}
 * ```
 * Terms are sorted and front-coded (`shared` = characters in common with the previous term, counted in
 * UTF-16 units); doc ids are gaps from the previous id (the first from -1); impacts are one byte each.
 */
import type { Postings } from './search-index.ts';

/** A growable byte buffer with varint and string writers. */
export class ByteWriter {
  private bytes = new Uint8Array(1024);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  varint(value: number): void {
    this.reserve(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Appends one term and its postings to a shard being written; `previous` is the term written before. */
export function writeTerm(out: ByteWriter, term: string, previous: string, postings: Postings): void {
  let shared = 0;
  const max = Math.min(term.length, previous.length);
  while (shared < max && term.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
  // Never split a surrogate pair between the shared part and the suffix.
  if (shared > 0 && shared < term.length && term.charCodeAt(shared - 1) >= 0xd800 && term.charCodeAt(shared - 1) <= 0xdbff) shared--;
  const suffix = encoder.encode(term.slice(shared));
  out.varint(shared);
  out.varint(suffix.length);
  out.raw(suffix);
  const { docs, impacts } = postings;
  out.varint(docs.length);
  let last = -1;
  for (let k = 0; k < docs.length; k++) {
    out.varint(docs[k]! - last - 1);
    last = docs[k]!;
  }
  out.raw(impacts);
}

/** Decodes a shard written with {@link writeTerm} (preceded by its term count) into `into`; returns its sorted terms. */
export function readShard(bytes: Uint8Array, into: Map<string, Postings>): string[] {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (at >= bytes.length) throw new Error('search index: a term shard is truncated');
      const b = bytes[at++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
      shift += 7;
    }
  };
  const count = varint();
  const terms: string[] = [];
  let previous = '';
  for (let t = 0; t < count; t++) {
    const shared = varint();
    const length = varint();
    const term = previous.slice(0, shared) + decoder.decode(bytes.subarray(at, at + length));
    at += length;
    const df = varint();
    const docs = new Uint32Array(df);
    let last = -1;
    for (let k = 0; k < df; k++) docs[k] = last = last + 1 + varint();
    const impacts = bytes.slice(at, at + df);
    at += df;
    into.set(term, { docs, impacts });
    terms.push(term);
    previous = term;
  }
  return terms;
}
