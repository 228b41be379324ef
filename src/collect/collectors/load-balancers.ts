// LoadBalancers: DescribeLoadBalancers (all pages) → {"LoadBalancers": [...]}.
import {
  DescribeLoadBalancersCommand,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { listCollector } from '../collector.js';

export const loadBalancers = listCollector({
  key: 'LoadBalancers',
  service: 'elbv2',
  command: DescribeLoadBalancersCommand,
  pages: (run) => paginateDescribeLoadBalancers({ client: run.client('elbv2') }, {}),
  items: (page) => page.LoadBalancers,
});
