// Policy strings with wildcards (* ?) and policy variables (${aws:username}, ${k, 'default'},
// escapes ${*} ${?} ${$}), parsed once into tokens and compiled into matchers.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
//
// Matching rules (IAM User Guide "IAM JSON policy elements: Action / Resource" and "Condition
// operators"):
// - actions are case-insensitive, resources and ARNs case-sensitive;
// - in an ARN, * and ? never cross the colons between the first six parts (partition, service,
//   region, account); in the resource part (after the fifth colon) * matches anything, incl. ':' '/';
// - a substituted variable value is matched literally (its * and ? are not wildcards);
// - ${*} ${?} ${$} stand for a literal * ? $.

export const STAR = 0;
export const QMARK = 1;
export interface VarRef {
  readonly name: string;
  readonly nameLower: string;
  readonly defaultValue?: string;
}
/** A literal piece, a wildcard, or a variable. Literal pieces never hold wildcards. */
export type Token = string | typeof STAR | typeof QMARK | VarRef;

export interface ParsedPattern {
  readonly tokens: readonly Token[];
  readonly hasVariables: boolean;
  readonly hasWildcards: boolean;
}

const DEFAULT_RE = /^\s*([^,\s][^,]*?)\s*,\s*'([^']*)'\s*$/;

/**
 * Parses `text`. `wildcards`: * and ? are wildcards (else literal). `variables`: ${...} is a
 * variable (policy Version 2012-10-17 only; else literal). Returns a reason string when a variable is
 * malformed (an unclosed `${` or an empty name).
 */
export function parsePattern(text: string, wildcards: boolean, variables: boolean): ParsedPattern | string {
  const tokens: Token[] = [];
  let literal = '';
  let hasVariables = false;
  let hasWildcards = false;
  const flush = (): void => {
    if (literal !== '') tokens.push(literal);
    literal = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (variables && c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      if (end < 0) return `${JSON.stringify(text)} has "\${" without a closing "}" at offset ${i}`;
      const inner = text.slice(i + 2, end);
      i = end;
      if (inner === '*' || inner === '?' || inner === '$') {
        literal += inner;
        continue;
      }
      const withDefault = DEFAULT_RE.exec(inner);
      const name = (withDefault ? withDefault[1] : inner)?.trim() ?? '';
      if (name === '' || /\s/.test(name)) {
        return `${JSON.stringify(text)} has a malformed policy variable \${${inner}} (expected \${key} or \${key, 'default'})`;
      }
      flush();
      const ref: VarRef =
        withDefault && withDefault[2] !== undefined
          ? { name, nameLower: name.toLowerCase(), defaultValue: withDefault[2] }
          : { name, nameLower: name.toLowerCase() };
      tokens.push(ref);
      hasVariables = true;
      continue;
    }
    if (wildcards && (c === '*' || c === '?')) {
      flush();
      tokens.push(c === '*' ? STAR : QMARK);
      hasWildcards = true;
      continue;
    }
    literal += c;
  }
  flush();
  return { tokens, hasVariables, hasWildcards };
}

export type Matcher = (value: string) => boolean;

const reEscape = /[.*+?^${}()|[\]\\/]/g;
function escapeRe(s: string): string {
  return s.replace(reEscape, '\\$&');
}

/** Regex source for tokens whose variables are already substituted (only strings and wildcards). */
function regexSource(tokens: readonly (string | typeof STAR | typeof QMARK)[], arn: boolean): string {
  let src = '';
  let colons = 0;
  for (const t of tokens) {
    if (typeof t === 'string') {
      src += escapeRe(t);
      if (arn) for (const ch of t) if (ch === ':') colons++;
    } else if (t === STAR) {
      src += arn && colons < 5 ? '[^:]*' : '[\\s\\S]*';
    } else {
      src += arn && colons < 5 ? '[^:]' : '[\\s\\S]';
    }
  }
  return src;
}

/**
 * Builds a matcher for tokens without variables. Fast paths: `*` alone, literal equality, a literal
 * prefix followed by one trailing `*` (outside ARN prefix parts); otherwise one regex built here.
 */
export function compileTokens(
  tokens: readonly (string | typeof STAR | typeof QMARK)[],
  options: { readonly ignoreCase?: boolean; readonly arn?: boolean } = {},
): Matcher {
  const ignoreCase = options.ignoreCase === true;
  const arn = options.arn === true;
  const norm = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  if (tokens.length === 1 && tokens[0] === STAR) return () => true;
  if (tokens.every((t) => typeof t === 'string')) {
    const lit = norm(tokens.join(''));
    return ignoreCase ? (v) => v.toLowerCase() === lit : (v) => v === lit;
  }
  const last = tokens.length - 1;
  if (
    tokens[last] === STAR &&
    tokens.slice(0, last).every((t) => typeof t === 'string') &&
    (!arn || countColons(tokens.slice(0, last).join('')) >= 5)
  ) {
    const prefix = norm(tokens.slice(0, last).join(''));
    return ignoreCase ? (v) => v.toLowerCase().startsWith(prefix) : (v) => v.startsWith(prefix);
  }
  const re = new RegExp(`^${regexSource(tokens, arn)}$`, ignoreCase ? 'i' : '');
  return (v) => re.test(v);
}

function countColons(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === ':') n++;
  return n;
}

/** Literal text of tokens with wildcards written back (for messages). */
export function tokensToText(tokens: readonly Token[]): string {
  return tokens
    .map((t) =>
      typeof t === 'string'
        ? t
        : t === STAR
          ? '*'
          : t === QMARK
            ? '?'
            : t.defaultValue === undefined
              ? `\${${t.name}}`
              : `\${${t.name}, '${t.defaultValue}'}`,
    )
    .join('');
}
