// TargetGroups: DescribeTargetGroups (all pages) → {"TargetGroups": [...]}.
import {
  DescribeTargetGroupsCommand,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { listCollector } from '../collector.js';

export const targetGroups = listCollector({
  key: 'TargetGroups',
  service: 'elbv2',
  command: DescribeTargetGroupsCommand,
  pages: (run) => paginateDescribeTargetGroups({ client: run.client('elbv2') }, {}),
  items: (page) => page.TargetGroups,
});
