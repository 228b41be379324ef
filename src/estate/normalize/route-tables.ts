// VPC route tables: routes with classified targets, associations (subnets, main, edge gateways).
import type { ProblemSink } from '../errors.js';
import type { Route, RouteDestination, RouteTable, RouteTarget } from '../model.js';
import type { RawRoute, RawRouteTable, Rec } from '../raw.js';
import { cidrAt, opt, sortedUnique, tagsOf } from './common.js';

/** Classify a route's target from the field it is in and the id prefix (EC2 API Reference, Route). */
export function routeTarget(r: RawRoute): RouteTarget {
  if (r.GatewayId) {
    const g = r.GatewayId;
    if (g === 'local') return { kind: 'local', id: 'local' };
    if (g.startsWith('igw-')) return { kind: 'igw', id: g };
    if (g.startsWith('vgw-')) return { kind: 'vgw', id: g };
    // Gateway endpoints (S3, DynamoDB) appear as GatewayId vpce-… with a pl-… destination.
    if (g.startsWith('vpce-')) return { kind: 'vpce', id: g };
    if (g.startsWith('eigw-')) return { kind: 'eigw', id: g };
    if (g.startsWith('nat-')) return { kind: 'nat', id: g };
    if (g.startsWith('tgw-')) return { kind: 'tgw', id: g };
    return { kind: 'unknown', id: g };
  }
  if (r.EgressOnlyInternetGatewayId) return { kind: 'eigw', id: r.EgressOnlyInternetGatewayId };
  if (r.NatGatewayId) return { kind: 'nat', id: r.NatGatewayId };
  if (r.TransitGatewayId) return { kind: 'tgw', id: r.TransitGatewayId };
  if (r.VpcPeeringConnectionId) return { kind: 'pcx', id: r.VpcPeeringConnectionId };
  if (r.LocalGatewayId) return { kind: 'lgw', id: r.LocalGatewayId };
  if (r.CarrierGatewayId) return { kind: 'carrier', id: r.CarrierGatewayId };
  if (r.CoreNetworkArn) return { kind: 'core-network', id: r.CoreNetworkArn };
  // A route to an instance also carries the instance's ENI id; the ENI is what forwards.
  if (r.NetworkInterfaceId) return { kind: 'eni', id: r.NetworkInterfaceId };
  if (r.InstanceId) return { kind: 'instance', id: r.InstanceId };
  return { kind: 'unknown', id: '' };
}

function destination(
  sink: ProblemSink,
  t: Rec<unknown>,
  path: string,
  r: RawRoute,
): RouteDestination | undefined {
  if (r.DestinationCidrBlock) {
    const c = cidrAt(sink, t, `${path}.DestinationCidrBlock`, r.DestinationCidrBlock, 4);
    return c && { kind: 'cidr', cidr: c.cidr, version: 4 };
  }
  if (r.DestinationIpv6CidrBlock) {
    const c = cidrAt(sink, t, `${path}.DestinationIpv6CidrBlock`, r.DestinationIpv6CidrBlock, 6);
    return c && { kind: 'cidr', cidr: c.cidr, version: 6 };
  }
  if (r.DestinationPrefixListId) return { kind: 'prefix-list', prefixListId: r.DestinationPrefixListId };
  sink.error(
    t.file,
    path,
    'expected a route with DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId, found none of them',
  );
  return undefined;
}

export function routeTableOf(t: Rec<RawRouteTable>, sink: ProblemSink): RouteTable {
  {
    const rt = t.rec;
    const routes: Route[] = [];
    rt.Routes?.forEach((r, i) => {
      const path = `${t.path}.Routes[${i}]`;
      const dest = destination(sink, t, path, r);
      if (!dest) return;
      const target = routeTarget(r);
      if (target.kind === 'unknown') {
        sink.warn(
          t.file,
          path,
          `route target not recognised (${target.id === '' ? 'no target field' : target.id}): treated as unknown`,
        );
      }
      routes.push({
        destination: dest,
        target,
        state: r.State === 'blackhole' ? 'blackhole' : 'active',
        origin: opt(r.Origin),
      });
    });
    const assocs = (rt.Associations ?? []).filter(
      (a) => !a.AssociationState?.State || a.AssociationState.State === 'associated',
    );
    return {
      id: rt.RouteTableId,
      accountId: t.accountId,
      region: t.region,
      vpcId: rt.VpcId,
      ownerId: opt(rt.OwnerId),
      main: assocs.some((a) => a.Main === true),
      subnetIds: sortedUnique(assocs.flatMap((a) => (a.SubnetId ? [a.SubnetId] : []))),
      gatewayIds: sortedUnique(assocs.flatMap((a) => (a.GatewayId ? [a.GatewayId] : []))),
      routes,
      propagatingVgwIds: sortedUnique((rt.PropagatingVgws ?? []).map((p) => p.GatewayId)),
      tags: tagsOf(rt.Tags),
    };
  }
}
