// trace to and through load balancers on the demo estate (examples/demo/README.md: the sandbox ALB
// in front of i-0165f673b344f14a8), and agreement with `exposure`: every exposure through a load
// balancer is an accepted trace through it, and every accepted trace through a load balancer to a
// target is an exposure (demo, the load-balancer-trace and load-balancer-client-ip scenarios).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { traceJson } from '../../src/cli/commands/trace.js';
import { buildEstate, type RawDocument } from '../../src/estate/build.js';
import { loadSnapshot } from '../../src/estate/load.js';
import type { Estate } from '../../src/estate/model.js';
import { computeExposure, exposureNotes, trace, TraceInputError } from '../../src/reach/index.js';

const ALB =
  'arn:aws:elasticloadbalancing:us-east-1:444444444444:loadbalancer/app/sandbox-web-alb/8f2c6e1d0b3a4c57';
const LISTENER =
  'arn:aws:elasticloadbalancing:us-east-1:444444444444:listener/app/sandbox-web-alb/8f2c6e1d0b3a4c57/6d1e0a9b8c7f5e43';
const TG = 'arn:aws:elasticloadbalancing:us-east-1:444444444444:targetgroup/sandbox-web-tg/3c9a1f7e5b2d4068';
const WEB = 'i-0165f673b344f14a8';
// Node in sandbox-public-b (subnet-019acc16d49a960d0 sorts before public-a's subnet-09e165e1c135e0620).
const NODE_PATH = [
  'internet',
  'igw-0c8f0ab78052bc73e',
  'vpc-0de72628ff24d8d9b',
  'subnet-019acc16d49a960d0',
  'rtb-0071f0495137cb528',
  'acl-09357a46ca0ff99d1',
  'sg-03ada23670b78105c',
  'eni-092fc000a8c60393c',
  ALB,
];

function scenarioEstate(file: string): Estate {
  const s = parse(readFileSync(join('test', 'scenarios', 'reach', file), 'utf8')) as {
    documents: RawDocument[];
  };
  return buildEstate(s.documents);
}

let demo: Estate;
let scenario: Estate;
let clientIp: Estate;
beforeAll(async () => {
  demo = await loadSnapshot(join('examples', 'demo'));
  scenario = scenarioEstate('load-balancer-trace.yaml');
  clientIp = scenarioEstate('load-balancer-client-ip.yaml');
});

describe('demo: trace to the sandbox ALB', () => {
  it.each([
    ['ARN', ALB],
    ['name', 'sandbox-web-alb'],
    ['DNS name', 'sandbox-web-alb-1843927561.us-east-1.elb.amazonaws.com'],
  ])('by %s on tcp/443 is accepted at the listener', (_how, to) => {
    const r = trace(demo, { from: 'internet', to, protocol: 'tcp', port: 443 });
    expect(r.disposition).toBe('accepted');
    expect(r.hops).toEqual([...NODE_PATH, LISTENER]);
    expect(r.blockedBy).toEqual([]);
    expect(r.notModelled).toEqual([]);
    expect(r.flow).toEqual({ src: '8.8.8.8', dst: '34.196.60.245', protocol: 'tcp', port: 443 });
    expect(r.viaLoadBalancers).toBeUndefined();
  });

  it('on tcp/22 is denied in by the ALB security group, and no listener takes port 22', () => {
    const r = trace(demo, { from: 'internet', to: 'sandbox-web-alb', protocol: 'tcp', port: 22 });
    expect(r.disposition).toBe('denied-in');
    expect(r.hops).toEqual(NODE_PATH);
    expect(JSON.parse(traceJson(r)).blockedBy).toEqual([
      {
        kind: 'security-group',
        phase: 'request',
        direction: 'ingress',
        ids: ['sg-03ada23670b78105c'],
        reason: 'no ingress rule of sg-03ada23670b78105c on eni-092fc000a8c60393c allows tcp/22 from 8.8.8.8',
      },
      {
        kind: 'load-balancer',
        phase: 'request',
        id: ALB,
        reason: 'sandbox-web-alb has no tcp listener on port 22 (listeners: HTTPS 443)',
      },
    ]);
  });

  it('to the node address 52.4.188.17 goes through that node (sandbox-public-a) to the listener', () => {
    const r = trace(demo, { from: 'internet', to: '52.4.188.17', protocol: 'tcp', port: 443 });
    expect(r.disposition).toBe('accepted');
    expect(r.hops).toEqual([
      'internet',
      'igw-0c8f0ab78052bc73e',
      'vpc-0de72628ff24d8d9b',
      'subnet-09e165e1c135e0620',
      'rtb-0071f0495137cb528',
      'acl-09357a46ca0ff99d1',
      'sg-03ada23670b78105c',
      'eni-05e533b585d4529e5',
      ALB,
      LISTENER,
    ]);
  });

  it('from inside the estate is refused with the node addresses to use', () => {
    expect(() =>
      trace(demo, { from: 'i-0c1d2e3f4a5b6c7d8', to: 'sandbox-web-alb', protocol: 'tcp', port: 443 }),
    ).toThrow(
      new TraceInputError(
        "--to sandbox-web-alb is a load balancer: a trace to it starts from the internet (--from internet or an internet address); from inside the estate trace to one of its nodes' private addresses (10.3.0.200, 10.3.1.210)",
      ),
    );
  });
});

