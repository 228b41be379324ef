// Point-to-point trace of one flow (source, destination, protocol, port) through security groups,
// NACLs (both directions, replies to the client's ephemeral port), route tables, internet/NAT/
// egress-only gateways, VPC peering, transit gateways (incl. peering) and gateway endpoints.
// Evaluation does not stop at the first block: `blockedBy` lists every setting that blocks the flow.
// Hop names follow Batfish's traceroute (instance, subnet, vpc, gateway, …, "internet").
import type { Estate, IpVersion, LoadBalancer, NetworkInterface, Subnet } from '../estate/model.js';
import { ICMP, ICMPV6, TCP, UDP, parseProtocol, tryParseIp, formatIp, NetParseError } from '../net/index.js';
import { reachContext, type ReachContext } from './context.js';
import { evaluateNacl, evaluateSgs, type Peer } from './filters.js';
import { internetAddresses } from './internet-ingress.js';
import { targetSource } from './load-balancer-rules.js';
import { hasPorts, type FlowProtocol } from './protocols.js';
import { lookupRoute, unknownRouteNotes } from './routing.js';
import {
  findLoadBalancer,
  listenerFor,
  loadBalancerNodes,
  loadBalancerOfEni,
  traceThroughLoadBalancers,
  traceToLoadBalancer,
  type LegOps,
  type ViaLoadBalancer,
  type Walk,
} from './trace-load-balancer.js';
import { associationTable, attachmentCoversAz, peerTgw, tgwLookup, tgwTable, vpcAttachment } from './tgw.js';

export type Disposition =
  'accepted' | 'exits-network' | 'denied-in' | 'denied-out' | 'no-route' | 'null-routed';

export interface Blocker {
  readonly kind:
    | 'security-group'
    | 'network-acl'
    | 'route'
    | 'internet-gateway'
    | 'nat-gateway'
    | 'peering'
    | 'transit-gateway'
    | 'load-balancer'
    | 'address';
  readonly phase: 'request' | 'reply';
  readonly direction?: 'ingress' | 'egress';
  readonly id?: string;
  readonly ids?: readonly string[];
  readonly ruleNumber?: number | '*';
  readonly rule?: string;
  readonly routeTableId?: string;
  readonly destination?: string | null;
  readonly target?: string;
  readonly reason: string;
  /** Disposition this blocker gives when it is the first on the path. */
  readonly disposition: Disposition;
}

export interface TraceRequest {
  readonly from: string;
  readonly to: string;
  /** tcp udp icmp icmpv6, a protocol number, or all (default). */
  readonly protocol?: string | number;
  /** Destination port (TCP/UDP, required for them) or ICMP type (default 8, echo request). */
  readonly port?: number;
  /**
   * Also report the paths through every load balancer the destination is registered with
   * (`viaLoadBalancers`). Without it they are reported when the destination is a healthy target of
   * an internet-facing load balancer and the direct path from the internet is not accepted.
   */
  readonly throughLb?: boolean;
}

export interface TraceResult {
  readonly disposition: Disposition;
  readonly hops: readonly string[];
  readonly blockedBy: readonly Blocker[];
  readonly notModelled: readonly string[];
  readonly flow: {
    readonly src: string;
    readonly dst: string;
    readonly protocol: string;
    readonly port?: number;
  };
  /** Paths from the internet through load balancers the destination is a target of. */
  readonly viaLoadBalancers?: readonly ViaLoadBalancer[];
}

export class TraceInputError extends Error {
  override readonly name = 'TraceInputError';
}

/** Client source port for replies: the lowest IANA ephemeral port, as Batfish uses. */
export const CLIENT_PORT = 49152;
/** Representative internet addresses for `internet` endpoints. */
export const INTERNET_V4 = '8.8.8.8';
export const INTERNET_V6 = '2001:4860:4860::8888';

interface Ip {
  readonly version: IpVersion;
  readonly value: bigint;
  readonly text: string;
}

type Endpoint =
  | { readonly kind: 'internet'; readonly ip?: Ip }
  | { readonly kind: 'eni'; readonly eni: NetworkInterface; readonly ip?: Ip; readonly publicIp?: Ip };

function ipOf(text: string): Ip | undefined {
  const p = tryParseIp(text);
  return p && { ...p, text: formatIp(p.version, p.value) };
}

function primaryEni(estate: Estate, instanceId: string): NetworkInterface | undefined {
  const ids =
    estate.index.enisByInstance.get(instanceId) ??
    estate.instances.get(instanceId)?.networkInterfaceIds ??
    [];
  const enis = ids.map((id) => estate.networkInterfaces.get(id)).filter((e) => e !== undefined);
  return enis.find((e) => e.attachment?.deviceIndex === 0) ?? enis[0];
}

function resolve(ctx: ReachContext, text: string, role: 'from' | 'to'): Endpoint {
  const estate = ctx.estate;
  const t = text.trim();
  if (t === 'internet') return { kind: 'internet' };
  if (t.startsWith('i-')) {
    const eni = primaryEni(estate, t);
    if (!eni)
      throw new TraceInputError(
        `--${role} ${t}: no such instance with a network interface in the snapshot (expected an instance id, ENI id, IP address or "internet")`,
      );
    return { kind: 'eni', eni };
  }
  if (t.startsWith('eni-')) {
    const eni = estate.networkInterfaces.get(t);
    if (!eni) throw new TraceInputError(`--${role} ${t}: no such network interface in the snapshot`);
    return { kind: 'eni', eni };
  }
  const ip = ipOf(t);
  if (!ip) {
    throw new TraceInputError(
      role === 'to'
        ? `--to ${JSON.stringify(text)} is not an instance id, ENI id, IP address, load balancer (ARN, name or DNS name) or "internet"`
        : `--from ${JSON.stringify(text)} is not an instance id, ENI id, IP address or "internet"`,
    );
  }
  const priv = ctx.enisByPrivateIp(ip.text);
  if (priv.length > 0) {
    if (priv.length > 1 && role === 'from') {
      throw new TraceInputError(
        `--from ${t} is held by ${priv.length} network interfaces (${priv.join(', ')}): give an ENI or instance id`,
      );
    }
    return { kind: 'eni', eni: estate.networkInterfaces.get(priv[0]!)!, ip };
  }
  const pubEni = estate.index.eniByPublicIp.get(ip.text);
  if (pubEni && estate.networkInterfaces.has(pubEni)) {
    return { kind: 'eni', eni: estate.networkInterfaces.get(pubEni)!, publicIp: ip };
  }
  for (const nat of estate.natGateways.values()) {
    for (const a of nat.addresses) {
      if (
        a.publicIp === ip.text &&
        a.networkInterfaceId &&
        estate.networkInterfaces.has(a.networkInterfaceId)
      ) {
        return { kind: 'eni', eni: estate.networkInterfaces.get(a.networkInterfaceId)!, publicIp: ip };
      }
    }
  }
  if (role === 'from' && !internetAddresses(ip.version).contains(ip.value)) {
    throw new TraceInputError(`--from ${t}: no network interface in the snapshot holds this private address`);
  }
  return { kind: 'internet', ip };
}

