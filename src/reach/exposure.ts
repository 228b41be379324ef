// What the internet can open a connection to: per resource, public address, IP version, protocol
// and merged port ranges, with the path (gateway, route table, NACL, security groups, ENI) and the
// rules that let it in. Covers ENIs with a public IPv4 (auto-assigned or EIP) or a global IPv6
// (instances and requester-managed ENIs), internet-facing ELBv2 load balancers (listener → target
// group → healthy targets) and publicly accessible RDS instances. NAT gateways never accept
// unsolicited inbound connections.
// https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
import type { Estate, IpVersion, LoadBalancer, NaclEntry, NetworkInterface } from '../estate/model.js';
import {
  BigIntervalSet,
  ICMP,
  ICMPV6,
  IntervalSet,
  TCP,
  UDP,
  ephemeralPorts,
  protocolName,
  tryParseIp,
} from '../net/index.js';
import { reachContext, type CompiledNacl, type CompiledSgRule, type ReachContext } from './context.js';
import { evaluateNacl, evaluateSgs, naclRegion, oneSgRegion, type SgRegion } from './filters.js';
import { internetAddresses, replyRoutes, subnetIngress, type SubnetIngress } from './internet-ingress.js';
import { notRoutingReason, targetSource, type TargetSource } from './load-balancer-rules.js';
import { portUniverse, sgRulePorts, type FlowProtocol } from './protocols.js';
import type { Region } from './region.js';
import { lookupRoute } from './routing.js';
import { LISTENER_PROTOCOLS, listenersOf, loadBalancerNodes } from './trace-load-balancer.js';

export interface PortRangeOut {
  readonly from: number;
  readonly to: number;
}

export interface ExposureEvidence {
  readonly route: readonly {
    readonly routeTableId: string;
    readonly destination: string;
    readonly target: string;
  }[];
  readonly naclInbound: readonly {
    readonly naclId: string;
    readonly ruleNumber: number;
    readonly text: string;
  }[];
  readonly naclOutbound: readonly {
    readonly naclId: string;
    readonly ruleNumber: number;
    readonly text: string;
  }[];
  readonly securityGroupRules: readonly {
    readonly groupId: string;
    readonly text: string;
    readonly ruleId?: string;
  }[];
  readonly loadBalancer?: {
    readonly arn: string;
    readonly listenerArn?: string;
    readonly targetGroupArn?: string;
  };
  readonly notModelled: readonly string[];
}

export interface Exposure {
  readonly resourceId: string;
  /** instance, network-interface, load-balancer, rds */
  readonly resourceType: string;
  readonly accountId: string;
  readonly region: string;
  readonly vpcId: string;
  readonly address: string;
  readonly ipVersion: IpVersion;
  /** tcp, udp, icmp, icmpv6, or a protocol number. For ICMP the ports are ICMP types. */
  readonly protocol: string;
  readonly ports: readonly PortRangeOut[];
  readonly via: readonly string[];
  /** Not part of the JSON contract: the rules and routes that let it in (text output, checks). */
  readonly evidence: ExposureEvidence;
}

export interface ExposureOptions {
  /** Report backends reached through internet-facing load balancers (default true). */
  readonly loadBalancerTargets?: boolean;
}

const SKIP_INTERFACE_TYPES = new Set([
  'nat_gateway', // drops unsolicited inbound connections
  'vpc_endpoint',
  'gateway_load_balancer',
  'gateway_load_balancer_endpoint',
  'transit_gateway',
  'network_load_balancer',
]);

const BASE_PROTOCOLS: Readonly<Record<IpVersion, readonly number[]>> = {
  4: [TCP, UDP, ICMP],
  6: [TCP, UDP, ICMPV6],
};

/** TCP, UDP, ICMP(v6), plus any other protocol number the groups' ingress rules name. */
function protocolsFor(
  ctx: ReachContext,
  version: IpVersion,
  sgIds: readonly string[],
): readonly FlowProtocol[] {
  let extra: number[] | undefined;
  for (const id of sgIds) {
    const own = sgProtocolCache(ctx).get(id) ?? computeSgProtocols(ctx, id);
    if (own.length === 0) continue;
    for (const n of own) if (!BASE_PROTOCOLS[version].includes(n)) (extra ??= []).push(n);
  }
  if (!extra) return BASE_PROTOCOLS[version];
  return [...new Set([...BASE_PROTOCOLS[version], ...extra])].sort((a, b) => a - b);
}

const protocolCaches = new WeakMap<ReachContext, Map<string, number[]>>();
function sgProtocolCache(ctx: ReachContext): Map<string, number[]> {
  let m = protocolCaches.get(ctx);
  if (!m) {
    m = new Map();
    protocolCaches.set(ctx, m);
  }
  return m;
}

function computeSgProtocols(ctx: ReachContext, id: string): number[] {
  const out = new Set<number>();
  for (const r of ctx.sgRules(id, 'ingress') ?? []) {
    const n = Number(r.rule.protocol);
    if (r.rule.protocol !== '-1' && Number.isInteger(n) && n >= 0 && n <= 255) out.add(n);
  }
  const own = [...out];
  sgProtocolCache(ctx).set(id, own);
  return own;
}

function naclText(e: NaclEntry): string {
  const proto = e.protocol === '-1' ? 'all' : protocolName(Number(e.protocol));
  const ports = e.portRange ? ` ${e.portRange.from}-${e.portRange.to}` : e.icmp ? ` type ${e.icmp.type}` : '';
  return `${e.ruleNumber === 32767 ? '*' : e.ruleNumber} ${e.action} ${proto}${ports} ${e.egress ? 'to' : 'from'} ${e.cidr}`;
}

