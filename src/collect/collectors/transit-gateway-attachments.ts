// TransitGatewayAttachments: DescribeTransitGatewayAttachments (all pages) → {"TransitGatewayAttachments": [...]}.
import {
  DescribeTransitGatewayAttachmentsCommand,
  paginateDescribeTransitGatewayAttachments,
} from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const transitGatewayAttachments = listCollector({
  key: 'TransitGatewayAttachments',
  service: 'ec2',
  command: DescribeTransitGatewayAttachmentsCommand,
  pages: (run) => paginateDescribeTransitGatewayAttachments({ client: run.client('ec2') }, {}),
  items: (page) => page.TransitGatewayAttachments,
});
