// Security groups that open admin or database ports to the whole internet. "Whole internet" is a
// real CIDR union over every rule of the group that covers the port (0.0.0.0/1 + 128.0.0.0/1
// counts), including customer-managed prefix lists with known entries. Reported even when nothing
// can reach the group today (latent exposure: the next route or public IP makes it live).
import { defaultCriticalPorts } from '../../config/intent.js';
import type { Estate, SecurityGroup, SgRule } from '../../estate/model.js';
import { AddressSet, parseProtocol, TCP, UDP, type IpVersion } from '../../net/index.js';
import { computeExposure } from '../../reach/exposure.js';
import { exposuresByHop } from '../shared/exposure-index.js';
import { defineCheck } from '../define-check.js';
import type { FindingDraft } from '../types.js';

interface OpenPort {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly versions: readonly IpVersion[];
  readonly rules: readonly SgRule[];
  /** Prefix lists whose entries are unknown: they may also contribute. */
  readonly unknownPrefixLists: readonly string[];
}

function ruleCovers(rule: SgRule, proto: number, port: number): boolean {
  let p;
  try {
    p = parseProtocol(rule.protocol);
  } catch {
    return false;
  }
  if (p !== 'all' && p !== proto) return false;
  if (p === 'all' || !rule.ports) return true;
  return rule.ports.from <= port && port <= rule.ports.to;
}

function ruleAddresses(rule: SgRule, estate: Estate): AddressSet | 'unknown' | undefined {
  const s = rule.source;
  if (s.kind === 'cidr') return AddressSet.fromCidrs([s.cidr]);
  if (s.kind === 'prefix-list') {
    const pl = estate.prefixLists.get(s.prefixListId);
    if (!pl || !pl.entriesKnown) return 'unknown';
    return AddressSet.fromCidrs(pl.cidrs);
  }
  return undefined; // SG references are never internet sources
}

export function worldOpenPorts(sg: SecurityGroup, estate: Estate, ports: readonly number[]): OpenPort[] {
  const out: OpenPort[] = [];
  // Cheap pre-filter: unless all of the group's address sources together cover a whole address
  // family, no single port can (and most groups stop here).
  let all = AddressSet.empty();
  let unknownSources = false;
  for (const rule of sg.ingress) {
    const a = ruleAddresses(rule, estate);
    if (a === 'unknown') unknownSources = true;
    else if (a !== undefined) all = all.union(a);
  }
  if (!all.isWholeInternet(4) && !all.isWholeInternet(6) && !unknownSources) return out;
  for (const [name, proto] of [
    ['tcp', TCP],
    ['udp', UDP],
  ] as const) {
    for (const port of ports) {
      let union = AddressSet.empty();
      const rules: SgRule[] = [];
      const unknown: string[] = [];
      for (const rule of sg.ingress) {
        if (!ruleCovers(rule, proto, port)) continue;
        const addrs = ruleAddresses(rule, estate);
        if (addrs === undefined) continue;
        if (addrs === 'unknown') {
          if (rule.source.kind === 'prefix-list') unknown.push(rule.source.prefixListId);
          continue;
        }
        union = union.union(addrs);
        rules.push(rule);
      }
      const versions = ([4, 6] as const).filter((v) => union.isWholeInternet(v));
      if (versions.length > 0)
        out.push({ protocol: name, port, versions, rules, unknownPrefixLists: unknown });
    }
  }
  return out;
}

function describeRule(r: SgRule): string {
  const src =
    r.source.kind === 'cidr'
      ? r.source.cidr
      : r.source.kind === 'prefix-list'
        ? r.source.prefixListId
        : r.source.groupId;
  const ports = r.ports
    ? r.ports.from === r.ports.to
      ? `${r.ports.from}`
      : `${r.ports.from}-${r.ports.to}`
    : 'all';
  return `ingress #${r.permissionIndex} ${r.protocol === '-1' ? 'all' : r.protocol} ${ports} from ${src}`;
}

export const sgWorldOpenAdminPort = defineCheck({
  id: 'sg-world-open-admin-port',
  title: 'Security group opens an admin or database port to the whole internet',
  severity: 'medium',
  area: 'network',
  rationale:
    'An ingress rule set that admits the entire IPv4 or IPv6 internet on SSH, RDP or a database port turns any route or public IP added later into an immediate exposure. Splitting 0.0.0.0/0 into smaller CIDRs (0.0.0.0/1 + 128.0.0.0/1) does not change that.',
  remediation:
    'Restrict the rule to known administrative CIDRs or a prefix list, or remove it and use AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint for administrative access.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
  run({ estate, intent, memo }) {
    const ports = intent.ports.critical ?? defaultCriticalPorts;
    const out: FindingDraft[] = [];
    const exposures = memo('reach:exposure', () => computeExposure(estate));
    // Exposures by the ids on their path, built once (a per-group scan would be quadratic).
    const bySg = memo('reach:exposure-by-hop', () => exposuresByHop(exposures));
    // What the exposure analysis proves reachable through each group, by protocol/port.
    const liveThrough = (sgId: string, protocol: string, port: number): string[] =>
      (bySg.get(sgId) ?? [])
        .filter((e) => e.protocol === protocol && e.ports.some((r) => r.from <= port && port <= r.to))
        .map((e) => e.resourceId);
    for (const sg of estate.securityGroups.values()) {
      for (const open of worldOpenPorts(sg, estate, ports)) {
        const attached = estate.index.enisBySecurityGroup.get(sg.id)?.length ?? 0;
        const live = [...new Set(liveThrough(sg.id, open.protocol, open.port))].sort();
        out.push({
          // Latent (medium) unless the internet can reach something through it today.
          severity: live.length > 0 ? 'critical' : 'medium',
          resource: {
            id: sg.id,
            type: 'security-group',
            accountId: sg.accountId,
            region: sg.region,
            ...(sg.vpcId ? { vpcId: sg.vpcId } : {}),
            arn: `arn:aws:ec2:${sg.region}:${sg.ownerId}:security-group/${sg.id}`,
          },
          message: `${sg.id} (${sg.name}) admits the whole ${open.versions.map((v) => `IPv${v}`).join(' and ')} internet on ${open.protocol}/${open.port} (${attached} network interface${attached === 1 ? '' : 's'} attached)${live.length > 0 ? `; reachable from the internet now: ${live.join(', ')}` : '; nothing reachable through it today (latent)'}`,
          evidence: {
            securityGroupId: sg.id,
            protocol: open.protocol,
            port: open.port,
            ipVersions: open.versions,
            rules: open.rules.map(describeRule),
            attachedNetworkInterfaces: attached,
            reachableNow: live,
            ...(open.unknownPrefixLists.length > 0
              ? { prefixListsWithUnknownEntries: open.unknownPrefixLists }
              : {}),
          },
          discriminator: `${open.protocol}/${open.port}`,
        });
      }
    }
    return out;
  },
});
