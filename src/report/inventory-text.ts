// `perimeter inventory` for a terminal.
import type { Inventory } from '../estate/inventory.js';

export function formatInventoryText(inv: Inventory): string {
  const out: string[] = [];
  for (const row of inv.rows) {
    out.push(`${row.accountId} ${row.region}`);
    for (const [type, n] of Object.entries(row.counts).sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`  ${type.padEnd(32)} ${n}`);
    }
  }
  out.push('', 'Totals:');
  for (const [type, n] of Object.entries(inv.totals)) out.push(`  ${type.padEnd(32)} ${n}`);
  const nm = Object.entries(inv.notModelled);
  if (nm.length > 0) {
    out.push('', 'Present in the snapshot but not modelled (not analysed):');
    for (const [key, n] of nm) out.push(`  ${key.padEnd(32)} ${n}`);
  }
  if (inv.problems.length > 0) {
    out.push('', 'Load problems:');
    for (const p of inv.problems) out.push(`  ${p.severity}: ${p.file}: ${p.jsonPath}: ${p.message}`);
  }
  if (inv.collectionFailures.length > 0) {
    out.push('', 'Not collected (coverage gaps):');
    for (const f of inv.collectionFailures) {
      out.push(
        `  ${f.accountId}${f.region ? '/' + f.region : ''} ${f.service ?? ''}${f.operation ? ':' + f.operation : ''}: ${f.kind}: ${f.message}`,
      );
    }
  }
  return out.join('\n') + '\n';
}

export function formatIgwPreventionText(
  rows: readonly { readonly accountId: string; readonly status: string; readonly notes: readonly string[] }[],
): string {
  if (rows.length === 0) return '';
  const out = ['', 'Internet gateway creation by an administrator (SCP chain):'];
  for (const r of rows) {
    out.push(`  ${r.accountId}  ${r.status}${r.notes.length > 0 ? `  (${r.notes.join('; ')})` : ''}`);
  }
  return out.join('\n') + '\n';
}
