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
    ipv6Addresses: (n.Ipv6Addresses ?? []).map((a) => canonicalIp(a.Ipv6Address)),
    securityGroupIds: sortedUnique((n.Groups ?? []).map((g) => g.GroupId)),
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
    ipv6Addresses: sortedUnique(
      nis.flatMap((x) => (x.Ipv6Addresses ?? []).map((a) => canonicalIp(a.Ipv6Address))),
    ),
    iamInstanceProfileArn: opt(i.IamInstanceProfile?.Arn),
    networkInterfaceIds: sortedUnique(nis.map((x) => x.NetworkInterfaceId)),
    securityGroupIds: sortedUnique((i.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : []))),
    imageId: opt(i.ImageId),
    instanceType: opt(i.InstanceType),
    launchTime: opt(i.LaunchTime),
    tags: tagsOf(i.Tags),
  };
}
