// Collection is bound by AWS API latency: with a fake slow EC2 (20 ms per call), N accounts × R
// regions take about serial time / concurrency, and never more than `concurrency` calls run at once.
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeRegionsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collect } from '../../src/collect/collect.js';
import { subnets } from '../../src/collect/collectors/subnets.js';
import { vpcs } from '../../src/collect/collectors/vpcs.js';
import { assumedRoleCredentials } from './helpers.js';
import { mockOrganization } from './org-fixture.js';

const ec2 = mockClient(EC2Client);
const sts = mockClient(STSClient);
const orgs = mockClient(OrganizationsClient);

const LATENCY_MS = 20;
const REGIONS = ['ap-south-1', 'eu-west-1', 'us-east-1', 'us-west-2', 'sa-east-1'];
let inFlight = 0;
let maxInFlight = 0;

async function slowCall<T>(value: T): Promise<T> {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  await new Promise((r) => setTimeout(r, LATENCY_MS));
  inFlight--;
  return value;
}

beforeEach(() => {
  inFlight = 0;
  maxInFlight = 0;
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDCALLER');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: '111111111111', Arn: 'arn:aws:iam::111111111111:user/a' });
  sts.on(AssumeRoleCommand).resolves(assumedRoleCredentials(''));
  ec2.on(DescribeRegionsCommand).resolves({
    Regions: REGIONS.map((RegionName) => ({ RegionName, OptInStatus: 'opt-in-not-required' })),
  });
  ec2.on(DescribeVpcsCommand).callsFake(() => slowCall({ Vpcs: [] }));
  ec2.on(DescribeSubnetsCommand).callsFake(() => slowCall({ Subnets: [] }));
});

afterEach(() => {
  vi.unstubAllEnvs();
  ec2.reset();
  sts.reset();
  orgs.reset();
});

async function timed(concurrency: number): Promise<{ ms: number; peak: number; slowCalls: number }> {
  maxInFlight = 0;
  orgs.reset();
  mockOrganization(orgs); // fresh paginated answers for each run
  const t0 = performance.now();
  const r = await collect({ org: true, collectors: [subnets, vpcs], concurrency });
  const ms = performance.now() - t0;
  expect(r.manifest.failures).toEqual([]);
  return {
    ms,
    peak: maxInFlight,
    slowCalls: r.manifest.calls.filter((c) => c.operation !== 'DescribeRegions' && c.service === 'ec2')
      .length,
  };
}

describe('concurrency', () => {
  it('3 accounts × 5 regions × 2 collectors (30 calls of 20 ms): serial ≈ 600 ms, concurrency 6 ≈ 100 ms', async () => {
    const serial = await timed(1);
    expect(serial.slowCalls).toBe(30);
    expect(serial.peak).toBe(1);
    expect(serial.ms).toBeGreaterThanOrEqual(30 * LATENCY_MS);

    const parallel = await timed(6);
    expect(parallel.slowCalls).toBe(30);
    expect(parallel.peak).toBe(6); // the bound is reached and never exceeded
    const ideal = serial.ms / 6;
    // ≈ serial / concurrency: at least the ideal (minus timer slack), well under half the serial time
    expect(parallel.ms).toBeGreaterThanOrEqual(ideal * 0.8);
    expect(parallel.ms).toBeLessThan(ideal * 2.5);
    expect(serial.ms / parallel.ms).toBeGreaterThan(2.4);
  });
});
