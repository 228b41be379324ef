// Organization lookups the generator needs: where a root/OU/account sits, which accounts are under
// it, which SCPs/RCPs are attached along an account's path. Pure functions of the Estate.
import { isAccountId } from '../estate/ids.js';
import type { Estate, OrgPolicy, OrgUnit } from '../estate/model.js';

export type OrgPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export { isAccountId };

/** Root → … → target ids (inclusive), or undefined when the target is not in the estate's organization. */
export function orgPathOf(estate: Estate, targetId: string): string[] | undefined {
  const org = estate.organization;
  if (org === undefined) return undefined;
  if (isAccountId(targetId)) {
    const path = estate.index.orgPathByAccount.get(targetId);
    return path === undefined ? undefined : [...path, targetId];
  }
  const out: string[] = [];
  let id: string | undefined = targetId;
  const seen = new Set<string>();
  while (id !== undefined && !seen.has(id)) {
    seen.add(id);
    const unit: OrgUnit | undefined = org.units.get(id) ?? org.roots.find((r) => r.id === id);
    if (unit === undefined) return undefined;
    out.unshift(unit.id);
    id = unit.parentId;
  }
  return out;
}

/** Accounts in the organization at or below the target, sorted. */
export function accountsUnder(estate: Estate, targetId: string): string[] {
  const org = estate.organization;
  if (org === undefined) return [];
  if (isAccountId(targetId)) return org.accounts.has(targetId) ? [targetId] : [];
  const out: string[] = [];
  for (const [acct, path] of estate.index.orgPathByAccount) if (path.includes(targetId)) out.push(acct);
  return out.sort();
}

/** All organization account ids, sorted. */
export function organizationAccounts(estate: Estate): string[] {
  return [...(estate.organization?.accounts.keys() ?? [])].sort();
}

export function attachedPolicies(estate: Estate, targetId: string, type: OrgPolicyType): OrgPolicy[] {
  const org = estate.organization;
  if (org === undefined) return [];
  const ids = estate.index.orgPoliciesByTarget.get(targetId) ?? [];
  const out: OrgPolicy[] = [];
  for (const id of ids) {
    const p = org.policies.get(id);
    if (p !== undefined && p.type === type) out.push(p);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * An account to run proofs in for a target: the first member account (sorted) under it that is not
 * the management account (SCPs do not apply to the management account:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
 */
export function proofAccount(estate: Estate, targetId: string): string | undefined {
  const mgmt = estate.organization?.managementAccountId;
  return accountsUnder(estate, targetId).find((a) => a !== mgmt);
}
