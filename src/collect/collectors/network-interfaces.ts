// NetworkInterfaces: DescribeNetworkInterfaces (all pages) → {"NetworkInterfaces": [...]}.
import { DescribeNetworkInterfacesCommand, paginateDescribeNetworkInterfaces } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const networkInterfaces = listCollector({
  key: 'NetworkInterfaces',
  service: 'ec2',
  command: DescribeNetworkInterfacesCommand,
  pages: (run) => paginateDescribeNetworkInterfaces({ client: run.client('ec2') }, {}),
  items: (page) => page.NetworkInterfaces,
});
