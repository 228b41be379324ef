import { describe, expect, it } from 'vitest';
import { peeringRouteTooBroad } from '../../../src/checks/network/peering-route-too-broad.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { emptyIntent } from '../../../src/config/intent.js';
import { estateOf, vpc } from '../../support/raw.js';

function estateWithRoute(destination: string) {
  return estateOf({
    Vpcs: [vpc('vpc-a', '10.0.0.0/16'), vpc('vpc-b', '10.1.0.0/16')],
    VpcPeeringConnections: [
      {
        VpcPeeringConnectionId: 'pcx-1',
        Status: { Code: 'active' },
        RequesterVpcInfo: {
          OwnerId: '111122223333',
          VpcId: 'vpc-a',
          Region: 'us-east-1',
          CidrBlock: '10.0.0.0/16',
          CidrBlockSet: [{ CidrBlock: '10.0.0.0/16' }],
        },
        AccepterVpcInfo: {
          OwnerId: '111122223333',
          VpcId: 'vpc-b',
          Region: 'us-east-1',
          CidrBlock: '10.1.0.0/16',
          CidrBlockSet: [{ CidrBlock: '10.1.0.0/16' }],
        },
      },
    ],
    RouteTables: [
      {
        RouteTableId: 'rtb-a',
        VpcId: 'vpc-a',
        OwnerId: '111122223333',
        Associations: [{ Main: true, RouteTableId: 'rtb-a', RouteTableAssociationId: 'rtbassoc-1' }],
        Routes: [
          {
            DestinationCidrBlock: '10.0.0.0/16',
            GatewayId: 'local',
            State: 'active',
            Origin: 'CreateRouteTable',
          },
          {
            DestinationCidrBlock: destination,
            VpcPeeringConnectionId: 'pcx-1',
            State: 'active',
            Origin: 'CreateRoute',
          },
        ],
      },
    ],
  });
}

describe('peering-route-too-broad', () => {
  it('compliant: a route to exactly the peer CIDR (or inside it) is fine', () => {
    expect(peeringRouteTooBroad.run(makeContext(estateWithRoute('10.1.0.0/16'), emptyIntent()))).toEqual([]);
    expect(peeringRouteTooBroad.run(makeContext(estateWithRoute('10.1.4.0/24'), emptyIntent()))).toEqual([]);
  });

  it('non-compliant: a /8 to the peering names the dead excess', () => {
    const r = peeringRouteTooBroad.run(makeContext(estateWithRoute('10.0.0.0/8'), emptyIntent()));
    expect(Array.isArray(r) && r.length).toBe(1);
    const f = Array.isArray(r) ? r[0] : undefined;
    expect(f?.resource.id).toBe('rtb-a');
    expect(f?.evidence?.peerVpcId).toBe('vpc-b');
    expect(f?.evidence?.unreachable).toEqual([
      '10.0.0.0/16',
      '10.2.0.0/15',
      '10.4.0.0/14',
      '10.8.0.0/13',
      '10.16.0.0/12',
      '10.32.0.0/11',
      '10.64.0.0/10',
      '10.128.0.0/9',
    ]);
  });

  it('non-compliant: a default route to a peering connection is wider than any peer', () => {
    const r = peeringRouteTooBroad.run(makeContext(estateWithRoute('0.0.0.0/0'), emptyIntent()));
    expect(Array.isArray(r) && r.map((f) => f.evidence?.destination)).toEqual(['0.0.0.0/0']);
  });
});
