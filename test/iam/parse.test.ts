// Policy parsing and per-type validation: every error names the statement, the JSON path of the
// field, the value found and what was expected.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/iam/parse.js';

const V = '2012-10-17';

function errors(doc: unknown, type: Parameters<typeof parsePolicy>[1]): { path: string; message: string }[] {
  return parsePolicy(doc, type)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => ({ path: i.path, message: i.message }));
}

describe('parsePolicy', () => {
  it('reads string and array forms, NotAction, NotResource and conditions', () => {
    const r = parsePolicy(
      {
        Version: V,
        Statement: {
          Sid: 'One',
          Effect: 'Deny',
          NotAction: 'cloudfront:ListDistributions',
          NotResource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'],
          Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['a*', 3] } },
        },
      },
      'identity',
    );
    expect(r.ok).toBe(true);
    const st = r.policy.statements[0];
    expect(st?.notAction).toEqual(['cloudfront:ListDistributions']);
    expect(st?.notResource).toEqual(['arn:aws:s3:::a', 'arn:aws:s3:::b']);
    expect(st?.conditions).toEqual([
      {
        operator: 'ForAnyValue:StringLikeIfExists',
        base: 'StringLike',
        setOperator: 'ForAnyValue',
        ifExists: true,
        key: 'aws:TagKeys',
        values: ['a*', '3'],
      },
    ]);
  });

  it('accepts a JSON string document', () => {
    const r = parsePolicy(
      JSON.stringify({ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      'scp',
    );
    expect(r.ok).toBe(true);
    expect(r.policy.statements).toHaveLength(1);
  });

  it('reads every Principal form', () => {
    const r = parsePolicy(
      {
        Version: V,
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
          {
            Effect: 'Allow',
            Principal: {
              AWS: ['111122223333', 'arn:aws:iam::111122223333:role/R'],
              Service: 'ec2.amazonaws.com',
              Federated: 'cognito-identity.amazonaws.com',
              CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
            },
            Action: 's3:GetObject',
            Resource: '*',
          },
        ],
      },
      'resource',
    );
    expect(r.ok).toBe(true);
    expect(r.policy.statements[0]?.principal).toEqual({ kind: 'wildcard' });
    expect(r.policy.statements[1]?.principal).toEqual({
      kind: 'map',
      aws: ['111122223333', 'arn:aws:iam::111122223333:role/R'],
      service: ['ec2.amazonaws.com'],
      federated: ['cognito-identity.amazonaws.com'],
      canonicalUser: ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'],
    });
  });

  it('names statement, Sid, path, value and expectation for a bad Effect', () => {
    expect(
      errors(
        {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Sid: 'Bad', Effect: 'allow', Action: '*', Resource: '*' },
          ],
        },
        'identity',
      ),
    ).toEqual([
      {
        path: '$.Statement[1].Effect',
        message: 'statement 1 (Sid "Bad"): Effect is "allow", expected "Allow" or "Deny"',
      },
    ]);
  });

  it('reports every problem, not only the first', () => {
    const errs = errors(
      {
        Version: '2020-01-01',
        Statement: [{ Effect: 'Allow', Action: 's3 GetObject', Resource: 'bucket' }],
        Extra: 1,
      },
      'identity',
    );
    expect(errs.map((e) => e.path)).toEqual([
      '$.Extra',
      '$.Version',
      '$.Statement[0].Action[0]',
      '$.Statement[0].Resource[0]',
    ]);
  });

  it('SCP: no Principal', () => {
    expect(
      errors(
        { Version: V, Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] },
        'scp',
      ),
    ).toEqual([
      {
        path: '$.Statement[0].Principal',
        message:
          'statement 0: a service control policy (SCP) cannot name a Principal (it applies to the identity or accounts it is attached to)',
      },
    ]);
  });

  it('RCP: Deny only, Principal "*"', () => {
    const errs = errors(
      {
        Version: V,
        Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }],
      },
      'rcp',
    );
    expect(errs).toEqual([
      {
        path: '$.Statement[0].Principal',
        message:
          'statement 0: Principal is {"AWS":"111122223333"}, expected "*" (RCPs restrict by condition keys, not by Principal)',
      },
      {
        path: '$.Statement[0].Effect',
        message:
          'statement 0: Effect is "Allow", expected "Deny" (RCPs support only Deny statements; RCPFullAWSAccess is the one Allow)',
      },
    ]);
    // RCPFullAWSAccess itself is valid.
    expect(
      errors(
        { Version: V, Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
        'rcp',
      ),
    ).toEqual([]);
  });

  it('endpoint policy: Principal required', () => {
    expect(
      errors({ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, 'vpce'),
    ).toEqual([
      {
        path: '$.Statement[0].Principal',
        message: 'statement 0: Principal is missing, expected it in a VPC endpoint policy',
      },
    ]);
  });

  it('trust policy: Principal, no Resource', () => {
    expect(
      errors(
        {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'ec2.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Resource: '*',
            },
          ],
        },
        'trust',
      ),
    ).toEqual([
      {
        path: '$.Statement[0].Resource',
        message: 'statement 0: a role trust policy has no Resource (the resource is the role itself)',
      },
    ]);
  });

  it('rejects both Action and NotAction, partial principal wildcards, bad operators and values', () => {
    const errs = errors(
      {
        Version: V,
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:role/App*' },
            Action: 's3:GetObject',
            NotAction: 's3:PutObject',
            Resource: '*',
            Condition: {
              StringEqualz: { k: 'v' },
              IpAddress: { 'aws:SourceIp': '10.0.0.300/8' },
              NumericLessThan: { n: 'ten' },
            },
          },
        ],
      },
      'resource',
    );
    expect(errs.map((e) => e.path)).toEqual([
      '$.Statement[0]',
      '$.Statement[0].Principal.AWS[0]',
      '$.Statement[0].Condition.StringEqualz',
      '$.Statement[0].Condition.IpAddress["aws:SourceIp"]',
      '$.Statement[0].Condition.NumericLessThan["n"]',
    ]);
    expect(errs[4]?.message).toBe(
      'statement 0: NumericLessThan n: value "ten" is not a number, expected e.g. "10" or "2.5"',
    );
  });

  it('flags duplicate Sids and warns about a missing Version', () => {
    const r = parsePolicy(
      {
        Statement: [
          { Sid: 'A', Effect: 'Allow', Action: '*', Resource: '*' },
          { Sid: 'A', Effect: 'Deny', Action: '*', Resource: '*' },
        ],
      },
      'identity',
    );
    expect(r.issues.map((i) => [i.severity, i.path])).toEqual([
      ['warning', '$.Version'],
      ['error', '$.Statement[1].Sid'],
    ]);
  });

  it('rejects non-objects with what was expected', () => {
    expect(errors('not json', 'identity')[0]?.path).toBe('$');
    expect(errors([1], 'identity')).toEqual([
      { path: '$', message: 'found [1], expected a JSON object with Version and Statement' },
    ]);
  });
});
