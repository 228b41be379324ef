// Property tests: adding a Deny never turns a deny into an allow; statement order and policy order
// never change a decision. Random policies over a small vocabulary so matches are frequent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDocument } from '../../src/iam/compile.js';
import { evaluate, type PolicySet } from '../../src/iam/evaluate.js';
import { req } from './helpers.js';

const actions = ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances', 'iam:PassRole'];
const actionPatterns = ['*', 's3:*', 's3:Get*', 'ec2:*', 'iam:PassRole', 's3:PutObject'];
const resources = ['arn:aws:s3:::a/x', 'arn:aws:s3:::b/y', '*'];
const resourcePatterns = ['*', 'arn:aws:s3:::a/*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::*'];

const condition = fc.oneof(
  fc.constant(undefined),
  fc.record({ StringEquals: fc.record({ 'aws:SourceVpc': fc.constantFrom('vpc-1', 'vpc-2') }) }),
  fc.record({
    StringNotEquals: fc.record({ 'aws:SourceVpc': fc.constantFrom('vpc-1', '${aws:EC2InstanceSourceVPC}') }),
  }),
  fc.record({ NotIpAddress: fc.record({ 'aws:SourceIp': fc.constantFrom('203.0.113.0/24', '10.0.0.0/8') }) }),
  fc.record({ BoolIfExists: fc.record({ 'aws:ViaAWSService': fc.constantFrom('true', 'false') }) }),
);

const statement = fc
  .record({
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: fc.subarray(actionPatterns, { minLength: 1 }),
    Resource: fc.subarray(resourcePatterns, { minLength: 1 }),
    Condition: condition,
  })
  .map((s) => (s.Condition === undefined ? { Effect: s.Effect, Action: s.Action, Resource: s.Resource } : s));

const policyDoc = fc.array(statement, { minLength: 1, maxLength: 4 });
const request = fc.record({
  action: fc.constantFrom(...actions),
  resource: fc.constantFrom(...resources),
  vpc: fc.constantFrom('vpc-1', 'vpc-2', undefined),
  ip: fc.constantFrom('203.0.113.5', '198.51.100.1', undefined),
  via: fc.boolean(),
});

type Doc = unknown[];
function build(identity: Doc[], boundary: Doc[] | undefined, scp: Doc[]): PolicySet {
  const c = (d: Doc, t: 'identity' | 'boundary' | 'scp', i: number) =>
    compileDocument({ Version: '2012-10-17', Statement: d }, t, `${t}-${i}`);
  return {
    identity: identity.map((d, i) => c(d, 'identity', i)),
    ...(boundary ? { boundary: boundary.map((d, i) => c(d, 'boundary', i)) } : {}),
    scp: scp.length > 0 ? [{ id: 'r', policies: scp.map((d, i) => c(d, 'scp', i)) }] : [],
  };
}
function mkReq(r: {
  action: string;
  resource: string;
  vpc: string | undefined;
  ip: string | undefined;
  via: boolean;
}) {
  const context: Record<string, string> = {
    'aws:ViaAWSService': String(r.via),
    'aws:EC2InstanceSourceVPC': 'vpc-1',
  };
  if (r.vpc) context['aws:SourceVpc'] = r.vpc;
  if (r.ip) context['aws:SourceIp'] = r.ip;
  return req({
    principal: 'arn:aws:iam::111122223333:user/u',
    action: r.action,
    resource: r.resource,
    context,
  });
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('evaluation properties', () => {
  it('adding a Deny statement never turns a deny into an allow', () => {
    fc.assert(
      fc.property(
        fc.array(policyDoc, { minLength: 1, maxLength: 3 }),
        fc.array(policyDoc, { maxLength: 2 }),
        statement,
        request,
        (identity, scp, extra, r) => {
          const deny = { ...extra, Effect: 'Deny' };
          const before = evaluate(build(identity, undefined, scp), mkReq(r)).decision;
          const after = evaluate(
            build([...identity.slice(0, -1), [...identity[identity.length - 1]!, deny]], undefined, scp),
            mkReq(r),
          ).decision;
          if (before !== 'Allowed') expect(after).not.toBe('Allowed');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('statement order and policy order never change a decision', () => {
    fc.assert(
      fc.property(
        fc.array(policyDoc, { minLength: 1, maxLength: 3 }),
        fc.option(fc.array(policyDoc, { minLength: 1, maxLength: 2 }), { nil: undefined }),
        fc.array(policyDoc, { maxLength: 2 }),
        request,
        fc.nat(),
        (identity, boundary, scp, r, seed) => {
          const base = evaluate(build(identity, boundary, scp), mkReq(r));
          const shuffled = evaluate(
            build(
              shuffle(
                identity.map((d) => shuffle(d, seed + 1)),
                seed,
              ),
              boundary ? shuffle(boundary, seed + 2) : undefined,
              shuffle(
                scp.map((d) => shuffle(d, seed + 3)),
                seed + 4,
              ),
            ),
            mkReq(r),
          );
          expect(shuffled.decision).toBe(base.decision);
          expect(shuffled.blockedBy).toEqual(base.blockedBy);
        },
      ),
      { numRuns: 300 },
    );
  });
});
