// Compile a parsed policy once: action matchers (case-insensitive, memoized per action), resource
// matchers (ARN-aware, case-sensitive), principal matchers and condition tests. Evaluation then
// only runs closures and Set lookups.
import { compileCondition, F, T, U, type CompiledCondition, type Tri } from './conditions.js';
import { parsePolicy } from './parse.js';
import { compileTokens, parsePattern, type Matcher } from './pattern.js';
import {
  compileAwsPrincipal,
  compileExactPrincipal,
  compileServicePrincipal,
  type PrincipalMatchKind,
  type PrincipalValueMatcher,
  type RequestPrincipal,
} from './principal.js';
import type { AuthzRequest, RequestContext } from './request.js';
import { variableMatcher } from './resolve.js';
import type { Policy, PolicyIssue, PolicyType, PrincipalElement, Statement } from './types.js';

export interface CompiledStatement {
  readonly statement: Statement;
  readonly deny: boolean;
  /** Does Action/NotAction cover the (lower-cased) action. */
  matchAction(actionLower: string): boolean;
  /** Does Resource/NotResource cover the resource (variables resolved from the context). */
  matchResource(resource: string, ctx: RequestContext): Tri;
  /** How Principal/NotPrincipal covers the principal; `true` when the statement has neither. */
  matchPrincipal(p: RequestPrincipal): PrincipalMatchKind | 'none' | undefined;
  /** In policy order (for explanations). */
  readonly conditions: readonly CompiledCondition[];
  /** The same, cheapest first (AND is order-independent: any false clause makes the statement not apply). */
  readonly conditionsFast: readonly CompiledCondition[];
  /** The highest `VIA_RANK` matchPrincipal can return (an upper bound; 0 = never matches). */
  readonly maxViaRank: number;
  /** No Principal/NotPrincipal: matchPrincipal is always 'none'. */
  readonly anyPrincipal: boolean;
  /** Resource `*` or no resource element: matchResource is always T. */
  readonly anyResource: boolean;
  /** anyPrincipal, anyResource and no conditions: applies (T, via 'none') whenever the action is covered. */
  readonly always: boolean;
}

/** Specificity of a principal match: the most specific granting Allow is the one reported. */
export const VIA_RANK: Readonly<Record<PrincipalMatchKind | 'none', number>> = Object.freeze({
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
});

export interface CompiledPolicy {
  readonly name: string;
  readonly type: PolicyType;
  readonly policy: Policy;
  readonly statements: readonly CompiledStatement[];
  /** Validation issues found when parsing (errors mean AWS would reject the policy). */
  readonly issues: readonly PolicyIssue[];
  /** Per-policy scratch for the evaluator (cached statement references). */
  readonly memo: { refs?: (readonly unknown[] | undefined)[] };
  /** Indexes of the statements whose Action/NotAction covers the (lower-cased) action; memoized. */
  forAction(actionLower: string, actionId?: number): readonly number[];
  /** forAction results filled in per action id (read directly on the hot path; may be missing). */
  readonly byActionId: readonly (readonly number[] | undefined)[];
}

function compileActions(patterns: readonly string[]): (actionLower: string) => boolean {
  if (patterns.includes('*')) return () => true;
  const literals = new Set<string>();
  const matchers: Matcher[] = [];
  for (const p of patterns) {
    const lower = p.toLowerCase();
    if (!lower.includes('*') && !lower.includes('?')) literals.add(lower);
    else {
      const parsed = parsePattern(lower, true, false);
      if (typeof parsed !== 'string') matchers.push(compileTokens(parsed.tokens as (string | 0 | 1)[]));
    }
  }
  const cache = new Map<string, boolean>();
  return (a) => {
    if (literals.has(a)) return true;
    if (matchers.length === 0) return false;
    let r = cache.get(a);
    if (r === undefined) {
      r = matchers.some((m) => m(a));
      if (cache.size > 10_000) cache.clear();
      cache.set(a, r);
    }
    return r;
  };
}