let endpointByEni: ReadonlyMap<string, string> = new Map();
let natByEni: ReadonlyMap<string, string> = new Map();
function resourceOf(eni: NetworkInterface): string {
  return (
    eni.attachment?.instanceId ??
    (eni.interfaceType === 'nat_gateway' ? natIdOf(eni) : undefined) ??
    (eni.interfaceType === 'vpc_endpoint' ? endpointByEni.get(eni.id) : undefined) ??
    eni.id
  );
}

function natIdOf(eni: NetworkInterface): string | undefined {
  return natByEni.get(eni.id) ?? /nat-[0-9a-z]+/.exec(eni.description ?? '')?.[0];
}

function privateIpOf(eni: NetworkInterface, version: IpVersion): Ip | undefined {
  if (version === 4) {
    const p = eni.privateIps.find((x) => x.primary) ?? eni.privateIps[0];
    return p ? ipOf(p.privateIp) : undefined;
  }
  return eni.ipv6Addresses[0] ? ipOf(eni.ipv6Addresses[0]) : undefined;
}

function publicIpOf(eni: NetworkInterface, privateIp: Ip | undefined): Ip | undefined {
  const p =
    eni.privateIps.find((x) => x.privateIp === privateIp?.text) ?? eni.privateIps.find((x) => x.publicIp);
  return p?.publicIp ? ipOf(p.publicIp) : undefined;
}

class Walker implements Walk {
  readonly hops: string[] = [];
  readonly blockers: Blocker[] = [];
  readonly notes: string[] = [];
  end?: Disposition;

  constructor(
    readonly ctx: ReachContext,
    readonly p: FlowProtocol,
    public port: number,
  ) {}

  hop(id: string): void {
    if (this.hops[this.hops.length - 1] !== id) this.hops.push(id);
  }

  block(b: Blocker): void {
    this.blockers.push(b);
  }

  finish(d: Disposition): void {
    this.end ??= d;
  }

  nacl(subnetId: string, egress: boolean, peer: Ip, port: number, phase: 'request' | 'reply'): void {
    const n = this.ctx.naclForSubnet(subnetId);
    if (!n) {
      this.notes.push(
        `not modelled: network ACL of ${subnetId} is not in the snapshot (treated as allowing)`,
      );
      return;
    }
    const v = evaluateNacl(n, egress, this.p, port, peer.version, peer.value);
    if (v.allowed) return;
    const e = v.entry;
    const dir = egress ? 'egress' : 'ingress';
    this.block({
      kind: 'network-acl',
      phase,
      direction: dir,
      id: n.nacl.id,
      ruleNumber: e ? (e.ruleNumber === 32767 ? '*' : e.ruleNumber) : '*',
      rule: e
        ? `${e.ruleNumber === 32767 ? '*' : e.ruleNumber} ${e.action} ${e.protocol === '-1' ? 'all' : e.protocol} ${e.cidr}`
        : '* deny (implicit)',
      reason: `${n.nacl.id} ${egress ? 'outbound' : 'inbound'} ${e ? `rule ${e.ruleNumber === 32767 ? '*' : e.ruleNumber} denies` : 'has no rule allowing'} ${phase === 'reply' ? 'the reply ' : ''}${egress ? 'to' : 'from'} ${peer.text} port ${port}`,
      disposition: egress ? 'denied-out' : 'denied-in',
    });
  }

  sg(eni: NetworkInterface, direction: 'ingress' | 'egress', peer: Peer, peerText: string): void {
    const v = evaluateSgs(this.ctx, eni.securityGroupIds, direction, this.p, this.port, peer);
    this.notes.push(...v.unknown);
    if (v.allowed || v.unknown.length > 0) return;
    this.block({
      kind: 'security-group',
      phase: 'request',
      direction,
      ids: [...eni.securityGroupIds],
      reason: `no ${direction} rule of ${eni.securityGroupIds.join(', ') || '(no security groups)'} on ${eni.id} allows ${protoText(this.p)}${hasPorts(this.p) ? `/${this.port}` : ''} ${direction === 'ingress' ? 'from' : 'to'} ${peerText}`,
      disposition: direction === 'ingress' ? 'denied-in' : 'denied-out',
    });
  }
}

function protoText(p: FlowProtocol): string {
  return p === 'all'
    ? 'all traffic'
    : p === TCP
      ? 'tcp'
      : p === UDP
        ? 'udp'
        : p === ICMP
          ? 'icmp'
          : p === ICMPV6
            ? 'icmpv6'
            : `protocol ${p}`;
}

