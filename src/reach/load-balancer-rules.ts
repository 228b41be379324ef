// What an ELBv2 load balancer does to a flow, decided once for `trace` and `exposure`: whether it
// routes traffic at all (its state) and what source the target sees on the second leg (NLB client
// IP preservation; the load balancer's security groups for SG-reference rules).
import type { LoadBalancer, TargetGroup } from '../estate/model.js';

/** Load balancer states that route traffic (ELBv2 `State.Code`). */
const ROUTING_STATES = new Set(['active', 'active_impaired']);

/**
 * Why the load balancer routes nothing (`provisioning`, `failed`), or undefined when it routes
 * (active, active_impaired, or no state in the snapshot).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerState.html
 */
export function notRoutingReason(lb: LoadBalancer): string | undefined {
  if (lb.state === undefined || ROUTING_STATES.has(lb.state)) return undefined;
  return `${lb.name} is ${lb.state}, not active: it does not route traffic`;
}

/** Target group protocols whose client IP preservation is always on (cannot be disabled). */
const ALWAYS_PRESERVED = new Set(['UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC']);

export interface TargetSource {
  /** The target sees the client's address (NLB client IP preservation), else the node's private address. */
  readonly preserveClient: boolean;
  /**
   * Security groups the target's SG-reference rules see: the load balancer's, also with client IP
   * preservation ("Update the security groups for your Network Load Balancer").
   */
  readonly peerSgIds: readonly string[];
  /** The assumption made when the snapshot lacks `preserve_client_ip.enabled` ("not modelled: …"). */
  readonly note?: string;
}

/**
 * What source address and groups a target sees for an IPv4 client. NLB client IP preservation: always
 * on for UDP, TCP_UDP, QUIC and TCP_QUIC target groups; for TCP/TLS groups the attribute
 * `preserve_client_ip.enabled`, which the snapshot does not hold: the AWS default is assumed (on for
 * instance targets, off for ip targets) and said in `note`. ALBs always connect from their own
 * addresses.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 */
export function targetSource(lb: LoadBalancer, tg: TargetGroup): TargetSource {
  const peerSgIds = lb.securityGroupIds;
  if (lb.type !== 'network') return { preserveClient: false, peerSgIds };
  const always = ALWAYS_PRESERVED.has((tg.protocol ?? '').toUpperCase());
  const preserveClient = always || tg.targetType === 'instance';
  if (always) return { preserveClient, peerSgIds };
  return {
    preserveClient,
    peerSgIds,
    note: `not modelled: preserve_client_ip.enabled of ${tg.name ?? tg.arn} (the AWS default is assumed: ${preserveClient ? 'on' : 'off'})`,
  };
}
