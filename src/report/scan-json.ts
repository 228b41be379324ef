// `perimeter scan --format json`: the DESIGN.md finding shape, sorted, with the run's bookkeeping.
import type { ScanResult } from '../checks/run-checks.js';
import type { Finding } from '../checks/types.js';
import { severities } from '../checks/types.js';

export function summarize(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of severities) counts[s] = 0;
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}

function findingJson(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    resource: {
      id: f.resource.id,
      type: f.resource.type,
      accountId: f.resource.accountId,
      region: f.resource.region,
      ...(f.resource.vpcId !== undefined ? { vpcId: f.resource.vpcId } : {}),
      ...(f.resource.arn !== undefined ? { arn: f.resource.arn } : {}),
    },
    message: f.message,
    evidence: f.evidence,
    ...(f.path ? { path: f.path } : {}),
    remediation: f.remediation,
    fingerprint: f.fingerprint,
  };
}

export function formatScanJson(r: ScanResult): string {
  const out = {
    summary: summarize(r.findings),
    findings: r.findings.map(findingJson),
    suppressed: r.suppressed.map((s) => ({
      ...findingJson(s.finding),
      suppression: { reason: s.reason, ...(s.expires ? { expires: s.expires } : {}) },
    })),
    expiredSuppressions: r.expiredSuppressions.map((e) => ({ ...e.suppression, matched: e.fingerprints })),
    notApplicable: r.notApplicable,
    errors: r.errors,
    checksRun: r.checksRun,
  };
  return JSON.stringify(out, null, 2) + '\n';
}
