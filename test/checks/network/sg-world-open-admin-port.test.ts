import { describe, expect, it } from 'vitest';
import { sgWorldOpenAdminPort } from '../../../src/checks/network/sg-world-open-admin-port.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { emptyIntent, intentSchema } from '../../../src/config/intent.js';
import { estateOf, sg, tcp, vpc } from '../../support/raw.js';

function run(ingress: unknown[], intent = emptyIntent()) {
  const estate = estateOf({
    Vpcs: [vpc('vpc-a', '10.0.0.0/16')],
    SecurityGroups: [sg('sg-1', 'vpc-a', ingress)],
  });
  const r = sgWorldOpenAdminPort.run(makeContext(estate, intent));
  if (!Array.isArray(r)) throw new Error('expected findings');
  return r;
}

describe('sg-world-open-admin-port', () => {
  it('compliant: SSH from a corporate range and HTTPS from anywhere are not findings', () => {
    expect(run([tcp(22, 22, ['203.0.113.0/24']), tcp(443, 443, ['0.0.0.0/0'])])).toEqual([]);
  });

  it('compliant: the two halves of the internet on different ports do not add up', () => {
    expect(run([tcp(22, 22, ['0.0.0.0/1']), tcp(3389, 3389, ['128.0.0.0/1'])])).toEqual([]);
  });

  it('non-compliant: SSH open to 0.0.0.0/0', () => {
    const r = run([tcp(22, 22, ['0.0.0.0/0'])]);
    expect(
      r.map((f) => [f.resource.id, f.evidence?.protocol, f.evidence?.port, f.evidence?.ipVersions]),
    ).toEqual([['sg-1', 'tcp', 22, [4]]]);
    expect(r[0]?.discriminator).toBe('tcp/22');
  });

  it('non-compliant: 0.0.0.0/1 + 128.0.0.0/1 on RDP is the whole internet (CIDR union across rules)', () => {
    const r = run([tcp(3389, 3389, ['0.0.0.0/1']), tcp(3000, 4000, ['128.0.0.0/1'])]);
    expect(r.map((f) => `${String(f.evidence?.protocol)}/${String(f.evidence?.port)}`)).toEqual(['tcp/3389']);
    expect(r[0]?.evidence?.rules).toEqual([
      'ingress #0 tcp 3389 from 0.0.0.0/1',
      'ingress #1 tcp 3000-4000 from 128.0.0.0/1',
    ]);
  });

  it('non-compliant: IPv6 ::/0 on PostgreSQL, and all-traffic rules count for every port', () => {
    const r = run([tcp(5432, 5432, [], ['::/0'])]);
    expect(r.map((f) => [f.evidence?.port, f.evidence?.ipVersions])).toEqual([[5432, [6]]]);
    const all = run(
      [
        {
          IpProtocol: '-1',
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ],
      intentSchema.parse({ ports: { critical: [22] } }),
    );
    expect(all.map((f) => `${String(f.evidence?.protocol)}/${String(f.evidence?.port)}`)).toEqual([
      'tcp/22',
      'udp/22',
    ]);
  });
});

describe('sg-world-open-admin-port severity', () => {
  it('non-compliant: latent (medium) without a path, critical when the internet reaches a host through the rule', async () => {
    const { estateWithOrg, vpcWithIgw } = await import('../../support/raw.js');
    const { makeContext: ctxOf } = await import('../../../src/checks/run-checks.js');
    const sev = (routeToIgw: boolean) => {
      const estate = estateWithOrg({
        '111122223333': vpcWithIgw({
          accountId: '111122223333',
          vpcId: 'vpc-a',
          cidr: '10.0.0.0/16',
          igwId: 'igw-a',
          routeToIgw,
          publicIp: '198.51.100.7',
        }),
      });
      const r = sgWorldOpenAdminPort.run(ctxOf(estate, emptyIntent()));
      return Array.isArray(r) ? r.map((f) => [f.resource.id, f.severity, f.evidence?.reachableNow]) : r;
    };
    expect(sev(false)).toEqual([['sg-a', 'medium', []]]);
    expect(sev(true)).toEqual([['sg-a', 'critical', ['eni-a']]]);
  });
});