export function trace(estate: Estate, req: TraceRequest): TraceResult {
  const ctx = reachContext(estate);
  endpointByEni = estate.index.endpointByEni;
  natByEni = ctx.memo('natByEni', () => {
    const m = new Map<string, string>();
    for (const n of estate.natGateways.values()) {
      for (const a of n.addresses) if (a.networkInterfaceId) m.set(a.networkInterfaceId, n.id);
    }
    return m;
  });
  let p: FlowProtocol;
  try {
    p = parseProtocol(req.protocol ?? 'all');
  } catch (e) {
    throw new TraceInputError(e instanceof NetParseError ? e.message : String(e));
  }
  if (hasPorts(p) && req.port === undefined) {
    throw new TraceInputError(`--port is required with ${protoText(p)} (expected a port 0-65535)`);
  }
  if (req.port !== undefined && (!Number.isInteger(req.port) || req.port < 0 || req.port > 65535)) {
    throw new TraceInputError(`--port ${req.port} is not valid (expected an integer 0-65535)`);
  }
  // For ICMP the "port" is the ICMP type; the default is an echo request: type 8 for ICMP, 128 for
  // ICMPv6 (RFC 792, RFC 4443).
  const port = hasPorts(p) ? req.port! : p === ICMP ? (req.port ?? 8) : p === ICMPV6 ? (req.port ?? 128) : 0;
  const src = resolve(ctx, req.from, 'from');
  const lb = loadBalancerTarget(estate, req.to);
  if (lb) return traceLoadBalancer(ctx, req, src, p, port, lb);
  const dst = resolve(ctx, req.to, 'to');
  if (req.throughLb && src.kind !== 'internet') {
    throw new TraceInputError(
      `--through-lb traces from the internet through load balancers (expected --from internet or an internet address, found --from ${req.from})`,
    );
  }
  // To a load balancer node's public address: the node, then its listener.
  const nodeLb =
    dst.kind === 'eni' && src.kind === 'internet' ? loadBalancerOfEni(estate, dst.eni) : undefined;
  if (nodeLb && dst.kind === 'eni' && !dst.ip)
    return traceLoadBalancer(ctx, req, src, p, port, nodeLb, dst.eni);
  if (req.from.trim() === 'internet' && req.to.trim() === 'internet') {
    throw new TraceInputError(
      `--from ${req.from} --to ${req.to}: both ends are on the internet, so no flow crosses the estate (expected at least one instance, ENI or estate IP)`,
    );
  }
  const w = new Walker(ctx, p, port);

  // IP version: the destination address decides; else IPv6 only for icmpv6.
  const version: IpVersion =
    dst.kind === 'internet' && dst.ip
      ? dst.ip.version
      : dst.kind === 'eni' && (dst.ip ?? dst.publicIp)
        ? (dst.ip ?? dst.publicIp)!.version
        : p === ICMPV6
          ? 6
          : 4;

  let srcIp: Ip | undefined;
  let dstIp: Ip | undefined;
  if (src.kind === 'internet') {
    srcIp = src.ip ?? ipOf(version === 4 ? INTERNET_V4 : INTERNET_V6)!;
    w.hop('internet');
    if (dst.kind === 'internet') {
      dstIp = dst.ip ?? ipOf(version === 4 ? INTERNET_V4 : INTERNET_V6)!;
      if (!internetAddresses(dstIp.version).contains(dstIp.value)) {
        w.block({
          kind: 'address',
          phase: 'request',
          reason: `${dstIp.text} is not routable on the internet`,
          disposition: 'null-routed',
        });
      } else w.finish('exits-network');
    } else {
      // A private address given explicitly is not reachable from the internet (Batfish: null routed).
      dstIp =
        dst.publicIp ?? dst.ip ?? (version === 4 ? publicIpOf(dst.eni, undefined) : privateIpOf(dst.eni, 6));
      if (!dstIp || !internetAddresses(dstIp.version).contains(dstIp.value)) {
        w.block({
          kind: 'address',
          phase: 'request',
          reason: `${dst.ip?.text ?? dst.eni.id} is not a public address: the internet cannot route to it`,
          disposition: 'null-routed',
        });
      } else fromInternet(w, dst.eni, srcIp, dstIp);
    }
  } else {
    srcIp = src.ip ?? privateIpOf(src.eni, version);
    if (!srcIp) throw new TraceInputError(`--from ${req.from} has no IPv${version} address`);
    if (dst.kind === 'internet') dstIp = dst.ip ?? ipOf(version === 4 ? INTERNET_V4 : INTERNET_V6)!;
    else dstIp = dst.publicIp ?? dst.ip ?? privateIpOf(dst.eni, version);
    if (!dstIp) throw new TraceInputError(`--to ${req.to} has no IPv${version} address`);
    fromEni(w, src.eni, srcIp, dstIp);
  }

  const disposition = dispositionOf(w);
  // Through load balancers the destination is a target of (a new connection from the LB's node).
  let viaLoadBalancers: ViaLoadBalancer[] | undefined;
  if (src.kind === 'internet' && dst.kind === 'eni' && (req.throughLb || disposition !== 'accepted')) {
    const notes: string[] = [];
    const via = traceThroughLoadBalancers(
      legOps(ctx, p, port, srcIp),
      estate,
      dst.eni,
      req.throughLb === true,
      notes,
    );
    w.notes.push(...notes);
    if (via.length > 0 || req.throughLb) viaLoadBalancers = via;
  }
  return {
    disposition,
    hops: w.hops,
    blockedBy: w.blockers,
    notModelled: [...new Set(w.notes)].sort(),
    ...(viaLoadBalancers ? { viaLoadBalancers } : {}),
    flow: {
      src: srcIp.text,
      dst: dstIp?.text ?? req.to,
      protocol: protoText(p),
      ...(hasPorts(p) || p === ICMP || p === ICMPV6 ? { port } : {}),
    },
  };
}

function peerOf(ip: Ip, eni?: NetworkInterface): Peer {
  return { version: ip.version, addr: ip.value, sgIds: eni ? eni.securityGroupIds : [] };
}

function fromEni(w: Walker, eni: NetworkInterface, srcIp: Ip, dstIp: Ip): void {
  const estate = w.ctx.estate;
  w.hop(resourceOf(eni));
  const dstEniId = w.ctx
    .enisByPrivateIp(dstIp.text)
    .find((id) => estate.networkInterfaces.get(id)?.vpcId === eni.vpcId);
  const dstEni = dstEniId ? estate.networkInterfaces.get(dstEniId) : undefined;
  w.sg(eni, 'egress', peerOf(dstIp, dstEni), dstIp.text);
  const subnet = estate.subnets.get(eni.subnetId);
  if (!subnet) {
    w.notes.push(`not modelled: subnet ${eni.subnetId} is not in the snapshot`);
    w.finish('no-route');
    return;
  }
  forwardFromSubnet(w, subnet, srcIp, dstIp, { srcEni: eni, srcSubnetId: subnet.id, transit: false });
}

interface Ctx {
  readonly srcEni?: NetworkInterface;
  readonly srcSubnetId?: string;
  /** The packet came from another VPC (TGW) or through a NAT: it has no public IPv4 of its own. */
  readonly transit: boolean;
  /** Entered the VPC through these TGW attachment subnets: only their AZs are reachable. */
  readonly entrySubnetIds?: readonly string[];
  readonly depth?: number;
  /**
   * Security groups the destination's SG-reference rules see for this packet, whatever its source
   * address (a load balancer's groups, also with NLB client IP preservation).
   */
  readonly peerSgIds?: readonly string[];
}

