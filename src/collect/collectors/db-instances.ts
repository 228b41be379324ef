// DBInstances: DescribeDBInstances (all pages) → {"DBInstances": [...]}.
import { DescribeDBInstancesCommand, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import { listCollector } from '../collector.js';

export const dbInstances = listCollector({
  key: 'DBInstances',
  service: 'rds',
  command: DescribeDBInstancesCommand,
  pages: (run) => paginateDescribeDBInstances({ client: run.client('rds') }, {}),
  items: (page) => page.DBInstances,
});
