// The decision: explicit deny anywhere wins; then every SCP level must allow (principal side,
// management account exempt), RCPs can only deny (RCPFullAWSAccess is attached everywhere), every
// VPC endpoint policy on the path must allow, and identity ∪ resource policy must allow,
// intersected with the permissions boundary and the session policy, with the documented
// exceptions; cross-account both sides must allow; a role trust policy must allow explicitly.
// DOMAIN.md §3; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// and reference_policies_evaluation-logic-cross-account.html
import { appliesGivenAction, lastVia, lastViaRank, VIA_RANK_NONE, type CompiledPolicy } from './compile.js';
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
  /** SCPs do not restrict service-linked roles (Service control policies page). */
  readonly principalIsServiceLinkedRole?: boolean;
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
  allowRef: StatementRef | undefined;
  /** The most specific principal match among granting Allow statements, and its rank. */
  allowVia: PrincipalMatchKind | 'none' | undefined;
  allowRank: number;
}

/** Policy set indexes (`BIT` = 1 << index). */
const SCP = 0;
const RCP = 1;
const VPCE = 2;
const IDENTITY = 3;
const RESOURCE = 4;
const PB = 5;
const SESSION = 6;
const KIND_OF: readonly PolicySetKind[] = ['scp', 'rcp', 'vpce', 'identity', 'resource', 'pb', 'session'];

/** The (frozen, cached) references to the statements of `p` in policy set `set`. */
function refsOf(set: number, p: CompiledPolicy): readonly StatementRef[] {
  const bySet = (p.memo.refs ??= []);
  let refs = bySet[set] as StatementRef[] | undefined;
  if (!refs) {
    const kind = KIND_OF[set]!;
    refs = p.statements.map((cs, i) =>
      Object.freeze({
        set: kind,
        policy: p.name,
        statement: i,
        ...(cs.statement.sid !== undefined ? { sid: cs.statement.sid } : {}),
        effect: cs.statement.effect,
      }),
    );
    bySet[set] = refs;
  }
  return refs;
}

function newScan(): Scan {
  return { deny: F, allow: F, allowRef: undefined, allowVia: undefined, allowRank: 0 };
}
// Scratch results reused across decisions (evaluation is synchronous and never re-entered), so a
// decision allocates only its result. One per policy set alive at the same time.
const scratch = {
  level: newScan(),
  vpce: newScan(),
  identity: newScan(),
  pb: newScan(),
  session: newScan(),
  resource: newScan(),
};

function reset(out: Scan): Scan {
  out.deny = F;
  out.allow = F;
  out.allowRef = undefined;
  out.allowVia = undefined;
  out.allowRank = 0;
  return out;
}

function scan(set: number, policies: readonly CompiledPolicy[], req: AuthzRequest, out: Scan): Scan {
  reset(out);
  for (let pi = 0; pi < policies.length; pi++) scanPolicy(set, policies[pi]!, req, out);
  return out;
}

/** Matched Deny statements go straight to the accumulator (`note` is called right after each scan). */
function scanPolicy(set: number, p: CompiledPolicy, req: AuthzRequest, out: Scan): void {
  const sts = p.statements;
  const idx = p.byActionId[req.actionId] ?? p.forAction(req.actionLower, req.actionId);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const s = sts[i]!;
    if (s.deny) {
      const r = s.always ? T : appliesGivenAction(s, req);
      if (r === T) {
        out.deny = T;
        acc.deny(refsOf(set, p)[i]!);
      } else if (r === U && out.deny === F) out.deny = U;
      continue;
    }
    // An Allow cannot change the outcome once a Deny matched; keep scanning only for Denies. Once
    // an Allow granted, only a more specific principal match can change the granting reference.
    if (out.deny === T || (out.allow === T && s.maxViaRank <= out.allowRank)) continue;
    let r: Tri = T;
    let via: PrincipalMatchKind | 'none' = 'none';
    let rank = VIA_RANK_NONE;
    if (!s.always) {
      r = appliesGivenAction(s, req);
      via = lastVia;
      rank = lastViaRank;
    }
    if (r === T) {
      if (out.allow !== T || rank > out.allowRank) {
        out.allowRef = refsOf(set, p)[i];
        out.allowVia = via;
        out.allowRank = rank;
      }
      out.allow = T;
    } else if (r === U && out.allow === F) out.allow = U;
  }
}