export function sgRuleText(r: CompiledSgRule): string {
  const rule = r.rule;
  const proto = rule.protocol === '-1' ? 'all' : rule.protocol;
  const ports = rule.ports
    ? rule.ports.from === rule.ports.to
      ? ` ${rule.ports.from}`
      : ` ${rule.ports.from}-${rule.ports.to}`
    : rule.icmp
      ? ` type ${rule.icmp.type}`
      : '';
  const s = rule.source;
  const src = s.kind === 'cidr' ? s.cidr : s.kind === 'sg' ? s.groupId : s.prefixListId;
  return `${rule.direction} ${proto}${ports} ${rule.direction === 'ingress' ? 'from' : 'to'} ${src}${rule.description ? ` (${rule.description})` : ''}`;
}

function toRanges(s: IntervalSet): PortRangeOut[] {
  // One range (the usual case): read its ends without making the set cache its range list.
  if (s.rangeCount === 1) return [{ from: s.min()!, to: s.max()! }];
  return s.ranges().map(([from, to]) => ({ from, to }));
}

/**
 * What passes the subnet and the security groups. Only the analysis reads it; exposures keep its
 * `source` (a piece or a list of pieces) for their evidence, so the pass itself (ports, ingress) is
 * dropped once the exposures are built.
 */
class Pass {
  constructor(
    readonly ports: IntervalSet,
    readonly ingress: SubnetIngress,
    readonly sgIds: readonly string[],
    readonly notModelled: readonly string[],
    readonly source: EvidenceSource,
  ) {}

  /** The internet addresses that pass (on some port of the filter); port-filtered passes only. */
  get addrs(): BigIntervalSet {
    return this.source.addrs;
  }

  get evidence(): ExposureEvidence {
    return this.source.merged;
  }
}

/** Evidence of a pass, merged on first use (text output, checks): the analysis does not need it. */
interface EvidenceSource {
  readonly merged: ExposureEvidence;
  readonly addrs: BigIntervalSet;
}

/** The pieces of a pass that has more than one. */
class PieceList implements EvidenceSource {
  #merged: ExposureEvidence | undefined;
  #addrs: BigIntervalSet | undefined;
  constructor(private readonly pieces: readonly Piece[]) {}

  get merged(): ExposureEvidence {
    this.#merged ??= mergeEvidence(
      this.pieces.map((x) => x.evidence),
      undefined,
    );
    return this.#merged;
  }

  get addrs(): BigIntervalSet {
    if (!this.#addrs) {
      let addrs = BigIntervalSet.empty();
      for (const x of this.pieces) addrs = addrs.union(x.addrs);
      this.#addrs = addrs;
    }
    return this.#addrs;
  }
}

// Evidence objects are shared (one per route / NACL entry / SG rule) so that merging the pieces of
// many ENIs dedupes by identity instead of by content.
const evidenceCache = new WeakMap<object, object>();
function shared<K extends object, V extends object>(key: K, make: () => V): V {
  let v = evidenceCache.get(key) as V | undefined;
  if (!v) {
    v = make();
    evidenceCache.set(key, v);
  }
  return v;
}

/**
 * One security group's share of a subnet's ingress (or the subnet alone: no group). Only what the
 * passes built from it read is kept (the region itself is dropped once evidence is chosen): its
 * ports, its addresses for port-filtered legs (load balancer targets), the evidence. A pass made
 * of one piece uses the piece as its evidence source, so passes sharing it share the merge.
 */
class Piece implements EvidenceSource {
  #merged: ExposureEvidence | undefined;
  constructor(
    readonly ports: IntervalSet,
    /** The internet addresses that pass; kept only for port-filtered pieces (load balancer legs). */
    private readonly addresses: BigIntervalSet | undefined,
    readonly evidence: ExposureEvidence,
    readonly sgIds: readonly string[],
  ) {}

  get addrs(): BigIntervalSet {
    if (!this.addresses) throw new Error('internal: addresses of a piece without a port filter');
    return this.addresses;
  }

  get merged(): ExposureEvidence {
    this.#merged ??= mergeEvidence([this.evidence], undefined);
    return this.#merged;
  }

  /** The same piece with one more note (not memoized: the caller's own). */
  withNote(note: string): Piece {
    return new Piece(
      this.ports,
      this.addresses,
      { ...this.evidence, notModelled: [...this.evidence.notModelled, note] },
      this.sgIds,
    );
  }
}

/** The subnet's ingress region, filtered by one security group (or none: `*`) and ports. Memoized. */
function piece(
  ctx: ReachContext,
  ingress: SubnetIngress,
  sgId: string | undefined,
  version: IpVersion,
  p: FlowProtocol,
  portFilter: IntervalSet | undefined,
): Piece | undefined {
  // Without a port filter (the ENI case, by far the most frequent): a per-ingress map, no string keys.
  if (!portFilter) {
    let m = pieceCache.get(ingress);
    if (!m) pieceCache.set(ingress, (m = new Map()));
    const k = sgId ?? '*';
    if (m.has(k)) return m.get(k);
    const v = computePiece(ctx, ingress, sgId, version, p, undefined);
    m.set(k, v);
    return v;
  }
  const key = `piece|${ingress.subnetId}|${sgId ?? '*'}|${version}|${p}|${portFilter.toString()}`;
  return ctx.memo(key, () => computePiece(ctx, ingress, sgId, version, p, portFilter));
}

// Per run (cleared when the exposure list is built): the list keeps the pieces it uses; the maps
// that found them are not read again.
const pieceCache = new Map<SubnetIngress, Map<string, Piece | undefined>>();

