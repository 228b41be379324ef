// A small estate in raw AWS JSON for simulate and the IAM checks (goes through buildEstate):
// vpc-app with a private subnet (NAT nat-1, EIP 198.51.100.20) and a public subnet (igw-1);
// vpc-hub with a centralized KMS endpoint served by a private hosted zone associated with vpc-app;
// an SQS interface endpoint in vpc-app. Role "bound" carries the seed-001 inline Deny, role "free"
// does not. i-bound runs in the private subnet, i-free in the public one (public IP 203.0.113.10).
import { readFileSync } from 'node:fs';
import { buildEstate, type RawDocument } from '../../src/estate/build.js';
import type { Estate } from '../../src/estate/model.js';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const BOUND = `arn:aws:iam::${ACCOUNT}:role/bound`;
export const FREE = `arn:aws:iam::${ACCOUNT}:role/free`;

const seed001 = (
  JSON.parse(readFileSync(new URL('../scenarios/iam/seed-001-scp.json', import.meta.url), 'utf8')) as {
    policy: unknown;
  }
).policy;
const allowWork = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['sqs:*', 'kms:Decrypt'], Resource: '*' }],
};

const vpc = (id: string, cidr: string) => ({
  VpcId: id,
  CidrBlock: cidr,
  OwnerId: ACCOUNT,
  State: 'available',
  IsDefault: false,
  CidrBlockAssociationSet: [{ CidrBlock: cidr, CidrBlockState: { State: 'associated' } }],
});
const subnet = (id: string, vpcId: string, cidr: string) => ({
  SubnetId: id,
  VpcId: vpcId,
  CidrBlock: cidr,
  OwnerId: ACCOUNT,
  MapPublicIpOnLaunch: false,
});
const instance = (id: string, subnetId: string, ip: string, profile: string, publicIp?: string) => ({
  InstanceId: id,
  State: { Name: 'running' },
  VpcId: 'vpc-app',
  SubnetId: subnetId,
  PrivateIpAddress: ip,
  ...(publicIp ? { PublicIpAddress: publicIp } : {}),
  IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${profile}` },
});
const role = (name: string, inline: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  RoleName: name,
  Path: '/',
  AssumeRolePolicyDocument: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  },
  RolePolicyList: Object.entries(inline).map(([PolicyName, PolicyDocument]) => ({
    PolicyName,
    PolicyDocument,
  })),
  AttachedManagedPolicies: [],
  InstanceProfileList: [
    {
      Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${name}-profile`,
      InstanceProfileName: `${name}-profile`,
      Roles: [{ Arn: `arn:aws:iam::${ACCOUNT}:role/${name}` }],
    },
  ],
  Tags: [],
  ...extra,
});

