// IPv4 / IPv6 addresses and CIDR blocks as integers (bigint), with strict parsing.
//
// Parsing rules (documented, tested in test/net/ip.test.ts):
// - IPv4 is dotted-quad decimal only. Leading zeros in an octet ("010.0.0.1") are rejected: inet_aton
//   reads them as octal, others as decimal, so the value is ambiguous; we say so rather than guess.
//   Short forms ("10.1") and hex ("0x0a.0.0.1") are rejected too.
// - IPv6 follows RFC 4291 §2.2 (hex groups of 1–4 digits, one "::", optional dotted-quad tail), any
//   case. Zone ids ("fe80::1%eth0") are rejected: they never appear in AWS CIDRs or IAM conditions.
//   ipaddr.js is not used for IPv6 because it reads "::1.2.3.4" as "::ffff:1.2.3.4" and accepts
//   leading zeros in an embedded IPv4 tail.
// - IPv4-mapped IPv6 ("::ffff:1.2.3.4") parses as IPv6 (version 6), never as IPv4: AWS matches
//   IPv4 and IPv6 CIDRs separately, so ::ffff:0.0.0.0/96 does not contain 1.2.3.4 and vice versa.
// - A bare address is a /32 (IPv4) or /128 (IPv6), as in IAM `IpAddress` conditions.
// - Host bits are cleared as AWS does: "10.0.0.5/8" normalizes to "10.0.0.0/8".
// - Surrounding whitespace is trimmed; anything else unexpected is a NetParseError.
import ipaddr from 'ipaddr.js';

export type IpVersion = 4 | 6;

/** Bad address, CIDR, protocol or port input. The message names the value found and what was expected. */
export class NetParseError extends Error {
  override readonly name = 'NetParseError';
  constructor(
    message: string,
    /** The offending input, verbatim. */
    readonly input: string,
  ) {
    super(message);
  }
}

export const IPV4_MAX = (1n << 32n) - 1n;
export const IPV6_MAX = (1n << 128n) - 1n;

/** Largest address value of a version: 2^32 - 1 or 2^128 - 1. */
export function maxAddress(version: IpVersion): bigint {
  return version === 4 ? IPV4_MAX : IPV6_MAX;
}

/** Number of bits in an address of a version: 32 or 128. */
export function addressBits(version: IpVersion): 32 | 128 {
  return version === 4 ? 32 : 128;
}

const EXPECTED_IP = 'expected e.g. 10.0.0.1 or 2001:db8::1';
const EXPECTED_CIDR = 'expected e.g. 10.0.0.0/16 or 2001:db8::/32';

function quote(text: string): string {
  return JSON.stringify(text);
}

function parseV4(text: string): bigint | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  let value = 0n;
  for (const octet of ipaddr.IPv4.parse(text).octets) value = (value << 8n) | BigInt(octet);
  return value;
}

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseGroups(part: string): number[] | undefined {
  if (part === '') return [];
  const groups: number[] = [];
  for (const g of part.split(':')) {
    if (!HEX_GROUP.test(g)) return undefined;
    groups.push(parseInt(g, 16));
  }
  return groups;
}