function computePiece(
  ctx: ReachContext,
  ingress: SubnetIngress,
  sgId: string | undefined,
  version: IpVersion,
  p: FlowProtocol,
  portFilter: IntervalSet | undefined,
): Piece | undefined {
  let region = ingress.region;
  if (portFilter) region = region.intersectRect(internetAddresses(version), portFilter);
  const notModelled = [...ingress.notModelled];
  let sg: SgRegion | undefined;
  if (sgId !== undefined) {
    sg = ingressSgRegion(ctx, sgId, p, version);
    notModelled.push(...sg.unknown);
    region = region.intersect(sg.allowed);
  }
  if (region.isEmpty()) return undefined;
  const addrs = region.addresses();
  // Pieces of one subnet (and of one group) mostly name the same routes, entries and rules: each
  // list is built once per distinct selection and shared (its elements are shared already).
  const lists = listCache(ingress);
  return new Piece(
    sharedPortSet(region.ports()),
    portFilter ? addrs : undefined,
    {
      route: select(
        lists,
        'r',
        ingress.routes,
        (r) => r.addrs.overlaps(addrs),
        (r) =>
          shared(r, () => ({
            routeTableId: r.tableId,
            destination: r.destination,
            target: r.route.target.id,
          })),
      ),
      naclInbound: select(
        lists,
        'i',
        ingress.naclIn,
        (n) => region.overlaps(n.region),
        (n) =>
          shared(n.entry, () => ({
            naclId: ingress.naclId!,
            ruleNumber: n.entry.ruleNumber,
            text: naclText(n.entry),
          })),
      ),
      naclOutbound: select(
        lists,
        'o',
        ingress.naclOut,
        (n) => n.addrs.overlaps(addrs),
        (n) =>
          shared(n.entry, () => ({
            naclId: ingress.naclId!,
            ruleNumber: n.entry.ruleNumber,
            text: naclText(n.entry),
          })),
      ),
      securityGroupRules: sg
        ? select(
            sgRuleLists,
            `${sgId!}|${p}|${version}|`,
            sg.rules,
            (r) => region.overlaps(r.region),
            (r) =>
              shared(r.rule, () => ({
                groupId: r.rule.sg.id,
                text: sgRuleText(r.rule),
                ...(r.rule.rule.ruleId ? { ruleId: r.rule.rule.ruleId } : {}),
              })),
          )
        : [],
      notModelled: notModelledList(lists, notModelled),
    },
    sgId !== undefined ? sgIdList(sgId) : [],
  );
}

type ListCache = Map<string, readonly unknown[]>;
/** Per run, like pieceCache. */
const listCaches = new Map<SubnetIngress, ListCache>();
function listCache(ingress: SubnetIngress): ListCache {
  let m = listCaches.get(ingress);
  if (!m) listCaches.set(ingress, (m = new Map()));
  return m;
}
/** Security-group rule evidence lists, per (group, protocol, version, selection). */
const sgRuleLists: ListCache = new Map();
const sgIdLists = new Map<string, readonly string[]>();
function sgIdList(sgId: string): readonly string[] {
  let l = sgIdLists.get(sgId);
  if (!l) sgIdLists.set(sgId, (l = [sgId]));
  return l;
}

/** `src.filter(keep).map(make)`, one array per distinct selection (keyed by the kept indexes). */
function select<T, U>(
  cache: ListCache,
  prefix: string,
  src: readonly T[],
  keep: (t: T) => boolean,
  make: (t: T) => U,
): readonly U[] {
  let key = prefix;
  const kept: T[] = [];
  for (let i = 0; i < src.length; i++) {
    if (!keep(src[i]!)) continue;
    key += `${i},`;
    kept.push(src[i]!);
  }
  let list = cache.get(key) as readonly U[] | undefined;
  if (!list) cache.set(key, (list = kept.map(make)));
  return list;
}

/** Sorted, de-duplicated notes, one array per distinct content. */
function notModelledList(cache: ListCache, notes: readonly string[]): readonly string[] {
  const list = [...new Set(notes)].sort();
  const key = `n${list.join('\n')}`;
  const known = cache.get(key) as readonly string[] | undefined;
  if (known) return known;
  cache.set(key, list);
  return list;
}

/**
 * Intersects the subnet's ingress region with the security groups (and an optional port filter).
 * The union over security groups is computed per group and memoized per (subnet, group), so ENIs
 * sharing groups share the work.
 */
function pass(
  ctx: ReachContext,
  subnetId: string,
  sgIds: readonly string[] | undefined,
  version: IpVersion,
  p: FlowProtocol,
  portFilter?: IntervalSet,
): Pass | undefined {
  // ENI groups are nearly unique per (subnet, SG set): no memo for them (pieces are memoized).
  if (!portFilter) return passDirect(ctx, subnetId, sgIds, version, p, undefined);
  const key = `pass|${subnetId}|${sgIds ? sgIds.join(',') : '*'}|${version}|${p}|${portFilter.toString()}`;
  return ctx.memo(key, () => passDirect(ctx, subnetId, sgIds, version, p, portFilter));
}

function passDirect(
  ctx: ReachContext,
  subnetId: string,
  sgIds: readonly string[] | undefined,
  version: IpVersion,
  p: FlowProtocol,
  portFilter: IntervalSet | undefined,
): Pass | undefined {
  const ingress = subnetIngress(ctx, subnetId, version, p);
  if (!ingress) return undefined;
  return passThrough(ctx, ingress, sgIds, version, p, portFilter);
}

