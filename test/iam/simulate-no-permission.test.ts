// sts:GetCallerIdentity needs no permission: AWS answers it even under an explicit Deny
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html). simulate must
// say Allowed on every path, and still show what the policies alone would have decided.
import { describe, expect, it } from 'vitest';
import { egressLookupFor } from '../../src/checks/shared/egress-lookup.js';
import { needsNoPermission, simulate } from '../../src/iam/simulate.js';
import { BOUND, testEstate } from './estate-fixture.js';

const estate = testEstate({ org: true });
const run = (action: string) =>
  simulate(estate, {
    principal: BOUND,
    action,
    resource: '*',
    egressOf: egressLookupFor(estate),
  });

describe('simulate: actions without an authorization check', () => {
  it('knows sts:GetCallerIdentity in any letter case, and nothing else', () => {
    expect(needsNoPermission('sts:GetCallerIdentity')).toBe(true);
    expect(needsNoPermission('STS:getcalleridentity')).toBe(true);
    expect(needsNoPermission('sts:AssumeRole')).toBe(false);
    expect(needsNoPermission('sts:GetSessionToken')).toBe(false);
  });

  it('the seed-001-bound role: stolen credentials still answer GetCallerIdentity from the internet', () => {
    const r = run('sts:GetCallerIdentity');
    expect(r.rows.map((row) => [row.path, row.decision])).toEqual([
      ['i-bound/nat-1', 'Allowed'],
      ['aws-service', 'Allowed'],
      ['stolen/internet', 'Allowed'],
      ['stolen/attacker-account', 'Allowed'],
    ]);
    const stolen = r.rows.find((row) => row.path === 'stolen/internet')!;
    expect(stolen.blockedBy).toEqual([]);
    expect(stolen.deciding).toEqual([]);
    expect(stolen.notes).toContain(
      'the policies alone would give ExplicitlyDenied (identity), but AWS does not check them for sts:GetCallerIdentity',
    );
    expect(r.notes).toContain(
      "sts:GetCallerIdentity needs no permission: AWS answers it whatever the policies say (STS API Reference, GetCallerIdentity); each path shows the policies' own decision in its notes",
    );
  });

  it('a permission-checked STS action on the same paths is still denied by the binding policy', () => {
    const r = run('sts:GetSessionToken');
    expect(r.rows.find((row) => row.path === 'stolen/internet')?.decision).toBe('ExplicitlyDenied');
    expect(r.notes.some((n) => n.includes('needs no permission'))).toBe(false);
  });
});
