// AuthorizeSecurityGroupIngress that opens an admin or database port (intent.ports.critical, else
// defaultCriticalPorts) to the whole internet. "Whole internet" is the CIDR union of the rules the
// call added that cover the port (0.0.0.0/1 + 128.0.0.0/1 counts), IPv4 and IPv6 separately.
import { defaultCriticalPorts } from '../../config/intent.js';
import { AddressSet, parseProtocol, TCP, UDP, type IpVersion } from '../../net/index.js';
import type { NormalizedEvent, SgIngressRule } from '../event-types.js';
import { detection, type Detection, type DetectorContext, type Detector } from './detector.js';

function covers(rule: SgIngressRule, proto: number, port: number): boolean {
  let p;
  try {
    p = parseProtocol(rule.protocol);
  } catch {
    return false;
  }
  if (p === 'all') return true;
  if (p !== proto) return false;
  // FromPort/ToPort -1 (or absent) with tcp/udp means all ports.
  if (rule.fromPort === undefined || rule.toPort === undefined || rule.fromPort === -1) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}

function cidrOf(rule: SgIngressRule): string | undefined {
  return rule.cidrV4 ?? rule.cidrV6;
}

export interface WorldOpenPort {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly versions: readonly IpVersion[];
  readonly rules: readonly SgIngressRule[];
}

/** The critical ports the given rules open to the whole internet, with the rules that do it. */
export function worldOpenPortsOf(rules: readonly SgIngressRule[], ports: readonly number[]): WorldOpenPort[] {
  const withCidr = rules.filter((r) => cidrOf(r) !== undefined);
  if (withCidr.length === 0) return [];
  let all = AddressSet.empty();
  for (const r of withCidr) all = all.union(AddressSet.fromCidrs([cidrOf(r)!]));
  if (!all.isWholeInternet(4) && !all.isWholeInternet(6)) return [];
  const out: WorldOpenPort[] = [];
  for (const [name, proto] of [
    ['tcp', TCP],
    ['udp', UDP],
  ] as const) {
    for (const port of [...ports].sort((a, b) => a - b)) {
      const contributing = withCidr.filter((r) => covers(r, proto, port));
      if (contributing.length === 0) continue;
      let v4 = AddressSet.empty();
      let v6 = AddressSet.empty();
      for (const r of contributing) {
        if (r.cidrV4) v4 = v4.union(AddressSet.fromCidrs([r.cidrV4]));
        if (r.cidrV6) v6 = v6.union(AddressSet.fromCidrs([r.cidrV6]));
      }
      const versions: IpVersion[] = [];
      const used: SgIngressRule[] = [];
      if (v4.isWholeInternet(4)) {
        versions.push(4);
        used.push(...contributing.filter((r) => r.cidrV4));
      }
      if (v6.isWholeInternet(6)) {
        versions.push(6);
        used.push(...contributing.filter((r) => r.cidrV6));
      }
      if (versions.length > 0) out.push({ protocol: name, port, versions, rules: used });
    }
  }
  return out;
}

function existingRules(
  ctx: DetectorContext,
  groupId: string,
  added: readonly SgIngressRule[],
): SgIngressRule[] {
  const sg = ctx.estate.securityGroups.get(groupId);
  if (!sg) return [];
  const addedIds = new Set(added.flatMap((r) => (r.ruleId ? [r.ruleId] : [])));
  const out: SgIngressRule[] = [];
  for (const r of sg.ingress) {
    if (r.source.kind !== 'cidr' || (r.ruleId && addedIds.has(r.ruleId))) continue;
    out.push({
      ...(r.ruleId ? { ruleId: r.ruleId } : {}),
      protocol: r.protocol,
      fromPort: r.ports?.from ?? -1,
      toPort: r.ports?.to ?? -1,
      ...(r.source.version === 6 ? { cidrV6: r.source.cidr } : { cidrV4: r.source.cidr }),
    });
  }
  return out;
}

function ruleText(r: SgIngressRule): string {
  const ports =
    r.fromPort === undefined || r.fromPort === -1
      ? 'all'
      : r.fromPort === r.toPort
        ? `${r.fromPort}`
        : `${r.fromPort}-${r.toPort}`;
  return `${r.ruleId ?? '(no rule id)'} ${r.protocol === '-1' ? 'all' : r.protocol} ${ports} from ${cidrOf(r) ?? '?'}`;
}

export const securityGroupIngress: Detector = {
  id: 'security-group-ingress',
  ruleId: 'sg-world-open-admin-port',
  title: 'Security group rule opens an admin or database port to the whole internet',
  remediation:
    'Revoke exactly the offending rules (RevokeSecurityGroupIngress with SecurityGroupRuleIds); use SSM Session Manager or EC2 Instance Connect Endpoint for administration.',
  eventNames: ['AuthorizeSecurityGroupIngress'],
  detect(ev: NormalizedEvent, ctx: DetectorContext): readonly Detection[] {
    const d = ev.details;
    if (d?.kind !== 'sg-ingress' || d.groupId === undefined) return [];
    const ports = ctx.intent.ports.critical ?? defaultCriticalPorts;
    // The group's other ingress rules, when the snapshot has the group: 0.0.0.0/1 added now plus
    // 128.0.0.0/1 already there is the whole internet too. Only the event's rules are revoked.
    const existing = existingRules(ctx, d.groupId, d.rules);
    // Only what this call newly opened: a port the group already opened to the world is the
    // sg-world-open-admin-port check's (and the reconciler's) business, not this event's.
    const before = new Set(
      worldOpenPortsOf(existing, ports).flatMap((o) => o.versions.map((v) => `${o.protocol}/${o.port}/${v}`)),
    );
    const open = worldOpenPortsOf([...d.rules, ...existing], ports)
      .map((o) => ({ ...o, versions: o.versions.filter((v) => !before.has(`${o.protocol}/${o.port}/${v}`)) }))
      .filter((o) => o.versions.length > 0 && o.rules.some((r) => d.rules.includes(r)));
    if (open.length === 0) return [];
    const offending = new Map<string, SgIngressRule>();
    for (const o of open) for (const r of o.rules) if (d.rules.includes(r)) offending.set(ruleText(r), r);
    const rules = [...offending.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, r]) => r);
    const portsText = open.map((o) => `${o.protocol}/${o.port} (IPv${o.versions.join('+IPv')})`);
    const groupId = d.groupId;
    return [
      detection(securityGroupIngress, ev, {
        severity: 'high',
        resource: {
          id: groupId,
          type: 'security-group',
          accountId: ev.accountId,
          region: ev.region,
          arn: `arn:aws:ec2:${ev.region}:${ev.accountId}:security-group/${groupId}`,
        },
        message: `${ev.principal} opened ${portsText.join(', ')} on ${groupId} to the whole internet`,
        evidence: {
          securityGroupId: groupId,
          openPorts: open.map((o) => ({ protocol: o.protocol, port: o.port, ipVersions: o.versions })),
          rules: rules.map(ruleText),
          ruleIds: rules.flatMap((r) => (r.ruleId ? [r.ruleId] : [])),
          ...(existing.length > 0
            ? {
                existingRulesInUnion: [
                  ...new Set(open.flatMap((o) => o.rules.filter((r) => !d.rules.includes(r)).map(ruleText))),
                ].sort(),
              }
            : {}),
        },
        discriminator: rules.map(ruleText).join(','),
        target: { kind: 'security-group-rules', accountId: ev.accountId, region: ev.region, groupId, rules },
      }),
    ];
  },
};
