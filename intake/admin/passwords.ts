import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes of local console accounts: scrypt from node:crypto with a random 16-byte salt, stored as
 * `scrypt$N=32768,r=8,p=1$<salt>$<hash>` (base64url). The parameters travel with the hash, so raising them
 * later leaves old hashes verifiable. Comparison is `timingSafeEqual`. scrypt runs on libuv's thread pool,
 * not on the event loop.
 */

/** Today's cost: 32 MiB and roughly 50–100 ms per hash on a server core. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Accepted when reading a stored hash: a tampered row cannot ask for gigabytes of memory. */
const MAX_N = 2 ** 20;

/** Shortest and longest password accepted for a local account. */
export const PASSWORD_LENGTH = { min: 12, max: 1024 } as const;

let runs = 0;

/** How many scrypt computations this process has run: tests use it to see that every sign-in attempt costs one. */
export function scryptRuns(): number {
  return runs;
}

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  runs++;
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/** A new salted hash of `password` in the stored format. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT_PARAMS);
  const { N, r, p } = SCRYPT_PARAMS;
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/**
 * True when `password` matches `stored`. A malformed stored value is false, after the same work as a real
 * check (scrypt on the dummy hash), so nothing about the row shows in the time taken.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) {
    await verifyPassword(password, await dummyHash());
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password no one knows, at today's parameters: sign-in checks an unknown user's
 * password against it, so an unknown name costs the same scrypt as a wrong password.
 */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(32).toString('base64url')));
}

function parseHash(stored: string): { params: { N: number; r: number; p: number }; salt: Buffer; key: Buffer } | undefined {
  const m = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!m) return undefined;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // N must be a power of two above 1; r and p small.
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  return { params: { N, r, p }, salt: Buffer.from(m[4]!, 'base64url'), key: Buffer.from(m[5]!, 'base64url') };
}