/** Routes a packet that is in `subnet` (leaving an ENI or entering from a TGW/NAT). */
function forwardFromSubnet(w: Walker, subnet: Subnet, srcIp: Ip, dstIp: Ip, c: Ctx): void {
  const ctx = w.ctx;
  const estate = ctx.estate;
  if ((c.depth ?? 0) > 8) {
    w.notes.push('not modelled: routing chain longer than 8 hops');
    w.finish('no-route');
    return;
  }
  const table = ctx.tableForSubnet(subnet.id);
  if (!table) {
    w.notes.push(`not modelled: route table of ${subnet.id} is not in the snapshot`);
    w.block({
      kind: 'route',
      phase: 'request',
      routeTableId: undefined,
      destination: null,
      reason: `route table of ${subnet.id} unknown`,
      disposition: 'no-route',
    });
    return;
  }
  w.notes.push(...unknownRouteNotes(table));
  const m = lookupRoute(table, dstIp.version, dstIp.value);
  // Same-subnet delivery: no NACL, direct (Batfish shows [instance, instance]).
  if (m?.route.target.kind === 'local' && c.srcSubnetId === subnet.id && c.srcEni) {
    const cidrs = dstIp.version === 4 ? (subnet.cidrV4 ? [subnet.cidrV4] : []) : subnet.cidrsV6;
    if (
      cidrs.some((t) => {
        const x = ctx.cidr(t);
        return (
          x !== undefined && x.version === dstIp.version && x.first <= dstIp.value && dstIp.value <= x.last
        );
      })
    ) {
      deliverInVpc(w, subnet.vpcId, srcIp, dstIp, c);
      return;
    }
  }
  w.hop(subnet.id);
  if (c.srcSubnetId === subnet.id) w.nacl(subnet.id, true, dstIp, w.port, 'request');
  if (!m) {
    w.block({
      kind: 'route',
      phase: 'request',
      routeTableId: table.table.id,
      destination: null,
      reason: `${table.table.id} has no route to ${dstIp.text}`,
      disposition: 'no-route',
    });
    return;
  }
  const t = m.route.target;
  if (m.route.state === 'blackhole') {
    w.block({
      kind: 'route',
      phase: 'request',
      routeTableId: m.tableId,
      destination: m.destination,
      target: t.id,
      reason: `${m.tableId} ${m.destination} → ${t.id} is a blackhole route`,
      disposition: 'null-routed',
    });
    return;
  }
  switch (t.kind) {
    case 'local':
      w.hop(subnet.vpcId);
      deliverInVpc(w, subnet.vpcId, srcIp, dstIp, c);
      return;
    case 'igw': {
      w.hop(subnet.vpcId);
      w.hop(t.id);
      const igw = ctx.igwForVpc(subnet.vpcId);
      if (!igw || igw.id !== t.id) {
        w.block({
          kind: 'internet-gateway',
          phase: 'request',
          id: t.id,
          routeTableId: m.tableId,
          destination: m.destination,
          reason: `${t.id} is not attached to ${subnet.vpcId}`,
          disposition: 'null-routed',
        });
        return;
      }
      let publicSrc: Ip | undefined = srcIp;
      if (srcIp.version === 4) publicSrc = c.transit || !c.srcEni ? undefined : publicIpOf(c.srcEni, srcIp);
      else if (!internetAddresses(6).contains(srcIp.value)) publicSrc = undefined;
      if (!publicSrc) {
        // The IGW translates only private addresses that have a public IPv4 association (Batfish: denied in at the IGW).
        w.block({
          kind: 'internet-gateway',
          phase: 'request',
          id: t.id,
          reason: `${t.id} drops ${srcIp.text}: no public IP${srcIp.version === 4 ? 'v4' : 'v6'} address is associated with it`,
          disposition: 'denied-in',
        });
      }
      toInternet(w, publicSrc ?? srcIp, dstIp);
      return;
    }
    case 'eigw': {
      w.hop(subnet.vpcId);
      w.hop(t.id);
      if (dstIp.version !== 6 || ctx.eigwForVpc(subnet.vpcId)?.id !== t.id) {
        w.block({
          kind: 'internet-gateway',
          phase: 'request',
          id: t.id,
          reason: `${t.id} is not an attached egress-only gateway for IPv6`,
          disposition: 'null-routed',
        });
        return;
      }
      toInternet(w, srcIp, dstIp);
      return;
    }
    case 'nat': {
      w.hop(subnet.vpcId);
      w.hop(t.id);
      const nat = estate.natGateways.get(t.id);
      if (!nat || nat.state !== 'available') {
        w.block({
          kind: 'nat-gateway',
          phase: 'request',
          id: t.id,
          reason: nat ? `${t.id} is ${nat.state}` : `${t.id} is not in the snapshot`,
          disposition: 'null-routed',
        });
        return;
      }
      // NAT gateways translate TCP, UDP and ICMP only (VPC User Guide, "NAT gateway basics").
      if (w.p !== TCP && w.p !== UDP && w.p !== ICMP) {
        w.block({
          kind: 'nat-gateway',
          phase: 'request',
          id: t.id,
          reason: `${t.id} forwards only TCP, UDP and ICMP, not ${protoText(w.p)}`,
          disposition: 'denied-in',
        });
        return;
      }
      if (dstIp.version !== 4) {
        w.block({
          kind: 'nat-gateway',
          phase: 'request',
          id: t.id,
          reason: `${t.id} does not translate IPv6 (except NAT64)`,
          disposition: 'null-routed',
        });
        return;
      }
      const natSubnet = estate.subnets.get(nat.subnetId);
      const natAddr = nat.addresses.find((a) => a.privateIp) ?? nat.addresses[0];
      const natIp = natAddr?.privateIp ? ipOf(natAddr.privateIp) : undefined;
      if (!natSubnet || !natIp) {
        w.notes.push(`not modelled: subnet or address of ${nat.id} not in the snapshot`);
        w.finish('exits-network');
        return;
      }
      if (natSubnet.id !== subnet.id) w.nacl(natSubnet.id, false, srcIp, w.port, 'request');
      const natEni = natAddr?.networkInterfaceId
        ? estate.networkInterfaces.get(natAddr.networkInterfaceId)
        : undefined;
      if (nat.connectivityType === 'public' && natAddr?.publicIp) {
        // The NAT gateway's own subnet routes the translated packet.
        const pub = ipOf(natAddr.publicIp);
        forwardFromSubnet(w, natSubnet, natIp, dstIp, {
          srcEni: natEni
            ? { ...natEni, privateIps: [{ privateIp: natIp.text, primary: true, publicIp: pub?.text }] }
            : undefined,
          srcSubnetId: natSubnet.id,
          transit: false,
          depth: (c.depth ?? 0) + 1,
        });
      } else {
        forwardFromSubnet(w, natSubnet, natIp, dstIp, {
          srcSubnetId: natSubnet.id,
          transit: true,
          depth: (c.depth ?? 0) + 1,
        });
      }
      return;
    }
    case 'pcx': {
      w.hop(subnet.vpcId);
      const pcx = estate.peeringConnections.get(t.id);
      if (!pcx || pcx.status !== 'active') {
        w.block({
          kind: 'peering',
          phase: 'request',
          id: t.id,
          reason: pcx ? `${t.id} is ${pcx.status}` : `${t.id} is not in the snapshot`,
          disposition: 'null-routed',
        });
        return;
      }
      const peer = pcx.requester.vpcId === subnet.vpcId ? pcx.accepter : pcx.requester;
      const peerCidrs = dstIp.version === 4 ? peer.cidrsV4 : peer.cidrsV6;
      const inside = peerCidrs.some((x) => {
        const cc = ctx.cidr(x);
        return (
          cc !== undefined &&
          cc.version === dstIp.version &&
          cc.first <= dstIp.value &&
          dstIp.value <= cc.last
        );
      });
      if (!inside || !peer.vpcId) {
        // Peering is non-transitive: only the peer VPC's own CIDRs are reachable.
        w.hop(t.id);
        w.block({
          kind: 'peering',
          phase: 'request',
          id: t.id,
          reason: `VPC peering is non-transitive: ${dstIp.text} is not in ${peer.vpcId ?? 'the peer VPC'} (${peerCidrs.join(', ')})`,
          disposition: 'null-routed',
        });
        return;
      }
      w.hop(peer.vpcId);
      if (!estate.vpcs.has(peer.vpcId)) {
        w.notes.push(`not modelled: peer VPC ${peer.vpcId} is not in the snapshot`);
        w.finish('exits-network');
        return;
      }
      deliverInVpc(w, peer.vpcId, srcIp, dstIp, c);
      return;
    }
    case 'tgw': {
      const att = vpcAttachment(ctx, subnet.vpcId, t.id);
      // Only AZs where the attachment has a subnet can reach the TGW.
      // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
      if (att && !attachmentCoversAz(ctx, att.subnetIds, subnet.availabilityZone)) {
        w.block({
          kind: 'transit-gateway',
          phase: 'request',
          id: t.id,
          routeTableId: m.tableId,
          destination: m.destination,
          target: t.id,
          reason: `${att.id} has no subnet in ${subnet.availabilityZone ?? 'the AZ'} of ${subnet.id}: resources there cannot reach ${t.id}`,
          disposition: 'null-routed',
        });
        return;
      }
      w.hop(subnet.vpcId);
      w.hop(t.id);
      if (!att) {
        w.block({
          kind: 'transit-gateway',
          phase: 'request',
          id: t.id,
          reason: `${subnet.vpcId} has no attachment to ${t.id}`,
          disposition: 'null-routed',
        });
        return;
      }
      viaTgw(w, t.id, att.id, srcIp, dstIp, c, subnet.availabilityZone);
      return;
    }
    case 'vpce': {
      w.hop(subnet.vpcId);
      w.hop(t.id);
      // Gateway endpoints (S3, DynamoDB) deliver to the service. Gateway Load Balancer endpoints
      // (also AWS Network Firewall's) hand the packet to an inspection appliance: not modelled.
      const ep = estate.vpcEndpoints.get(t.id);
      if (ep?.type === 'GatewayLoadBalancer') {
        w.notes.push(
          `not modelled: Gateway Load Balancer / Network Firewall endpoint ${t.id} (inspection appliance)`,
        );
      } else if (!ep) {
        w.notes.push(`not modelled: VPC endpoint ${t.id} is not in the snapshot`);
      }
      w.finish('exits-network');
      return;
    }
    default: {
      w.hop(subnet.vpcId);
      w.hop(t.id);
      w.notes.push(
        t.kind === 'vgw'
          ? `not modelled: VPN/Direct Connect to on-premises through ${t.id}`
          : t.kind === 'eni' || t.kind === 'instance'
            ? `not modelled: forwarding by appliance ${t.id}`
            : `not modelled: route target ${t.kind} ${t.id}`,
      );
      w.finish('exits-network');
    }
  }
}

