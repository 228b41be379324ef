// Lame-duck conditions (DOMAIN.md §4 L1–L12) in every policy of the estate: conditions that never
// match, always match, or test a key that is never present where the policy is evaluated. Endpoint
// policies are linted knowing their VPC and whether a private hosted zone makes them hub endpoints.
import { estatePolicies } from '../../iam/estate-policies.js';
import { defineCheck } from '../define-check.js';
import { lameDuckDrafts, lameDuckRuleId, lintOptionsFor } from '../shared/lame-duck-drafts.js';
import type { FindingDraft } from '../types.js';

export const policyLameDuckCondition = defineCheck({
  id: lameDuckRuleId,
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
    for (const p of estatePolicies(estate)) out.push(...lameDuckDrafts(p, lintOptionsFor(estate, p)));
    return out;
  },
});
