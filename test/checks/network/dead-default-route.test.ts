import { describe, expect, it } from 'vitest';
import { deadDefaultRoute } from '../../../src/checks/network/dead-default-route.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { emptyIntent } from '../../../src/config/intent.js';
import { estateOf, vpc } from '../../support/raw.js';

function estateWithDefault(target: Record<string, string>) {
  return estateOf({
    Vpcs: [vpc('vpc-a', '10.1.0.0/16'), vpc('vpc-b', '10.2.0.0/16')],
    Subnets: [
      { SubnetId: 'subnet-a', VpcId: 'vpc-a', CidrBlock: '10.1.1.0/24', AvailabilityZone: 'us-east-1a' },
    ],
    InternetGateways: [{ InternetGatewayId: 'igw-b', Attachments: [{ VpcId: 'vpc-b', State: 'available' }] }],
    NatGateways: [{ NatGatewayId: 'nat-a', VpcId: 'vpc-a', SubnetId: 'subnet-a', State: 'available' }],
    VpcPeeringConnections: [
      {
        VpcPeeringConnectionId: 'pcx-ab',
        Status: { Code: 'active' },
        RequesterVpcInfo: { VpcId: 'vpc-a', OwnerId: '111122223333', CidrBlock: '10.1.0.0/16' },
        AccepterVpcInfo: { VpcId: 'vpc-b', OwnerId: '111122223333', CidrBlock: '10.2.0.0/16' },
      },
    ],
    RouteTables: [
      {
        RouteTableId: 'rtb-a',
        VpcId: 'vpc-a',
        Associations: [{ Main: true }],
        Routes: [
          { DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'local', State: 'active' },
          { DestinationCidrBlock: '10.2.0.0/16', VpcPeeringConnectionId: 'pcx-ab', State: 'active' },
          { DestinationCidrBlock: '0.0.0.0/0', State: 'active', ...target },
        ],
      },
    ],
  });
}

function run(target: Record<string, string>) {
  const r = deadDefaultRoute.run(makeContext(estateWithDefault(target), emptyIntent()));
  if (!Array.isArray(r)) throw new Error('not applicable');
  return r;
}

describe('dead-default-route', () => {
  it('compliant: the default route goes to a NAT gateway; the peering route to the peer CIDR is fine', () => {
    expect(run({ NatGatewayId: 'nat-a' })).toEqual([]);
  });

  it('non-compliant: 0.0.0.0/0 to a peering connection (the peer has an IGW, which is never used) is medium', () => {
    const r = run({ VpcPeeringConnectionId: 'pcx-ab' });
    expect(
      r.map((f) => [
        f.resource.id,
        f.severity ?? deadDefaultRoute.severity,
        f.evidence?.target,
        f.discriminator,
      ]),
    ).toEqual([['rtb-a', 'medium', 'pcx-ab', '0.0.0.0/0|pcx-ab']]);
    expect(r[0]?.message).toContain('peering is non-transitive');
  });

  it('non-compliant: 0.0.0.0/0 to a VPC endpoint', () => {
    const r = run({ GatewayId: 'vpce-0123' });
    expect(r.map((f) => [f.resource.id, f.evidence?.targetKind])).toEqual([['rtb-a', 'vpce']]);
  });
});
