// The one definition of "outside the organization", shared by the cross-org-peering check, the
// event detectors and the reconciler (seed 000). Unknown stays unknown: without organization data
// and without an organizationId in the intent nothing can be said about an account.
import type { Intent } from '../../config/intent.js';
import type { Estate } from '../../estate/model.js';

export type AccountTrust = 'self-org' | 'trusted' | 'outside' | 'unknown';

export interface AccountClassification {
  readonly trust: AccountTrust;
  /** Why, in words (goes into finding evidence). */
  readonly reason: string;
}

/**
 * How `accountId` relates to our organization.
 * - accounts in `estate.organization.accounts` are `self-org`;
 * - `intent.trustedAccounts` are `trusted` (outside the org, but allowed);
 * - with organization data, everything else is `outside`;
 * - without organization data but with `intent.organizationId`, the intent asserts the snapshot is
 *   that organization: accounts the snapshot holds data for are `self-org`, others `outside`;
 * - with neither, `unknown`.
 */
export function explainAccount(accountId: string, estate: Estate, intent: Intent): AccountClassification {
  const org = estate.organization;
  const orgKnown = org !== undefined && org.accounts.size > 0;
  if (orgKnown && org.accounts.has(accountId)) {
    return {
      trust: 'self-org',
      reason: `account ${accountId} is a member of organization ${org.id ?? '(id not in the snapshot)'}`,
    };
  }
  const trusted = intent.trustedAccounts.find((a) => a.id === accountId);
  if (trusted) {
    return {
      trust: 'trusted',
      reason: `account ${accountId} is listed in trustedAccounts${trusted.name ? ` (${trusted.name})` : ''}`,
    };
  }
  if (orgKnown) {
    return {
      trust: 'outside',
      reason: `account ${accountId} is not among the ${org.accounts.size} accounts of organization ${org.id ?? '(id not in the snapshot)'} nor in trustedAccounts`,
    };
  }
  if (intent.organizationId !== undefined) {
    if (estate.accounts.has(accountId)) {
      return {
        trust: 'self-org',
        reason: `no organization data; account ${accountId} is in the snapshot of ${intent.organizationId} (intent organizationId)`,
      };
    }
    return {
      trust: 'outside',
      reason: `no organization data; account ${accountId} is neither in the snapshot of ${intent.organizationId} (intent organizationId) nor in trustedAccounts`,
    };
  }
  return {
    trust: 'unknown',
    reason: `cannot tell whether account ${accountId} is in the organization: the snapshot has no organization data and the intent has no organizationId`,
  };
}

export function classifyAccount(accountId: string, estate: Estate, intent: Intent): AccountTrust {
  return explainAccount(accountId, estate, intent).trust;
}

/** Trusted or in-org: remediation must never touch a connection to such an account. */
export function isAllowedPeer(trust: AccountTrust): boolean {
  return trust === 'self-org' || trust === 'trusted';
}
