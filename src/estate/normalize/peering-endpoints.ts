// VPC peering connections, VPC endpoints and prefix lists.
import type { ProblemSink } from '../errors.js';
import type { PeeringSide, PrefixList, VpcEndpoint, VpcPeeringConnection } from '../model.js';
import type { RawBuckets, RawPeering, Rec } from '../raw.js';
import { cidrAt, opt, sortedMap, sortedUnique, tagsOf, uniqueById } from './common.js';

function side(
  sink: ProblemSink,
  r: Rec<unknown>,
  path: string,
  s: RawPeering['RequesterVpcInfo'],
): PeeringSide {
  if (!s) return { cidrsV4: [], cidrsV6: [] };
  const v4 = new Set<string>();
  // CidrBlockSet lists every CIDR of the VPC shared over the peering; CidrBlock is the primary.
  if (s.CidrBlock) {
    const c = cidrAt(sink, r, `${path}.CidrBlock`, s.CidrBlock, 4);
    if (c) v4.add(c.cidr);
  }
  s.CidrBlockSet?.forEach((x, i) => {
    const c = cidrAt(sink, r, `${path}.CidrBlockSet[${i}].CidrBlock`, x.CidrBlock, 4);
    if (c) v4.add(c.cidr);
  });
  const v6 = new Set<string>();
  s.Ipv6CidrBlockSet?.forEach((x, i) => {
    const c = cidrAt(sink, r, `${path}.Ipv6CidrBlockSet[${i}].Ipv6CidrBlock`, x.Ipv6CidrBlock, 6);
    if (c) v6.add(c.cidr);
  });
  return {
    accountId: opt(s.OwnerId),
    vpcId: opt(s.VpcId),
    region: opt(s.Region),
    cidrsV4: [...v4].sort(),
    cidrsV6: [...v6].sort(),
  };
}

export function buildPeerings(b: RawBuckets, sink: ProblemSink): ReadonlyMap<string, VpcPeeringConnection> {
  return sortedMap(
    uniqueById(
      b.peerings,
      (p) => p.VpcPeeringConnectionId,
      (p) => opt(p.RequesterVpcInfo?.OwnerId),
    ).map((r) => {
      const p = r.rec;
      return [
        p.VpcPeeringConnectionId,
        {
          id: p.VpcPeeringConnectionId,
          accountId: r.accountId,
          region: r.region,
          status: p.Status?.Code ?? 'unknown',
          statusMessage: opt(p.Status?.Message),
          requester: side(sink, r, `${r.path}.RequesterVpcInfo`, p.RequesterVpcInfo),
          accepter: side(sink, r, `${r.path}.AccepterVpcInfo`, p.AccepterVpcInfo),
          expirationTime: opt(p.ExpirationTime),
          tags: tagsOf(p.Tags),
        },
      ];
    }),
  );
}

export function buildVpcEndpoints(b: RawBuckets): ReadonlyMap<string, VpcEndpoint> {
  return sortedMap(
    uniqueById(
      b.endpoints,
      (e) => e.VpcEndpointId,
      (e) => opt(e.OwnerId),
    ).map((r) => {
      const e = r.rec;
      return [
        e.VpcEndpointId,
        {
          id: e.VpcEndpointId,
          accountId: r.accountId,
          region: r.region,
          vpcId: e.VpcId,
          ownerId: opt(e.OwnerId),
          serviceName: e.ServiceName,
          type: e.VpcEndpointType ?? 'unknown',
          state: opt(e.State),
          policyDocument: opt(e.PolicyDocument),
          subnetIds: sortedUnique(e.SubnetIds ?? []),
          networkInterfaceIds: sortedUnique(e.NetworkInterfaceIds ?? []),
          securityGroupIds: sortedUnique((e.Groups ?? []).map((g) => g.GroupId)),
          routeTableIds: sortedUnique(e.RouteTableIds ?? []),
          privateDnsEnabled: e.PrivateDnsEnabled ?? false,
          creationTimestamp: opt(e.CreationTimestamp),
          tags: tagsOf(e.Tags),
        },
      ];
    }),
  );
}

interface PlDraft {
  id: string;
  accountId: string;
  region: string;
  name?: string;
  cidrs?: Set<string>;
  awsManaged: boolean;
  addressFamily?: 'IPv4' | 'IPv6';
}

/**
 * Prefix lists from DescribePrefixLists (AWS-managed service lists, with CIDRs) and
 * DescribeManagedPrefixLists (+ GetManagedPrefixListEntries). A list whose entries are not in
 * the snapshot has `entriesKnown: false`: its contents are unknown, never empty.
 */
export function buildPrefixLists(b: RawBuckets, sink: ProblemSink): ReadonlyMap<string, PrefixList> {
  const drafts = new Map<string, PlDraft>();
  const draft = (id: string, r: Rec<unknown>): PlDraft => {
    let d = drafts.get(id);
    if (!d) {
      d = { id, accountId: r.accountId, region: r.region, awsManaged: false };
      drafts.set(id, d);
    }
    return d;
  };
  const addCidrs = (d: PlDraft, r: Rec<unknown>, path: string, list: readonly string[], suffix = '') => {
    d.cidrs ??= new Set();
    list.forEach((text, i) => {
      const c = cidrAt(sink, r, `${path}[${i}]${suffix}`, text);
      if (c) d.cidrs!.add(c.cidr);
    });
  };
  for (const r of b.prefixLists) {
    const d = draft(r.rec.PrefixListId, r);
    d.name ??= opt(r.rec.PrefixListName);
    d.awsManaged = true;
    if (r.rec.Cidrs) addCidrs(d, r, `${r.path}.Cidrs`, r.rec.Cidrs);
  }
  for (const r of b.managedPrefixLists) {
    const m = r.rec;
    const d = draft(m.PrefixListId, r);
    d.name ??= opt(m.PrefixListName);
    // AWS-managed lists have OwnerId "AWS" (VPC User Guide, "AWS-managed prefix lists").
    if (m.OwnerId === 'AWS') d.awsManaged = true;
    if (m.AddressFamily === 'IPv4' || m.AddressFamily === 'IPv6') d.addressFamily = m.AddressFamily;
    if (m.Entries)
      addCidrs(
        d,
        r,
        `${r.path}.Entries`,
        m.Entries.map((e) => e.Cidr),
        '.Cidr',
      );
  }
  for (const r of b.prefixListEntries) {
    const d = draft(r.rec.prefixListId, r);
    addCidrs(d, r, r.path, r.rec.cidrs, '.Cidr');
  }
  return sortedMap(
    [...drafts.values()].map((d) => [
      d.id,
      {
        id: d.id,
        accountId: d.accountId,
        region: d.region,
        name: d.name,
        cidrs: d.cidrs ? [...d.cidrs].sort() : [],
        awsManaged: d.awsManaged,
        entriesKnown: d.cidrs !== undefined,
        addressFamily: d.addressFamily,
      },
    ]),
  );
}
