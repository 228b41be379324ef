// SecurityGroups: DescribeSecurityGroups (all pages) → {"SecurityGroups": [...]}.
import { DescribeSecurityGroupsCommand, paginateDescribeSecurityGroups } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const securityGroups = listCollector({
  key: 'SecurityGroups',
  service: 'ec2',
  command: DescribeSecurityGroupsCommand,
  pages: (run) => paginateDescribeSecurityGroups({ client: run.client('ec2') }, {}),
  items: (page) => page.SecurityGroups,
});
