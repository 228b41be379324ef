// At most 5 SCPs (and 5 RCPs) per root, OU or account, counting what is already attached in the
// Estate (FullAWSAccess counts while attached):
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
// RCPFullAWSAccess is attached to every entity once RCPs are enabled and cannot be detached; we
// count it even when the snapshot does not list it (conservative):
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
import type { Estate } from '../estate/model.js';
import { GuardrailError } from './errors.js';
import { maxPoliciesPerTarget } from './limits.js';
import { attachedPolicies, type OrgPolicyType } from './org.js';
import type { GeneratedPolicy } from './types.js';

export interface TargetUsage {
  readonly targetId: string;
  readonly type: OrgPolicyType;
  readonly existing: readonly string[];
  readonly generated: readonly string[];
  readonly total: number;
}

const typeOf = { scp: 'SERVICE_CONTROL_POLICY', rcp: 'RESOURCE_CONTROL_POLICY' } as const;
const label = { SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP' } as const;

export function targetUsage(estate: Estate, policies: readonly GeneratedPolicy[]): TargetUsage[] {
  const byKey = new Map<string, { targetId: string; type: OrgPolicyType; generated: string[] }>();
  for (const p of policies) {
    const a = p.draft.attachment;
    if (a.kind !== 'org' || (p.draft.kind !== 'scp' && p.draft.kind !== 'rcp')) continue;
    const type = typeOf[p.draft.kind];
    for (const t of a.targetIds) {
      const key = `${type}|${t}`;
      const e = byKey.get(key) ?? { targetId: t, type, generated: [] };
      e.generated.push(p.name);
      byKey.set(key, e);
    }
  }
  const out: TargetUsage[] = [];
  for (const e of byKey.values()) {
    const existing = attachedPolicies(estate, e.targetId, e.type).map((p) => p.name);
    if (e.type === 'RESOURCE_CONTROL_POLICY' && !existing.includes('RCPFullAWSAccess'))
      existing.unshift('RCPFullAWSAccess');
    const generated = [...e.generated].sort();
    out.push({
      targetId: e.targetId,
      type: e.type,
      existing,
      generated,
      total: existing.length + generated.length,
    });
  }
  return out.sort((a, b) =>
    a.type !== b.type
      ? a.type < b.type
        ? 1
        : -1
      : a.targetId < b.targetId
        ? -1
        : a.targetId > b.targetId
          ? 1
          : 0,
  );
}

/** Throws GuardrailError naming every target that would carry more than 5 policies of a type. */
export function checkTargetQuotas(estate: Estate, policies: readonly GeneratedPolicy[]): TargetUsage[] {
  const usage = targetUsage(estate, policies);
  const problems = usage
    .filter((u) => u.total > maxPoliciesPerTarget)
    .map(
      (u) =>
        `${u.targetId}: ${u.existing.length} ${label[u.type]}s already attached (${u.existing.join(', ') || 'none'}) + ${u.generated.length} generated (${u.generated.join(', ')}) = ${u.total}; at most ${maxPoliciesPerTarget} ${label[u.type]}s can be attached to a root, OU or account (over by ${u.total - maxPoliciesPerTarget})`,
    );
  if (problems.length > 0) throw new GuardrailError(problems);
  return usage;
}
