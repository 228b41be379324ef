// TransitGateways: DescribeTransitGateways (all pages) → {"TransitGateways": [...]}.
import { DescribeTransitGatewaysCommand, paginateDescribeTransitGateways } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const transitGateways = listCollector({
  key: 'TransitGateways',
  service: 'ec2',
  command: DescribeTransitGatewaysCommand,
  pages: (run) => paginateDescribeTransitGateways({ client: run.client('ec2') }, {}),
  items: (page) => page.TransitGateways,
});
