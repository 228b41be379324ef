// Vpcs: DescribeVpcs (all pages) → {"Vpcs": [...]}.
import { DescribeVpcsCommand, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const vpcs = listCollector({
  key: 'Vpcs',
  service: 'ec2',
  command: DescribeVpcsCommand,
  pages: (run) => paginateDescribeVpcs({ client: run.client('ec2') }, {}),
  items: (page) => page.Vpcs,
});
