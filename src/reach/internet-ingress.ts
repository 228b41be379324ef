// The subnet half of "can the internet open a connection to an address in this subnet": the VPC
// has an attached internet gateway, the subnet's route table sends the reply (to the client's
// address) to that gateway, the subnet NACL lets the request in and the reply (to the client's
// ephemeral port) out. Memoized per (subnet, IP version, protocol).
// https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
import type { IpVersion, NaclEntry } from '../estate/model.js';
import { BigIntervalSet, ephemeralPorts, nonInternetAddresses } from '../net/index.js';
import type { ReachContext } from './context.js';
import { allAddresses, naclRegion } from './filters.js';
import { hasPorts, portUniverse, type FlowProtocol } from './protocols.js';
import { Region } from './region.js';
import { routeDecisions, unknownRouteNotes, type RouteMatch } from './routing.js';

export interface SubnetIngress {
  readonly subnetId: string;
  readonly igwId: string;
  readonly routeTableId: string;
  readonly naclId?: string;
  /** (client address × destination port) pairs that pass routing and the NACL both ways. */
  readonly region: Region;
  /** Routes to the internet gateway that carry replies. */
  readonly routes: readonly (RouteMatch & { readonly addrs: BigIntervalSet })[];
  readonly naclIn: readonly { readonly entry: NaclEntry; readonly region: Region }[];
  readonly naclOut: readonly { readonly entry: NaclEntry; readonly addrs: BigIntervalSet }[];
  readonly notModelled: readonly string[];
}

let internetCache: { v4: BigIntervalSet; v6: BigIntervalSet } | undefined;
/** Public internet addresses (everything but private, CGNAT, loopback, link-local, unique-local). */
export function internetAddresses(version: IpVersion): BigIntervalSet {
  internetCache ??= {
    v4: allAddresses(4).subtract(nonInternetAddresses().v4),
    v6: allAddresses(6).subtract(nonInternetAddresses().v6),
  };
  return version === 4 ? internetCache.v4 : internetCache.v6;
}

export function subnetIngress(
  ctx: ReachContext,
  subnetId: string,
  version: IpVersion,
  p: FlowProtocol,
): SubnetIngress | undefined {
  return ctx.memo(`ingress|${subnetId}|${version}|${p}`, () => compute(ctx, subnetId, version, p));
}

export interface ReplyRoutes {
  readonly igwId: string;
  readonly routeTableId: string;
  readonly routes: readonly (RouteMatch & { readonly addrs: BigIntervalSet })[];
  readonly replyAddrs: BigIntervalSet;
  readonly notModelled: readonly string[];
}

/** The internet addresses whose replies this subnet routes to its VPC's attached IGW (protocol-independent). */
export function replyRoutes(
  ctx: ReachContext,
  subnetId: string,
  version: IpVersion,
): ReplyRoutes | undefined {
  return ctx.memo(`reply-routes|${subnetId}|${version}`, () => {
    const subnet = ctx.estate.subnets.get(subnetId);
    if (!subnet) return undefined;
    const igw = ctx.igwForVpc(subnet.vpcId);
    if (!igw) return undefined;
    const table = ctx.tableForSubnet(subnetId);
    if (!table) return undefined;
    const notModelled: string[] = [...unknownRouteNotes(table)];
    for (const rtId of ctx.estate.index.routeTablesByVpc.get(subnet.vpcId) ?? []) {
      const rt = ctx.estate.routeTables.get(rtId);
      if (rt?.gatewayIds.includes(igw.id)) {
        notModelled.push(`not modelled: ingress routing on ${igw.id} (edge-associated route table ${rt.id})`);
      }
    }
    const routes: (RouteMatch & { addrs: BigIntervalSet })[] = [];
    let replyAddrs = BigIntervalSet.empty();
    for (const d of routeDecisions(table, version, internetAddresses(version))) {
      const m = d.match;
      if (!m || m.route.state !== 'active' || m.route.target.kind !== 'igw' || m.route.target.id !== igw.id) {
        continue;
      }
      routes.push({ ...m, addrs: d.addrs });
      replyAddrs = replyAddrs.union(d.addrs);
    }
    if (replyAddrs.isEmpty()) return undefined;
    return { igwId: igw.id, routeTableId: table.table.id, routes, replyAddrs, notModelled };
  });
}

function compute(
  ctx: ReachContext,
  subnetId: string,
  version: IpVersion,
  p: FlowProtocol,
): SubnetIngress | undefined {
  const rr = replyRoutes(ctx, subnetId, version);
  if (!rr) return undefined;
  const { routes, replyAddrs } = rr;
  const notModelled = [...rr.notModelled];
  const nacl = ctx.naclForSubnet(subnetId);
  let region: Region;
  let naclIn: readonly { readonly entry: NaclEntry; readonly region: Region }[] = [];
  const naclOut: { entry: NaclEntry; addrs: BigIntervalSet }[] = [];
  if (!nacl) {
    notModelled.push(`not modelled: network ACL of ${subnetId} is not in the snapshot (treated as allowing)`);
    region = Region.of(replyAddrs, portUniverse(p));
  } else {
    // Replies go to the client's ephemeral port: the outbound rules must allow it (stateless).
    const out = ctx.memo(`nacl-region|${nacl.nacl.id}|1|${p}|${version}`, () =>
      naclRegion(nacl, true, p, version),
    );
    const replyPorts = hasPorts(p) ? ephemeralPorts : portUniverse(p);
    let outAddrs = BigIntervalSet.empty();
    for (const a of out.allows) {
      const addrs = a.region.intersectRect(replyAddrs, replyPorts).addresses();
      if (addrs.isEmpty()) continue;
      naclOut.push({ entry: a.entry, addrs });
      outAddrs = outAddrs.union(addrs);
    }
    const inbound = ctx.memo(`nacl-region|${nacl.nacl.id}|0|${p}|${version}`, () =>
      naclRegion(nacl, false, p, version),
    );
    region = inbound.allowed.intersectRect(outAddrs, portUniverse(p));
    // The NACL's own list (memoized per NACL): every subnet associated with it shares it.
    naclIn = inbound.allows;
  }
  if (region.isEmpty()) return undefined;
  return {
    subnetId,
    igwId: rr.igwId,
    routeTableId: rr.routeTableId,
    naclId: nacl?.nacl.id,
    region,
    routes,
    naclIn,
    naclOut,
    notModelled,
  };
}
