// Compiled condition clauses: each `operator → key → values` becomes one test over the request
// context, with its values parsed (numbers, dates, CIDRs, patterns) once at compile time.
//
// Missing-key and set-operator rules (DOMAIN.md §2; IAM User Guide "Condition operators" and
// "Multivalued context keys"):
// - key absent: positive operators false, negated operators true, …IfExists true,
//   ForAllValues: true (also on an empty set), ForAnyValue: false;
// - Null: "true" matches an absent key, "false" a present one;
// - values of one key OR; for negated operators: none of the values matches;
// - a policy variable without a value in a condition value: that value does not match (so
//   positive operators are false and negated operators are true).
// Results are three-valued: a key whose value is UNKNOWN makes the clause unknown.
import { parseCidr, tryParseIp, cidrContainsIp, type Cidr } from '../net/index.js';
import { parseOperator, type OperatorInfo } from './operators.js';
import { compileTokens, parsePattern, type Token } from './pattern.js';
import { variableMatcher } from './resolve.js';
import { UNKNOWN, type RequestContext } from './request.js';
import type { ConditionClause } from './types.js';
import { parseDateValue, parseNumericValue } from './values.js';

/** Three-valued logic: false, true, unknown. */
export type Tri = 0 | 1 | 2;
export const F: Tri = 0;
export const T: Tri = 1;
export const U: Tri = 2;

export function triNot(t: Tri): Tri {
  return t === U ? U : t === T ? F : T;
}

/** One policy value, compiled: static (no variables) or resolved per request. */
type ValueTest = (x: string, ctx: RequestContext) => Tri;

export interface CompiledCondition {
  readonly clause: ConditionClause;
  readonly keyLower: string;
  readonly info: OperatorInfo;
  /** Evaluates the clause against the request context. */
  test(ctx: RequestContext): Tri;
  /** Does any policy value match `x` (the positive comparison), for explanations. */
  matchOne(x: string, ctx: RequestContext): Tri;
}

function compileValueTest(info: OperatorInfo, raw: string, variables: boolean): ValueTest {
  const useVars = variables && info.variables;
  switch (info.category) {
    case 'numeric': {
      const n = parseNumericValue(raw);
      const cmp = numericCompare(info.comparison);
      return (x) => {
        const c = parseNumericValue(x);
        return n === undefined || c === undefined ? F : cmp(c, n) ? T : F;
      };
    }
    case 'date': {
      const d = parseDateValue(raw);
      const cmp = numericCompare(info.comparison);
      return (x) => {
        const c = parseDateValue(x);
        return d === undefined || c === undefined ? F : cmp(c, d) ? T : F;
      };
    }
    case 'ip': {
      let cidr: Cidr | undefined;
      try {
        cidr = parseCidr(raw);
      } catch {
        cidr = undefined;
      }
      return (x) => {
        if (cidr === undefined) return F;
        const ip = cachedIp(x);
        return ip !== undefined && cidrContainsIp(cidr, ip.version, ip.value) ? T : F;
      };
    }
    case 'binary':
      return (x) => (x === raw ? T : F);
    default:
      break;
  }
  // string, bool, arn: optional variables, optional wildcards.
  const wildcards = info.comparison === 'like' || info.comparison === 'arn-like';
  const ignoreCase = info.comparison === 'equals-ignore-case';
  const arn = info.comparison === 'arn-like';
  const parsed = parsePattern(raw, wildcards, useVars);
  const tokens: readonly Token[] = typeof parsed === 'string' ? [raw] : parsed.tokens;
  const hasVars = typeof parsed !== 'string' && parsed.hasVariables;
  if (!hasVars) {
    const m = compileTokens(tokens as (string | 0 | 1)[], { ignoreCase, arn });
    return (x) => (m(x) ? T : F);
  }
  return variableMatcher(tokens, { ignoreCase, arn });
}