function and(a: Tri, b: Tri): Tri {
  return a === F || b === F ? F : a === U || b === U ? U : T;
}
function or(a: Tri, b: Tri): Tri {
  return a === T || b === T ? T : a === U || b === U ? U : F;
}

/**
 * Services whose resources RCPs govern: the five in the Organizations / Control Tower documentation
 * (S3, STS, KMS, SQS, Secrets Manager) plus those the AWS data-perimeter RCP samples cover
 * (../shared/fixtures/policies-data-perimeter/resource_control_policies). For any other service an
 * RCP has no effect. A service missing here errs towards "allowed" (never towards a false sense of
 * protection).
 */
const RCP_SERVICES = new Set([
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'aoss',
  'cognito-identity',
  'cognito-idp',
  'dynamodb',
  'ecr',
  'logs',
]);

export function rcpApplies(actionLower: string): boolean {
  return RCP_SERVICES.has(actionLower.slice(0, actionLower.indexOf(':')));
}

const BIT: Record<PolicySetKind, number> = {
  scp: 1,
  rcp: 2,
  vpce: 4,
  identity: 8,
  resource: 16,
  pb: 32,
  session: 64,
};

const NONE: readonly never[] = Object.freeze([]);

/**
 * Per-evaluation accumulator: one instance reused by every decision (evaluation is synchronous and
 * never re-entered); `start` resets it. The arrays it hands out are fresh per decision.
 */
class Acc {
  /** Matched Deny refs and granting Allow refs, in scratch arrays (copied out only when returned). */
  readonly denies: StatementRef[] = [];
  nDenies = 0;
  deniedBy = 0;
  denyUnknown = false;
  readonly grants: StatementRef[] = [];
  nGrants = 0;
  blocked = 0;
  blockedAt: string[] | undefined = undefined;
  allowed: Tri = T;

  start(): void {
    this.nDenies = 0;
    this.deniedBy = 0;
    this.denyUnknown = false;
    this.nGrants = 0;
    this.blocked = 0;
    this.blockedAt = undefined;
    this.allowed = T;
  }
  deny(r: StatementRef): void {
    this.denies[this.nDenies++] = r;
  }
  note(set: number, s: Scan): void {
    if (s.deny === T) this.deniedBy |= 1 << set;
    else if (s.deny === U) this.denyUnknown = true;
  }
  grant(r: StatementRef | undefined): void {
    if (r) this.grants[this.nGrants++] = r;
  }
  blockAt(id: string): void {
    (this.blockedAt ??= []).push(id);
  }
}
const acc = new Acc();

function limitBlocks(pbAllow: Tri, seAllow: Tri): void {
  if (pbAllow !== T) acc.blocked |= BIT.pb;
  if (seAllow !== T) acc.blocked |= BIT.session;
}

