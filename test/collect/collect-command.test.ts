import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeRegionsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { awsError } from './helpers.js';

const ACCOUNT = '111122223333';
const ec2 = mockClient(EC2Client);
const sts = mockClient(STSClient);
/** Every other service answers with empty results. */
const quiet: { onAnyCommand(): { resolves(v: object): unknown }; reset(): void }[] = [
  mockClient(ElasticLoadBalancingV2Client),
  mockClient(IAMClient),
  mockClient(RDSClient),
  mockClient(Route53Client),
];
const mocks = [ec2, ...quiet];
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perimeter-collect-cli-'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  vi.stubEnv('CI', 'true');
  // the SDK's one-time notice about Node 20 (process.emitWarning → stderr) is not ours to assert
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
  ec2.onAnyCommand().resolves({});
  for (const m of quiet) m.onAnyCommand().resolves({});
  sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor` });
  ec2.on(DescribeRegionsCommand).resolves({
    Regions: [
      { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
    ],
  });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const m of [...mocks, sts]) m.reset();
  await rm(dir, { recursive: true, force: true });
});

describe('perimeter collect (CLI)', () => {
  it('writes the snapshot and prints the JSON summary on stdout, nothing on stderr in CI', async () => {
    ec2.on(DescribeVpcsCommand).callsFake(async (_input, getClient) => {
      if ((await getClient().config.region()) === 'eu-west-1')
        throw awsError('UnauthorizedOperation', 'denied', 403);
      return { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', OwnerId: ACCOUNT }] };
    });
    const out = join(dir, 'snap');
    const r = await runCli(['collect', '--out', out, '--regions', 'us-east-1,eu-west-1', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(['accounts', 'calls', 'failures', 'out', 'regions']);
    expect(summary).toMatchObject({
      accounts: [ACCOUNT],
      regions: ['eu-west-1', 'us-east-1'],
      out,
      failures: [
        {
          accountId: ACCOUNT,
          region: 'eu-west-1',
          service: 'ec2',
          operation: 'DescribeVpcs',
          kind: 'access-denied',
          errorCode: 'UnauthorizedOperation',
          message: 'denied',
        },
      ],
    });
    // 1 DescribeRegions + 2 regions × 22 regional collectors that call something with no parents (the
    // 4 per-parent ones have nothing to ask about), minus the failed call, + 2 global (IAM, ListHostedZones)
    expect(summary.calls).toBe(1 + 2 * 22 - 1 + 2);
    expect((await readdir(out)).sort()).toEqual(['accounts', 'collection.json']);
    expect((await readdir(join(out, 'accounts', ACCOUNT))).sort()).toEqual([
      'eu-west-1',
      'global',
      'us-east-1',
    ]);
    const vpcs = JSON.parse(await readFile(join(out, 'accounts', ACCOUNT, 'us-east-1', 'Vpcs.json'), 'utf8'));
    expect(vpcs).toEqual({ Vpcs: [{ CidrBlock: '10.0.0.0/16', OwnerId: ACCOUNT, VpcId: 'vpc-1' }] });
    expect(await readdir(join(out, 'accounts', ACCOUNT, 'eu-west-1'))).not.toContain('Vpcs.json');
  });

  it('scan of the collected snapshot reports the failure as a collection-gap finding', async () => {
    ec2.on(DescribeVpcsCommand).rejects(awsError('UnauthorizedOperation', 'denied', 403));
    const out = join(dir, 'snap');
    expect((await runCli(['collect', '--out', out, '--regions', 'us-east-1'])).code).toBe(0);
    const scan = await runCli(['scan', out, '--format', 'json']);
    const findings = (
      JSON.parse(scan.stdout) as { findings: { ruleId: string; severity: string; message: string }[] }
    ).findings.filter((f) => f.ruleId === 'collection-gap');
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'medium',
        `account ${ACCOUNT}, us-east-1: access denied (UnauthorizedOperation) for ec2:DescribeVpcs — unknown: VPCs; no finding there means "not collected", not "no problem"`,
      ],
    ]);
  });

  it('text summary lists the failures', async () => {
    ec2.on(DescribeVpcsCommand).rejects(awsError('UnauthorizedOperation', 'denied', 403));
    const out = join(dir, 'snap');
    const r = await runCli(['collect', '--out', out, '--regions', 'us-east-1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`collected 1 account, 1 region,`);
    expect(r.stdout).toContain(
      `  ${ACCOUNT} us-east-1 ec2:DescribeVpcs access-denied UnauthorizedOperation: denied\n`,
    );
  });

  it('progress on stderr when it is a terminal and CI is not set; none with --quiet', async () => {
    vi.stubEnv('CI', '');
    const saved = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      const r = await runCli(['collect', '--out', join(dir, 'a'), '--regions', 'us-east-1']);
      expect(r.code).toBe(0);
      // one line redrawn in place (carriage return + erase line); the last shows the finished run
      expect(r.stderr.startsWith('\r\u001b[2Kcollect: accounts 0/1')).toBe(true);
      expect(r.stderr).toMatch(/collect: accounts 1\/1 · regions 2\/2 · calls \d+ · errors 0\n$/);
      const quiet = await runCli(['collect', '--out', join(dir, 'b'), '--regions', 'us-east-1', '--quiet']);
      expect(quiet.stderr).toBe('');
    } finally {
      if (saved) Object.defineProperty(process.stderr, 'isTTY', saved);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });

  it('usage errors exit 2 and name the bad value', async () => {
    expect(await runCli(['collect'])).toMatchObject({
      code: 2,
      stderr: 'perimeter: collect needs --out DIR (the snapshot directory to write)\n',
    });
    const bad = await runCli(['collect', '--out', join(dir, 'x'), '--regions', 'us-east-1,mars']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--regions: "mars" is not a region name');
    const zero = await runCli(['collect', '--out', join(dir, 'x'), '--concurrency', '0']);
    expect(zero).toMatchObject({
      code: 2,
      stderr: 'perimeter: --concurrency "0" is not a whole number between 1 and 256\n',
    });
  });

  it('no usable credentials exit 3 with the STS error', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(awsError('ExpiredToken', 'The security token included in the request is expired', 403));
    const r = await runCli(['collect', '--out', join(dir, 'snap'), '--regions', 'us-east-1']);
    expect(r).toMatchObject({
      code: 3,
      stderr:
        'perimeter: GetCallerIdentity failed: ExpiredToken: The security token included in the request is expired\n',
    });
  });

  it('--print-policy --format json: permission policy from the registry, trust policy for the caller', async () => {
    const r = await runCli(['collect', '--print-policy', '--external-id', 'x-1', '--format', 'json']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as {
      roleName: string;
      memberRoleTrustPolicy: { Statement: { Principal: unknown; Condition: unknown }[] };
      memberRolePermissionPolicy: { Statement: { Action: string[] }[] };
    };
    expect(p.roleName).toBe('PerimeterReadOnly');
    expect(p.memberRoleTrustPolicy.Statement[0]?.Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
    expect(p.memberRoleTrustPolicy.Statement[0]?.Condition).toEqual({
      StringEquals: { 'sts:ExternalId': 'x-1' },
    });
    expect(p.memberRolePermissionPolicy.Statement[0]?.Action[0]).toBe('ec2:DescribeAddresses');
  });
});
