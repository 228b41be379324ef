// perimeter egress [SNAPSHOT] [--format text|json]
import type { Command } from 'commander';
import { computeEgress, type EgressPath, type SubnetEgress } from '../../reach/index.js';
import { loadEstateForCli } from '../load-estate.js';
import { parseFormat, writeOut } from '../options.js';
import { resolveSnapshotArg } from '../paths.js';

export function register(program: Command): void {
  program
    .command('egress')
    .description('per subnet, the gateway where IPv4 and IPv6 traffic finally leaves for the internet')
    .argument('[snapshot]', 'snapshot directory (default: the bundled demo estate)')
    .option('--format <format>', 'output format: text, json', 'text')
    .action(async (snapshot: string | undefined, opts: { format: string }) => {
      const format = parseFormat(opts.format, ['text', 'json'] as const);
      const estate = await loadEstateForCli(resolveSnapshotArg(snapshot));
      const list = computeEgress(estate);
      writeOut(format === 'json' ? egressJson(list) : egressText(list));
    });
}

function pathJson(p: EgressPath, withSource: boolean) {
  return {
    kind: p.kind,
    path: [...p.path],
    ...(withSource && p.sourceIps ? { sourceIps: [...p.sourceIps] } : {}),
    ...(p.notes && p.notes.length > 0 ? { notes: [...p.notes] } : {}),
  };
}

/** {"egress":[{subnetId, vpcId, accountId, region, ipv4:{kind, path}, ipv6:{kind, path}}]} (+ sourceIps, notes). */
export function egressJson(list: readonly SubnetEgress[]): string {
  const egress = list.map((e) => ({
    subnetId: e.subnetId,
    vpcId: e.vpcId,
    accountId: e.accountId,
    region: e.region,
    ipv4: pathJson(e.ipv4, true),
    ipv6: pathJson(e.ipv6, false),
  }));
  return JSON.stringify({ egress }, null, 2) + '\n';
}

export function egressText(list: readonly SubnetEgress[]): string {
  if (list.length === 0) return 'No subnets.\n';
  const lines: string[] = [];
  for (const e of list) {
    lines.push(`${e.subnetId} (${e.accountId} ${e.region} ${e.vpcId})`);
    for (const [name, p] of [
      ['IPv4', e.ipv4],
      ['IPv6', e.ipv6],
    ] as const) {
      const src = p.sourceIps?.length ? ` from ${p.sourceIps.join(', ')}` : '';
      lines.push(`  ${name}: ${p.kind}${p.path.length ? ` via ${p.path.join(' → ')}` : ''}${src}`);
      for (const n of p.notes ?? []) lines.push(`    ${n}`);
    }
  }
  return lines.join('\n') + '\n';
}
