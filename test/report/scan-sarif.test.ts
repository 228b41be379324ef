import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../src/checks/define-check.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { intentSchema } from '../../src/config/intent.js';
import type { Estate } from '../../src/estate/model.js';
import { formatScanSarif } from '../../src/report/scan-sarif.js';

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

describe('formatScanSarif', () => {
  const result = runChecks({} as Estate, intentSchema.parse({}), [check, failing], { today: '2026-11-23' });
  const sarif = JSON.parse(formatScanSarif(result, [check, failing], '0.1.0')) as {
    runs: { results: Record<string, unknown>[]; tool: { driver: { rules: { id: string }[] } } }[];
  };

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const ajv = new AjvDraft04.default({
      allErrors: true,
      strict: false,
      unicodeRegExp: false,
      logger: false,
    });
    const validate = ajv.compile(schema);
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
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
});
