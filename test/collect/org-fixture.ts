// A mocked organization for tests: root r-1 → OU ou-prod → OU ou-prod-web.
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { AwsStub } from 'aws-sdk-client-mock';
import { awsError } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OrgStub = AwsStub<any, any, OrganizationsClient['config']>;

export const SCP = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'ec2:CreateInternetGateway', Resource: '*' }],
});

/** Root r-1 → OU ou-prod → OU ou-prod-web; accounts: mgmt under the root, 2 in prod, 1 in prod-web. */
export function mockOrganization(m: OrgStub, opts: { rcpDenied?: boolean } = {}): void {
  m.on(DescribeOrganizationCommand).resolves({
    Organization: {
      Id: 'o-abc123',
      Arn: 'arn:aws:organizations::111111111111:organization/o-abc123',
      MasterAccountId: '111111111111',
    },
  });
  m.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-1', Name: 'Root', Arn: 'arn:root' }] });
  m.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-1' }).resolves({
    OrganizationalUnits: [{ Id: 'ou-prod', Name: 'Prod', Arn: 'arn:ou-prod' }],
  });
  m.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-prod' }).resolves({
    OrganizationalUnits: [{ Id: 'ou-prod-web', Name: 'Web', Arn: 'arn:ou-prod-web' }],
  });
  m.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-prod-web' }).resolves({
    OrganizationalUnits: [],
  });
  m.on(ListAccountsForParentCommand, { ParentId: 'r-1' }).resolves({ Accounts: [{ Id: '111111111111' }] });
  m.on(ListAccountsForParentCommand, { ParentId: 'ou-prod' })
    .resolvesOnce({ Accounts: [{ Id: '222222222222' }], NextToken: 'n' })
    .resolvesOnce({ Accounts: [{ Id: '333333333333' }] });
  m.on(ListAccountsForParentCommand, { ParentId: 'ou-prod-web' }).resolves({
    Accounts: [{ Id: '444444444444' }],
  });
  m.on(ListAccountsCommand).resolves({
    Accounts: [
      { Id: '444444444444', Name: 'web', Status: 'ACTIVE', State: 'ACTIVE' },
      { Id: '111111111111', Name: 'mgmt', Status: 'ACTIVE', State: 'ACTIVE' },
      { Id: '333333333333', Name: 'old', Status: 'SUSPENDED', State: 'SUSPENDED' },
      { Id: '222222222222', Name: 'prod', Status: 'ACTIVE', State: 'ACTIVE' },
    ],
  });
  m.on(ListPoliciesCommand, { Filter: 'SERVICE_CONTROL_POLICY' }).resolves({
    Policies: [{ Id: 'p-deny-igw', Name: 'deny-igw', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false }],
  });
  if (opts.rcpDenied) {
    m.on(ListPoliciesCommand, { Filter: 'RESOURCE_CONTROL_POLICY' }).rejects(
      awsError('AccessDeniedException', 'no RCP access', 400),
    );
  } else {
    m.on(ListPoliciesCommand, { Filter: 'RESOURCE_CONTROL_POLICY' }).resolves({ Policies: [] });
  }
  m.on(DescribePolicyCommand, { PolicyId: 'p-deny-igw' }).resolves({
    Policy: {
      PolicySummary: {
        Id: 'p-deny-igw',
        Name: 'deny-igw',
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: false,
      },
      Content: SCP,
    },
  });
  m.on(ListTargetsForPolicyCommand, { PolicyId: 'p-deny-igw' }).resolves({
    Targets: [
      { TargetId: 'ou-prod', Type: 'ORGANIZATIONAL_UNIT', Name: 'Prod' },
      { TargetId: '444444444444', Type: 'ACCOUNT', Name: 'web' },
    ],
  });
}
