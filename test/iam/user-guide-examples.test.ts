// Worked examples from the IAM User Guide, evaluated end to end. Each names the page it comes from.
import { describe, expect, it } from 'vitest';
import { explainAll } from '../../src/iam/explain.js';
import { allowAll, decide, pol, req } from './helpers.js';

const alice = 'arn:aws:iam::111122223333:user/alice';

describe('IAM User Guide examples', () => {
  // "AWS: Denies access to AWS based on the source IP" (reference_policies_examples_aws_deny-ip).
  const denyIp = pol('identity', [
    {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: {
        NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] },
        Bool: { 'aws:ViaAWSService': 'false' },
      },
    },
  ]);
  it('deny-ip: allowed from the listed ranges, denied elsewhere, not applied to AWS service calls', () => {
    const r = (ctx: Record<string, string>) =>
      decide(
        { identity: [allowAll(), denyIp] },
        req({ principal: alice, action: 'ec2:DescribeInstances', context: ctx }),
      ).decision;
    expect(r({ 'aws:SourceIp': '192.0.2.10', 'aws:ViaAWSService': 'false' })).toBe('Allowed');
    expect(r({ 'aws:SourceIp': '198.51.100.10', 'aws:ViaAWSService': 'false' })).toBe('ExplicitlyDenied');
    expect(r({ 'aws:ViaAWSService': 'true' })).toBe('Allowed');
  });

  // "IAM JSON policy elements: Condition operators", …IfExists: BoolIfExists aws:MultiFactorAuthPresent
  // false denies requests with long-term keys, where the key is absent.
  const mfa = pol('identity', [
    {
      Effect: 'Deny',
      Action: 'ec2:StopInstances',
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ]);
  it('MFA: BoolIfExists false denies without the key and with false, allows with true', () => {
    const r = (ctx: Record<string, string>) =>
      decide(
        { identity: [allowAll(), mfa] },
        req({ principal: alice, action: 'ec2:StopInstances', context: ctx }),
      ).decision;
    expect(r({})).toBe('ExplicitlyDenied');
    expect(r({ 'aws:MultiFactorAuthPresent': 'false' })).toBe('ExplicitlyDenied');
    expect(r({ 'aws:MultiFactorAuthPresent': 'true' })).toBe('Allowed');
  });

  // "Multivalued context keys": ForAllValues:StringEquals aws:TagKeys allows a request without tags.
  const tags = pol('identity', [
    {
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } },
    },
  ]);
  it('tag keys: ForAllValues allows subsets and the empty/absent set, not other keys', () => {
    const r = (keys?: string[]) =>
      decide(
        { identity: [tags] },
        req({ principal: alice, action: 'ec2:CreateTags', context: keys ? { 'aws:TagKeys': keys } : {} }),
      ).decision;
    expect(r(['environment'])).toBe('Allowed');
    expect(r(['environment', 'owner'])).toBe('ImplicitlyDenied');
    expect(r()).toBe('Allowed'); // the documented pitfall: absent key → true
  });

  // "Policy variables": home folders with s3:prefix and ${aws:username}.
  const home = pol('identity', [
    {
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
      Condition: { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/*'] } },
    },
  ]);
  it("home folder: lists own prefix, not a colleague's", () => {
    const r = (prefix: string) =>
      decide(
        { identity: [home] },
        req({
          principal: alice,
          action: 's3:ListBucket',
          resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
          context: { 's3:prefix': prefix },
        }),
      ).decision;
    expect(r('home/alice/docs')).toBe('Allowed');
    expect(r('home/bob/docs')).toBe('ImplicitlyDenied');
    expect(r('')).toBe('Allowed');
  });
});

describe('explain agrees with the decision', () => {
  it('a statement explained as matched is the deciding one', () => {
    const r = req({
      principal: alice,
      action: 'ec2:DescribeInstances',
      context: { 'aws:SourceIp': '198.51.100.10', 'aws:ViaAWSService': 'false' },
    });
    const deny = pol(
      'identity',
      [
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] } },
        },
      ],
      'deny-ip',
    );
    const set = { identity: [allowAll(), deny] };
    const ex = explainAll(set, r);
    expect(decide(set, r).deciding).toEqual([
      { set: 'identity', policy: 'deny-ip', statement: 0, effect: 'Deny' },
    ]);
    expect(ex.map((p) => p.statements.map((s) => s.result))).toEqual([['matched'], ['matched']]);
    expect(ex[1]?.statements[0]?.conditions[0]).toMatchObject({
      operator: 'NotIpAddress',
      requestValue: ['198.51.100.10'],
      result: 'matched',
      reason:
        'matched: no policy value matches the request value "198.51.100.10"; NotIpAddress is negated: true when no value matches',
    });
  });
});
