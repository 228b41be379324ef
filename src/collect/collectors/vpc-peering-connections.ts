// VpcPeeringConnections: DescribeVpcPeeringConnections (all pages) → {"VpcPeeringConnections": [...]}.
import {
  DescribeVpcPeeringConnectionsCommand,
  paginateDescribeVpcPeeringConnections,
} from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const vpcPeeringConnections = listCollector({
  key: 'VpcPeeringConnections',
  service: 'ec2',
  command: DescribeVpcPeeringConnectionsCommand,
  pages: (run) => paginateDescribeVpcPeeringConnections({ client: run.client('ec2') }, {}),
  items: (page) => page.VpcPeeringConnections,
});
