// The decision: explicit deny anywhere wins; then every SCP level must allow (principal side,
// management account exempt), RCPs can only deny (RCPFullAWSAccess is attached everywhere), every
// VPC endpoint policy on the path must allow, and identity ∪ resource policy must allow,
// intersected with the permissions boundary and the session policy, with the documented
// exceptions; cross-account both sides must allow; a role trust policy must allow explicitly.
// DOMAIN.md §3; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// and reference_policies_evaluation-logic-cross-account.html
import { statementApplies, type CompiledPolicy } from './compile.js';
import { F, T, U, type Tri } from './conditions.js';
import type { PrincipalMatchKind } from './principal.js';
import { UNKNOWN, type AuthzRequest } from './request.js';
import type { Effect } from './types.js';

/** Policy sets, in the order `blockedBy` lists them. `pb` = permissions boundary. */
export const policySetKinds = ['scp', 'rcp', 'vpce', 'identity', 'resource', 'pb', 'session'] as const;
export type PolicySetKind = (typeof policySetKinds)[number];

export type DecisionValue = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'Unknown';

/** One level of the organization tree (root, an OU, the account) and the policies attached there. */
export interface OrgLevel {
  readonly id: string;
  readonly policies: readonly CompiledPolicy[];
}

export interface PolicySet {
  readonly identity: readonly CompiledPolicy[];
  /** Permissions boundary (absent or empty = none). */
  readonly boundary?: readonly CompiledPolicy[];
  /** Session policies (absent or empty = none). */
  readonly session?: readonly CompiledPolicy[];
  /** SCP levels, root first. Absent or empty = the principal's account is not governed by SCPs. */
  readonly scp?: readonly OrgLevel[];
  /** RCP levels of the resource's account, root first. */
  readonly rcp?: readonly OrgLevel[];
  /** The resource policy (bucket policy, key policy, role trust policy …). */
  readonly resource?: CompiledPolicy;
  /** Endpoint policies of the VPC endpoints the request goes through. */
  readonly endpoint?: readonly CompiledPolicy[];
  /** SCPs do not restrict the management account (Service control policies page). */
  readonly principalIsManagementAccount?: boolean;
  /** RCPs do not restrict resources in the management account. */
  readonly resourceIsManagementAccount?: boolean;
}

export interface StatementRef {
  readonly set: PolicySetKind;
  readonly policy: string;
  readonly statement: number;
  readonly sid?: string;
  readonly effect: Effect;
}

export interface Decision {
  readonly decision: DecisionValue;
  /** Sorted in `policySetKinds` order; empty when allowed. */
  readonly blockedBy: readonly PolicySetKind[];
  /** The Deny statements that matched, or the Allow statements that granted. */
  readonly deciding: readonly StatementRef[];
  /** Context keys whose UNKNOWN value left some statement undecided (sorted). */
  readonly unknownKeys: readonly string[];
  /** Org levels (SCP) and endpoint policies that did not allow, in evaluation order. */
  readonly blockedAt: readonly string[];
}

interface Scan {
  deny: Tri;
  allow: Tri;
  denyRefs: StatementRef[];
  allowRef?: StatementRef;
  /** The most specific principal match among granting Allow statements. */
  allowVia?: PrincipalMatchKind | 'none';
}

const viaRank: Record<PrincipalMatchKind | 'none', number> = {
  session: 9,
  user: 8,
  'federated-user': 7,
  role: 6,
  service: 5,
  federated: 5,
  canonical: 5,
  none: 4,
  account: 2,
  wildcard: 1,
};

function ref(set: PolicySetKind, p: CompiledPolicy, index: number): StatementRef {
  const st = p.statements[index]?.statement;
  return {
    set,
    policy: p.name,
    statement: index,
    ...(st?.sid !== undefined ? { sid: st.sid } : {}),
    effect: st?.effect ?? 'Allow',
  };
}

