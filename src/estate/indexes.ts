// Relationship indexes over the normalized collections (EstateIndex in model.ts).
import type { ProblemSink } from './errors.js';
import type { Estate, EstateIndex, Instance, NetworkInterface, TargetHealth } from './model.js';
import type { Origin } from './raw.js';
import { sortedKeys } from './normalize/common.js';
import { orgPaths } from './normalize/organization.js';

export type Collections = Omit<
  Estate,
  'index' | 'source' | 'problems' | 'notModelled' | 'accounts' | 'collection'
> & {
  readonly targetHealth: ReadonlyMap<string, readonly TargetHealth[]>;
};

class Multi {
  /** A key's single value is kept as a string (most keys have one): no array until a second. */
  readonly m = new Map<string, string | string[]>();
  add(key: string | undefined, value: string): void {
    if (key === undefined) return;
    const cur = this.m.get(key);
    if (cur === undefined) this.m.set(key, value);
    else if (typeof cur === 'string') {
      if (cur !== value) this.m.set(key, [cur, value]);
    } else cur.push(value);
  }
  /**
   * Keys sorted, values sorted and de-duplicated. `order`: a sorted collection whose keys are
   * (usually all) the keys here; walking it is much cheaper than sorting large key sets.
   */
  done(order?: ReadonlyMap<string, unknown>): ReadonlyMap<string, readonly string[]> {
    return inOrder(this.m, order, listOf);
  }
}

function listOf(v: string | string[]): string[] {
  return typeof v === 'string' ? [v] : dedupeSorted(v);
}

function same<V>(v: V): V {
  return v;
}

/**
 * `m` iterated in sorted-key order, values passed through `map`. When `order` (a map iterated in
 * sorted-key order) holds every key of `m`, the result is built by walking it (checked as it
 * goes); otherwise the keys are sorted.
 */
function inOrder<V, W>(
  m: ReadonlyMap<string, V>,
  order: ReadonlyMap<string, unknown> | undefined,
  map: (v: V) => W,
): ReadonlyMap<string, W> {
  if (order !== undefined && m.size > 0 && order.size >= m.size) {
    const out = new Map<string, W>();
    let last = '';
    for (const k of order.keys()) {
      const v = m.get(k);
      if (v !== undefined) {
        if (out.size > 0 && !(last < k)) break; // `order` not sorted after all: sort instead
        last = k;
        out.set(k, map(v));
        if (out.size === m.size) return out;
      }
    }
  }
  const out = new Map<string, W>();
  for (const k of sortedKeys(m)) out.set(k, map(m.get(k)!));
  return out;
}

/**
 * `${vpcId}|${ip}` → ENI in key order, built VPC by VPC (VPCs in order, each VPC's addresses
 * sorted: small sorts instead of one large one). Checked as it goes; `undefined` when the
 * per-VPC order is not the key order (one VPC id a prefix of another) or a `|` makes keys ambiguous.
 */
function vpcAddressIndex(
  byVpc: ReadonlyMap<string, ReadonlyMap<string, string>>,
  vpcs: ReadonlyMap<string, unknown>,
): ReadonlyMap<string, string> | undefined {
  const out = new Map<string, string>();
  let last = '';
  for (const [vpcId, inVpc] of inOrder(byVpc, vpcs, same)) {
    if (vpcId.includes('|')) return undefined;
    for (const ip of sortedKeys(inVpc)) {
      const key = `${vpcId}|${ip}`;
      if (ip.includes('|') || (out.size > 0 && !(last < key))) return undefined;
      last = key;
      out.set(key, inVpc.get(ip)!);
    }
  }
  return out;
}

/** The same index, the direct way (the first ENI in id order = the smallest id wins), for odd data. */
function vpcAddressIndexDirect(enis: readonly NetworkInterface[]): ReadonlyMap<string, string> {
  const m = new Map<string, string>();
  for (const n of enis) {
    for (const p of n.privateIps) setMin(m, `${n.vpcId}|${p.privateIp}`, n.id);
    for (const ip of n.ipv6Addresses) setMin(m, `${n.vpcId}|${ip}`, n.id);
  }
  return sortedSingle(m);
}

/** Keep the smallest id per key (= the first in id order, whatever order ids come in). */
function setMin(m: Map<string, string>, key: string, id: string): void {
  const prev = m.get(key);
  if (prev === undefined || id < prev) m.set(key, id);
}

/**
 * ENIs by instance: the ENIs' attachments merged with each instance's own interface list, built
 * by walking the instances in id order. An attachment already in its instance's own list (the
 * usual case) needs no map of its own; when one names an instance that is not in the snapshot,
 * the index is built the generic way.
 */
