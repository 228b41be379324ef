// perimeter trace [SNAPSHOT] --from X --to Y [--protocol P] [--port N] [--through-lb] [--format json|text]
import type { Command } from 'commander';
import { trace, TraceInputError, type TraceResult } from '../../reach/index.js';
import { UsageError } from '../errors.js';
import { loadEstateForCli } from '../load-estate.js';
import { parseFormat, writeOut } from '../options.js';
import { resolveSnapshotArg } from '../paths.js';

export function register(program: Command): void {
  program
    .command('trace')
    .description('one flow from X to Y: disposition, hops and every setting that blocks it')
    .argument('[snapshot]', 'snapshot directory (default: the bundled demo estate)')
    .requiredOption('--from <from>', 'instance id, ENI id, IP address or "internet"')
    .requiredOption(
      '--to <to>',
      'instance id, ENI id, IP address, "internet", or a load balancer (ARN, name unique in the estate, or DNS name; from the internet: ends at its listener)',
    )
    .option('--protocol <protocol>', 'tcp, udp, icmp, icmpv6, an IP protocol number, or all', 'all')
    .option('--port <port>', 'destination port (TCP/UDP) or ICMP type')
    .option(
      '--through-lb',
      'also trace from the internet through every load balancer --to is a registered target of (automatic when --to is a healthy target of an internet-facing load balancer with a listener on --protocol/--port forwarding to it, and the direct path is not accepted)',
    )
    .option('--format <format>', 'output format: json, text', 'text')
    .addHelpText(
      'after',
      `
JSON: {"disposition", "hops":[ids], "blockedBy":[...], "flow", "notModelled"?} for the direct path, plus
"viaLoadBalancers": [{"loadBalancerArn", "listenerArn"?, "targetGroupArn", "targetId", "targetPort"?,
"disposition", "hops", "blockedBy", "notModelled"?}] for paths through load balancers: internet → node
(IGW, route table, NACL, the load balancer's security groups) → listener on --protocol/--port → target
group → a new connection from the node to the target on the target port (node egress rules, NACLs of
both subnets, the target's security groups). --port is the listener port.`,
    )
    .action(
      async (
        snapshot: string | undefined,
        opts: {
          from: string;
          to: string;
          protocol: string;
          port?: string;
          throughLb?: boolean;
          format: string;
        },
      ) => {
        const format = parseFormat(opts.format, ['json', 'text'] as const);
        let port: number | undefined;
        if (opts.port !== undefined) {
          if (!/^\d+$/.test(opts.port))
            throw new UsageError(`--port ${JSON.stringify(opts.port)} is not a number (expected 0-65535)`);
          port = Number(opts.port);
        }
        const estate = await loadEstateForCli(resolveSnapshotArg(snapshot));
        let r: TraceResult;
        try {
          r = trace(estate, {
            from: opts.from,
            to: opts.to,
            protocol: opts.protocol,
            port,
            throughLb: opts.throughLb === true,
          });
        } catch (e) {
          if (e instanceof TraceInputError) throw new UsageError(e.message);
          throw e;
        }
        writeOut(format === 'json' ? traceJson(r) : traceText(r));
      },
    );
}

export function traceJson(r: TraceResult): string {
  const blockedBy = r.blockedBy.map(({ disposition: _d, ...b }) => b);
  return (
    JSON.stringify(
      {
        disposition: r.disposition,
        hops: [...r.hops],
        blockedBy,
        flow: r.flow,
        ...(r.notModelled.length ? { notModelled: [...r.notModelled] } : {}),
        ...(r.viaLoadBalancers
          ? {
              viaLoadBalancers: r.viaLoadBalancers.map((v) => ({
                loadBalancerArn: v.loadBalancerArn,
                ...(v.listenerArn !== undefined ? { listenerArn: v.listenerArn } : {}),
                targetGroupArn: v.targetGroupArn,
                targetId: v.targetId,
                ...(v.targetPort !== undefined ? { targetPort: v.targetPort } : {}),
                disposition: v.disposition,
                hops: [...v.hops],
                blockedBy: v.blockedBy.map(({ disposition: _d, ...b }) => b),
                ...(v.notModelled.length ? { notModelled: [...v.notModelled] } : {}),
              })),
            }
          : {}),
      },
      null,
      2,
    ) + '\n'
  );
}

export function traceText(r: TraceResult): string {
  const lines = [
    `${r.flow.src} → ${r.flow.dst} ${r.flow.protocol}${r.flow.port !== undefined ? `/${r.flow.port}` : ''}: ${r.disposition}`,
    `hops: ${r.hops.join(' → ')}`,
  ];
  if (r.blockedBy.length > 0) {
    lines.push('blocked by:');
    for (const b of r.blockedBy) lines.push(`  - [${b.phase}] ${b.reason}`);
  }
  for (const n of r.notModelled) lines.push(n);
  for (const v of r.viaLoadBalancers ?? []) {
    lines.push(
      `through ${v.loadBalancerArn} → ${v.targetGroupArn} → ${v.targetId}${v.targetPort !== undefined ? `:${v.targetPort}` : ''}: ${v.disposition}`,
      `  hops: ${v.hops.join(' → ')}`,
    );
    for (const b of v.blockedBy) lines.push(`  - [${b.phase}] ${b.reason}`);
    for (const n of v.notModelled) lines.push(`  ${n}`);
  }
  return lines.join('\n') + '\n';
}
