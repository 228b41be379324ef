import { describe, expect, it } from 'vitest';
import { endpointBypass } from '../../../src/checks/endpoints/endpoint-bypass.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { emptyIntent } from '../../../src/config/intent.js';
import { buildEstate } from '../../../src/estate/build.js';
import { vpc, vpcWithIgw } from '../../support/raw.js';

const A = '111122223333';
const R = 'us-east-1';

function sqsEndpoint(id: string, vpcId: string, privateDns: boolean) {
  return {
    VpcEndpointId: id,
    VpcEndpointType: 'Interface',
    VpcId: vpcId,
    ServiceName: 'com.amazonaws.us-east-1.sqs',
    State: 'available',
    PrivateDnsEnabled: privateDns,
    SubnetIds: [],
    NetworkInterfaceIds: [],
    Groups: [],
    RouteTableIds: [],
    OwnerId: A,
  };
}

/** A spoke with its own internet egress, peered with a hub that holds the SQS endpoint. */
function estate(o: {
  zoneVpcs?: string[] | 'unknown';
  spokeEndpoint?: boolean;
  spokePrivateDns?: boolean;
  peered?: boolean;
}) {
  const spoke = vpcWithIgw({
    accountId: A,
    vpcId: 'vpc-spoke',
    cidr: '10.1.0.0/16',
    igwId: 'igw-spoke',
    routeToIgw: true,
    publicIp: '198.51.100.9',
  });
  const docs: { file: string; accountId: string; region: string; data: unknown }[] = Object.entries(
    spoke,
  ).map(([k, v]) => ({
    file: `spoke/${k}.json`,
    accountId: A,
    region: R,
    data: { [k]: v },
  }));
  docs.push({
    file: 'hub/vpcs.json',
    accountId: A,
    region: R,
    data: { Vpcs: [vpc('vpc-hub', '10.0.0.0/16')] },
  });
  const endpoints = [sqsEndpoint('vpce-hubsqs', 'vpc-hub', false)];
  if (o.spokeEndpoint) endpoints.push(sqsEndpoint('vpce-spokesqs', 'vpc-spoke', o.spokePrivateDns ?? false));
  docs.push({ file: 'endpoints.json', accountId: A, region: R, data: { VpcEndpoints: endpoints } });
  if (o.peered ?? true) {
    docs.push({
      file: 'pcx.json',
      accountId: A,
      region: R,
      data: {
        VpcPeeringConnections: [
          {
            VpcPeeringConnectionId: 'pcx-hub',
            Status: { Code: 'active' },
            RequesterVpcInfo: { OwnerId: A, VpcId: 'vpc-spoke', Region: R, CidrBlock: '10.1.0.0/16' },
            AccepterVpcInfo: { OwnerId: A, VpcId: 'vpc-hub', Region: R, CidrBlock: '10.0.0.0/16' },
          },
        ],
      },
    });
  }
  if (o.zoneVpcs !== undefined) {
    docs.push({
      file: 'zones.json',
      accountId: A,
      region: 'global',
      data: {
        HostedZones: [
          {
            Id: '/hostedzone/Z0SQS',
            Name: 'sqs.us-east-1.amazonaws.com.',
            Config: { PrivateZone: true },
            CallerReference: 'x',
          },
        ],
      },
    });
    if (o.zoneVpcs !== 'unknown') {
      docs.push({
        file: 'zone-sqs.json',
        accountId: A,
        region: 'global',
        data: {
          HostedZone: {
            Id: '/hostedzone/Z0SQS',
            Name: 'sqs.us-east-1.amazonaws.com.',
            Config: { PrivateZone: true },
            CallerReference: 'x',
          },
          VPCs: o.zoneVpcs.map((v) => ({ VPCId: v, VPCRegion: R })),
        },
      });
    }
  }
  return buildEstate(docs);
}

function run(o: Parameters<typeof estate>[0]) {
  const r = endpointBypass.run(makeContext(estate(o), emptyIntent()));
  if (!Array.isArray(r)) throw new Error('not applicable');
  return r;
}

describe('endpoint-bypass', () => {
  it('compliant: the hub zone is associated with the spoke, so SQS resolves to the hub endpoint', () => {
    expect(run({ zoneVpcs: ['vpc-hub', 'vpc-spoke'] })).toEqual([]);
  });

  it('compliant: the spoke has its own endpoint with private DNS on', () => {
    expect(run({ zoneVpcs: ['vpc-hub'], spokeEndpoint: true, spokePrivateDns: true })).toEqual([]);
  });

  it('compliant: a VPC with no connection to the hub and no endpoint of its own is not bypassing anything', () => {
    expect(run({ zoneVpcs: ['vpc-hub'], peered: false })).toEqual([]);
  });

  it('non-compliant: the hub zone is not associated with the spoke (seed 004 PHZ gap)', () => {
    const r = run({ zoneVpcs: ['vpc-hub'] });
    expect(r.map((f) => [f.resource.id, f.severity, f.evidence?.service])).toEqual([
      ['vpc-spoke', undefined, 'sqs'],
    ]);
    expect(r[0]?.message).toContain('private hosted zone Z0SQS, which is not associated with vpc-spoke');
    expect((r[0]?.evidence?.egress as { kind: string }).kind).toBe('igw');
  });

  it('non-compliant: the spoke’s own endpoint has private DNS disabled and there is no zone', () => {
    const r = run({ spokeEndpoint: true, spokePrivateDns: false, peered: false });
    expect(r.map((f) => f.resource.id)).toEqual(['vpc-spoke']);
    expect(r[0]?.message).toContain('its own endpoint vpce-spokesqs has private DNS disabled');
  });

  it('says unknown (info) when the zone exists but its VPC associations were not collected', () => {
    const r = run({ zoneVpcs: 'unknown' });
    expect(r.map((f) => [f.resource.id, f.severity])).toEqual([['vpc-spoke', 'info']]);
  });
});
