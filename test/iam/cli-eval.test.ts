// `perimeter eval CASE.json`: decision JSON, text rendering, and exit 2 naming file + JSON path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (s: string | Uint8Array) => ((out += String(s)), true),
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (s: string | Uint8Array) => ((err += String(s)), true),
  );
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const dir = mkdtempSync(join(tmpdir(), 'perimeter-eval-'));
function caseFile(name: string, data: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, typeof data === 'string' ? data : JSON.stringify(data));
  return f;
}

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
    expect(await main(['eval', caseFile('stolen.json', stolen)])).toBe(0);
    const r = JSON.parse(out) as {
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
    expect(await main(['eval', caseFile('stolen2.json', stolen), '--format', 'text'])).toBe(0);
    expect(out).toContain(
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
    expect(await main(['eval', caseFile('vars.json', c)])).toBe(0);
    expect((JSON.parse(out) as { decision: string }).decision).toBe('Allowed');
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
    expect(await main(['eval', f])).toBe(2);
    expect(err).toBe(
      `perimeter: ${f}: $.request.action: found "s3:*", expected an action "service:Action" without wildcards\n` +
        `${f}: $.identityPolicies[0].policy.Statement[0].Effect: statement 0: Effect is "Permit", expected "Allow" or "Deny"\n`,
    );
    expect(out).toBe('');
  });

  it('exits 2 on invalid JSON', async () => {
    const f = caseFile('broken.json', '{"request": ');
    expect(await main(['eval', f])).toBe(2);
    expect(err).toMatch(
      new RegExp(`^perimeter: ${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\$: not valid JSON`),
    );
  });
});
