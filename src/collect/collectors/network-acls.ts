// NetworkAcls: DescribeNetworkAcls (all pages) → {"NetworkAcls": [...]}.
import { DescribeNetworkAclsCommand, paginateDescribeNetworkAcls } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const networkAcls = listCollector({
  key: 'NetworkAcls',
  service: 'ec2',
  command: DescribeNetworkAclsCommand,
  pages: (run) => paginateDescribeNetworkAcls({ client: run.client('ec2') }, {}),
  items: (page) => page.NetworkAcls,
});
