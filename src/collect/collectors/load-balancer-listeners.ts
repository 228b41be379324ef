// LoadBalancerListeners: DescribeListeners per load balancer, written as Batfish stores it
// (batfish-aws/LoadBalancerListenerTest.json): {"LoadBalancerListeners": [{"LoadBalancerArn", "Listeners"}]}.
import {
  DescribeListenersCommand,
  paginateDescribeListeners,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { allPages, perParentCollector } from '../collector.js';

export const loadBalancerListeners = perParentCollector({
  key: 'LoadBalancerListeners',
  service: 'elbv2',
  dependsOn: 'LoadBalancers',
  commands: [DescribeListenersCommand],
  parentId: 'LoadBalancerArn',
  async fetch(run, arn) {
    const pages = await allPages(
      run,
      DescribeListenersCommand,
      paginateDescribeListeners({ client: run.client('elbv2') }, { LoadBalancerArn: arn }),
    );
    return { Listeners: pages.flatMap((p) => p.Listeners ?? []) };
  },
});
