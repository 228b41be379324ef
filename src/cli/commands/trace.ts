// perimeter trace [SNAPSHOT] --from X --to Y [--protocol P] [--port N] [--format json|text]
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
    .requiredOption('--to <to>', 'instance id, ENI id, IP address or "internet"')
    .option('--protocol <protocol>', 'tcp, udp, icmp, icmpv6, an IP protocol number, or all', 'all')
    .option('--port <port>', 'destination port (TCP/UDP) or ICMP type')
    .option('--format <format>', 'output format: json, text', 'text')
    .action(
      async (
        snapshot: string | undefined,
        opts: { from: string; to: string; protocol: string; port?: string; format: string },
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
          r = trace(estate, { from: opts.from, to: opts.to, protocol: opts.protocol, port });
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
  return lines.join('\n') + '\n';
}
