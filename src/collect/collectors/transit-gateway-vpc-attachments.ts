// TransitGatewayVpcAttachments: DescribeTransitGatewayVpcAttachments (all pages) → {"TransitGatewayVpcAttachments": [...]}.
import {
  DescribeTransitGatewayVpcAttachmentsCommand,
  paginateDescribeTransitGatewayVpcAttachments,
} from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const transitGatewayVpcAttachments = listCollector({
  key: 'TransitGatewayVpcAttachments',
  service: 'ec2',
  command: DescribeTransitGatewayVpcAttachmentsCommand,
  pages: (run) => paginateDescribeTransitGatewayVpcAttachments({ client: run.client('ec2') }, {}),
  items: (page) => page.TransitGatewayVpcAttachments,
});
