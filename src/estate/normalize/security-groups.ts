// Security groups: IpPermissions flattened into one SgRule per source.
import type { ProblemSink } from '../errors.js';
import type { PortRange, SecurityGroup, SgRule, SgSource } from '../model.js';
import type { RawIpPermission, RawSg, RawSgRule, Rec } from '../raw.js';
import { cidrAt, fastCidrV4, opt, tagsOf } from './common.js';

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
  if (!perms) return rules;
  // Plain loops, and JSON paths built only when a problem is reported (hot path at scale).
  for (let permissionIndex = 0; permissionIndex < perms.length; permissionIndex++) {
    const p = perms[permissionIndex]!;
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
    const add = (source: SgSource, description: string | null | undefined) =>
      rules.push(rule(direction, protocol, ports, icmp, source, description, permissionIndex));
    const v4 = p.IpRanges;
    if (v4) {
      for (let i = 0; i < v4.length; i++) {
        const x = v4[i]!;
        const cidr =
          fastCidrV4(x.CidrIp) ??
          cidrAt(sink, r, `${r.path}.${key}[${permissionIndex}].IpRanges[${i}].CidrIp`, x.CidrIp, 4)?.cidr;
        if (cidr !== undefined) add({ kind: 'cidr', cidr, version: 4 }, x.Description);
      }
    }
    const v6 = p.Ipv6Ranges;
    if (v6) {
      for (let i = 0; i < v6.length; i++) {
        const x = v6[i]!;
        const c = cidrAt(
          sink,
          r,
          `${r.path}.${key}[${permissionIndex}].Ipv6Ranges[${i}].CidrIpv6`,
          x.CidrIpv6,
          6,
        );
        if (c) add({ kind: 'cidr', cidr: c.cidr, version: 6 }, x.Description);
      }
    }
    const pls = p.PrefixListIds;
    if (pls) {
      for (let i = 0; i < pls.length; i++) {
        const x = pls[i]!;
        add({ kind: 'prefix-list', prefixListId: x.PrefixListId }, x.Description);
      }
    }
    const pairs = p.UserIdGroupPairs;
    if (pairs) {
      for (let i = 0; i < pairs.length; i++) {
        const x = pairs[i]!;
        if (!x.GroupId) {
          sink.warn(
            r.file,
            `${r.path}.${key}[${permissionIndex}].UserIdGroupPairs[${i}]`,
            'security-group reference without a GroupId: rule ignored (unknown source)',
          );
          continue;
        }
        add(
          {
            kind: 'sg',
            groupId: x.GroupId,
            userId: opt(x.UserId),
            vpcId: opt(x.VpcId),
            peeringStatus: opt(x.PeeringStatus),
          },
          x.Description,
        );
      }
    }
  }
  return rules;
}

function rule(
  direction: 'ingress' | 'egress',
  protocol: string,
  ports: PortRange | undefined,
  icmp: { type: number; code: number } | undefined,
  source: SgSource,
  description: string | null | undefined,
  permissionIndex: number,
): SgRule {
  return { direction, protocol, ports, icmp, source, description: opt(description), permissionIndex };
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

function ruleKey(
  direction: string,
  protocol: string,
  ports: PortRange | undefined,
  icmp: { type: number; code: number } | undefined,
  source: string,
): string {
  const p = ports ? `${ports.from}-${ports.to}` : icmp ? `icmp:${icmp.type}/${icmp.code}` : '*';
  return `${direction}|${protocol}|${p}|${source}`;
}

function sourceKey(s: SgSource): string {
  return s.kind === 'cidr' ? s.cidr : s.kind === 'prefix-list' ? `pl:${s.prefixListId}` : `sg:${s.groupId}`;
}

/**
 * Give flattened rules the sgr- id DescribeSecurityGroupRules reports for them
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html). One
 * SecurityGroupRule is one (protocol, ports, source) of an IpPermission. Only groups with ids
 * to add are copied.
 */
export function withRuleIds(
  groups: ReadonlyMap<string, SecurityGroup>,
  rules: readonly Rec<RawSgRule>[],
  sink: ProblemSink,
): ReadonlyMap<string, SecurityGroup> {
  if (rules.length === 0) return groups;
  const byGroup = new Map<string, Map<string, string>>();
  for (const r of rules) {
    const x = r.rec;
    const protocol = sgProtocol(x.IpProtocol);
    let ports: PortRange | undefined;
    let icmp: { type: number; code: number } | undefined;
    if (
      (protocol === 'tcp' || protocol === 'udp') &&
      x.FromPort != null &&
      x.ToPort != null &&
      x.FromPort !== -1
    ) {
      ports = { from: x.FromPort, to: x.ToPort };
    } else if (protocol === 'icmp' || protocol === 'icmpv6')
      icmp = { type: x.FromPort ?? -1, code: x.ToPort ?? -1 };
    let source: string | undefined;
    if (x.CidrIpv4) source = cidrAt(sink, r, `${r.path}.CidrIpv4`, x.CidrIpv4, 4)?.cidr;
    else if (x.CidrIpv6) source = cidrAt(sink, r, `${r.path}.CidrIpv6`, x.CidrIpv6, 6)?.cidr;
    else if (x.PrefixListId) source = `pl:${x.PrefixListId}`;
    else if (x.ReferencedGroupInfo?.GroupId) source = `sg:${x.ReferencedGroupInfo.GroupId}`;
    if (source === undefined) continue;
    let m = byGroup.get(x.GroupId);
    if (!m) {
      m = new Map();
      byGroup.set(x.GroupId, m);
    }
    m.set(ruleKey(x.IsEgress ? 'egress' : 'ingress', protocol, ports, icmp, source), x.SecurityGroupRuleId);
  }
  const out = new Map(groups);
  for (const [id, ids] of byGroup) {
    const g = groups.get(id);
    if (!g) continue;
    const fill = (list: readonly SgRule[]) =>
      list.map((rule) => {
        const ruleId = ids.get(
          ruleKey(rule.direction, rule.protocol, rule.ports, rule.icmp, sourceKey(rule.source)),
        );
        return ruleId === undefined || rule.ruleId === ruleId ? rule : { ...rule, ruleId };
      });
    out.set(id, { ...g, ingress: fill(g.ingress), egress: fill(g.egress) });
  }
  return out;
}
