import { describe, expect, it } from 'vitest';
import { policyInvalid } from '../../../src/checks/iam/policy-invalid.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { emptyIntent } from '../../../src/config/intent.js';
import { testEstate } from '../../iam/estate-fixture.js';

function run(estate = testEstate()) {
  const r = policyInvalid.run(makeContext(estate, emptyIntent()));
  if (!Array.isArray(r)) throw new Error('expected findings');
  return r;
}

describe('policy-invalid', () => {
  it('compliant: every policy of the test estate is valid', () => {
    expect(run()).toEqual([]);
  });

  it('non-compliant: an endpoint policy without Principal and an inline policy with a bad Effect', () => {
    const e = testEstate({
      endpointPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      boundInline: {
        broken: { Version: '2012-10-17', Statement: [{ Effect: 'allow', Action: 'sqs:*', Resource: '*' }] },
      },
    });
    const r = run(e);
    expect(r.map((f) => [f.resource.id, f.discriminator])).toEqual([
      ['arn:aws:iam::111122223333:role/bound', 'arn:aws:iam::111122223333:role/bound#inline:broken'],
      ['vpce-app-sqs', 'vpce-app-sqs'],
    ]);
    expect(r[1]?.message).toBe(
      'vpce-app-sqs endpoint policy (vpce policy) has 1 error(s): $.Statement[0].Principal: statement 0: Principal is missing, expected it in a VPC endpoint policy',
    );
  });
});
