// The demo estate's exposures and egress, pinned in golden files (regenerate with UPDATE_GOLDEN=1),
// and the trace table of examples/demo/README.md "(1) Exposures".
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { egressJson } from '../../src/cli/commands/egress.js';
import { exposureJson } from '../../src/cli/commands/exposure.js';
import { loadSnapshot } from '../../src/estate/load.js';
import type { Estate } from '../../src/estate/model.js';
import { computeEgress, computeExposure, trace } from '../../src/reach/index.js';

const goldenDir = join('test', 'golden', 'reach');
let estate: Estate;

beforeAll(async () => {
  estate = await loadSnapshot(join('examples', 'demo'));
});

function golden(name: string, actual: string): void {
  const file = join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('demo estate (examples/demo)', () => {
  it('exposures match the golden file and the README table', () => {
    const list = computeExposure(estate);
    golden('demo-exposure.json', exposureJson(list));
    expect(
      list.map((e) => [e.resourceId, e.protocol, e.ports.map((p) => `${p.from}-${p.to}`).join(',')]),
    ).toEqual([
      [
        'arn:aws:elasticloadbalancing:us-east-1:444444444444:loadbalancer/app/sandbox-web-alb/8f2c6e1d0b3a4c57',
        'tcp',
        '443-443',
      ],
      ['i-0165f673b344f14a8', 'tcp', '443-443'],
      ['i-0c1d2e3f4a5b6c7d8', 'tcp', '22-22,3389-3389'],
    ]);
  });

  it('egress matches the golden file and the README table', () => {
    const list = computeEgress(estate);
    golden('demo-egress.json', egressJson(list));
    const kinds = Object.fromEntries(list.map((e) => [e.subnetId, `${e.ipv4.kind}/${e.ipv6.kind}`]));
    expect(kinds).toEqual({
      'subnet-0928ce0eedeede7ab': 'igw/none',
      'subnet-0090e4f7e8ded3b4c': 'igw/none',
      'subnet-04d4550bb60f43d8a': 'nat/none',
      'subnet-04e933a41d0a53bef': 'nat/none',
      'subnet-02e30030620162174': 'none/none',
      'subnet-060f48995836add83': 'none/none',
      'subnet-0405206d0d878a872': 'nat/none',
      'subnet-0f34eb7c048f08af4': 'nat/none',
      'subnet-07b31a84685fad0f1': 'nat/none',
      'subnet-0b2608334937d41b1': 'nat/none',
      'subnet-095f32b227c85b17a': 'nat/none',
      'subnet-03439290986df2bea': 'nat/eigw',
      'subnet-00075a69aed82598a': 'nat/none',
      'subnet-00b56f829adb97265': 'nat/none',
      'subnet-0bd492ac1c097deab': 'none/none',
      'subnet-00b168340d68e533c': 'none/none',
      'subnet-09e165e1c135e0620': 'igw/none',
      'subnet-019acc16d49a960d0': 'igw/none',
      'subnet-03e354834b4ab22ac': 'igw/none',
      'subnet-041ed2d21e27530e0': 'none/none',
      'subnet-0f99401636c44c9f0': 'none/none',
      'subnet-0bfdb057a350fe5c6': 'none/none',
    });
    const prodApp = list.find((e) => e.subnetId === 'subnet-0b2608334937d41b1')!;
    expect(prodApp.ipv4.sourceIps).toEqual(['44.206.118.54']);
    expect(prodApp.ipv4.path).toContain('tgw-09d7f8e1f9c152c8b');
  });

  it.each([
    ['internet', 'i-0c1d2e3f4a5b6c7d8', 22, 'accepted', undefined],
    [
      'internet',
      'i-00bcaca882b41dda2',
      22,
      'denied-in',
      { kind: 'network-acl', id: 'acl-09dbbe0b31cbc054b', ruleNumber: 90 },
    ],
    ['internet', 'i-0896593c1fc194b5d', 22, 'null-routed', { kind: 'address' }],
    [
      'internet',
      'i-0165f673b344f14a8',
      80,
      'denied-in',
      { kind: 'security-group', ids: ['sg-0f65ec61e7150cccb'] },
    ],
    [
      'internet',
      '3.224.51.30',
      5432,
      'denied-out',
      { kind: 'route', phase: 'reply', routeTableId: 'rtb-06ef27c5ebe76b941' },
    ],
    ['i-02b6a8bde3c9de891', 'internet', 443, 'null-routed', { kind: 'peering', id: 'pcx-0160ad98663f212e8' }],
    ['i-02b6a8bde3c9de891', '10.0.20.21', 443, 'accepted', undefined],
    ['i-0fe62d8cc181109c0', 'internet', 443, 'exits-network', undefined],
    ['i-0fe62d8cc181109c0', '10.0.20.21', 443, 'accepted', undefined],
    ['internet', 'sandbox-web-alb', 443, 'accepted', undefined],
    [
      'internet',
      'sandbox-web-alb',
      22,
      'denied-in',
      { kind: 'security-group', ids: ['sg-03ada23670b78105c'] },
    ],
    [
      'internet',
      'i-0165f673b344f14a8',
      443,
      'denied-in',
      { kind: 'security-group', ids: ['sg-0f65ec61e7150cccb'] },
    ],
  ] as const)('README trace %s → %s tcp/%i is %s', (from, to, port, disposition, first) => {
    const r = trace(estate, { from, to, protocol: 'tcp', port });
    expect(r.disposition).toBe(disposition);
    if (first) expect(r.blockedBy[0]).toMatchObject(first);
    else expect(r.blockedBy).toEqual([]);
  });

  it('README trace internet → i-0165f673b344f14a8 tcp/443: accepted through sandbox-web-alb to port 80', () => {
    const r = trace(estate, { from: 'internet', to: 'i-0165f673b344f14a8', protocol: 'tcp', port: 443 });
    expect(r.viaLoadBalancers?.map((v) => [v.disposition, v.targetGroupArn, v.targetPort])).toEqual([
      [
        'accepted',
        'arn:aws:elasticloadbalancing:us-east-1:444444444444:targetgroup/sandbox-web-tg/3c9a1f7e5b2d4068',
        80,
      ],
    ]);
  });
});

describe('demo estate: seed 004 access scope', () => {
  it('"all SQS traffic from the workload VPCs goes through the hub endpoint" finds only shared-services', async () => {
    const { runAccessScope } = await import('../../src/reach/index.js');
    const scope = {
      MatchPaths: [
        {
          Source: {
            ResourceStatement: {
              Resources: ['vpc-01a1a3f583f190061', 'vpc-0a565546d745fa1b4', 'vpc-05cce53c08129fca6'],
            },
          },
          Destination: { ServiceStatement: { Services: ['sqs'] } },
        },
      ],
      ExcludePaths: [
        {
          Destination: { ServiceStatement: { Services: ['sqs'] } },
          ThroughResources: [{ ResourceStatement: { Resources: ['vpce-082e39be8e0e403a9'] } }],
        },
      ],
    };
    const r = runAccessScope(estate, scope);
    // prod-app resolves through the private hosted zone to the hub endpoint (excluded); prod-data has
    // no egress at all (its calls fail); shared-services is not associated with the zone and leaves
    // through the TGW and the hub NAT.
    expect(r.AnalysisFindings.map((f) => f.FindingComponents.map((c) => c.Component.Id))).toEqual([
      [
        'i-0aea759b1be845868',
        'eni-0954bdb0d96ea1f1e',
        'sg-0defe84cfd3dd63f3',
        'acl-0ca37448984097546',
        'subnet-0405206d0d878a872',
        'rtb-027f666cd6d3b4b4c',
        'tgw-09d7f8e1f9c152c8b',
        'tgw-attach-0857dd8120acd5ddf',
        'tgw-rtb-0495e391391f4b5ad',
        'tgw-attach-046f5f01615c55dd6',
        'vpc-08cd7fa2072baf59c',
        'subnet-04d4550bb60f43d8a',
        'rtb-0527bd4360cf817a4',
        'nat-035e68f5d0ae0b074',
        'rtb-016b194a527e5df62',
        'igw-0e94402cc613cdd74',
        'com.amazonaws.us-east-1.sqs',
      ],
    ]);
    const withoutExclusion = runAccessScope(estate, { MatchPaths: scope.MatchPaths });
    const throughHub = withoutExclusion.AnalysisFindings.filter((f) =>
      f.FindingComponents.some((c) => c.Component.Id === 'vpce-082e39be8e0e403a9'),
    );
    expect(throughHub.length).toBeGreaterThan(0);
    expect(throughHub.every((f) => f.FindingComponents[0]!.Vpc?.Id === 'vpc-01a1a3f583f190061')).toBe(true);
  });
});
