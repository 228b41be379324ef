// NatGateways: DescribeNatGateways (all pages) → {"NatGateways": [...]}.
import { DescribeNatGatewaysCommand, paginateDescribeNatGateways } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const natGateways = listCollector({
  key: 'NatGateways',
  service: 'ec2',
  command: DescribeNatGatewaysCommand,
  pages: (run) => paginateDescribeNatGateways({ client: run.client('ec2') }, {}),
  items: (page) => page.NatGateways,
});
