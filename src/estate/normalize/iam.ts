// IAM users, groups, roles, managed policies and instance profiles from
// GetAccountAuthorizationDetails (IAM API Reference).
import type { ProblemSink } from '../errors.js';
import type {
  AttachedPolicyRef,
  IamGroup,
  IamManagedPolicy,
  IamRole,
  IamUser,
  InlinePolicy,
  InstanceProfile,
  PolicyDocument,
} from '../model.js';
import type { RawBuckets, Rec } from '../raw.js';
import { compareStrings, opt, sortedMap, sortedUnique, tagsOf, uniqueById } from './common.js';

const ARN_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}|aws):/;

/**
 * The account in an IAM ARN, else where the file was found. Only managed policies may have the
 * pseudo-account "aws" (AWS-managed, `arn:aws:iam::aws:policy/…`).
 */
export function accountOfArn(arn: string, fallback: string, allowAws = false): string {
  const a = ARN_ACCOUNT.exec(arn)?.[1];
  return a === undefined || (a === 'aws' && !allowAws) ? fallback : a;
}

/**
 * Policy documents arrive as objects (AWS CLI decodes them) or as URL-encoded JSON strings (the
 * raw IAM Query API: policies are "URL-encoded compliant with RFC 3986",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html).
 * Returns undefined and reports when unparseable.
 */
