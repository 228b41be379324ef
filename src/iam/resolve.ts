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
    return (x, ctx) => {
      let s = '';
      for (const t of tokens) {
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
  const cache = new Map<string, Matcher>();
  return (x, ctx) => {
    let key = '';
    for (const t of tokens) {
      if (typeof t !== 'object') continue;
      const v = resolveVar(t, ctx);
      if (v === UNKNOWN) return 2;
      if (v === null) return 0;
      key += `${v}\u0000`;
    }
    let m = cache.get(key);
    if (m === undefined) {
      const parts = key.split('\u0000');
      let i = 0;
      const sub = tokens.map((t) => (typeof t === 'object' ? (parts[i++] as string) : t));
      m = compileTokens(sub, options);
      if (cache.size > 1000) cache.clear();
      cache.set(key, m);
    }
    return m(x) ? 1 : 0;
  };
}
