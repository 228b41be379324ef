// CreateVpcEndpoint / ModifyVpcEndpoint with a policy that lints with lame-duck conditions
// (DOMAIN.md §4, seed 004): e.g. aws:SourceIp in an endpoint policy is never present, aws:SourceVpc
// is always the endpoint's own VPC. No automatic remediation: the owner is told.
import { lintPolicy, type LintFinding } from '../../iam/lint.js';
import type { Severity } from '../../checks/types.js';
import type { NormalizedEvent } from '../event-types.js';
import { detection, type Detection, type DetectorContext, type Detector } from './detector.js';

const lameDuck = /^L\d+$/;
const rank: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };

export const endpointPolicy: Detector = {
  id: 'endpoint-policy',
  ruleId: 'endpoint-policy-lame-duck',
  title: 'VPC endpoint policy with lame-duck conditions',
  remediation:
    'Rewrite the endpoint policy without conditions that can never match (or always match) in an endpoint policy: use aws:PrincipalOrgID, aws:PrincipalTag or aws:EC2InstanceSourceVPC instead of aws:SourceIp/aws:SourceVpc.',
  eventNames: ['CreateVpcEndpoint', 'ModifyVpcEndpoint'],
  detect(ev: NormalizedEvent, _ctx: DetectorContext): readonly Detection[] {
    const d = ev.details;
    if (d?.kind !== 'endpoint-policy' || d.policyDocument === undefined) return [];
    let doc: unknown;
    try {
      doc = JSON.parse(d.policyDocument);
    } catch {
      doc = undefined;
    }
    const id = d.endpointId ?? `unknown-vpce-from-${ev.eventId}`;
    const resource = {
      id,
      type: 'vpc-endpoint',
      accountId: ev.accountId,
      region: ev.region,
      ...(d.vpcId ? { vpcId: d.vpcId } : {}),
    };
    const target = { kind: 'notify' as const, accountId: ev.accountId, region: ev.region, resourceId: id };
    if (doc === undefined) {
      return [
        detection(endpointPolicy, ev, {
          severity: 'medium',
          resource,
          message: `${id}: the endpoint policy in ${ev.eventName} is not JSON; whether it has lame-duck conditions is unknown`,
          evidence: { policyDocument: d.policyDocument.slice(0, 200) },
          target,
        }),
      ];
    }
    const lint: LintFinding[] = lintPolicy(doc, 'vpce', d.vpcId ? { endpointVpcId: d.vpcId } : {}).filter(
      (f) => lameDuck.test(f.code),
    );
    if (lint.length === 0) return [];
    const severity = lint.map((f) => f.severity as Severity).sort((a, b) => rank[b] - rank[a])[0]!;
    return [
      detection(endpointPolicy, ev, {
        severity,
        resource,
        message: `${ev.principal} set an endpoint policy on ${id}${d.serviceName ? ` (${d.serviceName})` : ''} with lame-duck conditions: ${[...new Set(lint.map((f) => f.code))].join(', ')}`,
        evidence: {
          ...(d.serviceName ? { serviceName: d.serviceName } : {}),
          lint: lint.map((f) => ({ code: f.code, severity: f.severity, path: f.path, message: f.message })),
        },
        discriminator: ev.eventId,
        target,
      }),
    ];
  },
};
