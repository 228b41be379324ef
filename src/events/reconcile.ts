// The scheduled backstop (seed 000): the same problems the detectors look for, found from state
// (a snapshot, or live describe calls through AwsPort), each turned into the same remediation
// target the event path would produce, with how long the problem has existed when the data says.
import { policyLameDuckCondition } from '../checks/iam/policy-lame-duck-condition.js';
import { crossOrgPeering } from '../checks/network/cross-org-peering.js';
import { igwInNoInternetZone } from '../checks/network/igw-in-no-internet-zone.js';
import { sgWorldOpenAdminPort, worldOpenPorts } from '../checks/network/sg-world-open-admin-port.js';
import { runChecks } from '../checks/run-checks.js';
import type { Finding } from '../checks/types.js';
import { defaultCriticalPorts, type Intent } from '../config/intent.js';
import type { Estate, SgRule } from '../estate/model.js';
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

/**
 * `runId` becomes each detection's eventId, hence part of its idempotency key: the scheduled
 * invocation passes one derived from the schedule event, so a re-delivered or concurrently
 * handled schedule event does not act or escalate twice (default: the run's own time).
 */
export function reconcile(
  estate: Estate,
  intent: Intent,
  now: Date,
  runId = `reconcile-${now.toISOString()}`,
): ReconcileProblem[] {
  const scan = runChecks(
    estate,
    intent,
    [crossOrgPeering, igwInNoInternetZone, sgWorldOpenAdminPort, policyLameDuckCondition],
    { today: now.toISOString().slice(0, 10) },
  );
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
    } else if (f.ruleId === policyLameDuckCondition.id && f.evidence.policyType === 'vpce') {
      // The scan's own finding (same fingerprint as scan and the endpoint-policy detector); only
      // endpoint policies have an event path, the other policies stay with `perimeter scan`.
      const ep = estate.vpcEndpoints.get(r.id);
      push(
        f,
        { kind: 'notify', accountId: r.accountId, region: r.region, resourceId: r.id },
        age(ep?.creationTimestamp, now, 'endpoint CreationTimestamp (policy may be newer)'),
      );
    }
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
