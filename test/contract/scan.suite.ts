// `perimeter scan`: the finding shape (DESIGN.md), sorted output, stable unique fingerprints, SARIF,
// HTML and --fail-on semantics, on the bundled demo estate.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { DEMO_TODAY, expectedFindings } from '../examples/demo-expected.js';
import {
  cmp,
  demoDir,
  exitCodes,
  expectNoStackTrace,
  expectSortedBy,
  isRecord,
  makeSnapshot,
  parseStdout,
  run,
  severities,
  sevRank,
  sharedFixture,
  tempDir,
  type CliRun,
} from './helpers.js';
import { expectFindingShape, type ScanJson } from './finding-shape.js';

const jsonArgs = ['scan', '--format', 'json', '--today', DEMO_TODAY];
let first: CliRun;
let second: CliRun;
let scan: ScanJson;

beforeAll(async () => {
  first = await run(jsonArgs);
  second = await run(jsonArgs);
  scan = parseStdout<ScanJson>(first);
});

describe('contract: scan --format json', () => {
  it('exits 0 without --fail-on, stdout is one JSON document, nothing but logs on stderr', () => {
    expect(first.code).toBe(exitCodes.ok);
    expect(isRecord(scan)).toBe(true);
    expect(Array.isArray(scan.findings)).toBe(true);
    expect(first.stderr).toBe('');
  });

  it('every finding has exactly the DESIGN.md keys', () => {
    expect(scan.findings.length).toBeGreaterThan(0);
    for (const f of scan.findings) expectFindingShape(f);
  });

  it('suppressed findings keep the finding shape (plus their suppression)', () => {
    expect(scan.suppressed?.length).toBeGreaterThan(0);
    for (const f of scan.suppressed ?? []) expectFindingShape(f, ['suppression']);
  });

  it('findings are sorted: severity (critical first), ruleId, account, region, resource, fingerprint', () => {
    expectSortedBy(scan.findings, (f) => [
      -sevRank(f.severity),
      f.ruleId,
      f.resource.accountId,
      f.resource.region,
      f.resource.id,
      f.fingerprint,
    ]);
  });

  it('the bookkeeping lists are sorted too (suppressed like findings, checksRun by id)', () => {
    const out = scan as ScanJson & { checksRun?: string[] };
    expectSortedBy(out.suppressed ?? [], (f) => [
      -sevRank(f.severity),
      f.ruleId,
      f.resource.accountId,
      f.resource.region,
      f.resource.id,
      f.fingerprint,
    ]);
    expect(out.checksRun?.length).toBeGreaterThan(0);
    expect(out.checksRun).toEqual([...(out.checksRun ?? [])].sort());
  });

  it('fingerprints are unique', () => {
    const fps = scan.findings.map((f) => f.fingerprint);
    expect(new Set(fps).size).toBe(fps.length);
    const all = [...fps, ...(scan.suppressed ?? []).map((f) => f.fingerprint)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('two runs print identical bytes (fingerprints stable)', () => {
    expect(second.code).toBe(first.code);
    expect(second.stdout).toBe(first.stdout);
  });

  it('fingerprints do not depend on the run date', async () => {
    const later = parseStdout<ScanJson>(await run(['scan', '--format', 'json', '--today', '2026-12-01']));
    const fp = (s: ScanJson) =>
      [...s.findings, ...(s.suppressed ?? [])]
        .map((f) => `${f.ruleId} ${f.resource.id} ${f.fingerprint}`)
        .sort();
    expect(fp(later)).toEqual(fp(scan));
  });

  it("finds the demo estate's expected findings (examples/demo/README.md)", () => {
    const got = scan.findings
      .map((f) => ({ ruleId: f.ruleId, resourceId: f.resource.id, severity: f.severity }))
      .sort(
        (a, b) => cmp(a.ruleId, b.ruleId) || cmp(a.resourceId, b.resourceId) || cmp(a.severity, b.severity),
      );
    const want = [...expectedFindings]
      .map((f) => ({ ...f }))
      .sort(
        (a, b) => cmp(a.ruleId, b.ruleId) || cmp(a.resourceId, b.resourceId) || cmp(a.severity, b.severity),
      );
    expect(got).toEqual(want);
  });
});

describe('contract: scan --fail-on', () => {
  it('exit 1 iff a finding is at or above the threshold (demo: every severity present)', async () => {
    const present = new Set(scan.findings.map((f) => f.severity));
    for (const sev of severities) {
      const r = await run([...jsonArgs, '--fail-on', sev]);
      const expected = [...present].some((s) => sevRank(s) >= sevRank(sev)) ? 1 : 0;
      expect(r.code, `--fail-on ${sev}`).toBe(expected);
      // the findings are printed either way
      expect(r.stdout).toBe(first.stdout);
    }
    expect((await run([...jsonArgs, '--fail-on', 'none'])).code).toBe(0);
  });

  it('a pack whose worst finding is high: --fail-on critical → 0, --fail-on high → 1', async () => {
    const base = ['scan', '--format', 'json', '--today', DEMO_TODAY, '--pack', 'data-perimeter'];
    const pack = parseStdout<ScanJson>(await run(base));
    const worst = Math.max(...pack.findings.map((f) => sevRank(f.severity)));
    expect(worst).toBe(sevRank('high'));
    expect((await run([...base, '--fail-on', 'critical'])).code).toBe(0);
    expect((await run([...base, '--fail-on', 'high'])).code).toBe(1);
  });

  it('no findings: --fail-on info exits 0', async () => {
    const snap = makeSnapshot({
      'accounts/111122223333/us-east-1/vpcs.json': {
        Vpcs: [
          {
            VpcId: 'vpc-0aaaaaaaaaaaaaaa1',
            CidrBlock: '10.9.0.0/16',
            OwnerId: '111122223333',
            State: 'available',
          },
        ],
      },
    });
    const r = await run(['scan', snap, '--format', 'json', '--fail-on', 'info']);
    const out = parseStdout<ScanJson>(r);
    expect(out.findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('contract: scan --format sarif', () => {
  let sarif: {
    version: string;
    runs: {
      tool: { driver: { name: string } };
      results: { ruleId: string; partialFingerprints?: Record<string, string> }[];
    }[];
  };
  let r: CliRun;
  beforeAll(async () => {
    r = await run(['scan', '--format', 'sarif', '--today', DEMO_TODAY]);
    sarif = parseStdout(r);
  });

  it('is SARIF 2.1.0 with one result per finding, each with partialFingerprints', () => {
    expect(r.code).toBe(0);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const results = sarif.runs[0]!.results;
    expect(results).toHaveLength(scan.findings.length);
    for (const res of results) {
      expect(isRecord(res.partialFingerprints)).toBe(true);
      expect(Object.keys(res.partialFingerprints ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('carries the same fingerprints as the JSON output', () => {
    const sarifFps = sarif.runs[0]!.results.flatMap((x) => Object.values(x.partialFingerprints ?? {})).sort();
    for (const f of scan.findings) expect(sarifFps.join(' ')).toContain(f.fingerprint);
  });

  it('is deterministic', async () => {
    expect((await run(['scan', '--format', 'sarif', '--today', DEMO_TODAY])).stdout).toBe(r.stdout);
  });
});

describe('contract: scan --format html', () => {
  it('is one complete HTML document naming every finding, deterministic', async () => {
    const a = await run(['scan', '--format', 'html', '--today', DEMO_TODAY]);
    expect(a.code).toBe(0);
    expectNoStackTrace(a);
    const html = a.stdout.trim();
    expect(html.toLowerCase()).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/<html[\s>]/i);
    expect(html).toMatch(/<head[\s>]/i);
    expect(html).toMatch(/<body[\s>]/i);
    expect(html).toMatch(/<\/body>\s*<\/html>$/i);
    for (const f of scan.findings) expect(html).toContain(f.ruleId);
    const b = await run(['scan', '--format', 'html', '--today', DEMO_TODAY]);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('contract: scan --format text', () => {
  it('prints to stdout, exits 0, deterministic', async () => {
    const a = await run(['scan', '--today', DEMO_TODAY]);
    const b = await run(['scan', '--today', DEMO_TODAY]);
    expect(a.code).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(a.stderr).toBe('');
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('contract: scan --config FILE', () => {
  it('the intent file given replaces the one next to the snapshot: disabled checks do not run', async () => {
    const intent = parseYaml(readFileSync(join(demoDir, 'perimeter.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    intent.checks = {
      ...((intent.checks as Record<string, unknown> | undefined) ?? {}),
      disabled: ['internet-exposed'],
    };
    const file = join(tempDir('config'), 'perimeter.yaml');
    writeFileSync(file, stringifyYaml(intent));
    const r = await run(['scan', '--format', 'json', '--today', DEMO_TODAY, '--config', file]);
    const out = parseStdout<ScanJson & { checksRun: string[] }>(r);
    expect(r.code).toBe(0);
    expect(out.findings.filter((f) => f.ruleId === 'internet-exposed')).toEqual([]);
    expect(out.checksRun).not.toContain('internet-exposed');
    const others = (s: ScanJson) =>
      s.findings.filter((f) => f.ruleId !== 'internet-exposed').map((f) => f.fingerprint);
    expect(others(out)).toEqual(others(scan));
  });
});

describe('contract: scan --format sarif rules', () => {
  it('every result names a rule the driver declares; levels are SARIF levels', async () => {
    const sarif = parseStdout<{
      runs: {
        tool: { driver: { rules?: { id: string }[] } };
        results: { ruleId: string; ruleIndex?: number; level?: string }[];
      }[];
    }>(await run(['scan', '--format', 'sarif', '--today', DEMO_TODAY]));
    const rules = sarif.runs[0]!.tool.driver.rules ?? [];
    const declared = new Set(rules.map((r) => r.id));
    for (const res of sarif.runs[0]!.results) {
      expect(declared.has(res.ruleId), res.ruleId).toBe(true);
      if (res.ruleIndex !== undefined) expect(rules[res.ruleIndex]?.id).toBe(res.ruleId);
      if (res.level !== undefined) expect(['none', 'note', 'warning', 'error']).toContain(res.level);
    }
  });

  it('--fail-on applies to sarif and text output too', async () => {
    expect(
      (await run(['scan', '--format', 'sarif', '--fail-on', 'critical', '--today', DEMO_TODAY])).code,
    ).toBe(1);
    expect((await run(['scan', '--fail-on', 'critical', '--today', DEMO_TODAY])).code).toBe(1);
  });
});

describe('contract: scan --format html escapes what comes from the snapshot', () => {
  it('markup in a security group name or rule description is escaped, never emitted', async () => {
    const src = sharedFixture('batfish-aws/test-public-subnet/aws_configs');
    const files: Record<string, unknown> = {};
    for (const name of readdirSync(src)) files[name] = readFileSync(join(src, name), 'utf8');
    const sgs = JSON.parse(files['SecurityGroups.json'] as string) as {
      SecurityGroups: { GroupId: string; GroupName: string; IpPermissions: { IpRanges: unknown[] }[] }[];
    };
    const sg = sgs.SecurityGroups.find((g) => g.GroupId === 'sg-09ccba6656672061b')!;
    sg.GroupName = '<script>alert(2)</script>';
    sg.IpPermissions[0]!.IpRanges = [{ CidrIp: '0.0.0.0/0', Description: '<img src=x onerror=alert(1)>' }];
    files['SecurityGroups.json'] = sgs;
    const snap = makeSnapshot(files);
    const json = await run(['scan', snap, '--format', 'json']);
    expect(json.stdout).toContain('<img src=x onerror=alert(1)>'); // the input does reach the findings
    const r = await run(['scan', snap, '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('<img src=x');
    expect(r.stdout).not.toContain('<script>alert');
    expect(r.stdout).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('contract: real CIDR arithmetic in scan (0.0.0.0/1 + 128.0.0.0/1 is the whole internet)', () => {
  it('SSH open to both halves of the internet gives the same findings as 0.0.0.0/0', async () => {
    const root = sharedFixture('batfish-aws/test-public-subnet');
    const src = join(root, 'aws_configs');
    const files: Record<string, unknown> = {};
    for (const name of readdirSync(src)) files[name] = readFileSync(join(src, name), 'utf8');
    const sgs = JSON.parse(files['SecurityGroups.json'] as string) as {
      SecurityGroups: { GroupId: string; IpPermissions: { IpRanges: unknown[] }[] }[];
    };
    sgs.SecurityGroups.find((g) => g.GroupId === 'sg-09ccba6656672061b')!.IpPermissions[0]!.IpRanges = [
      { CidrIp: '0.0.0.0/1' },
      { CidrIp: '128.0.0.0/1' },
    ];
    files['SecurityGroups.json'] = sgs;
    const key = (s: ScanJson) => s.findings.map((f) => `${f.severity} ${f.ruleId} ${f.resource.id}`);
    const whole = parseStdout<ScanJson>(await run(['scan', root, '--format', 'json']));
    const halves = parseStdout<ScanJson>(await run(['scan', makeSnapshot(files), '--format', 'json']));
    expect(key(whole)).toContain('critical sg-world-open-admin-port sg-09ccba6656672061b');
    expect(key(halves)).toEqual(key(whole));
  });
});

describe('contract: --fail-on ignores suppressed findings, not expired suppressions', () => {
  const root = sharedFixture('batfish-aws/test-public-subnet/aws_configs');
  const withIntent = (expires: string): string => {
    const files: Record<string, unknown> = {};
    for (const name of readdirSync(root)) files[name] = readFileSync(join(root, name), 'utf8');
    files['perimeter.yaml'] = stringifyYaml({
      suppressions: [
        { ruleId: 'internet-exposed', resource: 'i-06669a407b2ef3ae5', reason: 'contract test', expires },
        {
          ruleId: 'sg-world-open-admin-port',
          resource: 'sg-09ccba6656672061b',
          reason: 'contract test',
          expires,
        },
      ],
    });
    return makeSnapshot(files);
  };

  it('every finding suppressed: exit 0 at --fail-on info, the findings listed as suppressed', async () => {
    const r = await run([
      'scan',
      withIntent('2099-01-01'),
      '--format',
      'json',
      '--fail-on',
      'info',
      '--today',
      DEMO_TODAY,
    ]);
    const out = parseStdout<ScanJson>(r);
    expect(out.findings).toEqual([]);
    expect(out.suppressed?.length).toBe(2);
    expect(r.code).toBe(0);
  });

  it('expired suppressions hide nothing: exit 1 at --fail-on critical', async () => {
    const r = await run([
      'scan',
      withIntent('2020-01-01'),
      '--format',
      'json',
      '--fail-on',
      'critical',
      '--today',
      DEMO_TODAY,
    ]);
    const out = parseStdout<ScanJson & { expiredSuppressions: unknown[] }>(r);
    expect(out.findings.length).toBe(2);
    expect(out.expiredSuppressions.length).toBe(2);
    expect(r.code).toBe(1);
  });
});