describe('demo: trace through the ALB to i-0165f673b344f14a8', () => {
  const via = {
    loadBalancerArn: ALB,
    listenerArn: LISTENER,
    targetGroupArn: TG,
    targetId: WEB,
    targetPort: 80,
    disposition: 'accepted',
    // The node in the target's own subnet: same-subnet delivery, no NACL on the second leg.
    hops: [...NODE_PATH, LISTENER, TG, WEB],
    blockedBy: [],
    notModelled: [],
  };

  it('tcp/443: the direct path is denied by the instance SG, the path through the ALB is accepted', () => {
    const r = trace(demo, { from: 'internet', to: WEB, protocol: 'tcp', port: 443 });
    expect(r.disposition).toBe('denied-in');
    expect(r.blockedBy.map((b) => [b.kind, b.ids])).toEqual([['security-group', ['sg-0f65ec61e7150cccb']]]);
    expect(r.viaLoadBalancers).toEqual([via]);
  });

  it('--through-lb by the private address gives the same path', () => {
    const r = trace(demo, { from: 'internet', to: '10.3.1.77', protocol: 'tcp', port: 443, throughLb: true });
    expect(r.disposition).toBe('null-routed');
    expect(r.viaLoadBalancers).toEqual([via]);
  });

  it('tcp/80 (no listener on 80): the direct denial only, unless --through-lb is given', () => {
    const r = trace(demo, { from: 'internet', to: WEB, protocol: 'tcp', port: 80 });
    expect(r.disposition).toBe('denied-in');
    expect(r.viaLoadBalancers).toBeUndefined();
    const asked = trace(demo, { from: 'internet', to: WEB, protocol: 'tcp', port: 80, throughLb: true });
    expect(asked.viaLoadBalancers?.map((v) => [v.disposition, v.blockedBy.at(-1)?.reason])).toEqual([
      ['denied-in', 'sandbox-web-alb has no tcp listener on port 80 (listeners: HTTPS 443)'],
    ]);
  });

  it('tcp/22 through the ALB: refused by its SG and no listener', () => {
    const r = trace(demo, { from: 'internet', to: WEB, protocol: 'tcp', port: 22, throughLb: true });
    expect(r.viaLoadBalancers).toHaveLength(1);
    const v = r.viaLoadBalancers![0]!;
    expect(v.disposition).toBe('denied-in');
    expect(v.listenerArn).toBeUndefined();
    expect(v.hops).toEqual(NODE_PATH);
    expect(v.blockedBy.map((b) => b.kind)).toEqual(['security-group', 'load-balancer']);
  });

  it('an instance that is no target gets no viaLoadBalancers, even with --through-lb an empty list', () => {
    const auto = trace(demo, { from: 'internet', to: 'i-00bcaca882b41dda2', protocol: 'tcp', port: 22 });
    expect(auto.disposition).toBe('denied-in');
    expect(auto.viaLoadBalancers).toBeUndefined();
    const asked = trace(demo, {
      from: 'internet',
      to: 'i-00bcaca882b41dda2',
      protocol: 'tcp',
      port: 22,
      throughLb: true,
    });
    expect(asked.viaLoadBalancers).toEqual([]);
  });
});