function compileResources(
  patterns: readonly string[],
  variables: boolean,
): (r: string, ctx: RequestContext) => Tri {
  if (patterns.includes('*')) return () => T;
  const statics: Matcher[] = [];
  const dynamic: ((x: string, ctx: RequestContext) => Tri)[] = [];
  for (const p of patterns) {
    const parsed = parsePattern(p, true, variables);
    if (typeof parsed === 'string') continue; // malformed: reported by parse, matches nothing
    // A variable without a value in Resource matches nothing (DOMAIN.md §2): variableMatcher gives 0.
    if (parsed.hasVariables) dynamic.push(variableMatcher(parsed.tokens, { arn: true }));
    else statics.push(compileTokens(parsed.tokens as (string | 0 | 1)[], { arn: true }));
  }
  if (dynamic.length === 0) {
    if (statics.length === 1) {
      const m = statics[0]!;
      return (r) => (m(r) ? T : F);
    }
    return (r) => {
      for (let i = 0; i < statics.length; i++) if (statics[i]!(r)) return T;
      return F;
    };
  }
  return (r, ctx) => {
    for (let i = 0; i < statics.length; i++) if (statics[i]!(r)) return T;
    let result: Tri = F;
    for (let i = 0; i < dynamic.length; i++) {
      const t = dynamic[i]!(r, ctx);
      if (t === T) return T;
      if (t === U) result = U;
    }
    return result;
  };
}

function compilePrincipalElement(el: PrincipalElement): PrincipalValueMatcher {
  if (el.kind === 'wildcard') return () => 'wildcard';
  const ms: PrincipalValueMatcher[] = [
    ...el.aws.map(compileAwsPrincipal),
    ...el.service.map(compileServicePrincipal),
    ...el.federated.map((v) => compileExactPrincipal(v, 'federated')),
    ...el.canonicalUser.map((v) => compileExactPrincipal(v, 'canonical')),
  ];
  // The most specific match wins, so a session ARN beats the account that also lists it.
  const rank: Record<PrincipalMatchKind, number> = {
    session: 9,
    user: 8,
    'federated-user': 7,
    role: 6,
    service: 5,
    federated: 5,
    canonical: 5,
    account: 2,
    wildcard: 1,
  };
  if (ms.length === 1) return ms[0]!;
  return (p) => {
    let best: PrincipalMatchKind | undefined;
    for (let i = 0; i < ms.length; i++) {
      const k = ms[i]!(p);
      if (k !== undefined && (best === undefined || rank[k] > rank[best])) best = k;
    }
    return best;
  };
}

/** An upper bound of the rank a Principal element can match with. */
function maxRankOf(el: PrincipalElement): number {
  if (el.kind === 'wildcard') return VIA_RANK.wildcard;
  const onlyStar = el.aws.every((v) => v === '*');
  const others = el.service.length + el.federated.length + el.canonicalUser.length;
  if (onlyStar && others === 0) return el.aws.length > 0 ? VIA_RANK.wildcard : 0;
  return VIA_RANK.session;
}

/** Rough evaluation cost, to test cheap clauses (Null, Bool, plain string sets) first. */
function conditionCost(c: CompiledCondition): number {
  const cat = c.info.category;
  const vars = c.clause.values.some((v) => v.includes('${'));
  const base = cat === 'null' ? 0 : cat === 'bool' ? 1 : cat === 'string' && !vars ? 2 : cat === 'ip' ? 4 : 3;
  return base + (vars ? 2 : 0) + (c.clause.setOperator ? 1 : 0);
}

