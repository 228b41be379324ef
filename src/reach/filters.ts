// Network ACLs (stateless, ordered, first match wins, default deny) and security groups (stateful,
// allow-only, union of rules; CIDR, IPv6, prefix-list and security-group-reference sources), for
// one packet or as a Region of (peer address × port) pairs.
// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
import type { IpVersion, NaclEntry } from '../estate/model.js';
import { BigIntervalSet, IPV4_MAX, IPV6_MAX } from '../net/index.js';
import type { CompiledNacl, CompiledSgRule, ReachContext } from './context.js';
import {
  naclEntryPorts,
  naclEntryTouchesAll,
  portUniverse,
  sgRulePorts,
  type FlowProtocol,
} from './protocols.js';
import { Region } from './region.js';

export const ALL_V4 = BigIntervalSet.range(0n, IPV4_MAX);
export const ALL_V6 = BigIntervalSet.range(0n, IPV6_MAX);
export function allAddresses(v: IpVersion): BigIntervalSet {
  return v === 4 ? ALL_V4 : ALL_V6;
}

export interface NaclVerdict {
  readonly allowed: boolean;
  /** The entry that decided; undefined = no entry matched (implicit deny). */
  readonly entry?: NaclEntry;
}

/** First matching entry decides. For `all` traffic a specific-protocol deny blocks part of it, so it decides too. */
export function evaluateNacl(
  n: CompiledNacl,
  egress: boolean,
  p: FlowProtocol,
  port: number,
  version: IpVersion,
  addr: bigint,
): NaclVerdict {
  for (const { entry, addrs } of egress ? n.outbound : n.inbound) {
    if (entry.version !== version || !addrs.contains(addr)) continue;
    if (p === 'all') {
      if (entry.protocol === '-1') return { allowed: entry.action === 'allow', entry };
      if (naclEntryTouchesAll(entry) && entry.action === 'deny') return { allowed: false, entry };
      continue;
    }
    const ports = naclEntryPorts(entry, p);
    if (!ports || !ports.contains(port)) continue;
    return { allowed: entry.action === 'allow', entry };
  }
  return { allowed: false };
}

export interface NaclRegion {
  readonly allowed: Region;
  /** Allow entries with the part of the space they decide. */
  readonly allows: readonly { readonly entry: NaclEntry; readonly region: Region }[];
}

/** The (peer address × port) pairs of protocol `p` the NACL allows in one direction. */
export function naclRegion(
  n: CompiledNacl,
  egress: boolean,
  p: FlowProtocol,
  version: IpVersion,
): NaclRegion {
  let remaining = Region.of(allAddresses(version), portUniverse(p));
  let allowed = Region.empty;
  const allows: { entry: NaclEntry; region: Region }[] = [];
  for (const { entry, addrs } of egress ? n.outbound : n.inbound) {
    if (remaining.isEmpty()) break;
    if (entry.version !== version) continue;
    const ports = naclEntryPorts(entry, p);
    if (!ports) continue;
    const part = remaining.intersectRect(addrs, ports);
    if (part.isEmpty()) continue;
    if (entry.action === 'allow') {
      allowed = allowed.union(part);
      allows.push({ entry, region: part });
    }
    remaining = remaining.subtractRect(addrs, ports);
  }
  return { allowed, allows };
}

export interface SgVerdict {
  readonly allowed: boolean;
  /** Rules that allow the packet. */
  readonly rules: readonly CompiledSgRule[];
  /** Rules that could not be evaluated and might allow it. */
  readonly unknown: readonly string[];
}

export interface Peer {
  readonly version: IpVersion;
  readonly addr: bigint;
  /** Security groups of the peer ENI (for SG-reference rules); empty for the internet. */
  readonly sgIds: readonly string[];
}

export function evaluateSgs(
  ctx: ReachContext,
  sgIds: readonly string[],
  direction: 'ingress' | 'egress',
  p: FlowProtocol,
  port: number,
  peer: Peer,
): SgVerdict {
  const rules: CompiledSgRule[] = [];
  const unknown: string[] = [];
  for (const sgId of sgIds) {
    const compiled = ctx.sgRules(sgId, direction);
    if (!compiled) {
      unknown.push(`not modelled: security group ${sgId} is not in the snapshot`);
      continue;
    }
    for (const r of compiled) {
      const ports = sgPortsFor(r, p);
      if (!ports || !ports.contains(port)) continue;
      if (r.unknown) {
        unknown.push(r.unknown);
        continue;
      }
      if (r.refGroupId !== undefined) {
        if (peer.sgIds.includes(r.refGroupId)) rules.push(r);
        continue;
      }
      const set = peer.version === 4 ? r.v4 : r.v6;
      if (set?.contains(peer.addr)) rules.push(r);
    }
  }
  return { allowed: rules.length > 0, rules, unknown: [...new Set(unknown)].sort() };
}

function sgPortsFor(r: CompiledSgRule, p: FlowProtocol) {
  return sgRulePorts(r.rule, p);
}

export interface SgRegion {
  readonly allowed: Region;
  readonly rules: readonly { readonly rule: CompiledSgRule; readonly region: Region }[];
  readonly unknown: readonly string[];
}

/**
 * What the security groups allow from addresses (CIDR and prefix-list rules; SG references add
 * their members' private addresses only when `withMembers`).
 */
export function sgRegion(
  ctx: ReachContext,
  sgIds: readonly string[],
  direction: 'ingress' | 'egress',
  p: FlowProtocol,
  version: IpVersion,
  withMembers = false,
): SgRegion {
  if (sgIds.length === 1) {
    return ctx.memo(`sg-region|${sgIds[0]!}|${direction}|${p}|${version}|${withMembers ? 1 : 0}`, () =>
      oneSgRegion(ctx, sgIds[0]!, direction, p, version, withMembers),
    );
  }
  let allowed = Region.empty;
  const rules: { rule: CompiledSgRule; region: Region }[] = [];
  const unknown: string[] = [];
  for (const id of sgIds) {
    const r = sgRegion(ctx, [id], direction, p, version, withMembers);
    allowed = allowed.union(r.allowed);
    rules.push(...r.rules);
    unknown.push(...r.unknown);
  }
  return { allowed, rules, unknown: [...new Set(unknown)].sort() };
}

/** One group's region, not memoized (sgRegion memoizes it per estate). */
export function oneSgRegion(
  ctx: ReachContext,
  sgId: string,
  direction: 'ingress' | 'egress',
  p: FlowProtocol,
  version: IpVersion,
  withMembers: boolean,
): SgRegion {
  const compiled = ctx.sgRules(sgId, direction);
  if (!compiled)
    return {
      allowed: Region.empty,
      rules: [],
      unknown: [`not modelled: security group ${sgId} is not in the snapshot`],
    };
  let allowed = Region.empty;
  const rules: { rule: CompiledSgRule; region: Region }[] = [];
  const unknown: string[] = [];
  for (const r of compiled) {
    const ports = sgRulePorts(r.rule, p);
    if (!ports) continue;
    if (r.unknown) {
      unknown.push(r.unknown);
      continue;
    }
    let set: BigIntervalSet | undefined;
    if (r.refGroupId !== undefined)
      set = withMembers ? ctx.sgMemberAddresses(r.refGroupId, version) : undefined;
    else set = version === 4 ? r.v4 : r.v6;
    if (!set || set.isEmpty()) continue;
    const region = Region.of(set, ports);
    allowed = allowed.union(region);
    rules.push({ rule: r, region });
  }
  return { allowed, rules, unknown: [...new Set(unknown)].sort() };
}
