// Round trip: a mocked AWS estate → collect → snapshot on disk → loadSnapshot → the same estate
// (ids, CIDRs, subnet → route table, ENIs, prefix-list entries, TGW routes, target health, PHZ VPCs,
// organization, manifest), with no loader warning about any file the collector wrote.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeInternetGatewaysCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRegionsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetManagedPrefixListEntriesCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  SearchTransitGatewayRoutesCommand,
  DescribeInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { GetHostedZoneCommand, ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collect } from '../../src/collect/collect.js';
import { writeSnapshot } from '../../src/collect/writer.js';
import { loadSnapshot } from '../../src/estate/load.js';
import { assumedRoleCredentials, whereOf } from './helpers.js';
import { mockOrganization } from './org-fixture.js';

const MGMT = '111111111111';
const ec2 = mockClient(EC2Client);
const elb = mockClient(ElasticLoadBalancingV2Client);
const iam = mockClient(IAMClient);
const rds = mockClient(RDSClient);
const r53 = mockClient(Route53Client);
const sts = mockClient(STSClient);
const orgs = mockClient(OrganizationsClient);
let dir: string;

/** One VPC per account: two subnets, a main and an explicit route table, one ENI in each subnet. */
function ec2For(account: string) {
  const n = account.slice(0, 1); // 1, 2, 4
  const vpc = `vpc-${n}`;
  return {
    Vpcs: [
      {
        VpcId: vpc,
        OwnerId: account,
        CidrBlock: `10.${n}.0.0/16`,
        IsDefault: false,
        State: 'available',
        CidrBlockAssociationSet: [{ CidrBlock: `10.${n}.0.0/16`, CidrBlockState: { State: 'associated' } }],
      },
    ],
    Subnets: ['a', 'b'].map((z, i) => ({
      SubnetId: `subnet-${n}${z}`,
      VpcId: vpc,
      OwnerId: account,
      CidrBlock: `10.${n}.${i}.0/24`,
      AvailabilityZone: `us-east-1${z}`,
      MapPublicIpOnLaunch: false,
    })),
    RouteTables: [
      {
        RouteTableId: `rtb-${n}main`,
        VpcId: vpc,
        OwnerId: account,
        Associations: [{ Main: true, RouteTableAssociationId: `rtbassoc-${n}m` }],
        Routes: [
          {
            DestinationCidrBlock: `10.${n}.0.0/16`,
            GatewayId: 'local',
            State: 'active',
            Origin: 'CreateRouteTable',
          },
        ],
      },
      {
        RouteTableId: `rtb-${n}pub`,
        VpcId: vpc,
        OwnerId: account,
        Associations: [{ Main: false, SubnetId: `subnet-${n}a`, RouteTableAssociationId: `rtbassoc-${n}a` }],
        Routes: [
          {
            DestinationCidrBlock: `10.${n}.0.0/16`,
            GatewayId: 'local',
            State: 'active',
            Origin: 'CreateRouteTable',
          },
          {
            DestinationCidrBlock: '0.0.0.0/0',
            GatewayId: `igw-${n}`,
            State: 'active',
            Origin: 'CreateRoute',
          },
        ],
      },
    ],
    InternetGateways: [
      { InternetGatewayId: `igw-${n}`, OwnerId: account, Attachments: [{ VpcId: vpc, State: 'available' }] },
    ],
    SecurityGroups: [
      {
        GroupId: `sg-${n}`,
        GroupName: 'web',
        Description: 'web',
        VpcId: vpc,
        OwnerId: account,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
        IpPermissionsEgress: [],
      },
    ],
    NetworkInterfaces: ['a', 'b'].map((z, i) => ({
      NetworkInterfaceId: `eni-${n}${z}`,
      SubnetId: `subnet-${n}${z}`,
      VpcId: vpc,
      OwnerId: account,
      AvailabilityZone: `us-east-1${z}`,
      InterfaceType: 'interface',
      Status: 'in-use',
      PrivateIpAddress: `10.${n}.${i}.10`,
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: `10.${n}.${i}.10` }],
      Groups: [{ GroupId: `sg-${n}`, GroupName: 'web' }],
      Ipv6Addresses: [],
    })),
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perimeter-round-trip-'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', `AKID${MGMT}`);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  for (const m of [ec2, elb, iam, rds, r53] as { onAnyCommand(): { resolves(v: object): unknown } }[]) {
    m.onAnyCommand().resolves({});
  }
  sts.on(GetCallerIdentityCommand).resolves({ Account: MGMT, Arn: `arn:aws:iam::${MGMT}:user/auditor` });
  sts
    .on(AssumeRoleCommand)
    .callsFake((input: { RoleArn: string }) => assumedRoleCredentials(input.RoleArn.split(':')[4]!));
  mockOrganization(orgs);
  ec2
    .on(DescribeRegionsCommand)
    .resolves({ Regions: [{ RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' }] });
  const per =
    <K extends keyof ReturnType<typeof ec2For>>(key: K) =>
    async (_i: unknown, getClient: () => { config: unknown }) => ({
      [key]: ec2For((await whereOf(getClient)).account)[key],
    });
  ec2.on(DescribeVpcsCommand).callsFake(per('Vpcs'));
  ec2.on(DescribeSubnetsCommand).callsFake(per('Subnets'));
  ec2.on(DescribeRouteTablesCommand).callsFake(per('RouteTables'));
  ec2.on(DescribeInternetGatewaysCommand).callsFake(per('InternetGateways'));
  ec2.on(DescribeSecurityGroupsCommand).callsFake(per('SecurityGroups'));
  ec2.on(DescribeNetworkInterfacesCommand).callsFake(per('NetworkInterfaces'));
  ec2.on(DescribeInstancesCommand).callsFake(async (_i, getClient) =>
    (await whereOf(getClient)).account === MGMT
      ? {
          Reservations: [
            {
              ReservationId: 'r-1',
              OwnerId: MGMT,
              Instances: [
                {
                  InstanceId: 'i-1',
                  State: { Name: 'running' },
                  SubnetId: 'subnet-1a',
                  VpcId: 'vpc-1',
                  PrivateIpAddress: '10.1.0.10',
                  LaunchTime: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
                  NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1a' }],
                  Placement: { AvailabilityZone: 'us-east-1a' },
                },
              ],
            },
          ],
        }
      : { Reservations: [] },
  );
  ec2.on(DescribeManagedPrefixListsCommand).resolves({
    PrefixLists: [{ PrefixListId: 'pl-corp', PrefixListName: 'corp', AddressFamily: 'IPv4', OwnerId: MGMT }],
  });
  ec2
    .on(GetManagedPrefixListEntriesCommand)
    .resolves({ Entries: [{ Cidr: '192.0.2.0/24' }, { Cidr: '198.51.100.0/24' }] });
  ec2.on(DescribeTransitGatewayRouteTablesCommand).callsFake(async (_i, getClient) =>
    (await whereOf(getClient)).account === MGMT
      ? {
          TransitGatewayRouteTables: [
            { TransitGatewayRouteTableId: 'tgw-rtb-1', TransitGatewayId: 'tgw-1', State: 'available' },
          ],
        }
      : { TransitGatewayRouteTables: [] },
  );
  ec2.on(SearchTransitGatewayRoutesCommand).resolves({
    AdditionalRoutesAvailable: false,
    Routes: [
      {
        DestinationCidrBlock: '0.0.0.0/0',
        Type: 'static',
        State: 'active',
        TransitGatewayAttachments: [
          { TransitGatewayAttachmentId: 'tgw-attach-1', ResourceId: 'vpc-1', ResourceType: 'vpc' },
        ],
      },
    ],
  });
  ec2.on(GetTransitGatewayRouteTablePropagationsCommand).resolves({
    TransitGatewayRouteTablePropagations: [
      {
        TransitGatewayAttachmentId: 'tgw-attach-2',
        ResourceId: 'vpc-2',
        ResourceType: 'vpc',
        State: 'enabled',
      },
    ],
  });
  const LB = `arn:aws:elasticloadbalancing:us-east-1:${MGMT}:loadbalancer/net/web/1`;
  const TG = `arn:aws:elasticloadbalancing:us-east-1:${MGMT}:targetgroup/web/2`;
  elb.on(DescribeLoadBalancersCommand).callsFake(async (_i, getClient) =>
    (await whereOf(getClient)).account === MGMT
      ? {
          LoadBalancers: [
            {
              LoadBalancerArn: LB,
              LoadBalancerName: 'web',
              Type: 'network',
              Scheme: 'internet-facing',
              VpcId: 'vpc-1',
              AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-1a' }],
              CreatedTime: new Date(Date.UTC(2026, 0, 1)),
            },
          ],
        }
      : { LoadBalancers: [] },
  );
  elb.on(DescribeListenersCommand).resolves({
    Listeners: [
      {
        ListenerArn: `${LB}/l`,
        LoadBalancerArn: LB,
        Port: 443,
        Protocol: 'TCP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: TG }],
      },
    ],
  });
  elb.on(DescribeTargetGroupsCommand).callsFake(async (_i, getClient) =>
    (await whereOf(getClient)).account === MGMT
      ? {
          TargetGroups: [
            {
              TargetGroupArn: TG,
              TargetGroupName: 'web',
              Protocol: 'TCP',
              Port: 443,
              TargetType: 'instance',
              VpcId: 'vpc-1',
              LoadBalancerArns: [LB],
            },
          ],
        }
      : { TargetGroups: [] },
  );
  elb.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [{ Target: { Id: 'i-1', Port: 443 }, TargetHealth: { State: 'healthy' } }],
  });
  r53.on(ListHostedZonesCommand).callsFake(async (_i, getClient) =>
    (await whereOf(getClient)).account === MGMT
      ? {
          HostedZones: [
            {
              Id: '/hostedzone/ZCORP',
              Name: 'corp.internal.',
              CallerReference: 'c',
              Config: { PrivateZone: true },
            },
          ],
        }
      : { HostedZones: [] },
  );
  r53.on(GetHostedZoneCommand).resolves({
    HostedZone: {
      Id: '/hostedzone/ZCORP',
      Name: 'corp.internal.',
      CallerReference: 'c',
      Config: { PrivateZone: true },
    },
    VPCs: [
      { VPCId: 'vpc-2', VPCRegion: 'us-east-1' },
      { VPCId: 'vpc-1', VPCRegion: 'us-east-1' },
    ],
  });
  iam.on(GetAccountAuthorizationDetailsCommand).callsFake(async (_i, getClient) => {
    const { account } = await whereOf(getClient);
    return {
      RoleDetailList: [
        {
          RoleName: 'web',
          Arn: `arn:aws:iam::${account}:role/web`,
          Path: '/',
          AssumeRolePolicyDocument: encodeURIComponent(
            JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            }),
          ),
          RolePolicyList: [],
          AttachedManagedPolicies: [],
          InstanceProfileList: [],
        },
      ],
      UserDetailList: [],
      GroupDetailList: [],
      Policies: [],
    };
  });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const m of [ec2, elb, iam, rds, r53, sts, orgs]) m.reset();
  await rm(dir, { recursive: true, force: true });
});