export function compileStatement(st: Statement, variables: boolean): CompiledStatement {
  const conditions = st.conditions.map((c) => compileCondition(c, variables));
  const actions = compileActions(st.action ?? st.notAction ?? []);
  const matchAction = st.notAction ? (a: string) => !actions(a) : actions;
  let matchResource: (r: string, ctx: RequestContext) => Tri;
  if (st.resource) matchResource = compileResources(st.resource, variables);
  else if (st.notResource) {
    const inner = compileResources(st.notResource, variables);
    matchResource = (r, ctx) => {
      const m = inner(r, ctx);
      return m === U ? U : m === T ? F : T;
    };
  } else matchResource = () => T;
  let matchPrincipal: (p: RequestPrincipal) => PrincipalMatchKind | 'none' | undefined;
  if (st.principal) matchPrincipal = compilePrincipalElement(st.principal);
  else if (st.notPrincipal) {
    const inner = compilePrincipalElement(st.notPrincipal);
    matchPrincipal = (p) => (inner(p) === undefined ? 'wildcard' : undefined);
  } else matchPrincipal = () => 'none';
  return {
    statement: st,
    deny: st.effect === 'Deny',
    matchAction,
    matchResource,
    matchPrincipal,
    conditions,
    conditionsFast: [...conditions].sort((a, b) => conditionCost(a) - conditionCost(b)),
    maxViaRank: st.principal ? maxRankOf(st.principal) : st.notPrincipal ? VIA_RANK.wildcard : VIA_RANK.none,
    anyPrincipal: !st.principal && !st.notPrincipal,
    anyResource: st.resource ? st.resource.includes('*') : !st.notResource,
    always:
      !st.principal &&
      !st.notPrincipal &&
      (st.resource ? st.resource.includes('*') : !st.notResource) &&
      conditions.length === 0,
  };
}

export function compilePolicy(
  policy: Policy,
  name: string,
  issues: readonly PolicyIssue[] = [],
): CompiledPolicy {
  const variables = policy.version === '2012-10-17';
  const statements = policy.statements.map((s) => compileStatement(s, variables));
  // Per action id: the indexes of the statements covering it (a flat array read per request).
  const byId: (readonly number[] | undefined)[] = [];
  const byAction = new Map<string, readonly number[]>();
  const compute = (actionLower: string): readonly number[] => {
    let idx = byAction.get(actionLower);
    if (idx === undefined) {
      const found: number[] = [];
      for (let i = 0; i < statements.length; i++) if (statements[i]!.matchAction(actionLower)) found.push(i);
      idx = found;
      if (byAction.size > 10_000) byAction.clear();
      byAction.set(actionLower, idx);
    }
    return idx;
  };
  const forAction = (actionLower: string, actionId?: number): readonly number[] => {
    if (actionId === undefined || actionId > 100_000) return compute(actionLower);
    return (byId[actionId] ??= compute(actionLower));
  };
  return { name, type: policy.type, policy, statements, issues, forAction, byActionId: byId, memo: {} };
}

/** Parses and compiles a document; the issues travel with the compiled policy. */
export function compileDocument(document: unknown, type: PolicyType, name: string): CompiledPolicy {
  const r = parsePolicy(document, type);
  return compilePolicy(r.policy, name, r.issues);
}

/** The principal match of the last statementApplies call that returned T or U (avoids allocating). */
export let lastVia: PrincipalMatchKind | 'none' = 'none';

/**
 * Does the statement apply to the request: action, principal, resource and every condition.
 * T / U (depends on an unknown key) / F; on T or U the principal match is left in `lastVia`.
 */
export function statementApplies(s: CompiledStatement, req: AuthzRequest): Tri {
  if (!s.matchAction(req.actionLower)) return F;
  return appliesGivenAction(s, req);
}

/** statementApplies for a statement already known to cover the action (see CompiledPolicy.forAction). */
export function appliesGivenAction(s: CompiledStatement, req: AuthzRequest): Tri {
  let via: PrincipalMatchKind | 'none' | undefined = 'none';
  if (!s.anyPrincipal) {
    via = s.matchPrincipal(req.principal);
    if (via === undefined) return F;
  }
  const ctx = req.context;
  let r: Tri = T;
  if (!s.anyResource) {
    r = s.matchResource(req.resource, ctx);
    if (r === F) return F;
  }
  const conds = s.conditionsFast;
  for (let i = 0; i < conds.length; i++) {
    const t = conds[i]!.test(ctx);
    if (t === F) return F;
    if (t === U) r = U;
  }
  lastVia = via;
  lastViaRank = s.anyPrincipal ? VIA_RANK_NONE : VIA_RANK[via];
  return r;
}

const VIA_RANK_NONE = VIA_RANK.none;
/** VIA_RANK of `lastVia`. */
export let lastViaRank = VIA_RANK_NONE;
/** The rank of 'none' (statements without Principal/NotPrincipal). */
export { VIA_RANK_NONE };
