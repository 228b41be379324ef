// VPCs, subnets, internet gateways, egress-only gateways and NAT gateways.
import type { ProblemSink } from '../errors.js';
import type {
  EgressOnlyInternetGateway,
  GatewayAttachment,
  InternetGateway,
  NatGateway,
  Subnet,
  Vpc,
} from '../model.js';
import type { RawBuckets, RawSubnet, RawVpc, Rec } from '../raw.js';
import { cidrAt, opt, sortedKeys, sortedMap, tagsOf, uniqueById } from './common.js';

// A CIDR association in any state other than "associated" (disassociated, failed …) carries no traffic.
const live = (s: { State?: string | null } | null | undefined): boolean =>
  !s?.State || s.State === 'associated';

/** One model per id: the copy collected in the owner's account wins (see uniqueById). */
export function byId<T extends { readonly id: string; readonly ownerId?: string }>(
  list: readonly Rec<T>[],
): ReadonlyMap<string, T> {
  // uniqueById's rule (owner's copy, else the first), without its intermediate array.
  const winners = new Map<string, Rec<T>>();
  for (const r of list) {
    const id = r.rec.id;
    const prev = winners.get(id);
    if (prev === undefined) winners.set(id, r);
    else {
      const owner = r.rec.ownerId;
      if (owner !== undefined && r.accountId === owner && prev.accountId !== owner) winners.set(id, r);
    }
  }
  const out = new Map<string, T>();
  for (const k of sortedKeys(winners)) out.set(k, winners.get(k)!.rec);
  return out;
}

export function vpcOf(r: Rec<RawVpc>, sink: ProblemSink): Vpc {
  {
    const v = r.rec;
    const v4: string[] = [];
    const seen = new Set<string>();
    const add = (list: string[], c: string | undefined) => {
      if (c && !seen.has(c)) {
        seen.add(c);
        list.push(c);
      }
    };
    // Primary CIDR first (VPC User Guide, "VPC CIDR blocks").
    if (v.CidrBlock) add(v4, cidrAt(sink, r, `${r.path}.CidrBlock`, v.CidrBlock, 4)?.cidr);
    v.CidrBlockAssociationSet?.forEach((a, i) => {
      if (live(a.CidrBlockState))
        add(v4, cidrAt(sink, r, `${r.path}.CidrBlockAssociationSet[${i}].CidrBlock`, a.CidrBlock, 4)?.cidr);
    });
    const v6: string[] = [];
    v.Ipv6CidrBlockAssociationSet?.forEach((a, i) => {
      if (a.Ipv6CidrBlock && live(a.Ipv6CidrBlockState)) {
        add(
          v6,
          cidrAt(sink, r, `${r.path}.Ipv6CidrBlockAssociationSet[${i}].Ipv6CidrBlock`, a.Ipv6CidrBlock, 6)
            ?.cidr,
        );
      }
    });
    return {
      id: v.VpcId,
      accountId: r.accountId,
      region: r.region,
      ownerId: opt(v.OwnerId) ?? r.accountId,
      cidrsV4: v4,
      cidrsV6: v6,
      isDefault: v.IsDefault ?? false,
      state: opt(v.State),
      tags: tagsOf(v.Tags),
    };
  }
}

export function subnetOf(r: Rec<RawSubnet>, sink: ProblemSink): Subnet {
  {
    const s = r.rec;
    const v6: string[] = [];
    s.Ipv6CidrBlockAssociationSet?.forEach((a, i) => {
      if (a.Ipv6CidrBlock && live(a.Ipv6CidrBlockState)) {
        const c = cidrAt(
          sink,
          r,
          `${r.path}.Ipv6CidrBlockAssociationSet[${i}].Ipv6CidrBlock`,
          a.Ipv6CidrBlock,
          6,
        );
        if (c) v6.push(c.cidr);
      }
    });
    return {
      id: s.SubnetId,
      accountId: r.accountId,
      region: r.region,
      arn: opt(s.SubnetArn),
      vpcId: s.VpcId,
      ownerId: opt(s.OwnerId) ?? r.accountId,
      cidrV4: s.CidrBlock ? cidrAt(sink, r, `${r.path}.CidrBlock`, s.CidrBlock, 4)?.cidr : undefined,
      cidrsV6: v6,
      availabilityZone: opt(s.AvailabilityZone),
      availabilityZoneId: opt(s.AvailabilityZoneId),
      // Absent → false: the default for non-default subnets (VPC User Guide, "Subnet settings").
      mapPublicIpOnLaunch: s.MapPublicIpOnLaunch ?? false,
      assignIpv6AddressOnCreation: s.AssignIpv6AddressOnCreation ?? false,
      tags: tagsOf(s.Tags),
    };
  }
}

function attachments(
  list: readonly { VpcId: string; State?: string | null }[] | null | undefined,
): GatewayAttachment[] {
  return (list ?? [])
    .map((a) => ({ vpcId: a.VpcId, state: a.State ?? 'unknown' }))
    .sort((x, y) => (x.vpcId < y.vpcId ? -1 : x.vpcId > y.vpcId ? 1 : 0));
}

export function buildInternetGateways(b: RawBuckets): ReadonlyMap<string, InternetGateway> {
  return sortedMap(
    uniqueById(
      b.internetGateways,
      (g) => g.InternetGatewayId,
      (g) => opt(g.OwnerId),
    ).map((r) => [
      r.rec.InternetGatewayId,
      {
        id: r.rec.InternetGatewayId,
        accountId: r.accountId,
        region: r.region,
        ownerId: opt(r.rec.OwnerId),
        attachments: attachments(r.rec.Attachments),
        tags: tagsOf(r.rec.Tags),
      },
    ]),
  );
}

export function buildEgressOnlyGateways(b: RawBuckets): ReadonlyMap<string, EgressOnlyInternetGateway> {
  return sortedMap(
    uniqueById(b.egressOnlyInternetGateways, (g) => g.EgressOnlyInternetGatewayId).map((r) => [
      r.rec.EgressOnlyInternetGatewayId,
      {
        id: r.rec.EgressOnlyInternetGatewayId,
        accountId: r.accountId,
        region: r.region,
        attachments: attachments(r.rec.Attachments),
        tags: tagsOf(r.rec.Tags),
      },
    ]),
  );
}

export function buildNatGateways(b: RawBuckets): ReadonlyMap<string, NatGateway> {
  return sortedMap(
    uniqueById(b.natGateways, (g) => g.NatGatewayId).map((r) => {
      const g = r.rec;
      return [
        g.NatGatewayId,
        {
          id: g.NatGatewayId,
          accountId: r.accountId,
          region: r.region,
          vpcId: g.VpcId,
          subnetId: g.SubnetId,
          // ConnectivityType defaults to public (EC2 API Reference, CreateNatGateway).
          connectivityType: g.ConnectivityType === 'private' ? 'private' : 'public',
          state: g.State ?? 'unknown',
          addresses: (g.NatGatewayAddresses ?? []).map((a) => ({
            allocationId: opt(a.AllocationId),
            networkInterfaceId: opt(a.NetworkInterfaceId),
            privateIp: opt(a.PrivateIp),
            publicIp: opt(a.PublicIp),
          })),
          tags: tagsOf(g.Tags),
        },
      ];
    }),
  );
}
