// Reservations: DescribeInstances (all pages) → {"Reservations": [...]} (instances inside reservations).
import { DescribeInstancesCommand, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const reservations = listCollector({
  key: 'Reservations',
  service: 'ec2',
  command: DescribeInstancesCommand,
  pages: (run) => paginateDescribeInstances({ client: run.client('ec2') }, {}),
  items: (page) => page.Reservations,
});
