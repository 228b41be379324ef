import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../src/checks/define-check.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { intentSchema } from '../../src/config/intent.js';
import type { Estate } from '../../src/estate/model.js';
import { formatScanSarif, sourceKey, type SourceLocation } from '../../src/report/scan-sarif.js';

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;

const check = defineCheck({
  id: 'fake-exposed',
  title: 'Fake exposure',
  severity: 'high',
  area: 'test',
  rationale: 'a fake check used to exercise the SARIF formatter',
  remediation: 'close the port',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html'],
  run: () => [
    {
      resource: {
        id: 'i-1',
        type: 'instance',
        accountId: '111122223333',
        region: 'us-east-1',
        vpcId: 'vpc-1',
      },
      message: 'tcp/22 reachable from the internet',
      severity: 'critical',
      path: ['igw-1', 'rtb-1', 'acl-1', 'sg-1', 'eni-1'],
      evidence: { sgRule: 'sg-1 ingress #0 tcp 22 0.0.0.0/0' },
    },
  ],
});
const failing = defineCheck({
  id: 'fake-fails',
  title: 'Fake failure',
  severity: 'low',
  area: 'test',
  rationale: 'a fake check that throws, to exercise notifications',
  remediation: 'none',
  run: () => {
    throw new Error('no data');
  },
});

const ajv = new AjvDraft04.default({
  allErrors: true,
  strict: false,
  unicodeRegExp: false,
  logger: false,
});
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

interface SarifRun {
  results: Record<string, unknown>[];
  tool: { driver: { rules: { id: string }[] } };
  originalUriBaseIds?: Record<string, unknown>;
  columnKind?: string;
}

describe('formatScanSarif', () => {
  const result = runChecks({} as Estate, intentSchema.parse({}), [check, failing], { today: '2026-11-23' });
  const sarif = JSON.parse(formatScanSarif(result, [check, failing], '0.1.0')) as { runs: SarifRun[] };

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    expectValid(sarif);
  });

  it('the demo golden file (with physical locations) validates against the schema', () => {
    const golden = JSON.parse(
      readFileSync(join(import.meta.dirname, '../golden/scan/demo.sarif'), 'utf8'),
    ) as { runs: SarifRun[] };
    expectValid(golden);
    const results = golden.runs[0]!.results as { locations: { physicalLocation?: unknown }[] }[];
    expect(results.length).toBeGreaterThan(0);
    // Every demo finding's resource has a defining record in examples/demo/.
    expect(results.filter((r) => r.locations[0]!.physicalLocation === undefined)).toEqual([]);
  });

  it('maps severity to level, ARN-less resources to logical locations, and fingerprints', () => {
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['fake-exposed', 'fake-fails']);
    const r = run.results[0]!;
    expect(r.ruleId).toBe('fake-exposed');
    expect(r.ruleIndex).toBe(0);
    expect(r.level).toBe('error');
    expect(r.partialFingerprints).toEqual({ 'perimeterFingerprint/v1': result.findings[0]!.fingerprint });
    expect(r.locations).toEqual([
      {
        logicalLocations: [
          { name: 'i-1', fullyQualifiedName: '111122223333/us-east-1/i-1', kind: 'instance' },
        ],
      },
    ]);
  });

  it('without source locations: logical location only, no uri base ids', () => {
    expect(sarif.runs[0]!.originalUriBaseIds).toBeUndefined();
    expect(sarif.runs[0]!.columnKind).toBeUndefined();
  });

  it('with source locations: a physical location relative to SNAPSHOTROOT, next to the logical one', () => {
    const f = result.findings[0]!;
    const at: SourceLocation = {
      uri: 'accounts/111122223333/us-east-1/Reservations.json',
      startLine: 9,
      startColumn: 21,
      endLine: 9,
      endColumn: 56,
      kind: 'record',
    };
    const log = JSON.parse(
      formatScanSarif(result, [check, failing], '0.1.0', new Map([[sourceKey(f.resource), at]])),
    ) as { runs: SarifRun[] };
    expectValid(log);
    const run = log.runs[0]!;
    expect(Object.keys(run.originalUriBaseIds ?? {})).toEqual(['SNAPSHOTROOT']);
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.results[0]!.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: at.uri, uriBaseId: 'SNAPSHOTROOT' },
          region: { startLine: 9, startColumn: 21, endLine: 9, endColumn: 56 },
        },
        logicalLocations: [
          { name: 'i-1', fullyQualifiedName: '111122223333/us-east-1/i-1', kind: 'instance' },
        ],
      },
    ]);
    expect(run.results[0]!.partialFingerprints).toEqual({ 'perimeterFingerprint/v1': f.fingerprint });
  });

  it('a list fallback says so in the location message; other resources keep logical locations', () => {
    const f = result.findings[0]!;
    const other = sourceKey({ ...f.resource, accountId: '444455556666' });
    const list: SourceLocation = {
      uri: 'organization/org.json',
      startLine: 5,
      startColumn: 3,
      endLine: 5,
      endColumn: 13,
      kind: 'list',
    };
    const withList = JSON.parse(
      formatScanSarif(result, [check, failing], '0.1.0', new Map([[sourceKey(f.resource), list]])),
    ) as { runs: SarifRun[] };
    expectValid(withList);
    expect(withList.runs[0]!.results[0]!.locations).toMatchObject([
      { message: { text: 'no record of i-1 in the snapshot; the list where it would be' } },
    ]);
    const elsewhere = JSON.parse(
      formatScanSarif(result, [check, failing], '0.1.0', new Map([[other, list]])),
    ) as { runs: SarifRun[] };
    expect(elsewhere.runs[0]!.results[0]!.locations).toEqual([
      {
        logicalLocations: [
          { name: 'i-1', fullyQualifiedName: '111122223333/us-east-1/i-1', kind: 'instance' },
        ],
      },
    ]);
  });
});