/** passDirect for a subnet ingress already looked up (the ENI loop: no memo key per group). */
function passThrough(
  ctx: ReachContext,
  ingress: SubnetIngress,
  sgIds: readonly string[] | undefined,
  version: IpVersion,
  p: FlowProtocol,
  portFilter: IntervalSet | undefined,
): Pass | undefined {
  const pieces: Piece[] = [];
  for (const id of sgIds ?? [undefined]) {
    if (id !== undefined && !ctx.estate.securityGroups.has(id)) {
      // A security group missing from the snapshot is unknown: what the subnet lets in may reach
      // the ENI; say so on the path rather than treat it as closed.
      const open = piece(ctx, ingress, undefined, version, p, portFilter);
      if (open) {
        pieces.push(open.withNote(`not modelled: security group ${id} is not in the snapshot`));
      }
      continue;
    }
    const x = piece(ctx, ingress, id, version, p, portFilter);
    if (x) pieces.push(x);
  }
  if (pieces.length === 0) return undefined;
  let ports = pieces[0]!.ports;
  for (let i = 1; i < pieces.length; i++) ports = ports.union(pieces[i]!.ports);
  if (ports.isEmpty()) return undefined;
  const usedSgs =
    pieces.length === 1 ? pieces[0]!.sgIds : [...new Set(pieces.flatMap((x) => x.sgIds))].sort();
  const notModelled =
    pieces.length === 1
      ? pieces[0]!.evidence.notModelled
      : [...new Set(pieces.flatMap((x) => x.evidence.notModelled))].sort();
  // slice(): an exact-size copy (the pushed array has spare capacity).
  const source = pieces.length === 1 ? pieces[0]! : new PieceList(pieces.slice());
  return new Pass(ports, ingress, usedSgs, notModelled, source);
}

function viaOf(x: Pass, tail: readonly string[]): string[] {
  return [
    x.ingress.igwId,
    x.ingress.routeTableId,
    ...(x.ingress.naclId ? [x.ingress.naclId] : []),
    ...x.sgIds,
    ...tail,
    ...x.notModelled,
  ];
}

function isGlobalV6(text: string): boolean {
  const ip = tryParseIp(text);
  return ip !== undefined && ip.version === 6 && internetAddresses(6).contains(ip.value);
}

function eniAddresses(eni: NetworkInterface): { address: string; version: IpVersion }[] {
  const out: { address: string; version: IpVersion }[] = [];
  for (const p of eni.privateIps) if (p.publicIp) out.push({ address: p.publicIp, version: 4 });
  for (const a of eni.ipv6Addresses) if (isGlobalV6(a)) out.push({ address: a, version: 6 });
  return out;
}

function isLoadBalancerEni(eni: NetworkInterface): boolean {
  return (eni.description ?? '').startsWith('ELB ');
}

export function computeExposure(estate: Estate, options: ExposureOptions = {}): readonly Exposure[] {
  const ctx = reachContext(estate);
  return ctx.memo(`exposure|${options.loadBalancerTargets === false ? 0 : 1}`, () => compute(ctx, options));
}

function compute(ctx: ReachContext, options: ExposureOptions): Exposure[] {
  try {
    return computeAll(ctx, options);
  } finally {
    portLists.clear();
    lastVia.clear();
    sgRegions.clear();
    sgRuleLists.clear();
    portSets.clear();
    pieceCache.clear();
    listCaches.clear();
    sgIdLists.clear();
  }
}

// An exposure's evidence, merged on first use: an own enumerable getter (as a `get evidence()` in
// the literal would be), but one shared function reading the source from a hidden (non-enumerable
// symbol) property. A getter in the literal is a new closure per exposure and puts every exposure
// object in dictionary mode (~800 bytes of property dictionary each).
const EVIDENCE_SOURCE = Symbol('evidence source');

function evidenceGetter(this: { readonly [EVIDENCE_SOURCE]: EvidenceSource }): ExposureEvidence {
  return this[EVIDENCE_SOURCE].merged;
}

function withLazyEvidence(o: Omit<Exposure, 'evidence'>, source: EvidenceSource): Exposure {
  Object.defineProperty(o, EVIDENCE_SOURCE, { value: source });
  Object.defineProperty(o, 'evidence', { get: evidenceGetter, enumerable: true, configurable: true });
  return o as Exposure;
}

// Per run: port lists and ENI paths with the same content are one array (most exposures open the
// same few port lists, and one ENI's protocols usually share a path). Never mutated.
const portLists = new Map<string, PortRangeOut[]>();
const lastVia = new Map<string, readonly string[]>();

// Per run: a group's ingress region, shared by the pieces of every subnet it is used in. Not kept in
// the estate's memo: once the pieces are built, nothing reads it again.
const sgRegions = new Map<string, SgRegion>();

function ingressSgRegion(ctx: ReachContext, sgId: string, p: FlowProtocol, version: IpVersion): SgRegion {
  const key = `${sgId}|${p}|${version}`;
  let r = sgRegions.get(key);
  if (!r) sgRegions.set(key, (r = oneSgRegion(ctx, sgId, 'ingress', p, version, false)));
  return r;
}

// Per run: pieces with the same ports share one set (each intersection makes a new one).
const portSets = new Map<string, IntervalSet>();
function sharedPortSet(s: IntervalSet): IntervalSet {
  const key = s.rangeCount === 1 ? `${s.min()!}-${s.max()!}` : s.toString();
  const known = portSets.get(key);
  if (known) return known;
  portSets.set(key, s);
  return s;
}

function sharedPorts(s: IntervalSet): PortRangeOut[] {
  const key = s.rangeCount === 1 ? `${s.min()!}-${s.max()!}` : s.toString();
  let list = portLists.get(key);
  if (!list) portLists.set(key, (list = toRanges(s)));
  return list;
}

