// Transit gateways, their attachments (TransitGatewayAttachments merged with
// TransitGatewayVpcAttachments by id) and route tables (routes + propagations).
import type { ProblemSink } from '../errors.js';
import type {
  TgwPropagation,
  TgwRoute,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
} from '../model.js';
import type { RawBuckets } from '../raw.js';
import { cidrAt, compareStrings, opt, sortedMap, sortedUnique, tagsOf, uniqueById } from './common.js';

export function buildTransitGateways(b: RawBuckets): ReadonlyMap<string, TransitGateway> {
  return sortedMap(
    uniqueById(
      b.transitGateways,
      (t) => t.TransitGatewayId,
      (t) => t.OwnerId,
    ).map((r) => {
      const t = r.rec;
      const o = t.Options;
      return [
        t.TransitGatewayId,
        {
          id: t.TransitGatewayId,
          accountId: r.accountId,
          region: r.region,
          ownerId: t.OwnerId,
          state: opt(t.State),
          // "enable"/"disable"; AWS's default for both is enable (CreateTransitGateway).
          defaultRouteTableAssociation: (o?.DefaultRouteTableAssociation ?? 'enable') === 'enable',
          defaultRouteTablePropagation: (o?.DefaultRouteTablePropagation ?? 'enable') === 'enable',
          associationDefaultRouteTableId: opt(o?.AssociationDefaultRouteTableId),
          propagationDefaultRouteTableId: opt(o?.PropagationDefaultRouteTableId),
          tags: tagsOf(t.Tags),
        },
      ];
    }),
  );
}

export function buildTgwAttachments(b: RawBuckets): ReadonlyMap<string, TransitGatewayAttachment> {
  const vpcAtt = new Map(
    uniqueById(
      b.tgwVpcAttachments,
      (a) => a.TransitGatewayAttachmentId,
      (a) => opt(a.VpcOwnerId),
    ).map((r) => [r.rec.TransitGatewayAttachmentId, r]),
  );
  const generic = new Map(
    uniqueById(
      b.tgwAttachments,
      (a) => a.TransitGatewayAttachmentId,
      (a) => opt(a.TransitGatewayOwnerId),
    ).map((r) => [r.rec.TransitGatewayAttachmentId, r]),
  );
  const ids = sortedUnique([...vpcAtt.keys(), ...generic.keys()]);
  return sortedMap(
    ids.map((id) => {
      const g = generic.get(id);
      const v = vpcAtt.get(id);
      const where = g ?? v!;
      return [
        id,
        {
          id,
          accountId: where.accountId,
          region: where.region,
          transitGatewayId: g?.rec.TransitGatewayId ?? v!.rec.TransitGatewayId,
          transitGatewayOwnerId: opt(g?.rec.TransitGatewayOwnerId),
          resourceType: g?.rec.ResourceType ?? (v ? 'vpc' : 'unknown'),
          resourceId: opt(g?.rec.ResourceId) ?? opt(v?.rec.VpcId),
          resourceOwnerId: opt(g?.rec.ResourceOwnerId) ?? opt(v?.rec.VpcOwnerId),
          state: opt(g?.rec.State) ?? opt(v?.rec.State),
          associationRouteTableId: opt(g?.rec.Association?.TransitGatewayRouteTableId),
          associationState: opt(g?.rec.Association?.State),
          subnetIds: sortedUnique(v?.rec.SubnetIds ?? []),
          tags: tagsOf(g?.rec.Tags ?? v?.rec.Tags),
        },
      ];
    }),
  );
}

export function buildTgwRouteTables(
  b: RawBuckets,
  sink: ProblemSink,
): ReadonlyMap<string, TransitGatewayRouteTable> {
  const routes = new Map<string, TgwRoute[]>();
  for (const r of b.tgwRoutes) {
    if (routes.has(r.rec.routeTableId)) continue; // the same table collected twice: keep the first
    const list: TgwRoute[] = [];
    r.rec.routes.forEach((x, i) => {
      const path = `${r.path}.Routes[${i}]`;
      let destination: TgwRoute['destination'] | undefined;
      if (x.DestinationCidrBlock) {
        const c = cidrAt(sink, r, `${path}.DestinationCidrBlock`, x.DestinationCidrBlock);
        if (c) destination = { kind: 'cidr', cidr: c.cidr, version: c.version };
      } else if (x.PrefixListId) destination = { kind: 'prefix-list', prefixListId: x.PrefixListId };
      else
        sink.error(r.file, path, 'expected a route with DestinationCidrBlock or PrefixListId, found neither');
      if (!destination) return;
      list.push({
        destination,
        type: x.Type ?? 'unknown',
        state: x.State ?? 'unknown',
        attachments: (x.TransitGatewayAttachments ?? [])
          .map((a) => ({
            attachmentId: opt(a.TransitGatewayAttachmentId),
            resourceId: opt(a.ResourceId),
            resourceType: opt(a.ResourceType),
          }))
          .sort((p, q) => compareStrings(p.attachmentId ?? '', q.attachmentId ?? '')),
      });
    });
    routes.set(r.rec.routeTableId, list);
  }
  const props = new Map<string, TgwPropagation[]>();
  for (const r of b.tgwPropagations) {
    if (props.has(r.rec.routeTableId)) continue;
    props.set(
      r.rec.routeTableId,
      r.rec.propagations
        .map((p) => ({
          attachmentId: p.TransitGatewayAttachmentId,
          resourceId: opt(p.ResourceId),
          resourceType: opt(p.ResourceType),
          state: opt(p.State),
        }))
        .sort((p, q) => compareStrings(p.attachmentId, q.attachmentId)),
    );
  }
  const tables = uniqueById(b.tgwRouteTables, (t) => t.TransitGatewayRouteTableId);
  const known = new Set(tables.map((t) => t.rec.TransitGatewayRouteTableId));
  for (const id of [...routes.keys(), ...props.keys()].sort()) {
    if (!known.has(id)) {
      const where =
        b.tgwRoutes.find((r) => r.rec.routeTableId === id) ??
        b.tgwPropagations.find((r) => r.rec.routeTableId === id)!;
      sink.warn(
        where.file,
        where.path,
        `routes or propagations for transit gateway route table ${id}, which is not in TransitGatewayRouteTables: ignored`,
      );
      known.add(id);
    }
  }
  return sortedMap(
    tables.map((r) => {
      const t = r.rec;
      return [
        t.TransitGatewayRouteTableId,
        {
          id: t.TransitGatewayRouteTableId,
          accountId: r.accountId,
          region: r.region,
          transitGatewayId: t.TransitGatewayId,
          defaultAssociationRouteTable: t.DefaultAssociationRouteTable ?? false,
          defaultPropagationRouteTable: t.DefaultPropagationRouteTable ?? false,
          routes: routes.get(t.TransitGatewayRouteTableId) ?? [],
          propagations: props.get(t.TransitGatewayRouteTableId) ?? [],
          routesKnown: routes.has(t.TransitGatewayRouteTableId),
          propagationsKnown: props.has(t.TransitGatewayRouteTableId),
          state: opt(t.State),
          tags: tagsOf(t.Tags),
        },
      ];
    }),
  );
}
