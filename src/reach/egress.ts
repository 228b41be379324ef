// Where each subnet's internet-bound traffic finally leaves: `igw`, `nat` (public NAT gateway in a
// subnet routed to the IGW, possibly reached through a transit gateway, also in another account),
// `eigw` (IPv6 only) or `none`. Peering and endpoints are non-transitive: a default route to a
// pcx-/vpce-/appliance never reaches the peer's IGW or NAT.
// https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
// https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html
import type { Estate, IpVersion, Subnet } from '../estate/model.js';
import type { BigIntervalSet } from '../net/index.js';
import { reachContext, type ReachContext } from './context.js';
import { internetAddresses } from './internet-ingress.js';
import { routeDecisions, type RouteMatch } from './routing.js';
import {
  associationTable,
  attachmentCoversAz,
  peerTgw,
  tgwDecisions,
  tgwTable,
  vpcAttachment,
} from './tgw.js';

export type EgressKind = 'igw' | 'nat' | 'eigw' | 'none';

export interface EgressPath {
  readonly kind: EgressKind;
  readonly path: readonly string[];
  /** Public source addresses the traffic appears from, when known (NAT gateway EIPs). IPv4 only. */
  readonly sourceIps?: readonly string[];
  /** Why it stops, or what could not be evaluated ("not modelled: …"). */
  readonly notes?: readonly string[];
}

export interface SubnetEgress {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly accountId: string;
  readonly region: string;
  readonly ipv4: EgressPath;
  readonly ipv6: EgressPath;
}

