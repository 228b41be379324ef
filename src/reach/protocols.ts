// Which part of a flow's "port" dimension a security-group rule or NACL entry covers, per protocol.
// TCP/UDP: destination ports 0–65535. ICMP/ICMPv6: the ICMP type 0–255 (AWS stores it in FromPort /
// IcmpTypeCode.Type). Other protocols have no ports: a single point 0. `all` means every protocol
// at once: only "-1" rules cover it.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
import { ICMP, ICMPV6, IntervalSet, TCP, UDP, allPorts, type Protocol } from '../net/index.js';
import type { NaclEntry, SgRule } from '../estate/model.js';

export type FlowProtocol = Protocol;

const ICMP_TYPES = IntervalSet.range(0, 255);
const POINT = IntervalSet.single(0);

export function portUniverse(p: FlowProtocol): IntervalSet {
  if (p === TCP || p === UDP) return allPorts;
  if (p === ICMP || p === ICMPV6) return ICMP_TYPES;
  return POINT;
}

export function hasPorts(p: FlowProtocol): boolean {
  return p === TCP || p === UDP;
}

const SG_NAMES: Readonly<Record<string, number>> = { tcp: TCP, udp: UDP, icmp: ICMP, icmpv6: ICMPV6 };

function icmpTypes(icmp: { readonly type: number } | undefined): IntervalSet {
  return !icmp || icmp.type === -1 ? ICMP_TYPES : IntervalSet.single(icmp.type);
}

/** The part of the port dimension of protocol `p` that the rule covers; undefined if its protocol differs. */
export function sgRulePorts(rule: SgRule, p: FlowProtocol): IntervalSet | undefined {
  if (rule.protocol === '-1') return portUniverse(p);
  if (p === 'all') return undefined;
  const n = SG_NAMES[rule.protocol] ?? Number(rule.protocol);
  if (n !== p) return undefined;
  if (p === TCP || p === UDP)
    return rule.ports ? IntervalSet.range(rule.ports.from, rule.ports.to) : allPorts;
  if (p === ICMP || p === ICMPV6) return icmpTypes(rule.icmp);
  return POINT;
}

/** Same for a NACL entry (protocol is a number string or "-1"). */
export function naclEntryPorts(e: NaclEntry, p: FlowProtocol): IntervalSet | undefined {
  if (e.protocol === '-1') return portUniverse(p);
  if (p === 'all') return undefined;
  if (Number(e.protocol) !== p) return undefined;
  if (p === TCP || p === UDP)
    return e.portRange ? IntervalSet.range(e.portRange.from, e.portRange.to) : allPorts;
  if (p === ICMP || p === ICMPV6) return icmpTypes(e.icmp);
  return POINT;
}

/** Entries with a specific protocol still touch `all` traffic partially (a deny on tcp/22 blocks part of it). */
export function naclEntryTouchesAll(e: NaclEntry): boolean {
  return e.protocol !== '-1';
}
