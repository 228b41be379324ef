// Every real snapshot under ../shared/fixtures loads; exact counts were computed independently
// from the raw files (python: unique VpcId/SubnetId/InstanceId/RouteTableId; ENIs = NetworkInterfaces
// ids ∪ ids of Reservations[].Instances[].NetworkInterfaces[] that have VpcId/SubnetId/OwnerId).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/estate/load.js';
import type { Estate } from '../../src/estate/model.js';

const BATFISH = '../shared/fixtures/batfish-aws';
const batfishSnapshots = readdirSync(BATFISH)
  .filter((d) => d.startsWith('test'))
  .sort();

const cache = new Map<string, Promise<Estate>>();
function load(root: string): Promise<Estate> {
  let p = cache.get(root);
  if (!p) {
    p = loadSnapshot(root);
    cache.set(root, p);
  }
  return p;
}

// [snapshot, VPCs, subnets, instances, ENIs, route tables] for every snapshot (python on the raw files).
const ALL: [string, number, number, number, number, number][] = [
  ['test', 2, 3, 2, 2, 0],
  ['test-direct-connect-gateway', 2, 2, 1, 1, 2],
  ['test-direct-connect-gateway-multi-region', 0, 0, 0, 0, 0],
  ['test-direct-connect-private-vif', 1, 1, 1, 1, 1],
  ['test-load-balancer', 1, 3, 3, 5, 2],
  ['test-multi-account', 2, 0, 0, 0, 0],
  ['test-nat-gateway', 1, 3, 3, 4, 3],
  ['test-public-private-subnet', 1, 2, 2, 2, 2],
  ['test-public-subnet', 1, 1, 1, 1, 2],
  ['test-subnet', 1, 1, 2, 2, 1],
  ['test-transit-gateway', 2, 3, 4, 5, 2],
  ['test-transit-gateway-asymmetric-paths', 2, 2, 2, 6, 4],
  ['test-transit-gateway-multi-account', 2, 4, 4, 4, 4],
  ['test-transit-gateway-multi-table', 2, 3, 3, 5, 2],
  ['test-transit-gateway-peering', 3, 3, 3, 6, 6],
  ['test-vpc-endpoint-gateway', 1, 2, 2, 2, 3],
  ['test-vpc-endpoint-interface', 1, 2, 2, 3, 2],
  ['test-vpc-peering', 3, 3, 3, 3, 3],
  ['test-vpc-peering-multi-account', 2, 2, 3, 2, 4],
  ['test-vpn-gateway', 1, 1, 1, 1, 1],
];

