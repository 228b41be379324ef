import { describe, expect, it } from 'vitest';
import { igwNotPrevented } from '../../../src/checks/network/igw-not-prevented.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { igwPreventionForAll } from '../../../src/checks/shared/igw-prevention.js';
import { intentSchema } from '../../../src/config/intent.js';
import { estateWithOrg, orgDoc } from '../../support/raw.js';

const fullAccess = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const denyIgw = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyIgw',
      Effect: 'Deny',
      Action: ['ec2:CreateInternetGateway', 'ec2:AttachInternetGateway'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalARN': 'arn:aws:iam::*:role/NetworkAdmin' } },
    },
  ],
};

function estate(denyOn: string[]) {
  return estateWithOrg(
    {},
    orgDoc({
      ous: [
        { id: 'ou-root-prod', name: 'Prod' },
        { id: 'ou-root-sand', name: 'Sandbox' },
      ],
      accounts: [
        { id: '111111111111', parentId: 'r-root' },
        { id: '333333333333', parentId: 'ou-root-prod' },
        { id: '444444444444', parentId: 'ou-root-sand' },
        { id: '555555555555', parentId: 'r-root' },
      ],
      policies: [
        // AWS attaches FullAWSAccess to the root, every OU and every account by default; a level
        // without any SCP denies everything.
        {
          id: 'p-FullAWSAccess',
          name: 'FullAWSAccess',
          content: fullAccess,
          targets: [
            'r-root',
            'ou-root-prod',
            'ou-root-sand',
            '111111111111',
            '333333333333',
            '444444444444',
            '555555555555',
          ],
          awsManaged: true,
        },
        { id: 'p-denyigw', name: 'DenyInternetGateway', content: denyIgw, targets: denyOn },
      ],
    }),
  );
}

const intent = intentSchema.parse({ noInternetIngress: ['ou-root-prod', '555555555555'] });

function run(denyOn: string[]) {
  const r = igwNotPrevented.run(makeContext(estate(denyOn), intent));
  if (!Array.isArray(r)) throw new Error('not applicable');
  return r.map((f) => [f.resource.id, f.severity ?? 'high']);
}

describe('igw-not-prevented', () => {
  it('compliant: the deny-IGW SCP on the Prod OU and on the analytics account covers every no-internet account', () => {
    expect(run(['ou-root-prod', '555555555555'])).toEqual([]);
  });

  it('non-compliant: analytics (listed directly) has no SCP denying IGW creation', () => {
    const r = igwNotPrevented.run(makeContext(estate(['ou-root-prod']), intent));
    expect(Array.isArray(r) && r.map((f) => f.resource.id)).toEqual(['555555555555']);
    expect(Array.isArray(r) && r[0]?.message).toContain(
      'ec2:CreateInternetGateway and ec2:AttachInternetGateway',
    );
  });

  it('non-compliant: nothing attached anywhere → every no-internet account', () => {
    expect(run([])).toEqual([
      ['333333333333', 'high'],
      ['555555555555', 'high'],
    ]);
  });

  it('reports each account’s prevention status with the deciding SCP statement (for inventory)', () => {
    const all = igwPreventionForAll(estate(['ou-root-prod']));
    expect(all.map((p) => [p.accountId, p.status])).toEqual([
      ['111111111111', 'allowed'],
      ['333333333333', 'prevented'],
      ['444444444444', 'allowed'],
      ['555555555555', 'allowed'],
    ]);
    expect(all[1]?.actions[0]?.deniedBy.map((s) => [s.policy, s.sid])).toEqual([
      ['DenyInternetGateway', 'DenyIgw'],
    ]);
  });

  it('treats the management account as never prevented (SCPs do not apply to it)', () => {
    const withMgmt = igwNotPrevented.run(
      makeContext(estate(['r-root']), intentSchema.parse({ noInternetIngress: ['111111111111'] })),
    );
    expect(
      Array.isArray(withMgmt) &&
        withMgmt.map((f) => [f.resource.id, f.message.includes('management account')]),
    ).toEqual([['111111111111', true]]);
  });
});
