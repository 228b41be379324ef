// Policies of the estate: every policy document with where it sits (for the policy checks), and
// the policy set that applies to one principal's requests (for simulate). Each policy is compiled
// once per estate (WeakMap cache). Missing data is reported as a note, never treated as "allows".
import type { Estate, IamRole, IamUser, OrgPolicy } from '../estate/model.js';
import { compileDocument, type CompiledPolicy } from './compile.js';
import type { OrgLevel } from './evaluate.js';
import type { PolicyType } from './types.js';

/** One policy document found in the estate. */
export interface EstatePolicy {
  /** Stable id: ARN, `${roleArn}#inline:${name}`, `${roleArn}#trust`, org policy id, endpoint id. */
  readonly id: string;
  readonly name: string;
  readonly type: PolicyType;
  readonly document: unknown;
  /** What it is attached to / where it lives, for findings. */
  readonly owner: {
    readonly id: string;
    readonly type: string;
    readonly accountId: string;
    readonly region: string;
    readonly vpcId?: string;
    readonly arn?: string;
  };
  /** Extra context for lint (endpoint VPC). */
  readonly endpointVpcId?: string;
  /** Inline policies count against the entity's aggregate quota (user 2,048, group 5,120, role 10,240). */
  readonly inlineOf?: string;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every policy of the estate, sorted by id. AWS-managed IAM policies are skipped (AWS maintains them). */
export function estatePolicies(estate: Estate): EstatePolicy[] {
  const out: EstatePolicy[] = [];
  const entity = (kind: 'user' | 'group' | 'role', e: { arn: string; name: string; accountId: string }) => ({
    id: e.arn,
    type: `iam-${kind}`,
    accountId: e.accountId,
    region: 'global',
    arn: e.arn,
  });
  for (const u of estate.iamUsers.values()) {
    for (const p of u.inlinePolicies) {
      out.push({
        id: `${u.arn}#inline:${p.name}`,
        name: p.name,
        type: 'identity',
        document: p.document,
        owner: entity('user', u),
        inlineOf: u.arn,
      });
    }
  }
  for (const g of estate.iamGroups.values()) {
    for (const p of g.inlinePolicies) {
      out.push({
        id: `${g.arn}#inline:${p.name}`,
        name: p.name,
        type: 'identity',
        document: p.document,
        owner: entity('group', g),
        inlineOf: g.arn,
      });
    }
  }
  for (const r of estate.iamRoles.values()) {
    for (const p of r.inlinePolicies) {
      out.push({
        id: `${r.arn}#inline:${p.name}`,
        name: p.name,
        type: 'identity',
        document: p.document,
        owner: entity('role', r),
        inlineOf: r.arn,
      });
    }
    if (r.trustPolicy !== undefined) {
      out.push({
        id: `${r.arn}#trust`,
        name: `${r.name} trust policy`,
        type: 'trust',
        document: r.trustPolicy,
        owner: entity('role', r),
      });
    }
  }
  const boundaries = new Set<string>();
  for (const x of [...estate.iamUsers.values(), ...estate.iamRoles.values()]) {
    if (x.permissionsBoundaryArn) boundaries.add(x.permissionsBoundaryArn);
  }
  for (const m of estate.iamPolicies.values()) {
    if (m.awsManaged || m.document === undefined) continue;
    out.push({
      id: m.arn,
      name: m.name,
      // A managed policy used only as a permissions boundary is linted as one.
      type: boundaries.has(m.arn) && !isAttachedAnywhere(estate, m.arn) ? 'boundary' : 'identity',
      document: m.document,
      owner: { id: m.arn, type: 'iam-policy', accountId: m.accountId, region: 'global', arn: m.arn },
    });
  }
  const org = estate.organization;
  if (org) {
    for (const p of org.policies.values()) {
      const type = orgPolicyType(p);
      if (!type || p.awsManaged) continue;
      out.push({
        id: p.id,
        name: p.name,
        type,
        document: p.content,
        owner: {
          id: p.id,
          type: type === 'scp' ? 'service-control-policy' : 'resource-control-policy',
          accountId: org.managementAccountId ?? 'organization',
          region: 'global',
        },
      });
    }
  }
  for (const ep of estate.vpcEndpoints.values()) {
    if (ep.policyDocument === undefined) continue;
    out.push({
      id: ep.id,
      name: `${ep.id} endpoint policy`,
      type: 'vpce',
      document: ep.policyDocument,
      owner: {
        id: ep.id,
        type: 'vpc-endpoint',
        accountId: ep.accountId,
        region: ep.region,
        vpcId: ep.vpcId,
        arn: `arn:aws:ec2:${ep.region}:${ep.ownerId ?? ep.accountId}:vpc-endpoint/${ep.id}`,
      },
      endpointVpcId: ep.vpcId,
    });
  }
  return out.sort(byId);
}

function isAttachedAnywhere(estate: Estate, arn: string): boolean {
  const has = (xs: readonly { arn: string }[]) => xs.some((a) => a.arn === arn);
  for (const u of estate.iamUsers.values()) if (has(u.attachedPolicies)) return true;
  for (const g of estate.iamGroups.values()) if (has(g.attachedPolicies)) return true;
  for (const r of estate.iamRoles.values()) if (has(r.attachedPolicies)) return true;
  return false;
}

export function orgPolicyType(p: OrgPolicy): 'scp' | 'rcp' | undefined {
  return p.type === 'SERVICE_CONTROL_POLICY'
    ? 'scp'
    : p.type === 'RESOURCE_CONTROL_POLICY'
      ? 'rcp'
      : undefined;
}

const cache = new WeakMap<Estate, Map<string, CompiledPolicy>>();

/** Compiles a policy once per estate. */
export function compiledFor(
  estate: Estate,
  key: string,
  document: unknown,
  type: PolicyType,
  name: string,
): CompiledPolicy {
  let m = cache.get(estate);
  if (!m) {
    m = new Map();
    cache.set(estate, m);
  }
  const k = `${type}|${key}`;
  let c = m.get(k);
  if (!c) {
    c = compileDocument(document, type, name);
    m.set(k, c);
  }
  return c;
}

export interface PrincipalPolicies {
  readonly identity: readonly CompiledPolicy[];
  readonly boundary: readonly CompiledPolicy[];
  /** What could not be found (a managed policy without its document …). */
  readonly notes: readonly string[];
}

/** Identity policies and permissions boundary of an IAM role or user. */
export function principalPolicies(estate: Estate, principal: IamRole | IamUser): PrincipalPolicies {
  const notes: string[] = [];
  const identity: CompiledPolicy[] = [];
  const addManaged = (arn: string): void => {
    const m = estate.iamPolicies.get(arn);
    if (m?.document === undefined) {
      notes.push(`managed policy ${arn}: document not in the snapshot (its grants and denies are unknown)`);
      return;
    }
    identity.push(compiledFor(estate, arn, m.document, 'identity', m.name));
  };
  for (const p of principal.inlinePolicies) {
    identity.push(compiledFor(estate, `${principal.arn}#inline:${p.name}`, p.document, 'identity', p.name));
  }
  for (const a of principal.attachedPolicies) addManaged(a.arn);
  if ('groupNames' in principal) {
    for (const gName of principal.groupNames) {
      const g = [...estate.iamGroups.values()].find(
        (x) => x.name === gName && x.accountId === principal.accountId,
      );
      if (!g) {
        notes.push(`group ${gName}: not in the snapshot (its policies are unknown)`);
        continue;
      }
      for (const p of g.inlinePolicies)
        identity.push(compiledFor(estate, `${g.arn}#inline:${p.name}`, p.document, 'identity', p.name));
      for (const a of g.attachedPolicies) addManaged(a.arn);
    }
  }
  const boundary: CompiledPolicy[] = [];
  if (principal.permissionsBoundaryArn) {
    const m = estate.iamPolicies.get(principal.permissionsBoundaryArn);
    if (m?.document === undefined)
      notes.push(
        `permissions boundary ${principal.permissionsBoundaryArn}: document not in the snapshot (unknown)`,
      );
    else boundary.push(compiledFor(estate, `${m.arn}#boundary`, m.document, 'boundary', m.name));
  }
  return { identity, boundary, notes };
}

export interface OrgLevels {
  readonly levels: readonly OrgLevel[];
  /** The account is the organization's management account (SCPs/RCPs do not apply). */
  readonly management: boolean;
  /** Known = the estate has organization data that includes the account. */
  readonly known: boolean;
  readonly notes: readonly string[];
}

/** SCP or RCP levels (root → OUs → account) for an account. */
export function orgLevels(estate: Estate, accountId: string, kind: 'scp' | 'rcp'): OrgLevels {
  const org = estate.organization;
  if (!org) {
    return {
      levels: [],
      management: false,
      known: false,
      notes: [`${kind.toUpperCase()}s unknown: the snapshot has no organization data`],
    };
  }
  if (!org.accounts.has(accountId)) {
    return {
      levels: [],
      management: false,
      known: false,
      notes: [`${kind.toUpperCase()}s unknown: account ${accountId} is not in the organization data`],
    };
  }
  if (![...org.policies.values()].some((p) => orgPolicyType(p) === kind)) {
    return {
      levels: [],
      management: org.managementAccountId === accountId,
      known: false,
      notes: [
        `${kind.toUpperCase()}s: none in the organization data (the policy type is not enabled, or was not collected)`,
      ],
    };
  }
  const path = [...(estate.index.orgPathByAccount.get(accountId) ?? []), accountId];
  const levels: OrgLevel[] = path.map((id) => ({
    id,
    policies: (estate.index.orgPoliciesByTarget.get(id) ?? [])
      .map((pid) => org.policies.get(pid))
      .filter((p): p is OrgPolicy => p !== undefined && orgPolicyType(p) === kind)
      .sort(byId)
      .map((p) => compiledFor(estate, p.id, p.content, kind, p.name)),
  }));
  // AWS attaches FullAWSAccess to every root, OU and account while SCPs are enabled and refuses to
  // detach a target's last SCP, so a level without any SCP in the data means the data omits that
  // attachment: FullAWSAccess is applied there (Organizations User Guide, "Service control
  // policies": FullAWSAccess is attached to every root, OU and account when SCPs are enabled).
  const notes: string[] = [];
  const filled = levels.map((l) => {
    if (kind !== 'scp' || l.policies.length > 0) return l;
    notes.push(
      `no SCP attached to ${l.id} in the data: AWS keeps at least one attached, FullAWSAccess is assumed there`,
    );
    return { id: l.id, policies: [fullAwsAccess(estate)] };
  });
  return { levels: filled, management: org.managementAccountId === accountId, known: true, notes };
}

function fullAwsAccess(estate: Estate): CompiledPolicy {
  return compiledFor(
    estate,
    'FullAWSAccess (assumed)',
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    'scp',
    'FullAWSAccess (assumed)',
  );
}