function toInternet(w: Walker, srcIp: Ip, dstIp: Ip): void {
  const estate = w.ctx.estate;
  if (!internetAddresses(dstIp.version).contains(dstIp.value)) {
    w.hop('internet');
    w.block({
      kind: 'address',
      phase: 'request',
      reason: `${dstIp.text} is not routable on the internet`,
      disposition: 'null-routed',
    });
    return;
  }
  // Back into the estate through the internet (another VPC's public address)?
  const eniId = estate.index.eniByPublicIp.get(dstIp.text);
  const eni = eniId ? estate.networkInterfaces.get(eniId) : undefined;
  w.hop('internet');
  if (eni) fromInternet(w, eni, srcIp, dstIp);
  else w.finish('exits-network');
}

function viaTgw(
  w: Walker,
  tgwId: string,
  attId: string,
  srcIp: Ip,
  dstIp: Ip,
  c: Ctx,
  az: string | undefined,
  depth = 0,
): void {
  const ctx = w.ctx;
  const estate = ctx.estate;
  const att = estate.transitGatewayAttachments.get(attId)!;
  const assoc = associationTable(ctx, att, tgwId);
  if (assoc.note) w.notes.push(`not modelled: ${assoc.note}`);
  const table = assoc.tableId ? tgwTable(ctx, assoc.tableId) : undefined;
  if (!table) {
    w.block({
      kind: 'transit-gateway',
      phase: 'request',
      id: tgwId,
      reason: `${att.id} has no route table on ${tgwId}`,
      disposition: 'no-route',
    });
    return;
  }
  w.notes.push(...table.notModelled);
  const r = tgwLookup(table, dstIp.version, dstIp.value);
  if (!r) {
    w.block({
      kind: 'route',
      phase: 'request',
      routeTableId: table.id,
      destination: null,
      reason: `${table.id} has no route to ${dstIp.text}`,
      disposition: 'no-route',
    });
    return;
  }
  if (r.blackhole) {
    w.block({
      kind: 'route',
      phase: 'request',
      routeTableId: table.id,
      destination: r.destination,
      target: 'blackhole',
      reason: `${table.id} ${r.destination} is a blackhole route`,
      disposition: 'null-routed',
    });
    return;
  }
  const next = r.attachmentIds[0] ? estate.transitGatewayAttachments.get(r.attachmentIds[0]) : undefined;
  if (!next) {
    w.notes.push(`not modelled: attachment ${r.attachmentIds[0] ?? '?'} is not in the snapshot`);
    w.finish('exits-network');
    return;
  }
  if (next.resourceType === 'vpc' && next.resourceId) {
    const vpcId = next.resourceId;
    w.hop(vpcId);
    const subnets = next.subnetIds.map((s) => estate.subnets.get(s)).filter((s) => s !== undefined);
    const entry = subnets.find((s) => s.availabilityZone === az) ?? subnets[0];
    if (!entry) {
      w.notes.push(`not modelled: subnets of ${next.id} are not in the snapshot`);
      deliverInVpc(w, vpcId, srcIp, dstIp, { ...c, srcSubnetId: undefined });
      return;
    }
    // In the attached VPC the attachment subnet's route table decides (local delivery, NAT, IGW …).
    const table2 = ctx.tableForSubnet(entry.id);
    const m = table2 ? lookupRoute(table2, dstIp.version, dstIp.value) : undefined;
    if (m?.route.target.kind === 'local') {
      deliverInVpc(w, vpcId, srcIp, dstIp, {
        ...c,
        srcSubnetId: undefined,
        transit: true,
        entrySubnetIds: next.subnetIds,
      });
      return;
    }
    const hopsBefore = w.hops.length;
    forwardFromSubnet(w, entry, srcIp, dstIp, {
      srcSubnetId: undefined,
      transit: true,
      depth: (c.depth ?? 0) + 1,
    });
    // The attachment subnet is an internal hop of the TGW; keep it only when the packet goes on.
    if (w.hops[hopsBefore] === entry.id && w.hops.length === hopsBefore + 1) w.hops.splice(hopsBefore, 1);
    return;
  }
  if ((next.resourceType === 'peering' || next.resourceType === 'tgw-peering') && depth < 4) {
    const peer = peerTgw(next, tgwId);
    if (!peer) {
      w.notes.push(`not modelled: peer of ${next.id}`);
      w.finish('exits-network');
      return;
    }
    w.hop(peer);
    viaTgw(w, peer, next.id, srcIp, dstIp, c, az, depth + 1);
    return;
  }
  w.notes.push(
    `not modelled: ${next.resourceType} attachment ${next.id} (VPN/Direct Connect/Connect to on-premises)`,
  );
  w.finish('exits-network');
}