/** viaOf(x, [eniId]), as one exact-size array, shared with the ENI's previous exposure when equal. */
function eniVia(x: Pass, eniId: string): readonly string[] {
  const { igwId, routeTableId, naclId } = x.ingress;
  const n = (naclId ? 4 : 3) + x.sgIds.length + x.notModelled.length;
  const prev = lastVia.get(eniId);
  const via: string[] = new Array<string>(n);
  let i = 0;
  via[i++] = igwId;
  via[i++] = routeTableId;
  if (naclId) via[i++] = naclId;
  for (const g of x.sgIds) via[i++] = g;
  via[i++] = eniId;
  for (const m of x.notModelled) via[i++] = m;
  if (prev && prev.length === n && prev.every((v, k) => v === via[k])) return prev;
  lastVia.set(eniId, via);
  return via;
}

function computeAll(ctx: ReachContext, options: ExposureOptions): Exposure[] {
  const estate = ctx.estate;
  const out: Exposure[] = [];
  const rdsEnis = matchRdsEnis(estate);

  // Subnet first: a subnet the internet cannot reach costs one lookup for all its ENIs; inside a
  // subnet, ENIs sharing a set of security groups share one analysis.
  type Member = { eni: NetworkInterface; addrs: { address: string; version: IpVersion }[] };
  const bySubnet = new Map<string, Map<string, Member[]>>();
  for (const eni of estate.networkInterfaces.values()) {
    if (SKIP_INTERFACE_TYPES.has(eni.interfaceType) || isLoadBalancerEni(eni) || rdsEnis.has(eni.id))
      continue;
    const addrs = eniAddresses(eni);
    if (addrs.length === 0) continue;
    const instanceId = eni.attachment?.instanceId;
    if (instanceId && estate.instances.get(instanceId)?.state === 'terminated') continue;
    let groups = bySubnet.get(eni.subnetId);
    if (!groups) bySubnet.set(eni.subnetId, (groups = new Map()));
    const key = eni.securityGroupIds.join(',');
    const list = groups.get(key);
    if (list) list.push({ eni, addrs });
    else groups.set(key, [{ eni, addrs }]);
  }
  for (const [subnetId, groups] of bySubnet) {
    for (const version of [4, 6] as const) {
      if (!replyRoutes(ctx, subnetId, version)) continue;
      // The protocols any group here may expose (TCP, UDP, ICMP + numbers named by SG rules).
      const protocols = new Set<FlowProtocol>(BASE_PROTOCOLS[version]);
      for (const members of groups.values())
        for (const q of protocolsFor(ctx, version, members[0]!.eni.securityGroupIds)) protocols.add(q);
      for (const p of protocols) {
        const ingress = subnetIngress(ctx, subnetId, version, p);
        if (!ingress) continue;
        for (const members of groups.values()) {
          if (!members.some((m) => m.addrs.some((a) => a.version === version))) continue;
          const sgIds = members[0]!.eni.securityGroupIds;
          if (
            !BASE_PROTOCOLS[version].includes(p as number) &&
            !protocolsFor(ctx, version, sgIds).includes(p)
          )
            continue;
          // pass(ctx, subnetId, sgIds, version, p) without its lookups (no port filter: no memo).
          const x = passThrough(ctx, ingress, sgIds, version, p, undefined);
          if (!x) continue;
          const ports = sharedPorts(x.ports);
          const protocol = protocolName(p);
          // The exposures keep the evidence source only, not the pass.
          const source = x.source;
          for (const { eni, addrs } of members) {
            const instanceId = eni.attachment?.instanceId;
            let via: readonly string[] | undefined;
            for (const a of addrs) {
              if (a.version !== version) continue;
              via ??= eniVia(x, eni.id);
              out.push(
                withLazyEvidence(
                  {
                    resourceId: instanceId ?? eni.id,
                    resourceType: instanceId ? 'instance' : 'network-interface',
                    accountId: eni.accountId,
                    region: eni.region,
                    vpcId: eni.vpcId,
                    address: a.address,
                    ipVersion: version,
                    protocol,
                    ports,
                    via,
                  },
                  source,
                ),
              );
            }
          }
        }
      }
    }
  }

  for (const lb of estate.loadBalancers.values()) out.push(...loadBalancerExposures(ctx, lb, options));
  out.push(...rdsExposures(ctx, rdsEnis));
  return sortExposures(out);
}

export function sortExposures(list: Exposure[]): Exposure[] {
  const keyed = list.map((e) => ({
    e,
    k: `${e.accountId}\u0000${e.region}\u0000${e.vpcId}\u0000${e.resourceId}\u0000${e.address}\u0000${e.ipVersion}\u0000${e.protocol}`,
  }));
  keyed.sort((a, b) =>
    a.k < b.k ? -1 : a.k > b.k ? 1 : (a.e.ports[0]?.from ?? 0) - (b.e.ports[0]?.from ?? 0),
  );
  return keyed.map((x) => x.e);
}

// ---- load balancers ---------------------------------------------------------------------------

