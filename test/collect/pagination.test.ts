// Every list collector follows its service's pagination token across pages and merges the items.
import { mockClient } from 'aws-sdk-client-mock';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { afterEach, describe, expect, it } from 'vitest';
import { allCollectors } from '../../src/collect/registry.js';
import type { ServiceId } from '../../src/collect/services.js';
import { runCollector } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStub = { on(cmd: any): { resolvesOnce(v: object): any }; reset(): void };
const mocks: Partial<Record<ServiceId, AnyStub>> = {
  ec2: mockClient(EC2Client) as unknown as AnyStub,
  elbv2: mockClient(ElasticLoadBalancingV2Client) as unknown as AnyStub,
  iam: mockClient(IAMClient) as unknown as AnyStub,
  rds: mockClient(RDSClient) as unknown as AnyStub,
  route53: mockClient(Route53Client) as unknown as AnyStub,
};
afterEach(() => Object.values(mocks).forEach((m) => m.reset()));

/** The "more pages" marker of each service's list operations. */
const MORE: Record<string, object> = {
  ec2: { NextToken: 'page-2' },
  elbv2: { NextMarker: 'page-2' },
  rds: { Marker: 'page-2' },
  route53: { IsTruncated: true, NextMarker: 'page-2' },
  iam: { IsTruncated: true, Marker: 'page-2' },
};

// Single-key collectors without a parent, except DescribeAddresses (not paginated by AWS).
const listCollectors = allCollectors.filter(
  (c) => c.keys.length === 1 && !c.dependsOn && c.name !== 'Addresses' && c.name !== 'ManagedPrefixLists',
);

describe('pagination', () => {
  it('covers the list collectors', () => {
    expect(listCollectors.map((c) => c.name)).toEqual([
      'DBInstances',
      'EgressOnlyInternetGateways',
      'HostedZones',
      'InternetGateways',
      'LoadBalancers',
      'NatGateways',
      'NetworkAcls',
      'NetworkInterfaces',
      'PrefixLists',
      'Reservations',
      'RouteTables',
      'SecurityGroups',
      'Subnets',
      'TargetGroups',
      'TransitGatewayAttachments',
      'TransitGatewayRouteTables',
      'TransitGatewayVpcAttachments',
      'TransitGateways',
      'VpcEndpoints',
      'VpcPeeringConnections',
      'Vpcs',
    ]);
  });

  for (const c of listCollectors) {
    it(`${c.name}: two pages → both items, two calls`, async () => {
      const key = c.keys[0]!;
      // each response carries its records under the key the collector writes
      mocks[c.service]!.on(c.commands[0])
        .resolvesOnce({ [key]: [{ Id: 'first' }], ...MORE[c.service] })
        .resolvesOnce({ [key]: [{ Id: 'second' }] });
      const out = await runCollector(c);
      expect(out.calls).toBe(2);
      expect(out.documents[0]?.data).toEqual({ [key]: [{ Id: 'first' }, { Id: 'second' }] });
    });
  }
});
