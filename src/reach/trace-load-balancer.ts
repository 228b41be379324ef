// `perimeter trace` to and through an Elastic Load Balancer (ELBv2: application and network).
// Leg 1: internet → internet gateway → the load balancer node's subnet (reply route, NACL both
// ways) → the node's security groups (ALB always; NLB only when it has security groups) → the
// listener on the flow's protocol and port. Leg 2 (through the load balancer): a new connection
// from the node to the registered target on the target port, through the target's security groups
// and the NACLs of both subnets. The packet walking itself (routes, NACLs, security groups) is the
// trace engine's (`LegOps`, implemented in trace.ts): this module decides which load balancer,
// node, listener, target group and target take part.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
import type {
  Estate,
  Listener,
  LoadBalancer,
  NetworkInterface,
  TargetGroup,
  TargetHealth,
} from '../estate/model.js';
import { TCP, UDP } from '../net/index.js';
import { notRoutingReason, targetSource } from './load-balancer-rules.js';
import type { FlowProtocol } from './protocols.js';
import type { Blocker, Disposition } from './trace.js';

/** The IP protocols a listener protocol accepts. */
export const LISTENER_PROTOCOLS: Readonly<Record<string, readonly number[]>> = {
  HTTP: [TCP],
  HTTPS: [TCP],
  TCP: [TCP],
  TLS: [TCP],
  UDP: [UDP],
  TCP_UDP: [TCP, UDP],
};

/** Load balancer types whose data path is modelled. */
const MODELLED_TYPES = new Set(['application', 'network']);

/** The result of one walk (the direct path or one path through a load balancer). */
export interface Walk {
  readonly hops: string[];
  readonly blockers: Blocker[];
  readonly notes: string[];
  readonly p: FlowProtocol;
  port: number;
  hop(id: string): void;
  block(b: Blocker): void;
  finish(d: Disposition): void;
}

/** The packet-level steps, provided by the trace engine. */
export interface LegOps<W extends Walk> {
  newWalk(): W;
  /** internet → the node's public address: IGW, reply route, NACL in and out, the groups given (none: no SG check). */
  internetToNode(w: W, node: NetworkInterface, securityGroupIds: readonly string[] | undefined): void;
  /**
   * A new connection from the node to the target's address on `w.port`: the node's groups
   * (egress), routing, NACLs of both subnets both ways, the target's groups. With `preserveClient`
   * the target sees the client's address (NLB client IP preservation).
   */
  nodeToTarget(
    w: W,
    node: NetworkInterface,
    target: NetworkInterface,
    targetIp: string | undefined,
    securityGroupIds: readonly string[],
    preserveClient: boolean,
  ): void;
  disposition(w: W): Disposition;
}

export interface ViaLoadBalancer {
  readonly loadBalancerArn: string;
  readonly listenerArn?: string;
  readonly targetGroupArn: string;
  readonly targetId: string;
  readonly targetPort?: number;
  readonly disposition: Disposition;
  readonly hops: readonly string[];
  readonly blockedBy: readonly Blocker[];
  readonly notModelled: readonly string[];
}

export type LoadBalancerMatch =
  | { readonly kind: 'found'; readonly lb: LoadBalancer }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly LoadBalancer[] }
  | { readonly kind: 'missing-arn' };

function normalizeDns(text: string): string {
  let t = text.trim().toLowerCase();
  if (t.endsWith('.')) t = t.slice(0, -1);
  // Route 53 alias targets and dual-stack clients use "dualstack.<dns name>".
  if (t.startsWith('dualstack.')) t = t.slice('dualstack.'.length);
  return t;
}

/** `--to` as a load balancer: its ARN, its name (unique in the estate) or its DNS name. */
export function findLoadBalancer(estate: Estate, text: string): LoadBalancerMatch | undefined {
  const t = text.trim();
  if (t.startsWith('arn:') && t.includes(':elasticloadbalancing:')) {
    const lb = estate.loadBalancers.get(t);
    return lb ? { kind: 'found', lb } : { kind: 'missing-arn' };
  }
  const byName = [...estate.loadBalancers.values()].filter((lb) => lb.name === t);
  if (byName.length === 1) return { kind: 'found', lb: byName[0]! };
  if (byName.length > 1) {
    return {
      kind: 'ambiguous',
      candidates: byName.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0)),
    };
  }
  const dns = normalizeDns(t);
  for (const lb of estate.loadBalancers.values()) {
    if (lb.dnsName && normalizeDns(lb.dnsName) === dns) return { kind: 'found', lb };
  }
  return undefined;
}