function loadBalancerExposures(ctx: ReachContext, lb: LoadBalancer, options: ExposureOptions): Exposure[] {
  const estate = ctx.estate;
  if (lb.scheme !== 'internet-facing' || !lb.vpcId) return [];
  if (lb.type !== 'application' && lb.type !== 'network') {
    return [];
  }
  // A load balancer that is not active (provisioning, failed) routes nothing; `trace` says
  // null-routed and `exposureNotes` says why it is absent.
  if (notRoutingReason(lb) !== undefined) return [];
  const versions: IpVersion[] = (lb.ipAddressType ?? 'ipv4').startsWith('dualstack') ? [4, 6] : [4];
  // A network load balancer without security groups does not filter (ELB User Guide, NLB security groups).
  const sgIds = lb.securityGroupIds.length > 0 ? lb.securityGroupIds : undefined;
  const out: Exposure[] = [];
  const listeners = listenersOf(estate, lb);
  const nodes = loadBalancerNodes(estate, lb);
  for (const version of versions) {
    const byProto = new Map<number, { ports: IntervalSet; via: Set<string>; ev: ExposureEvidence[] }>();
    const exposedListeners: { listener: (typeof listeners)[number]; p: number }[] = [];
    for (const listener of listeners) {
      for (const p of LISTENER_PROTOCOLS[listener.protocol.toUpperCase()] ?? []) {
        const portSet = IntervalSet.single(listener.port);
        let best: Pass | undefined;
        for (const subnetId of [...lb.subnetIds].sort()) {
          best = pass(ctx, subnetId, sgIds, version, p, portSet);
          if (best) break;
        }
        if (!best) continue;
        exposedListeners.push({ listener, p });
        const agg = byProto.get(p) ?? { ports: IntervalSet.empty(), via: new Set<string>(), ev: [] };
        agg.ports = agg.ports.union(best.ports);
        for (const v of viaOf(best, [])) agg.via.add(v);
        agg.ev.push(best.evidence);
        byProto.set(p, agg);
      }
    }
    for (const [p, agg] of [...byProto].sort((a, b) => a[0] - b[0])) {
      out.push({
        resourceId: lb.arn,
        resourceType: 'load-balancer',
        accountId: lb.accountId,
        region: lb.region,
        vpcId: lb.vpcId,
        address: lb.dnsName ?? lb.name,
        ipVersion: version,
        protocol: protocolName(p),
        ports: toRanges(agg.ports),
        via: [...agg.via, lb.arn],
        evidence: mergeEvidence(agg.ev, { arn: lb.arn }),
      });
    }
    if (options.loadBalancerTargets === false || version !== 4) continue;
    for (const { listener, p } of exposedListeners) {
      for (const tgArn of listener.targetGroupArns) {
        out.push(...targetExposures(ctx, lb, nodes, sgIds, listener.port, listener.arn, tgArn, p));
      }
    }
  }
  return out;
}

function mergeEvidence(
  list: readonly ExposureEvidence[],
  loadBalancer: ExposureEvidence['loadBalancer'],
): ExposureEvidence {
  const uniq = <T>(xs: T[]) => [...new Map(xs.map((x) => [JSON.stringify(x), x])).values()];
  return {
    route: uniq(list.flatMap((e) => e.route)),
    naclInbound: uniq(list.flatMap((e) => e.naclInbound)),
    naclOutbound: uniq(list.flatMap((e) => e.naclOutbound)),
    securityGroupRules: uniq(list.flatMap((e) => e.securityGroupRules)),
    loadBalancer,
    notModelled: [...new Set(list.flatMap((e) => e.notModelled))].sort(),
  };
}

/** Where the load balancer opens connections to its targets from: one node (ENI) or, without them, a subnet. */
interface Sender {
  readonly subnetId: string;
  /** The node's private IPv4 addresses (without its ENIs: the whole subnet). */
  readonly addrs: BigIntervalSet;
}

function sendersOf(
  ctx: ReachContext,
  lb: LoadBalancer,
  nodes: readonly NetworkInterface[],
): { senders: Sender[]; note?: string } {
  if (nodes.length > 0) {
    return {
      senders: nodes.map((n) => ({
        subnetId: n.subnetId,
        addrs: v4Set(
          ctx,
          n.privateIps.map((x) => x.privateIp),
        ),
      })),
    };
  }
  // Without its ENIs, the load balancer's traffic to targets may come from anywhere in its subnets.
  const senders = [...lb.subnetIds]
    .sort()
    .map((s) => ({ subnetId: s, addrs: v4Set(ctx, [ctx.estate.subnets.get(s)?.cidrV4 ?? '']) }));
  return {
    senders,
    note: `not modelled: network interfaces of ${lb.name} are not in the snapshot (its subnets' addresses are assumed as the source)`,
  };
}

function v4Set(ctx: ReachContext, texts: readonly string[]): BigIntervalSet {
  let out = BigIntervalSet.empty();
  for (const t of texts) {
    const c = t ? ctx.cidr(t) : undefined;
    if (c && c.version === 4) out = out.union(BigIntervalSet.range(c.first, c.last));
  }
  return out;
}

interface SecondLeg {
  readonly rules: readonly CompiledSgRule[];
  readonly notModelled: readonly string[];
}

/**
 * Leg 2, as `trace` walks it: a new connection from the sender to the target's address on the
 * target port. The load balancer's groups outbound, a local route from the sender's subnet, the
 * target's groups inbound (from the client's addresses with client IP preservation, else from the
 * node's; a rule referencing the load balancer's groups matches either way), and between subnets
 * the NACLs of both (request and reply). `clients`: the internet addresses that passed leg 1.
 */
