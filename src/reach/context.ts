// Per-estate precomputation shared by every reach analysis, memoized in a WeakMap keyed by the
// Estate: parsed CIDRs, compiled route tables (longest prefix first), NACLs, security-group rules
// with resolved prefix lists, attached gateways and address lookups. Nothing here is O(ENIs²).
import type {
  Estate,
  InternetGateway,
  EgressOnlyInternetGateway,
  IpVersion,
  NaclEntry,
  NetworkAcl,
  Route,
  RouteTable,
  SecurityGroup,
  SgRule,
} from '../estate/model.js';
import { BigIntervalSet, tryParseCidr, tryParseIp, type Cidr } from '../net/index.js';

export interface CompiledRoute {
  readonly first: bigint;
  readonly last: bigint;
  readonly prefix: number;
  readonly version: IpVersion;
  readonly route: Route;
  /** The destination as written: a CIDR, or `pl-… (cidr)` for a prefix-list route. */
  readonly destination: string;
  readonly prefixListId?: string;
}

export interface CompiledTable {
  readonly table: RouteTable;
  readonly v4: readonly CompiledRoute[];
  readonly v6: readonly CompiledRoute[];
  /** Prefix lists routed by this table whose entries the snapshot does not hold. */
  readonly unknownPrefixLists: readonly { readonly prefixListId: string; readonly route: Route }[];
}

export interface CompiledNaclEntry {
  readonly entry: NaclEntry;
  readonly addrs: BigIntervalSet;
}

export interface CompiledNacl {
  readonly nacl: NetworkAcl;
  readonly inbound: readonly CompiledNaclEntry[];
  readonly outbound: readonly CompiledNaclEntry[];
}

export interface CompiledSgRule {
  readonly sg: SecurityGroup;
  readonly rule: SgRule;
  /** Addresses the rule names (CIDR or a known prefix list), per version; undefined for SG references. */
  readonly v4?: BigIntervalSet;
  readonly v6?: BigIntervalSet;
  /** Referenced security group (members' private addresses match). */
  readonly refGroupId?: string;
  /** Why part of the rule could not be evaluated (prefix list without entries …). */
  readonly unknown?: string;
}

export interface ReachContext {
  readonly estate: Estate;
  cidr(text: string): Cidr | undefined;
  table(id: string): CompiledTable | undefined;
  tableForSubnet(subnetId: string): CompiledTable | undefined;
  nacl(id: string): CompiledNacl | undefined;
  naclForSubnet(subnetId: string): CompiledNacl | undefined;
  sgRules(sgId: string, direction: 'ingress' | 'egress'): readonly CompiledSgRule[] | undefined;
  /** Internet gateway attached (available/attached) to the VPC. */
  igwForVpc(vpcId: string): InternetGateway | undefined;
  eigwForVpc(vpcId: string): EgressOnlyInternetGateway | undefined;
  /** ENIs holding a private IPv4 / IPv6 address (any VPC), sorted. */
  enisByPrivateIp(ip: string): readonly string[];
  /** Private addresses of the members of a security group, per version. */
  sgMemberAddresses(sgId: string, version: IpVersion): BigIntervalSet;
  /** Memo for analyses built on top (keyed by name). */
  memo<T>(key: string, compute: () => T): T;
}

const contexts = new WeakMap<Estate, ReachContext>();

function byPrefixDesc(a: CompiledRoute, b: CompiledRoute): number {
  if (a.prefix !== b.prefix) return b.prefix - a.prefix;
  // Same prefix: local first, then CIDR routes before prefix-list routes (VPC User Guide, "Route priority").
  const la = a.route.target.kind === 'local' ? 0 : 1;
  const lb = b.route.target.kind === 'local' ? 0 : 1;
  if (la !== lb) return la - lb;
  const pa = a.prefixListId ? 1 : 0;
  const pb = b.prefixListId ? 1 : 0;
  if (pa !== pb) return pa - pb;
  return a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0;
}

const LIVE_ATTACHMENT = new Set(['available', 'attached']);

