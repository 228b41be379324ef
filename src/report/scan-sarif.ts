// `perimeter scan --format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF tools.
// Rules carry the check's rationale and remediation as help text; results use logical locations
// (ARNs, else resource ids) and `partialFingerprints` keyed on the finding fingerprint.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { ScanResult } from '../checks/run-checks.js';
import type { CheckMeta, Finding, Severity } from '../checks/types.js';

const levels: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub code scanning reads `security-severity` (0.0–10.0) to rank security alerts.
const securitySeverity: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

function rule(meta: CheckMeta): ReportingDescriptor {
  return {
    id: meta.id,
    name: meta.id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    help: {
      text: `${meta.rationale}\n\nRemediation: ${meta.remediation}`,
      markdown: `${meta.rationale}\n\n**Remediation:** ${meta.remediation}${
        meta.references && meta.references.length > 0
          ? '\n\n' + meta.references.map((r) => `- <${r}>`).join('\n')
          : ''
      }`,
    },
    defaultConfiguration: { level: levels[meta.severity] },
    properties: { tags: ['security', meta.area], 'security-severity': securitySeverity[meta.severity] },
  };
}

function result(f: Finding, ruleIndex: number): Result {
  const fqn = f.resource.arn ?? `${f.resource.accountId}/${f.resource.region}/${f.resource.id}`;
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: levels[f.severity],
    message: { text: `${f.message}\nRemediation: ${f.remediation}` },
    locations: [
      {
        logicalLocations: [{ name: f.resource.id, fullyQualifiedName: fqn, kind: f.resource.type }],
      },
    ],
    partialFingerprints: { 'perimeterFingerprint/v1': f.fingerprint },
    properties: {
      severity: f.severity,
      'security-severity': securitySeverity[f.severity],
      accountId: f.resource.accountId,
      region: f.resource.region,
      ...(f.resource.vpcId ? { vpcId: f.resource.vpcId } : {}),
      ...(f.path ? { path: f.path } : {}),
      evidence: f.evidence,
    },
  };
}

export function formatScanSarif(r: ScanResult, checks: readonly CheckMeta[], toolVersion: string): string {
  const metas = [...checks].sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'perimeter',
            version: toolVersion,
            informationUri: 'https://github.com/perimeter/perimeter',
            rules: metas.map(rule),
          },
        },
        results: r.findings.map((f) => result(f, index.get(f.ruleId) ?? -1)),
        invocations: [
          {
            executionSuccessful: r.errors.length === 0,
            toolExecutionNotifications: r.errors.map((e) => ({
              level: 'error' as const,
              message: { text: `check ${e.checkId} failed: ${e.message}` },
              descriptor: { id: e.checkId },
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
