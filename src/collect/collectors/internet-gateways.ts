// InternetGateways: DescribeInternetGateways (all pages) → {"InternetGateways": [...]}.
import { DescribeInternetGatewaysCommand, paginateDescribeInternetGateways } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const internetGateways = listCollector({
  key: 'InternetGateways',
  service: 'ec2',
  command: DescribeInternetGatewaysCommand,
  pages: (run) => paginateDescribeInternetGateways({ client: run.client('ec2') }, {}),
  items: (page) => page.InternetGateways,
});