export function reachContext(estate: Estate): ReachContext {
  const existing = contexts.get(estate);
  if (existing) return existing;

  const cidrs = new Map<string, Cidr | undefined>();
  const cidr = (text: string): Cidr | undefined => {
    let c = cidrs.get(text);
    if (c === undefined && !cidrs.has(text)) {
      c = tryParseCidr(text);
      cidrs.set(text, c);
    }
    return c;
  };
  // One (immutable) address set per CIDR text and per prefix list: many rules and entries name the
  // same few CIDRs, so they share it instead of holding a copy each.
  const cidrSets = new Map<string, BigIntervalSet>();
  const cidrSet = (text: string, c: Cidr): BigIntervalSet => {
    let s = cidrSets.get(text);
    if (!s) cidrSets.set(text, (s = BigIntervalSet.range(c.first, c.last)));
    return s;
  };
  const plSets = new Map<string, BigIntervalSet>();
  const plSet = (plId: string, texts: readonly string[], version: IpVersion): BigIntervalSet => {
    const key = `${plId}|${version}`;
    let s = plSets.get(key);
    if (!s) plSets.set(key, (s = setOf(texts, version)));
    return s;
  };
  const setOf = (texts: readonly string[], version: IpVersion): BigIntervalSet => {
    const ranges: [bigint, bigint][] = [];
    for (const t of texts) {
      const c = cidr(t);
      if (c && c.version === version) ranges.push([c.first, c.last]);
    }
    return BigIntervalSet.fromRanges(ranges);
  };

  const tables = new Map<string, CompiledTable | undefined>();
  const table = (id: string): CompiledTable | undefined => {
    if (tables.has(id)) return tables.get(id);
    const rt = estate.routeTables.get(id);
    let compiled: CompiledTable | undefined;
    if (rt) {
      const v4: CompiledRoute[] = [];
      const v6: CompiledRoute[] = [];
      const unknownPrefixLists: { prefixListId: string; route: Route }[] = [];
      for (const route of rt.routes) {
        if (route.destination.kind === 'cidr') {
          const c = cidr(route.destination.cidr);
          if (!c) continue;
          (c.version === 4 ? v4 : v6).push({
            first: c.first,
            last: c.last,
            prefix: c.prefix,
            version: c.version,
            route,
            destination: c.text,
          });
        } else {
          const plId = route.destination.prefixListId;
          const pl = estate.prefixLists.get(plId);
          if (!pl || !pl.entriesKnown) {
            unknownPrefixLists.push({ prefixListId: plId, route });
            continue;
          }
          for (const t of pl.cidrs) {
            const c = cidr(t);
            if (!c) continue;
            (c.version === 4 ? v4 : v6).push({
              first: c.first,
              last: c.last,
              prefix: c.prefix,
              version: c.version,
              route,
              destination: `${plId} (${c.text})`,
              prefixListId: plId,
            });
          }
        }
      }
      v4.sort(byPrefixDesc);
      v6.sort(byPrefixDesc);
      compiled = { table: rt, v4, v6, unknownPrefixLists };
    }
    tables.set(id, compiled);
    return compiled;
  };

  const nacls = new Map<string, CompiledNacl | undefined>();
  const nacl = (id: string): CompiledNacl | undefined => {
    if (nacls.has(id)) return nacls.get(id);
    const n = estate.networkAcls.get(id);
    let compiled: CompiledNacl | undefined;
    if (n) {
      const inbound: CompiledNaclEntry[] = [];
      const outbound: CompiledNaclEntry[] = [];
      for (const entry of n.entries) {
        const c = cidr(entry.cidr);
        if (!c) continue;
        (entry.egress ? outbound : inbound).push({ entry, addrs: cidrSet(entry.cidr, c) });
      }
      const order = (a: CompiledNaclEntry, b: CompiledNaclEntry) => a.entry.ruleNumber - b.entry.ruleNumber;
      inbound.sort(order);
      outbound.sort(order);
      compiled = { nacl: n, inbound, outbound };
    }
    nacls.set(id, compiled);
    return compiled;
  };

  const compileRule = (sg: SecurityGroup, rule: SgRule): CompiledSgRule => {
    const s = rule.source;
    if (s.kind === 'cidr') {
      const c = cidr(s.cidr);
      const r = c ? cidrSet(s.cidr, c) : BigIntervalSet.empty();
      return c?.version === 6 ? { sg, rule, v6: r } : { sg, rule, v4: r };
    }
    if (s.kind === 'sg') return { sg, rule, refGroupId: s.groupId };
    const pl = estate.prefixLists.get(s.prefixListId);
    if (!pl || !pl.entriesKnown) {
      return {
        sg,
        rule,
        unknown: `not modelled: prefix list ${s.prefixListId} in ${sg.id} has no entries in the snapshot`,
      };
    }
    return { sg, rule, v4: plSet(s.prefixListId, pl.cidrs, 4), v6: plSet(s.prefixListId, pl.cidrs, 6) };
  };
  // Compiled per direction on first use: exposure reads ingress rules only.
  const sgIngress = new Map<string, CompiledSgRule[] | undefined>();
  const sgEgress = new Map<string, CompiledSgRule[] | undefined>();
  const sgRules = (sgId: string, direction: 'ingress' | 'egress'): readonly CompiledSgRule[] | undefined => {
    const cache = direction === 'ingress' ? sgIngress : sgEgress;
    if (!cache.has(sgId)) {
      const sg = estate.securityGroups.get(sgId);
      cache.set(sgId, sg && sg[direction].map((r) => compileRule(sg, r)));
    }
    return cache.get(sgId);
  };

  const defaultNacls = new Map<string, string>();
  for (const n of estate.networkAcls.values())
    if (n.isDefault && !defaultNacls.has(n.vpcId)) defaultNacls.set(n.vpcId, n.id);

  const igws = new Map<string, InternetGateway>();
  for (const g of estate.internetGateways.values()) {
    for (const a of g.attachments)
      if (LIVE_ATTACHMENT.has(a.state) && !igws.has(a.vpcId)) igws.set(a.vpcId, g);
  }
  const eigws = new Map<string, EgressOnlyInternetGateway>();
  for (const g of estate.egressOnlyInternetGateways.values()) {
    for (const a of g.attachments)
      if (LIVE_ATTACHMENT.has(a.state) && !eigws.has(a.vpcId)) eigws.set(a.vpcId, g);
  }

  let ipIndex: Map<string, string[]> | undefined;
  const enisByPrivateIp = (ip: string): readonly string[] => {
    if (!ipIndex) {
      ipIndex = new Map();
      const add = (k: string, id: string) => {
        const list = ipIndex!.get(k);
        if (list) list.push(id);
        else ipIndex!.set(k, [id]);
      };
      for (const eni of estate.networkInterfaces.values()) {
        for (const p of eni.privateIps) add(canonicalIp(p.privateIp), eni.id);
        for (const a of eni.ipv6Addresses) add(canonicalIp(a), eni.id);
      }
      for (const list of ipIndex.values()) list.sort();
    }
    return ipIndex.get(canonicalIp(ip)) ?? [];
  };

  const members = new Map<string, BigIntervalSet>();
  const sgMemberAddresses = (sgId: string, version: IpVersion): BigIntervalSet => {
    const key = `${sgId}|${version}`;
    let s = members.get(key);
    if (!s) {
      const ranges: [bigint, bigint][] = [];
      for (const eniId of estate.index.enisBySecurityGroup.get(sgId) ?? []) {
        const eni = estate.networkInterfaces.get(eniId);
        if (!eni) continue;
        const texts = version === 4 ? eni.privateIps.map((p) => p.privateIp) : eni.ipv6Addresses;
        for (const t of texts) {
          const ip = tryParseIp(t);
          if (ip && ip.version === version) ranges.push([ip.value, ip.value]);
        }
      }
      s = BigIntervalSet.fromRanges(ranges);
      members.set(key, s);
    }
    return s;
  };

  const memos = new Map<string, unknown>();
  const ctx: ReachContext = {
    estate,
    cidr,
    table,
    tableForSubnet: (subnetId) => {
      const id = estate.index.routeTableBySubnet.get(subnetId);
      return id === undefined ? undefined : table(id);
    },
    nacl,
    naclForSubnet: (subnetId) => {
      // DescribeNetworkAcls lists every subnet's association; when the data lacks one, the subnet
      // uses its VPC's default NACL (VPC User Guide, "Network ACL basics").
      let id = estate.index.naclBySubnet.get(subnetId);
      if (id === undefined) {
        const vpcId = estate.subnets.get(subnetId)?.vpcId;
        if (vpcId !== undefined) id = defaultNacls.get(vpcId);
      }
      return id === undefined ? undefined : nacl(id);
    },
    sgRules,
    igwForVpc: (vpcId) => igws.get(vpcId),
    eigwForVpc: (vpcId) => eigws.get(vpcId),
    enisByPrivateIp,
    sgMemberAddresses,
    memo<T>(key: string, compute: () => T): T {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
  contexts.set(estate, ctx);
  return ctx;
}

/** Canonical text of an address (IPv6 compressed lower case); the input when it does not parse. */
export function canonicalIp(text: string): string {
  const ip = tryParseIp(text);
  if (!ip) return text.trim().toLowerCase();
  return ip.version === 4 ? text.trim() : `${ip.value.toString(16)}#6`;
}
