// Text table for `perimeter simulate`: path → decision → deciding statement.
import type { StatementRef } from './evaluate.js';
import type { SimulationResult, SimulationRow } from './simulate.js';

function ref(r: StatementRef): string {
  return `${r.set} ${JSON.stringify(r.policy)} statement ${r.statement}${r.sid !== undefined ? ` (${r.sid})` : ''}`;
}

export function decidedBy(row: SimulationRow): string {
  switch (row.decision) {
    case 'ExplicitlyDenied':
      return `Deny in ${row.deciding.map(ref).join('; ')}`;
    case 'Allowed':
      return `Allow in ${
        row.deciding
          .filter((d) => d.set === 'identity' || d.set === 'resource')
          .map(ref)
          .join('; ') || row.deciding.map(ref).join('; ')
      }`;
    case 'ImplicitlyDenied':
      return `no Allow in ${row.blockedBy.join(', ')}${row.blockedAt.length > 0 ? ` (${row.blockedAt.join(', ')})` : ''}`;
    default:
      return `depends on unknown ${row.unknownKeys.join(', ')}`;
  }
}

export function formatSimulationText(r: SimulationResult): string {
  const rows = r.rows.map((row) => [row.label, row.decision, decidedBy(row)]);
  const head = ['PATH', 'DECISION', 'DECIDED BY'];
  const w0 = Math.max(head[0]!.length, ...rows.map((x) => x[0]!.length));
  const w1 = Math.max(head[1]!.length, ...rows.map((x) => x[1]!.length));
  const line = (x: string[]) => `${x[0]!.padEnd(w0)}  ${x[1]!.padEnd(w1)}  ${x[2]}`.trimEnd();
  const out = [`${r.principal} → ${r.action} on ${r.resource}`, '', line(head), ...rows.map(line)];
  const rowNotes = r.rows.flatMap((row) => row.notes.map((n) => `${row.path}: ${n}`));
  if (r.notes.length + rowNotes.length > 0) {
    out.push('', 'notes:');
    for (const n of [...r.notes, ...rowNotes]) out.push(`  - ${n}`);
  }
  return `${out.join('\n')}\n`;
}
