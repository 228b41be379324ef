// `perimeter simulate`, `perimeter eval CASE.json`, `perimeter lint POLICY.json --type T`.
import { describe, expect, it } from 'vitest';
import { demoIds } from '../examples/demo-expected.js';
import {
  expectUsageError,
  extraKeys,
  fixture,
  isRecord,
  parseStdout,
  run,
  sharedFixture,
} from './helpers.js';

const decisions = ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied'];
const blockers = ['scp', 'rcp', 'vpce', 'identity', 'resource', 'pb', 'session'];

interface EvalJson {
  decision: string;
  blockedBy: string[];
  explain: unknown;
}

async function evalCase(name: string): Promise<EvalJson> {
  const r = await run(['eval', fixture(name)]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  const out = parseStdout<EvalJson>(r);
  // documented: decision, blockedBy, explain; `deciding` is an extra (reported, not wrong)
  expect(extraKeys(out, ['decision', 'blockedBy', 'explain'], ['deciding'])).toEqual([]);
  expect(decisions).toContain(out.decision);
  expect(Array.isArray(out.blockedBy)).toBe(true);
  for (const b of out.blockedBy) expect(blockers).toContain(b);
  expect(out.explain).toBeDefined();
  return out;
}

describe('contract: eval CASE.json', () => {
  it('Allowed: blockedBy empty', async () => {
    const out = await evalCase('eval-allowed.json');
    expect(out.decision).toBe('Allowed');
    expect(out.blockedBy).toEqual([]);
  });

  it('ExplicitlyDenied by an SCP: blockedBy ["scp"]', async () => {
    const out = await evalCase('eval-scp-deny.json');
    expect(out.decision).toBe('ExplicitlyDenied');
    expect(out.blockedBy).toEqual(['scp']);
  });

  it('ImplicitlyDenied: no identity Allow → blockedBy ["identity"]', async () => {
    const out = await evalCase('eval-implicit.json');
    expect(out.decision).toBe('ImplicitlyDenied');
    expect(out.blockedBy).toEqual(['identity']);
  });

  it('ImplicitlyDenied: allowed by identity, not by the permissions boundary → blockedBy ["pb"]', async () => {
    const out = await evalCase('eval-boundary.json');
    expect(out.decision).toBe('ImplicitlyDenied');
    expect(out.blockedBy).toEqual(['pb']);
  });

  it('deterministic: two runs print identical bytes', async () => {
    const a = await run(['eval', fixture('eval-scp-deny.json')]);
    const b = await run(['eval', fixture('eval-scp-deny.json')]);
    expect(b.stdout).toBe(a.stdout);
  });

  it('--format text exits 0 and names the decision', async () => {
    const r = await run(['eval', fixture('eval-scp-deny.json'), '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ExplicitlyDenied');
  });

  it('a case with a wrong type names the file and the JSON path (exit 2)', async () => {
    const r = await run(['eval', fixture('eval-bad-request.json')]);
    expectUsageError(r, 'eval-bad-request.json');
    expect(r.stderr).toContain('$.request');
  });
});

describe('contract: simulate', () => {
  const args = (role: string, action: string, resource: string) => [
    'simulate',
    '--principal',
    role,
    '--action',
    action,
    '--resource',
    resource,
  ];

  it('table: exit 0, one line per path with its decision, deterministic', async () => {
    const a = await run(
      args(demoIds.roles.prodAppBound, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:333333333333:orders'),
    );
    const b = await run(
      args(demoIds.roles.prodAppBound, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:333333333333:orders'),
    );
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout).toContain('ExplicitlyDenied');
    expect(a.stdout).toContain('stolen credentials used from the internet');
    expect(b.stdout).toBe(a.stdout);
  });

  interface SimJson {
    rows: { kind: string; decision: string; blockedBy: string[] }[];
  }

  async function simJson(role: string, action: string, resource: string): Promise<SimJson> {
    const r = await run([...args(role, action, resource), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = parseStdout<SimJson>(r);
    expect(Array.isArray(out.rows)).toBe(true);
    for (const row of out.rows) {
      expect(isRecord(row)).toBe(true);
      expect(decisions).toContain(row.decision);
      for (const b of row.blockedBy) expect(blockers).toContain(b);
    }
    return out;
  }

  it('--format json: stolen sandbox-ssh-box credentials work from the internet (README seed-003 table)', async () => {
    const out = await simJson(demoIds.roles.sandboxSshBox, 'ec2:DescribeInstances', '*');
    const stolen = out.rows.find((r) => r.kind === 'stolen-internet');
    expect(stolen?.decision).toBe('Allowed');
    // every network path the estate allows plus the stolen-credential paths
    expect(out.rows.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['own-internet', 'aws-service', 'stolen-internet', 'attacker-account']),
    );
  });

  it('--format json: stolen prod-app-bound credentials are ExplicitlyDenied from the internet, by identity', async () => {
    const out = await simJson(
      demoIds.roles.prodAppBound,
      'sqs:SendMessage',
      'arn:aws:sqs:us-east-1:333333333333:orders',
    );
    const stolen = out.rows.find((r) => r.kind === 'stolen-internet');
    expect(stolen?.decision).toBe('ExplicitlyDenied');
    expect(stolen?.blockedBy).toContain('identity');
  });

  it('--format json is deterministic', async () => {
    const a = await run([
      ...args(demoIds.roles.sandboxWeb, 's3:GetObject', 'arn:aws:s3:::sandbox-assets/index.html'),
      '--format',
      'json',
    ]);
    const b = await run([
      ...args(demoIds.roles.sandboxWeb, 's3:GetObject', 'arn:aws:s3:::sandbox-assets/index.html'),
      '--format',
      'json',
    ]);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('contract: lint POLICY.json --type T', () => {
  const dp = (p: string) => sharedFixture(`policies-data-perimeter/${p}`);
  const cases: [string, string][] = [
    ['identity', fixture('policy-identity.json')],
    ['resource', fixture('policy-resource.json')],
    ['scp', dp('service_control_policies/data_perimeter_governance_scp.json')],
    ['rcp', dp('resource_control_policies/identity_perimeter_rcp.json')],
    ['vpce', dp('vpc_endpoint_policies/default_endpoint_policy.json')],
    ['boundary', fixture('policy-identity.json')],
    ['session', fixture('policy-identity.json')],
  ];

  interface LintJson {
    findings: { severity: string; code: string; path: string; message: string }[];
  }

  for (const [type, file] of cases) {
    it(`--type ${type}: exit 0/1 per --fail-on, JSON findings, deterministic`, async () => {
      const a = await run(['lint', file, '--type', type, '--format', 'json', '--fail-on', 'none']);
      expect(a.code).toBe(0);
      expect(a.stderr).toBe('');
      const out = parseStdout<LintJson>(a);
      expect(Array.isArray(out.findings)).toBe(true);
      for (const f of out.findings) {
        expect(['critical', 'high', 'medium', 'low', 'info']).toContain(f.severity);
        expect(typeof f.message).toBe('string');
      }
      const b = await run(['lint', file, '--type', type, '--format', 'json', '--fail-on', 'none']);
      expect(b.stdout).toBe(a.stdout);
      const failInfo = await run(['lint', file, '--type', type, '--format', 'json', '--fail-on', 'info']);
      expect(failInfo.code).toBe(out.findings.length > 0 ? 1 : 0);
      const text = await run(['lint', file, '--type', type, '--fail-on', 'none']);
      expect(text.code).toBe(0);
      expect(text.stdout.length).toBeGreaterThan(0);
    });
  }

  it('a clean identity policy: no findings, exit 0 at the default --fail-on', async () => {
    const r = await run(['lint', fixture('policy-identity.json'), '--type', 'identity', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(parseStdout<LintJson>(r).findings).toEqual([]);
  });

  it('an invalid Effect is a high finding naming the JSON path; exit 1 at the default --fail-on (high)', async () => {
    const r = await run(['lint', fixture('policy-invalid.json'), '--type', 'identity', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = parseStdout<LintJson>(r);
    expect(out.findings.some((f) => f.severity === 'high' && f.path === '$.Statement[0].Effect')).toBe(true);
    expect(
      (await run(['lint', fixture('policy-invalid.json'), '--type', 'identity', '--fail-on', 'critical']))
        .code,
    ).toBe(0);
  });

  it('the lame-duck aws:SourceVpc condition of a hub endpoint policy is found', async () => {
    const r = await run([
      'lint',
      fixture('policy-vpce-sourcevpc.json'),
      '--type',
      'vpce',
      '--hub-endpoint',
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(0);
    const out = parseStdout<LintJson>(r);
    expect(out.findings.some((f) => f.message.includes('aws:SourceVpc'))).toBe(true);
  });
});
