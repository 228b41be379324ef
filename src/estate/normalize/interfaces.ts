// Network interfaces, instances and Elastic IPs.
import type { ElasticIp, Instance, NetworkInterface, PrivateIpAddress } from '../model.js';
import type { RawBuckets } from '../raw.js';
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

export function buildNetworkInterfaces(
  b: RawBuckets,
  eips: ReadonlyMap<string, ElasticIp>,
): ReadonlyMap<string, NetworkInterface> {
  // EIP allocation ids by (ENI, private IP), from DescribeAddresses.
  const eipByEniIp = new Map<string, ElasticIp>();
  for (const e of eips.values()) {
    if (e.networkInterfaceId && e.privateIp) eipByEniIp.set(`${e.networkInterfaceId}|${e.privateIp}`, e);
  }
  const out: [string, NetworkInterface][] = [];
  for (const r of uniqueById(
    b.networkInterfaces,
    (n) => n.NetworkInterfaceId,
    (n) => n.OwnerId,
  )) {
    const n = r.rec;
    const privateIps: PrivateIpAddress[] = [];
    const list = n.PrivateIpAddresses?.length
      ? n.PrivateIpAddresses
      : n.PrivateIpAddress
        ? [{ PrivateIpAddress: n.PrivateIpAddress, Primary: true, Association: n.Association }]
        : [];
    for (const p of list) {
      const assoc = p.Association ?? (p.Primary ? n.Association : undefined);
      const eip = eipByEniIp.get(`${n.NetworkInterfaceId}|${p.PrivateIpAddress}`);
      const publicIp = opt(assoc?.PublicIp) ?? eip?.publicIp;
      privateIps.push({
        privateIp: p.PrivateIpAddress,
        primary: p.Primary ?? p.PrivateIpAddress === n.PrivateIpAddress,
        publicIp,
        allocationId:
          opt(assoc?.AllocationId) ?? (eip && eip.publicIp === publicIp ? eip.allocationId : undefined),
        publicIpOwnerId: opt(assoc?.IpOwnerId),
      });
    }
    const att = n.Attachment;
    out.push([
      n.NetworkInterfaceId,
      {
        id: n.NetworkInterfaceId,
        accountId: r.accountId,
        region: r.region,
        vpcId: n.VpcId,
        subnetId: n.SubnetId,
        ownerId: n.OwnerId,
        availabilityZone: opt(n.AvailabilityZone),
        description: opt(n.Description),
        interfaceType: n.InterfaceType ?? 'interface',
        status: opt(n.Status),
        requesterManaged: n.RequesterManaged ?? false,
        requesterId: opt(n.RequesterId),
        macAddress: opt(n.MacAddress),
        privateIps,
        ipv6Addresses: (n.Ipv6Addresses ?? []).map((a) => a.Ipv6Address.toLowerCase()),
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
      },
    ]);
  }
  return sortedMap(out);
}

export function buildInstances(b: RawBuckets): ReadonlyMap<string, Instance> {
  return sortedMap(
    uniqueById(
      b.instances,
      (e) => e.instance.InstanceId,
      (e) => e.reservationOwnerId,
    ).map((r) => {
      const i = r.rec.instance;
      const nis = i.NetworkInterfaces ?? [];
      return [
        i.InstanceId,
        {
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
            nis.flatMap((x) => (x.Ipv6Addresses ?? []).map((a) => a.Ipv6Address.toLowerCase())),
          ),
          iamInstanceProfileArn: opt(i.IamInstanceProfile?.Arn),
          networkInterfaceIds: sortedUnique(nis.map((x) => x.NetworkInterfaceId)),
          securityGroupIds: sortedUnique(
            (i.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
          ),
          imageId: opt(i.ImageId),
          instanceType: opt(i.InstanceType),
          launchTime: opt(i.LaunchTime),
          tags: tagsOf(i.Tags),
        },
      ];
    }),
  );
}
