import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeAddressesCommand,
  DescribeManagedPrefixListsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetManagedPrefixListEntriesCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  SearchTransitGatewayRoutesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { addresses } from '../../src/collect/collectors/addresses.js';
import { managedPrefixLists } from '../../src/collect/collectors/managed-prefix-lists.js';
import { transitGatewayPropagations } from '../../src/collect/collectors/transit-gateway-propagations.js';
import { transitGatewayStaticRoutes } from '../../src/collect/collectors/transit-gateway-static-routes.js';
import { vpcs } from '../../src/collect/collectors/vpcs.js';
import { OperationError } from '../../src/collect/collector.js';
import { awsError, runCollector } from './helpers.js';

const ec2 = mockClient(EC2Client);
afterEach(() => ec2.reset());

describe('EC2 collectors', () => {
  it('Vpcs: follows NextToken across pages and writes one document with every VPC', async () => {
    // the paginator reuses one input object, so record the token at call time
    const tokens: (string | undefined)[] = [];
    const pages: Record<string, { Vpcs: object[]; NextToken?: string }> = {
      start: { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }], NextToken: 't1' },
      t1: { Vpcs: [{ VpcId: 'vpc-2', CidrBlock: '10.1.0.0/16' }], NextToken: 't2' },
      t2: { Vpcs: [{ VpcId: 'vpc-3', CidrBlock: '10.2.0.0/16' }] },
    };
    ec2.on(DescribeVpcsCommand).callsFake((input: { NextToken?: string }) => {
      tokens.push(input.NextToken);
      return pages[input.NextToken ?? 'start'];
    });
    const out = await runCollector(vpcs);
    expect(out.calls).toBe(3);
    expect(tokens).toEqual([undefined, 't1', 't2']);
    expect(out.documents).toEqual([
      {
        file: 'Vpcs.json',
        data: {
          Vpcs: [
            { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' },
            { VpcId: 'vpc-2', CidrBlock: '10.1.0.0/16' },
            { VpcId: 'vpc-3', CidrBlock: '10.2.0.0/16' },
          ],
        },
      },
    ]);
  });

  it('Vpcs: an AccessDenied names the operation and keeps the SDK error as cause', async () => {
    ec2.on(DescribeVpcsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized', 403));
    const err = await runCollector(vpcs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect((err as OperationError).operation).toBe('DescribeVpcs');
    expect((err as OperationError).message).toBe(
      'DescribeVpcs failed: UnauthorizedOperation: You are not authorized',
    );
  });

  it('Addresses: one call (the operation is not paginated)', async () => {
    ec2
      .on(DescribeAddressesCommand)
      .resolves({ Addresses: [{ PublicIp: '198.51.100.7', AllocationId: 'eipalloc-1' }] });
    const out = await runCollector(addresses);
    expect(out.calls).toBe(1);
    expect(out.documents[0]?.data).toEqual({
      Addresses: [{ PublicIp: '198.51.100.7', AllocationId: 'eipalloc-1' }],
    });
  });

  it('ManagedPrefixLists: entries of each list (all pages) written inside its item as Entries', async () => {
    ec2.on(DescribeManagedPrefixListsCommand).resolves({
      PrefixLists: [
        { PrefixListId: 'pl-a', PrefixListName: 'corp', AddressFamily: 'IPv4' },
        { PrefixListId: 'pl-b', PrefixListName: 'empty', AddressFamily: 'IPv4' },
      ],
    });
    ec2
      .on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-a' })
      .resolvesOnce({ Entries: [{ Cidr: '192.0.2.0/24' }], NextToken: 'n' })
      .resolvesOnce({ Entries: [{ Cidr: '198.51.100.0/24', Description: 'office' }] });
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-b' }).resolves({ Entries: [] });
    const out = await runCollector(managedPrefixLists);
    expect(out.calls).toBe(4);
    expect(out.documents[0]?.data).toEqual({
      ManagedPrefixLists: [
        {
          PrefixListId: 'pl-a',
          PrefixListName: 'corp',
          AddressFamily: 'IPv4',
          Entries: [{ Cidr: '192.0.2.0/24' }, { Cidr: '198.51.100.0/24', Description: 'office' }],
        },
        { PrefixListId: 'pl-b', PrefixListName: 'empty', AddressFamily: 'IPv4', Entries: [] },
      ],
    });
  });

  it('ManagedPrefixLists: a failing entries call fails the collector naming GetManagedPrefixListEntries', async () => {
    ec2.on(DescribeManagedPrefixListsCommand).resolves({ PrefixLists: [{ PrefixListId: 'pl-a' }] });
    ec2.on(GetManagedPrefixListEntriesCommand).rejects(awsError('UnauthorizedOperation', 'denied', 403));
    const err = (await runCollector(managedPrefixLists).catch((e: unknown) => e)) as OperationError;
    expect(err.operation).toBe('GetManagedPrefixListEntries');
  });

  it('TransitGatewayStaticRoutes: SearchTransitGatewayRoutes type=static per route table, Batfish shape', async () => {
    ec2.on(SearchTransitGatewayRoutesCommand).callsFake((input: { TransitGatewayRouteTableId: string }) => ({
      AdditionalRoutesAvailable: false,
      Routes:
        input.TransitGatewayRouteTableId === 'tgw-rtb-1'
          ? [
              {
                DestinationCidrBlock: '0.0.0.0/0',
                Type: 'static',
                State: 'active',
                TransitGatewayAttachments: [
                  {
                    TransitGatewayAttachmentId: 'tgw-attach-egress',
                    ResourceId: 'vpc-egress',
                    ResourceType: 'vpc',
                  },
                ],
              },
            ]
          : [],
    }));
    const out = await runCollector(transitGatewayStaticRoutes, [
      { TransitGatewayRouteTableId: 'tgw-rtb-2', State: 'available' },
      { TransitGatewayRouteTableId: 'tgw-rtb-1', State: 'available' },
      { TransitGatewayRouteTableId: 'tgw-rtb-gone', State: 'deleted' },
    ]);
    expect(ec2.commandCalls(SearchTransitGatewayRoutesCommand).map((c) => c.args[0].input)).toEqual([
      { TransitGatewayRouteTableId: 'tgw-rtb-1', Filters: [{ Name: 'type', Values: ['static'] }] },
      { TransitGatewayRouteTableId: 'tgw-rtb-2', Filters: [{ Name: 'type', Values: ['static'] }] },
    ]);
    expect(out.documents).toEqual([
      {
        file: 'TransitGatewayStaticRoutes.json',
        data: {
          TransitGatewayStaticRoutes: [
            {
              TransitGatewayRouteTableId: 'tgw-rtb-1',
              AdditionalRoutesAvailable: false,
              Routes: [
                {
                  DestinationCidrBlock: '0.0.0.0/0',
                  Type: 'static',
                  State: 'active',
                  TransitGatewayAttachments: [
                    {
                      TransitGatewayAttachmentId: 'tgw-attach-egress',
                      ResourceId: 'vpc-egress',
                      ResourceType: 'vpc',
                    },
                  ],
                },
              ],
            },
            { TransitGatewayRouteTableId: 'tgw-rtb-2', AdditionalRoutesAvailable: false, Routes: [] },
          ],
        },
      },
    ]);
  });

  it('TransitGatewayPropagations: GetTransitGatewayRouteTablePropagations per table, Batfish shape', async () => {
    ec2.on(GetTransitGatewayRouteTablePropagationsCommand).resolves({
      TransitGatewayRouteTablePropagations: [
        {
          ResourceId: 'vpc-a',
          ResourceType: 'vpc',
          State: 'enabled',
          TransitGatewayAttachmentId: 'tgw-attach-a',
        },
      ],
    });
    const out = await runCollector(transitGatewayPropagations, [{ TransitGatewayRouteTableId: 'tgw-rtb-1' }]);
    expect(out.documents[0]?.data).toEqual({
      TransitGatewayPropagations: [
        {
          TransitGatewayRouteTableId: 'tgw-rtb-1',
          TransitGatewayRouteTablePropagations: [
            {
              ResourceId: 'vpc-a',
              ResourceType: 'vpc',
              State: 'enabled',
              TransitGatewayAttachmentId: 'tgw-attach-a',
            },
          ],
        },
      ],
    });
  });
});
