// CIDR normalization for the loader (host bits cleared, IPv6 in RFC 5952 form).
// TODO(net): switch to `normalizeCidr`/`tryParseCidr` from ../net/index.js once it lands.
import ipaddr from 'ipaddr.js';
import type { IpVersion } from './model.js';

export interface NormalizedCidr {
  readonly cidr: string;
  readonly version: IpVersion;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Normalize an IPv4 or IPv6 CIDR; `undefined` when it is not a valid CIDR. */
export function tryNormalizeCidr(text: string): NormalizedCidr | undefined {
  const m = V4.exec(text);
  if (m) {
    const o = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    const len = Number(m[5]);
    if (len > 32 || o.some((x) => x > 255)) return undefined;
    if (o.some((x, i) => String(x) !== m[i + 1])) return undefined; // no leading zeros
    const n = ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    const net = (n & mask) >>> 0;
    return {
      cidr: `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${len}`,
      version: 4,
    };
  }
  if (!text.includes(':') || !text.includes('/')) return undefined;
  try {
    const [addr, len] = ipaddr.parseCIDR(text);
    if (addr.kind() !== 'ipv6') return undefined;
    const net = ipaddr.IPv6.networkAddressFromCIDR(text);
    return { cidr: `${net.toString()}/${len}`, version: 6 };
  } catch {
    return undefined;
  }
}
