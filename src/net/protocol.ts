// IP protocols as AWS writes them in security groups and NACLs: "-1" (all), a name or a number.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
import { NetParseError } from './ip.js';

export const ICMP = 1;
export const TCP = 6;
export const UDP = 17;
export const ICMPV6 = 58;

export type Protocol = number | 'all';

const NAMES: ReadonlyMap<string, number> = new Map([
  ['tcp', TCP],
  ['udp', UDP],
  ['icmp', ICMP],
  ['icmpv6', ICMPV6],
]);

const EXPECTED = 'expected -1, all, tcp, udp, icmp, icmpv6 or a protocol number 0-255';

/** Parses "-1"/"all" (every protocol), "tcp"/"udp"/"icmp"/"icmpv6" (any case) or 0–255. */
export function parseProtocol(text: string | number): Protocol {
  if (typeof text === 'number') {
    if (text === -1) return 'all';
    if (Number.isInteger(text) && text >= 0 && text <= 255) return text;
    throw new NetParseError(`protocol ${text} is not valid (${EXPECTED})`, String(text));
  }
  const t = text.trim().toLowerCase();
  if (t === '-1' || t === 'all') return 'all';
  const named = NAMES.get(t);
  if (named !== undefined) return named;
  if (/^(0|[1-9][0-9]{0,2})$/.test(t) && Number(t) <= 255) return Number(t);
  throw new NetParseError(`protocol ${JSON.stringify(text)} is not valid (${EXPECTED})`, text);
}

/** "tcp", "udp", "icmp", "icmpv6", "all", or the number as text. */
export function protocolName(p: Protocol): string {
  if (p === 'all') return 'all';
  for (const [name, n] of NAMES) if (n === p) return name;
  return String(p);
}

/**
 * True for TCP and UDP only: AWS security-group and NACL port ranges apply to those; for ICMP the
 * same fields hold type and code, and for "all" or other protocols they are ignored (all ports).
 */
export function portsApply(p: Protocol): boolean {
  return p === TCP || p === UDP;
}
