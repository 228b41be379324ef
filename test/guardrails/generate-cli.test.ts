import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const root = join(import.meta.dirname, '..', '..');
const demo = join(root, 'examples', 'demo');
const out = mkdtempSync(join(tmpdir(), 'perimeter-generate-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('perimeter generate on the demo estate', () => {
  it('writes the seven policies that close the demo findings, each with its proof, exit 0', async () => {
    const dir = join(out, 'tf');
    const r = await runCli([
      'generate',
      '--config',
      join(demo, 'perimeter.yaml'),
      '--out',
      dir,
      '--format',
      'terraform',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^7 policies, \d+ scenarios proven with the IAM engine, 16 files written to /,
    );
    expect(readdirSync(dir).sort()).toEqual([
      'caller-lock-sandbox-ssh-box.json',
      'caller-lock-sandbox-ssh-box.proof.md',
      'caller-lock-sandbox-web.json',
      'caller-lock-sandbox-web.proof.md',
      'ec2-credentials-prod-app-binding-prod-app-bound.json',
      'ec2-credentials-prod-app-binding-prod-app-bound.proof.md',
      'ec2-credentials-prod.json',
      'ec2-credentials-prod.proof.md',
      'endpoint-sqs-vpc-08cd7fa2072baf59c.json',
      'endpoint-sqs-vpc-08cd7fa2072baf59c.proof.md',
      'manifest.json',
      'no-internet-ingress.json',
      'no-internet-ingress.proof.md',
      'peering-trusted-accounts.json',
      'peering-trusted-accounts.proof.md',
      'terraform',
    ]);
    // The analytics account has no IGW SCP in the demo: the generated one covers it and Prod.
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      policies: { name: string; attachment: { targetIds?: string[] } }[];
    };
    expect(manifest.policies.find((p) => p.name === 'no-internet-ingress')!.attachment.targetIds).toEqual([
      '555555555555',
      'ou-a1b2-p4r0d7x2',
    ]);
    // The vendor 999999999999 is outside the organization and not trusted: its VPCs are not in the peering SCP.
    const peering = readFileSync(join(dir, 'peering-trusted-accounts.json'), 'utf8');
    expect(peering).not.toContain('999999999999');
    expect(peering).toContain('"arn:aws:ec2:*:444444444444:vpc/*"');
    // The hub SQS endpoint's current policy (aws:SourceVpc = a spoke: a lame duck) blocks prod-app; the generated one allows it.
    const proof = readFileSync(join(dir, 'endpoint-sqs-vpc-08cd7fa2072baf59c.proof.md'), 'utf8');
    expect(proof).toContain(
      '| allow — workload prod-app: its VPC, its resource | Allowed | ImplicitlyDenied (vpce) | Allowed | Allowed | ✓ |',
    );
    // prod-app leaves through the hub's transit gateway and NAT (centralized egress): the nat-aware
    // binding allows that NAT address, and the hub endpoint VPC of the SQS endpoint policy.
    const binding = JSON.parse(
      readFileSync(join(dir, 'ec2-credentials-prod-app-binding-prod-app-bound.json'), 'utf8'),
    ) as {
      Statement: { Sid: string; Condition: Record<string, Record<string, unknown>> }[];
    };
    const nat = binding.Statement.find((s) => s.Sid === 'DenyEc2CredentialsOutsideOwnVpcOrNat1')!;
    expect(nat.Condition['NotIpAddressIfExists']).toEqual({ 'aws:SourceIp': ['44.206.118.54/32'] });
    expect(nat.Condition['StringNotEquals']).toEqual({
      'aws:SourceVpc': ['${aws:EC2InstanceSourceVPC}', 'vpc-08cd7fa2072baf59c'],
    });
    expect(readFileSync(join(dir, 'terraform', 'perimeter-guardrails.tf'), 'utf8')).toContain(
      'resource "aws_organizations_policy_attachment" "no_internet_ingress_555555555555" {',
    );
  });

  it('same intent, same bytes', async () => {
    const a = join(out, 'a');
    const b = join(out, 'b');
    await runCli(['generate', '--config', join(demo, 'perimeter.yaml'), '--out', a]);
    await runCli(['generate', '--config', join(demo, 'perimeter.yaml'), '--out', b, '--snapshot', demo]);
    for (const f of readdirSync(a))
      expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'));
  });

  it('exit 2 naming the problem for an unknown format and for an intent that cannot be met', async () => {
    const bad = await runCli([
      'generate',
      '--config',
      join(demo, 'perimeter.yaml'),
      '--out',
      join(out, 'x'),
      '--format',
      'pulumi',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'perimeter: --format "pulumi" is not supported (expected one of: json, cloudformation, terraform, cdk)\n',
    );
    const config = join(out, 'ghost.yaml');
    writeFileSync(config, 'guardrails:\n  callerLock:\n    - role: ghost-role\n');
    const r = await runCli(['generate', '--config', config, '--out', join(out, 'y'), '--snapshot', demo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^perimeter: .*ghost\.yaml: cannot generate guardrails: guardrails\.callerLock: role ghost-role is not in the snapshot \(roles: /,
    );
  });
});
