// VpcEndpoints: DescribeVpcEndpoints (all pages) → {"VpcEndpoints": [...]}.
import { DescribeVpcEndpointsCommand, paginateDescribeVpcEndpoints } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const vpcEndpoints = listCollector({
  key: 'VpcEndpoints',
  service: 'ec2',
  command: DescribeVpcEndpointsCommand,
  pages: (run) => paginateDescribeVpcEndpoints({ client: run.client('ec2') }, {}),
  items: (page) => page.VpcEndpoints,
});