const ipCache = new Map<string, { version: 4 | 6; value: bigint } | null>();
/** Request IPs repeat across statements and requests: parse each once (bounded cache). */
function cachedIp(x: string): { version: 4 | 6; value: bigint } | undefined {
  let ip = ipCache.get(x);
  if (ip === undefined) {
    ip = tryParseIp(x) ?? null;
    if (ipCache.size > 10_000) ipCache.clear();
    ipCache.set(x, ip);
  }
  return ip ?? undefined;
}

function numericCompare(c: string): (a: number, b: number) => boolean {
  switch (c) {
    case 'lt':
      return (a, b) => a < b;
    case 'lte':
      return (a, b) => a <= b;
    case 'gt':
      return (a, b) => a > b;
    case 'gte':
      return (a, b) => a >= b;
    default:
      return (a, b) => a === b;
  }
}

/**
 * Compiles one clause. `variables` is true for policies with Version 2012-10-17. Throws on an
 * unknown operator (parse.ts reports those before compiling).
 */
export function compileCondition(clause: ConditionClause, variables: boolean): CompiledCondition {
  const parsed = parseOperator(clause.operator);
  if (typeof parsed === 'string') throw new Error(parsed);
  const info = parsed.info;
  const keyLower = clause.key.toLowerCase();
  const negated = info.negated;
  const ifExists = clause.ifExists;
  const setOp = clause.setOperator;

  if (info.category === 'null') {
    const wantAbsent = clause.values.map((v) => v.toLowerCase() === 'true');
    const wantPresent = clause.values.map((v) => v.toLowerCase() === 'false');
    const test = (ctx: RequestContext): Tri => {
      const v = ctx.get(keyLower);
      if (v === UNKNOWN) return U;
      const absent = v === undefined;
      if (absent && ifExists) return T;
      return (absent ? wantAbsent : wantPresent).some(Boolean) ? T : F;
    };
    return { clause, keyLower, info, test, matchOne: () => F };
  }

  const tests = clause.values.map((raw) => compileValueTest(info, raw, variables));
  // Fast path: StringEquals/Bool without variables on a single-valued key → a Set lookup.
  const staticEq =
    (info.comparison === 'equals' && info.category === 'string') || info.comparison === 'equals-ignore-case';
  const anyVars = clause.values.some((v) => variables && info.variables && v.includes('${'));
  const lowerCase = info.comparison === 'equals-ignore-case';
  const eqSet =
    staticEq && !anyVars ? new Set(clause.values.map((v) => (lowerCase ? v.toLowerCase() : v))) : undefined;

  const matchOne = eqSet
    ? (x: string): Tri => (eqSet.has(lowerCase ? x.toLowerCase() : x) ? T : F)
    : (x: string, ctx: RequestContext): Tri => {
        let r: Tri = F;
        for (const t of tests) {
          const m = t(x, ctx);
          if (m === T) return T;
          if (m === U) r = U;
        }
        return r;
      };

  const test = (ctx: RequestContext): Tri => {
    const v = ctx.get(keyLower);
    if (v === UNKNOWN) return U;
    if (v === undefined || (setOp !== undefined && v.length === 0)) {
      if (setOp === 'ForAllValues') return T;
      if (setOp === 'ForAnyValue') return F;
      if (ifExists) return T;
      return negated ? T : F;
    }
    if (setOp === 'ForAllValues') {
      let r: Tri = T;
      for (const x of v) {
        const m = negated ? triNot(matchOne(x, ctx)) : matchOne(x, ctx);
        if (m === F) return F;
        if (m === U) r = U;
      }
      return r;
    }
    // ForAnyValue, and a plain operator on a (possibly multivalued) key: true when any context value
    // matches; a negated plain operator is true when no context value matches any policy value.
    let any: Tri = F;
    for (const x of v) {
      const m = setOp === 'ForAnyValue' && negated ? triNot(matchOne(x, ctx)) : matchOne(x, ctx);
      if (m === T) {
        any = T;
        break;
      }
      if (m === U) any = U;
    }
    return negated && setOp === undefined ? triNot(any) : any;
  };
  return { clause, keyLower, info, test, matchOne };
}
