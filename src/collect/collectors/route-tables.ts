// RouteTables: DescribeRouteTables (all pages) → {"RouteTables": [...]}.
import { DescribeRouteTablesCommand, paginateDescribeRouteTables } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const routeTables = listCollector({
  key: 'RouteTables',
  service: 'ec2',
  command: DescribeRouteTablesCommand,
  pages: (run) => paginateDescribeRouteTables({ client: run.client('ec2') }, {}),
  items: (page) => page.RouteTables,
});