export function docs(
  overrides: { endpointPolicy?: unknown; boundInline?: Record<string, unknown>; org?: boolean } = {},
): RawDocument[] {
  const ec2: Record<string, unknown> = {
    Vpcs: [vpc('vpc-app', '10.0.0.0/16'), vpc('vpc-hub', '10.1.0.0/16')],
    Subnets: [
      subnet('subnet-priv', 'vpc-app', '10.0.1.0/24'),
      subnet('subnet-pub', 'vpc-app', '10.0.0.0/24'),
      subnet('subnet-hub', 'vpc-hub', '10.1.0.0/24'),
    ],
    InternetGateways: [
      {
        InternetGatewayId: 'igw-1',
        OwnerId: ACCOUNT,
        Attachments: [{ VpcId: 'vpc-app', State: 'available' }],
      },
    ],
    NatGateways: [
      {
        NatGatewayId: 'nat-1',
        VpcId: 'vpc-app',
        SubnetId: 'subnet-pub',
        State: 'available',
        ConnectivityType: 'public',
        NatGatewayAddresses: [
          { AllocationId: 'eipalloc-1', PublicIp: '198.51.100.20', PrivateIp: '10.0.0.9' },
        ],
      },
    ],
    RouteTables: [
      {
        RouteTableId: 'rtb-priv',
        VpcId: 'vpc-app',
        OwnerId: ACCOUNT,
        Associations: [{ Main: false, SubnetId: 'subnet-priv' }],
        Routes: [
          { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
          { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'active' },
        ],
      },
      {
        RouteTableId: 'rtb-pub',
        VpcId: 'vpc-app',
        OwnerId: ACCOUNT,
        Associations: [{ Main: true }, { Main: false, SubnetId: 'subnet-pub' }],
        Routes: [
          { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
          { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' },
        ],
      },
      {
        RouteTableId: 'rtb-hub',
        VpcId: 'vpc-hub',
        OwnerId: ACCOUNT,
        Associations: [{ Main: true }],
        Routes: [{ DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'local', State: 'active' }],
      },
    ],
    Reservations: [
      {
        Instances: [
          instance('i-bound', 'subnet-priv', '10.0.1.10', 'bound-profile'),
          instance('i-free', 'subnet-pub', '10.0.0.5', 'free-profile', '203.0.113.10'),
        ],
      },
    ],
    VpcEndpoints: [
      {
        VpcEndpointId: 'vpce-app-sqs',
        VpcId: 'vpc-app',
        OwnerId: ACCOUNT,
        ServiceName: `com.amazonaws.${REGION}.sqs`,
        VpcEndpointType: 'Interface',
        State: 'available',
        PrivateDnsEnabled: true,
        SubnetIds: ['subnet-priv'],
        ...(overrides.endpointPolicy ? { PolicyDocument: JSON.stringify(overrides.endpointPolicy) } : {}),
      },
      {
        VpcEndpointId: 'vpce-hub-kms',
        VpcId: 'vpc-hub',
        OwnerId: ACCOUNT,
        ServiceName: `com.amazonaws.${REGION}.kms`,
        VpcEndpointType: 'Interface',
        State: 'available',
        PrivateDnsEnabled: false,
        SubnetIds: ['subnet-hub'],
      },
    ],
  };
  const out: RawDocument[] = Object.entries(ec2).map(([k, v]) => ({
    file: `${k}.json`,
    accountId: ACCOUNT,
    region: REGION,
    data: { [k]: v },
  }));
  out.push({
    file: 'iam.json',
    accountId: ACCOUNT,
    region: 'global',
    data: {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [
        role('bound', overrides.boundInline ?? { work: allowWork, 'lock-to-vpc': seed001 }),
        role('free', { work: allowWork }),
      ],
      Policies: [],
    },
  });
  out.push({
    file: 'route53/zone.json',
    accountId: ACCOUNT,
    region: 'global',
    data: {
      HostedZone: {
        Id: '/hostedzone/ZKMS',
        Name: `kms.${REGION}.amazonaws.com.`,
        Config: { PrivateZone: true },
      },
      VPCs: [
        { VPCId: 'vpc-app', VPCRegion: REGION },
        { VPCId: 'vpc-hub', VPCRegion: REGION },
      ],
    },
  });
  if (overrides.org) {
    out.push({
      file: 'organization/org.json',
      data: {
        Organization: { Id: 'o-abc', ManagementAccountId: '999999999999' },
        Roots: [{ Id: 'r-root' }],
        OrganizationalUnits: [{ Id: 'ou-prod', Name: 'prod', ParentId: 'r-root' }],
        Accounts: [{ Id: ACCOUNT, Name: 'app', Status: 'ACTIVE', ParentId: 'ou-prod' }],
        Policies: [
          {
            PolicySummary: {
              Id: 'p-full',
              Name: 'FullAWSAccess',
              Type: 'SERVICE_CONTROL_POLICY',
              AwsManaged: true,
            },
            Content: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
            }),
            Targets: [{ TargetId: 'r-root' }, { TargetId: 'ou-prod' }, { TargetId: ACCOUNT }],
          },
          {
            PolicySummary: {
              Id: 'p-org-only',
              Name: 'org-only',
              Type: 'SERVICE_CONTROL_POLICY',
              AwsManaged: false,
            },
            Content: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Deny',
                  Action: '*',
                  Resource: '*',
                  Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
                },
              ],
            }),
            Targets: [{ TargetId: 'ou-prod' }],
          },
        ],
      },
    });
  }
  return out;
}

export function testEstate(overrides: Parameters<typeof docs>[0] = {}): Estate {
  return buildEstate(docs(overrides));
}