function secondLeg(
  ctx: ReachContext,
  sender: Sender,
  clients: BigIntervalSet,
  target: NetworkInterface,
  targetIp: bigint,
  port: number,
  p: FlowProtocol,
  source: TargetSource,
): SecondLeg | undefined {
  const notModelled: string[] = [];
  if (source.peerSgIds.length > 0) {
    const v = evaluateSgs(ctx, source.peerSgIds, 'egress', p, port, {
      version: 4,
      addr: targetIp,
      sgIds: target.securityGroupIds,
    });
    if (!v.allowed && v.unknown.length === 0) return undefined;
    notModelled.push(...v.unknown);
  }
  const table = ctx.tableForSubnet(sender.subnetId);
  const m = table ? lookupRoute(table, 4, targetIp) : undefined;
  if (!m || m.route.state !== 'active' || m.route.target.kind !== 'local') return undefined;
  const from = source.preserveClient ? clients : sender.addrs;
  // The target's groups: CIDR and prefix-list rules by address, SG references by the load balancer's groups.
  let admitted = BigIntervalSet.empty();
  const rules: CompiledSgRule[] = [];
  for (const id of target.securityGroupIds) {
    const compiled = ctx.sgRules(id, 'ingress');
    if (!compiled) {
      // Unknown is never guessed closed: what the rest of the path lets in may reach the target.
      notModelled.push(`not modelled: security group ${id} is not in the snapshot`);
      admitted = from;
      continue;
    }
    for (const r of compiled) {
      if (!sgRulePorts(r.rule, p)?.contains(port)) continue;
      if (r.unknown) {
        notModelled.push(r.unknown);
        admitted = from;
        continue;
      }
      if (r.refGroupId !== undefined) {
        if (source.peerSgIds.includes(r.refGroupId)) {
          rules.push(r);
          admitted = from;
        }
        continue;
      }
      const hit = r.v4?.intersect(from);
      if (hit && !hit.isEmpty()) {
        rules.push(r);
        admitted = admitted.union(hit);
      }
    }
  }
  if (admitted.isEmpty()) return undefined;
  if (target.subnetId !== sender.subnetId) {
    const portSet = IntervalSet.single(port);
    const own = ctx.naclForSubnet(sender.subnetId);
    if (!own) notModelled.push(naclMissing(sender.subnetId));
    else {
      // The request leaves the sender's subnet to the target; its reply comes back in.
      if (!evaluateNacl(own, true, p, port, 4, targetIp).allowed) return undefined;
      const back = naclOf(ctx, own, false, p).intersectRect(BigIntervalSet.single(targetIp), ephemeralPorts);
      if (back.isEmpty()) return undefined;
    }
    const nacl = ctx.naclForSubnet(target.subnetId);
    if (!nacl) notModelled.push(naclMissing(target.subnetId));
    else {
      const inOk = naclOf(ctx, nacl, false, p).intersectRect(admitted, portSet).addresses();
      const outOk = naclOf(ctx, nacl, true, p).intersectRect(inOk, ephemeralPorts);
      if (outOk.isEmpty()) return undefined;
    }
  }
  return { rules, notModelled };
}

function naclMissing(subnetId: string): string {
  return `not modelled: network ACL of ${subnetId} is not in the snapshot (treated as allowing)`;
}

function naclOf(ctx: ReachContext, nacl: CompiledNacl, egress: boolean, p: FlowProtocol): Region {
  return ctx.memo(`nacl-region|${nacl.nacl.id}|${egress ? 1 : 0}|${p}|4`, () =>
    naclRegion(nacl, egress, p, 4),
  ).allowed;
}

/** The ENI and IPv4 address of a registered target (instance: its primary ENI; ip: the ENI holding it in the VPC). */
function resolveTarget(
  ctx: ReachContext,
  lb: LoadBalancer,
  tgType: string,
  targetId: string,
): { eni?: NetworkInterface; ip?: bigint; resourceId: string; resourceType: string } {
  const estate = ctx.estate;
  if (tgType === 'instance') {
    const inst = estate.instances.get(targetId);
    const eniId =
      (estate.index.enisByInstance.get(targetId) ?? []).find(
        (id) => estate.networkInterfaces.get(id)?.attachment?.deviceIndex === 0,
      ) ?? inst?.networkInterfaceIds[0];
    const eni = eniId ? estate.networkInterfaces.get(eniId) : undefined;
    const primary = eni ? (eni.privateIps.find((x) => x.primary) ?? eni.privateIps[0]) : undefined;
    const ip = primary ? tryParseIp(primary.privateIp) : undefined;
    return {
      eni,
      ip: ip?.version === 4 ? ip.value : undefined,
      resourceId: targetId,
      resourceType: 'instance',
    };
  }
  const ids = ctx
    .enisByPrivateIp(targetId)
    .filter((id) => estate.networkInterfaces.get(id)?.vpcId === lb.vpcId);
  const eni = ids[0] ? estate.networkInterfaces.get(ids[0]) : undefined;
  const ip = tryParseIp(targetId);
  const instanceId = eni?.attachment?.instanceId;
  return {
    eni,
    ip: ip?.version === 4 ? ip.value : undefined,
    resourceId: instanceId ?? eni?.id ?? targetId,
    resourceType: instanceId ? 'instance' : 'network-interface',
  };
}

