// `perimeter simulate` on a snapshot directory (the test estate written in the snapshot layout) and
// `perimeter lint` exit codes.
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/run-cli.js';
import { tempDirs, writeFileIn } from '../support/temp-dir.js';
import { BOUND, docs } from './estate-fixture.js';

const root = tempDirs('sim')();
for (const d of docs({ org: true })) {
  const file = d.file.startsWith('organization/')
    ? d.file
    : [
        'accounts',
        d.accountId ?? '111122223333',
        d.region === 'global' ? 'global' : (d.region ?? 'us-east-1'),
        d.file.replace(/\//g, '-'),
      ].join('/');
  writeFileIn(root, file, d.data);
}

/** `perimeter simulate` on the test estate for sqs:SendMessage. */
function simulate(principal: string, resource: string, ...rest: string[]): Promise<CliRun> {
  const request = ['--principal', principal, '--action', 'sqs:SendMessage', '--resource', resource];
  return runCli(['simulate', root, ...request, ...rest]);
}

describe('perimeter simulate', () => {
  it('prints path → decision as JSON', async () => {
    const run = await simulate(BOUND, 'arn:aws:sqs:us-east-1:111122223333:q', '--format', 'json');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as { rows: { path: string; decision: string }[] };
    expect(r.rows.map((x) => `${x.path}=${x.decision}`)).toEqual([
      'i-bound/vpce-app-sqs=Allowed',
      'i-bound/nat-1=ExplicitlyDenied',
      'aws-service=Allowed',
      'stolen/internet=ExplicitlyDenied',
      'stolen/attacker-account=ExplicitlyDenied',
    ]);
  });

  it('exits 2 for a principal that is not in the estate', async () => {
    const run = await simulate('arn:aws:iam::111122223333:role/ghost', '*');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--principal "arn:aws:iam::111122223333:role/ghost" is not an IAM role or user in the snapshot',
    );
  });
});

describe('perimeter lint', () => {
  const file = writeFileIn(root, 'policy.json', {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } },
      },
    ],
  });

  it('exits 0 below --fail-on high (L4 is medium without endpoint context)', async () => {
    const run = await runCli(['lint', file, '--type', 'vpce', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(
      (JSON.parse(run.stdout) as { findings: { code: string; severity: string }[] }).findings.map(
        (f) => `${f.code}/${f.severity}`,
      ),
    ).toEqual(['L4/medium']);
  });

  it('exits 1 when a finding reaches --fail-on', async () => {
    const hub = await runCli(['lint', file, '--type', 'vpce', '--hub-endpoint']);
    expect(hub.code).toBe(1);
    expect(hub.stdout).toContain('high L4 $.Statement[0].Condition.StringEquals["aws:SourceVpc"]');
    const medium = await runCli(['lint', file, '--type', 'vpce', '--fail-on', 'medium']);
    expect(medium.code).toBe(1);
    const none = await runCli(['lint', file, '--type', 'vpce', '--hub-endpoint', '--fail-on', 'none']);
    expect(none.code).toBe(0);
  });

  it('exits 2 for an unknown --type', async () => {
    const run = await runCli(['lint', file, '--type', 'bucket']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'perimeter: --type "bucket" is not supported (expected one of: identity, resource, trust, scp, rcp, vpce, boundary, session)\n',
    );
  });
});
