// The seed-003 story on the bundled demo estate (examples/demo, `perimeter simulate` without a
// SNAPSHOT argument): the role without a binding policy is usable from anywhere; the role bound by
// the seed-001 policy is denied from the internet and from other VPCs, and — the documented side
// effect (DOMAIN.md §4) — also when its own instance egresses through a NAT.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

async function simulateDemo(role: string): Promise<Record<string, string[]>> {
  const run = await runCli([
    'simulate',
    '--principal',
    `arn:aws:iam::333333333333:role/${role}`,
    '--action',
    'sqs:SendMessage',
    '--resource',
    'arn:aws:sqs:us-east-1:333333333333:orders',
    '--format',
    'json',
  ]);
  expect(run.code).toBe(0);
  const r = JSON.parse(run.stdout) as { rows: { kind: string; decision: string }[] };
  const byKind: Record<string, string[]> = {};
  for (const row of r.rows) (byKind[row.kind] ??= []).push(row.decision);
  return byKind;
}

describe('simulate on the demo estate', () => {
  it('prod-batch-unbound: stolen credentials work from the internet and from an attacker account', async () => {
    const r = await simulateDemo('prod-batch-unbound');
    expect(r['stolen-internet']).toEqual(['Allowed']);
    expect(r['attacker-account']).toEqual(['Allowed']);
    expect(r['own-internet']).toEqual(['Allowed']);
  });

  it('prod-app-bound: denied from the internet, another VPC, and through its own NAT', async () => {
    const r = await simulateDemo('prod-app-bound');
    expect(r['stolen-internet']).toEqual(['ExplicitlyDenied']);
    expect(r['attacker-account']).toEqual(['ExplicitlyDenied']);
    expect(r['own-internet']).toEqual(['ExplicitlyDenied', 'ExplicitlyDenied']);
    // Centralized endpoints: aws:SourceVpc is the hub VPC, never the instance's (DOMAIN.md §1).
    expect(r['hub-endpoint']).toEqual(['ExplicitlyDenied', 'ExplicitlyDenied']);
    expect(r['aws-service']).toEqual(['Allowed']);
  });
});