/** Evaluates one request against a set of compiled policies. */
export function evaluate(policies: PolicySet, req: AuthzRequest): Decision {
  acc.start();

  // SCPs: every level must allow; the management account is exempt.
  const scp = policies.scp;
  if (
    scp &&
    scp.length > 0 &&
    !policies.principalIsManagementAccount &&
    !policies.principalIsServiceLinkedRole
  ) {
    for (let i = 0; i < scp.length; i++) {
      const level = scp[i]!;
      const s = scan(SCP, level.policies, req, scratch.level);
      acc.note(SCP, s);
      if (s.allow !== T) {
        acc.blocked |= BIT.scp;
        acc.blockAt(level.id);
      } else acc.grant(s.allowRef);
      acc.allowed = and(acc.allowed, s.allow);
    }
  }
  // RCPs: deny-only in effect (RCPFullAWSAccess allows everything at every level).
  const rcp = policies.rcp;
  if (rcp && rcp.length > 0 && !policies.resourceIsManagementAccount && rcpApplies(req.actionLower)) {
    for (let i = 0; i < rcp.length; i++) acc.note(RCP, scan(RCP, rcp[i]!.policies, req, scratch.level));
  }
  // VPC endpoint policies: each endpoint on the path must allow.
  const endpoint = policies.endpoint;
  if (endpoint) {
    for (let i = 0; i < endpoint.length; i++) {
      const ep = endpoint[i]!;
      const s = reset(scratch.vpce);
      scanPolicy(VPCE, ep, req, s);
      acc.note(VPCE, s);
      if (s.allow !== T) {
        acc.blocked |= BIT.vpce;
        acc.blockAt(ep.name);
      } else acc.grant(s.allowRef);
      acc.allowed = and(acc.allowed, s.allow);
    }
  }

  const id = scan(IDENTITY, policies.identity, req, scratch.identity);
  acc.note(IDENTITY, id);
  const pb =
    policies.boundary && policies.boundary.length > 0
      ? scan(PB, policies.boundary, req, scratch.pb)
      : undefined;
  if (pb) acc.note(PB, pb);
  const se =
    policies.session && policies.session.length > 0
      ? scan(SESSION, policies.session, req, scratch.session)
      : undefined;
  if (se) acc.note(SESSION, se);
  const resourcePolicy = policies.resource;
  let res: Scan | undefined;
  if (resourcePolicy) {
    res = reset(scratch.resource);
    scanPolicy(RESOURCE, resourcePolicy, req, res);
  }
  if (res) acc.note(RESOURCE, res);

  const pbAllow = pb ? pb.allow : T;
  const seAllow = se ? se.allow : T;
  const limits = and(pbAllow, seAllow);
  const identityPath = and(id.allow, limits);
  const resAllow = res ? res.allow : F;
  const via = res?.allowVia;
  // A resource policy naming the IAM user or the role *session* is not limited by an implicit
  // deny in the boundary or session policy; naming the role (or the account) is.
  const unlimited = via === 'user' || via === 'session' || via === 'federated-user';
  const isTrust = resourcePolicy?.type === 'trust';
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
      if (idBlocks && (resBlocks || !resourcePolicy)) {
        acc.blocked |= BIT.identity;
        if (resourcePolicy) acc.blocked |= BIT.resource;
      } else limitBlocks(pbAllow, seAllow);
    }
  } else {
    // Cross-account, or a role trust policy: the resource side must allow explicitly. A trust
    // policy that names a principal of the same account directly needs no identity policy.
    const directTrust = isTrust && sameAccount && resAllow === T && via !== 'account';
    core = directTrust ? and(resAllow, unlimited ? T : limits) : and(identityPath, resAllow);
    if (core !== T) {
      if (resAllow !== T) acc.blocked |= BIT.resource;
      if (!directTrust && id.allow !== T) acc.blocked |= BIT.identity;
      else limitBlocks(pbAllow, seAllow);
    }
  }
  acc.allowed = and(acc.allowed, core);
  if (core === T) {
    if (id.allow === T && identityPath === T) acc.grant(id.allowRef);
    if (res?.allow === T) acc.grant(res.allowRef);
    if (pb && identityPath === T) acc.grant(pb.allowRef);
    if (se && identityPath === T) acc.grant(se.allowRef);
  }

  const unknownKeys = acc.denyUnknown || acc.allowed === U ? collectUnknownKeys(policies, req) : NONE;
  if (acc.deniedBy !== 0) {
    return {
      decision: 'ExplicitlyDenied',
      blockedBy: ordered(acc.deniedBy),
      deciding: acc.nDenies === 0 ? NONE : acc.denies.slice(0, acc.nDenies),
      unknownKeys,
      blockedAt: NONE,
    };
  }
  if (acc.allowed === F) {
    return {
      decision: 'ImplicitlyDenied',
      blockedBy: ordered(acc.blocked),
      deciding: NONE,
      unknownKeys,
      blockedAt: acc.blockedAt ?? NONE,
    };
  }
  if (acc.allowed === T && !acc.denyUnknown) {
    return {
      decision: 'Allowed',
      blockedBy: NONE,
      deciding: acc.nGrants === 0 ? NONE : acc.grants.slice(0, acc.nGrants),
      unknownKeys: NONE,
      blockedAt: NONE,
    };
  }
  return {
    decision: 'Unknown',
    blockedBy: ordered(acc.blocked),
    deciding: NONE,
    unknownKeys,
    blockedAt: acc.blockedAt ?? NONE,
  };
}

const orderedCache: PolicySetKind[][] = [];
/** The kinds whose bit is set, in `policySetKinds` order (cached per mask; treat as read-only). */
function ordered(mask: number): PolicySetKind[] {
  let r = orderedCache[mask];
  if (!r) {
    r = Object.freeze(policySetKinds.filter((k) => (mask & BIT[k]) !== 0)) as PolicySetKind[];
    orderedCache[mask] = r;
  }
  return r;
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
