// Transit gateway routing: each attachment is associated with one TGW route table; a table's routes
// are its static routes plus the CIDRs of the attachments propagating into it (a static route wins
// over a propagated one for the same prefix); longest prefix wins; blackhole routes drop.
// Peering attachments lead to the peer TGW, where the attachment's association on that side applies.
// https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html
import type { IpVersion, TgwRoute, TransitGatewayAttachment } from '../estate/model.js';
import { BigIntervalSet } from '../net/index.js';
import type { ReachContext } from './context.js';

export interface TgwCompiledRoute {
  readonly first: bigint;
  readonly last: bigint;
  readonly prefix: number;
  readonly version: IpVersion;
  readonly destination: string;
  readonly blackhole: boolean;
  readonly attachmentIds: readonly string[];
  readonly type: 'static' | 'propagated';
}

export interface TgwTable {
  readonly id: string;
  readonly transitGatewayId: string;
  readonly routes: readonly TgwCompiledRoute[];
  readonly notModelled: readonly string[];
}

export function tgwTable(ctx: ReachContext, id: string): TgwTable | undefined {
  return ctx.memo(`tgw-table|${id}`, () => compile(ctx, id));
}

function compile(ctx: ReachContext, id: string): TgwTable | undefined {
  const t = ctx.estate.transitGatewayRouteTables.get(id);
  if (!t) return undefined;
  const routes: TgwCompiledRoute[] = [];
  const notModelled: string[] = [];
  const seen = new Set<string>();
  const add = (
    cidrText: string,
    r: Omit<TgwCompiledRoute, 'first' | 'last' | 'prefix' | 'version' | 'destination'>,
  ) => {
    const c = ctx.cidr(cidrText);
    if (!c) return;
    const key = `${c.text}|${r.type}`;
    if (seen.has(key)) return;
    seen.add(key);
    routes.push({
      ...r,
      first: c.first,
      last: c.last,
      prefix: c.prefix,
      version: c.version,
      destination: c.text,
    });
  };
  const fromRoute = (r: TgwRoute): void => {
    const base = {
      blackhole: r.state === 'blackhole',
      attachmentIds: r.attachments.flatMap((a) => (a.attachmentId ? [a.attachmentId] : [])).sort(),
      type: r.type === 'propagated' ? ('propagated' as const) : ('static' as const),
    };
    if (r.destination.kind === 'cidr') add(r.destination.cidr, base);
    else {
      const pl = ctx.estate.prefixLists.get(r.destination.prefixListId);
      if (!pl || !pl.entriesKnown) {
        notModelled.push(
          `not modelled: ${id} routes prefix list ${r.destination.prefixListId} whose entries are unknown`,
        );
      } else for (const c of pl.cidrs) add(c, base);
    }
  };
  for (const r of t.routes) fromRoute(r);
  // Propagations: the attachment's VPC CIDRs (VPN/DX/peering propagations are not modelled).
  for (const p of t.propagations) {
    if (p.state !== undefined && p.state !== 'enabled') continue;
    const att = ctx.estate.transitGatewayAttachments.get(p.attachmentId);
    const type = p.resourceType ?? att?.resourceType;
    if (type !== 'vpc') {
      notModelled.push(
        `not modelled: routes propagated into ${id} by ${type ?? 'unknown'} attachment ${p.attachmentId}`,
      );
      continue;
    }
    const vpcId = p.resourceId ?? att?.resourceId;
    const vpc = vpcId ? ctx.estate.vpcs.get(vpcId) : undefined;
    if (!vpc) {
      notModelled.push(
        `not modelled: ${id} learns the CIDRs of ${vpcId ?? p.attachmentId}, which is not in the snapshot`,
      );
      continue;
    }
    for (const c of [...vpc.cidrsV4, ...vpc.cidrsV6]) {
      add(c, { blackhole: false, attachmentIds: [p.attachmentId], type: 'propagated' });
    }
  }
  routes.sort(
    (a, b) =>
      b.prefix - a.prefix ||
      (a.type === b.type ? 0 : a.type === 'static' ? -1 : 1) ||
      (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0),
  );
  return { id, transitGatewayId: t.transitGatewayId, routes, notModelled };
}

