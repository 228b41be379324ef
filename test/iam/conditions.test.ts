// Table tests per condition operator: present / missing key, IfExists, set operators, IPv6, bad
// values. Expected values follow DOMAIN.md §2 and the IAM User Guide "Condition operators" page.
import { describe, expect, it } from 'vitest';
import { compileCondition, F, T, U, type Tri } from '../../src/iam/conditions.js';
import { parseOperator } from '../../src/iam/operators.js';
import { contextFrom, UNKNOWN, type RawContextValue } from '../../src/iam/request.js';

function run(
  operator: string,
  key: string,
  values: string | string[],
  ctx: Record<string, RawContextValue | typeof UNKNOWN>,
  variables = true,
): Tri {
  const op = parseOperator(operator);
  if (typeof op === 'string') throw new Error(op);
  const clause = {
    operator,
    base: op.info.name,
    ...(op.setOperator ? { setOperator: op.setOperator } : {}),
    ifExists: op.ifExists,
    key,
    values: Array.isArray(values) ? values : [values],
  };
  return compileCondition(clause, variables).test(contextFrom(ctx));
}

type Row = [
  operator: string,
  key: string,
  values: string | string[],
  ctx: Record<string, RawContextValue>,
  expected: Tri,
];

const K = 'test:key';
const rows: Row[] = [
  // String
  ['StringEquals', K, 'abc', { [K]: 'abc' }, T],
  ['StringEquals', K, 'abc', { [K]: 'ABC' }, F],
  ['StringEquals', K, 'a*', { [K]: 'abc' }, F], // no wildcards in StringEquals
  ['StringEquals', K, ['x', 'abc'], { [K]: 'abc' }, T], // values OR
  ['StringEquals', K, 'abc', {}, F], // missing key: positive → false
  ['StringNotEquals', K, 'abc', {}, T], // missing key: negated → true
  ['StringNotEquals', K, ['x', 'y'], { [K]: 'x' }, F], // negated: none of the values may match
  ['StringNotEquals', K, ['x', 'y'], { [K]: 'z' }, T],
  ['StringEqualsIgnoreCase', K, 'AbC', { [K]: 'aBc' }, T],
  ['StringNotEqualsIgnoreCase', K, 'AbC', { [K]: 'aBc' }, F],
  ['StringLike', K, 'a*c', { [K]: 'abbbc' }, T],
  ['StringLike', K, 'a?c', { [K]: 'abbc' }, F],
  ['StringLike', K, 'A*', { [K]: 'abc' }, F], // case-sensitive
  ['StringNotLike', K, 'a*', { [K]: 'bcd' }, T],
  ['StringNotLike', K, 'a*', {}, T],
  ['StringEqualsIfExists', K, 'abc', {}, T], // IfExists: missing → true
  ['StringEqualsIfExists', K, 'abc', { [K]: 'zzz' }, F], // present → the normal test
  ['StringNotEqualsIfExists', K, 'abc', { [K]: 'abc' }, F],
  // Numeric
  ['NumericEquals', K, '10', { [K]: '10' }, T],
  ['NumericEquals', K, '10', { [K]: '10.0' }, T],
  ['NumericNotEquals', K, '10', { [K]: '11' }, T],
  ['NumericLessThan', K, '10', { [K]: '9' }, T],
  ['NumericLessThan', K, '10', { [K]: '10' }, F],
  ['NumericLessThanEquals', K, '10', { [K]: '10' }, T],
  ['NumericGreaterThan', K, '10', { [K]: '11' }, T],
  ['NumericGreaterThanEquals', K, '10', { [K]: '9' }, F],
  ['NumericLessThan', K, '10', { [K]: 'ten' }, F], // bad request value never matches
  ['NumericLessThan', K, '10', {}, F],
  ['NumericLessThanIfExists', K, '10', {}, T],
  // Date
  ['DateGreaterThan', K, '2026-01-01T00:00:00Z', { [K]: '2026-06-01T00:00:00Z' }, T],
  ['DateLessThan', K, '2026-01-01T00:00:00Z', { [K]: '2026-06-01T00:00:00Z' }, F],
  ['DateEquals', K, '2026-01-01T00:00:00Z', { [K]: '1767225600' }, T], // epoch seconds
  ['DateNotEquals', K, '2026-01-01T00:00:00Z', {}, T],
  ['DateLessThanEquals', K, '2026-01-01', { [K]: '2026-01-01T00:00:00Z' }, T],
  ['DateGreaterThanEquals', K, '2026-01-01', { [K]: 'not a date' }, F],
  // Bool
  ['Bool', K, 'true', { [K]: 'true' }, T],
  ['Bool', K, 'true', { [K]: 'TRUE' }, T],
  ['Bool', K, 'false', { [K]: true }, F],
  ['Bool', K, 'false', {}, F],
  ['BoolIfExists', K, 'false', {}, T],
  // Binary
  ['BinaryEquals', K, 'QmluYXJ5VmFsdWU=', { [K]: 'QmluYXJ5VmFsdWU=' }, T],
  ['BinaryEquals', K, 'QmluYXJ5VmFsdWU=', { [K]: 'other' }, F],
  // IP, v4 and v6
  ['IpAddress', K, '203.0.113.0/24', { [K]: '203.0.113.9' }, T],
  ['IpAddress', K, '203.0.113.0/24', { [K]: '198.51.100.1' }, F],
  ['IpAddress', K, '203.0.113.9', { [K]: '203.0.113.9' }, T], // bare IP = /32
  ['IpAddress', K, '203.0.113.9', { [K]: '203.0.113.10' }, F],
  ['IpAddress', K, '2001:db8::/32', { [K]: '2001:db8:1::5' }, T],
  ['IpAddress', K, '2001:db8::/32', { [K]: '2001:db9::5' }, F],
  ['IpAddress', K, '203.0.113.0/24', { [K]: '2001:db8::1' }, F], // v4 CIDR never holds a v6 address
  ['IpAddress', K, '203.0.113.0/24', { [K]: 'not-an-ip' }, F],
  ['IpAddress', K, '203.0.113.0/24', {}, F],
  ['NotIpAddress', K, '203.0.113.0/24', { [K]: '198.51.100.1' }, T],
  ['NotIpAddress', K, '203.0.113.0/24', { [K]: '203.0.113.1' }, F],
  ['NotIpAddress', K, ['203.0.113.0/24', '2001:db8::/32'], { [K]: '2001:db8::1' }, F],
  ['NotIpAddress', K, '203.0.113.0/24', {}, T], // missing: negated → true
  ['NotIpAddressIfExists', K, '203.0.113.0/24', {}, T],
  // ARN
  ['ArnLike', K, 'arn:aws:iam::*:role/Admin*', { [K]: 'arn:aws:iam::111122223333:role/AdminX' }, T],
  ['ArnLike', K, 'arn:aws:iam::*:role/admin*', { [K]: 'arn:aws:iam::111122223333:role/AdminX' }, F],
  [
    'ArnEquals',
    K,
    'arn:aws:sns:*:111122223333:topic',
    { [K]: 'arn:aws:sns:us-east-1:111122223333:topic' },
    T,
  ],
  // * does not cross the colon between ARN parts
  ['ArnLike', K, 'arn:aws:sns:*', { [K]: 'arn:aws:sns:us-east-1:111122223333:topic' }, F],
  ['ArnLike', K, 'arn:aws:sns:*:*:*', { [K]: 'arn:aws:sns:us-east-1:111122223333:topic' }, T],
  ['ArnLike', K, 'arn:aws:s3:::b/*', { [K]: 'arn:aws:s3:::b/x:y/z' }, T], // resource part: * crosses ':' and '/'
  ['ArnNotLike', K, 'arn:aws:iam::*:role/aws:ec2-infrastructure', { [K]: 'arn:aws:iam::1:role/x' }, T],
  ['ArnNotLike', K, 'arn:aws:iam::*:role/x', {}, T],
  ['ArnNotEquals', K, 'arn:aws:iam::1:role/x', { [K]: 'arn:aws:iam::1:role/x' }, F],
  // Null
  ['Null', K, 'true', {}, T],
  ['Null', K, 'true', { [K]: 'v' }, F],
  ['Null', K, 'false', { [K]: 'v' }, T],
  ['Null', K, 'false', {}, F],
  // Set operators
  ['ForAllValues:StringEquals', K, ['a', 'b'], { [K]: ['a', 'b'] }, T],
  ['ForAllValues:StringEquals', K, ['a', 'b'], { [K]: ['a', 'c'] }, F],
  ['ForAllValues:StringEquals', K, ['a'], {}, T], // absent → true (DOMAIN.md §2)
  ['ForAllValues:StringEquals', K, ['a'], { [K]: [] }, T], // empty set → true
  ['ForAnyValue:StringEquals', K, ['a'], { [K]: ['x', 'a'] }, T],
  ['ForAnyValue:StringEquals', K, ['a'], { [K]: ['x', 'y'] }, F],
  ['ForAnyValue:StringEquals', K, ['a'], {}, F], // absent → false
  ['ForAnyValue:StringNotEquals', K, ['a'], { [K]: ['a', 'b'] }, T], // b is not a
  ['ForAllValues:StringNotEquals', K, ['a'], { [K]: ['a', 'b'] }, F],
  ['ForAllValues:StringLike', K, ['dev-*'], { [K]: ['dev-1', 'dev-2'] }, T],
  ['ForAnyValue:StringLikeIfExists', K, ['dev-*'], {}, F],
];

