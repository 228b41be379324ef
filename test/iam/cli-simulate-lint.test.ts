// `perimeter simulate` on a snapshot directory (the test estate written in the snapshot layout) and
// `perimeter lint` exit codes.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { BOUND, docs } from './estate-fixture.js';

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

const root = mkdtempSync(join(tmpdir(), 'perimeter-sim-'));
for (const d of docs({ org: true })) {
  const file = d.file.startsWith('organization/')
    ? join(root, d.file)
    : join(
        root,
        'accounts',
        d.accountId ?? '111122223333',
        d.region === 'global' ? 'global' : (d.region ?? 'us-east-1'),
        d.file.replace(/\//g, '-'),
      );
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(d.data));
}

describe('perimeter simulate', () => {
  it('prints path → decision as JSON', async () => {
    expect(
      await main([
        'simulate',
        root,
        '--principal',
        BOUND,
        '--action',
        'sqs:SendMessage',
        '--resource',
        'arn:aws:sqs:us-east-1:111122223333:q',
        '--format',
        'json',
      ]),
    ).toBe(0);
    const r = JSON.parse(out) as { rows: { path: string; decision: string }[] };
    expect(r.rows.map((x) => `${x.path}=${x.decision}`)).toEqual([
      'i-bound/vpce-app-sqs=Allowed',
      'i-bound/nat-1=ExplicitlyDenied',
      'aws-service=Allowed',
      'stolen/internet=ExplicitlyDenied',
      'stolen/attacker-account=ExplicitlyDenied',
    ]);
  });

  it('exits 2 for a principal that is not in the estate', async () => {
    expect(
      await main([
        'simulate',
        root,
        '--principal',
        'arn:aws:iam::111122223333:role/ghost',
        '--action',
        'sqs:SendMessage',
        '--resource',
        '*',
      ]),
    ).toBe(2);
    expect(err).toContain(
      '--principal "arn:aws:iam::111122223333:role/ghost" is not an IAM role or user in the snapshot',
    );
  });
});

describe('perimeter lint', () => {
  const file = join(root, 'policy.json');
  writeFileSync(
    file,
    JSON.stringify({
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
    }),
  );

  it('exits 0 below --fail-on high (L4 is medium without endpoint context)', async () => {
    expect(await main(['lint', file, '--type', 'vpce', '--format', 'json'])).toBe(0);
    expect(
      (JSON.parse(out) as { findings: { code: string; severity: string }[] }).findings.map(
        (f) => `${f.code}/${f.severity}`,
      ),
    ).toEqual(['L4/medium']);
  });

  it('exits 1 when a finding reaches --fail-on', async () => {
    expect(await main(['lint', file, '--type', 'vpce', '--hub-endpoint'])).toBe(1);
    expect(out).toContain('high L4 $.Statement[0].Condition.StringEquals["aws:SourceVpc"]');
    process.exitCode = undefined;
    expect(await main(['lint', file, '--type', 'vpce', '--fail-on', 'medium'])).toBe(1);
    process.exitCode = undefined;
    expect(await main(['lint', file, '--type', 'vpce', '--hub-endpoint', '--fail-on', 'none'])).toBe(0);
  });

  it('exits 2 for an unknown --type', async () => {
    expect(await main(['lint', file, '--type', 'bucket'])).toBe(2);
    expect(err).toBe(
      'perimeter: --type "bucket" is not supported (expected one of: identity, resource, trust, scp, rcp, vpce, boundary, session)\n',
    );
  });
});
