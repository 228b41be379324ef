// Explanations: per policy, per statement, whether the action, resource, principal and each
// condition matched and why. Built on the same compiled matchers as the decision (slow path, only
// when asked for).
import { statementApplies, type CompiledPolicy, type CompiledStatement } from './compile.js';
import { compileCondition, F, T, U, type CompiledCondition, type Tri } from './conditions.js';
import type { PolicySet, PolicySetKind } from './evaluate.js';
import { UNKNOWN, type AuthzRequest } from './request.js';
import type { Effect } from './types.js';

export type MatchResult = 'matched' | 'not matched' | 'unknown';

export interface ElementExplain {
  readonly result: MatchResult;
  readonly reason: string;
}

export interface ConditionExplain extends ElementExplain {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  /** The request's value(s) for the key, `absent`, or `unknown`. */
  readonly requestValue: readonly string[] | 'absent' | 'unknown';
}

export interface StatementExplain {
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  /** Whether the statement applies to the request (all of the elements below matched). */
  readonly result: MatchResult;
  readonly action: ElementExplain;
  readonly resource: ElementExplain;
  readonly principal: ElementExplain;
  readonly conditions: readonly ConditionExplain[];
}

export interface PolicyExplain {
  readonly set: PolicySetKind;
  /** Org level (root/OU/account id) for SCPs and RCPs. */
  readonly level?: string;
  readonly policy: string;
  readonly statements: readonly StatementExplain[];
}

const word = (t: Tri): MatchResult => (t === T ? 'matched' : t === U ? 'unknown' : 'not matched');

function explainCondition(c: CompiledCondition, req: AuthzRequest, variables: boolean): ConditionExplain {
  const { clause } = c;
  const v = req.context.get(c.keyLower);
  const base = { operator: clause.operator, key: clause.key, values: clause.values };
  const result = c.test(req.context);
  if (v === UNKNOWN) {
    return {
      ...base,
      requestValue: 'unknown',
      result: 'unknown',
      reason: `the value of ${clause.key} is unknown for this request`,
    };
  }
  if (clause.base === 'Null') {
    const present = v !== undefined;
    return {
      ...base,
      requestValue: present ? v : 'absent',
      result: word(result),
      reason: `${clause.key} is ${present ? 'present' : 'missing'}; Null ${JSON.stringify(clause.values)} ${result === T ? 'matches' : 'does not match'} (Null "true" = must be missing, "false" = must be present)`,
    };
  }
  if (v === undefined || (clause.setOperator !== undefined && v.length === 0)) {
    let why: string;
    if (clause.setOperator === 'ForAllValues')
      why = 'matched because the key is missing (ForAllValues: is true for a missing or empty key)';
    else if (clause.setOperator === 'ForAnyValue')
      why = 'not matched: the key is missing (ForAnyValue: is false for a missing key)';
    else if (clause.ifExists)
      why = 'matched because the key is missing (…IfExists is true when the key is missing)';
    else if (c.info.negated)
      why = `matched because the key is missing (${c.info.name} is a negated operator: true when the key is missing)`;
    else why = `not matched: the key is missing (${c.info.name} is false when the key is missing)`;
    return { ...base, requestValue: 'absent', result: word(result), reason: why };
  }
  // Which policy value(s) match which request value: compile each value alone (slow path).
  const singles = clause.values.map((val) => ({
    val,
    c: compileCondition({ ...clause, values: [val] }, variables),
  }));
  const hits: string[] = [];
  const unresolved: string[] = [];
  for (const x of v) {
    for (const s of singles) {
      const m = s.c.matchOne(x, req.context);
      if (m === T) hits.push(`${JSON.stringify(x)} ~ ${JSON.stringify(s.val)}`);
      if (m === F && variables && c.info.variables && s.val.includes('${')) {
        const names = [...s.val.matchAll(/\$\{([^},]+)/g)].map((mm) => (mm[1] ?? '').trim());
        for (const n of names) {
          const nv = req.context.get(n.toLowerCase());
          if (nv === undefined || (nv !== UNKNOWN && nv.length !== 1)) unresolved.push(n);
        }
      }
    }
  }
  const parts: string[] = [];
  parts.push(
    hits.length > 0
      ? `value matches: ${[...new Set(hits)].join(', ')}`
      : `no policy value matches the request value ${JSON.stringify(v.length === 1 ? v[0] : v)}`,
  );
  if (unresolved.length > 0) {
    parts.push(
      `policy variable ${[...new Set(unresolved)].map((n) => `\${${n}}`).join(', ')} has no value in this request, so that value matches nothing`,
    );
  }
  if (c.info.negated) parts.push(`${c.info.name} is negated: true when no value matches`);
  if (clause.setOperator) parts.push(`${clause.setOperator}: over ${v.length} request value(s)`);
  return { ...base, requestValue: v, result: word(result), reason: `${word(result)}: ${parts.join('; ')}` };
}

