// perimeter inventory [SNAPSHOT] [--format text|json]
import type { Command } from 'commander';
import { igwPreventionForAll } from '../../checks/shared/igw-prevention.js';
import { buildInventory } from '../../estate/inventory.js';
import { formatIgwPreventionText, formatInventoryText } from '../../report/inventory-text.js';
import { loadEstateForCli } from '../load-estate.js';
import { parseFormat, writeOut } from '../options.js';
import { resolveSnapshotArg } from '../paths.js';

export function register(program: Command): void {
  program
    .command('inventory')
    .description('counts by account, region and resource type, and what could not be loaded')
    .argument('[snapshot]', 'snapshot directory (default: the bundled demo estate)')
    .option('--format <format>', 'output format: text, json', 'text')
    .action(async (snapshot: string | undefined, opts: { format: string }) => {
      const format = parseFormat(opts.format, ['text', 'json'] as const);
      const estate = await loadEstateForCli(resolveSnapshotArg(snapshot));
      const inv = buildInventory(estate);
      // Every account's answer to "would its SCPs stop an administrator creating an IGW?"
      const igwPrevention = igwPreventionForAll(estate).map((p) => ({
        accountId: p.accountId,
        status: p.status,
        actions: p.actions.map((a) => ({ action: a.action, decision: a.decision })),
        notes: p.notes,
      }));
      writeOut(
        format === 'json'
          ? JSON.stringify({ ...inv, igwPrevention }, null, 2) + '\n'
          : formatInventoryText(inv) + formatIgwPreventionText(igwPrevention),
      );
    });
}
