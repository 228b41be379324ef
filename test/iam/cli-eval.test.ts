// `perimeter eval CASE.json`: decision JSON, text rendering, and exit 2 naming file + JSON path.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDirs, writeFileIn } from '../support/temp-dir.js';

const dir = tempDirs('eval')();
const caseFile = (name: string, data: unknown): string => writeFileIn(dir, name, data);

const stolen = {
  request: {
    principal: 'arn:aws:sts::111122223333:assumed-role/app/i-0abc',
    action: 's3:GetObject',
    resource: { resource: 'arn:aws:s3:::data/x', accountId: '111122223333' },
    context: {
      'aws:SourceIp': '192.0.2.66',
      'aws:ViaAWSService': 'false',
      'ec2:SourceInstanceARN': 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc',
      'aws:EC2InstanceSourceVPC': 'vpc-app',
    },
  },
  identityPolicies: [
    {
      name: 'allow-s3',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
    },
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'LockToVpc',
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:SourceVpc': '${aws:EC2InstanceSourceVPC}' },
            Null: { 'ec2:SourceInstanceARN': 'false' },
            BoolIfExists: { 'aws:ViaAWSService': 'false' },
          },
        },
      ],
    },
  ],
  serviceControlPolicies: [
    {
      orgIdentifier: 'r-root',
      policies: [
        {
          name: 'FullAWSAccess',
          policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        },
      ],
    },
  ],
};

describe('perimeter eval', () => {
  it('prints the decision, blockedBy and a per-condition explanation', async () => {
    const run = await runCli(['eval', caseFile('stolen.json', stolen)]);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as {
      decision: string;
      blockedBy: string[];
      explain: {
        set: string;
        policy: string;
        statements: { result: string; conditions: { key: string; result: string; reason: string }[] }[];
      }[];
    };
    expect(r.decision).toBe('ExplicitlyDenied');
    expect(r.blockedBy).toEqual(['identity']);
    expect(r.explain.map((p) => `${p.set}:${p.policy}`)).toEqual([
      'scp:FullAWSAccess',
      'identity:allow-s3',
      'identity:identity-1',
    ]);
    const deny = r.explain[2]!.statements[0]!;
    expect(deny.result).toBe('matched');
    expect(deny.conditions[0]).toMatchObject({
      key: 'aws:SourceVpc',
      result: 'matched',
      reason:
        'matched because the key is missing (StringNotEquals is a negated operator: true when the key is missing)',
    });
  });

  it('renders text', async () => {
    const run = await runCli(['eval', caseFile('stolen2.json', stolen), '--format', 'text']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'decision: ExplicitlyDenied\nblocked by: identity\ndeciding: identity identity-1 statement 0 (LockToVpc) Deny\n',
    );
  });

  it('accepts contextVariables and a string resource', async () => {
    const c = {
      ...stolen,
      request: {
        ...stolen.request,
        resource: 'arn:aws:s3:::data/x',
        context: undefined,
        contextVariables: {
          'aws:SourceVpc': 'vpc-app',
          'ec2:SourceInstanceARN': 'x',
          'aws:EC2InstanceSourceVPC': 'vpc-app',
        },
      },
    };
    const run = await runCli(['eval', caseFile('vars.json', c)]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { decision: string }).decision).toBe('Allowed');
  });

  it('exits 2 naming the file, the JSON path, what was found and expected', async () => {
    const bad = {
      ...stolen,
      identityPolicies: [
        {
          name: 'x',
          policy: { Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] },
        },
      ],
      request: { ...stolen.request, action: 's3:*' },
    };
    const f = caseFile('bad.json', bad);
    const run = await runCli(['eval', f]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `perimeter: ${f}: $.request.action: found "s3:*", expected an action "service:Action" without wildcards\n` +
        `${f}: $.identityPolicies[0].policy.Statement[0].Effect: statement 0: Effect is "Permit", expected "Allow" or "Deny"\n`,
    );
    expect(run.stdout).toBe('');
  });

  it('exits 2 on invalid JSON', async () => {
    const f = caseFile('broken.json', '{"request": ');
    const run = await runCli(['eval', f]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^perimeter: ${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\$: not valid JSON`),
    );
  });
});
