// TransitGatewayRouteTables: DescribeTransitGatewayRouteTables (all pages) → {"TransitGatewayRouteTables": [...]}.
import {
  DescribeTransitGatewayRouteTablesCommand,
  paginateDescribeTransitGatewayRouteTables,
} from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const transitGatewayRouteTables = listCollector({
  key: 'TransitGatewayRouteTables',
  service: 'ec2',
  command: DescribeTransitGatewayRouteTablesCommand,
  pages: (run) => paginateDescribeTransitGatewayRouteTables({ client: run.client('ec2') }, {}),
  items: (page) => page.TransitGatewayRouteTables,
});