describe('round trip: collect → snapshot on disk → loadSnapshot', () => {
  it('loads back the estate the mocked AWS holds, with no warning about any collected file', async () => {
    const result = await collect({ org: true, now: () => new Date(Date.UTC(2026, 10, 23)) });
    expect(result.manifest.failures).toEqual([]);
    const out = join(dir, 'snap');
    await writeSnapshot(out, result.documents, result.manifest);
    const estate = await loadSnapshot(out);

    expect(estate.problems).toEqual([]);
    // every organization account is known; the SUSPENDED one was not collected (no regions)
    expect([...estate.accounts.values()].map((a) => [a.id, a.status, a.regions])).toEqual([
      ['111111111111', 'ACTIVE', ['us-east-1']],
      ['222222222222', 'ACTIVE', ['us-east-1']],
      ['333333333333', 'SUSPENDED', []],
      ['444444444444', 'ACTIVE', ['us-east-1']],
    ]);
    expect([...estate.vpcs.values()].map((v) => [v.id, v.accountId, v.region, v.cidrsV4])).toEqual([
      ['vpc-1', '111111111111', 'us-east-1', ['10.1.0.0/16']],
      ['vpc-2', '222222222222', 'us-east-1', ['10.2.0.0/16']],
      ['vpc-4', '444444444444', 'us-east-1', ['10.4.0.0/16']],
    ]);
    expect(Object.fromEntries(estate.index.routeTableBySubnet)).toEqual({
      'subnet-1a': 'rtb-1pub',
      'subnet-1b': 'rtb-1main',
      'subnet-2a': 'rtb-2pub',
      'subnet-2b': 'rtb-2main',
      'subnet-4a': 'rtb-4pub',
      'subnet-4b': 'rtb-4main',
    });
    expect(estate.routeTables.get('rtb-1pub')?.routes.map((r) => [r.destination, r.target])).toEqual([
      [
        { kind: 'cidr', cidr: '10.1.0.0/16', version: 4 },
        { kind: 'local', id: 'local' },
      ],
      [
        { kind: 'cidr', cidr: '0.0.0.0/0', version: 4 },
        { kind: 'igw', id: 'igw-1' },
      ],
    ]);
    expect(
      [...estate.networkInterfaces.values()].map((e) => [
        e.id,
        e.subnetId,
        e.privateIps.map((p) => p.privateIp),
        e.securityGroupIds,
      ]),
    ).toEqual([
      ['eni-1a', 'subnet-1a', ['10.1.0.10'], ['sg-1']],
      ['eni-1b', 'subnet-1b', ['10.1.1.10'], ['sg-1']],
      ['eni-2a', 'subnet-2a', ['10.2.0.10'], ['sg-2']],
      ['eni-2b', 'subnet-2b', ['10.2.1.10'], ['sg-2']],
      ['eni-4a', 'subnet-4a', ['10.4.0.10'], ['sg-4']],
      ['eni-4b', 'subnet-4b', ['10.4.1.10'], ['sg-4']],
    ]);
    expect(estate.instances.get('i-1')).toMatchObject({
      state: 'running',
      subnetId: 'subnet-1a',
      launchTime: '2026-01-02T03:04:05.000Z',
    });
    expect(estate.prefixLists.get('pl-corp')).toMatchObject({
      entriesKnown: true,
      cidrs: ['192.0.2.0/24', '198.51.100.0/24'],
    });
    const tgwRt = estate.transitGatewayRouteTables.get('tgw-rtb-1');
    expect(
      tgwRt?.routes.map((r) => [r.destination, r.type, r.attachments.map((a) => a.attachmentId)]),
    ).toEqual([[{ kind: 'cidr', cidr: '0.0.0.0/0', version: 4 }, 'static', ['tgw-attach-1']]]);
    expect(tgwRt?.propagations.map((p) => p.attachmentId)).toEqual(['tgw-attach-2']);
    const tg = `arn:aws:elasticloadbalancing:us-east-1:${MGMT}:targetgroup/web/2`;
    expect(estate.index.targetHealthByTargetGroup.get(tg)?.map((h) => [h.targetId, h.state])).toEqual([
      ['i-1', 'healthy'],
    ]);
    expect(estate.listeners.size).toBe(1);
    expect(estate.hostedZones.get('ZCORP')).toMatchObject({
      privateZone: true,
      accountId: MGMT,
      vpcs: [
        { vpcId: 'vpc-1', region: 'us-east-1' },
        { vpcId: 'vpc-2', region: 'us-east-1' },
      ],
    });
    expect([...estate.iamRoles.keys()]).toEqual([
      'arn:aws:iam::111111111111:role/web',
      'arn:aws:iam::222222222222:role/web',
      'arn:aws:iam::444444444444:role/web',
    ]);
    expect(estate.iamRoles.get('arn:aws:iam::111111111111:role/web')?.trustPolicy).toMatchObject({
      Version: '2012-10-17',
    });
    expect(estate.organization?.id).toBe('o-abc123');
    expect(estate.index.orgPathByAccount.get('444444444444')).toEqual(['r-1', 'ou-prod', 'ou-prod-web']);
    expect(estate.collection).toEqual(result.manifest);
  });
});