describe('condition operators', () => {
  it.each(rows)('%s %s %j with %j → %i', (operator, key, values, ctx, expected) => {
    expect(run(operator, key, values, ctx)).toBe(expected);
  });

  it('matches key names case-insensitively', () => {
    expect(run('StringEquals', 'AWS:SourceVpc', 'vpc-1', { 'aws:sourcevpc': 'vpc-1' })).toBe(T);
  });

  it('reads operator names case-insensitively', () => {
    expect(run('stringequals', K, 'a', { [K]: 'a' })).toBe(T);
  });

  it('is unknown when the key is unknown, also for Null and IfExists', () => {
    expect(run('StringEquals', K, 'a', { [K]: UNKNOWN })).toBe(U);
    expect(run('Null', K, 'true', { [K]: UNKNOWN })).toBe(U);
    expect(run('StringNotEqualsIfExists', K, 'a', { [K]: UNKNOWN })).toBe(U);
  });
});

describe('policy variables in condition values', () => {
  it('substitutes a present key', () => {
    expect(
      run('StringEquals', 'aws:SourceVpc', '${aws:EC2InstanceSourceVPC}', {
        'aws:SourceVpc': 'vpc-1',
        'aws:EC2InstanceSourceVPC': 'vpc-1',
      }),
    ).toBe(T);
    expect(
      run('StringEquals', 'aws:SourceVpc', '${aws:EC2InstanceSourceVPC}', {
        'aws:SourceVpc': 'vpc-2',
        'aws:EC2InstanceSourceVPC': 'vpc-1',
      }),
    ).toBe(F);
  });

  it('a variable without a value: positive operators do not match, negated operators do (DOMAIN.md §2)', () => {
    expect(run('StringEquals', K, '${aws:SourceVpc}', { [K]: 'vpc-1' })).toBe(F);
    expect(run('StringNotEquals', K, '${aws:SourceVpc}', { [K]: 'vpc-1' })).toBe(T);
    expect(run('StringLike', K, 'x-${aws:username}-*', { [K]: 'x--1' })).toBe(F);
  });

  it('uses the default when the key is missing', () => {
    expect(run('StringEquals', K, "${aws:PrincipalTag/team, 'none'}", { [K]: 'none' })).toBe(T);
    expect(
      run('StringEquals', K, "${aws:PrincipalTag/team, 'none'}", {
        [K]: 'blue',
        'aws:PrincipalTag/team': 'blue',
      }),
    ).toBe(T);
  });

  it('escapes ${*} ${?} ${$} as literal characters', () => {
    expect(run('StringLike', K, 'a${*}b', { [K]: 'a*b' })).toBe(T);
    expect(run('StringLike', K, 'a${*}b', { [K]: 'axxb' })).toBe(F);
    expect(run('StringEquals', K, 'cost${$}', { [K]: 'cost$' })).toBe(T);
    expect(run('StringLike', K, '${?}', { [K]: '?' })).toBe(T);
    expect(run('StringLike', K, '${?}', { [K]: 'x' })).toBe(F);
  });

  it('treats a substituted value literally (its * is not a wildcard)', () => {
    expect(run('StringLike', K, '${aws:username}', { [K]: 'bob', 'aws:username': '*' })).toBe(F);
  });

  it('is literal text in a policy without Version 2012-10-17', () => {
    expect(
      run('StringEquals', K, '${aws:username}', { [K]: '${aws:username}', 'aws:username': 'bob' }, false),
    ).toBe(T);
  });

  it('is literal text in numeric operators', () => {
    expect(run('NumericEquals', K, '${x}', { [K]: '1', x: '1' })).toBe(F);
  });

  it('is unknown when the variable key is unknown', () => {
    expect(run('StringNotEquals', K, '${aws:SourceVpc}', { [K]: 'vpc-1', 'aws:SourceVpc': UNKNOWN })).toBe(U);
  });
});
