// `scan --with-policies DIR` applies what `generate` wrote: the IGW and credential findings the
// generated guardrails are meant to close disappear (issue: guardrail generator, demo).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

interface Finding {
  ruleId: string;
  resource: { id: string };
  evidence: { policyId?: string; code?: string };
}
interface Out {
  findings: Finding[];
  suppressed: (Finding & { suppression: { reason: string } })[];
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

const SCP = 'perimeter-generated:ec2-credentials-prod';
const ROLE_POLICY =
  'arn:aws:iam::333333333333:role/prod-app-bound#inline:perimeter-ec2-credentials-prod-app-binding-prod-app-bound';
const generated = (f: Finding) => f.evidence.policyId === SCP || f.evidence.policyId === ROLE_POLICY;
const lameDuck = <T extends Finding>(xs: readonly T[]) =>
  xs.filter((f) => f.ruleId === 'policy-lame-duck-condition');

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

  it('reports the lint codes generate accepted (L7, L9 of the credential binding) as suppressed with its reason, not as findings', () => {
    expect(lameDuck(after.findings).filter(generated)).toEqual([]);
    const accepted = lameDuck(after.suppressed).filter(generated);
    const nat =
      'nat-aware: calls through a NAT are allowed per VPC by the NotIpAddressIfExists statements; other non-endpoint paths (e.g. an instance public IP) are denied on purpose';
    const own =
      "aws:SourceVpc is compared with the credentials' own ${aws:EC2InstanceSourceVPC}, not with a literal VPC id; the private address must match too";
    const by = (name: string, reason: string) => `accepted by perimeter generate (${name}): ${reason}`;
    expect(
      [
        ...new Set(
          accepted.map((s) => JSON.stringify([s.evidence.policyId, s.evidence.code, s.suppression.reason])),
        ),
      ]
        .sort()
        .map((x) => JSON.parse(x) as unknown),
    ).toEqual([
      [ROLE_POLICY, 'L7', by('ec2-credentials-prod-app-binding-prod-app-bound', own)],
      [ROLE_POLICY, 'L9', by('ec2-credentials-prod-app-binding-prod-app-bound', nat)],
      [SCP, 'L7', by('ec2-credentials-prod', own)],
      [SCP, 'L9', by('ec2-credentials-prod', nat)],
    ]);
    expect(accepted).toHaveLength(12);
    // The snapshot's own (not generated) lame-duck policies are still findings.
    expect(lameDuck(after.findings).map((f) => f.evidence.policyId)).toEqual([
      'arn:aws:iam::444444444444:role/sandbox-web#inline:caller-based-lock',
      'arn:aws:iam::333333333333:role/prod-app-bound#inline:ec2-credential-binding',
      'arn:aws:iam::333333333333:role/prod-app-bound#inline:ec2-credential-binding',
    ]);
  });

  it('still reports a code generate did not accept (L10 injected into the generated SCP)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perimeter-with-policies-l10-'));
    try {
      const gen = await runCli(['generate', '--config', 'examples/demo/perimeter.yaml', '--out', dir]);
      expect(gen.code).toBe(0);
      const file = join(dir, 'ec2-credentials-prod.json');
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { Statement: unknown[] };
      doc.Statement.push({
        Sid: 'Injected',
        Effect: 'Deny',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      });
      writeFileSync(file, JSON.stringify(doc));
      const r = await runCli(['scan', '--format', 'json', '--today', '2026-11-23', '--with-policies', dir]);
      const j = JSON.parse(r.stdout) as Out;
      expect(
        lameDuck(j.findings)
          .filter(generated)
          .map((f) => [f.evidence.policyId, f.evidence.code]),
      ).toEqual([[SCP, 'L10']]);
      expect(lameDuck(j.suppressed).filter(generated)).toHaveLength(12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
