// Lame-duck conditions (DOMAIN.md §4 L1–L12) in every policy of the estate: conditions that never
// match, always match, or test a key that is never present where the policy is evaluated. Endpoint
// policies are linted knowing their VPC and whether a private hosted zone makes them hub endpoints.
import { estatePolicies } from '../../iam/estate-policies.js';
import { lintPolicy } from '../../iam/lint.js';
import { endpointServiceOf, endpointZoneName } from '../../iam/network-paths.js';
import type { Estate, VpcEndpoint } from '../../estate/model.js';
import { defineCheck } from '../define-check.js';
import type { FindingDraft } from '../types.js';

/** An endpoint is a hub endpoint when a private hosted zone for its service is associated with other VPCs. */
function isHubEndpoint(estate: Estate, ep: VpcEndpoint): boolean {
  const svc = endpointServiceOf(ep.serviceName);
  if (!svc) return false;
  const name = endpointZoneName(svc, ep.region);
  return [...estate.hostedZones.values()].some(
    (z) =>
      z.privateZone &&
      z.name.toLowerCase().replace(/\.$/, '') === name &&
      (z.vpcs ?? []).some((v) => v.vpcId !== ep.vpcId),
  );
}

export const policyLameDuckCondition = defineCheck({
  id: 'policy-lame-duck-condition',
  title: 'Policy condition that can never take effect as written',
  severity: 'medium',
  area: 'iam',
  rationale:
    'AWS accepts conditions that can never match where the policy is evaluated (aws:SourceVpc in an endpoint policy, private CIDRs in aws:SourceIp, ForAllValues on single-valued keys …) without an error: the policy looks like a guardrail but is a lame duck, or it denies legitimate callers (NotIpAddress without IfExists also blocks endpoints and AWS services).',
  remediation:
    'Rewrite the condition as each finding says (use aws:VpcSourceIp with aws:SourceVpc, add IfExists / aws:ViaAWSService exceptions, pin aws:RequestedRegion) and verify with `perimeter simulate`.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
  ],
  run({ estate }) {
    const out: FindingDraft[] = [];
    for (const p of estatePolicies(estate)) {
      const ep = p.type === 'vpce' ? estate.vpcEndpoints.get(p.id) : undefined;
      const findings = lintPolicy(p.document, p.type, {
        ...(p.endpointVpcId !== undefined ? { endpointVpcId: p.endpointVpcId } : {}),
        ...(ep && isHubEndpoint(estate, ep) ? { hubEndpoint: true } : {}),
      }).filter((f) => /^L\d+$/.test(f.code));
      for (const f of findings) {
        out.push({
          severity: f.severity,
          resource: p.owner,
          message: `${p.name} (${p.type} policy) ${f.code}: ${f.message}`,
          evidence: {
            policyId: p.id,
            policyType: p.type,
            code: f.code,
            path: f.path,
            ...(f.statement !== undefined ? { statement: f.statement } : {}),
          },
          discriminator: `${p.id}|${f.code}|${f.path}`,
        });
      }
    }
    return out;
  },
});
