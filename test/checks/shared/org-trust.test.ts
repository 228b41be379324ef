import { describe, expect, it } from 'vitest';
import { classifyAccount } from '../../../src/checks/shared/org-trust.js';
import { intentSchema } from '../../../src/config/intent.js';
import { buildEstate } from '../../../src/estate/build.js';
import { orgDocument, VENDOR } from '../../events/support/peering.js';

const withOrg = buildEstate([
  { file: 'organization/org.json', accountId: '111111111111', region: 'global', data: orgDocument() },
]);
const noOrg = buildEstate([
  {
    file: 'accounts/333333333333/us-east-1/vpcs.json',
    accountId: '333333333333',
    region: 'us-east-1',
    data: {
      Vpcs: [
        {
          VpcId: 'vpc-01',
          CidrBlock: '10.0.0.0/16',
          OwnerId: '333333333333',
          State: 'available',
          IsDefault: false,
        },
      ],
    },
  },
]);

describe('classifyAccount', () => {
  it('org members are self-org, trusted accounts trusted, everything else outside', () => {
    const intent = intentSchema.parse({ trustedAccounts: [{ id: '888888888888' }] });
    expect(['222222222222', '888888888888', VENDOR].map((a) => classifyAccount(a, withOrg, intent))).toEqual([
      'self-org',
      'trusted',
      'outside',
    ]);
  });

  it('no organization data and no intent organizationId: unknown (never guessed safe)', () => {
    expect(classifyAccount(VENDOR, noOrg, intentSchema.parse({}))).toBe('unknown');
    expect(classifyAccount('333333333333', noOrg, intentSchema.parse({}))).toBe('unknown');
  });

  it('no organization data but an intent organizationId: snapshot accounts are in-org, others outside', () => {
    const intent = intentSchema.parse({ organizationId: 'o-abc123defg' });
    expect([classifyAccount('333333333333', noOrg, intent), classifyAccount(VENDOR, noOrg, intent)]).toEqual([
      'self-org',
      'outside',
    ]);
  });
});