function enisByInstanceIndex(
  enis: readonly NetworkInterface[],
  instances: ReadonlyMap<string, Instance>,
): ReadonlyMap<string, readonly string[]> {
  const extra = new Multi();
  for (const n of enis) {
    const id = n.attachment?.instanceId;
    if (id === undefined) continue;
    const own = instances.get(id)?.networkInterfaceIds;
    if (own === undefined || !own.includes(n.id)) extra.add(id, n.id);
  }
  const out = new Map<string, string[]>();
  let used = 0;
  let last = '';
  let sorted = true;
  for (const i of instances.values()) {
    const own = i.networkInterfaceIds;
    const v = extra.m.size > 0 ? extra.m.get(i.id) : undefined;
    let list: string[];
    if (v === undefined) {
      if (own.length === 0) continue;
      list = own.length === 1 ? [own[0]!] : dedupeSorted([...own]);
    } else {
      used++;
      list = dedupeSorted(typeof v === 'string' ? [v, ...own] : [...v, ...own]);
    }
    if (out.size > 0 && !(last < i.id)) sorted = false;
    last = i.id;
    out.set(i.id, list);
  }
  if (used === extra.m.size && sorted) return out;
  const all = new Multi();
  for (const n of enis) all.add(n.attachment?.instanceId, n.id);
  for (const i of instances.values()) for (const e of i.networkInterfaceIds) all.add(i.id, e);
  return all.done();
}

function dedupeSorted(list: string[]): string[] {
  // Values usually arrive in sorted order (collections iterate by sorted id): sort only if not.
  for (let i = 1; i < list.length; i++) {
    if (list[i - 1]! > list[i]!) {
      list.sort();
      break;
    }
  }
  let w = 0;
  for (let i = 0; i < list.length; i++) if (i === 0 || list[i] !== list[i - 1]) list[w++] = list[i]!;
  list.length = w;
  return list;
}

function sortedSingle(
  m: Map<string, string>,
  order?: ReadonlyMap<string, unknown>,
): ReadonlyMap<string, string> {
  return inOrder(m, order, same);
}

/**
 * The ENIs and instances in ingest order, when each collection is exactly its ingested records
 * (no duplicates, no copies): a faster order to walk, same result.
 */
export interface IngestOrder {
  readonly networkInterfaces?: readonly NetworkInterface[];
  readonly instances?: readonly Instance[];
}

interface EniIndexes {
  readonly enisBySubnet: ReadonlyMap<string, readonly string[]>;
  readonly enisByVpc: ReadonlyMap<string, readonly string[]>;
  readonly enisBySecurityGroup: ReadonlyMap<string, readonly string[]>;
  readonly enisByInstance: ReadonlyMap<string, readonly string[]>;
  readonly eniByVpcAndIp: ReadonlyMap<string, string>;
  readonly eniByPublicIp: ReadonlyMap<string, string>;
}

function buildEniIndexes(c: Collections, order: IngestOrder | undefined): EniIndexes {
  const enisBySubnet = new Multi();
  const enisByVpc = new Multi();
  const enisBySecurityGroup = new Multi();
  /** VPC → address → ENI; flattened to `${vpcId}|${ip}` keys in sorted order below. */
  const addressesByVpc = new Map<string, Map<string, string>>();
  const eniByPublicIp = new Map<string, string>();
  // Every index below is independent of the order ENIs are visited in (lists are sorted, address
  // keys go to the smallest ENI id = the first in id order), so ingest order is used when the
  // collection is exactly the ingested records: walking memory in allocation order is ~3x faster.
  const enis = order?.networkInterfaces ?? [...c.networkInterfaces.values()];
  for (const n of enis) {
    enisBySubnet.add(n.subnetId, n.id);
    enisByVpc.add(n.vpcId, n.id);
    for (const g of n.securityGroupIds) enisBySecurityGroup.add(g, n.id);
    let inVpc = addressesByVpc.get(n.vpcId);
    if (inVpc === undefined) {
      inVpc = new Map();
      addressesByVpc.set(n.vpcId, inVpc);
    }
    for (const p of n.privateIps) {
      setMin(inVpc, p.privateIp, n.id);
      if (p.publicIp !== undefined) setMin(eniByPublicIp, p.publicIp, n.id);
    }
    for (const ip of n.ipv6Addresses) setMin(inVpc, ip, n.id);
  }
  const eniByVpcAndIp = vpcAddressIndex(addressesByVpc, c.vpcs) ?? vpcAddressIndexDirect(enis);
  for (const e of c.elasticIps.values()) {
    if (e.networkInterfaceId !== undefined && !eniByPublicIp.has(e.publicIp))
      eniByPublicIp.set(e.publicIp, e.networkInterfaceId);
  }

  return {
    enisBySubnet: enisBySubnet.done(c.subnets),
    enisByVpc: enisByVpc.done(c.vpcs),
    enisBySecurityGroup: enisBySecurityGroup.done(c.securityGroups),
    enisByInstance: enisByInstanceIndex(enis, c.instances),
    eniByVpcAndIp,
    eniByPublicIp: sortedSingle(eniByPublicIp),
  };
}

