// `scan --with-policies DIR` applies what `generate` wrote: the IGW and credential findings the
// generated guardrails are meant to close disappear (issue: guardrail generator, demo).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

interface Out {
  findings: { ruleId: string; resource: { id: string } }[];
}

const out = mkdtempSync(join(tmpdir(), 'perimeter-with-policies-'));
let before: Out;
let after: Out;

beforeAll(async () => {
  const gen = await runCli(['generate', '--config', 'examples/demo/perimeter.yaml', '--out', out]);
  expect(gen.code).toBe(0);
  before = JSON.parse((await runCli(['scan', '--format', 'json', '--today', '2026-11-23'])).stdout) as Out;
  const r = await runCli(['scan', '--format', 'json', '--today', '2026-11-23', '--with-policies', out]);
  expect(r.code).toBe(0);
  after = JSON.parse(r.stdout) as Out;
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

const ids = (o: Out, rule: string) => o.findings.filter((f) => f.ruleId === rule).map((f) => f.resource.id);

describe('scan --with-policies', () => {
  it('closes igw-not-prevented for the analytics account', () => {
    expect(ids(before, 'igw-not-prevented')).toEqual(['555555555555']);
    expect(ids(after, 'igw-not-prevented')).toEqual([]);
  });

  it('closes ec2-credentials-unbound for both unbound instance roles', () => {
    expect(ids(before, 'ec2-credentials-unbound')).toEqual([
      'arn:aws:iam::333333333333:role/prod-batch-unbound',
      'arn:aws:iam::444444444444:role/sandbox-ssh-box',
    ]);
    expect(ids(after, 'ec2-credentials-unbound')).toEqual([]);
  });

  it('leaves what an SCP cannot undo: the existing cross-org peerings', () => {
    expect(ids(after, 'cross-org-peering')).toEqual(ids(before, 'cross-org-peering'));
    expect(ids(after, 'cross-org-peering')).toHaveLength(2);
  });

  it('rejects a directory that is not generate output', async () => {
    const r = await runCli(['scan', '--with-policies', tmpdir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no manifest.json (expected the --out directory of perimeter generate)');
  });
});
