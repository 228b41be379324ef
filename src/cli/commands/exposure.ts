// perimeter exposure [SNAPSHOT] [--format text|json]
import type { Command } from 'commander';
import { computeExposure, exposureNotes, type Exposure } from '../../reach/index.js';
import { loadEstateForCli } from '../load-estate.js';
import { parseFormat, writeOut } from '../options.js';
import { resolveSnapshotArg } from '../paths.js';

export function register(program: Command): void {
  program
    .command('exposure')
    .description('what the internet can open a connection to, with the path and the rules that let it in')
    .argument('[snapshot]', 'snapshot directory (default: the bundled demo estate)')
    .option('--format <format>', 'output format: text, json', 'text')
    .action(async (snapshot: string | undefined, opts: { format: string }) => {
      const format = parseFormat(opts.format, ['text', 'json'] as const);
      const estate = await loadEstateForCli(resolveSnapshotArg(snapshot));
      const list = computeExposure(estate);
      const notes = exposureNotes(estate);
      if (format === 'json') {
        // The JSON top level is exactly {"exposures": […]} (DESIGN.md): notes go to stderr.
        for (const n of notes) process.stderr.write(`perimeter: note: ${n}\n`);
        writeOut(exposureJson(list));
      } else writeOut(exposureText(list, notes));
    });
}

/** The documented JSON shape, exactly: {"exposures":[{resourceId, …, via}]}. */
export function exposureJson(list: readonly Exposure[]): string {
  const exposures = list.map((e) => ({
    resourceId: e.resourceId,
    resourceType: e.resourceType,
    accountId: e.accountId,
    region: e.region,
    vpcId: e.vpcId,
    address: e.address,
    ipVersion: e.ipVersion,
    protocol: e.protocol,
    ports: e.ports.map((p) => ({ from: p.from, to: p.to })),
    via: [...e.via],
  }));
  return JSON.stringify({ exposures }, null, 2) + '\n';
}

/** `notes`: what exposure could not show as an exposure (e.g. a load balancer that does not route). */
export function exposureText(list: readonly Exposure[], notes: readonly string[] = []): string {
  const tail = notes.length === 0 ? '' : `notes:\n${notes.map((n) => `  - ${n}\n`).join('')}`;
  if (list.length === 0) return `No internet exposure found.\n${tail}`;
  const lines: string[] = [`${list.length} internet exposure${list.length === 1 ? '' : 's'}:`, ''];
  for (const e of list) {
    const ports = e.ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(', ');
    lines.push(`${e.resourceType} ${e.resourceId} (${e.accountId} ${e.region} ${e.vpcId})`);
    lines.push(
      `  ${e.address} IPv${e.ipVersion} ${e.protocol} ${e.protocol.startsWith('icmp') ? 'types' : 'ports'} ${ports}`,
    );
    lines.push(`  via: ${e.via.join(' → ')}`);
    for (const r of e.evidence.route) lines.push(`  route: ${r.routeTableId} ${r.destination} → ${r.target}`);
    for (const n of e.evidence.naclInbound) lines.push(`  nacl in:  ${n.naclId} rule ${n.text}`);
    for (const n of e.evidence.naclOutbound) lines.push(`  nacl out: ${n.naclId} rule ${n.text} (replies)`);
    for (const s of e.evidence.securityGroupRules)
      lines.push(`  sg: ${s.groupId} ${s.text}${s.ruleId ? ` [${s.ruleId}]` : ''}`);
    for (const n of e.evidence.notModelled) lines.push(`  ${n}`);
    lines.push('');
  }
  return lines.join('\n') + tail;
}