/** Target exposures (through a load balancer) as "resource|lbArn|tgArn|port". */
function targetExposures(estate: Estate): string[] {
  return computeExposure(estate)
    .filter(
      (e) => e.evidence.loadBalancer?.targetGroupArn !== undefined && e.resourceType !== 'load-balancer',
    )
    .flatMap((e) =>
      e.ports.map(
        (p) =>
          `${e.resourceId}|${e.evidence.loadBalancer!.arn}|${e.evidence.loadBalancer!.targetGroupArn}|${p.from}`,
      ),
    )
    .sort();
}

/** Every registered target × listener forwarding to its group, traced through the load balancer. */
function acceptedThroughTraces(estate: Estate): string[] {
  const out: string[] = [];
  for (const listener of estate.listeners.values()) {
    const lb = estate.loadBalancers.get(listener.loadBalancerArn);
    if (!lb) continue;
    const protocol = listener.protocol.toUpperCase() === 'UDP' ? 'udp' : 'tcp';
    for (const tgArn of listener.targetGroupArns) {
      for (const h of estate.index.targetHealthByTargetGroup.get(tgArn) ?? []) {
        const r = trace(estate, {
          from: 'internet',
          to: h.targetId,
          protocol,
          port: listener.port,
          throughLb: true,
        });
        for (const v of r.viaLoadBalancers ?? []) {
          if (v.disposition !== 'accepted' || v.loadBalancerArn !== lb.arn || v.targetGroupArn !== tgArn)
            continue;
          const eni = estate.index.enisByInstance.get(h.targetId) ? h.targetId : v.hops[v.hops.length - 1]!;
          out.push(`${eni}|${lb.arn}|${tgArn}|${listener.port}`);
        }
      }
    }
  }
  return [...new Set(out)].sort();
}