function parseV6(text: string): bigint | undefined {
  if (text.includes('%')) return undefined;
  let body = text;
  const tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  if (body.includes('.', lastColon)) {
    const v4 = parseV4(body.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    // Keep the colon so that "::1.2.3.4" leaves "::" behind and "1::2:1.2.3.4" leaves "1::2:".
    body = body.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  let groups: number[];
  if (halves.length === 1) {
    const all = parseGroups(halves[0] ?? '');
    if (all === undefined) return undefined;
    groups = [...all, ...tail];
    if (groups.length !== 8) return undefined;
  } else if (halves.length === 2) {
    const head = parseGroups(halves[0] ?? '');
    const rest = parseGroups(halves[1] ?? '');
    if (head === undefined || rest === undefined) return undefined;
    const known = head.length + rest.length + tail.length;
    // "::" stands for at least one zero group (RFC 5952 §4.2.2 writers; RFC 4291 readers accept 1+).
    if (known > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
  } else {
    return undefined;
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** Parses an IPv4 or IPv6 address (no prefix). Returns undefined when it is not one. */
export function tryParseIp(text: string): { version: IpVersion; value: bigint } | undefined {
  const t = text.trim();
  if (t.includes(':')) {
    const value = parseV6(t);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseV4(t);
  return value === undefined ? undefined : { version: 4, value };
}

/** Parses an IPv4 or IPv6 address (no prefix). Throws NetParseError naming the text. */
export function parseIp(text: string): { version: IpVersion; value: bigint } {
  const ip = tryParseIp(text);
  if (ip === undefined) {
    throw new NetParseError(`${quote(text)} is not an IPv4 or IPv6 address (${EXPECTED_IP})`, text);
  }
  return ip;
}

function checkValue(version: IpVersion, value: bigint): void {
  if (value < 0n || value > maxAddress(version)) {
    throw new RangeError(
      `address value ${value} is outside IPv${version} (expected 0 to ${maxAddress(version)})`,
    );
  }
}

function formatV4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 0xffn).toString()).join('.');
}

/**
 * Formats an address. IPv6 uses RFC 5952: lower case, no leading zeros, the longest run of two or
 * more zero groups (the first on a tie) written "::", and IPv4-mapped addresses as ::ffff:a.b.c.d (§5).
 */
export function formatIp(version: IpVersion, value: bigint): string {
  checkValue(version, value);
  if (version === 4) return formatV4(value);
  if (value >> 32n === 0xffffn) return `::ffff:${formatV4(value & IPV4_MAX)}`;
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export interface Cidr {
  readonly version: IpVersion;
  /** Network address (host bits cleared). */
  readonly first: bigint;
  /** Last address of the block (broadcast for IPv4). */
  readonly last: bigint;
  readonly prefix: number;
  /** Normalized text: host bits cleared, IPv6 compressed lower case, always with "/prefix". */
  readonly text: string;
}

/** The CIDR of `prefix` bits containing `value` (host bits cleared). Throws RangeError on bad input. */
export function cidrOf(version: IpVersion, value: bigint, prefix: number): Cidr {
  checkValue(version, value);
  const bits = addressBits(version);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new RangeError(`prefix ${prefix} is outside IPv${version} (expected 0 to ${bits})`);
  }
  const hostBits = BigInt(bits - prefix);
  const hostMask = (1n << hostBits) - 1n;
  const first = value & ~hostMask;
  const last = first | hostMask;
  return Object.freeze({ version, first, last, prefix, text: `${formatIp(version, first)}/${prefix}` });
}

const PREFIX = /^(0|[1-9][0-9]?[0-9]?)$/;

function parseCidrOrReason(text: string): Cidr | string {
  const t = text.trim();
  const slash = t.indexOf('/');
  const addressText = slash < 0 ? t : t.slice(0, slash);
  const ip = tryParseIp(addressText);
  if (ip === undefined) return `${quote(text)} is not an IPv4 or IPv6 CIDR (${EXPECTED_CIDR})`;
  const bits = addressBits(ip.version);
  if (slash < 0) return cidrOf(ip.version, ip.value, bits);
  const prefixText = t.slice(slash + 1);
  const prefix = PREFIX.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix <= bits)) {
    return `${quote(text)} has prefix ${quote(prefixText)}, expected a number from 0 to ${bits} for IPv${ip.version}`;
  }
  return cidrOf(ip.version, ip.value, prefix);
}

/** Parses a CIDR or bare address. Returns undefined when it is neither. */
export function tryParseCidr(text: string): Cidr | undefined {
  const r = parseCidrOrReason(text);
  return typeof r === 'string' ? undefined : r;
}

/** Parses a CIDR or bare address (a /32 or /128). Throws NetParseError naming the text. */
export function parseCidr(text: string): Cidr {
  const r = parseCidrOrReason(text);
  if (typeof r === 'string') throw new NetParseError(r, text);
  return r;
}

/** Normalized text of a CIDR: "10.0.0.5/8" → "10.0.0.0/8", "2001:DB8::1" → "2001:db8::1/128". */
export function normalizeCidr(text: string): string {
  return parseCidr(text).text;
}

export function cidrContainsIp(c: Cidr, version: IpVersion, value: bigint): boolean {
  return c.version === version && c.first <= value && value <= c.last;
}

/** True when every address of `inner` is in `outer` (same version). */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.version === inner.version && outer.first <= inner.first && inner.last <= outer.last;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.first <= b.last && b.first <= a.last;
}
