import { describe, expect, it } from 'vitest';
import { ec2CredentialsUnbound } from '../../../src/checks/iam/ec2-credentials-unbound.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { emptyIntent } from '../../../src/config/intent.js';
import { BOUND, FREE, testEstate } from '../../iam/estate-fixture.js';

function run(estate = testEstate()) {
  const r = ec2CredentialsUnbound.run(makeContext(estate, emptyIntent()));
  if (!Array.isArray(r)) throw new Error('expected findings');
  return r;
}

describe('ec2-credentials-unbound', () => {
  it('non-compliant: the role without a binding policy works from the internet when stolen (seed 003)', () => {
    const r = run();
    expect(r.map((f) => f.resource.id)).toEqual([FREE]);
    expect(r[0]?.message).toBe(
      'stolen credentials of free (used by i-free) work from the internet: kms:Decrypt on *; sqs:* on *',
    );
    expect(r[0]?.evidence).toMatchObject({ instances: ['i-free'], path: 'stolen/internet' });
  });

  it('compliant: the role bound by the seed-001 Deny is not reported', () => {
    expect(run().some((f) => f.resource.id === BOUND)).toBe(false);
  });

  it('compliant once the free role gets the binding policy too', () => {
    const bound = testEstate();
    // Same estate, but role "bound" without its lock: then it is reported as well.
    const unlocked = testEstate({
      boundInline: {
        work: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] },
      },
    });
    expect(run(bound).map((f) => f.resource.id)).toEqual([FREE]);
    expect(run(unlocked).map((f) => f.resource.id)).toEqual([BOUND, FREE]);
  });
});
