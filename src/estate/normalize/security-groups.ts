// Security groups: IpPermissions flattened into one SgRule per source.
import type { ProblemSink } from '../errors.js';
import type { PortRange, SecurityGroup, SgRule, SgSource } from '../model.js';
import type { RawIpPermission, RawSg, Rec } from '../raw.js';
import { cidrAt, opt, tagsOf } from './common.js';

const NUMBER_NAMES: Readonly<Record<string, string>> = {
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
};

/** "TCP" → "tcp", "6" → "tcp", "-1" stays. */
export function sgProtocol(p: string): string {
  const lower = p.toLowerCase();
  return NUMBER_NAMES[lower] ?? lower;
}

function flatten(
  sink: ProblemSink,
  r: Rec<unknown>,
  perms: readonly RawIpPermission[] | null | undefined,
  direction: 'ingress' | 'egress',
  key: string,
): SgRule[] {
  const rules: SgRule[] = [];
  perms?.forEach((p, permissionIndex) => {
    const path = `${r.path}.${key}[${permissionIndex}]`;
    const protocol = sgProtocol(p.IpProtocol);
    let ports: PortRange | undefined;
    let icmp: { type: number; code: number } | undefined;
    if (protocol === 'tcp' || protocol === 'udp') {
      // FromPort/ToPort -1 or absent for TCP/UDP means all ports.
      if (p.FromPort != null && p.ToPort != null && p.FromPort !== -1)
        ports = { from: p.FromPort, to: p.ToPort };
    } else if (protocol === 'icmp' || protocol === 'icmpv6') {
      // For ICMP, FromPort is the type and ToPort the code; -1 = all
      // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html).
      icmp = { type: p.FromPort ?? -1, code: p.ToPort ?? -1 };
    }
    const push = (source: SgSource, description: string | null | undefined) =>
      rules.push({
        direction,
        protocol,
        ports,
        icmp,
        source,
        description: opt(description),
        permissionIndex,
      });
    p.IpRanges?.forEach((x, i) => {
      const c = cidrAt(sink, r, `${path}.IpRanges[${i}].CidrIp`, x.CidrIp, 4);
      if (c) push({ kind: 'cidr', cidr: c.cidr, version: 4 }, x.Description);
    });
    p.Ipv6Ranges?.forEach((x, i) => {
      const c = cidrAt(sink, r, `${path}.Ipv6Ranges[${i}].CidrIpv6`, x.CidrIpv6, 6);
      if (c) push({ kind: 'cidr', cidr: c.cidr, version: 6 }, x.Description);
    });
    p.PrefixListIds?.forEach((x) =>
      push({ kind: 'prefix-list', prefixListId: x.PrefixListId }, x.Description),
    );
    p.UserIdGroupPairs?.forEach((x, i) => {
      if (!x.GroupId) {
        sink.warn(
          r.file,
          `${path}.UserIdGroupPairs[${i}]`,
          'security-group reference without a GroupId: rule ignored (unknown source)',
        );
        return;
      }
      push(
        {
          kind: 'sg',
          groupId: x.GroupId,
          userId: opt(x.UserId),
          vpcId: opt(x.VpcId),
          peeringStatus: opt(x.PeeringStatus),
        },
        x.Description,
      );
    });
  });
  return rules;
}

export function securityGroupOf(r: Rec<RawSg>, sink: ProblemSink): SecurityGroup {
  {
    const g = r.rec;
    return {
      id: g.GroupId,
      accountId: r.accountId,
      region: r.region,
      name: g.GroupName,
      description: opt(g.Description),
      vpcId: opt(g.VpcId),
      ownerId: g.OwnerId,
      ingress: flatten(sink, r, g.IpPermissions, 'ingress', 'IpPermissions'),
      egress: flatten(sink, r, g.IpPermissionsEgress, 'egress', 'IpPermissionsEgress'),
      tags: tagsOf(g.Tags),
    };
  }
}
