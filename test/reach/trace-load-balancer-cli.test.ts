// `perimeter trace` to and through load balancers end to end through main(): the documented JSON
// (viaLoadBalancers), --through-lb, and usage errors (exit 2) for an ambiguous load balancer name.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RawDocument } from '../../src/estate/build.js';
import { runCli } from '../support/run-cli.js';
import { tempDirs, writeFileIn } from '../support/temp-dir.js';

const ALB =
  'arn:aws:elasticloadbalancing:us-east-1:444444444444:loadbalancer/app/sandbox-web-alb/8f2c6e1d0b3a4c57';
const tempDir = tempDirs('trace-lb');

/** The load-balancer-trace scenario written as a snapshot directory (accounts/<id>/<region>/). */
function scenarioSnapshot(): string {
  const s = parse(readFileSync(join('test', 'scenarios', 'reach', 'load-balancer-trace.yaml'), 'utf8')) as {
    documents: RawDocument[];
  };
  const root = tempDir();
  for (const d of s.documents) {
    const dir = join(root, 'accounts', d.accountId!, d.region!);
    mkdirSync(dir, { recursive: true });
    writeFileIn(dir, d.file, d.data);
  }
  return root;
}

describe('perimeter trace with load balancers', () => {
  it('--to the demo ALB by name prints the documented JSON, ending at the listener', async () => {
    const run = await runCli([
      'trace',
      '--from',
      'internet',
      '--to',
      'sandbox-web-alb',
      '--protocol',
      'tcp',
      '--port',
      '443',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['disposition', 'hops', 'blockedBy', 'flow']);
    expect(j.disposition).toBe('accepted');
    expect((j.hops as string[]).slice(-2)).toEqual([
      ALB,
      'arn:aws:elasticloadbalancing:us-east-1:444444444444:listener/app/sandbox-web-alb/8f2c6e1d0b3a4c57/6d1e0a9b8c7f5e43',
    ]);
  });

  it('--through-lb to the demo target prints viaLoadBalancers with the documented keys', async () => {
    const run = await runCli([
      'trace',
      '--from',
      'internet',
      '--to',
      'i-0165f673b344f14a8',
      '--protocol',
      'tcp',
      '--port',
      '443',
      '--through-lb',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout) as { disposition: string; viaLoadBalancers: Record<string, unknown>[] };
    expect(j.disposition).toBe('denied-in');
    expect(j.viaLoadBalancers.map((v) => Object.keys(v))).toEqual([
      [
        'loadBalancerArn',
        'listenerArn',
        'targetGroupArn',
        'targetId',
        'targetPort',
        'disposition',
        'hops',
        'blockedBy',
      ],
    ]);
    expect(j.viaLoadBalancers[0]).toMatchObject({
      loadBalancerArn: ALB,
      targetPort: 80,
      disposition: 'accepted',
      blockedBy: [],
    });
  });

  it('text output names the path through the load balancer', async () => {
    const run = await runCli([
      'trace',
      '--from',
      'internet',
      '--to',
      'i-0165f673b344f14a8',
      '--protocol',
      'tcp',
      '--port',
      '443',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `through ${ALB} → arn:aws:elasticloadbalancing:us-east-1:444444444444:targetgroup/sandbox-web-tg/3c9a1f7e5b2d4068 → i-0165f673b344f14a8:80: accepted`,
    );
  });

  it('an ambiguous load balancer name exits 2 and lists the candidates', async () => {
    const run = await runCli([
      'trace',
      scenarioSnapshot(),
      '--from',
      'internet',
      '--to',
      'dup',
      '--protocol',
      'tcp',
      '--port',
      '80',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '--to dup: 2 load balancers are named "dup"; give the ARN or DNS name of one of them: arn:aws:elasticloadbalancing:us-east-1:777777777777:loadbalancer/net/dup/eeee5555, arn:aws:elasticloadbalancing:us-east-1:888888888888:loadbalancer/net/dup/ffff6666',
    );
    expect(run.stderr).not.toContain('    at ');
  });

  it('--through-lb from inside the estate exits 2', async () => {
    const run = await runCli([
      'trace',
      '--from',
      'i-0c1d2e3f4a5b6c7d8',
      '--to',
      'i-0165f673b344f14a8',
      '--protocol',
      'tcp',
      '--port',
      '80',
      '--through-lb',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--through-lb traces from the internet through load balancers');
  });
});