describe('trace through load balancers agrees with exposure', () => {
  it('demo: the one exposure through the ALB is the one accepted path through it', () => {
    expect(targetExposures(demo)).toEqual([`${WEB}|${ALB}|${TG}|443`]);
    expect(acceptedThroughTraces(demo)).toEqual(targetExposures(demo));
  });

  it('load-balancer-trace scenario: i-app1 (ALB), i-app4 and eni-ip1 (NLB), and nothing else', () => {
    const a = 'arn:aws:elasticloadbalancing:us-east-1:777777777777';
    expect(targetExposures(scenario)).toEqual([
      `eni-ip1|${a}:loadbalancer/net/tcp-front/bbbb2222|${a}:targetgroup/ip-tg/3|6000`,
      `i-app1|${a}:loadbalancer/app/web/aaaa1111|${a}:targetgroup/web-tg/1|443`,
      `i-app4|${a}:loadbalancer/net/tcp-front/bbbb2222|${a}:targetgroup/nlb-tg/2|5000`,
    ]);
    expect(acceptedThroughTraces(scenario)).toEqual(targetExposures(scenario));
  });

  it('load-balancer-client-ip scenario: i-c2 (NLB SG referenced) and eni-c3 (ip target, node address), not i-c1 nor 10.9.2.40 (client address preserved), nothing through the failed NLB', () => {
    const a = 'arn:aws:elasticloadbalancing:eu-west-1:666666666666';
    expect(targetExposures(clientIp)).toEqual([
      `eni-c3|${a}:loadbalancer/net/open-nlb/1111aaaa|${a}:targetgroup/c3/3|9200`,
      `i-c2|${a}:loadbalancer/net/guarded-nlb/2222bbbb|${a}:targetgroup/c2/2|9100`,
    ]);
    expect(acceptedThroughTraces(clientIp)).toEqual(targetExposures(clientIp));
  });

  it('the preserve_client_ip assumption is the same note in the exposure (via and evidence) and in the trace', () => {
    const a = 'arn:aws:elasticloadbalancing:eu-west-1:666666666666';
    const note = 'not modelled: preserve_client_ip.enabled of c2 (the AWS default is assumed: on)';
    const e = computeExposure(clientIp).find((x) => x.resourceId === 'i-c2');
    expect(e?.via.at(-1)).toBe(note);
    expect(e?.evidence.notModelled).toEqual([note]);
    expect(e?.evidence.securityGroupRules).toEqual([
      { groupId: 'sg-guard', text: 'ingress tcp 9100 from 0.0.0.0/0' },
      { groupId: 'sg-from-guard', text: 'ingress tcp 9100 from sg-guard' },
    ]);
    expect(e?.evidence.loadBalancer).toEqual({
      arn: `${a}:loadbalancer/net/guarded-nlb/2222bbbb`,
      listenerArn: `${a}:listener/net/guarded-nlb/2222bbbb/l9100`,
      targetGroupArn: `${a}:targetgroup/c2/2`,
    });
    const r = trace(clientIp, { from: 'internet', to: 'i-c2', protocol: 'tcp', port: 9100 });
    expect(r.viaLoadBalancers?.map((v) => [v.disposition, v.notModelled])).toEqual([['accepted', [note]]]);
  });

  it('a load balancer that is not active exposes nothing, and exposureNotes says why', () => {
    const a = 'arn:aws:elasticloadbalancing:eu-west-1:666666666666';
    const all = computeExposure(clientIp);
    expect(all.filter((e) => e.via.some((v) => v.includes('stale-nlb')))).toEqual([]);
    expect(exposureNotes(clientIp)).toEqual([
      `stale-nlb is failed, not active: it does not route traffic; nothing is exposed through it (${a}:loadbalancer/net/stale-nlb/5555eeee)`,
    ]);
    // The provisioning ALB "fresh" of the other scenario, and none in the demo.
    expect(exposureNotes(scenario)).toEqual([
      'fresh is provisioning, not active: it does not route traffic; nothing is exposed through it (arn:aws:elasticloadbalancing:us-east-1:777777777777:loadbalancer/app/fresh/abab7777)',
    ]);
    expect(exposureNotes(demo)).toEqual([]);
  });

  it('load balancer exposures: each exposed listener port is an accepted trace to the load balancer', () => {
    for (const estate of [demo, scenario, clientIp]) {
      const exposed = computeExposure(estate)
        .filter((e) => e.resourceType === 'load-balancer')
        .flatMap((e) => e.ports.map((p) => `${e.resourceId}|${e.protocol}|${p.from}`))
        .sort();
      const accepted: string[] = [];
      for (const l of estate.listeners.values()) {
        const protocol = l.protocol.toUpperCase() === 'UDP' ? 'udp' : 'tcp';
        const r = trace(estate, { from: 'internet', to: l.loadBalancerArn, protocol, port: l.port });
        if (r.disposition === 'accepted') accepted.push(`${l.loadBalancerArn}|${protocol}|${l.port}`);
      }
      expect(accepted.sort()).toEqual(exposed);
      expect(exposed.length).toBeGreaterThan(0);
    }
  });

  it('property: trace --to a load balancer is accepted exactly on the ports exposure lists for it', () => {
    const estates = [demo, scenario, clientIp];
    const lbs = estates.flatMap((estate) =>
      [...estate.loadBalancers.values()].map((lb) => ({ estate, arn: lb.arn })),
    );
    const exposed = new Map<string, { from: number; to: number }[]>();
    for (const estate of estates) {
      for (const e of computeExposure(estate)) {
        if (e.resourceType === 'load-balancer' && e.ipVersion === 4)
          exposed.set(`${e.resourceId}|${e.protocol}`, [...e.ports]);
      }
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...lbs),
        fc.constantFrom('tcp', 'udp'),
        fc.oneof(
          fc.constantFrom(22, 80, 443, 5000, 6000, 7000, 9000, 9100, 9200, 9300, 9400),
          fc.integer({ min: 0, max: 65535 }),
        ),
        ({ estate, arn }, protocol, port) => {
          const r = trace(estate, { from: 'internet', to: arn, protocol, port });
          const open = (exposed.get(`${arn}|${protocol}`) ?? []).some((x) => x.from <= port && port <= x.to);
          expect(r.disposition === 'accepted').toBe(open);
        },
      ),
      { numRuns: 300 },
    );
  });
});
