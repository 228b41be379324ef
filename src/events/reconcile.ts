// The scheduled backstop (seed 000): the same problems the detectors look for, found from state
// (a snapshot, or live describe calls through AwsPort), each turned into the same remediation
// target the event path would produce, with how long the problem has existed when the data says.
import { crossOrgPeering } from '../checks/network/cross-org-peering.js';
import { igwInNoInternetZone } from '../checks/network/igw-in-no-internet-zone.js';
import { sgWorldOpenAdminPort, worldOpenPorts } from '../checks/network/sg-world-open-admin-port.js';
import { fingerprintOf } from '../checks/fingerprint.js';
import { runChecks } from '../checks/run-checks.js';
import type { Finding } from '../checks/types.js';
import { defaultCriticalPorts, type Intent } from '../config/intent.js';
import type { Estate, SgRule } from '../estate/model.js';
import { lintPolicy } from '../iam/lint.js';
import type { SgIngressRule } from './event-types.js';
import type { Detection } from './detectors/detector.js';
import type { RemediationTarget } from './remediation-target.js';

export interface ReconcileProblem {
  readonly detection: Detection;
  /** When the problem started, when the data says (ISO). */
  readonly since?: string;
  readonly ageSeconds?: number;
  /** How `since` was derived. */
  readonly ageBasis?: string;
}

/** Pending peering requests expire 7 days after creation, so creation = ExpirationTime − 7 days.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-lifecycle */
const PENDING_LIFETIME_MS = 7 * 24 * 3600 * 1000;

function sgRuleToIngress(r: SgRule): SgIngressRule | undefined {
  if (r.source.kind !== 'cidr') return undefined; // prefix lists/SG refs cannot be matched by CIDR
  return {
    ...(r.ruleId ? { ruleId: r.ruleId } : {}),
    protocol: r.protocol,
    fromPort: r.ports?.from ?? -1,
    toPort: r.ports?.to ?? -1,
    ...(r.source.version === 6 ? { cidrV6: r.source.cidr } : { cidrV4: r.source.cidr }),
  };
}

function age(since: string | undefined, now: Date, basis: string): Partial<ReconcileProblem> {
  if (since === undefined) return {};
  const t = Date.parse(since);
  if (Number.isNaN(t)) return {};
  return {
    since: new Date(t).toISOString(),
    ageSeconds: Math.max(0, Math.round((now.getTime() - t) / 1000)),
    ageBasis: basis,
  };
}

export function reconcile(estate: Estate, intent: Intent, now: Date): ReconcileProblem[] {
  const runId = `reconcile-${now.toISOString()}`;
  const scan = runChecks(estate, intent, [crossOrgPeering, igwInNoInternetZone, sgWorldOpenAdminPort], {
    today: now.toISOString().slice(0, 10),
  });
  const out: ReconcileProblem[] = [];
  const push = (finding: Finding, target: RemediationTarget, extra: Partial<ReconcileProblem> = {}) =>
    out.push({
      detection: {
        detectorId: 'reconcile',
        finding,
        eventId: runId,
        eventName: 'Reconcile',
        eventTime: now.toISOString(),
        target,
      },
      ...extra,
    });
  const ports = intent.ports.critical ?? defaultCriticalPorts;
  for (const f of scan.findings) {
    const r = f.resource;
    if (f.ruleId === 'cross-org-peering') {
      const pcx = estate.peeringConnections.get(r.id);
      const ev = f.evidence as { ourSide?: string; status?: string };
      const acct = ev.ourSide === 'accepter' ? pcx?.accepter.accountId : pcx?.requester.accountId;
      const region = (ev.ourSide === 'accepter' ? pcx?.accepter.region : pcx?.requester.region) ?? r.region;
      const pending = ev.status === 'pending-acceptance' || ev.status === 'initiating-request';
      const since =
        pending && pcx?.expirationTime && !Number.isNaN(Date.parse(pcx.expirationTime))
          ? new Date(Date.parse(pcx.expirationTime) - PENDING_LIFETIME_MS).toISOString()
          : undefined;
      push(
        f,
        { kind: 'peering', accountId: acct ?? r.accountId, region, pcxId: r.id },
        age(since, now, 'ExpirationTime − 7 days'),
      );
    } else if (f.ruleId === 'igw-in-no-internet-zone') {
      push(f, {
        kind: 'internet-gateway',
        accountId: r.accountId,
        region: r.region,
        igwId: r.id,
        ...(r.vpcId ? { vpcId: r.vpcId } : {}),
      });
    } else if (f.ruleId === 'sg-world-open-admin-port') {
      const sg = estate.securityGroups.get(r.id);
      const ev = f.evidence as { protocol?: string; port?: number };
      const open = sg
        ? worldOpenPorts(sg, estate, ports).find((o) => o.protocol === ev.protocol && o.port === ev.port)
        : undefined;
      const rules = (open?.rules ?? []).flatMap((x) => {
        const i = sgRuleToIngress(x);
        return i ? [i] : [];
      });
      push(f, {
        kind: 'security-group-rules',
        accountId: r.accountId,
        region: r.region,
        groupId: r.id,
        rules,
      });
    }
  }
  for (const ep of [...estate.vpcEndpoints.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    if (ep.policyDocument === undefined) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(ep.policyDocument);
    } catch {
      continue;
    }
    const lint = lintPolicy(doc, 'vpce', { endpointVpcId: ep.vpcId }).filter((l) => /^L\d+$/.test(l.code));
    if (lint.length === 0) continue;
    const order = ['critical', 'high', 'medium', 'low', 'info'] as const;
    const severity = order.find((s) => lint.some((l) => l.severity === s)) ?? 'info';
    const finding: Finding = {
      ruleId: 'endpoint-policy-lame-duck',
      severity,
      title: 'VPC endpoint policy with lame-duck conditions',
      resource: {
        id: ep.id,
        type: 'vpc-endpoint',
        accountId: ep.accountId,
        region: ep.region,
        vpcId: ep.vpcId,
      },
      message: `${ep.id} (${ep.serviceName}) has an endpoint policy with lame-duck conditions: ${[...new Set(lint.map((l) => l.code))].join(', ')}`,
      evidence: {
        serviceName: ep.serviceName,
        lint: lint.map((l) => ({ code: l.code, severity: l.severity, path: l.path, message: l.message })),
      },
      remediation: 'Rewrite the endpoint policy without conditions that cannot match in an endpoint policy.',
      fingerprint: fingerprintOf('endpoint-policy-lame-duck', ep.id),
    };
    push(
      finding,
      { kind: 'notify', accountId: ep.accountId, region: ep.region, resourceId: ep.id },
      age(ep.creationTimestamp, now, 'endpoint CreationTimestamp (policy may be newer)'),
    );
  }
  const rank = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;
  return out.sort(
    (a, b) =>
      rank[a.detection.finding.severity] - rank[b.detection.finding.severity] ||
      a.detection.finding.ruleId.localeCompare(b.detection.finding.ruleId) ||
      a.detection.finding.resource.id.localeCompare(b.detection.finding.resource.id) ||
      a.detection.finding.fingerprint.localeCompare(b.detection.finding.fingerprint),
  );
}
