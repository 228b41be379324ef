// CIDR normalization for the loader (host bits cleared, IPv6 in RFC 5952 form), built on ../net.
// Canonical IPv4 CIDRs (the overwhelming majority in AWS data) take a fast path that gives the
// same text as net's normalizeCidr (checked by a property test); everything else goes to net.
import { formatIp, tryParseCidr, tryParseIp } from '../net/index.js';
import type { IpVersion } from './model.js';

export interface NormalizedCidr {
  readonly cidr: string;
  readonly version: IpVersion;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function fastV4(text: string): NormalizedCidr | undefined {
  const m = V4.exec(text);
  if (!m) return undefined;
  const o = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  const len = Number(m[5]);
  if (len > 32 || o.some((x) => x > 255)) return undefined;
  // Leading zeros ("010.0.0.0/8") and "/08" are left to net to judge.
  if (o.some((x, i) => String(x) !== m[i + 1]) || String(len) !== m[5]) return undefined;
  const n = ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const net = (n & mask) >>> 0;
  return { cidr: `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${len}`, version: 4 };
}

/**
 * Normalize an IPv4 or IPv6 CIDR; `undefined` when it is not one. AWS CIDR fields always carry a
 * prefix, so a bare address is not accepted here.
 */
export function tryNormalizeCidr(text: string): NormalizedCidr | undefined {
  const fast = fastV4(text);
  if (fast) return fast;
  if (!text.includes('/')) return undefined;
  const c = tryParseCidr(text);
  return c && { cidr: c.text, version: c.version };
}

/** Canonical text of an IP address (IPv6 lower-case RFC 5952); the input when it does not parse. */
export function canonicalIp(text: string): string {
  const ip = tryParseIp(text);
  return ip ? formatIp(ip.version, ip.value) : text;
}
