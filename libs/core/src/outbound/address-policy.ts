import * as ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** What the policy says about one IP address. `address` is normalised (an IPv4-mapped IPv6 address as IPv4). */
export type AddressVerdict =
  | { allowed: true; address: string; range: string }
  | {
      allowed: false;
      address: string;
      range: string;
      /** The kind of address in words: `a loopback address`. */
      what: string;
      /** One sentence naming the address: `127.0.0.1 is a loopback address, which this installation does not allow …`. */
      reason: string;
    };

/** How a refusal names the ranges of ipaddr.js, for messages people read. */
const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (cloud metadata services live there)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT (shared) address',
  private: 'a private (RFC 1918) address',
  reserved: 'a reserved or documentation address',
  uniqueLocal: 'a unique-local IPv6 address',
  ipv4Mapped: 'an IPv4-mapped IPv6 address',
  rfc6145: 'an IPv4-translated IPv6 address',
  rfc6052: 'a NAT64 address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
  ipv4Compatible: 'an IPv4-compatible IPv6 address',
  deprecatedSiteLocal: 'a site-local IPv6 address',
  notGlobalUnicast: 'an IPv6 address outside global unicast (2000::/3)',
};

export const NOT_ALLOWED = ', which this installation does not allow (see OUTBOUND_ALLOWED_NETWORKS)';

/** IPv6 global unicast: anything outside it (IPv4-compatible `::a.b.c.d` included) is no public host. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** Parses an IP literal as outbound requests meet it; null when `text` is not one. Brackets are accepted. */
export function parseIp(text: string): Address | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // ipaddr.isValid accepts forms like "127.1" or "0x7f.1"; the URL parser already normalised those in hostnames,
  // and DNS answers are canonical, so only the canonical forms count as literals here.
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare) && !ipaddr.IPv6.isValid(bare)) return null;
  return ipaddr.process(bare);
}

/** The special-purpose range an address falls in, or `unicast` for an ordinary public address. */
export function addressRange(address: Address): string {
  if (address.kind() === 'ipv4') return address.range();
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range !== 'unicast') return range;
  if (v6.match(IPV4_COMPATIBLE)) return 'ipv4Compatible';
  return v6.match(GLOBAL_UNICAST_V6) ? 'unicast' : 'notGlobalUnicast';
}

/**
 * Which addresses outgoing requests (webhooks, URL imports) may connect to: ordinary public unicast addresses,
 * plus the networks the installation allows explicitly (OUTBOUND_ALLOWED_NETWORKS). Everything else — loopback,
 * private, link-local (169.254.169.254, the cloud metadata service), unique-local, CGNAT, unspecified, multicast,
 * broadcast, reserved and the IPv6 forms that embed an IPv4 address — is refused.
 */
export class OutboundAddressPolicy {
  private readonly allowed: Array<[Address, number]>;

  /** `allowedNetworks`: CIDRs or single addresses (`10.0.5.0/24`, `127.0.0.1`, `::1/128`). Throws on a bad one. */
  constructor(allowedNetworks: readonly string[] = []) {
    this.allowed = allowedNetworks.map(parseNetwork);
  }

  check(text: string): AddressVerdict {
    const address = parseIp(text);
    if (address === null) {
      const what = 'not an IP address';
      return { allowed: false, address: text, range: 'invalid', what, reason: `"${text}" is ${what}` };
    }
    const normalised = address.toString();
    const range = addressRange(address);
    if (range === 'unicast' || this.isAllowedNetwork(address)) return { allowed: true, address: normalised, range };
    const what = RANGE_NAMES[range] ?? `a special-purpose address (${range})`;
    return { allowed: false, address: normalised, range, what, reason: `${normalised} is ${what}${NOT_ALLOWED}` };
  }

  private isAllowedNetwork(address: Address): boolean {
    return this.allowed.some(
      ([network, prefix]) => network.kind() === address.kind() && address.match(network, prefix),
    );
  }
}

function parseNetwork(text: string): [Address, number] {
  try {
    if (text.includes('/')) {
      const [network, prefix] = ipaddr.parseCIDR(text);
      // An IPv4-mapped network means the IPv4 one: addresses are compared after the same normalisation.
      if (network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
        return [(network as ipaddr.IPv6).toIPv4Address(), prefix - 96];
      }
      return [network, prefix];
    }
    const address = ipaddr.process(text);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    throw new Error(`"${text}" is not a network: write a CIDR such as 10.0.5.0/24 or an address such as 127.0.0.1`);
  }
}
