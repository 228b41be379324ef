import { mockClient } from 'aws-sdk-client-mock';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { walkOrganization } from '../../src/collect/org/walk-organization.js';
import { buildEstate } from '../../src/estate/build.js';
import { awsError } from './helpers.js';
import { mockOrganization, SCP } from './org-fixture.js';

const orgs = mockClient(OrganizationsClient);
afterEach(() => orgs.reset());

describe('walkOrganization', () => {
  it('writes roots, the OU tree with parents, accounts with ParentId, SCPs with content and targets', async () => {
    mockOrganization(orgs);
    let calls = 0;
    const walk = await walkOrganization(new OrganizationsClient({ region: 'us-east-1' }), {
      countCall: () => void calls++,
    });
    expect(walk.failures).toEqual([]);
    // DescribeOrganization, ListRoots, 3 × ListOUs, 4 account pages, ListAccounts, 2 × ListPolicies, DescribePolicy, ListTargets
    expect(calls).toBe(14);
    expect(walk.accounts.map((a) => [a.id, a.status])).toEqual([
      ['111111111111', 'ACTIVE'],
      ['222222222222', 'ACTIVE'],
      ['333333333333', 'SUSPENDED'],
      ['444444444444', 'ACTIVE'],
    ]);
    const d = walk.document as Record<string, Record<string, unknown>[]>;
    expect(d.OrganizationalUnits!.map((u) => [u.Id, u.ParentId])).toEqual([
      ['ou-prod', 'r-1'],
      ['ou-prod-web', 'ou-prod'],
    ]);
    expect(d.Accounts!.map((a) => [a.Id, a.ParentId])).toEqual([
      ['111111111111', 'r-1'],
      ['222222222222', 'ou-prod'],
      ['333333333333', 'ou-prod'],
      ['444444444444', 'ou-prod-web'],
    ]);
    expect(d.Policies).toEqual([
      {
        PolicySummary: {
          Id: 'p-deny-igw',
          Name: 'deny-igw',
          Type: 'SERVICE_CONTROL_POLICY',
          AwsManaged: false,
        },
        Content: SCP,
        Targets: [
          { TargetId: '444444444444', Type: 'ACCOUNT', Name: 'web' },
          { TargetId: 'ou-prod', Type: 'ORGANIZATIONAL_UNIT', Name: 'Prod' },
        ],
      },
    ]);
  });

  it('the document loads into the estate: OU path of an account and the SCP attached to its OU', async () => {
    mockOrganization(orgs);
    const walk = await walkOrganization(new OrganizationsClient({ region: 'us-east-1' }), {
      countCall: () => {},
    });
    const estate = buildEstate([
      { file: 'organization/organization.json', region: 'global', data: walk.document },
    ]);
    expect(estate.organization?.id).toBe('o-abc123');
    expect(estate.index.orgPathByAccount.get('444444444444')).toEqual(['r-1', 'ou-prod', 'ou-prod-web']);
    expect(estate.index.orgPoliciesByTarget.get('ou-prod')).toEqual(['p-deny-igw']);
  });

  it('a policy type that cannot be listed is a recorded failure; the rest of the walk goes on', async () => {
    mockOrganization(orgs, { rcpDenied: true });
    const walk = await walkOrganization(new OrganizationsClient({ region: 'us-east-1' }), {
      countCall: () => {},
    });
    expect(walk.failures.map((f) => [f.operation, (f.cause as Error).name])).toEqual([
      ['ListPolicies', 'AccessDeniedException'],
    ]);
    expect((walk.document.Policies as unknown[]).length).toBe(1);
  });

  it('DescribeOrganization failing fails the walk, naming the operation', async () => {
    orgs
      .on(DescribeOrganizationCommand)
      .rejects(awsError('AWSOrganizationsNotInUseException', 'not in an organization'));
    await expect(
      walkOrganization(new OrganizationsClient({ region: 'us-east-1' }), { countCall: () => {} }),
    ).rejects.toThrow(
      'DescribeOrganization failed: AWSOrganizationsNotInUseException: not in an organization',
    );
  });
});
