// Least privilege for `perimeter collect`: the read-only permission policy (every service:Action a
// collector, the organization walk or the account setup sends, derived from the registry) and the
// trust policy of the member role.
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Collector } from './collector.js';
import { organizationCommands } from './org/walk-organization.js';
import { iamActionOf } from './services.js';

export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Record<string, unknown>[];
}

/** Actions the collectors send in every account (the member role needs exactly these). */
export function memberActions(collectors: readonly Collector[]): string[] {
  const actions = new Set<string>([iamActionOf('ec2', DescribeRegionsCommand)]);
  for (const c of collectors) for (const cmd of c.commands) actions.add(iamActionOf(c.service, cmd));
  return [...actions].sort();
}

/** Actions only the collecting (management or delegated administrator) account needs for --org. */
export function organizationActions(): string[] {
  return organizationCommands.map((c) => iamActionOf('organizations', c)).sort();
}

/**
 * The read-only permission policy: one statement for the resource reads every account needs, one
 * for the organization walk (only used by the collecting account; harmless in members).
 * sts:GetCallerIdentity needs no permission and is not listed.
 */
export function readOnlyPolicy(collectors: readonly Collector[]): PolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'PerimeterCollectRead', Effect: 'Allow', Action: memberActions(collectors), Resource: '*' },
      { Sid: 'PerimeterCollectOrganization', Effect: 'Allow', Action: organizationActions(), Resource: '*' },
    ],
  };
}

/** What the collecting principal itself needs on top of readOnlyPolicy: assuming the member role. */
export function collectorAssumePolicy(roleName: string, partition = 'aws'): PolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PerimeterAssumeMemberRole',
        Effect: 'Allow',
        Action: iamActionOf('sts', AssumeRoleCommand),
        Resource: `arn:${partition}:iam::*:role/${roleName}`,
      },
    ],
  };
}

/** Trust policy of the member role: the collecting account may assume it, with the external id when given. */
export function memberTrustPolicy(
  collectorAccountId: string,
  externalId?: string,
  partition = 'aws',
): PolicyDocumentJson {
  if (!/^\d{12}$/.test(collectorAccountId)) {
    throw new Error(`collector account ${JSON.stringify(collectorAccountId)} is not a 12-digit account id`);
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PerimeterCollectorAssume',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${collectorAccountId}:root` },
        Action: iamActionOf('sts', AssumeRoleCommand),
        ...(externalId !== undefined
          ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } }
          : {}),
      },
    ],
  };
}

/** Every SDK command the tool may send, for the coverage test: GetCallerIdentity needs no permission. */
export const UNPERMISSIONED_COMMANDS: readonly string[] = [GetCallerIdentityCommand.name];
