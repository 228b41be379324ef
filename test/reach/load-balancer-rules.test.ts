// The load balancer rules trace and exposure share: state (routes or not) and what source a target
// sees (NLB client IP preservation, ELB User Guide "Edit target group attributes").
import { describe, expect, it } from 'vitest';
import type { LoadBalancer, TargetGroup } from '../../src/estate/model.js';
import { notRoutingReason, targetSource } from '../../src/reach/load-balancer-rules.js';

const located = { accountId: '111111111111', region: 'eu-west-1' };
function lb(type: string, sgs: string[] = [], state?: string): LoadBalancer {
  return {
    ...located,
    arn: `arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/x/lb/1`,
    name: 'lb',
    type,
    scheme: 'internet-facing',
    subnetIds: [],
    securityGroupIds: sgs,
    ...(state !== undefined ? { state } : {}),
  } as LoadBalancer;
}
function tg(protocol: string | undefined, targetType: string): TargetGroup {
  return {
    ...located,
    arn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/g/1',
    name: 'g',
    ...(protocol !== undefined ? { protocol } : {}),
    targetType,
    loadBalancerArns: [],
  } as TargetGroup;
}

describe('targetSource', () => {
  it.each<[string, string | undefined, string, boolean, string | undefined]>([
    ['application', 'HTTP', 'instance', false, undefined],
    ['application', 'HTTPS', 'ip', false, undefined],
    ['network', 'TCP', 'instance', true, 'on'],
    ['network', 'TLS', 'instance', true, 'on'],
    ['network', 'TCP', 'ip', false, 'off'],
    ['network', 'TLS', 'ip', false, 'off'],
    ['network', 'UDP', 'ip', true, undefined],
    ['network', 'tcp_udp', 'ip', true, undefined],
    ['network', 'QUIC', 'ip', true, undefined],
    ['network', 'TCP_QUIC', 'instance', true, undefined],
    ['network', undefined, 'ip', false, 'off'],
  ])(
    '%s load balancer, %s %s target group: preserved %s, assumed %s',
    (type, protocol, targetType, preserve, assumed) => {
      const s = targetSource(lb(type, ['sg-1']), tg(protocol, targetType));
      expect(s.preserveClient).toBe(preserve);
      expect(s.peerSgIds).toEqual(['sg-1']);
      expect(s.note).toBe(
        assumed === undefined
          ? undefined
          : `not modelled: preserve_client_ip.enabled of g (the AWS default is assumed: ${assumed})`,
      );
    },
  );
});

describe('notRoutingReason', () => {
  it.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['active', undefined],
    ['active_impaired', undefined],
    ['provisioning', 'lb is provisioning, not active: it does not route traffic'],
    ['failed', 'lb is failed, not active: it does not route traffic'],
  ])('state %s', (state, want) => {
    expect(notRoutingReason(lb('network', [], state))).toBe(want);
  });
});
