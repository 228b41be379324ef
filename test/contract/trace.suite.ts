// `perimeter trace --from X --to Y [--protocol P] [--port N] --format json`:
// {"disposition", "hops": [ids], "blockedBy": [...]}; X/Y: instance id, ENI id, IP, `internet`;
// P: tcp udp icmp icmpv6, a protocol number, `all`; bad values → exit 2 naming the value.
import { describe, expect, it } from 'vitest';
import { demoIds, expectedTraces } from '../examples/demo-expected.js';
import { expectUsageError, extraKeys, isRecord, parseStdout, run, type CliRun } from './helpers.js';

interface TraceJson {
  disposition: string;
  hops: string[];
  blockedBy: unknown[];
}

const dispositions = ['accepted', 'exits-network', 'denied-in', 'denied-out', 'no-route', 'null-routed'];
/** Keys beyond the documented three that trace prints (reported, not wrong). */
const knownExtras = ['flow', 'notModelled', 'viaLoadBalancers'];

const ssh = demoIds.instances.sshBox;
const sshEni = 'eni-00b7e3bf848aba8d3';
const sshPublicIp = '54.164.22.91';

async function traceJson(from: string, to: string, ...more: string[]): Promise<{ r: CliRun; t: TraceJson }> {
  const r = await run(['trace', '--from', from, '--to', to, ...more, '--format', 'json']);
  const t = parseStdout<TraceJson>(r);
  return { r, t };
}

function expectTraceShape(t: TraceJson): void {
  expect(extraKeys(t, ['disposition', 'hops', 'blockedBy'], knownExtras)).toEqual([]);
  expect(dispositions).toContain(t.disposition);
  expect(Array.isArray(t.hops)).toBe(true);
  for (const h of t.hops) expect(typeof h).toBe('string');
  expect(Array.isArray(t.blockedBy)).toBe(true);
  if (t.disposition === 'accepted' || t.disposition === 'exits-network') expect(t.blockedBy).toEqual([]);
  else expect(t.blockedBy.length, `${t.disposition} names what blocks it`).toBeGreaterThan(0);
  for (const b of t.blockedBy) expect(isRecord(b) || typeof b === 'string').toBe(true);
}

describe('contract: trace --format json on the demo estate', () => {
  for (const x of expectedTraces) {
    it(`${x.from} → ${x.to} ${x.protocol}/${x.port}: ${x.disposition}`, async () => {
      const { r, t } = await traceJson(x.from, x.to, '--protocol', x.protocol, '--port', String(x.port));
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expectTraceShape(t);
      expect(t.disposition).toBe(x.disposition);
      if (x.blockedBy) expect(JSON.stringify(t.blockedBy[0])).toContain(x.blockedBy);
    });
  }

  it('two runs print identical bytes', async () => {
    const args = [
      'trace',
      '--from',
      demoIds.instances.prodApp1,
      '--to',
      'internet',
      '--protocol',
      'tcp',
      '--port',
      '443',
      '--format',
      'json',
    ];
    const a = await run(args);
    const b = await run(args);
    expect(b.stdout).toBe(a.stdout);
  });

  it('no-route: a private subnet on its main table (no route to the hub) names the route table', async () => {
    const { r, t } = await traceJson(
      demoIds.instances.dev1,
      '10.0.20.21',
      '--protocol',
      'tcp',
      '--port',
      '443',
    );
    expect(r.code).toBe(0);
    expectTraceShape(t);
    expect(t.disposition).toBe('no-route');
    expect(t.hops[0]).toBe(demoIds.instances.dev1);
    expect(JSON.stringify(t.blockedBy)).toContain('rtb-0e61ae13e75b6cf04');
  });

  it('every blockedBy entry says why (a non-empty reason)', async () => {
    for (const x of expectedTraces.filter((e) => e.blockedBy)) {
      const { t } = await traceJson(x.from, x.to, '--protocol', x.protocol, '--port', String(x.port));
      for (const b of t.blockedBy) {
        expect(isRecord(b)).toBe(true);
        expect(typeof (b as { reason?: unknown }).reason).toBe('string');
      }
    }
  });

  it('hops start at the source and end at the destination', async () => {
    const { t } = await traceJson('internet', ssh, '--protocol', 'tcp', '--port', '22');
    expect(t.hops[0]).toBe('internet');
    expect(t.hops.at(-1)).toBe(ssh);
    expect(t.hops).toContain(demoIds.igw.sandbox);
  });
});

describe('contract: trace through a load balancer (viaLoadBalancers, docs/trace-load-balancers.md)', () => {
  const alb =
    'arn:aws:elasticloadbalancing:us-east-1:444444444444:loadbalancer/app/sandbox-web-alb/8f2c6e1d0b3a4c57';
  const tg =
    'arn:aws:elasticloadbalancing:us-east-1:444444444444:targetgroup/sandbox-web-tg/3c9a1f7e5b2d4068';
  const web = 'i-0165f673b344f14a8';

  it('internet → i-0165f673b344f14a8 tcp/443: the direct path is denied-in, the path through the ALB accepted', async () => {
    const { r, t } = await traceJson('internet', web, '--protocol', 'tcp', '--port', '443');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expectTraceShape(t);
    expect(t.disposition).toBe('denied-in');
    expect(JSON.stringify(t.blockedBy[0])).toContain('sg-0f65ec61e7150cccb');
    const via = (t as TraceJson & { viaLoadBalancers?: unknown }).viaLoadBalancers;
    expect(Array.isArray(via)).toBe(true);
    const list = via as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    const v = list[0]!;
    expect(
      extraKeys(
        v,
        ['loadBalancerArn', 'targetGroupArn', 'targetId', 'disposition', 'hops', 'blockedBy'],
        ['listenerArn', 'targetPort', 'notModelled'],
      ),
    ).toEqual([]);
    expect(v.loadBalancerArn).toBe(alb);
    expect(v.targetGroupArn).toBe(tg);
    expect(v.targetId).toBe(web);
    expect(v.targetPort).toBe(80);
    expect(v.disposition).toBe('accepted');
    expect(v.blockedBy).toEqual([]);
    const hops = v.hops as string[];
    expect(hops[0]).toBe('internet');
    expect(hops.slice(-3)).toEqual([String(v.listenerArn), tg, web]);
    expect(hops).toContain(alb);
  });

  it('internet → the ALB by name tcp/443 is accepted at its listener (no viaLoadBalancers)', async () => {
    const { r, t } = await traceJson('internet', 'sandbox-web-alb', '--protocol', 'tcp', '--port', '443');
    expect(r.code).toBe(0);
    expectTraceShape(t);
    expect(t.disposition).toBe('accepted');
    expect(t.hops.at(-2)).toBe(alb);
    expect('viaLoadBalancers' in t).toBe(false);
  });
});

