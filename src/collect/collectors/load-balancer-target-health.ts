// LoadBalancerTargetHealth: DescribeTargetHealth per target group (not paginated), written as
// Batfish stores it (batfish-aws/LoadBalancerTargetHealthTest.json): the group's ARN beside its
// descriptions, {"LoadBalancerTargetHealth": [{"TargetGroupArn", "TargetHealthDescriptions"}]}.
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { callOnce, perParentCollector } from '../collector.js';

export const loadBalancerTargetHealth = perParentCollector({
  key: 'LoadBalancerTargetHealth',
  service: 'elbv2',
  dependsOn: 'TargetGroups',
  commands: [DescribeTargetHealthCommand],
  parentId: 'TargetGroupArn',
  async fetch(run, arn) {
    const out = await callOnce(run, DescribeTargetHealthCommand, () =>
      run.client('elbv2').send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })),
    );
    return { TargetHealthDescriptions: out.TargetHealthDescriptions ?? [] };
  },
});
