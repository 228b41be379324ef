// Small raw-AWS-JSON builders for check tests: each returns a response fragment as the AWS CLI
// prints it, so tests go through the real loader (buildEstate) rather than hand-made models.
import { buildEstate } from '../../src/estate/build.js';
import type { Estate } from '../../src/estate/model.js';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';

export function estateOf(data: Record<string, unknown>, accountId = ACCOUNT, region = REGION): Estate {
  return buildEstate(
    Object.entries(data).map(([key, value]) => ({
      file: `${key}.json`,
      accountId,
      region,
      data: { [key]: value },
    })),
  );
}

export function estateOfAccounts(
  perAccount: Record<string, Record<string, unknown>>,
  region = REGION,
): Estate {
  return buildEstate(
    Object.entries(perAccount).flatMap(([accountId, data]) =>
      Object.entries(data).map(([key, value]) => ({
        file: `${accountId}/${key}.json`,
        accountId,
        region,
        data: { [key]: value },
      })),
    ),
  );
}

export function sg(
  id: string,
  vpcId: string,
  ingress: unknown[],
  ownerId = ACCOUNT,
): Record<string, unknown> {
  return {
    GroupId: id,
    GroupName: id,
    Description: 'test',
    VpcId: vpcId,
    OwnerId: ownerId,
    IpPermissions: ingress,
    IpPermissionsEgress: [
      {
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ],
  };
}

export function tcp(from: number, to: number, cidrs: string[], v6: string[] = []): Record<string, unknown> {
  return {
    IpProtocol: 'tcp',
    FromPort: from,
    ToPort: to,
    IpRanges: cidrs.map((c) => ({ CidrIp: c })),
    Ipv6Ranges: v6.map((c) => ({ CidrIpv6: c })),
    PrefixListIds: [],
    UserIdGroupPairs: [],
  };
}

export function vpc(id: string, cidr: string, ownerId = ACCOUNT): Record<string, unknown> {
  return {
    VpcId: id,
    CidrBlock: cidr,
    OwnerId: ownerId,
    State: 'available',
    IsDefault: false,
    CidrBlockAssociationSet: [{ CidrBlock: cidr, CidrBlockState: { State: 'associated' } }],
  };
}

/** Raw AWS docs for one VPC with an attached IGW and one subnet holding one ENI (with or without a public IP). */
export function vpcWithIgw(o: {
  accountId: string;
  vpcId: string;
  cidr: string;
  igwId: string;
  routeToIgw: boolean;
  publicIp?: string;
  sshFrom?: string;
}): Record<string, unknown> {
  const subnetCidr = o.cidr.replace(/\.0\.0\/16$/, '.1.0/24');
  const privateIp = subnetCidr.replace(/\.0\/24$/, '.10');
  const suffix = o.vpcId.slice(4);
  return {
    Vpcs: [vpc(o.vpcId, o.cidr, o.accountId)],
    InternetGateways: [
      {
        InternetGatewayId: o.igwId,
        OwnerId: o.accountId,
        Attachments: [{ VpcId: o.vpcId, State: 'available' }],
        Tags: [],
      },
    ],
    Subnets: [
      {
        SubnetId: `subnet-${suffix}`,
        VpcId: o.vpcId,
        CidrBlock: subnetCidr,
        OwnerId: o.accountId,
        AvailabilityZone: 'us-east-1a',
        MapPublicIpOnLaunch: o.publicIp !== undefined,
        State: 'available',
      },
    ],
    RouteTables: [
      {
        RouteTableId: `rtb-${suffix}`,
        VpcId: o.vpcId,
        OwnerId: o.accountId,
        Associations: [
          { Main: true, RouteTableId: `rtb-${suffix}`, RouteTableAssociationId: `rtbassoc-${suffix}` },
        ],
        Routes: [
          { DestinationCidrBlock: o.cidr, GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' },
          ...(o.routeToIgw
            ? [
                {
                  DestinationCidrBlock: '0.0.0.0/0',
                  GatewayId: o.igwId,
                  State: 'active',
                  Origin: 'CreateRoute',
                },
              ]
            : []),
        ],
      },
    ],
    NetworkAcls: [
      {
        NetworkAclId: `acl-${suffix}`,
        VpcId: o.vpcId,
        OwnerId: o.accountId,
        IsDefault: true,
        Associations: [
          {
            NetworkAclAssociationId: `aclassoc-${suffix}`,
            NetworkAclId: `acl-${suffix}`,
            SubnetId: `subnet-${suffix}`,
          },
        ],
        Entries: [
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
          { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
          { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
        ],
      },
    ],
    SecurityGroups: [sg(`sg-${suffix}`, o.vpcId, [tcp(22, 22, [o.sshFrom ?? '0.0.0.0/0'])], o.accountId)],
    NetworkInterfaces: [
      {
        NetworkInterfaceId: `eni-${suffix}`,
        SubnetId: `subnet-${suffix}`,
        VpcId: o.vpcId,
        OwnerId: o.accountId,
        AvailabilityZone: 'us-east-1a',
        InterfaceType: 'interface',
        Status: 'in-use',
        RequesterManaged: false,
        PrivateIpAddress: privateIp,
        Groups: [{ GroupId: `sg-${suffix}`, GroupName: `sg-${suffix}` }],
        PrivateIpAddresses: [
          {
            Primary: true,
            PrivateIpAddress: privateIp,
            ...(o.publicIp ? { Association: { PublicIp: o.publicIp, IpOwnerId: 'amazon' } } : {}),
          },
        ],
        Ipv6Addresses: [],
        ...(o.publicIp ? { Association: { PublicIp: o.publicIp, IpOwnerId: 'amazon' } } : {}),
      },
    ],
  };
}

/** An Organizations document (DESIGN.md shape) with one root, the given OUs and accounts. */
export function orgDoc(o: {
  ous: { id: string; name: string }[];
  accounts: { id: string; parentId: string }[];
  policies?: { id: string; name: string; content: unknown; targets: string[]; awsManaged?: boolean }[];
}): Record<string, unknown> {
  return {
    Organization: {
      Id: 'o-abc123defg',
      Arn: 'arn:aws:organizations::111111111111:organization/o-abc123defg',
      MasterAccountId: '111111111111',
    },
    Roots: [
      { Id: 'r-root', Name: 'Root', Arn: 'arn:aws:organizations::111111111111:root/o-abc123defg/r-root' },
    ],
    OrganizationalUnits: o.ous.map((u) => ({ Id: u.id, Name: u.name, ParentId: 'r-root' })),
    Accounts: o.accounts.map((a) => ({
      Id: a.id,
      Name: `acct-${a.id}`,
      Status: 'ACTIVE',
      ParentId: a.parentId,
    })),
    Policies: (o.policies ?? []).map((p) => ({
      PolicySummary: {
        Id: p.id,
        Name: p.name,
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: p.awsManaged ?? false,
      },
      Content: JSON.stringify(p.content),
      Targets: p.targets.map((t) => ({ TargetId: t })),
    })),
  };
}

/** Builds an estate from per-account raw docs plus an optional organization document. */
export function estateWithOrg(
  perAccount: Record<string, Record<string, unknown>>,
  org?: Record<string, unknown>,
): Estate {
  const docs = Object.entries(perAccount).flatMap(([accountId, data]) =>
    Object.entries(data).map(([key, value]) => ({
      file: `accounts/${accountId}/${REGION}/${key}.json`,
      accountId,
      region: REGION,
      data: { [key]: value },
    })),
  );
  if (org)
    docs.push({
      file: 'organization/organization.json',
      accountId: '111111111111',
      region: 'global',
      data: org,
    });
  return buildEstate(docs);
}