function scan(set: PolicySetKind, policies: readonly CompiledPolicy[], req: AuthzRequest): Scan {
  const out: Scan = { deny: F, allow: F, denyRefs: [] };
  for (const p of policies) {
    const sts = p.statements;
    for (let i = 0; i < sts.length; i++) {
      const s = sts[i]!;
      // An Allow cannot change the outcome once a Deny matched; keep scanning only for Denies.
      if (!s.deny && out.deny === T) continue;
      const r = statementApplies(s, req);
      if (r.result === F) continue;
      if (s.deny) {
        if (r.result === T) {
          out.deny = T;
          out.denyRefs.push(ref(set, p, i));
        } else if (out.deny === F) out.deny = U;
      } else if (r.result === T) {
        const via = r.via ?? 'none';
        if (out.allow !== T || viaRank[via] > viaRank[out.allowVia ?? 'wildcard']) {
          out.allowRef = ref(set, p, i);
          out.allowVia = via;
        }
        out.allow = T;
      } else if (out.allow === F) out.allow = U;
    }
  }
  return out;
}

function and(a: Tri, b: Tri): Tri {
  return a === F || b === F ? F : a === U || b === U ? U : T;
}
function or(a: Tri, b: Tri): Tri {
  return a === T || b === T ? T : a === U || b === U ? U : F;
}

