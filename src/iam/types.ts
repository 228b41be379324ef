// The validated policy model shared by parse, compile, evaluate and lint.
//
// A policy is parsed once (parse.ts: JSON shape + per-type rules, every problem named by statement
// and field), compiled once (compile.ts: matchers and regexes built up front) and evaluated many
// times (evaluate.ts). Nothing here is mutated after construction.

/** Where a policy sits in the evaluation logic (DOMAIN.md §3). */
export const policyTypes = [
  'identity',
  'resource',
  'trust',
  'scp',
  'rcp',
  'vpce',
  'boundary',
  'session',
] as const;
export type PolicyType = (typeof policyTypes)[number];

export type Effect = 'Allow' | 'Deny';

/** Principal element: `"*"` or a map of AWS / Service / Federated / CanonicalUser to values. */
export type PrincipalElement =
  | { readonly kind: 'wildcard' }
  | {
      readonly kind: 'map';
      readonly aws: readonly string[];
      readonly service: readonly string[];
      readonly federated: readonly string[];
      readonly canonicalUser: readonly string[];
    };

/** One key of one condition operator: `"StringEquals": {"aws:SourceVpc": ["vpc-1"]}`. */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The base operator, e.g. `StringLike` (canonical spelling). */
  readonly base: string;
  readonly setOperator?: 'ForAllValues' | 'ForAnyValue';
  readonly ifExists: boolean;
  /** The key as written (key names are case-insensitive; values are not). */
  readonly key: string;
  /** Values as strings (numbers and booleans are stringified as AWS does). */
  readonly values: readonly string[];
}

export interface Statement {
  /** 0-based position in the Statement array (0 when Statement is a single object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalElement;
  readonly notPrincipal?: PrincipalElement;
  readonly conditions: readonly ConditionClause[];
}

export interface Policy {
  readonly type: PolicyType;
  /** `2012-10-17`, `2008-10-17` or undefined (absent: AWS treats it as 2008-10-17, no variables). */
  readonly version?: string;
  readonly id?: string;
  readonly statements: readonly Statement[];
}

export type IssueSeverity = 'error' | 'warning';

/** A validation problem: names the statement, the field (JSON path), the value found and what was expected. */
export interface PolicyIssue {
  readonly severity: IssueSeverity;
  /** JSON path inside the policy document, e.g. `$.Statement[2].Condition.StringEquals`. */
  readonly path: string;
  /** Statement index (0-based) when the issue is inside a statement. */
  readonly statement?: number;
  readonly sid?: string;
  readonly message: string;
}

/** Human label of a statement for messages: `statement 2 (Sid "DenyIgw")`. */
export function statementLabel(index: number, sid?: string): string {
  return sid === undefined ? `statement ${index}` : `statement ${index} (Sid ${JSON.stringify(sid)})`;
}