/** Delivers to the ENI holding `dstIp` in `vpcId`: NACL in (other subnet), SG in, replies. */
function deliverInVpc(w: Walker, vpcId: string, srcIp: Ip, dstIp: Ip, c: Ctx): void {
  const ctx = w.ctx;
  const estate = ctx.estate;
  const eniId = ctx
    .enisByPrivateIp(dstIp.text)
    .find((id) => estate.networkInterfaces.get(id)?.vpcId === vpcId);
  const eni = eniId ? estate.networkInterfaces.get(eniId) : undefined;
  if (!eni) {
    const subnet = (estate.index.subnetsByVpc.get(vpcId) ?? [])
      .map((s) => estate.subnets.get(s))
      .find(
        (s) =>
          s &&
          [s.cidrV4, ...s.cidrsV6].some((t) => {
            const x = t ? ctx.cidr(t) : undefined;
            return (
              x !== undefined &&
              x.version === dstIp.version &&
              x.first <= dstIp.value &&
              dstIp.value <= x.last
            );
          }),
      );
    if (subnet) w.hop(subnet.id);
    w.block({
      kind: 'address',
      phase: 'request',
      reason: subnet
        ? `no network interface holds ${dstIp.text} in ${subnet.id}`
        : `no subnet of ${vpcId} contains ${dstIp.text}`,
      disposition: 'null-routed',
    });
    return;
  }
  if (
    c.entrySubnetIds &&
    !attachmentCoversAz(ctx, c.entrySubnetIds, estate.subnets.get(eni.subnetId)?.availabilityZone)
  ) {
    w.block({
      kind: 'transit-gateway',
      phase: 'request',
      reason: `the transit gateway attachment has no subnet in the AZ of ${eni.subnetId}: it cannot deliver to ${dstIp.text}`,
      disposition: 'null-routed',
    });
    return;
  }
  const crossSubnet = eni.subnetId !== c.srcSubnetId;
  if (crossSubnet) {
    w.hop(eni.subnetId);
    w.nacl(eni.subnetId, false, srcIp, w.port, 'request');
  }
  w.hop(resourceOf(eni));
  if (eni.interfaceType === 'nat_gateway') {
    // A NAT gateway accepts only traffic it routes for its subnets, never connections to itself.
    w.block({
      kind: 'nat-gateway',
      phase: 'request',
      id: natIdOf(eni) ?? eni.id,
      reason: `${natIdOf(eni) ?? eni.id} does not accept connections addressed to itself`,
      disposition: 'denied-in',
    });
    return;
  }
  const srcEni =
    c.srcEni && c.srcEni.privateIps.some((p) => p.privateIp === srcIp.text)
      ? c.srcEni
      : c.srcEni && srcIp.version === 6
        ? c.srcEni
        : undefined;
  const lb = loadBalancerOfEni(estate, eni);
  if (lb) {
    throughLoadBalancer(w, lb, eni, srcIp, dstIp, c, crossSubnet ? c.srcSubnetId : undefined, srcEni);
    return;
  }
  const peer = peerOf(srcIp, c.transit ? undefined : srcEni);
  w.sg(eni, 'ingress', c.peerSgIds ? { ...peer, sgIds: c.peerSgIds } : peer, srcIp.text);
  // Replies (stateless NACLs): back out of the destination subnet and into the source subnet.
  if (crossSubnet && hasPorts(w.p)) {
    w.nacl(eni.subnetId, true, srcIp, CLIENT_PORT, 'reply');
    if (c.srcSubnetId) w.nacl(c.srcSubnetId, false, dstIp, CLIENT_PORT, 'reply');
  }
  w.finish('accepted');
}

