// ELBv2 load balancers, listeners, target groups and target health; RDS instances.
import type { ProblemSink } from '../errors.js';
import type { DbInstance, Listener, LoadBalancer, TargetGroup, TargetHealth } from '../model.js';
import type { RawBuckets, Rec } from '../raw.js';
import { compareStrings, opt, sortedMap, sortedUnique, uniqueById } from './common.js';

export function buildLoadBalancers(b: RawBuckets): ReadonlyMap<string, LoadBalancer> {
  return sortedMap(
    uniqueById(b.loadBalancers, (l) => l.LoadBalancerArn).map((r) => {
      const l = r.rec;
      return [
        l.LoadBalancerArn,
        {
          arn: l.LoadBalancerArn,
          accountId: r.accountId,
          region: r.region,
          name: l.LoadBalancerName,
          type: l.Type ?? 'unknown',
          scheme: l.Scheme ?? 'unknown',
          vpcId: opt(l.VpcId),
          subnetIds: sortedUnique(
            (l.AvailabilityZones ?? []).flatMap((z) => (z.SubnetId ? [z.SubnetId] : [])),
          ),
          securityGroupIds: sortedUnique(l.SecurityGroups ?? []),
          ipAddressType: opt(l.IpAddressType),
          dnsName: opt(l.DNSName),
          state: opt(l.State?.Code),
        },
      ];
    }),
  );
}

export function buildListeners(b: RawBuckets): ReadonlyMap<string, Listener> {
  return sortedMap(
    uniqueById(b.listeners, (l) => l.ListenerArn).map((r) => {
      const l = r.rec;
      const tgs = (l.DefaultActions ?? []).flatMap((a) => [
        ...(a.TargetGroupArn ? [a.TargetGroupArn] : []),
        ...(a.ForwardConfig?.TargetGroups ?? []).flatMap((t) => (t.TargetGroupArn ? [t.TargetGroupArn] : [])),
      ]);
      return [
        l.ListenerArn,
        {
          arn: l.ListenerArn,
          accountId: r.accountId,
          region: r.region,
          loadBalancerArn: l.LoadBalancerArn,
          port: l.Port,
          protocol: l.Protocol,
          targetGroupArns: sortedUnique(tgs),
        },
      ];
    }),
  );
}

export function buildTargetGroups(b: RawBuckets): ReadonlyMap<string, TargetGroup> {
  return sortedMap(
    uniqueById(b.targetGroups, (t) => t.TargetGroupArn).map((r) => {
      const t = r.rec;
      return [
        t.TargetGroupArn,
        {
          arn: t.TargetGroupArn,
          accountId: r.accountId,
          region: r.region,
          name: opt(t.TargetGroupName),
          protocol: opt(t.Protocol),
          port: opt(t.Port),
          // TargetType defaults to instance (ELBv2 API Reference, CreateTargetGroup).
          targetType: t.TargetType ?? 'instance',
          vpcId: opt(t.VpcId),
          loadBalancerArns: sortedUnique(t.LoadBalancerArns ?? []),
        },
      ];
    }),
  );
}

export function buildTargetHealth(b: RawBuckets): ReadonlyMap<string, readonly TargetHealth[]> {
  const byGroup = new Map<string, TargetHealth[]>();
  for (const r of b.targetHealth) {
    if (byGroup.has(r.rec.targetGroupArn)) continue;
    byGroup.set(
      r.rec.targetGroupArn,
      r.rec.descriptions
        .map((d) => ({
          targetGroupArn: r.rec.targetGroupArn,
          targetId: d.Target.Id,
          port: opt(d.Target.Port),
          availabilityZone: opt(d.Target.AvailabilityZone),
          state: d.TargetHealth?.State ?? 'unknown',
        }))
        .sort((x, y) => compareStrings(x.targetId, y.targetId) || (x.port ?? 0) - (y.port ?? 0)),
    );
  }
  return sortedMap(byGroup);
}

export function buildDbInstances(b: RawBuckets, sink: ProblemSink): ReadonlyMap<string, DbInstance> {
  return sortedMap(
    uniqueById(b.dbInstances, (d) => d.DBInstanceIdentifier).map((r) => {
      const d = r.rec;
      return [
        d.DBInstanceIdentifier,
        {
          id: d.DBInstanceIdentifier,
          accountId: r.accountId,
          region: r.region,
          arn: opt(d.DBInstanceArn),
          engine: opt(d.Engine),
          status: opt(d.DBInstanceStatus),
          vpcId: opt(d.DBSubnetGroup?.VpcId),
          subnetIds: sortedUnique((d.DBSubnetGroup?.Subnets ?? []).map((s) => s.SubnetIdentifier)),
          publiclyAccessible: publiclyAccessible(d.PubliclyAccessible, r, sink),
          securityGroupIds: sortedUnique((d.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId)),
          endpointAddress: opt(d.Endpoint?.Address),
          port: opt(d.Endpoint?.Port),
        },
      ];
    }),
  );
}

/**
 * DescribeDBInstances always returns PubliclyAccessible. When a snapshot lacks it the answer is
 * unknown: assume the exposed case (never guessed safe) and say so.
 */
function publiclyAccessible(v: boolean | null | undefined, r: Rec<unknown>, sink: ProblemSink): boolean {
  if (typeof v === 'boolean') return v;
  sink.warn(
    r.file,
    `${r.path}.PubliclyAccessible`,
    'PubliclyAccessible missing: unknown, treated as publicly accessible',
  );
  return true;
}