export function computeEgress(estate: Estate): readonly SubnetEgress[] {
  const ctx = reachContext(estate);
  return ctx.memo('egress', () =>
    [...estate.subnets.values()]
      .map((s) => ({
        subnetId: s.id,
        vpcId: s.vpcId,
        accountId: s.accountId,
        region: s.region,
        ipv4: subnetEgress(ctx, s, 4),
        ipv6: subnetEgress(ctx, s, 6),
      }))
      .sort((a, b) =>
        a.accountId !== b.accountId
          ? cmp(a.accountId, b.accountId)
          : a.region !== b.region
            ? cmp(a.region, b.region)
            : a.vpcId !== b.vpcId
              ? cmp(a.vpcId, b.vpcId)
              : cmp(a.subnetId, b.subnetId),
      ),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function subnetEgress(ctx: ReachContext, subnet: Subnet, version: IpVersion): EgressPath {
  if (version === 4 ? subnet.cidrV4 === undefined : subnet.cidrsV6.length === 0)
    return { kind: 'none', path: [] };
  return ctx.memo(`egress|${subnet.id}|${version}`, () =>
    fromSubnet(ctx, subnet.id, version, {
      transit: false,
      path: [],
      notes: [],
      depth: 0,
      az: subnet.availabilityZone,
    }),
  );
}

interface Walk {
  readonly transit: boolean;
  readonly path: readonly string[];
  readonly notes: readonly string[];
  readonly depth: number;
  readonly az?: string;
}

function none(w: Walk, ...notes: string[]): EgressPath {
  const all = [...w.notes, ...notes];
  return { kind: 'none', path: w.path, ...(all.length ? { notes: all } : {}) };
}

/** The route that carries most of the public internet (a default route, in practice). */
function widest<T extends { addrs: BigIntervalSet }>(ds: readonly T[]): T | undefined {
  let best: T | undefined;
  let size = -1n;
  for (const d of ds) {
    const n = d.addrs.size();
    if (n > size) {
      best = d;
      size = n;
    }
  }
  return best;
}

function fromSubnet(ctx: ReachContext, subnetId: string, version: IpVersion, w: Walk): EgressPath {
  const table = ctx.tableForSubnet(subnetId);
  if (!table) return none(w, `not modelled: route table of ${subnetId} is not in the snapshot`);
  const notes = table.unknownPrefixLists.map(
    (u) => `not modelled: ${table.table.id} routes prefix list ${u.prefixListId} (entries unknown)`,
  );
  const d = widest(routeDecisions(table, version, internetAddresses(version)));
  const w2: Walk = { ...w, path: [...w.path, table.table.id], notes: [...w.notes, ...notes] };
  if (!d?.match) return none(w2, `no route to the internet in ${table.table.id}`);
  return follow(ctx, subnetId, version, d.match, w2);
}

function follow(ctx: ReachContext, subnetId: string, version: IpVersion, m: RouteMatch, w: Walk): EgressPath {
  const estate = ctx.estate;
  const subnet = estate.subnets.get(subnetId)!;
  const t = m.route.target;
  if (m.route.state === 'blackhole')
    return none(w, `${m.tableId} ${m.destination} → ${t.id} is a blackhole route`);
  if (w.depth > 8) return none(w, 'not modelled: routing loop or chain longer than 8 hops');
  switch (t.kind) {
    case 'igw': {
      const igw = ctx.igwForVpc(subnet.vpcId);
      if (!igw || igw.id !== t.id)
        return none({ ...w, path: [...w.path, t.id] }, `${t.id} is not attached to ${subnet.vpcId}`);
      // An IGW translates only addresses with a public IPv4 in its own VPC; traffic arriving from
      // another VPC (through a TGW) has none and is dropped. IPv6 addresses are global.
      if (w.transit && version === 4) {
        return none(
          { ...w, path: [...w.path, t.id] },
          `${t.id} drops IPv4 traffic from other VPCs (no public IPv4 to translate to)`,
        );
      }
      return { kind: 'igw', path: [...w.path, t.id], ...(w.notes.length ? { notes: w.notes } : {}) };
    }
    case 'eigw': {
      const eigw = ctx.eigwForVpc(subnet.vpcId);
      if (version !== 6)
        return none({ ...w, path: [...w.path, t.id] }, `${t.id} is an egress-only gateway (IPv6 only)`);
      if (!eigw || eigw.id !== t.id)
        return none({ ...w, path: [...w.path, t.id] }, `${t.id} is not attached to ${subnet.vpcId}`);
      return { kind: 'eigw', path: [...w.path, t.id], ...(w.notes.length ? { notes: w.notes } : {}) };
    }
    case 'nat': {
      const nat = estate.natGateways.get(t.id);
      const path = [...w.path, t.id];
      if (!nat) return none({ ...w, path }, `not modelled: NAT gateway ${t.id} is not in the snapshot`);
      if (nat.state !== 'available') return none({ ...w, path }, `${nat.id} is ${nat.state}`);
      if (version === 6) {
        // NAT64: IPv6 traffic to 64:ff9b::/96 only; the rest of the IPv6 internet is not translated.
        return none({ ...w, path }, `${nat.id} translates IPv6 only for NAT64 (64:ff9b::/96)`);
      }
      const inner = fromSubnet(ctx, nat.subnetId, 4, { ...w, path, transit: false, depth: w.depth + 1 });
      if (nat.connectivityType === 'private') {
        return inner.kind === 'nat'
          ? inner
          : none(
              { ...w, path: inner.path },
              `${nat.id} is a private NAT gateway (no internet access by itself)`,
            );
      }
      if (inner.kind !== 'igw') return { ...inner, kind: 'none' };
      const ips = nat.addresses.flatMap((a) => (a.publicIp ? [a.publicIp] : [])).sort();
      return {
        kind: 'nat',
        path: inner.path,
        ...(ips.length ? { sourceIps: ips } : {}),
        ...(inner.notes ? { notes: inner.notes } : {}),
      };
    }
    case 'tgw': {
      const att = vpcAttachment(ctx, subnet.vpcId, t.id);
      if (att && !attachmentCoversAz(ctx, att.subnetIds, subnet.availabilityZone)) {
        // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html (one subnet per AZ)
        return none(
          { ...w, path: [...w.path, t.id] },
          `${att.id} has no subnet in ${subnet.availabilityZone}: ${subnet.id} cannot reach ${t.id}`,
        );
      }
      return viaTgw(ctx, subnet.vpcId, t.id, version, { ...w, path: [...w.path, t.id] });
    }
    case 'pcx':
      return none(
        { ...w, path: [...w.path, t.id] },
        `VPC peering is non-transitive: ${t.id} never reaches the peer VPC's internet or NAT gateway`,
      );
    case 'vpce': {
      if (ctx.estate.vpcEndpoints.get(t.id)?.type === 'GatewayLoadBalancer') {
        // An inspection appliance (GWLB, AWS Network Firewall) may forward to the internet.
        return none(
          { ...w, path: [...w.path, t.id] },
          `not modelled: Gateway Load Balancer / Network Firewall endpoint ${t.id} (inspection appliance)`,
        );
      }
      return none(
        { ...w, path: [...w.path, t.id] },
        `${t.id} is a VPC endpoint: it reaches its service only, never the internet`,
      );
    }
    case 'local':
      return none(w, `${m.tableId} sends ${m.destination} to local`);
    case 'eni':
    case 'instance':
      return none({ ...w, path: [...w.path, t.id] }, `not modelled: forwarding by appliance ${t.id}`);
    case 'vgw':
      return none(
        { ...w, path: [...w.path, t.id] },
        `not modelled: VPN/Direct Connect to on-premises through ${t.id}`,
      );
    default:
      return none({ ...w, path: [...w.path, t.id] }, `not modelled: route target ${t.kind} ${t.id}`);
  }
}

function viaTgw(ctx: ReachContext, vpcId: string, tgwId: string, version: IpVersion, w: Walk): EgressPath {
  const att = vpcAttachment(ctx, vpcId, tgwId);
  if (!att) return none(w, `${vpcId} has no attachment to ${tgwId}`);
  return fromAttachment(ctx, att.id, tgwId, version, { ...w, path: [...w.path, att.id] });
}

function fromAttachment(
  ctx: ReachContext,
  attId: string,
  tgwId: string,
  version: IpVersion,
  w: Walk,
): EgressPath {
  const estate = ctx.estate;
  const att = estate.transitGatewayAttachments.get(attId);
  if (!att) return none(w, `not modelled: attachment ${attId} is not in the snapshot`);
  const assoc = associationTable(ctx, att, tgwId);
  const notes = assoc.note ? [`not modelled: ${assoc.note}`] : [];
  if (!assoc.tableId) return none(w, ...notes, `${att.id} is not associated with a route table of ${tgwId}`);
  const table = tgwTable(ctx, assoc.tableId);
  if (!table)
    return none(
      w,
      ...notes,
      `not modelled: transit gateway route table ${assoc.tableId} is not in the snapshot`,
    );
  const w2: Walk = {
    ...w,
    path: [...w.path, table.id],
    notes: [...w.notes, ...notes, ...table.notModelled],
    depth: w.depth + 1,
  };
  const d = widest(tgwDecisions(table, version, internetAddresses(version)));
  if (!d?.route) return none(w2, `no route to the internet in ${table.id}`);
  if (d.route.blackhole) return none(w2, `${table.id} ${d.route.destination} is a blackhole route`);
  const nextId = d.route.attachmentIds[0];
  const next = nextId ? estate.transitGatewayAttachments.get(nextId) : undefined;
  if (!next) return none(w2, `not modelled: attachment ${nextId ?? '?'} is not in the snapshot`);
  if (next.resourceType === 'vpc') {
    const vpcId = next.resourceId;
    const subnets = next.subnetIds.filter((s) => estate.subnets.has(s));
    if (!vpcId || subnets.length === 0) {
      return none(
        { ...w2, path: [...w2.path, next.id] },
        `not modelled: subnets of ${next.id} are not in the snapshot`,
      );
    }
    // Traffic enters the VPC through the attachment's ENI in the same AZ when there is one.
    const same = subnets.find((s) => estate.subnets.get(s)?.availabilityZone === w.az) ?? subnets[0]!;
    return fromSubnet(ctx, same, version, { ...w2, path: [...w2.path, next.id, vpcId, same], transit: true });
  }
  if (next.resourceType === 'peering' || next.resourceType === 'tgw-peering') {
    const peer = peerTgw(next, table.transitGatewayId);
    if (!peer) return none({ ...w2, path: [...w2.path, next.id] }, `not modelled: peer of ${next.id}`);
    return fromAttachment(ctx, next.id, peer, version, { ...w2, path: [...w2.path, next.id, peer] });
  }
  return none(
    { ...w2, path: [...w2.path, next.id] },
    `not modelled: ${next.resourceType} attachment ${next.id} (VPN/Direct Connect/Connect to on-premises)`,
  );
}