function listText(xs: readonly string[] | undefined): string {
  return JSON.stringify(xs && xs.length === 1 ? xs[0] : xs);
}

export function explainStatement(
  s: CompiledStatement,
  req: AuthzRequest,
  variables: boolean,
): StatementExplain {
  const st = s.statement;
  const actionOk = s.matchAction(req.actionLower);
  const action: ElementExplain = st.notAction
    ? {
        result: actionOk ? 'matched' : 'not matched',
        reason: `${JSON.stringify(req.action)} ${actionOk ? 'is not' : 'is'} listed in NotAction ${listText(st.notAction)}`,
      }
    : {
        result: actionOk ? 'matched' : 'not matched',
        reason: `${JSON.stringify(req.action)} ${actionOk ? 'matches' : 'does not match'} Action ${listText(st.action)} (case-insensitive)`,
      };
  const rr = s.matchResource(req.resource, req.context);
  const resource: ElementExplain = st.notResource
    ? {
        result: word(rr),
        reason: `${JSON.stringify(req.resource)} ${rr === T ? 'is not' : rr === F ? 'is' : 'may be'} covered by NotResource ${listText(st.notResource)}`,
      }
    : st.resource
      ? {
          result: word(rr),
          reason: `${JSON.stringify(req.resource)} ${rr === T ? 'matches' : rr === F ? 'does not match' : 'may match'} Resource ${listText(st.resource)} (case-sensitive; a policy variable without a value matches nothing)`,
        }
      : {
          result: 'matched',
          reason: 'no Resource element (the resource is the one the policy is attached to)',
        };
  const via = s.matchPrincipal(req.principal);
  const principal: ElementExplain =
    via === 'none'
      ? {
          result: 'matched',
          reason: 'no Principal element (the policy applies to the identity or account it is attached to)',
        }
      : via === undefined
        ? {
            result: 'not matched',
            reason: `${JSON.stringify(req.principal.raw)} is not named by ${st.notPrincipal ? 'NotPrincipal (it is excluded)' : 'Principal'}`,
          }
        : {
            result: 'matched',
            reason: `${JSON.stringify(req.principal.raw)} is covered by ${st.notPrincipal ? 'NotPrincipal (not excluded)' : 'Principal'} (${via})`,
          };
  const conditions = s.conditions.map((c) => explainCondition(c, req, variables));
  const applies = statementApplies(s, req);
  return {
    index: st.index,
    ...(st.sid !== undefined ? { sid: st.sid } : {}),
    effect: st.effect,
    result: word(applies),
    action,
    resource,
    principal,
    conditions,
  };
}

export function explainPolicy(
  set: PolicySetKind,
  p: CompiledPolicy,
  req: AuthzRequest,
  level?: string,
): PolicyExplain {
  const variables = p.policy.version === '2012-10-17';
  return {
    set,
    ...(level !== undefined ? { level } : {}),
    policy: p.name,
    statements: p.statements.map((s) => explainStatement(s, req, variables)),
  };
}

/** Explanations for every policy of the set, in evaluation order. */
export function explainAll(policies: PolicySet, req: AuthzRequest): PolicyExplain[] {
  const out: PolicyExplain[] = [];
  for (const l of policies.scp ?? [])
    for (const p of l.policies) out.push(explainPolicy('scp', p, req, l.id));
  for (const l of policies.rcp ?? [])
    for (const p of l.policies) out.push(explainPolicy('rcp', p, req, l.id));
  for (const p of policies.endpoint ?? []) out.push(explainPolicy('vpce', p, req));
  for (const p of policies.identity) out.push(explainPolicy('identity', p, req));
  if (policies.resource) out.push(explainPolicy('resource', policies.resource, req));
  for (const p of policies.boundary ?? []) out.push(explainPolicy('pb', p, req));
  for (const p of policies.session ?? []) out.push(explainPolicy('session', p, req));
  return out;
}
