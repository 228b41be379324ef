// DESIGN.md "Command-line contract": exit codes 0 ok, 1 findings, 2 usage/input error (message names
// the problem, never a stack trace), 3 runtime error — checked for every registered command.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { demoIds } from '../examples/demo-expected.js';
import {
  expectNoStackTrace,
  expectUsageError,
  fixture,
  makeSnapshot,
  missingSnapshot,
  run,
  sharedFixture,
  tempDir,
} from './helpers.js';

/** Every command DESIGN.md lists (events = events replay). */
const designCommands = [
  'scan',
  'exposure',
  'egress',
  'trace',
  'scope',
  'inventory',
  'simulate',
  'eval',
  'lint',
  'generate',
  'events',
  'reconcile',
  'race',
  'collect',
] as const;

const registered = new Set(buildProgram().commands.map((c) => c.name()));

const ssh = demoIds.instances.sshBox;
const simArgs = [
  '--principal',
  demoIds.roles.prodAppBound,
  '--action',
  'sqs:SendMessage',
  '--resource',
  'arn:aws:sqs:us-east-1:333333333333:orders',
];
const trail = sharedFixture(
  'cloudtrail-invictus/CloudTrail/218007301253_CloudTrail_us-east-1_20230710T1145Z_7xgocspSowgK0Gto.json',
);

/** A valid invocation of each command (on the demo estate), to which a bad flag is added. */
const validArgs: Record<string, string[]> = {
  scan: ['scan'],
  exposure: ['exposure'],
  egress: ['egress'],
  trace: ['trace', '--from', 'internet', '--to', ssh, '--protocol', 'tcp', '--port', '22'],
  scope: ['scope', fixture('scope-igw-ingress.json')],
  inventory: ['inventory'],
  simulate: ['simulate', ...simArgs],
  eval: ['eval', fixture('eval-allowed.json')],
  lint: ['lint', fixture('policy-identity.json'), '--type', 'identity'],
  generate: ['generate', '--config', `${'examples/demo'}/perimeter.yaml`, '--out', '/dev/null/never'],
  events: ['events', 'replay', trail],
  reconcile: ['reconcile'],
  race: ['race'],
  collect: ['collect', '--print-policy', '--collector-account', '111122223333'],
};

/** Commands that take a SNAPSHOT: argv with a snapshot path that does not exist. */
const withMissingSnapshot: Record<string, string[]> = {
  scan: ['scan', missingSnapshot],
  exposure: ['exposure', missingSnapshot],
  egress: ['egress', missingSnapshot],
  trace: ['trace', missingSnapshot, '--from', 'internet', '--to', ssh, '--protocol', 'tcp', '--port', '22'],
  scope: ['scope', missingSnapshot, fixture('scope-igw-ingress.json')],
  inventory: ['inventory', missingSnapshot],
  simulate: ['simulate', missingSnapshot, ...simArgs],
  reconcile: ['reconcile', missingSnapshot],
};

/** Commands with --format: argv with an unsupported format. */
const withBadFormat: Record<string, string[]> = {
  scan: ['scan', '--format', 'xml'],
  exposure: ['exposure', '--format', 'xml'],
  egress: ['egress', '--format', 'xml'],
  trace: ['trace', '--from', 'internet', '--to', ssh, '--protocol', 'tcp', '--port', '22', '--format', 'xml'],
  inventory: ['inventory', '--format', 'xml'],
  simulate: ['simulate', ...simArgs, '--format', 'xml'],
  eval: ['eval', fixture('eval-allowed.json'), '--format', 'xml'],
  lint: ['lint', fixture('policy-identity.json'), '--type', 'identity', '--format', 'xml'],
  events: ['events', 'replay', trail, '--format', 'xml'],
  reconcile: ['reconcile', '--format', 'xml'],
  collect: ['collect', '--print-policy', '--collector-account', '111122223333', '--format', 'xml'],
  ...(registered.has('race') ? { race: ['race', '--trials', '10', '--format', 'xml'] } : {}),
};

