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
    const anyAbsent = clause.values.some((v) => v.toLowerCase() === 'true');
    const anyPresent = clause.values.some((v) => v.toLowerCase() === 'false');
    const test = (ctx: RequestContext): Tri => {
      const v = ctx.get(keyLower);
      if (v === UNKNOWN) return U;
      if (v === undefined) return ifExists || anyAbsent ? T : F;
      return anyPresent ? T : F;
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
    : tests.length === 1
      ? tests[0]!
      : (x: string, ctx: RequestContext): Tri => {
          let r: Tri = F;
          for (const t of tests) {
            const m = t(x, ctx);
            if (m === T) return T;
            if (m === U) r = U;
          }
          return r;
        };

  // The result for an absent key (and for an empty set under a set operator).
  const absentResult: Tri =
    setOp === 'ForAllValues' ? T : setOp === 'ForAnyValue' ? F : ifExists ? T : negated ? T : F;
  const mode = setOp === 'ForAllValues' ? ALL : setOp === 'ForAnyValue' ? ANY : negated ? NOT_ANY : PLAIN;
  const test = eqSet
    ? eqSetTest(keyLower, eqSet, lowerCase, mode, negated, absentResult)
    : generalTest(keyLower, matchOne, mode, negated, absentResult);
  return { clause, keyLower, info, test, matchOne };
}

/** How the context values combine: plain operator, negated plain operator, ForAllValues, ForAnyValue. */
const PLAIN = 0;
const NOT_ANY = 1;
const ALL = 2;
const ANY = 3;
type Mode = typeof PLAIN | typeof NOT_ANY | typeof ALL | typeof ANY;

/** A clause over a static set of strings (StringEquals, Bool, …): Set lookups, never unknown per value. */
function eqSetTest(
  keyLower: string,
  eqSet: ReadonlySet<string>,
  lowerCase: boolean,
  mode: Mode,
  negated: boolean,
  absentResult: Tri,
): (ctx: RequestContext) => Tri {
  // An exact hit is a hit ignoring case too (the set holds lower-cased values).
  const has = (x: string): boolean => eqSet.has(x) || (lowerCase && eqSet.has(x.toLowerCase()));
  if (mode === PLAIN || mode === NOT_ANY) {
    const hit = mode === PLAIN ? T : F;
    const miss = mode === PLAIN ? F : T;
    if (eqSet.size === 1) {
      // One policy value: compare strings (the common single-valued key first).
      const only = eqSet.values().next().value as string;
      return (ctx) => {
        const v = ctx.get(keyLower);
        if (v === UNKNOWN) return U;
        if (v === undefined) return absentResult;
        for (let i = 0; i < v.length; i++) {
          const x = v[i]!;
          if (x === only || (lowerCase && x.toLowerCase() === only)) return hit;
        }
        return miss;
      };
    }
    return (ctx) => {
      const v = ctx.get(keyLower);
      if (v === UNKNOWN) return U;
      if (v === undefined) return absentResult;
      for (let i = 0; i < v.length; i++) if (has(v[i]!)) return hit;
      return miss;
    };
  }
  if (mode === ALL) {
    // Every context value must match (negated: must not match).
    return (ctx) => {
      const v = ctx.get(keyLower);
      if (v === UNKNOWN) return U;
      if (v === undefined || v.length === 0) return absentResult;
      for (let i = 0; i < v.length; i++) if (has(v[i]!) === negated) return F;
      return T;
    };
  }
  // ForAnyValue: some context value matches (negated: some context value does not match).
  return (ctx) => {
    const v = ctx.get(keyLower);
    if (v === UNKNOWN) return U;
    if (v === undefined || v.length === 0) return absentResult;
    for (let i = 0; i < v.length; i++) if (has(v[i]!) !== negated) return T;
    return F;
  };
}

function generalTest(
  keyLower: string,
  matchOne: (x: string, ctx: RequestContext) => Tri,
  mode: Mode,
  negated: boolean,
  absentResult: Tri,
): (ctx: RequestContext) => Tri {
  if (mode === ALL) {
    return (ctx) => {
      const v = ctx.get(keyLower);
      if (v === UNKNOWN) return U;
      if (v === undefined || v.length === 0) return absentResult;
      let r: Tri = T;
      for (let i = 0; i < v.length; i++) {
        const m0 = matchOne(v[i]!, ctx);
        const m = negated ? triNot(m0) : m0;
        if (m === F) return F;
        if (m === U) r = U;
      }
      return r;
    };
  }
  // ForAnyValue, and a plain operator on a (possibly multivalued) key: true when any context value
  // matches; a negated plain operator is true when no context value matches any policy value.
  const flipEach = mode === ANY && negated;
  const flipAll = mode === NOT_ANY;
  const setOp = mode === ANY;
  return (ctx) => {
    const v = ctx.get(keyLower);
    if (v === UNKNOWN) return U;
    if (v === undefined || (setOp && v.length === 0)) return absentResult;
    let any: Tri = F;
    for (let i = 0; i < v.length; i++) {
      const m0 = matchOne(v[i]!, ctx);
      const m = flipEach ? triNot(m0) : m0;
      if (m === T) {
        any = T;
        break;
      }
      if (m === U) any = U;
    }
    return flipAll ? triNot(any) : any;
  };
}