/**
 * From the internet to an ENI's public address: IGW, NACL in, SG in, reply route and NACL out.
 * `node`: the ENI is a load balancer node; its hops name the route table, NACL and groups, and
 * `node.groups` replace the ENI's (undefined: no security group filters, an NLB without groups).
 */
function fromInternet(
  w: Walker,
  eni: NetworkInterface,
  srcIp: Ip,
  _dstIp: Ip,
  node?: { readonly groups: readonly string[] | undefined },
): void {
  const ctx = w.ctx;
  const igw = ctx.igwForVpc(eni.vpcId);
  if (!igw) {
    w.block({
      kind: 'internet-gateway',
      phase: 'request',
      reason: `${eni.vpcId} has no attached internet gateway`,
      disposition: 'null-routed',
    });
    return;
  }
  w.hop(igw.id);
  for (const rtId of ctx.estate.index.routeTablesByVpc.get(eni.vpcId) ?? []) {
    if (ctx.estate.routeTables.get(rtId)?.gatewayIds.includes(igw.id)) {
      w.notes.push(`not modelled: ingress routing on ${igw.id} (edge-associated route table ${rtId})`);
    }
  }
  if (eni.interfaceType === 'nat_gateway') {
    w.hop(eni.subnetId);
    w.hop(resourceOf(eni));
    w.block({
      kind: 'nat-gateway',
      phase: 'request',
      id: natIdOf(eni) ?? eni.id,
      reason: `${natIdOf(eni) ?? eni.id} drops connections it did not open (no session)`,
      disposition: 'denied-in',
    });
    return;
  }
  w.hop(eni.vpcId);
  w.hop(eni.subnetId);
  const table = ctx.tableForSubnet(eni.subnetId);
  if (node) {
    if (table) w.hop(table.table.id);
    const nacl = ctx.naclForSubnet(eni.subnetId);
    if (nacl) w.hop(nacl.nacl.id);
  }
  w.nacl(eni.subnetId, false, srcIp, w.port, 'request');
  if (node) {
    for (const g of node.groups ?? []) w.hop(g);
    w.hop(eni.id);
    if (node.groups) w.sg({ ...eni, securityGroupIds: node.groups }, 'ingress', peerOf(srcIp), srcIp.text);
  } else {
    w.hop(resourceOf(eni));
    w.sg(eni, 'ingress', peerOf(srcIp), srcIp.text);
  }
  // The reply must be routed back to the internet gateway and allowed out by the NACL.
  const m = table ? lookupRoute(table, srcIp.version, srcIp.value) : undefined;
  if (!m || m.route.state !== 'active' || m.route.target.id !== igw.id) {
    w.block({
      kind: 'route',
      phase: 'reply',
      routeTableId: table?.table.id,
      destination: m?.destination ?? null,
      target: m?.route.target.id,
      reason: `the reply to ${srcIp.text} is routed ${m ? `to ${m.route.target.id}${m.route.state === 'blackhole' ? ' (blackhole)' : ''}` : 'nowhere'} by ${table?.table.id ?? 'an unknown route table'}, not to ${igw.id}`,
      disposition: 'denied-out',
    });
  }
  if (hasPorts(w.p)) w.nacl(eni.subnetId, true, srcIp, CLIENT_PORT, 'reply');
  w.finish('accepted');
}

/**
 * A flow to a load balancer node: its security groups (NLBs may have none), a listener on the
 * port, then on to the first healthy target of the listener's target group (all targets when none
 * is healthy: ELB fails open). Client IPs are preserved by NLBs for instance targets; otherwise the
 * target sees the node's address.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html
 */
function throughLoadBalancer(
  w: Walker,
  lb: LoadBalancer,
  node: NetworkInterface,
  srcIp: Ip,
  dstIp: Ip,
  c: Ctx,
  replySubnetId: string | undefined,
  srcEni: NetworkInterface | undefined,
): void {
  const estate = w.ctx.estate;
  if (node.securityGroupIds.length > 0)
    w.sg(node, 'ingress', peerOf(srcIp, c.transit ? undefined : srcEni), srcIp.text);
  if (replySubnetId !== undefined && hasPorts(w.p)) {
    w.nacl(node.subnetId, true, srcIp, CLIENT_PORT, 'reply');
    w.nacl(replySubnetId, false, dstIp, CLIENT_PORT, 'reply');
  }
  const listener = listenerFor(estate, lb, w.p, w.port);
  if (!listener) {
    w.block({
      kind: 'load-balancer',
      phase: 'request',
      id: lb.arn,
      reason: `${lb.name} has no ${protoText(w.p)} listener on port ${w.port}`,
      disposition: 'denied-in',
    });
    return;
  }
  const tgArn = listener.targetGroupArns[0];
  const tg = tgArn ? estate.targetGroups.get(tgArn) : undefined;
  const health = tgArn ? (estate.index.targetHealthByTargetGroup.get(tgArn) ?? []) : [];
  const target = health.find((h) => h.state === 'healthy') ?? health[0];
  if (!tg || !target) {
    w.notes.push(`not modelled: targets of ${listener.arn} are not in the snapshot`);
    w.finish('accepted');
    return;
  }
  let eni: NetworkInterface | undefined;
  if (tg.targetType === 'instance') eni = primaryEni(estate, target.targetId);
  else if (tg.targetType === 'ip') {
    const id = w.ctx
      .enisByPrivateIp(target.targetId)
      .find((x) => estate.networkInterfaces.get(x)?.vpcId === node.vpcId);
    eni = id ? estate.networkInterfaces.get(id) : undefined;
  }
  const targetIp = eni ? privateIpOf(eni, 4) : undefined;
  const nodeSubnet = estate.subnets.get(node.subnetId);
  const nodeIp = privateIpOf(node, 4);
  if (!eni || !targetIp || !nodeSubnet || !nodeIp) {
    w.notes.push(`not modelled: ${tg.targetType} target ${target.targetId} of ${tg.arn}`);
    w.finish('accepted');
    return;
  }
  // NLB client IP preservation: the same rule as exposure and --to a load balancer.
  const source = targetSource(lb, tg);
  if (source.note !== undefined) w.notes.push(source.note);
  const preserve = source.preserveClient;
  w.port = target.port ?? tg.port ?? listener.port;
  if (node.securityGroupIds.length > 0) w.sg(node, 'egress', peerOf(targetIp, eni), targetIp.text);
  forwardFromSubnet(w, nodeSubnet, preserve ? srcIp : nodeIp, targetIp, {
    srcEni: preserve ? (srcEni ?? node) : node,
    srcSubnetId: nodeSubnet.id,
    transit: false,
    depth: (c.depth ?? 0) + 1,
  });
}

