// `perimeter scan` for a terminal: grouped by severity, one line per finding plus its proof.
import type { ScanResult } from '../checks/run-checks.js';
import type { Finding, Severity } from '../checks/types.js';
import { severities } from '../checks/types.js';

export interface TextOptions {
  readonly color: boolean;
}

const colorCodes: Record<Severity, string> = {
  critical: '\u001b[1;31m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
};
const reset = '\u001b[0m';

function paint(text: string, sev: Severity, o: TextOptions): string {
  return o.color ? `${colorCodes[sev]}${text}${reset}` : text;
}

function where(f: Finding): string {
  const vpc = f.resource.vpcId ? ` ${f.resource.vpcId}` : '';
  return `${f.resource.accountId}/${f.resource.region}${vpc}`;
}

function findingLines(f: Finding, o: TextOptions): string[] {
  const lines = [
    `  ${paint(f.severity.toUpperCase().padEnd(8), f.severity, o)} ${f.ruleId}  ${f.resource.id} (${f.resource.type}, ${where(f)})`,
  ];
  lines.push(`           ${f.message}`);
  if (f.path && f.path.length > 0) lines.push(`           path: ${f.path.join(' → ')}`);
  return lines;
}

export function formatScanText(r: ScanResult, o: TextOptions): string {
  const out: string[] = [];
  for (const sev of severities) {
    const group = r.findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    out.push(paint(`${sev.toUpperCase()} (${group.length})`, sev, o));
    for (const f of group) out.push(...findingLines(f, o));
    out.push('');
  }
  if (r.findings.length === 0) out.push('No findings.', '');
  if (r.suppressed.length > 0) {
    out.push(`Suppressed (${r.suppressed.length}):`);
    for (const s of r.suppressed) {
      out.push(
        `  ${s.finding.ruleId}  ${s.finding.resource.id}: ${s.reason}${s.expires ? ` (until ${s.expires})` : ''}`,
      );
    }
    out.push('');
  }
  for (const e of r.expiredSuppressions) {
    const target =
      e.suppression.fingerprint ?? `${e.suppression.ruleId ?? ''} ${e.suppression.resource ?? ''}`.trim();
    out.push(
      `Expired suppression (${e.suppression.expires ?? ''}): ${target} — no longer suppressing ${e.fingerprints.length} finding(s)`,
    );
  }
  for (const n of r.notApplicable) out.push(`Not applicable: ${n.checkId}: ${n.reason}`);
  for (const e of r.errors) out.push(`Check error: ${e.checkId}: ${e.message}`);
  const counts = severities
    .map((s) => `${r.findings.filter((f) => f.severity === s).length} ${s}`)
    .join(', ');
  out.push(`${r.findings.length} findings (${counts}); ${r.checksRun.length} checks run.`);
  return out.join('\n') + '\n';
}