describe('every fixture loads, with no errors and the exact resource counts', () => {
  it('covers all 20 Batfish snapshots', () => {
    expect(ALL.map((r) => r[0])).toEqual(batfishSnapshots);
  });
  it.each(ALL)('batfish-aws/%s', async (name, vpcs, subnets, instances, enis, rts) => {
    const e = await load(`${BATFISH}/${name}`);
    expect(e.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect([
      e.vpcs.size,
      e.subnets.size,
      e.instances.size,
      e.networkInterfaces.size,
      e.routeTables.size,
    ]).toEqual([vpcs, subnets, instances, enis, rts]);
  });
});

// [snapshot, VPCs, subnets, instances, ENIs, route tables, accounts:regions]
const COUNTS: [string, number, number, number, number, number, string][] = [
  [`${BATFISH}/test-nat-gateway`, 1, 3, 3, 4, 3, '554773406868:us-east-2'],
  [`${BATFISH}/test-load-balancer`, 1, 3, 3, 5, 2, '554773406868:us-east-2'],
  [`${BATFISH}/test-transit-gateway`, 2, 3, 4, 5, 2, '554773406868:us-east-2'],
  [`${BATFISH}/test-transit-gateway-asymmetric-paths`, 2, 2, 2, 6, 4, '554773406868:us-east-1'],
  [`${BATFISH}/test-transit-gateway-peering`, 3, 3, 3, 6, 6, '732168539940:us-east-1 804819755326:us-west-1'],
  [
    `${BATFISH}/test-transit-gateway-multi-account`,
    2,
    4,
    4,
    4,
    4,
    '028403472736:us-east-1 951601349076:us-east-1',
  ],
  [
    `${BATFISH}/test-vpc-peering-multi-account`,
    2,
    2,
    3,
    2,
    4,
    '123456789012:us-east-1 123456789013:us-east-1',
  ],
  [`${BATFISH}/test-vpc-endpoint-interface`, 1, 2, 2, 3, 2, '554773406868:us-east-1'],
  [`${BATFISH}/test-multi-account`, 2, 0, 0, 0, 0, '111:us-west-1 222:us-west-2'],
  [`${BATFISH}/test`, 2, 3, 2, 2, 0, '028403472736:us-west-2'],
  ['../shared/fixtures/pybatfish-hybrid-cloud', 4, 8, 4, 8, 4, '554773406868:us-east-2+us-west-2'],
  // ENIs: 1 in NetworkInterfaces + 1 seen only in DescribeInstances' NetworkInterfaces.
  ['../shared/fixtures/cloudmapper-demo/account-data/demo', 1, 4, 3, 2, 0, '123456789012:us-east-1'],
];

describe('exact counts', () => {
  it.each(COUNTS)('%s', async (root, vpcs, subnets, instances, enis, rts, accounts) => {
    const e = await load(root);
    expect([
      e.vpcs.size,
      e.subnets.size,
      e.instances.size,
      e.networkInterfaces.size,
      e.routeTables.size,
    ]).toEqual([vpcs, subnets, instances, enis, rts]);
    expect([...e.accounts.values()].map((a) => `${a.id}:${a.regions.join('+')}`).join(' ')).toBe(accounts);
  });
});

describe('relationships in real data', () => {
  it('test-nat-gateway: a subnet with no explicit association uses the main table', async () => {
    const e = await load(`${BATFISH}/test-nat-gateway`);
    expect(e.index.mainRouteTableByVpc.get('vpc-0008a7b45e3ddf1dd')).toBe('rtb-0e169c4a1e0b27b55');
    expect(e.index.routeTableBySubnet.get('subnet-02ff259e663e9613e')).toBe('rtb-0e169c4a1e0b27b55');
    expect(e.index.routeTableExplicit.get('subnet-02ff259e663e9613e')).toBe(false);
    expect(e.index.routeTableBySubnet.get('subnet-06f469bcee42e408e')).toBe('rtb-02fe228b42de92a7c');
    expect(e.index.routeTableExplicit.get('subnet-06f469bcee42e408e')).toBe(true);
    const nat = e.routeTables.get('rtb-02fe228b42de92a7c')!.routes.find((r) => r.target.kind === 'nat');
    expect(nat).toEqual({
      destination: { kind: 'cidr', cidr: '0.0.0.0/0', version: 4 },
      target: { kind: 'nat', id: 'nat-07ab4846da51f4612' },
      state: 'active',
      origin: 'CreateRoute',
    });
  });

  it('test-transit-gateway: the EIP is on its ENI, with the allocation id', async () => {
    const e = await load(`${BATFISH}/test-transit-gateway`);
    expect(e.elasticIps.get('3.136.41.161')?.networkInterfaceId).toBe('eni-0024c0af5aa1387e5');
    const eni = e.networkInterfaces.get('eni-0024c0af5aa1387e5')!;
    expect(eni.privateIps).toEqual([
      {
        privateIp: '192.168.1.106',
        primary: true,
        publicIp: '3.136.41.161',
        allocationId: 'eipalloc-0ac2b9a9f59d2cc2f',
        publicIpOwnerId: '554773406868',
      },
    ]);
    expect(e.index.eniByPublicIp.get('3.136.41.161')).toBe('eni-0024c0af5aa1387e5');
    expect(e.index.eniByVpcAndIp.get('vpc-00a31ce9d0c06675c|192.168.1.106')).toBe('eni-0024c0af5aa1387e5');
    expect(e.index.enisByInstance.get('i-0b14080af811fda3d')).toEqual(['eni-0024c0af5aa1387e5']);
  });

  it('test-transit-gateway-multi-account: attachments merged, associated with the TGW route table', async () => {
    const e = await load(`${BATFISH}/test-transit-gateway-multi-account`);
    const a = e.transitGatewayAttachments.get('tgw-attach-0f8397dbb9b9bce0d')!;
    expect(a.associationRouteTableId).toBe('tgw-rtb-0b2c8eeefcf19371b');
    expect(a.resourceOwnerId).toBe('951601349076');
    expect(a.subnetIds).toEqual(['subnet-0ffa87ae0b553703e']);
    expect(e.transitGateways.get('tgw-0efdeab79e9a8e490')?.accountId).toBe('028403472736');
    expect(e.index.tgwAttachmentsByTgw.get('tgw-0efdeab79e9a8e490')).toEqual([
      'tgw-attach-0f832eb2ca4a975a4',
      'tgw-attach-0f8397dbb9b9bce0d',
    ]);
    expect(e.index.tgwAttachmentsByVpc.get('vpc-08287a9084472b276')).toEqual([
      'tgw-attach-0f8397dbb9b9bce0d',
    ]);
    expect(
      e.transitGatewayRouteTables.get('tgw-rtb-0b2c8eeefcf19371b')?.propagations.map((p) => p.attachmentId),
    ).toEqual(['tgw-attach-0f832eb2ca4a975a4', 'tgw-attach-0f8397dbb9b9bce0d']);
  });

  it('test-vpc-peering-multi-account: the peering has both owners and CIDRs', async () => {
    const e = await load(`${BATFISH}/test-vpc-peering-multi-account`);
    const p = e.peeringConnections.get('pcx-0040f7640e10191f4')!;
    expect(p.status).toBe('active');
    expect(p.requester).toEqual({
      accountId: '028403472736',
      vpcId: 'vpc-0f44fae3468d2b998',
      region: 'us-east-1',
      cidrsV4: ['10.1.0.0/16'],
      cidrsV6: [],
    });
    expect(p.accepter.accountId).toBe('951601349076');
    expect(p.accepter.cidrsV4).toEqual(['10.2.0.0/16']);
    expect(e.peeringConnections.size).toBe(3);
  });

  it('test-load-balancer: listener → target group → health', async () => {
    const e = await load(`${BATFISH}/test-load-balancer`);
    expect(e.loadBalancers.size).toBe(1);
    const lb = [...e.loadBalancers.values()][0]!;
    expect(lb.scheme).toBe('internal');
    expect(lb.type).toBe('network');
    const listeners = e.index.listenersByLoadBalancer.get(lb.arn) ?? [];
    expect(listeners).toHaveLength(1);
    const tgs = e.index.targetGroupsByLoadBalancer.get(lb.arn) ?? [];
    expect(tgs).toHaveLength(1);
    expect(e.notModelled.get('LoadBalancerAttributes')).toBe(1);
  });

  it('cloudmapper demo: IAM dump, per-call folders summarised in one warning', async () => {
    const e = await load('../shared/fixtures/cloudmapper-demo/account-data/demo');
    expect(e.iamRoles.size).toBe(4);
    expect(e.iamUsers.size).toBe(2);
    expect(e.iamPolicies.size).toBe(2);
    expect(e.iamPolicies.get('arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM')?.awsManaged).toBe(
      true,
    );
    expect(
      e.iamRoles.get('arn:aws:iam::123456789012:role/exfiller')?.inlinePolicies.map((p) => p.name),
    ).toEqual(['tmp']);
    const skipped = e.problems.filter((p) => p.message.includes('outside the snapshot layout'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.message).toMatch(/^18 files\/folders outside the snapshot layout ignored/);
  });
});
