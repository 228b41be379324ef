// "No internet ingress" zones from the intent: accounts listed directly, or under a listed OU/root
// anywhere above them in the organization tree.
import type { Intent } from '../../config/intent.js';
import { isAccountId } from '../../estate/ids.js';
import type { Estate } from '../../estate/model.js';

export interface ZoneMembership {
  /** The intent entry that puts the account in the zone (account id, OU id or root id). */
  readonly via: string;
  /** Human-readable reason, e.g. `account 333333333333 is under OU ou-ab12-prod (Prod)`. */
  readonly reason: string;
}

/**
 * Whether an account must have no internet ingress. `undefined` = not in a zone. When the intent
 * names OUs but the snapshot has no organization data, membership through OUs is unknown: the
 * caller gets `unknownOus: true` and must not treat the account as outside the zone silently.
 */
export function noInternetZone(
  accountId: string,
  estate: Estate,
  intent: Intent,
): ZoneMembership | { readonly unknownOus: true } | undefined {
  const listed = new Set(intent.noInternetIngress);
  if (listed.has(accountId))
    return { via: accountId, reason: `account ${accountId} is listed in noInternetIngress` };
  const ouEntries = intent.noInternetIngress.filter((e) => !isAccountId(e));
  if (ouEntries.length === 0) return undefined;
  const path = estate.index.orgPathByAccount.get(accountId);
  if (!estate.organization || path === undefined) return { unknownOus: true };
  for (const unitId of [...path].reverse()) {
    if (listed.has(unitId)) {
      const name = estate.organization.units.get(unitId)?.name;
      return {
        via: unitId,
        reason: `account ${accountId} is under ${unitId.startsWith('r-') ? 'root' : 'OU'} ${unitId}${name ? ` (${name})` : ''}, listed in noInternetIngress`,
      };
    }
  }
  return undefined;
}

export function isZoneMembership(z: ReturnType<typeof noInternetZone>): z is ZoneMembership {
  return z !== undefined && 'via' in z;
}