/** Evaluates one request against a set of compiled policies. */
export function evaluate(policies: PolicySet, req: AuthzRequest): Decision {
  const denies: StatementRef[] = [];
  const deniedBy = new Set<PolicySetKind>();
  let denyUnknown = false;
  const grants: StatementRef[] = [];
  const blocked = new Set<PolicySetKind>();
  const blockedAt: string[] = [];
  let allowed: Tri = T;

  const note = (set: PolicySetKind, s: Scan): void => {
    if (s.deny === T) {
      deniedBy.add(set);
      denies.push(...s.denyRefs);
    } else if (s.deny === U) denyUnknown = true;
  };

  // SCPs: every level must allow; the management account is exempt.
  if (policies.scp && policies.scp.length > 0 && !policies.principalIsManagementAccount) {
    for (const level of policies.scp) {
      const s = scan('scp', level.policies, req);
      note('scp', s);
      if (s.allow !== T) {
        blocked.add('scp');
        blockedAt.push(level.id);
      } else if (s.allowRef) grants.push(s.allowRef);
      allowed = and(allowed, s.allow);
    }
  }
  // RCPs: deny-only in effect (RCPFullAWSAccess allows everything at every level).
  if (policies.rcp && policies.rcp.length > 0 && !policies.resourceIsManagementAccount) {
    for (const level of policies.rcp) note('rcp', scan('rcp', level.policies, req));
  }
  // VPC endpoint policies: each endpoint on the path must allow.
  for (const ep of policies.endpoint ?? []) {
    const s = scan('vpce', [ep], req);
    note('vpce', s);
    if (s.allow !== T) {
      blocked.add('vpce');
      blockedAt.push(ep.name);
    } else if (s.allowRef) grants.push(s.allowRef);
    allowed = and(allowed, s.allow);
  }

  const id = scan('identity', policies.identity, req);
  note('identity', id);
  const hasBoundary = (policies.boundary?.length ?? 0) > 0;
  const hasSession = (policies.session?.length ?? 0) > 0;
  const pb = hasBoundary ? scan('pb', policies.boundary ?? [], req) : undefined;
  if (pb) note('pb', pb);
  const se = hasSession ? scan('session', policies.session ?? [], req) : undefined;
  if (se) note('session', se);
  const res = policies.resource ? scan('resource', [policies.resource], req) : undefined;
  if (res) note('resource', res);

  const pbAllow = pb ? pb.allow : T;
  const seAllow = se ? se.allow : T;
  const limits = and(pbAllow, seAllow);
  const identityPath = and(id.allow, limits);
  const resAllow = res ? res.allow : F;
  const via = res?.allowVia;
  // A resource policy naming the IAM user or the role *session* is not limited by an implicit
  // deny in the boundary or session policy; naming the role (or the account) is.
  const unlimited = via === 'user' || via === 'session' || via === 'federated-user';
  const isTrust = policies.resource?.type === 'trust';
  const sameAccount =
    req.resourceAccount === undefined ||
    req.principal.accountId === undefined ||
    req.resourceAccount === req.principal.accountId;

  let core: Tri;
  if (sameAccount && !isTrust) {
    // Naming the account in a same-account resource policy delegates to IAM policies; it grants nothing itself.
    const resourcePath = via === 'account' ? F : and(resAllow, unlimited ? T : limits);
    core = or(identityPath, resourcePath);
    if (core !== T) {
      const idBlocks = id.allow !== T;
      const resBlocks = resAllow !== T || via === 'account';
      if (idBlocks && (resBlocks || !policies.resource)) {
        blocked.add('identity');
        if (policies.resource) blocked.add('resource');
      } else {
        if (pbAllow !== T) blocked.add('pb');
        if (seAllow !== T) blocked.add('session');
      }
    }
  } else {
    // Cross-account, or a role trust policy: the resource side must allow explicitly. A trust
    // policy that names a principal of the same account directly needs no identity policy.
    const directTrust = isTrust && sameAccount && resAllow === T && via !== 'account';
    core = directTrust ? and(resAllow, unlimited ? T : limits) : and(identityPath, resAllow);
    if (core !== T) {
      if (resAllow !== T) blocked.add('resource');
      if (!directTrust) {
        if (id.allow !== T) blocked.add('identity');
        else {
          if (pbAllow !== T) blocked.add('pb');
          if (seAllow !== T) blocked.add('session');
        }
      } else {
        if (pbAllow !== T) blocked.add('pb');
        if (seAllow !== T) blocked.add('session');
      }
    }
  }
  allowed = and(allowed, core);
  if (core === T) {
    if (id.allow === T && id.allowRef && identityPath === T) grants.push(id.allowRef);
    if (res?.allow === T && res.allowRef) grants.push(res.allowRef);
    if (pb?.allowRef && identityPath === T) grants.push(pb.allowRef);
    if (se?.allowRef && identityPath === T) grants.push(se.allowRef);
  }

  const unknownKeys = denyUnknown || allowed === U ? collectUnknownKeys(policies, req) : [];
  if (deniedBy.size > 0) {
    return {
      decision: 'ExplicitlyDenied',
      blockedBy: ordered(deniedBy),
      deciding: denies,
      unknownKeys,
      blockedAt: [],
    };
  }
  if (allowed === F) {
    return {
      decision: 'ImplicitlyDenied',
      blockedBy: ordered(blocked),
      deciding: [],
      unknownKeys,
      blockedAt,
    };
  }
  if (allowed === T && !denyUnknown) {
    return { decision: 'Allowed', blockedBy: [], deciding: grants, unknownKeys: [], blockedAt: [] };
  }
  return { decision: 'Unknown', blockedBy: ordered(blocked), deciding: [], unknownKeys, blockedAt };
}

function ordered(s: ReadonlySet<PolicySetKind>): PolicySetKind[] {
  return policySetKinds.filter((k) => s.has(k));
}

/** Keys of conditions and variables that the context marks UNKNOWN. */
function collectUnknownKeys(policies: PolicySet, req: AuthzRequest): string[] {
  const all: CompiledPolicy[] = [
    ...(policies.scp ?? []).flatMap((l) => l.policies),
    ...(policies.rcp ?? []).flatMap((l) => l.policies),
    ...(policies.endpoint ?? []),
    ...policies.identity,
    ...(policies.boundary ?? []),
    ...(policies.session ?? []),
    ...(policies.resource ? [policies.resource] : []),
  ];
  const keys = new Set<string>();
  for (const p of all) {
    for (const s of p.statements) {
      for (const c of s.conditions) {
        if (req.context.get(c.keyLower) === UNKNOWN) keys.add(c.clause.key);
        for (const v of c.clause.values) {
          for (const m of v.matchAll(/\$\{([^},]+)/g)) {
            const name = (m[1] ?? '').trim();
            if (req.context.get(name.toLowerCase()) === UNKNOWN) keys.add(name);
          }
        }
      }
    }
  }
  return [...keys].sort();
}