export function policyDocument(
  raw: unknown,
  sink: ProblemSink,
  r: Rec<unknown>,
  path: string,
  what: string,
): PolicyDocument | undefined {
  if (typeof raw !== 'string') return raw;
  const text = raw.trimStart().startsWith('{') ? raw : safeDecode(raw);
  try {
    return JSON.parse(text) as PolicyDocument;
  } catch (e) {
    sink.error(
      r.file,
      path,
      `${what}: expected a JSON policy document, found text that does not parse (${(e as Error).message})`,
    );
    return undefined;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type RawInline = { PolicyName: string; PolicyDocument: unknown };

function inline(
  list: readonly RawInline[] | null | undefined,
  sink: ProblemSink,
  r: Rec<unknown>,
  path: string,
  who: string,
): InlinePolicy[] {
  const out: InlinePolicy[] = [];
  list?.forEach((p, i) => {
    const doc = policyDocument(
      p.PolicyDocument,
      sink,
      r,
      `${path}[${i}].PolicyDocument`,
      `inline policy ${p.PolicyName} of ${who}`,
    );
    if (doc !== undefined) out.push({ name: p.PolicyName, document: doc });
  });
  return out.sort((a, b) => compareStrings(a.name, b.name));
}

function attached(
  list: readonly { PolicyArn: string; PolicyName?: string | null }[] | null | undefined,
): AttachedPolicyRef[] {
  return (list ?? [])
    .map((p) => ({ arn: p.PolicyArn, name: opt(p.PolicyName) }))
    .sort((a, b) => compareStrings(a.arn, b.arn));
}

export function buildIamUsers(b: RawBuckets, sink: ProblemSink): ReadonlyMap<string, IamUser> {
  return sortedMap(
    uniqueById(b.iamUsers, (u) => u.Arn).map((r) => {
      const u = r.rec;
      return [
        u.Arn,
        {
          arn: u.Arn,
          name: u.UserName,
          id: opt(u.UserId),
          path: u.Path ?? '/',
          accountId: accountOfArn(u.Arn, r.accountId),
          inlinePolicies: inline(u.UserPolicyList, sink, r, `${r.path}.UserPolicyList`, `user ${u.UserName}`),
          attachedPolicies: attached(u.AttachedManagedPolicies),
          groupNames: sortedUnique(u.GroupList ?? []),
          permissionsBoundaryArn: opt(u.PermissionsBoundary?.PermissionsBoundaryArn),
          tags: tagsOf(u.Tags),
        },
      ];
    }),
  );
}

export function buildIamGroups(b: RawBuckets, sink: ProblemSink): ReadonlyMap<string, IamGroup> {
  return sortedMap(
    uniqueById(b.iamGroups, (g) => g.Arn).map((r) => {
      const g = r.rec;
      return [
        g.Arn,
        {
          arn: g.Arn,
          name: g.GroupName,
          path: g.Path ?? '/',
          accountId: accountOfArn(g.Arn, r.accountId),
          inlinePolicies: inline(
            g.GroupPolicyList,
            sink,
            r,
            `${r.path}.GroupPolicyList`,
            `group ${g.GroupName}`,
          ),
          attachedPolicies: attached(g.AttachedManagedPolicies),
        },
      ];
    }),
  );
}

export function buildIamRoles(b: RawBuckets, sink: ProblemSink): ReadonlyMap<string, IamRole> {
  return sortedMap(
    uniqueById(b.iamRoles, (x) => x.Arn).map((r) => {
      const x = r.rec;
      const trust =
        x.AssumeRolePolicyDocument == null
          ? undefined
          : policyDocument(
              x.AssumeRolePolicyDocument,
              sink,
              r,
              `${r.path}.AssumeRolePolicyDocument`,
              `trust policy of role ${x.RoleName}`,
            );
      return [
        x.Arn,
        {
          arn: x.Arn,
          name: x.RoleName,
          id: opt(x.RoleId),
          path: x.Path ?? '/',
          accountId: accountOfArn(x.Arn, r.accountId),
          trustPolicy: trust,
          inlinePolicies: inline(x.RolePolicyList, sink, r, `${r.path}.RolePolicyList`, `role ${x.RoleName}`),
          attachedPolicies: attached(x.AttachedManagedPolicies),
          permissionsBoundaryArn: opt(x.PermissionsBoundary?.PermissionsBoundaryArn),
          instanceProfileArns: sortedUnique((x.InstanceProfileList ?? []).map((p) => p.Arn)),
          tags: tagsOf(x.Tags),
        },
      ];
    }),
  );
}

export function buildInstanceProfiles(b: RawBuckets): ReadonlyMap<string, InstanceProfile> {
  const byArn = new Map<string, { name: string; accountId: string; roles: Set<string> }>();
  for (const r of b.iamRoles) {
    for (const p of r.rec.InstanceProfileList ?? []) {
      let e = byArn.get(p.Arn);
      if (!e) {
        e = { name: p.InstanceProfileName, accountId: accountOfArn(p.Arn, r.accountId), roles: new Set() };
        byArn.set(p.Arn, e);
      }
      e.roles.add(r.rec.Arn);
      for (const role of p.Roles ?? []) e.roles.add(role.Arn);
    }
  }
  return sortedMap(
    [...byArn].map(([arn, e]) => [
      arn,
      { arn, name: e.name, accountId: e.accountId, roleArns: [...e.roles].sort() },
    ]),
  );
}

export function buildIamPolicies(b: RawBuckets, sink: ProblemSink): ReadonlyMap<string, IamManagedPolicy> {
  return sortedMap(
    uniqueById(b.iamPolicies, (p) => p.Arn).map((r) => {
      const p = r.rec;
      const versions = p.PolicyVersionList ?? [];
      const idx = versions.findIndex((v) =>
        p.DefaultVersionId ? v.VersionId === p.DefaultVersionId : v.IsDefaultVersion === true,
      );
      const def = versions[idx];
      const document =
        def?.Document == null
          ? undefined
          : policyDocument(
              def.Document,
              sink,
              r,
              `${r.path}.PolicyVersionList[${idx}].Document`,
              `managed policy ${p.PolicyName}`,
            );
      const accountId = accountOfArn(p.Arn, r.accountId, true);
      return [
        p.Arn,
        { arn: p.Arn, name: p.PolicyName, accountId, document, awsManaged: accountId === 'aws' },
      ];
    }),
  );
}
