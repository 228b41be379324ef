// The example access scopes shipped in examples/scopes/ run on the demo estate with the answers
// the README promises.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

interface Findings {
  AnalysisFindings: { FindingComponents: { Component: { Id: string } }[] }[];
}

async function scope(file: string): Promise<string[][]> {
  const r = await runCli(['scope', `examples/scopes/${file}`]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as Findings).AnalysisFindings.map((f) => f.FindingComponents.map((c) => c.Component.Id));
}

describe('examples/scopes on the demo estate', () => {
  it('igw-ingress: the SSH box, the ALB and the web instance behind it', async () => {
    expect((await scope('igw-ingress.json')).map((p) => p.at(-1))).toEqual([
      'i-0c1d2e3f4a5b6c7d8',
      'arn:aws:elasticloadbalancing:us-east-1:444444444444:loadbalancer/app/sandbox-web-alb/8f2c6e1d0b3a4c57',
      'i-0165f673b344f14a8',
    ]);
  });

  it('demo-sqs-through-hub-endpoint: only shared-services reaches SQS around the hub endpoint (seed 004)', async () => {
    const paths = await scope('demo-sqs-through-hub-endpoint.json');
    expect(paths).toHaveLength(1);
    expect(paths[0]?.[0]).toBe('i-0aea759b1be845868');
    expect(paths[0]).toContain('nat-035e68f5d0ae0b074');
    expect(paths[0]?.at(-1)).toBe('com.amazonaws.us-east-1.sqs');
  });

  it('vpc-egress: every sandbox host with a path to the internet gateway', async () => {
    expect((await scope('vpc-egress.json')).map((p) => p[0]).sort()).toEqual([
      'eni-05e533b585d4529e5',
      'eni-092fc000a8c60393c',
      'i-00bcaca882b41dda2',
      'i-0165f673b344f14a8',
      'i-0c1d2e3f4a5b6c7d8',
    ]);
  });
});
