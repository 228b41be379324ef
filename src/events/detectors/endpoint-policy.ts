// CreateVpcEndpoint / ModifyVpcEndpoint with a policy that lints with lame-duck conditions
// (DOMAIN.md §4, seed 004): e.g. aws:SourceIp in an endpoint policy is never present, aws:SourceVpc
// is always the endpoint's own VPC. The findings are the scan's `policy-lame-duck-condition`
// findings for that endpoint policy (same drafts, so the same fingerprint per policy, code and
// path). No automatic remediation: the owner is told.
import { policyLameDuckCondition } from '../../checks/iam/policy-lame-duck-condition.js';
import {
  endpointPolicyEntry,
  isHubEndpoint,
  lameDuckDrafts,
  lameDuckRuleId,
} from '../../checks/shared/lame-duck-drafts.js';
import type { NormalizedEvent } from '../event-types.js';
import { detection, type Detection, type DetectorContext, type Detector } from './detector.js';

export const endpointPolicy: Detector = {
  id: 'endpoint-policy',
  ruleId: lameDuckRuleId,
  title: policyLameDuckCondition.title,
  remediation:
    'Rewrite the endpoint policy without conditions that can never match (or always match) in an endpoint policy: use aws:PrincipalOrgID, aws:PrincipalTag or aws:EC2InstanceSourceVPC instead of aws:SourceIp/aws:SourceVpc.',
  eventNames: ['CreateVpcEndpoint', 'ModifyVpcEndpoint'],
  detect(ev: NormalizedEvent, ctx: DetectorContext): readonly Detection[] {
    const d = ev.details;
    if (d?.kind !== 'endpoint-policy' || d.policyDocument === undefined) return [];
    const id = d.endpointId ?? `unknown-vpce-from-${ev.eventId}`;
    // ModifyVpcEndpoint names only the endpoint: its VPC, service and owner come from the snapshot.
    const known = d.endpointId !== undefined ? ctx.estate.vpcEndpoints.get(d.endpointId) : undefined;
    const vpcId = d.vpcId ?? known?.vpcId;
    const serviceName = d.serviceName ?? known?.serviceName;
    const policy = endpointPolicyEntry(
      {
        id,
        accountId: known?.accountId ?? ev.accountId,
        region: known?.region ?? ev.region,
        ...(known?.ownerId !== undefined ? { ownerId: known.ownerId } : {}),
        ...(vpcId !== undefined ? { vpcId } : {}),
      },
      d.policyDocument,
    );
    const target = {
      kind: 'notify' as const,
      accountId: policy.owner.accountId,
      region: policy.owner.region,
      resourceId: id,
    };
    const service = serviceName ? ` (${serviceName})` : '';
    let parses = true;
    try {
      JSON.parse(d.policyDocument);
    } catch {
      parses = false;
    }
    if (!parses) {
      return [
        detection(endpointPolicy, ev, {
          severity: 'medium',
          resource: policy.owner,
          message: `${id}${service}: the endpoint policy in ${ev.eventName} is not JSON; whether it has lame-duck conditions is unknown`,
          evidence: { policyDocument: d.policyDocument.slice(0, 200) },
          discriminator: `${id}|not-json`,
          target,
        }),
      ];
    }
    const hub =
      vpcId !== undefined &&
      serviceName !== undefined &&
      isHubEndpoint(ctx.estate, { vpcId, serviceName, region: policy.owner.region });
    return lameDuckDrafts(policy, {
      ...(policy.endpointVpcId !== undefined ? { endpointVpcId: policy.endpointVpcId } : {}),
      ...(hub ? { hubEndpoint: true } : {}),
    }).map((f) =>
      detection(endpointPolicy, ev, {
        severity: f.severity ?? policyLameDuckCondition.severity,
        resource: f.resource,
        message: `${ev.principal} set the endpoint policy of ${id}${service} in ${ev.eventName}: ${f.message}`,
        evidence: { ...f.evidence, ...(serviceName ? { serviceName } : {}) },
        ...(f.discriminator !== undefined ? { discriminator: f.discriminator } : {}),
        target,
      }),
    );
  },
};
