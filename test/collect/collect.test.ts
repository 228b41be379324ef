import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeRegionsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeVpcsCommand,
  EC2Client,
  SearchTransitGatewayRoutesCommand,
} from '@aws-sdk/client-ec2';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collect } from '../../src/collect/collect.js';
import { hostedZones } from '../../src/collect/collectors/hosted-zones.js';
import { transitGatewayRouteTables } from '../../src/collect/collectors/transit-gateway-route-tables.js';
import { transitGatewayStaticRoutes } from '../../src/collect/collectors/transit-gateway-static-routes.js';
import { vpcs } from '../../src/collect/collectors/vpcs.js';
import type { CollectProgress } from '../../src/collect/progress.js';
import { assumedRoleCredentials, awsError, whereOf } from './helpers.js';
import { mockOrganization } from './org-fixture.js';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const orgs = mockClient(OrganizationsClient);
const r53 = mockClient(Route53Client);

const MGMT = '111111111111';
const PROD = '222222222222';
const WEB = '444444444444';
const NOW = () => new Date(Date.UTC(2026, 10, 23, 12, 0, 0));

beforeEach(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', `AKID${MGMT}`);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
  vi.stubEnv('AWS_PROFILE', '');
  sts.on(GetCallerIdentityCommand).resolves({
    Account: MGMT,
    Arn: `arn:aws:sts::${MGMT}:assumed-role/Auditor/alice`,
    UserId: 'AROA:alice',
  });
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => {
    const account = input.RoleArn.split(':')[4]!;
    if (account === WEB)
      throw awsError(
        'AccessDenied',
        `User is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
        403,
      );
    return assumedRoleCredentials(account);
  });
  ec2.on(DescribeRegionsCommand).resolves({
    Regions: [
      { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
    ],
  });
  ec2.on(DescribeVpcsCommand).callsFake(async (_input, getClient) => {
    const { account, region } = await whereOf(getClient);
    if (account === PROD && region === 'eu-west-1') {
      throw awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
    }
    return { Vpcs: [{ VpcId: `vpc-${account.slice(0, 3)}-${region}`, CidrBlock: '10.0.0.0/16' }] };
  });
  ec2.on(DescribeTransitGatewayRouteTablesCommand).callsFake(async (_input, getClient) => {
    const { account, region } = await whereOf(getClient);
    if (account === MGMT && region === 'us-east-1')
      throw awsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    return { TransitGatewayRouteTables: [] };
  });
  ec2.on(SearchTransitGatewayRoutesCommand).resolves({ Routes: [] });
  r53.on(ListHostedZonesCommand).resolves({ HostedZones: [] });
});

afterEach(() => {
  vi.unstubAllEnvs();
  sts.reset();
  ec2.reset();
  orgs.reset();
  r53.reset();
});

const collectors = [hostedZones, transitGatewayRouteTables, transitGatewayStaticRoutes, vpcs];

describe('collect', () => {
  it('current account by default: every enabled region (opt-in regions not enabled are skipped), global once', async () => {
    const r = await collect({ collectors: [hostedZones, vpcs], now: NOW, tool: 'perimeter test' });
    expect(r.documents.map((d) => d.path)).toEqual([
      `accounts/${MGMT}/eu-west-1/Vpcs.json`,
      `accounts/${MGMT}/global/HostedZones.json`,
      `accounts/${MGMT}/us-east-1/Vpcs.json`,
    ]);
    expect(r.manifest).toMatchObject({
      version: 1,
      collectedAt: '2026-11-23T12:00:00.000Z',
      collectedBy: `arn:aws:sts::${MGMT}:assumed-role/Auditor/alice`,
      tool: 'perimeter test',
      accounts: [MGMT],
      regions: ['eu-west-1', 'us-east-1'],
      failures: [],
    });
    expect(r.manifest.calls.map((c) => `${c.region}/${c.service}:${c.operation}=${c.items}`)).toEqual([
      'eu-west-1/ec2:DescribeVpcs=1',
      'global/route53:ListHostedZones=0',
      'us-east-1/ec2:DescribeRegions=3',
      'us-east-1/ec2:DescribeVpcs=1',
    ]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it('--org: assumes the role (with external id) in members, records what failed and why', async () => {
    mockOrganization(orgs);
    const progress: CollectProgress[] = [];
    const r = await collect({
      org: true,
      externalId: 'ext-42',
      collectors,
      now: NOW,
      onProgress: (p) => progress.push(p),
    });
    // 333… is SUSPENDED: not collected
    expect(r.manifest.accounts).toEqual([MGMT, PROD, WEB]);
    expect(
      sts.commandCalls(AssumeRoleCommand).map((c) => [c.args[0].input.RoleArn, c.args[0].input.ExternalId]),
    ).toEqual([
      [`arn:aws:iam::${PROD}:role/PerimeterReadOnly`, 'ext-42'],
      [`arn:aws:iam::${WEB}:role/PerimeterReadOnly`, 'ext-42'],
    ]);
    expect(r.manifest.failures).toEqual([
      {
        accountId: MGMT,
        region: 'us-east-1',
        service: 'ec2',
        operation: 'DescribeTransitGatewayRouteTables',
        kind: 'throttled',
        errorCode: 'RequestLimitExceeded',
        message: 'Request limit exceeded.',
      },
      {
        accountId: MGMT,
        region: 'us-east-1',
        service: 'ec2',
        operation: 'SearchTransitGatewayRoutes',
        kind: 'throttled',
        message:
          'not collected: needs TransitGatewayRouteTables, which failed (throttled RequestLimitExceeded)',
      },
      {
        accountId: PROD,
        region: 'eu-west-1',
        service: 'ec2',
        operation: 'DescribeVpcs',
        kind: 'access-denied',
        errorCode: 'UnauthorizedOperation',
        message: 'You are not authorized to perform this operation.',
      },
      {
        accountId: WEB,
        service: 'sts',
        operation: 'AssumeRole',
        kind: 'assume-role-failed',
        errorCode: 'AccessDenied',
        message: `sts:AssumeRole arn:aws:iam::${WEB}:role/PerimeterReadOnly failed: AccessDenied: User is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${WEB}:role/PerimeterReadOnly`,
      },
    ]);
    expect(r.documents.map((d) => d.path)).toEqual([
      `accounts/${MGMT}/eu-west-1/TransitGatewayRouteTables.json`,
      `accounts/${MGMT}/eu-west-1/TransitGatewayStaticRoutes.json`,
      `accounts/${MGMT}/eu-west-1/Vpcs.json`,
      `accounts/${MGMT}/global/HostedZones.json`,
      `accounts/${MGMT}/us-east-1/Vpcs.json`,
      `accounts/${PROD}/eu-west-1/TransitGatewayRouteTables.json`,
      `accounts/${PROD}/eu-west-1/TransitGatewayStaticRoutes.json`,
      `accounts/${PROD}/global/HostedZones.json`,
      `accounts/${PROD}/us-east-1/TransitGatewayRouteTables.json`,
      `accounts/${PROD}/us-east-1/TransitGatewayStaticRoutes.json`,
      `accounts/${PROD}/us-east-1/Vpcs.json`,
      'organization/organization.json',
    ]);
    // the member's data came from the member's own credentials
    const prodVpcs = r.documents.find((d) => d.path === `accounts/${PROD}/us-east-1/Vpcs.json`);
    expect(prodVpcs?.data).toEqual({ Vpcs: [{ VpcId: 'vpc-222-us-east-1', CidrBlock: '10.0.0.0/16' }] });
    const last = progress[progress.length - 1]!;
    expect(last).toMatchObject({
      accountsTotal: 3,
      accountsDone: 3,
      unitsTotal: 6,
      unitsDone: 6,
      failures: 4,
    });
  });

  it('--regions: an opt-in region that is not enabled is a failure of kind opt-in-region, not an error', async () => {
    const r = await collect({ regions: ['af-south-1', 'us-east-1'], collectors: [vpcs], now: NOW });
    expect(r.manifest.regions).toEqual(['us-east-1']);
    expect(r.manifest.failures).toEqual([
      {
        accountId: MGMT,
        region: 'af-south-1',
        service: 'ec2',
        operation: 'DescribeRegions',
        kind: 'opt-in-region',
        message: `region af-south-1 is an opt-in region not enabled in account ${MGMT} (OptInStatus not-opted-in): nothing was collected there`,
      },
    ]);
    expect(r.documents.map((d) => d.path)).toEqual([`accounts/${MGMT}/us-east-1/Vpcs.json`]);
  });

  it('an organization that cannot be walked leaves the caller account collected and says why', async () => {
    orgs
      .on(DescribeOrganizationCommand)
      .rejects(
        awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'),
      );
    const r = await collect({ org: true, collectors: [vpcs], regions: ['us-east-1'], now: NOW });
    expect(r.manifest.accounts).toEqual([MGMT]);
    expect(r.manifest.failures.map((f) => [f.service, f.operation, f.kind])).toEqual([
      ['organizations', 'DescribeOrganization', 'other'],
    ]);
    expect(r.manifest.failures[0]?.errorCode).toBe('AWSOrganizationsNotInUseException');
  });

  it('no credentials at all is fatal: GetCallerIdentity fails with the SDK message', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(
        awsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403),
      );
    await expect(collect({ collectors: [vpcs], now: NOW })).rejects.toThrow(
      'GetCallerIdentity failed: InvalidClientTokenId: The security token included in the request is invalid.',
    );
  });
});
