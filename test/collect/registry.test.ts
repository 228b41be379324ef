import { describe, expect, it } from 'vitest';
import type { Collector } from '../../src/collect/collector.js';
import { allCollectors, validateCollectors } from '../../src/collect/registry.js';

// The top-level keys of DESIGN.md "Snapshot layout" (accounts/<id>/<region> and global/), in the
// shapes the collector writes (LoadBalancerListeners, not bare Listeners; Entries inside
// ManagedPrefixLists; IAM's four lists; GetHostedZone's HostedZone + VPCs).
const DESIGN_KEYS = [
  'Vpcs',
  'Subnets',
  'RouteTables',
  'InternetGateways',
  'EgressOnlyInternetGateways',
  'NatGateways',
  'NetworkAcls',
  'SecurityGroups',
  'NetworkInterfaces',
  'Reservations',
  'Addresses',
  'VpcPeeringConnections',
  'VpcEndpoints',
  'PrefixLists',
  'ManagedPrefixLists',
  'TransitGateways',
  'TransitGatewayAttachments',
  'TransitGatewayVpcAttachments',
  'TransitGatewayRouteTables',
  'TransitGatewayPropagations',
  'TransitGatewayStaticRoutes',
  'LoadBalancers',
  'LoadBalancerListeners',
  'TargetGroups',
  'LoadBalancerTargetHealth',
  'DBInstances',
  'UserDetailList',
  'GroupDetailList',
  'RoleDetailList',
  'Policies',
  'HostedZones',
  'HostedZone',
  'VPCs',
];

describe('collector registry', () => {
  it('collects every key the loader reads, each written by exactly one collector', () => {
    const keys = allCollectors.flatMap((c) => c.keys);
    expect([...keys].sort()).toEqual([...DESIGN_KEYS].sort());
  });

  it('is sorted by name, global collectors are IAM and Route 53 only', () => {
    const names = allCollectors.map((c) => c.name);
    expect(names).toEqual([...names].sort());
    expect(allCollectors.filter((c) => c.scope === 'global').map((c) => `${c.service}:${c.name}`)).toEqual([
      'iam:AccountAuthorizationDetails',
      'route53:HostedZone',
      'route53:HostedZones',
    ]);
  });

  it('rejects a collector list with a missing dependency or a duplicate name, naming them', () => {
    const child = allCollectors.find((c) => c.name === 'LoadBalancerListeners')!;
    expect(() => validateCollectors([child])).toThrow(
      'collector LoadBalancerListeners depends on "LoadBalancers", which is not in the collector list',
    );
    const vpcs = allCollectors.find((c) => c.name === 'Vpcs') as Collector;
    expect(() => validateCollectors([vpcs, vpcs])).toThrow('two collectors are named "Vpcs"');
  });
});