function dispositionOf(w: Walker): Disposition {
  const first = w.blockers[0];
  return first ? first.disposition : (w.end ?? 'accepted');
}

/** `--to` names a load balancer (ARN, unique name or DNS name)? Instance, ENI, IP and internet come first. */
function loadBalancerTarget(estate: Estate, text: string): LoadBalancer | undefined {
  const t = text.trim();
  // A load balancer named like an instance or ENI id is found only when no such instance/ENI exists.
  if (t === 'internet' || tryParseIp(t) !== undefined) return undefined;
  if (t.startsWith('i-') && (estate.instances.has(t) || estate.index.enisByInstance.has(t))) return undefined;
  if (t.startsWith('eni-') && estate.networkInterfaces.has(t)) return undefined;
  const m = findLoadBalancer(estate, t);
  if (!m) return undefined;
  if (m.kind === 'missing-arn') {
    throw new TraceInputError(`--to ${t}: no load balancer with this ARN in the snapshot`);
  }
  if (m.kind === 'ambiguous') {
    throw new TraceInputError(
      `--to ${t}: ${m.candidates.length} load balancers are named ${JSON.stringify(t)}; give the ARN or DNS name of one of them: ${m.candidates.map((c) => c.arn).join(', ')}`,
    );
  }
  return m.lb;
}

/** internet → load balancer: the node (all nodes, the first accepted wins, or `onlyNode`), its listener. */
function traceLoadBalancer(
  ctx: ReachContext,
  req: TraceRequest,
  src: Endpoint,
  p: FlowProtocol,
  port: number,
  lb: LoadBalancer,
  onlyNode?: NetworkInterface,
): TraceResult {
  if (src.kind !== 'internet') {
    const ips = loadBalancerNodes(ctx.estate, lb)
      .flatMap((e) => e.privateIps.map((x) => x.privateIp))
      .sort();
    throw new TraceInputError(
      `--to ${req.to} is a load balancer: a trace to it starts from the internet (--from internet or an internet address); from inside the estate trace to one of its nodes' private addresses (${ips.join(', ') || 'none in the snapshot'})`,
    );
  }
  if (req.throughLb) {
    throw new TraceInputError(
      `--through-lb needs an instance, ENI or IP as --to (the target behind the load balancer), found the load balancer ${req.to}`,
    );
  }
  const srcIp = src.ip ?? ipOf(INTERNET_V4)!;
  const w = traceToLoadBalancer(legOps(ctx, p, port, srcIp), ctx.estate, lb, onlyNode);
  const nodeId = onlyNode?.id ?? w.hops.find((h) => ctx.estate.networkInterfaces.has(h));
  const node = nodeId ? ctx.estate.networkInterfaces.get(nodeId) : undefined;
  const nodeIp = node && (srcIp.version === 4 ? publicIpOf(node, undefined) : privateIpOf(node, 6));
  return {
    disposition: dispositionOf(w),
    hops: w.hops,
    blockedBy: w.blockers,
    notModelled: [...new Set(w.notes)].sort(),
    flow: {
      src: srcIp.text,
      dst: nodeIp?.text ?? lb.dnsName ?? lb.name,
      protocol: protoText(p),
      ...(hasPorts(p) || p === ICMP || p === ICMPV6 ? { port } : {}),
    },
  };
}

/** The packet-level steps of load balancer legs, for trace-load-balancer.ts. */
function legOps(ctx: ReachContext, p: FlowProtocol, port: number, srcIp: Ip): LegOps<Walker> {
  return {
    newWalk: () => new Walker(ctx, p, port),
    internetToNode: (w, node, groups) => {
      const lb = loadBalancerOfEni(ctx.estate, node);
      const v6 = srcIp.version === 6 ? privateIpOf(node, 6) : undefined;
      if (srcIp.version === 6 && (!v6 || !internetAddresses(6).contains(v6.value))) {
        w.hop(node.id);
        w.block({
          kind: 'address',
          phase: 'request',
          reason: `${node.id} of ${lb?.name ?? 'the load balancer'} has no global IPv6 address (ip address type ${lb?.ipAddressType ?? 'unknown'})`,
          disposition: 'null-routed',
        });
        return;
      }
      fromInternet(w, node, srcIp, v6 ?? publicIpOf(node, undefined) ?? srcIp, { groups });
    },
    nodeToTarget: (w, node, target, targetIpText, groups, preserveClient) => {
      const estate = ctx.estate;
      const nodeIp = privateIpOf(node, 4);
      const targetIp = targetIpText ? ipOf(targetIpText) : privateIpOf(target, 4);
      const subnet = estate.subnets.get(node.subnetId);
      if (!nodeIp || !targetIp || !subnet) {
        w.notes.push(
          `not modelled: ${!subnet ? `subnet ${node.subnetId}` : `the IPv4 address of ${!nodeIp ? node.id : target.id}`} is not in the snapshot`,
        );
        w.finish('exits-network');
        return;
      }
      // The node opens the connection: its groups' outbound rules, then routing and the target.
      const sender: NetworkInterface = { ...node, securityGroupIds: groups };
      if (groups.length > 0) w.sg(sender, 'egress', peerOf(targetIp, target), targetIp.text);
      const preserve = preserveClient && srcIp.version === 4;
      forwardFromSubnet(w, subnet, preserve ? srcIp : nodeIp, targetIp, {
        srcEni: sender,
        srcSubnetId: subnet.id,
        transit: false,
        depth: 1,
        peerSgIds: groups,
      });
    },
    disposition: dispositionOf,
  };
}
