// Human-readable rendering of a decision and its explanation (`--format text`).
import type { Decision } from './evaluate.js';
import type { PolicyExplain } from './explain.js';

const mark = (r: string): string => (r === 'matched' ? '+' : r === 'unknown' ? '?' : '-');

export function formatDecisionText(
  decision: Decision,
  explain: readonly PolicyExplain[],
  request: { readonly principal: string; readonly action: string; readonly resource: string },
): string {
  const lines: string[] = [];
  lines.push(`${request.principal} → ${request.action} on ${request.resource}`);
  lines.push(`decision: ${decision.decision}`);
  if (decision.blockedBy.length > 0) lines.push(`blocked by: ${decision.blockedBy.join(', ')}`);
  for (const d of decision.deciding) {
    lines.push(
      `deciding: ${d.set} ${d.policy} statement ${d.statement}${d.sid !== undefined ? ` (${d.sid})` : ''} ${d.effect}`,
    );
  }
  if (decision.unknownKeys.length > 0) lines.push(`unknown keys: ${decision.unknownKeys.join(', ')}`);
  for (const p of explain) {
    lines.push('');
    lines.push(`[${p.set}${p.level !== undefined ? ` ${p.level}` : ''}] ${p.policy}`);
    if (p.statements.length === 0) lines.push('  (no statements)');
    for (const s of p.statements) {
      lines.push(
        `  ${mark(s.result)} statement ${s.index}${s.sid !== undefined ? ` (${s.sid})` : ''} ${s.effect}: ${s.result}`,
      );
      lines.push(`      ${mark(s.action.result)} action: ${s.action.reason}`);
      lines.push(`      ${mark(s.resource.result)} resource: ${s.resource.reason}`);
      lines.push(`      ${mark(s.principal.result)} principal: ${s.principal.reason}`);
      for (const c of s.conditions) {
        lines.push(`      ${mark(c.result)} ${c.operator} ${c.key} ${JSON.stringify(c.values)}: ${c.reason}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
