// Raw DescribeVpcPeeringConnections entries and organization docs for peering tests (synthetic,
// shaped after https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcPeeringConnection.html).
export const ORG_ACCOUNTS = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555'];
export const VENDOR = '999999999999';

export function rawPeering(o: {
  id: string;
  status: string;
  requester: string;
  accepter: string;
  requesterVpc?: string;
  accepterVpc?: string;
  expirationTime?: string;
}): Record<string, unknown> {
  return {
    VpcPeeringConnectionId: o.id,
    Status: { Code: o.status, Message: o.status },
    RequesterVpcInfo: {
      OwnerId: o.requester,
      VpcId: o.requesterVpc ?? 'vpc-0aaaaaaaaaaaaaaa1',
      Region: 'us-east-1',
      CidrBlock: '10.3.0.0/16',
      CidrBlockSet: [{ CidrBlock: '10.3.0.0/16' }],
    },
    AccepterVpcInfo: {
      OwnerId: o.accepter,
      VpcId: o.accepterVpc ?? 'vpc-0bbbbbbbbbbbbbbb2',
      Region: 'us-east-1',
      CidrBlock: '172.31.0.0/16',
      CidrBlockSet: [{ CidrBlock: '172.31.0.0/16' }],
    },
    ...(o.expirationTime ? { ExpirationTime: o.expirationTime } : {}),
    Tags: [],
  };
}

export function orgDocument(accounts: readonly string[] = ORG_ACCOUNTS): Record<string, unknown> {
  return {
    Organization: {
      Id: 'o-abc123defg',
      Arn: 'arn:aws:organizations::111111111111:organization/o-abc123defg',
      MasterAccountId: '111111111111',
    },
    Roots: [
      { Id: 'r-root', Name: 'Root', Arn: 'arn:aws:organizations::111111111111:root/o-abc123defg/r-root' },
    ],
    OrganizationalUnits: [
      { Id: 'ou-root-prod', Name: 'Prod', ParentId: 'r-root' },
      { Id: 'ou-root-sand', Name: 'Sandbox', ParentId: 'r-root' },
    ],
    Accounts: accounts.map((id) => ({
      Id: id,
      Name: `acct-${id}`,
      Status: 'ACTIVE',
      ParentId: id === '333333333333' ? 'ou-root-prod' : id === '444444444444' ? 'ou-root-sand' : 'r-root',
    })),
    Policies: [],
  };
}

export function routeTableTo(
  pcxId: string,
  vpcId: string,
  id = 'rtb-0prod00000000001',
): Record<string, unknown> {
  return {
    RouteTableId: id,
    VpcId: vpcId,
    OwnerId: '333333333333',
    Associations: [
      {
        Main: true,
        RouteTableId: id,
        RouteTableAssociationId: 'rtbassoc-01',
        AssociationState: { State: 'associated' },
      },
    ],
    Routes: [
      {
        DestinationCidrBlock: '10.3.0.0/16',
        GatewayId: 'local',
        State: 'active',
        Origin: 'CreateRouteTable',
      },
      {
        DestinationCidrBlock: '172.31.0.0/16',
        VpcPeeringConnectionId: pcxId,
        State: 'active',
        Origin: 'CreateRoute',
      },
    ],
    PropagatingVgws: [],
    Tags: [],
  };
}
