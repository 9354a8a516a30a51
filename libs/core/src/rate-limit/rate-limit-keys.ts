import { createHmac, hkdfSync } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** HKDF `info`: the key of rate-limit key hashes shares nothing with the other uses of QUIRE_SECRET_KEY. */
const RATE_LIMIT_KEY_INFO = 'quire:rate-limit-key';

/**
 * The per-account value of a limit: an email trimmed and lower-cased, as the identity plugin looks accounts up, so
 * that `Ada@Example.com ` and `ada@example.com` share one count. Anything but a non-empty string has none.
 */
export function normaliseAccount(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const normalised = value.trim().toLowerCase();
  return normalised === '' ? undefined : normalised;
}

/**
 * The per-IP value of a limit. An IPv4-mapped IPv6 address counts as the IPv4 address; any other IPv6 address
 * counts as its /64, because one subscriber is routinely given a whole /64 and could otherwise rotate through
 * 2^64 addresses.
 */
export function clientAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return 'unknown';
  const groups = ipv6Groups(ip);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (zone id dropped, `::` and a dotted IPv4 tail expanded). */
function ipv6Groups(ip: string): number[] {
  let address = ip.split('%')[0].toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    address = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16));
}

/**
 * Hashes the values limits key on (emails, IPs) before they reach the store or a log line. Keyed (HMAC under a key
 * derived from QUIRE_SECRET_KEY): a plain hash of an email is reversed by hashing a list of addresses.
 */
export class RateLimitKeyHasher {
  private readonly key: Buffer;

  constructor(base64SecretKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(base64SecretKey, 'base64'), '', RATE_LIMIT_KEY_INFO, 32));
  }

  /** 128 bits, hex: collisions between two accounts are out of reach, and keys stay short. */
  hash(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('hex').slice(0, 32);
  }
}
