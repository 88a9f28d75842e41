import { BlockList, isIP } from 'node:net';

/**
 * Which address a request comes from, for the per-IP rate limits.
 *
 * Behind proxies, `X-Forwarded-For` lists the hops: each proxy appends the address it received the request
 * from, so only the entries appended by proxies we run can be believed; whatever a client sends arrives as
 * the leftmost entries. The client is therefore found walking from the right: the socket peer first, which
 * must be a trusted proxy for the header to count at all, then each entry while it is a trusted proxy; the
 * first one that is not is the client (written by a proxy we trust, so not chosen by the client). Taking the
 * leftmost entry instead would let every request name another address and walk past the rate limits.
 *
 * ```ts
 * const trusted = trustedProxies(['10.0.0.0/8']);
 * clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.0.0.7', trusted); // '203.0.113.9'
 * clientAddress('198.51.100.4', '6.6.6.6', trusted); // '198.51.100.4': an untrusted peer's header is ignored
 * ```
 */

/** Trusted proxies when `trustProxy` is on and no list is given: a proxy on the same host. */
export const LOOPBACK: readonly string[] = ['127.0.0.0/8', '::1'];

/** True for an IPv4 or IPv6 address, or a CIDR range such as `10.0.0.0/8` or `fd00::/8`. */
export function isAddressOrRange(entry: string): boolean {
  return parseRange(entry) !== undefined;
}

export interface TrustedProxies {
  has(address: string): boolean;
}

/** The set of trusted proxies from addresses and CIDR ranges (see `isAddressOrRange`); throws on others. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const range = parseRange(entry);
    if (!range) throw new Error(`not an IP address or CIDR range: ${entry}`);
    list.addSubnet(range.address, range.prefix, range.family);
  }
  return {
    has(address) {
      const normal = normalizeAddress(address);
      const family = normal && isIP(normal);
      return !!family && list.check(normal, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * The client's address: the socket peer when it is not a trusted proxy (its `X-Forwarded-For` is ignored),
 * else the rightmost `X-Forwarded-For` entry that is not a trusted proxy (the leftmost entry when all are).
 * IPv4-mapped IPv6 addresses are given as IPv4, so one client has one rate-limit key however it connects.
 * An entry that is no IP address is not trusted: a proxy wrote it, so it is what that proxy saw.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  const socket = peer === undefined ? 'unknown' : (normalizeAddress(peer) ?? peer);
  if (!trusted.has(socket) || forwardedFor === undefined) return socket;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  let client = socket;
  for (let i = hops.length - 1; i >= 0; i--) {
    client = normalizeAddress(hops[i]!) ?? hops[i]!;
    if (!trusted.has(client)) break;
  }
  return client;
}

/**
 * An address as written in `X-Forwarded-For` or by the socket, as a bare IP: without brackets or port
 * (`[2001:db8::1]:443`, `203.0.113.9:51234`), lower case, IPv4-mapped IPv6 as IPv4. Undefined when it is
 * no IP address.
 */
export function normalizeAddress(raw: string): string | undefined {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address : undefined;
}

function parseRange(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [raw, bits, ...rest] = entry.trim().split('/');
  if (rest.length || raw === undefined || !isIP(raw)) return undefined;
  const address = normalizeAddress(raw);
  const version = address && isIP(address);
  if (!version) return undefined;
  const max = version === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return undefined;
  return { address: address!, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}