/** The load balancer's ENIs ("nodes"): description "ELB app|net/<name>/<id>", in its subnets. */
export function loadBalancerNodes(estate: Estate, lb: LoadBalancer): NetworkInterface[] {
  const tail = lb.arn.split(':loadbalancer/')[1];
  if (!tail) return [];
  const want = `ELB ${tail}`;
  const out: NetworkInterface[] = [];
  for (const subnetId of lb.subnetIds) {
    for (const id of estate.index.enisBySubnet.get(subnetId) ?? []) {
      const eni = estate.networkInterfaces.get(id);
      if (eni?.description === want) out.push(eni);
    }
  }
  return out.sort((a, b) => cmp(a.subnetId, b.subnetId) || cmp(a.id, b.id));
}

/** The ELBv2 load balancer an ENI belongs to (description "ELB app|net/<name>/<id>"). */
export function loadBalancerOfEni(estate: Estate, eni: NetworkInterface): LoadBalancer | undefined {
  const d = eni.description ?? '';
  if (!d.startsWith('ELB ')) return undefined;
  const tail = d.slice(4);
  for (const lb of estate.loadBalancers.values()) if (lb.arn.endsWith(`:loadbalancer/${tail}`)) return lb;
  return undefined;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function listenersOf(estate: Estate, lb: LoadBalancer): Listener[] {
  return (estate.index.listenersByLoadBalancer.get(lb.arn) ?? [])
    .map((a) => estate.listeners.get(a))
    .filter((l) => l !== undefined)
    .sort((a, b) => a.port - b.port || cmp(a.arn, b.arn));
}

/** The listener that accepts protocol `p` on `port`, if any. */
export function listenerFor(
  estate: Estate,
  lb: LoadBalancer,
  p: FlowProtocol,
  port: number,
): Listener | undefined {
  return listenersOf(estate, lb).find(
    (l) => l.port === port && p !== 'all' && (LISTENER_PROTOCOLS[l.protocol.toUpperCase()] ?? []).includes(p),
  );
}

function protoName(p: FlowProtocol): string {
  return p === 'all' ? 'all-traffic' : p === TCP ? 'tcp' : p === UDP ? 'udp' : `protocol ${p}`;
}

function listenerBlocker(estate: Estate, lb: LoadBalancer, p: FlowProtocol, port: number): Blocker {
  const all = listenersOf(estate, lb).map((l) => `${l.protocol} ${l.port}`);
  const has = all.length > 0 ? `listeners: ${all.join(', ')}` : 'it has no listeners';
  return {
    kind: 'load-balancer',
    phase: 'request',
    id: lb.arn,
    reason:
      p === 'all'
        ? `${lb.name}: a listener accepts one protocol on one port, not all traffic (${has})`
        : `${lb.name} has no ${protoName(p)} listener on port ${port} (${has})`,
    disposition: 'denied-in',
  };
}

/** The internet cannot use this load balancer at all (type not modelled, not active, internal)? */
function unusable<W extends Walk>(w: W, lb: LoadBalancer): boolean {
  if (!MODELLED_TYPES.has(lb.type)) {
    w.hop(lb.arn);
    w.notes.push(
      `not modelled: ${lb.type} load balancer ${lb.name} (only application and network load balancers are modelled)`,
    );
    w.finish('exits-network');
    return true;
  }
  const inactive = notRoutingReason(lb);
  if (inactive !== undefined) {
    w.hop(lb.arn);
    w.block({
      kind: 'load-balancer',
      phase: 'request',
      id: lb.arn,
      reason: inactive,
      disposition: 'null-routed',
    });
    return true;
  }
  if (lb.scheme !== 'internet-facing') {
    w.hop(lb.arn);
    w.block({
      kind: 'load-balancer',
      phase: 'request',
      id: lb.arn,
      reason: `${lb.name} is ${lb.scheme}: it has no public addresses, the internet cannot reach it`,
      disposition: 'null-routed',
    });
    return true;
  }
  return false;
}

/** The security groups that filter traffic to the node; undefined = none apply (NLB without groups). */
function nodeGroups<W extends Walk>(w: W, lb: LoadBalancer): readonly string[] | undefined {
  if (lb.securityGroupIds.length > 0) return lb.securityGroupIds;
  // A Network Load Balancer created without security groups does not filter: all client traffic
  // reaches its listeners (and can never get groups later). An ALB always has at least one group.
  if (lb.type === 'network') return undefined;
  w.notes.push(`not modelled: security groups of ${lb.name} are not in the snapshot (treated as allowing)`);
  return undefined;
}

function nodesOrNote<W extends Walk>(w: W, estate: Estate, lb: LoadBalancer): NetworkInterface[] {
  const nodes = loadBalancerNodes(estate, lb);
  if (nodes.length === 0) {
    w.hop(lb.arn);
    w.notes.push(`not modelled: network interfaces of ${lb.name} are not in the snapshot`);
    w.finish('exits-network');
  }
  return nodes;
}

/**
 * Runs `attempt` per node (sorted by subnet): the client may reach any of them (DNS returns every
 * node). Keeps the first accepted walk, else the one with the fewest blockers (first on ties).
 */
function bestOver<W extends Walk>(
  ops: LegOps<W>,
  nodes: readonly NetworkInterface[],
  attempt: (w: W, node: NetworkInterface) => void,
): W {
  let best: W | undefined;
  for (const node of nodes) {
    const w = ops.newWalk();
    attempt(w, node);
    if (ops.disposition(w) === 'accepted') return w;
    if (!best || w.blockers.length < best.blockers.length) best = w;
  }
  return best ?? ops.newWalk();
}

/**
 * Leg 1 only: internet → load balancer listener. `onlyNode` restricts to one node (a trace to a
 * node's public address).
 */
export function traceToLoadBalancer<W extends Walk>(
  ops: LegOps<W>,
  estate: Estate,
  lb: LoadBalancer,
  onlyNode?: NetworkInterface,
): W {
  const probe = ops.newWalk();
  probe.hop('internet');
  if (unusable(probe, lb)) return probe;
  const nodes = onlyNode ? [onlyNode] : nodesOrNote(probe, estate, lb);
  if (nodes.length === 0) return probe;
  return bestOver(ops, nodes, (w, node) => {
    w.hop('internet');
    ops.internetToNode(w, node, nodeGroups(w, lb));
    w.hop(lb.arn);
    const listener = listenerFor(estate, lb, w.p, w.port);
    if (listener) w.hop(listener.arn);
    else w.block(listenerBlocker(estate, lb, w.p, w.port));
  });
}

interface Registration {
  readonly tg: TargetGroup;
  readonly health: TargetHealth;
}

/** Target groups the ENI is registered in (instance targets: its instance; ip targets: its addresses). */
function registrationsOf(estate: Estate, eni: NetworkInterface, notes: string[]): Registration[] {
  const instanceId = eni.attachment?.instanceId;
  const addrs = new Set([...eni.privateIps.map((x) => x.privateIp), ...eni.ipv6Addresses]);
  const out: Registration[] = [];
  for (const tg of estate.targetGroups.values()) {
    if (tg.targetType !== 'instance' && tg.targetType !== 'ip') continue;
    if (tg.targetType === 'instance' && !instanceId) continue;
    const health = estate.index.targetHealthByTargetGroup.get(tg.arn);
    if (!health) {
      if (tg.vpcId === undefined || tg.vpcId === eni.vpcId) {
        notes.push(
          `not modelled: target health of ${tg.arn} is not in the snapshot: whether ${instanceId ?? eni.id} is one of its targets is unknown`,
        );
      }
      continue;
    }
    // An ip target outside the group's VPC (peered, on premises) is registered with AZ "all".
    const sameVpc = tg.vpcId === undefined || tg.vpcId === eni.vpcId;
    for (const h of health) {
      const match =
        tg.targetType === 'instance'
          ? h.targetId === instanceId
          : addrs.has(h.targetId) && (sameVpc || h.availabilityZone === 'all');
      if (match) {
        out.push({ tg, health: h });
      }
    }
  }
  return out.sort(
    (a, b) =>
      cmp(a.tg.arn, b.tg.arn) ||
      cmp(a.health.targetId, b.health.targetId) ||
      (a.health.port ?? 0) - (b.health.port ?? 0),
  );
}

/**
 * The paths from the internet to `target` through every load balancer it is registered with.
 * `explicit` (--through-lb): every registration, internal and unhealthy ones included (they say
 * why they are blocked); otherwise only healthy targets of internet-facing load balancers with a
 * listener on the flow's protocol and port that forwards to the target's group.
 * Notes about registrations that cannot be evaluated go to `notes`.
 */
export function traceThroughLoadBalancers<W extends Walk>(
  ops: LegOps<W>,
  estate: Estate,
  target: NetworkInterface,
  explicit: boolean,
  notes: string[],
): ViaLoadBalancer[] {
  const out: ViaLoadBalancer[] = [];
  const regs = registrationsOf(estate, target, notes);
  for (const { tg, health } of regs) {
    for (const lbArn of [...tg.loadBalancerArns].sort()) {
      const lb = estate.loadBalancers.get(lbArn);
      if (!lb) {
        notes.push(`not modelled: load balancer ${lbArn} of ${tg.arn} is not in the snapshot`);
        continue;
      }
      if (!explicit && (lb.scheme !== 'internet-facing' || health.state !== 'healthy')) continue;
      // Unasked, only a load balancer with a listener on this flow forwarding to the group.
      if (!explicit && !forwards(estate, lb, tg, ops)) continue;
      if (!MODELLED_TYPES.has(lb.type)) {
        notes.push(`not modelled: ${lb.type} load balancer ${lb.name} (target group ${tg.arn})`);
        continue;
      }
      out.push(oneVia(ops, estate, lb, tg, health, target));
    }
  }
  return out;
}

function forwards<W extends Walk>(
  estate: Estate,
  lb: LoadBalancer,
  tg: TargetGroup,
  ops: LegOps<W>,
): boolean {
  const w = ops.newWalk();
  return listenerFor(estate, lb, w.p, w.port)?.targetGroupArns.includes(tg.arn) === true;
}

function oneVia<W extends Walk>(
  ops: LegOps<W>,
  estate: Estate,
  lb: LoadBalancer,
  tg: TargetGroup,
  health: TargetHealth,
  target: NetworkInterface,
): ViaLoadBalancer {
  let listener: Listener | undefined;
  const targetPort = health.port ?? tg.port;
  const probe = ops.newWalk();
  probe.hop('internet');
  let w: W = probe;
  if (!unusable(probe, lb)) {
    const nodes = nodesOrNote(probe, estate, lb);
    if (nodes.length > 0) {
      w = bestOver(ops, nodes, (x, node) => {
        x.hop('internet');
        const groups = nodeGroups(x, lb);
        ops.internetToNode(x, node, groups);
        x.hop(lb.arn);
        const l = listenerFor(estate, lb, x.p, x.port);
        listener = l;
        if (!l) {
          x.block(listenerBlocker(estate, lb, x.p, x.port));
          return;
        }
        x.hop(l.arn);
        if (!l.targetGroupArns.includes(tg.arn)) {
          x.block({
            kind: 'load-balancer',
            phase: 'request',
            id: l.arn,
            reason: `listener ${l.protocol} ${l.port} of ${lb.name} forwards to ${l.targetGroupArns.join(', ') || 'no target group'} (default actions), not to ${tg.name ?? tg.arn}`,
            disposition: 'denied-in',
          });
          return;
        }
        x.hop(tg.arn);
        healthCheck(x, estate, tg, health);
        if (targetPort === undefined) {
          x.notes.push(`not modelled: target port of ${health.targetId} in ${tg.arn} is unknown`);
          x.finish('exits-network');
          return;
        }
        x.port = targetPort;
        // NLB client IP preservation (shared with exposure): the client's address or the node's.
        const source = targetSource(lb, tg);
        if (source.note !== undefined) x.notes.push(source.note);
        ops.nodeToTarget(
          x,
          node,
          target,
          tg.targetType === 'ip' ? health.targetId : undefined,
          groups ?? [],
          source.preserveClient,
        );
      });
    }
  }
  return {
    loadBalancerArn: lb.arn,
    ...(listener ? { listenerArn: listener.arn } : {}),
    targetGroupArn: tg.arn,
    targetId: health.targetId,
    ...(targetPort !== undefined ? { targetPort } : {}),
    disposition: ops.disposition(w),
    hops: [...w.hops],
    blockedBy: [...w.blockers],
    notModelled: [...new Set(w.notes)].sort(),
  };
}

/** A target that is not healthy gets no new connections (ELB "Target health status"). */
function healthCheck(w: Walk, estate: Estate, tg: TargetGroup, h: TargetHealth): void {
  if (h.state === 'healthy') return;
  if (h.state === 'unavailable' || h.state === 'unknown') {
    w.notes.push(
      `not modelled: health of ${h.targetId} in ${tg.name ?? tg.arn} is ${h.state} (treated as receiving traffic)`,
    );
    return;
  }
  const all = estate.index.targetHealthByTargetGroup.get(tg.arn) ?? [];
  if (h.state === 'unhealthy' && all.length > 0 && all.every((x) => x.state === 'unhealthy')) {
    // Fail-open: when every target is unhealthy the load balancer routes to all of them.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
    w.notes.push(
      `not modelled: every target of ${tg.name ?? tg.arn} is unhealthy: the load balancer fails open and routes to all of them`,
    );
  }
  w.block({
    kind: 'load-balancer',
    phase: 'request',
    id: tg.arn,
    reason: `${h.targetId} is ${h.state} in target group ${tg.name ?? tg.arn}: the load balancer sends it no new connections`,
    disposition: 'denied-in',
  });
}
