// Well-known address ranges that are not reachable on the public internet, for the policy linter
// (DOMAIN.md §4 L1/L2: aws:SourceIp never carries them) and for exposure logic.
// Source: IANA IPv4/IPv6 Special-Purpose Address Registries (RFC 6890 and the RFCs cited below).
import { AddressSet } from './address-set.js';
import { parseCidr } from './ip.js';

export interface SpecialRange {
  readonly cidr: string;
  readonly name: string;
  readonly rfc: string;
  /** Counted by nonInternetAddresses() / isPrivateCidr(). Documentation ranges are not. */
  readonly nonInternet: boolean;
}

export const specialRanges: readonly SpecialRange[] = Object.freeze([
  { cidr: '10.0.0.0/8', name: 'private', rfc: 'RFC 1918', nonInternet: true },
  { cidr: '172.16.0.0/12', name: 'private', rfc: 'RFC 1918', nonInternet: true },
  { cidr: '192.168.0.0/16', name: 'private', rfc: 'RFC 1918', nonInternet: true },
  { cidr: '100.64.0.0/10', name: 'shared address space (CGNAT)', rfc: 'RFC 6598', nonInternet: true },
  { cidr: '127.0.0.0/8', name: 'loopback', rfc: 'RFC 1122', nonInternet: true },
  { cidr: '::1/128', name: 'loopback', rfc: 'RFC 4291', nonInternet: true },
  { cidr: '169.254.0.0/16', name: 'link-local', rfc: 'RFC 3927', nonInternet: true },
  { cidr: 'fe80::/10', name: 'link-local', rfc: 'RFC 4291', nonInternet: true },
  { cidr: 'fc00::/7', name: 'unique local', rfc: 'RFC 4193', nonInternet: true },
  // Documentation ranges are not routed either, but examples and test estates (including AWS's own
  // docs and our fixtures) use them to stand for public addresses, so they are not treated as private.
  { cidr: '192.0.2.0/24', name: 'documentation (TEST-NET-1)', rfc: 'RFC 5737', nonInternet: false },
  { cidr: '198.51.100.0/24', name: 'documentation (TEST-NET-2)', rfc: 'RFC 5737', nonInternet: false },
  { cidr: '203.0.113.0/24', name: 'documentation (TEST-NET-3)', rfc: 'RFC 5737', nonInternet: false },
  { cidr: '2001:db8::/32', name: 'documentation', rfc: 'RFC 3849', nonInternet: false },
]);

function setOf(names: readonly string[]): AddressSet {
  return AddressSet.fromCidrs(specialRanges.filter((r) => names.includes(r.name)).map((r) => r.cidr));
}

/** RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16. */
export const privateV4: AddressSet = setOf(['private']);
/** RFC 6598 shared address space (carrier-grade NAT): 100.64.0.0/10. */
export const sharedV4: AddressSet = setOf(['shared address space (CGNAT)']);
/** 127.0.0.0/8 and ::1/128. */
export const loopback: AddressSet = setOf(['loopback']);
/** 169.254.0.0/16 and fe80::/10. */
export const linkLocal: AddressSet = setOf(['link-local']);
/** fc00::/7. */
export const uniqueLocalV6: AddressSet = setOf(['unique local']);
/** 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32. */
export const documentation: AddressSet = AddressSet.fromCidrs(
  specialRanges.filter((r) => r.name.startsWith('documentation')).map((r) => r.cidr),
);

const nonInternet = AddressSet.fromCidrs(specialRanges.filter((r) => r.nonInternet).map((r) => r.cidr));

/** RFC 1918, CGNAT, loopback, link-local and unique-local addresses (not documentation ranges). */
export function nonInternetAddresses(): AddressSet {
  return nonInternet;
}

/**
 * True when the CIDR (or bare address) lies entirely inside RFC 1918 / CGNAT / loopback / link-local /
 * unique-local space. "10.0.0.0/7" is not private (half of it is public). Throws NetParseError on bad text.
 */
export function isPrivateCidr(text: string): boolean {
  return nonInternet.containsCidr(parseCidr(text));
}
