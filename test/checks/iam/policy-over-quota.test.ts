import { describe, expect, it } from 'vitest';
import { policyOverQuota } from '../../../src/checks/iam/policy-over-quota.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { emptyIntent } from '../../../src/config/intent.js';
import { testEstate } from '../../iam/estate-fixture.js';

function run(estate = testEstate()) {
  const r = policyOverQuota.run(makeContext(estate, emptyIntent()));
  if (!Array.isArray(r)) throw new Error('expected findings');
  return r;
}

const bigInline = (n: number) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: Array.from({ length: n }, (_, i) => `sqs:Action${String(i).padStart(5, '0')}`),
      Resource: '*',
    },
  ],
});

describe('policy-over-quota', () => {
  it('compliant: small policies', () => {
    expect(run()).toEqual([]);
  });

  it('non-compliant: a role whose inline policies exceed the 10,240-character aggregate', () => {
    const doc = bigInline(600);
    const size = new TextEncoder().encode(JSON.stringify(doc)).length;
    const r = run(testEstate({ boundInline: { big: doc } }));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({
      severity: 'high',
      discriminator: 'arn:aws:iam::111122223333:role/bound#inline',
      evidence: { size, limit: 10240 },
    });
    expect(size).toBeGreaterThan(10240);
  });

  it('low: within 10 % of the endpoint policy quota', () => {
    // ~19,000 bytes: under 20,480 but above 90 % of it.
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: Array.from({ length: 1250 }, (_, i) => `sqs:Act${String(i).padStart(5, '0')}`),
          Resource: '*',
        },
      ],
    };
    const size = new TextEncoder().encode(JSON.stringify(doc)).length;
    expect(size).toBeGreaterThan(20480 * 0.9);
    expect(size).toBeLessThan(20480);
    const r = run(testEstate({ endpointPolicy: doc }));
    expect(r.map((f) => [f.severity, f.resource.id])).toEqual([['low', 'vpce-app-sqs']]);
  });
});
