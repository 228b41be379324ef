// Policies over (or within 10 % of) their size quota: minified UTF-8 bytes against 5,120 for
// SCP/RCP, 20,480 for endpoint policies, 6,144 for managed IAM policies, 2,048 for trust policies,
// and the per-entity aggregate of inline policies (user 2,048, group 5,120, role 10,240 characters,
// white space not counted — IAM and AWS STS quotas; GetAccountSummary reports them as
// UserPolicySizeQuota, GroupPolicySizeQuota, RolePolicySizeQuota "in non-whitespace characters").
import { estatePolicies } from '../../iam/estate-policies.js';
import { checkQuota, minifiedSize } from '../../iam/quotas.js';
import { defineCheck } from '../define-check.js';
import type { FindingDraft } from '../types.js';

const inlineQuota: Record<string, number> = { 'iam-user': 2048, 'iam-group': 5120, 'iam-role': 10240 };
const NEAR = 0.9;

export const policyOverQuota = defineCheck({
  id: 'policy-over-quota',
  title: 'Policy over or near its size quota',
  severity: 'high',
  area: 'iam',
  rationale:
    'AWS rejects a policy over its size quota, so the next change to a guardrail at its limit fails — often in the middle of an incident. Quotas count characters without whitespace; perimeter counts UTF-8 bytes of the minified JSON, which is never lower.',
  remediation:
    'Split the policy (SCPs: up to 5 per target), drop redundant statements, or use wildcards in action lists; `perimeter generate` minifies and splits guardrails to fit.',
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
  ],
  run({ estate }) {
    const out: FindingDraft[] = [];
    const inlineTotals = new Map<
      string,
      { size: number; owner: FindingDraft['resource']; names: string[] }
    >();
    for (const p of estatePolicies(estate)) {
      if (p.inlineOf !== undefined) {
        const t = inlineTotals.get(p.inlineOf) ?? { size: 0, owner: p.owner, names: [] };
        t.size += minifiedSize(p.document) ?? 0;
        t.names.push(p.name);
        inlineTotals.set(p.inlineOf, t);
        continue;
      }
      const q = checkQuota(p.document, p.type);
      if (!q || q.size < q.limit * NEAR) continue;
      out.push({
        severity: q.over ? 'high' : 'low',
        resource: p.owner,
        message: `${p.name} (${p.type} policy) is ${q.size} bytes minified, ${q.over ? 'over' : 'within 10 % of'} its ${q.limit}-character quota`,
        evidence: { policyId: p.id, policyType: p.type, size: q.size, limit: q.limit },
        discriminator: p.id,
      });
    }
    for (const [arn, t] of [...inlineTotals].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const limit = inlineQuota[t.owner.type];
      if (limit === undefined || t.size < limit * NEAR) continue;
      const over = t.size > limit;
      out.push({
        severity: over ? 'high' : 'low',
        resource: t.owner,
        message: `the inline policies of ${arn} (${t.names.sort().join(', ')}) total ${t.size} bytes minified, ${over ? 'over' : 'within 10 % of'} the ${limit}-character aggregate quota`,
        evidence: { entity: arn, size: t.size, limit, policies: t.names },
        discriminator: `${arn}#inline`,
      });
    }
    return out;
  },
});
