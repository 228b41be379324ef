// Would an account's SCP chain stop a typical administrator from creating or attaching an
// internet gateway? Evaluated with the IAM engine: an administrator role with AdministratorAccess
// (Allow *:*) in the account, the account's SCP levels root → OUs → account, and the request
// context AWS would build (aws:PrincipalArn, aws:PrincipalAccount, aws:RequestedRegion).
// SCPs never restrict the management account (Organizations User Guide, "Service control policies").
import { isAccountId } from '../../estate/ids.js';
import type { Estate } from '../../estate/model.js';
import { compileDocument } from '../../iam/compile.js';
import { orgLevels } from '../../iam/estate-policies.js';
import { evaluate, type DecisionValue, type StatementRef } from '../../iam/evaluate.js';
import { contextFrom, makeRequest } from '../../iam/request.js';

export const igwActions = ['ec2:CreateInternetGateway', 'ec2:AttachInternetGateway'] as const;

/** The principal we ask about: an administrator role, not exempted by name in the SCPs. */
export const typicalAdminRoleName = 'PerimeterProbeAdministrator';

const adminPolicy = compileDocument(
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  'identity',
  'AdministratorAccess',
);

export interface ActionVerdict {
  readonly action: string;
  readonly decision: DecisionValue;
  /** The SCP statements that denied it (explicit deny), when any. */
  readonly deniedBy: readonly StatementRef[];
}

export interface IgwPrevention {
  readonly accountId: string;
  /** prevented: every IGW action is denied; allowed: at least one is allowed; unknown: cannot tell. */
  readonly status: 'prevented' | 'allowed' | 'unknown';
  readonly actions: readonly ActionVerdict[];
  readonly notes: readonly string[];
}

export function igwPrevention(estate: Estate, accountId: string): IgwPrevention {
  const org = orgLevels(estate, accountId, 'scp');
  const region = estate.accounts.get(accountId)?.regions.find((r) => r !== 'global') ?? 'us-east-1';
  const principal = `arn:aws:iam::${accountId}:role/${typicalAdminRoleName}`;
  const notes = [...org.notes];
  if (org.management) notes.push(`${accountId} is the management account: SCPs do not apply to it`);
  if (!org.known && !org.management) {
    return { accountId, status: 'unknown', actions: [], notes };
  }
  const actions = igwActions.map((action): ActionVerdict => {
    const req = makeRequest({
      principal,
      action,
      resource: `arn:aws:ec2:${region}:${accountId}:internet-gateway/*`,
      resourceAccount: accountId,
      context: contextFrom({
        'aws:RequestedRegion': region,
        'aws:PrincipalOrgID': estate.organization?.id ?? '',
        'aws:ViaAWSService': 'false',
        'aws:SecureTransport': 'true',
      }),
    });
    const d = evaluate(
      { identity: [adminPolicy], scp: org.levels, principalIsManagementAccount: org.management },
      req,
    );
    return { action, decision: d.decision, deniedBy: d.decision === 'ExplicitlyDenied' ? d.deciding : [] };
  });
  const status = actions.some((a) => a.decision === 'Allowed')
    ? 'allowed'
    : actions.every((a) => a.decision === 'ExplicitlyDenied' || a.decision === 'ImplicitlyDenied')
      ? 'prevented'
      : 'unknown';
  return { accountId, status, actions, notes };
}

/** Every account the estate knows of (with data, or in the organization), sorted. */
export function knownAccountIds(estate: Estate): string[] {
  const ids = new Set<string>([...estate.accounts.keys(), ...(estate.organization?.accounts.keys() ?? [])]);
  return [...ids].filter(isAccountId).sort();
}

export function igwPreventionForAll(estate: Estate): IgwPrevention[] {
  return knownAccountIds(estate).map((id) => igwPrevention(estate, id));
}
