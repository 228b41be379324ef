import { describe, expect, it } from 'vitest';
import { policyLameDuckCondition } from '../../../src/checks/iam/policy-lame-duck-condition.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { endpointPolicyEntry, lameDuckRuleId } from '../../../src/checks/shared/lame-duck-drafts.js';
import { estatePolicies } from '../../../src/iam/estate-policies.js';
import { emptyIntent } from '../../../src/config/intent.js';
import { testEstate } from '../../iam/estate-fixture.js';

function run(estate: ReturnType<typeof testEstate>) {
  const r = policyLameDuckCondition.run(makeContext(estate, emptyIntent()));
  if (!Array.isArray(r)) throw new Error('expected findings');
  return r;
}

const work = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] };

describe('policy-lame-duck-condition', () => {
  it('compliant: plain allow policies', () => {
    expect(run(testEstate({ boundInline: { work } }))).toEqual([]);
  });

  it('non-compliant: the seed-001 inline Deny also denies the instance behind a NAT (L9)', () => {
    const r = run(testEstate());
    expect(r.map((f) => [f.resource.id, f.evidence?.code, f.evidence?.path])).toEqual([
      [
        'arn:aws:iam::111122223333:role/bound',
        'L9',
        '$.Statement[0].Condition.StringNotEquals["aws:ec2InstanceSourceVPC"]',
      ],
      [
        'arn:aws:iam::111122223333:role/bound',
        'L9',
        '$.Statement[1].Condition.StringNotEquals["aws:ec2InstanceSourcePrivateIPv4"]',
      ],
    ]);
  });

  it('non-compliant: aws:SourceIp and aws:SourceVpc in an endpoint policy (L3, L4)', () => {
    const ep = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: {
            IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
            StringEquals: { 'aws:SourceVpc': 'vpc-spoke' },
          },
        },
      ],
    };
    const r = run(testEstate({ boundInline: { work }, endpointPolicy: ep }));
    expect(r.map((f) => [f.resource.id, f.severity, f.evidence?.code])).toEqual([
      ['vpce-app-sqs', 'high', 'L3'],
      ['vpce-app-sqs', 'high', 'L4'],
    ]);
    expect(r[1]?.message).toContain('it is always "vpc-app" (the endpoint\'s own VPC)');
  });
});

describe('shared with reconcile and the endpoint-policy detector (checks/shared/lame-duck-drafts)', () => {
  it('endpointPolicyEntry builds the entry estatePolicies lists for an endpoint (same id, owner, lint context)', () => {
    const estate = testEstate({ boundInline: { work }, endpointPolicy: work });
    const listed = estatePolicies(estate).find((p) => p.type === 'vpce');
    const ep = estate.vpcEndpoints.get('vpce-app-sqs')!;
    expect(listed?.id).toBe('vpce-app-sqs');
    expect(endpointPolicyEntry(ep, ep.policyDocument!)).toEqual(listed);
  });

  it('the check id is the shared rule id the detector and reconcile report under', () => {
    expect(policyLameDuckCondition.id).toBe(lameDuckRuleId);
    expect(lameDuckRuleId).toBe('policy-lame-duck-condition');
  });
});
