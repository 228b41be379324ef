// Policies AWS would reject or that do not mean what they say: parse and validation errors of every
// policy in the estate (IAM inline/managed, role trust, SCP/RCP, VPC endpoint policies).
import { estatePolicies } from '../../iam/estate-policies.js';
import { parsePolicy } from '../../iam/parse.js';
import { defineCheck } from '../define-check.js';
import type { FindingDraft } from '../types.js';

export const policyInvalid = defineCheck({
  id: 'policy-invalid',
  title: 'Policy document is invalid',
  severity: 'high',
  area: 'iam',
  rationale:
    'An invalid policy is rejected when someone next updates it, and a document that only looks valid (a placeholder left in a condition, a partial wildcard in a Principal) silently matches nothing: the guardrail it was meant to be is not there.',
  remediation:
    'Fix each reported field (the message names the statement, the JSON path, the value found and what is expected) and re-run `perimeter lint`.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html'],
  run({ estate }) {
    const out: FindingDraft[] = [];
    for (const p of estatePolicies(estate)) {
      const errors = parsePolicy(p.document, p.type).issues.filter((i) => i.severity === 'error');
      if (errors.length === 0) continue;
      out.push({
        resource: p.owner,
        message: `${p.name} (${p.type} policy) has ${errors.length} error(s): ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
        evidence: {
          policyId: p.id,
          policyType: p.type,
          errors: errors.map((e) => ({ path: e.path, message: e.message })),
        },
        discriminator: p.id,
      });
    }
    return out;
  },
});
