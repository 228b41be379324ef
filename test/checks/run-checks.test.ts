import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../src/config/intent.js';
import { defineCheck } from '../../src/checks/define-check.js';
import { fingerprintOf } from '../../src/checks/fingerprint.js';
import { runChecks } from '../../src/checks/run-checks.js';
import type { Estate } from '../../src/estate/model.js';

const estate = {} as Estate;
const res = (id: string) => ({ id, type: 'instance', accountId: '111122223333', region: 'us-east-1' });

const openSsh = defineCheck({
  id: 'fake-open-ssh',
  title: 'Fake: SSH open',
  severity: 'high',
  area: 'test',
  rationale: 'a fake check used to exercise the runner',
  remediation: 'close it',
  run: () => [
    { resource: res('i-b'), message: 'b is open' },
    { resource: res('i-a'), message: 'a is open', severity: 'critical', discriminator: 'tcp/22' },
  ],
});
const throws = defineCheck({
  id: 'fake-throws',
  title: 'Fake: throws',
  severity: 'low',
  area: 'test',
  rationale: 'a fake check that fails to exercise error handling',
  remediation: 'none',
  run: () => {
    throw new Error('boom: missing data');
  },
});
const notApplicable = defineCheck({
  id: 'fake-na',
  title: 'Fake: not applicable',
  severity: 'low',
  area: 'test',
  rationale: 'a fake check that lacks data to run',
  remediation: 'none',
  run: () => ({ notApplicable: 'no organization data in the snapshot' }),
});

describe('runChecks', () => {
  it('sorts findings by severity then resource and fingerprints them stably', () => {
    const r = runChecks(estate, intentSchema.parse({}), [openSsh], { today: '2026-11-23' });
    expect(r.findings.map((f) => [f.severity, f.resource.id])).toEqual([
      ['critical', 'i-a'],
      ['high', 'i-b'],
    ]);
    expect(r.findings[0]?.fingerprint).toBe(fingerprintOf('fake-open-ssh', 'i-a', 'tcp/22'));
    expect(r.findings[0]?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(r.findings[1]?.remediation).toBe('close it');
  });

  it('turns a throwing check into an error entry and keeps running', () => {
    const r = runChecks(estate, intentSchema.parse({}), [throws, openSsh, notApplicable], {
      today: '2026-11-23',
    });
    expect(r.errors).toEqual([{ checkId: 'fake-throws', message: 'boom: missing data' }]);
    expect(r.notApplicable).toEqual([{ checkId: 'fake-na', reason: 'no organization data in the snapshot' }]);
    expect(r.findings).toHaveLength(2);
    expect(r.checksRun).toEqual(['fake-na', 'fake-open-ssh', 'fake-throws']);
  });

  it('suppresses by ruleId+resource until the expiry date, then reports the suppression as expired', () => {
    const intent = intentSchema.parse({
      suppressions: [{ ruleId: 'fake-open-ssh', resource: 'i-b', reason: 'bastion', expires: '2026-12-31' }],
    });
    const before = runChecks(estate, intent, [openSsh], { today: '2026-12-31' });
    expect(before.findings.map((f) => f.resource.id)).toEqual(['i-a']);
    expect(before.suppressed.map((s) => [s.finding.resource.id, s.reason])).toEqual([['i-b', 'bastion']]);
    expect(before.expiredSuppressions).toEqual([]);

    const after = runChecks(estate, intent, [openSsh], { today: '2027-01-01' });
    expect(after.findings.map((f) => f.resource.id)).toEqual(['i-a', 'i-b']);
    expect(after.suppressed).toEqual([]);
    expect(after.expiredSuppressions).toHaveLength(1);
    expect(after.expiredSuppressions[0]?.fingerprints).toEqual([fingerprintOf('fake-open-ssh', 'i-b', '')]);
  });

  it('suppresses by fingerprint and skips disabled checks', () => {
    const fp = fingerprintOf('fake-open-ssh', 'i-a', 'tcp/22');
    const intent = intentSchema.parse({
      suppressions: [{ fingerprint: fp, reason: 'accepted' }],
      checks: { disabled: ['fake-throws'] },
    });
    const r = runChecks(estate, intent, [openSsh, throws], { today: '2026-11-23' });
    expect(r.findings.map((f) => f.resource.id)).toEqual(['i-b']);
    expect(r.errors).toEqual([]);
    expect(r.checksRun).toEqual(['fake-open-ssh']);
  });

  it('rejects a check id that is not kebab-case and an undocumented check', () => {
    expect(() => defineCheck({ ...openSsh, id: 'Bad_Id' })).toThrow(/not kebab-case/);
    expect(() => defineCheck({ ...openSsh, rationale: ' ' })).toThrow(/rationale is empty/);
  });
});