describe('contract: trace endpoints (instance id, ENI id, IP, internet)', () => {
  it('the same flow by instance id, ENI id and public IP gives the same answer', async () => {
    const byInstance = await traceJson('internet', ssh, '--protocol', 'tcp', '--port', '22');
    const byEni = await traceJson('internet', sshEni, '--protocol', 'tcp', '--port', '22');
    const byIp = await traceJson('internet', sshPublicIp, '--protocol', 'tcp', '--port', '22');
    for (const x of [byInstance, byEni, byIp]) {
      expect(x.r.code).toBe(0);
      expect(x.t.disposition).toBe('accepted');
    }
    expect(byEni.t.hops).toEqual(byInstance.t.hops);
    expect(byIp.t.hops).toEqual(byInstance.t.hops);
  });

  it('a private IP is accepted as destination', async () => {
    const { r, t } = await traceJson(
      demoIds.instances.prodApp1,
      '10.0.20.21',
      '--protocol',
      'tcp',
      '--port',
      '443',
    );
    expect(r.code).toBe(0);
    expectTraceShape(t);
  });
});

describe('contract: trace protocols', () => {
  it('a protocol number equals its name (6 = tcp)', async () => {
    const byName = await traceJson('internet', ssh, '--protocol', 'tcp', '--port', '22');
    const byNumber = await traceJson('internet', ssh, '--protocol', '6', '--port', '22');
    expect(byNumber.r.code).toBe(0);
    expect(byNumber.t.disposition).toBe(byName.t.disposition);
    expect(byNumber.t.hops).toEqual(byName.t.hops);
  });

  for (const p of ['udp', 'icmp', 'icmpv6', '17', '1', '47']) {
    it(`--protocol ${p} is accepted`, async () => {
      const more = p === 'udp' || p === '17' ? ['--port', '53'] : [];
      const { r, t } = await traceJson('internet', ssh, '--protocol', p, ...more);
      expect(r.code).toBe(0);
      expectTraceShape(t);
    });
  }

  it('--protocol all: only rules that allow every protocol let it through (the SSH box allows tcp 22/3389 only)', async () => {
    const { r, t } = await traceJson('internet', ssh, '--protocol', 'all');
    expect(r.code).toBe(0);
    expect(t.disposition).toBe('denied-in');
    expect(JSON.stringify(t.blockedBy)).toContain(demoIds.securityGroups.sandboxSsh);
  });

  it('udp to a port no rule allows is denied-in by the security group', async () => {
    const { t } = await traceJson('internet', ssh, '--protocol', 'udp', '--port', '53');
    expect(t.disposition).toBe('denied-in');
    expect(JSON.stringify(t.blockedBy)).toContain(demoIds.securityGroups.sandboxSsh);
  });
});

describe('contract: trace bad values → exit 2 naming the value', () => {
  const base = ['trace', '--format', 'json'];
  const cases: [string, string[], string][] = [
    ['unknown protocol name', ['--from', 'internet', '--to', ssh, '--protocol', 'sctpish'], 'sctpish'],
    ['protocol number out of range', ['--from', 'internet', '--to', ssh, '--protocol', '300'], '300'],
    [
      'port out of range',
      ['--from', 'internet', '--to', ssh, '--protocol', 'tcp', '--port', '99999'],
      '99999',
    ],
    ['port not a number', ['--from', 'internet', '--to', ssh, '--protocol', 'tcp', '--port', 'ssh'], '"ssh"'],
    ['unknown instance', ['--from', 'i-0123456789abcdef0', '--to', 'internet'], 'i-0123456789abcdef0'],
    [
      'unknown ENI',
      ['--from', 'internet', '--to', 'eni-0123456789abcdef0', '--protocol', 'tcp', '--port', '22'],
      'eni-0123456789abcdef0',
    ],
    ['not an address', ['--from', 'internet', '--to', '999.1.1.1'], '999.1.1.1'],
    ['garbage endpoint', ['--from', 'over-there', '--to', ssh], 'over-there'],
    ['missing --to', ['--from', 'internet'], '--to'],
    ['missing --from', ['--to', ssh], '--from'],
  ];
  for (const [title, args, mention] of cases) {
    it(title, async () => {
      expectUsageError(await run([...base, ...args]), mention);
    });
  }

  it('tcp without --port → exit 2 naming --port', async () => {
    expectUsageError(await run([...base, '--from', 'internet', '--to', ssh, '--protocol', 'tcp']), '--port');
  });
});
