// Network interfaces, instances and Elastic IPs.
import { canonicalIp } from '../cidr.js';
import type { ElasticIp, Instance, NetworkInterface, PrivateIpAddress } from '../model.js';
import type { RawBuckets, RawEni, RawInstanceEntry, Rec } from '../raw.js';
import { opt, sortedMap, sortedUnique, tagsOf, uniqueById } from './common.js';

export function buildElasticIps(b: RawBuckets): ReadonlyMap<string, ElasticIp> {
  return sortedMap(
    uniqueById(
      b.addresses,
      (a) => a.PublicIp,
      (a) => opt(a.NetworkInterfaceOwnerId),
    ).map((r) => {
      const a = r.rec;
      return [
        a.PublicIp,
        {
          publicIp: a.PublicIp,
          accountId: r.accountId,
          region: r.region,
          allocationId: opt(a.AllocationId),
          associationId: opt(a.AssociationId),
          networkInterfaceId: opt(a.NetworkInterfaceId),
          instanceId: opt(a.InstanceId),
          privateIp: opt(a.PrivateIpAddress),
          domain: opt(a.Domain),
          tags: tagsOf(a.Tags),
        },
      ];
    }),
  );
}

/** An ENI as described; public IPs known only from Elastic IPs are added by withElasticIps. */
export function networkInterfaceOf(r: Rec<RawEni>, _sink?: unknown, zoneFallback?: string): NetworkInterface {
  const n = r.rec;
  const privateIps: PrivateIpAddress[] = [];
  const list = n.PrivateIpAddresses?.length
    ? n.PrivateIpAddresses
    : n.PrivateIpAddress
      ? [{ PrivateIpAddress: n.PrivateIpAddress, Primary: true, Association: n.Association }]
      : [];
  for (const p of list) {
    const assoc = p.Association ?? (p.Primary ? n.Association : undefined);
    privateIps.push({
      privateIp: p.PrivateIpAddress,
      primary: p.Primary ?? p.PrivateIpAddress === n.PrivateIpAddress,
      publicIp: opt(assoc?.PublicIp),
      allocationId: opt(assoc?.AllocationId),
      publicIpOwnerId: opt(assoc?.IpOwnerId),
    });
  }
  const att = n.Attachment;
  return {
    id: n.NetworkInterfaceId,
    accountId: r.accountId,
    region: r.region,
    vpcId: n.VpcId,
    subnetId: n.SubnetId,
    ownerId: n.OwnerId,
    availabilityZone: opt(n.AvailabilityZone) ?? zoneFallback,
    description: opt(n.Description),
    interfaceType: n.InterfaceType ?? 'interface',
    status: opt(n.Status),
    requesterManaged: n.RequesterManaged ?? false,
    requesterId: opt(n.RequesterId),
    macAddress: opt(n.MacAddress),
    privateIps,
    ipv6Addresses: ipv6Of(n.Ipv6Addresses),
    securityGroupIds: groupIdsOf(n.Groups),
    sourceDestCheck: opt(n.SourceDestCheck),
    attachment: att
      ? {
          attachmentId: opt(att.AttachmentId),
          instanceId: opt(att.InstanceId),
          instanceOwnerId: opt(att.InstanceOwnerId),
          deviceIndex: opt(att.DeviceIndex),
          status: opt(att.Status),
        }
      : undefined,
    tags: tagsOf(n.TagSet ?? n.Tags),
  };
}

function ipv6Of(list: readonly { Ipv6Address: string }[] | null | undefined): string[] {
  const out: string[] = [];
  if (list) for (let i = 0; i < list.length; i++) out.push(canonicalIp(list[i]!.Ipv6Address));
  return out;
}

function groupIdsOf(list: readonly { GroupId: string }[] | null | undefined): string[] {
  if (!list || list.length === 0) return [];
  if (list.length === 1) return [list[0]!.GroupId];
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) out.push(list[i]!.GroupId);
  return sortedUnique(out);
}

/**
 * Fill in public IPs and allocation ids that DescribeAddresses knows (by ENI and private IP) but
 * the ENI record lacks. Only the affected ENIs are copied.
 */
export function withElasticIps(
  enis: ReadonlyMap<string, NetworkInterface>,
  eips: ReadonlyMap<string, ElasticIp>,
): ReadonlyMap<string, NetworkInterface> {
  const byEni = new Map<string, ElasticIp[]>();
  for (const e of eips.values()) {
    if (e.networkInterfaceId && e.privateIp && enis.has(e.networkInterfaceId)) {
      const list = byEni.get(e.networkInterfaceId) ?? [];
      list.push(e);
      byEni.set(e.networkInterfaceId, list);
    }
  }
  if (byEni.size === 0) return enis;
  // Copied on the first change only (usually the ENI records already carry their public IPs).
  let out: Map<string, NetworkInterface> | undefined;
  for (const [id, list] of byEni) {
    const n = enis.get(id)!;
    let changed = false;
    const privateIps = n.privateIps.map((p) => {
      const eip = list.find((e) => e.privateIp === p.privateIp);
      if (!eip) return p;
      const publicIp = p.publicIp ?? eip.publicIp;
      const allocationId = p.allocationId ?? (publicIp === eip.publicIp ? eip.allocationId : undefined);
      if (publicIp === p.publicIp && allocationId === p.allocationId) return p;
      changed = true;
      return { ...p, publicIp, allocationId };
    });
    if (changed) (out ??= new Map(enis)).set(id, { ...n, privateIps });
  }
  return out ?? enis;
}

export function instanceOf(r: Rec<RawInstanceEntry>): Instance {
  const i = r.rec.instance;
  const nis = i.NetworkInterfaces ?? [];
  let ipv6: string[] = [];
  let eniIds: string[] = [];
  for (let k = 0; k < nis.length; k++) {
    const x = nis[k]!;
    eniIds.push(x.NetworkInterfaceId);
    const v6 = x.Ipv6Addresses;
    if (v6) for (let m = 0; m < v6.length; m++) ipv6.push(canonicalIp(v6[m]!.Ipv6Address));
  }
  if (ipv6.length > 1) ipv6 = sortedUnique(ipv6);
  if (eniIds.length > 1) eniIds = sortedUnique(eniIds);
  let groupIds: string[] = [];
  const groups = i.SecurityGroups;
  if (groups) {
    for (let k = 0; k < groups.length; k++) {
      const g = groups[k]!.GroupId;
      if (g) groupIds.push(g);
    }
    if (groupIds.length > 1) groupIds = sortedUnique(groupIds);
  }
  return {
    id: i.InstanceId,
    accountId: r.accountId,
    region: r.region,
    ownerId: r.rec.reservationOwnerId ?? opt(nis[0]?.OwnerId),
    state: i.State?.Name ?? 'unknown',
    vpcId: opt(i.VpcId),
    subnetId: opt(i.SubnetId),
    privateIp: opt(i.PrivateIpAddress),
    publicIp: opt(i.PublicIpAddress),
    ipv6Addresses: ipv6,
    iamInstanceProfileArn: opt(i.IamInstanceProfile?.Arn),
    networkInterfaceIds: eniIds,
    securityGroupIds: groupIds,
    imageId: opt(i.ImageId),
    instanceType: opt(i.InstanceType),
    launchTime: opt(i.LaunchTime),
    tags: tagsOf(i.Tags),
  };
}
