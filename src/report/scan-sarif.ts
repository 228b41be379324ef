// `perimeter scan --format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF tools.
// Rules carry the check's rationale and remediation as help text; results carry a logical location
// (ARN, else account/region/id), a physical location when the CLI found the record that defines
// the resource in the snapshot (file relative to the snapshot root, uriBaseId SNAPSHOTROOT, line
// and column), and `partialFingerprints` keyed on the finding fingerprint.
// GitHub code scanning needs `physicalLocation.artifactLocation.uri` and `region.startLine` on a
// result's location to show it, and uses `partialFingerprints` to track alerts across runs:
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { ScanResult } from '../checks/run-checks.js';
import type { CheckMeta, Finding, FindingResource, Severity } from '../checks/types.js';

/** Where a finding's resource is defined in the snapshot (found by the CLI, which reads files). */
export interface SourceLocation {
  /** Path relative to the snapshot root, `/` separators, URI-encoded segments. */
  readonly uri: string;
  /** 1-based; columns count UTF-16 code units; `endColumn` is the column after the region. */
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** `record`: the resource's own id key; `list`: no record found, the list where it would be. */
  readonly kind: 'record' | 'list';
}

/** Source locations by `sourceKey(finding.resource)`. */
export type SourceLocations = ReadonlyMap<string, SourceLocation>;

export const SNAPSHOT_ROOT = 'SNAPSHOTROOT';

/** One key per resource: the same id can exist in two accounts (a peering seen from both sides). */
export function sourceKey(r: FindingResource): string {
  return `${r.accountId}|${r.region}|${r.type}|${r.id}`;
}

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

function location(f: Finding, src: SourceLocation | undefined): Location {
  const fqn = f.resource.arn ?? `${f.resource.accountId}/${f.resource.region}/${f.resource.id}`;
  const logicalLocations = [{ name: f.resource.id, fullyQualifiedName: fqn, kind: f.resource.type }];
  if (!src) return { logicalLocations };
  return {
    physicalLocation: {
      artifactLocation: { uri: src.uri, uriBaseId: SNAPSHOT_ROOT },
      region: {
        startLine: src.startLine,
        startColumn: src.startColumn,
        endLine: src.endLine,
        endColumn: src.endColumn,
      },
    },
    logicalLocations,
    ...(src.kind === 'list'
      ? { message: { text: `no record of ${f.resource.id} in the snapshot; the list where it would be` } }
      : {}),
  };
}

function result(f: Finding, ruleIndex: number, sources: SourceLocations | undefined): Result {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: levels[f.severity],
    message: { text: `${f.message}\nRemediation: ${f.remediation}` },
    locations: [location(f, sources?.get(sourceKey(f.resource)))],
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

/**
 * `sources` (optional, from the CLI): where each resource is defined in the snapshot; without it,
 * or for a resource not in it, the result has its logical location only.
 */
export function formatScanSarif(
  r: ScanResult,
  checks: readonly CheckMeta[],
  toolVersion: string,
  sources?: SourceLocations,
): string {
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
        ...(sources
          ? {
              originalUriBaseIds: {
                [SNAPSHOT_ROOT]: {
                  description: {
                    text: 'The snapshot directory given to `perimeter scan` (the bundled demo estate when none is given); result URIs are relative to it.',
                  },
                },
              },
              columnKind: 'utf16CodeUnits' as const,
            }
          : {}),
        results: r.findings.map((f) => result(f, index.get(f.ruleId) ?? -1, sources)),
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
