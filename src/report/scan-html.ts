// `perimeter scan --format html`: one self-contained page (no scripts, no external assets).
import type { ScanResult } from '../checks/run-checks.js';
import type { CheckMeta, Finding } from '../checks/types.js';
import { severities } from '../checks/types.js';

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function row(f: Finding): string {
  const path = f.path && f.path.length > 0 ? `<div class="path">${f.path.map(esc).join(' → ')}</div>` : '';
  return (
    `<tr class="${f.severity}"><td>${esc(f.severity)}</td><td><code>${esc(f.ruleId)}</code></td>` +
    `<td><code>${esc(f.resource.id)}</code><br><small>${esc(f.resource.type)} · ${esc(f.resource.accountId)}/${esc(f.resource.region)}</small></td>` +
    `<td>${esc(f.message)}${path}<details><summary>evidence</summary><pre>${esc(JSON.stringify(f.evidence, null, 2))}</pre></details></td>` +
    `<td>${esc(f.remediation)}</td></tr>`
  );
}

export function formatScanHtml(r: ScanResult, checks: readonly CheckMeta[]): string {
  const counts = severities
    .map((s) => `${r.findings.filter((f) => f.severity === s).length} ${s}`)
    .join(' · ');
  const titles = new Map(checks.map((c) => [c.id, c.title]));
  const notes = [
    ...r.expiredSuppressions.map(
      (e) =>
        `Expired suppression (${esc(e.suppression.expires ?? '')}): ${esc(e.suppression.fingerprint ?? `${e.suppression.ruleId ?? ''} ${e.suppression.resource ?? ''}`)}`,
    ),
    ...r.notApplicable.map((n) => `Not applicable: <code>${esc(n.checkId)}</code> — ${esc(n.reason)}`),
    ...r.errors.map((e) => `Check error: <code>${esc(e.checkId)}</code> — ${esc(e.message)}`),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>perimeter scan</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;vertical-align:top;text-align:left}
tr.critical td:first-child{color:#b00;font-weight:bold}tr.high td:first-child{color:#d33}
tr.medium td:first-child{color:#b70}tr.low td:first-child,tr.info td:first-child{color:#777}
.path{color:#555;font-size:.9em;margin-top:.2rem}pre{white-space:pre-wrap;font-size:.8em}
</style></head><body>
<h1>perimeter scan</h1>
<p>${r.findings.length} findings: ${esc(counts)}. ${r.checksRun.length} checks run, ${r.suppressed.length} suppressed.</p>
<table><thead><tr><th>severity</th><th>rule</th><th>resource</th><th>finding</th><th>remediation</th></tr></thead><tbody>
${r.findings.map(row).join('\n')}
</tbody></table>
${notes.length > 0 ? `<h2>Notes</h2><ul>${notes.map((n) => `<li>${n}</li>`).join('')}</ul>` : ''}
<h2>Checks</h2><ul>${r.checksRun.map((id) => `<li><code>${esc(id)}</code> ${esc(titles.get(id) ?? '')}</li>`).join('')}</ul>
</body></html>
`;
}