export function buildIndex(
  c: Collections,
  origins: ReadonlyMap<string, Origin>,
  sink: ProblemSink,
  order?: IngestOrder,
): EstateIndex {
  const subnetsByVpc = new Multi();
  for (const s of c.subnets.values()) subnetsByVpc.add(s.vpcId, s.id);

  // Effective route table per subnet: explicit association, else the VPC's main table
  // (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html: a subnet without an explicit
  // association uses the main route table).
  const routeTablesByVpc = new Multi();
  const mainByVpc = new Map<string, string>();
  const explicit = new Map<string, string>();
  for (const t of c.routeTables.values()) {
    routeTablesByVpc.add(t.vpcId, t.id);
    if (t.main) {
      const prev = mainByVpc.get(t.vpcId);
      if (prev === undefined) mainByVpc.set(t.vpcId, t.id);
      else {
        const o = origins.get(t.id);
        sink.warn(
          o?.file ?? 'snapshot',
          o?.path ?? '$',
          `VPC ${t.vpcId} has two main route tables (${prev}, ${t.id}): using ${prev}`,
        );
      }
    }
    for (const s of t.subnetIds) if (!explicit.has(s)) explicit.set(s, t.id);
  }
  const routeTableBySubnet = new Map<string, string>();
  const routeTableExplicit = new Map<string, boolean>();
  const vpcsWithoutMain = new Map<string, string[]>();
  for (const s of c.subnets.values()) {
    const e = explicit.get(s.id);
    if (e !== undefined) {
      routeTableBySubnet.set(s.id, e);
      routeTableExplicit.set(s.id, true);
      continue;
    }
    const main = mainByVpc.get(s.vpcId);
    if (main !== undefined) {
      routeTableBySubnet.set(s.id, main);
      routeTableExplicit.set(s.id, false);
    } else {
      const list = vpcsWithoutMain.get(s.vpcId) ?? [];
      list.push(s.id);
      vpcsWithoutMain.set(s.vpcId, list);
    }
  }
  for (const [vpcId, subnets] of [...vpcsWithoutMain].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const o = origins.get(vpcId);
    sink.warn(
      o?.file ?? 'snapshot',
      o?.path ?? '$',
      `VPC ${vpcId} has no main route table in the snapshot: the route table of ${subnets.length} subnet${subnets.length === 1 ? '' : 's'} without an explicit association (${subnets.slice(0, 3).join(', ')}${subnets.length > 3 ? ', …' : ''}) is unknown`,
    );
  }

  const naclBySubnet = new Map<string, string>();
  for (const n of c.networkAcls.values())
    for (const s of n.subnetIds) if (!naclBySubnet.has(s)) naclBySubnet.set(s, n.id);

  // The ENI indexes are the largest (one entry per ENI and per address) and many commands never
  // read them (inventory, IAM-only checks): they are built on first access, once, as one group.
  // Nothing in the group reports problems, so laziness cannot hide a load warning.
  let eniGroup: EniIndexes | undefined;
  const enisIndexes = (): EniIndexes => (eniGroup ??= buildEniIndexes(c, order));

  const instancesBySubnet = new Multi();
  const instancesByProfile = new Multi();
  for (const i of order?.instances ?? c.instances.values()) {
    instancesBySubnet.add(i.subnetId, i.id);
    instancesByProfile.add(i.iamInstanceProfileArn, i.id);
  }

  const securityGroupsByVpc = new Multi();
  for (const g of c.securityGroups.values()) securityGroupsByVpc.add(g.vpcId, g.id);
  const internetGatewaysByVpc = new Multi();
  for (const g of c.internetGateways.values())
    for (const a of g.attachments) internetGatewaysByVpc.add(a.vpcId, g.id);
  const egressOnlyGatewaysByVpc = new Multi();
  for (const g of c.egressOnlyInternetGateways.values())
    for (const a of g.attachments) egressOnlyGatewaysByVpc.add(a.vpcId, g.id);
  const natGatewaysByVpc = new Multi();
  for (const g of c.natGateways.values()) natGatewaysByVpc.add(g.vpcId, g.id);
  const endpointsByVpc = new Multi();
  const endpointByEni = new Map<string, string>();
  for (const e of c.vpcEndpoints.values()) {
    endpointsByVpc.add(e.vpcId, e.id);
    for (const n of e.networkInterfaceIds) if (!endpointByEni.has(n)) endpointByEni.set(n, e.id);
  }
  const peeringsByVpc = new Multi();
  for (const p of c.peeringConnections.values()) {
    peeringsByVpc.add(p.requester.vpcId, p.id);
    peeringsByVpc.add(p.accepter.vpcId, p.id);
  }
  const tgwAttachmentsByVpc = new Multi();
  const tgwAttachmentsByTgw = new Multi();
  for (const a of c.transitGatewayAttachments.values()) {
    if (a.resourceType === 'vpc') tgwAttachmentsByVpc.add(a.resourceId, a.id);
    tgwAttachmentsByTgw.add(a.transitGatewayId, a.id);
  }
  const tgwRouteTablesByTgw = new Multi();
  for (const t of c.transitGatewayRouteTables.values()) tgwRouteTablesByTgw.add(t.transitGatewayId, t.id);
  const loadBalancersByVpc = new Multi();
  for (const l of c.loadBalancers.values()) loadBalancersByVpc.add(l.vpcId, l.arn);
  const listenersByLoadBalancer = new Multi();
  const targetGroupsByLoadBalancer = new Multi();
  for (const l of c.listeners.values()) {
    listenersByLoadBalancer.add(l.loadBalancerArn, l.arn);
    for (const t of l.targetGroupArns) targetGroupsByLoadBalancer.add(l.loadBalancerArn, t);
  }
  for (const t of c.targetGroups.values())
    for (const lb of t.loadBalancerArns) targetGroupsByLoadBalancer.add(lb, t.arn);
  const rolesByInstanceProfile = new Multi();
  for (const p of c.instanceProfiles.values())
    for (const r of p.roleArns) rolesByInstanceProfile.add(p.arn, r);
  const orgPoliciesByTarget = new Multi();
  for (const p of c.organization?.policies.values() ?? [])
    for (const t of p.targetIds) orgPoliciesByTarget.add(t, p.id);

  return {
    subnetsByVpc: subnetsByVpc.done(c.vpcs),
    routeTableBySubnet: sortedSingle(routeTableBySubnet, c.subnets),
    routeTableExplicit: inOrder(routeTableExplicit, c.subnets, same),
    mainRouteTableByVpc: sortedSingle(mainByVpc, c.vpcs),
    routeTablesByVpc: routeTablesByVpc.done(c.vpcs),
    naclBySubnet: sortedSingle(naclBySubnet, c.subnets),
    get enisBySubnet() {
      return enisIndexes().enisBySubnet;
    },
    get enisByVpc() {
      return enisIndexes().enisByVpc;
    },
    get enisBySecurityGroup() {
      return enisIndexes().enisBySecurityGroup;
    },
    get enisByInstance() {
      return enisIndexes().enisByInstance;
    },
    get eniByVpcAndIp() {
      return enisIndexes().eniByVpcAndIp;
    },
    get eniByPublicIp() {
      return enisIndexes().eniByPublicIp;
    },
    instancesBySubnet: instancesBySubnet.done(c.subnets),
    instancesByProfile: instancesByProfile.done(),
    securityGroupsByVpc: securityGroupsByVpc.done(c.vpcs),
    internetGatewaysByVpc: internetGatewaysByVpc.done(c.vpcs),
    egressOnlyGatewaysByVpc: egressOnlyGatewaysByVpc.done(c.vpcs),
    natGatewaysByVpc: natGatewaysByVpc.done(c.vpcs),
    endpointsByVpc: endpointsByVpc.done(c.vpcs),
    endpointByEni: sortedSingle(endpointByEni, c.networkInterfaces),
    peeringsByVpc: peeringsByVpc.done(c.vpcs),
    tgwAttachmentsByVpc: tgwAttachmentsByVpc.done(c.vpcs),
    tgwAttachmentsByTgw: tgwAttachmentsByTgw.done(c.transitGateways),
    tgwRouteTablesByTgw: tgwRouteTablesByTgw.done(c.transitGateways),
    loadBalancersByVpc: loadBalancersByVpc.done(c.vpcs),
    listenersByLoadBalancer: listenersByLoadBalancer.done(),
    targetGroupsByLoadBalancer: targetGroupsByLoadBalancer.done(),
    targetHealthByTargetGroup: c.targetHealth,
    rolesByInstanceProfile: rolesByInstanceProfile.done(),
    orgPathByAccount: orgPaths(c.organization, sink),
    orgPoliciesByTarget: orgPoliciesByTarget.done(),
  };
}
