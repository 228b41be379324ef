// Policy variables resolved per request, without allocating on the hot path: a literal pattern is
// rebuilt by concatenation; a wildcard pattern's matcher is cached by its resolved variable values.
import { compileTokens, STAR, QMARK, type Matcher, type Token, type VarRef } from './pattern.js';
import { UNKNOWN, type RequestContext } from './request.js';

/** 0 false, 1 true, 2 unknown (same encoding as conditions.ts Tri). */
type Tri = 0 | 1 | 2;

/** The value of one variable: its single context value, else its default; null = no value. */
export function resolveVar(t: VarRef, ctx: RequestContext): string | null | typeof UNKNOWN {
  const v = ctx.get(t.nameLower);
  if (v === UNKNOWN) return UNKNOWN;
  // A multivalued key has no single value to substitute: treated as no value.
  if (v !== undefined && v.length === 1) return v[0] as string;
  return t.defaultValue ?? null;
}

/**
 * A matcher for tokens holding variables. Without wildcards it compares against the concatenated
 * text; with wildcards it compiles (once per distinct set of variable values) a matcher in which the
 * substituted values are literal. A variable without a value makes the pattern match nothing
 * (DOMAIN.md §2); an UNKNOWN one makes the result unknown.
 */
export function variableMatcher(
  tokens: readonly Token[],
  options: { readonly ignoreCase?: boolean; readonly arn?: boolean },
): (x: string, ctx: RequestContext) => Tri {
  const wildcards = tokens.some((t) => t === STAR || t === QMARK);
  const ignoreCase = options.ignoreCase === true;
  if (!wildcards) {
    if (tokens.length === 1 && typeof tokens[0] === 'object') {
      // The whole value is one variable: compare with its value directly.
      const t = tokens[0];
      return (x, ctx) => {
        const v = resolveVar(t, ctx);
        if (v === UNKNOWN) return 2;
        if (v === null) return 0;
        return (ignoreCase ? x.toLowerCase() === v.toLowerCase() : x === v) ? 1 : 0;
      };
    }
    return (x, ctx) => {
      let s = '';
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        if (typeof t === 'string') s += t;
        else {
          const v = resolveVar(t as VarRef, ctx);
          if (v === UNKNOWN) return 2;
          if (v === null) return 0;
          s += v;
        }
      }
      return (ignoreCase ? x.toLowerCase() === s.toLowerCase() : x === s) ? 1 : 0;
    };
  }
  const vars = tokens.filter((t): t is VarRef => typeof t === 'object');
  const cache = new Map<string, Matcher>();
  const build = (values: readonly string[]): Matcher => {
    let i = 0;
    const sub = tokens.map((t) => (typeof t === 'object' ? (values[i++] as string) : t));
    return compileTokens(sub, options);
  };
  if (vars.length === 1) {
    // One variable: its value is the cache key (no key string built per request).
    const only = vars[0]!;
    return (x, ctx) => {
      const v = resolveVar(only, ctx);
      if (v === UNKNOWN) return 2;
      if (v === null) return 0;
      let m = cache.get(v);
      if (m === undefined) {
        m = build([v]);
        if (cache.size > 1000) cache.clear();
        cache.set(v, m);
      }
      return m(x) ? 1 : 0;
    };
  }
  return (x, ctx) => {
    let key = '';
    for (let i = 0; i < vars.length; i++) {
      const v = resolveVar(vars[i]!, ctx);
      if (v === UNKNOWN) return 2;
      if (v === null) return 0;
      key += `${v}\u0000`;
    }
    let m = cache.get(key);
    if (m === undefined) {
      m = build(key.split('\u0000'));
      if (cache.size > 1000) cache.clear();
      cache.set(key, m);
    }
    return m(x) ? 1 : 0;
  };
}
