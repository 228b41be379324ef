// EgressOnlyInternetGateways: DescribeEgressOnlyInternetGateways (all pages) → {"EgressOnlyInternetGateways": [...]}.
import {
  DescribeEgressOnlyInternetGatewaysCommand,
  paginateDescribeEgressOnlyInternetGateways,
} from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const egressOnlyInternetGateways = listCollector({
  key: 'EgressOnlyInternetGateways',
  service: 'ec2',
  command: DescribeEgressOnlyInternetGatewaysCommand,
  pages: (run) => paginateDescribeEgressOnlyInternetGateways({ client: run.client('ec2') }, {}),
  items: (page) => page.EgressOnlyInternetGateways,
});
