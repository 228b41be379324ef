// The condition operator catalogue: names, categories and how each compares.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html

export type OperatorCategory = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

export type Comparison =
  'equals' | 'equals-ignore-case' | 'like' | 'lt' | 'lte' | 'gt' | 'gte' | 'in-cidr' | 'arn-like' | 'null';

export interface OperatorInfo {
  /** Canonical spelling, e.g. `StringNotEqualsIgnoreCase`. */
  readonly name: string;
  readonly category: OperatorCategory;
  /** The positive comparison the operator is built on. */
  readonly comparison: Comparison;
  /** Negated operators are true when none of the values match (and when the key is absent). */
  readonly negated: boolean;
  /**
   * Policy variables are substituted in the values of string, ARN and Bool operators only; in the
   * others `${...}` is literal text (Policy variables page, "Where you can use policy variables").
   */
  readonly variables: boolean;
}

const table: readonly OperatorInfo[] = [
  op('StringEquals', 'string', 'equals', false, true),
  op('StringNotEquals', 'string', 'equals', true, true),
  op('StringEqualsIgnoreCase', 'string', 'equals-ignore-case', false, true),
  op('StringNotEqualsIgnoreCase', 'string', 'equals-ignore-case', true, true),
  op('StringLike', 'string', 'like', false, true),
  op('StringNotLike', 'string', 'like', true, true),
  op('NumericEquals', 'numeric', 'equals', false, false),
  op('NumericNotEquals', 'numeric', 'equals', true, false),
  op('NumericLessThan', 'numeric', 'lt', false, false),
  op('NumericLessThanEquals', 'numeric', 'lte', false, false),
  op('NumericGreaterThan', 'numeric', 'gt', false, false),
  op('NumericGreaterThanEquals', 'numeric', 'gte', false, false),
  op('DateEquals', 'date', 'equals', false, false),
  op('DateNotEquals', 'date', 'equals', true, false),
  op('DateLessThan', 'date', 'lt', false, false),
  op('DateLessThanEquals', 'date', 'lte', false, false),
  op('DateGreaterThan', 'date', 'gt', false, false),
  op('DateGreaterThanEquals', 'date', 'gte', false, false),
  op('Bool', 'bool', 'equals-ignore-case', false, true),
  op('BinaryEquals', 'binary', 'equals', false, false),
  op('IpAddress', 'ip', 'in-cidr', false, false),
  op('NotIpAddress', 'ip', 'in-cidr', true, false),
  // ArnEquals and ArnLike behave the same: each of the six colon-separated parts is compared
  // separately and may hold * and ? wildcards.
  op('ArnEquals', 'arn', 'arn-like', false, true),
  op('ArnLike', 'arn', 'arn-like', false, true),
  op('ArnNotEquals', 'arn', 'arn-like', true, true),
  op('ArnNotLike', 'arn', 'arn-like', true, true),
  op('Null', 'null', 'null', false, false),
];

function op(
  name: string,
  category: OperatorCategory,
  comparison: Comparison,
  negated: boolean,
  variables: boolean,
): OperatorInfo {
  return Object.freeze({ name, category, comparison, negated, variables });
}

const byLowerName = new Map(table.map((o) => [o.name.toLowerCase(), o]));

export const operatorNames: readonly string[] = table.map((o) => o.name);

export interface ParsedOperator {
  readonly info: OperatorInfo;
  readonly setOperator?: 'ForAllValues' | 'ForAnyValue';
  readonly ifExists: boolean;
}

/**
 * Splits `ForAnyValue:StringLikeIfExists` into its parts. Operator names are matched
 * case-insensitively (AWS accepts `stringequals`); returns a reason string when unknown.
 */
export function parseOperator(text: string): ParsedOperator | string {
  let rest = text;
  let setOperator: 'ForAllValues' | 'ForAnyValue' | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'forallvalues') setOperator = 'ForAllValues';
    else if (prefix === 'foranyvalue') setOperator = 'ForAnyValue';
    else {
      return `${JSON.stringify(text)} has an unknown set operator ${JSON.stringify(rest.slice(0, colon))} (expected ForAllValues: or ForAnyValue:)`;
    }
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  const direct = byLowerName.get(rest.toLowerCase());
  let info = direct;
  if (!info && rest.toLowerCase().endsWith('ifexists')) {
    info = byLowerName.get(rest.slice(0, -'ifexists'.length).toLowerCase());
    ifExists = info !== undefined;
  }
  if (!info) {
    return `${JSON.stringify(text)} is not a condition operator (expected e.g. StringEquals, ArnLike, IpAddress, Bool, Null, optionally with IfExists and ForAllValues:/ForAnyValue:)`;
  }
  // NullIfExists parses (AWS does not reject it) but has no effect on an absent key; lint L11 flags it.
  return setOperator === undefined ? { info, ifExists } : { info, setOperator, ifExists };
}
