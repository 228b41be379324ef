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