describe('contract: the program', () => {
  it('registers every command DESIGN.md lists', () => {
    expect(designCommands.filter((c) => !registered.has(c))).toEqual([]);
  });

  it('unknown command → exit 2 naming it', async () => {
    expectUsageError(await run(['frobnicate']), 'frobnicate');
  });

  it('`events` without a subcommand → exit 2 naming what is missing', async () => {
    expectUsageError(await run(['events']), 'subcommand');
  });

  it('`events audit DIR` → exit 2 naming the path', async () => {
    const dir = tempDir('audit-dir');
    expectUsageError(await run(['events', 'audit', dir]), dir);
  });

  it('unknown events subcommand → exit 2 naming it', async () => {
    expectUsageError(await run(['events', 'frob']), 'frob');
  });

  it('too many arguments → exit 2', async () => {
    for (const cmd of ['scan', 'exposure', 'egress', 'inventory', 'reconcile']) {
      expectUsageError(await run([cmd, 'examples/demo', 'extra-argument']), 'too many arguments');
    }
  });

  it('--version and --help → exit 0, output on stdout', async () => {
    const v = await run(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = await run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Usage: perimeter');
  });

  it('`perimeter` with no command prints help on stderr and exits 2 (a usage error)', async () => {
    const r = await run([]);
    expectUsageError(r, 'Usage: perimeter');
  });
});

describe('contract: unknown flag → exit 2 naming the flag', () => {
  for (const name of designCommands) {
    if (!registered.has(name)) {
      it.todo(`${name}: not registered yet`);
      continue;
    }
    it(name, async () => {
      const args = [...validArgs[name]!];
      // insert right after the command word(s)
      args.splice(name === 'events' ? 2 : 1, 0, '--no-such-flag');
      expectUsageError(await run(args), '--no-such-flag');
    });
  }
});

describe('contract: a missing snapshot path → exit 2 naming the path', () => {
  for (const [name, args] of Object.entries(withMissingSnapshot)) {
    it(name, async () => {
      expectUsageError(await run(args), missingSnapshot);
    });
  }

  it('generate --snapshot MISSING', async () => {
    const out = tempDir('gen-missing');
    expectUsageError(
      await run([
        'generate',
        '--config',
        'examples/demo/perimeter.yaml',
        '--out',
        out,
        '--snapshot',
        missingSnapshot,
      ]),
      missingSnapshot,
    );
  });

  it('events replay --snapshot MISSING', async () => {
    expectUsageError(await run(['events', 'replay', trail, '--snapshot', missingSnapshot]), missingSnapshot);
  });
});

describe('contract: a malformed snapshot → exit 2 naming the file', () => {
  const snap = makeSnapshot({
    'accounts/111122223333/us-east-1/vpcs.json': '{"Vpcs": [ {"VpcId": ',
    'accounts/111122223333/us-east-1/subnets.json': { Subnets: 'not a list' },
  });
  for (const cmd of ['scan', 'exposure', 'egress', 'inventory', 'reconcile']) {
    it(cmd, async () => {
      const r = await run([cmd, snap]);
      expectUsageError(r, 'vpcs.json');
      // one bad file never hides the rest
      expect(r.stderr).toContain('subnets.json');
    });
  }
});

describe('contract: unsupported --format value → exit 2 naming the value', () => {
  for (const [name, args] of Object.entries(withBadFormat)) {
    it(name, async () => {
      expectUsageError(await run(args), '"xml"');
    });
  }
});

describe('contract: input errors name the problem (exit 2, no stack trace)', () => {
  const cases: [string, string[], string][] = [
    ['scan --fail-on severe', ['scan', '--fail-on', 'severe'], 'severe'],
    ['scan --pack nope', ['scan', '--pack', 'nope'], 'nope'],
    [
      'scan --config MISSING',
      ['scan', '--config', '/nonexistent/perimeter.yaml'],
      '/nonexistent/perimeter.yaml',
    ],
    ['eval MISSING', ['eval', fixture('no-such-case.json')], 'no-such-case.json'],
    ['eval NOT-JSON', ['eval', fixture('not-json.txt')], 'not-json.txt'],
    ['eval bad operator', ['eval', fixture('eval-unknown-operator.json')], 'IpAddressSomehow'],
    ['lint MISSING', ['lint', fixture('no-such-policy.json'), '--type', 'identity'], 'no-such-policy.json'],
    ['lint --type wat', ['lint', fixture('policy-identity.json'), '--type', 'wat'], '"wat"'],
    [
      'lint --fail-on severe',
      ['lint', fixture('policy-identity.json'), '--type', 'identity', '--fail-on', 'severe'],
      'severe',
    ],
    [
      'simulate unknown principal',
      [
        'simulate',
        '--principal',
        'arn:aws:iam::333333333333:role/nobody',
        '--action',
        'sqs:SendMessage',
        '--resource',
        '*',
      ],
      'role/nobody',
    ],
    [
      'simulate bad action',
      ['simulate', '--principal', demoIds.roles.prodAppBound, '--action', 'notanaction', '--resource', '*'],
      'notanaction',
    ],
    [
      'simulate missing --action',
      ['simulate', '--principal', demoIds.roles.prodAppBound, '--resource', '*'],
      '--action',
    ],
    ['events replay MISSING', ['events', 'replay', '/nonexistent/trail.json'], '/nonexistent/trail.json'],
    ['events audit MISSING', ['events', 'audit', '/nonexistent/audit.jsonl'], '/nonexistent/audit.jsonl'],
    ['reconcile --now yesterday', ['reconcile', '--now', 'yesterday'], 'yesterday'],
    ['reconcile SNAPSHOT --live', ['reconcile', 'examples/demo', '--live'], '--live'],
    [
      'generate --config MISSING',
      ['generate', '--config', '/nonexistent/perimeter.yaml', '--out', '/tmp/x'],
      '/nonexistent/perimeter.yaml',
    ],
    ['generate missing --out', ['generate', '--config', 'examples/demo/perimeter.yaml'], '--out'],
    ['collect without --out', ['collect'], '--out'],
    ['collect --concurrency 0', ['collect', '--out', '/tmp/x', '--concurrency', '0'], '--concurrency'],
    ['collect --collector-account abc', ['collect', '--print-policy', '--collector-account', 'abc'], '"abc"'],
  ];
  for (const [title, args, mention] of cases) {
    it(title, async () => {
      expectUsageError(await run(args), mention);
    });
  }

  it('events replay NOT-JSON → exit 2 naming the file (fixed in c7738a3)', async () => {
    expectUsageError(await run(['events', 'replay', fixture('not-json.txt')]), 'not-json.txt');
  });

  it('events replay of JSON that is not CloudTrail → exit 2 naming the file', async () => {
    expectUsageError(
      await run(['events', 'replay', fixture('policy-identity.json')]),
      'policy-identity.json',
    );
  });

  it('a malformed intent file → exit 2 naming the file', async () => {
    const r = await run(['scan', '--config', fixture('intent-bad-yaml.txt')]);
    expectUsageError(r, 'intent-bad-yaml.txt');
  });

  it('an intent file with wrong types → exit 2 naming the file and the field', async () => {
    const r = await run(['scan', '--config', fixture('intent-wrong-type.yaml')]);
    expectUsageError(r, 'intent-wrong-type.yaml');
    expect(r.stderr).toContain('trustedCidrs');
  });

  it('usage errors never print a stack trace, even for a directory given as a file', async () => {
    const dir = tempDir('dir-as-file');
    for (const args of [
      ['eval', dir],
      ['lint', dir, '--type', 'identity'],
      ['scope', 'examples/demo', dir],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expectNoStackTrace(r);
    }
  });
});

describe('contract: snapshot input errors and warnings', () => {
  it('a file with a wrong type → exit 2 naming the file and the JSON path', async () => {
    const snap = makeSnapshot({ 'v.json': { Vpcs: [{ VpcId: 5, CidrBlock: '10.0.0.0/16' }] } });
    const r = await run(['exposure', snap, '--format', 'json']);
    expectUsageError(r, 'v.json');
    expect(r.stderr).toContain('$.Vpcs[0].VpcId');
  });

  it('an empty directory → exit 2 saying no AWS data was found', async () => {
    const dir = tempDir('empty-snap');
    expectUsageError(await run(['scan', dir]), dir);
  });

  it('a file given as SNAPSHOT → exit 2 naming it', async () => {
    const file = fixture('not-json.txt');
    expectUsageError(await run(['egress', file]), 'not-json.txt');
  });

  describe('unknown keys are warned about on stderr, never fatal; stdout stays one JSON document', () => {
    const snap = makeSnapshot({
      'v.json': {
        Vpcs: [{ VpcId: 'vpc-0aaaaaaaaaaaaaaa1', CidrBlock: '10.9.0.0/16', OwnerId: '111122223333' }],
      },
      'f.json': { Frobnicators: [] },
    });
    for (const cmd of ['scan', 'exposure', 'egress', 'inventory', 'reconcile']) {
      it(cmd, async () => {
        const r = await run([cmd, snap, '--format', 'json']);
        expect(r.code).toBe(0);
        expect(r.stderr).toContain('Frobnicators');
        // inventory reports what could not be loaded as a result; the others only warn
        if (cmd !== 'inventory') expect(r.stdout).not.toContain('Frobnicators');
        expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
      });
    }
  });
});

describe('contract: collection/runtime errors → exit 3 with a message, no stack trace', () => {
  const cleared = [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ];
  const saved = new Map<string, string | undefined>();
  /** No credentials anywhere (and no instance metadata): every AWS call fails fast, offline. */
  async function withoutCredentials<T>(f: () => Promise<T>): Promise<T> {
    const dir = tempDir('no-aws');
    const set: Record<string, string> = {
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: `${dir}/config`,
      AWS_SHARED_CREDENTIALS_FILE: `${dir}/credentials`,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    };
    for (const k of [...cleared, ...Object.keys(set)]) saved.set(k, process.env[k]);
    for (const k of cleared) delete process.env[k];
    Object.assign(process.env, set);
    try {
      return await f();
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }

  it('collect --out DIR without credentials', async () => {
    const out = `${tempDir('collect')}/snapshot`;
    const r = await withoutCredentials(() => run(['collect', '--out', out, '--regions', 'us-east-1']));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/credentials/i);
    expectNoStackTrace(r);
    expect(r.stdout).toBe('');
  });

  it('reconcile --live without credentials', async () => {
    const r = await withoutCredentials(() => run(['reconcile', '--live', '--region', 'us-east-1']));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/credentials/i);
    expectNoStackTrace(r);
    expect(r.stdout).toBe('');
  });
});

describe('contract: bad flag values are input errors (exit 2 naming the value)', () => {
  it('scope with an unmodelled ResourceTypes entry names the type instead of reporting nothing', async () => {
    const dir = tempDir('perimeter-contract-scope-');
    const file = `${dir}/scope.json`;
    writeFileSync(
      file,
      JSON.stringify({
        MatchPaths: [{ Destination: { ResourceStatement: { ResourceTypes: ['AWS::Nope'] } } }],
      }),
    );
    expectUsageError(await run(['scope', file]), '"AWS::Nope" is not modelled');
  });
  it('scan --today with an impossible date', async () => {
    expectUsageError(await run(['scan', '--today', '2026-13-45']), '--today "2026-13-45" is not a date');
  });
  it('generate --out under a file names --out', async () => {
    const dir = tempDir('perimeter-contract-out-');
    const file = `${dir}/a-file`;
    writeFileSync(file, '');
    expectUsageError(
      await run(['generate', '--config', 'examples/demo/perimeter.yaml', '--out', `${file}/sub`]),
      `--out ${file}/sub`,
    );
  });
  it('trace from the internet to the internet is not a flow through the estate', async () => {
    expectUsageError(
      await run(['trace', '--from', 'internet', '--to', 'internet']),
      'both ends are on the internet',
    );
  });
});