function targetExposures(
  ctx: ReachContext,
  lb: LoadBalancer,
  nodes: readonly NetworkInterface[],
  lbSgIds: readonly string[] | undefined,
  listenerPort: number,
  listenerArn: string,
  tgArn: string,
  p: number,
): Exposure[] {
  const estate = ctx.estate;
  const tg = estate.targetGroups.get(tgArn);
  if (!tg) return [];
  const source = targetSource(lb, tg);
  const { senders, note: sendersNote } = sendersOf(ctx, lb, nodes);
  const listenerPorts = IntervalSet.single(listenerPort);
  // Leg 1 per sender (node), in trace's order: the first node whose whole path is open is reported.
  const legs = senders
    .map((sender) => ({ sender, x: pass(ctx, sender.subnetId, lbSgIds, 4, p, listenerPorts) }))
    .filter((l): l is { sender: Sender; x: Pass } => l.x !== undefined);
  const out: Exposure[] = [];
  const health = estate.index.targetHealthByTargetGroup.get(tgArn) ?? [];
  for (const h of health) {
    if (h.state !== 'healthy') continue;
    const first = legs[0];
    if (!first) break;
    const t =
      tg.targetType === 'instance' || tg.targetType === 'ip'
        ? resolveTarget(ctx, lb, tg.targetType, h.targetId)
        : { resourceId: h.targetId, resourceType: 'network-interface' };
    const { eni } = t;
    const lbEvidence = { arn: lb.arn, listenerArn, targetGroupArn: tgArn };
    const port = h.port ?? tg.port ?? listenerPort;
    if (!eni || t.ip === undefined) {
      const notModelled =
        tg.targetType === 'instance' || tg.targetType === 'ip'
          ? [`not modelled: target ${h.targetId} is not in the snapshot`]
          : [`not modelled: ${tg.targetType} targets of ${tgArn}`];
      out.push({
        resourceId: t.resourceId,
        resourceType: t.resourceType,
        accountId: lb.accountId,
        region: lb.region,
        vpcId: lb.vpcId!,
        address: lb.dnsName ?? lb.name,
        ipVersion: 4,
        protocol: protocolName(p),
        ports: [{ from: listenerPort, to: listenerPort }],
        via: [...viaOf(first.x, []), lb.arn, tgArn, ...notModelled],
        evidence: {
          ...first.x.evidence,
          loadBalancer: lbEvidence,
          notModelled: [...first.x.evidence.notModelled, ...notModelled],
        },
      });
      continue;
    }
    let found: { x: Pass; leg: SecondLeg } | undefined;
    for (const { sender, x } of legs) {
      const leg = secondLeg(ctx, sender, x.addrs, eni, t.ip, port, p, source);
      if (leg) {
        found = { x, leg };
        break;
      }
    }
    if (!found) continue;
    const { x, leg } = found;
    const usedSgs = [...new Set(leg.rules.map((r) => r.sg.id))].sort();
    const notes = [
      ...new Set([
        ...leg.notModelled,
        ...(source.note !== undefined ? [source.note] : []),
        ...(sendersNote !== undefined ? [sendersNote] : []),
      ]),
    ];
    out.push({
      resourceId: t.resourceId,
      resourceType: t.resourceType,
      accountId: eni.accountId,
      region: eni.region,
      vpcId: eni.vpcId,
      address: lb.dnsName ?? lb.name,
      ipVersion: 4,
      protocol: protocolName(p),
      ports: [{ from: listenerPort, to: listenerPort }],
      via: [...viaOf(x, []), lb.arn, tgArn, eni.id, ...usedSgs, ...notes],
      evidence: {
        ...x.evidence,
        securityGroupRules: [
          ...x.evidence.securityGroupRules,
          ...leg.rules.map((r) => ({ groupId: r.sg.id, text: sgRuleText(r) })),
        ],
        loadBalancer: lbEvidence,
        notModelled: [...new Set([...x.evidence.notModelled, ...notes])].sort(),
      },
    });
  }
  return out;
}

/**
 * Estate-level notes of `exposure` (not tied to one exposure): internet-facing load balancers that
 * expose nothing because they are not active (`trace` calls them null-routed). Sorted.
 */
export function exposureNotes(estate: Estate): readonly string[] {
  const out: string[] = [];
  for (const lb of estate.loadBalancers.values()) {
    if (lb.scheme !== 'internet-facing' || (lb.type !== 'application' && lb.type !== 'network')) continue;
    const reason = notRoutingReason(lb);
    if (reason !== undefined) out.push(`${reason}; nothing is exposed through it (${lb.arn})`);
  }
  return out.sort();
}

// ---- RDS --------------------------------------------------------------------------------------

/** RDS ENIs ("RDSNetworkInterface", requester-managed) matched to their DB instance by subnet and SGs. */
function matchRdsEnis(estate: Estate): Map<string, string> {
  const out = new Map<string, string>();
  for (const db of estate.dbInstances.values()) {
    const sgKey = [...db.securityGroupIds].sort().join(',');
    for (const subnetId of db.subnetIds) {
      for (const id of estate.index.enisBySubnet.get(subnetId) ?? []) {
        const eni = estate.networkInterfaces.get(id);
        if (!eni || eni.description !== 'RDSNetworkInterface' || out.has(id)) continue;
        if (eni.securityGroupIds.join(',') === sgKey) out.set(id, db.id);
      }
    }
  }
  return out;
}

function rdsExposures(ctx: ReachContext, rdsEnis: Map<string, string>): Exposure[] {
  const estate = ctx.estate;
  const out: Exposure[] = [];
  const eniByDb = new Map<string, NetworkInterface>();
  for (const [eniId, dbId] of rdsEnis) {
    const eni = estate.networkInterfaces.get(eniId);
    if (eni && !eniByDb.has(dbId)) eniByDb.set(dbId, eni);
  }
  for (const db of estate.dbInstances.values()) {
    if (!db.publiclyAccessible || !db.vpcId || db.status === 'deleting' || db.status === 'stopped') continue;
    const eni = eniByDb.get(db.id);
    if (eni && eniAddresses(eni).length === 0) continue;
    const subnets = eni ? [eni.subnetId] : [...db.subnetIds].sort();
    const notModelled =
      db.port === undefined ? [`not modelled: port of ${db.id} unknown (all ports assumed)`] : [];
    const portSet = db.port === undefined ? undefined : IntervalSet.single(db.port);
    for (const p of [TCP]) {
      let x: Pass | undefined;
      for (const s of subnets) {
        x = pass(ctx, s, db.securityGroupIds, 4, p, portSet);
        if (x) break;
      }
      if (!x) continue;
      out.push({
        resourceId: db.id,
        resourceType: 'rds',
        accountId: db.accountId,
        region: db.region,
        vpcId: db.vpcId,
        address: db.endpointAddress ?? eni?.privateIps.find((q) => q.publicIp)?.publicIp ?? db.id,
        ipVersion: 4,
        protocol: protocolName(p),
        ports: toRanges(x.ports.intersect(portUniverse(p))),
        via: [...viaOf(x, eni ? [eni.id] : []), ...notModelled],
        evidence: { ...x.evidence, notModelled: [...x.evidence.notModelled, ...notModelled] },
      });
    }
  }
  return out;
}
