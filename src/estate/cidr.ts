// CIDR normalization for the loader (host bits cleared, IPv6 in RFC 5952 form), built on ../net.
// Canonical IPv4 CIDRs (the overwhelming majority in AWS data) take a fast path that gives the
// same text as net's normalizeCidr (checked by a property test); everything else goes to net.
import { formatIp, tryParseCidr, tryParseIp } from '../net/index.js';
import type { IpVersion } from './model.js';

export interface NormalizedCidr {
  readonly cidr: string;
  readonly version: IpVersion;
}

/**
 * The normalized text of an IPv4 CIDR written canonically (decimal octets without leading zeros,
 * a prefix length); `undefined` for anything else (left to net to judge). Scans the characters
 * without a regex and returns the input itself when no host bits are set (no allocation).
 */
export function fastCidrV4(text: string): string | undefined {
  const n = text.length;
  if (n < 9 || n > 18) return undefined;
  let i = 0;
  let addr = 0;
  for (let part = 0; part < 4; part++) {
    const start = i;
    let v = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 3 || v > 255 || (digits > 1 && text.charCodeAt(start) === 48))
      return undefined;
    if (i >= n || text.charCodeAt(i) !== (part < 3 ? 46 : 47)) return undefined;
    i++;
    addr = addr * 256 + v;
  }
  const start = i;
  let len = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    len = len * 10 + (c - 48);
    i++;
  }
  const digits = i - start;
  if (digits === 0 || digits > 2 || len > 32 || (digits > 1 && text.charCodeAt(start) === 48))
    return undefined;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const net = (addr & mask) >>> 0;
  if (net === addr) return text;
  return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${len}`;
}

/**
 * Normalize an IPv4 or IPv6 CIDR; `undefined` when it is not one. AWS CIDR fields always carry a
 * prefix, so a bare address is not accepted here.
 */
export function tryNormalizeCidr(text: string): NormalizedCidr | undefined {
  const fast = fastCidrV4(text);
  if (fast !== undefined) return { cidr: fast, version: 4 };
  if (!text.includes('/')) return undefined;
  const c = tryParseCidr(text);
  return c && { cidr: c.text, version: c.version };
}

/** Canonical text of an IP address (IPv6 lower-case RFC 5952); the input when it does not parse. */
export function canonicalIp(text: string): string {
  const ip = tryParseIp(text);
  return ip ? formatIp(ip.version, ip.value) : text;
}