export function tgwLookup(t: TgwTable, version: IpVersion, value: bigint): TgwCompiledRoute | undefined {
  for (const r of t.routes) if (r.version === version && r.first <= value && value <= r.last) return r;
  return undefined;
}

export function tgwDecisions(
  t: TgwTable,
  version: IpVersion,
  set: BigIntervalSet,
): { route?: TgwCompiledRoute; addrs: BigIntervalSet }[] {
  const out: { route?: TgwCompiledRoute; addrs: BigIntervalSet }[] = [];
  let remaining = set;
  for (const r of t.routes) {
    if (r.version !== version || remaining.isEmpty()) continue;
    const part = remaining.intersect(BigIntervalSet.range(r.first, r.last));
    if (part.isEmpty()) continue;
    out.push({ route: r, addrs: part });
    remaining = remaining.subtract(part);
  }
  if (!remaining.isEmpty()) out.push({ addrs: remaining });
  return out;
}

/** The attachment of `vpcId` to `tgwId`, if any. */
export function vpcAttachment(
  ctx: ReachContext,
  vpcId: string,
  tgwId: string,
): TransitGatewayAttachment | undefined {
  for (const id of ctx.estate.index.tgwAttachmentsByVpc.get(vpcId) ?? []) {
    const a = ctx.estate.transitGatewayAttachments.get(id);
    if (a && a.transitGatewayId === tgwId && a.state !== 'deleted' && a.state !== 'deleting') return a;
  }
  return undefined;
}

/**
 * The TGW route table an attachment is associated with on `tgwId`'s side. A TGW peering
 * attachment has one id and an association on each side; the model keeps one record, so for the
 * other side the peer TGW's default association table is assumed (and said).
 */
export function associationTable(
  ctx: ReachContext,
  att: TransitGatewayAttachment,
  tgwId: string,
): { tableId?: string; note?: string } {
  if (att.transitGatewayId === tgwId && att.associationRouteTableId)
    return { tableId: att.associationRouteTableId };
  const tgw = ctx.estate.transitGateways.get(tgwId);
  let fallback = tgw?.defaultRouteTableAssociation ? tgw.associationDefaultRouteTableId : undefined;
  if (!fallback) {
    fallback = (ctx.estate.index.tgwRouteTablesByTgw.get(tgwId) ?? []).find(
      (id) => ctx.estate.transitGatewayRouteTables.get(id)?.defaultAssociationRouteTable,
    );
  }
  if (att.transitGatewayId === tgwId) {
    return fallback
      ? {
          tableId: fallback,
          note: `association of ${att.id} not in the snapshot: default table ${fallback} assumed`,
        }
      : {};
  }
  return fallback
    ? {
        tableId: fallback,
        note: `association of ${att.id} on ${tgwId} not in the snapshot: default table ${fallback} assumed`,
      }
    : {};
}

/** For a peering attachment seen from `tgwId`, the TGW on the other side. */
export function peerTgw(att: TransitGatewayAttachment, tgwId: string): string | undefined {
  if (att.transitGatewayId === tgwId) return att.resourceId;
  if (att.resourceId === tgwId) return att.transitGatewayId;
  return undefined;
}

/** True when one of the attachment's subnets is in `az` (unknown data: assumed). */
export function attachmentCoversAz(
  ctx: ReachContext,
  subnetIds: readonly string[],
  az: string | undefined,
): boolean {
  if (az === undefined) return true;
  const azs = subnetIds.map((s) => ctx.estate.subnets.get(s)?.availabilityZone);
  // Unknown attachment subnets: cannot tell, assume covered.
  if (azs.some((a) => a === undefined)) return true;
  return azs.includes(az);
}
