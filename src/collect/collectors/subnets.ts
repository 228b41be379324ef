// Subnets: DescribeSubnets (all pages) → {"Subnets": [...]}.
import { DescribeSubnetsCommand, paginateDescribeSubnets } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const subnets = listCollector({
  key: 'Subnets',
  service: 'ec2',
  command: DescribeSubnetsCommand,
  pages: (run) => paginateDescribeSubnets({ client: run.client('ec2') }, {}),
  items: (page) => page.Subnets,
});
